// What a saved model records about where it came from: a fingerprint of the exact data it was
// trained on, of the feature definitions that turn raw input into its features, the library
// version and the configuration. A model can then be traced to its data and refused when it is
// served against features whose definitions changed.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isoDate } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';

export interface ModelMetadata {
  /** SHA-256 (hex) of the training data's raw columns (see dataFingerprint). */
  readonly dataFingerprint: string;
  readonly dataRows: number;
  /** ISO dates of the first and last training bar. */
  readonly dataStart: string;
  readonly dataEnd: string;
  /** SHA-256 (hex, 16 characters) of the canonical JSON of the feature definitions. */
  readonly featureSetFingerprint: string;
  readonly libraryVersion: string;
  /** The training configuration, as the kind saved it. */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * SHA-256 (hex) of named columns: per column, in the order given, its UTF-8 name, a NUL byte,
 * its length as a little-endian uint32 and its values as little-endian float64. Equal data in
 * equal order gives an equal fingerprint on any machine.
 */
export function dataFingerprint(columns: Readonly<Record<string, ArrayLike<number>>>): string {
  const hash = createHash('sha256');
  for (const [name, values] of Object.entries(columns)) {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(values.length);
    const body = Buffer.alloc(8 * values.length);
    for (let i = 0; i < values.length; i++) body.writeDoubleLE(values[i]!, 8 * i);
    hash.update(Buffer.from(name, 'utf8')).update(Buffer.from([0])).update(head).update(body);
  }
  return hash.digest('hex');
}

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v);
}

/** SHA-256 (hex, first 16 characters) of canonicalJson(value), as featureSetFingerprint does for one set. */
export function specFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

let cachedVersion: string | undefined;

/** The version in the library's package.json (found from this file, in lib/ or lib/dist/). */
export function libraryVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'quantlab' && typeof pkg.version === 'string') return (cachedVersion = pkg.version);
  }
  return (cachedVersion = 'unknown');
}

/** Metadata of a model trained on `columns` (the raw input's shape: time first). */
export function trainingMetadata(columns: Readonly<Record<string, ArrayLike<number>>>, featureSetFingerprint: string, config: object): ModelMetadata {
  const time = columns.time;
  if (!time || time.length === 0) {
    throw new InvalidArgumentError('training.time', time, 'is empty or missing', 'pass the data the model was trained on, with its time column');
  }
  return {
    dataFingerprint: dataFingerprint(columns),
    dataRows: time.length,
    dataStart: isoDate(time[0]!),
    dataEnd: isoDate(time[time.length - 1]!),
    featureSetFingerprint,
    libraryVersion: libraryVersion(),
    config: JSON.parse(JSON.stringify(config)) as Record<string, unknown>,
  };
}
