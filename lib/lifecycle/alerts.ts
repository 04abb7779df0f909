// Alert records: what the retraining loop decided and why, one JSON object per line in
// <dir>/alerts.jsonl. Each record is one write(2) on a descriptor opened for appending, so
// concurrent writers never interleave inside a line; a reader ignores a torn last line (a crash
// mid-write) and rejects damage anywhere else.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataFormatError, InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { projectPath } from '../util/project';

export type AlertLevel = 'info' | 'warning' | 'error';
export type AlertKind = 'gate_failed' | 'degraded' | 'error' | 'promoted';

export interface AlertRecord {
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly job: string;
  readonly level: AlertLevel;
  readonly kind: AlertKind;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Where a record goes; runRetraining takes one so tests and other stores can stand in. */
export type AlertSink = (record: AlertRecord) => void | Promise<void>;

export interface AlertLogOptions {
  /** Folder holding alerts.jsonl; relative paths are taken from the project root (default 'reports'). */
  readonly dir?: string;
}

export interface ReadAlertsOptions extends AlertLogOptions {
  readonly job?: string;
  readonly kind?: AlertKind;
  readonly level?: AlertLevel;
  /** Only records at or after this time. */
  readonly since?: Date | number;
}

export const DEFAULT_ALERTS_DIR = 'reports';
export const ALERTS_FILE = 'alerts.jsonl';
export const ALERT_LEVELS: readonly AlertLevel[] = ['info', 'warning', 'error'];
export const ALERT_KINDS: readonly AlertKind[] = ['gate_failed', 'degraded', 'error', 'promoted'];
const RECORD_KEYS = ['time', 'job', 'level', 'kind', 'details'];

/** The alerts file under `dir`. */
export function alertsFile(options: AlertLogOptions = {}): string {
  rejectUnknownOptions('options', options, ['dir']);
  const dir = options.dir ?? DEFAULT_ALERTS_DIR;
  if (typeof dir !== 'string' || dir.length === 0) throw new InvalidArgumentError('options.dir', dir, 'must be a folder path', `pass e.g. '${DEFAULT_ALERTS_DIR}'`);
  return path.join(path.isAbsolute(dir) ? dir : projectPath(dir), ALERTS_FILE);
}

function checkRecord(record: AlertRecord): void {
  rejectUnknownOptions('record', record, RECORD_KEYS);
  if (typeof record.time !== 'string' || !Number.isFinite(Date.parse(record.time))) {
    throw new InvalidArgumentError('record.time', record.time, 'must be an ISO 8601 time', 'pass new Date().toISOString()');
  }
  if (typeof record.job !== 'string' || record.job.length === 0) throw new InvalidArgumentError('record.job', record.job, 'must be a non-empty string', 'name the job');
  if (!ALERT_LEVELS.includes(record.level)) throw new InvalidArgumentError('record.level', record.level, 'is not an alert level', `use one of ${ALERT_LEVELS.join(', ')}`);
  if (!ALERT_KINDS.includes(record.kind)) throw new InvalidArgumentError('record.kind', record.kind, 'is not an alert kind', `use one of ${ALERT_KINDS.join(', ')}`);
  if (typeof record.details !== 'object' || record.details === null || Array.isArray(record.details)) {
    throw new InvalidArgumentError('record.details', record.details, 'must be an object', 'pass {} or an object of facts');
  }
}

/** Appends one record as one line. */
export function appendAlert(record: AlertRecord, options: AlertLogOptions = {}): void {
  checkRecord(record);
  const file = alertsFile(options);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const line = Buffer.from(JSON.stringify({ time: record.time, job: record.job, level: record.level, kind: record.kind, details: record.details }) + '\n');
  const fd = fs.openSync(file, 'a');
  try {
    const written = fs.writeSync(fd, line);
    if (written !== line.length) throw new Error(`${file}: wrote ${written} of ${line.length} bytes of an alert record (disk full?)`);
  } finally {
    fs.closeSync(fd);
  }
}

/** A sink appending to `dir`/alerts.jsonl. */
export function fileAlertSink(options: AlertLogOptions = {}): AlertSink {
  alertsFile(options); // check the options now, not at the first alert
  return (record) => appendAlert(record, options);
}

/** The records in the file (none when it does not exist), oldest first, filtered. */
export function readAlerts(options: ReadAlertsOptions = {}): AlertRecord[] {
  rejectUnknownOptions('options', options, ['dir', 'job', 'kind', 'level', 'since']);
  const file = alertsFile(options.dir === undefined ? {} : { dir: options.dir });
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const complete = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const since = options.since === undefined ? -Infinity : options.since instanceof Date ? options.since.getTime() : options.since;
  const out: AlertRecord[] = [];
  for (let i = 0; i < complete; i++) {
    const line = lines[i]!;
    if (line.trim().length === 0) continue;
    let record: AlertRecord;
    try {
      record = JSON.parse(line) as AlertRecord;
      checkRecord(record);
    } catch (error) {
      if (i === lines.length - 1 && !text.endsWith('\n')) break; // a torn final write
      throw new DataFormatError(file, i + 1, `is not an alert record (${(error as Error).message})`, 'repair or delete that line');
    }
    if (options.job !== undefined && record.job !== options.job) continue;
    if (options.kind !== undefined && record.kind !== options.kind) continue;
    if (options.level !== undefined && record.level !== options.level) continue;
    if (Date.parse(record.time) < since) continue;
    out.push(record);
  }
  return out;
}
