// Reads Yahoo-style daily OHLCV CSV (plain or gzip) into Bars. Parsing is strict: a row that
// cannot be read fails with its line number, because silently dropping rows shifts every later
// feature. Missing values written in the file's own convention ("" or "null" by default) become
// NaN and are left for validateBars to report, so a researcher sees them counted, not hidden.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import type { Bars } from './bars';
import { rejectUnknownOptions } from '../util/options';

export interface ReadBarsCsvOptions {
  readonly symbol: string;
  /** Field texts (compared case-insensitively, trimmed) that mean "missing". */
  readonly missingValues?: readonly string[];
}

export const DEFAULT_MISSING_VALUES: readonly string[] = ['', 'null'];

type ColumnKey = 'date' | 'open' | 'high' | 'low' | 'close' | 'adjclose' | 'volume';
const REQUIRED: readonly ColumnKey[] = ['date', 'open', 'high', 'low', 'close', 'volume'];
const DISPLAY: Record<ColumnKey, string> = {
  date: 'Date', open: 'Open', high: 'High', low: 'Low', close: 'Close', adjclose: 'Adj Close', volume: 'Volume',
};
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Yahoo exports and the arch sample files write US dates (M/D/YYYY).
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function readBarsCsv(path: string, options: ReadBarsCsvOptions): Bars {
  rejectUnknownOptions('options', options, ['symbol', 'missingValues']);
  if (typeof options?.symbol !== 'string' || options.symbol.trim() === '') {
    throw new InvalidArgumentError('options.symbol', options?.symbol, 'must be a non-empty string', "pass the ticker, e.g. { symbol: 'SPX' }");
  }
  const missing = new Set((options.missingValues ?? DEFAULT_MISSING_VALUES).map((m) => m.trim().toLowerCase()));
  const lines = readText(path).split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new DataFormatError(path, 1, 'the file is empty', 'export the CSV again with a header row');

  const header = splitFields(lines[0]!.replace(/^\uFEFF/, ''));
  const index = locateColumns(path, header);
  const n = lines.length - 1;
  const cols = {
    time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n),
    close: new Float64Array(n), volume: new Float64Array(n),
  };
  const adjClose = index.adjclose === undefined ? undefined : new Float64Array(n);
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const lineNo = i + 1;
    const fields = splitFields(text);
    if (fields.length !== header.length) {
      throw new DataFormatError(path, lineNo, `expected ${header.length} fields, found ${fields.length} in ${JSON.stringify(text)}`, 'repair or remove the row');
    }
    const num = (key: ColumnKey): number => parseNumber(path, lineNo, DISPLAY[key], fields[index[key]!]!, missing);
    cols.time[rows] = parseDate(path, lineNo, fields[index.date!]!);
    cols.open[rows] = num('open');
    cols.high[rows] = num('high');
    cols.low[rows] = num('low');
    cols.close[rows] = num('close');
    cols.volume[rows] = num('volume');
    if (adjClose) adjClose[rows] = num('adjclose');
    rows++;
  }
  // Blank lines inside the file were skipped, so the columns may be longer than the rows read.
  const trim = (a: Float64Array): Float64Array => (rows === n ? a : a.slice(0, rows));
  return {
    symbol: options.symbol,
    time: trim(cols.time), open: trim(cols.open), high: trim(cols.high), low: trim(cols.low),
    close: trim(cols.close), volume: trim(cols.volume),
    ...(adjClose ? { adjClose: trim(adjClose) } : {}),
  };
}

function readText(path: string): string {
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

function splitFields(line: string): string[] {
  return line.split(',').map((f) => {
    const t = f.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
  });
}

function locateColumns(path: string, header: string[]): Partial<Record<ColumnKey, number>> {
  const index: Partial<Record<ColumnKey, number>> = {};
  header.forEach((name, i) => {
    const key = name.toLowerCase().replace(/[\s_]/g, '') as ColumnKey;
    if (!(key in DISPLAY)) return; // extra columns are allowed and ignored
    if (index[key] !== undefined) {
      throw new DataFormatError(path, 1, `column "${DISPLAY[key]}" appears twice in the header`, 'remove the duplicate column');
    }
    index[key] = i;
  });
  for (const key of REQUIRED) {
    if (index[key] === undefined) {
      throw new DataFormatError(path, 1, `the header lacks the required column "${DISPLAY[key]}" (found: ${header.join(', ')})`,
        'export with the columns Date,Open,High,Low,Close,[Adj Close,]Volume');
    }
  }
  return index;
}

function parseNumber(path: string, line: number, column: string, text: string, missing: Set<string>): number {
  if (NUMBER.test(text)) return Number.parseFloat(text);
  if (missing.has(text.toLowerCase())) return Number.NaN;
  throw new DataFormatError(path, line, `${column} = ${JSON.stringify(text)} is not a number`,
    `repair the row, or pass options.missingValues if ${JSON.stringify(text)} marks a missing value in this file`);
}

function parseDate(path: string, line: number, text: string): number {
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
