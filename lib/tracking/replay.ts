// Replaying the offline journal in order. Each entry is marked `attempt` before it is sent and
// `done` once the server acknowledged it. An entry that may already have been applied (its first
// send or an earlier replay was cut short) is re-sent without the metric values the run already
// holds: the SQL stores drop an exact duplicate (key, value, timestamp, step) themselves, but the
// file store and older servers keep both, so the client does not rely on it. Params, tags, run
// updates and artifact uploads are idempotent and simply re-sent.
import { isOutage, MlflowApiError } from './errors';
import type { JournalEntry, LockedJournal, OfflineOp } from './offline';
import { toMetricPoint, type MetricPoint } from './types';

type Json = Record<string, any>;

/** What a replay needs from the server; the client provides it over connections that skip the journal. */
export interface ReplayTarget {
  post(endpoint: string, body: unknown): Promise<unknown>;
  /** The run's raw JSON (`data.metrics` holds each key's latest value with its step and timestamp). */
  getRun(runId: string): Promise<Json>;
  metricHistory(runId: string, key: string): Promise<MetricPoint[]>;
  putArtifact(runId: string, artifactPath: string, bytes: Uint8Array): Promise<void>;
}

export interface OfflineFlushReport {
  /** Entries the server acknowledged in this flush. */
  readonly replayed: number;
  /** Metric values not re-sent because the run already held them. */
  readonly duplicatesSkipped: number;
  /** Entries the server refused; kept in the journal's rejected file with its answer. */
  readonly rejected: number;
  /** Entries still waiting (0 unless the flush stopped at an outage). */
  readonly pending: number;
}

/** Replays pending entries in order; stops at the first outage (rethrown) and keeps the rest. */
export async function replayJournal(j: LockedJournal, target: ReplayTarget): Promise<OfflineFlushReport> {
  let replayed = 0, duplicatesSkipped = 0, rejected = 0;
  try {
    for (const entry of j.pending()) {
      try {
        const { op, skipped } = entry.maybeApplied ? await withoutAppliedMetrics(entry, target) : { op: entry.op, skipped: 0 };
        j.markAttempt(entry.id);
        if (op) await send(op, target);
        j.markDone(entry.id);
        replayed++;
        duplicatesSkipped += skipped;
      } catch (error) {
        if (isOutage(error) || !(error instanceof MlflowApiError)) throw error;
        j.reject(entry, error);
        rejected++;
      }
    }
  } finally {
    j.compact();
  }
  return { replayed, duplicatesSkipped, rejected, pending: j.pending().length };
}

async function send(op: OfflineOp, target: ReplayTarget): Promise<void> {
  if (op.kind === 'artifact') await target.putArtifact(op.runId, op.artifactPath, Buffer.from(op.base64, 'base64'));
  else await target.post(op.endpoint, op.body);
}

interface WireMetric {
  readonly key: string;
  readonly value: number | string;
  readonly timestamp: number;
  readonly step: number;
}

const signature = (m: { value: number | string; timestamp: number | string; step: number | string }): string =>
  `${String(Number(m.value))}|${Number(m.timestamp)}|${Number(m.step)}`;

/**
 * The entry's op without metric values the run already holds (undefined when nothing is left).
 * One getRun settles most values from each key's latest point: a value newer than it was never
 * stored, a value equal to it was; only the rest need the key's history.
 */
async function withoutAppliedMetrics(entry: JournalEntry, target: ReplayTarget): Promise<{ op: OfflineOp | undefined; skipped: number }> {
  const op = entry.op;
  if (op.kind !== 'post' || op.endpoint !== 'runs/log-batch') return { op, skipped: 0 };
  const body = op.body as { run_id: string; metrics?: WireMetric[]; params?: unknown[]; tags?: unknown[] };
  const metrics = body.metrics ?? [];
  if (metrics.length === 0) return { op, skipped: 0 };
  const run = await target.getRun(body.run_id);
  const latest = new Map<string, MetricPoint>(((run.data?.metrics ?? []) as Json[]).map((m) => [m.key as string, toMetricPoint(m)]));
  const verdict = metrics.map((m): 'absent' | 'present' | 'check' => {
    const l = latest.get(m.key);
    if (!l) return 'absent';
    if (signature(m) === signature(l)) return 'present';
    return Number(m.step) > l.step || (Number(m.step) === l.step && Number(m.timestamp) > l.timestamp) ? 'absent' : 'check';
  });
  const histories = new Map<string, Set<string>>();
  for (const key of new Set(metrics.filter((_, i) => verdict[i] === 'check').map((m) => m.key))) {
    histories.set(key, new Set((await target.metricHistory(body.run_id, key)).map(signature)));
  }
  const unsent = metrics.filter((m, i) => verdict[i] === 'absent' || (verdict[i] === 'check' && !histories.get(m.key)!.has(signature(m))));
  const skipped = metrics.length - unsent.length;
  const rest = { ...body, metrics: unsent };
  const empty = unsent.length === 0 && (body.params ?? []).length === 0 && (body.tags ?? []).length === 0;
  return { op: empty ? undefined : { ...op, body: rest }, skipped };
}
