// The scheduler's memory across restarts: for each job, the latest slot its last run covered.
// One small JSON file, rewritten atomically on every run start and finish.
import * as fs from 'node:fs';
import { DataFormatError } from '../util/errors';
import { writeFileAtomic } from '../util/project';

export type JobStatus = 'running' | 'succeeded' | 'failed';

export interface JobRecord {
  /**
   * The latest scheduled time the last run covered: its slot, or for a catch-up run its start
   * (a catch-up covers every slot missed before it).
   */
  readonly lastSlot: number;
  readonly lastStartedAt: number;
  readonly lastFinishedAt?: number;
  /** 'running' after a crash mid-run: that slot still counts as taken. */
  readonly lastStatus: JobStatus;
}

export const STATE_FILE_VERSION = 1;
const STATUSES: readonly JobStatus[] = ['running', 'succeeded', 'failed'];
const FIX = 'delete the file to start afresh (each job then waits for its next slot)';

function isoTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

export function readSchedulerState(file: string): Map<string, JobRecord> {
  const jobs = new Map<string, JobRecord>();
  if (!fs.existsSync(file)) return jobs;
  let doc: any;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataFormatError(file, undefined, `is not valid JSON (${(error as Error).message})`, FIX);
  }
  if (typeof doc !== 'object' || doc === null || doc.version !== STATE_FILE_VERSION || typeof doc.jobs !== 'object' || doc.jobs === null) {
    throw new DataFormatError(file, undefined, `is not a version-${STATE_FILE_VERSION} scheduler state file ({ version, jobs })`, FIX);
  }
  for (const [name, raw] of Object.entries<any>(doc.jobs)) {
    const lastSlot = isoTime(raw?.lastSlot);
    const lastStartedAt = isoTime(raw?.lastStartedAt);
    const lastFinishedAt = raw?.lastFinishedAt === undefined ? undefined : isoTime(raw.lastFinishedAt);
    if (lastSlot === undefined || lastStartedAt === undefined || (raw.lastFinishedAt !== undefined && lastFinishedAt === undefined) || !STATUSES.includes(raw.lastStatus)) {
      throw new DataFormatError(file, undefined, `job ${JSON.stringify(name)} needs ISO times lastSlot and lastStartedAt and a lastStatus of ${STATUSES.join('|')}`, FIX);
    }
    jobs.set(name, { lastSlot, lastStartedAt, ...(lastFinishedAt === undefined ? {} : { lastFinishedAt }), lastStatus: raw.lastStatus });
  }
  return jobs;
}

export function writeSchedulerState(file: string, jobs: ReadonlyMap<string, JobRecord>): void {
  const iso = (t: number): string => new Date(t).toISOString();
  const out: Record<string, unknown> = {};
  for (const [name, r] of [...jobs].sort(([a], [b]) => a.localeCompare(b))) {
    out[name] = {
      lastSlot: iso(r.lastSlot), lastStartedAt: iso(r.lastStartedAt),
      ...(r.lastFinishedAt === undefined ? {} : { lastFinishedAt: iso(r.lastFinishedAt) }), lastStatus: r.lastStatus,
    };
  }
  writeFileAtomic(file, JSON.stringify({ version: STATE_FILE_VERSION, jobs: out }, null, 2) + '\n');
}
