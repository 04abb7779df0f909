// Field-level CSV parsing shared by the data readers: strict numbers and dates with the line
// number in every error, gzip decided by content, quotes stripped.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import { parseZonedDateTime, type Disambiguation } from './timezone';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Yahoo exports and the arch sample files write US dates (M/D/YYYY).
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function readText(path: string): string {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FileNotFoundError(path, 'check the path (relative paths resolve from the working directory; projectPath() resolves from the project root) or run `npm run setup` to install the sample data');
    }
    throw error;
  }
  // Decide by content, not name: a .gz that is really plain text (or the reverse) still reads.
  const gzipped = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  if (!gzipped) return raw.toString('utf8');
  try {
    return zlib.gunzipSync(raw).toString('utf8');
  } catch (error) {
    throw new DataFormatError(path, undefined, `is not a valid gzip file (${(error as Error).message})`, 'download the file again');
  }
}

export function splitFields(line: string): string[] {
  return line.split(',').map((f) => {
    const t = f.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
  });
}

export function parseNumber(path: string, line: number, column: string, text: string, missing: Set<string>): number {
  if (NUMBER.test(text)) return Number.parseFloat(text);
  if (missing.has(text.toLowerCase())) return Number.NaN;
  throw new DataFormatError(path, line, `${column} = ${JSON.stringify(text)} is not a number`,
    `repair the row, or pass options.missingValues if ${JSON.stringify(text)} marks a missing value in this file`);
}

export function parseDate(path: string, line: number, text: string): number {
  let y: number, m: number, d: number;
  const iso = ISO_DATE.exec(text);
  const us = iso ? null : US_DATE.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [y, m, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else throw new DataFormatError(path, line, `Date = ${JSON.stringify(text)} is not a date`, 'write dates as YYYY-MM-DD (or M/D/YYYY)');
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2021-02-30 over to March; a real date survives the round trip unchanged.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new DataFormatError(path, line, `Date = ${JSON.stringify(text)} is not a calendar date`, 'correct the date');
  }
  return ms;
}

/**
 * A Date field as epoch ms. A plain date is the exchange's local date: without `timezone` it is
 * stored as UTC midnight of that date (the library's historical convention, so isoDate() gives
 * the date back), with one as the instant of local midnight in that zone. A date-time with an
 * offset ('2020-03-09T09:30:00-04:00') is that instant; one without an offset is a wall-clock time
 * in `timezone` (UTC when absent), daylight-saving edges resolved by `disambiguation`.
 */
export function parseTimestamp(path: string, line: number, text: string, timezone?: string, disambiguation?: Disambiguation): number {
  const dateOnly = ISO_DATE.test(text) || US_DATE.test(text);
  if (dateOnly && timezone === undefined) return parseDate(path, line, text);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}[T ]\d/.test(text)) {
    throw new DataFormatError(path, line, `Date = ${JSON.stringify(text)} is not a date`, 'write dates as YYYY-MM-DD (or M/D/YYYY) and times as YYYY-MM-DD HH:mm:ss[+HH:MM]');
  }
  const iso = dateOnly ? isoText(path, line, text) : text;
  try {
    return parseZonedDateTime(iso, timezone, disambiguation === undefined ? {} : { disambiguation });
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new DataFormatError(path, line, `Date = ${JSON.stringify(text)} ${error.problem}`, error.fix);
  }
}

/** A plain date as 'YYYY-MM-DD', validated as a calendar date. */
function isoText(path: string, line: number, text: string): string {
  return new Date(parseDate(path, line, text)).toISOString().slice(0, 10);
}
