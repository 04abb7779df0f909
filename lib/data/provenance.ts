// Every data file carries a `<file>.source.json` saying where it came from, under which licence,
// and its SHA-256, so a result can be traced to the exact bytes it was computed from and a
// silently replaced file is caught before it feeds an experiment.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import { writeFileAtomic } from '../util/project';

export interface ProvenanceRecord {
  /** Where the bytes came from (URL, package and path, vendor). */
  readonly source: string;
  readonly licence: string;
  /** Hex SHA-256 of the data file. */
  readonly sha256: string;
  readonly rows?: number;
  readonly file?: string;
  readonly description?: string;
  readonly [key: string]: unknown;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const CHUNK_BYTES = 1 << 20;

/** The sidecar path holding a data file's provenance. */
export function provenancePath(path: string): string {
  return `${path}.source.json`;
}

/** Hex SHA-256 of a file, read in chunks so large files need not fit in memory. */
export function sha256File(path: string): string {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(path, 'check the path to the data file');
    throw error;
  }
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function writeProvenance(path: string, record: ProvenanceRecord): void {
  checkRecord(record, (field, value, problem, fix) => new InvalidArgumentError(`record.${field}`, value, problem, fix));
  writeFileAtomic(provenancePath(path), JSON.stringify(record, null, 2) + '\n');
}

export function readProvenance(path: string): ProvenanceRecord {
  const sidecar = provenancePath(path);
  if (!fs.existsSync(sidecar)) {
    throw new FileNotFoundError(sidecar, `record where ${path} came from with writeProvenance(path, { source, licence, sha256: sha256File(path) })`);
  }
  let record: ProvenanceRecord;
  try {
    record = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as ProvenanceRecord;
  } catch (error) {
    throw new DataFormatError(sidecar, undefined, `is not valid JSON (${(error as Error).message})`, 'fix the JSON or write it again with writeProvenance');
  }
  checkRecord(record, (field, value, problem, fix) => new DataFormatError(sidecar, undefined, `${field} = ${JSON.stringify(value)}: ${problem}`, fix));
  return record;
}

/** Recomputes the file's SHA-256 and throws if it differs from the recorded one; returns the record. */
export function verifyProvenance(path: string): ProvenanceRecord {
  // The data file itself first: its absence is the real problem, not its sidecar's.
  if (!fs.existsSync(path)) throw new FileNotFoundError(path, 'restore the data file from its source (the bundled samples: run `npm run setup`)');
  const record = readProvenance(path);
  const actual = sha256File(path);
  if (actual !== record.sha256.toLowerCase()) {
    throw new DataFormatError(path, undefined,
      `SHA-256 mismatch: ${provenancePath(path)} records ${record.sha256} but the file hashes to ${actual}`,
      'restore the original file from its source, or, if the new file is intended, record it with writeProvenance (new sha256, source and licence)');
  }
  return record;
}

type MakeError = (field: string, value: unknown, problem: string, fix: string) => Error;

function checkRecord(record: ProvenanceRecord, fail: MakeError): void {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw fail('(record)', record, 'must be an object', 'pass { source, licence, sha256 }');
  for (const field of ['source', 'licence'] as const) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim() === '') throw fail(field, value, 'must be a non-empty string', `say the data's ${field}`);
  }
  if (typeof record.sha256 !== 'string' || !SHA256_HEX.test(record.sha256.toLowerCase())) {
    throw fail('sha256', record.sha256, 'must be 64 hex digits', 'use sha256File(path)');
  }
  if (record.rows !== undefined && !(Number.isInteger(record.rows) && record.rows >= 0)) {
    throw fail('rows', record.rows, 'must be a non-negative integer', 'give the number of data rows, or leave it out');
  }
}
