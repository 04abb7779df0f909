// Splitting log-batch payloads to MLflow's per-request limits (mlflow/utils/validation.py).
import { InvalidArgumentError } from '../util/errors';
import type { MetricEntry } from './types';

export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_TAGS_PER_BATCH = 100;
export const MAX_ENTITIES_PER_BATCH = 1000;

interface Kv { readonly key: string; readonly value: string }

export interface BatchChunk<M> {
  readonly metrics: M[];
  readonly params: Kv[];
  readonly tags: Kv[];
}

/** Greedy: each request takes up to 100 params, 100 tags, then metrics up to the 1000-entity cap. */
export function chunkBatch<M>(metrics: readonly M[], params: readonly Kv[], tags: readonly Kv[]): BatchChunk<M>[] {
  const chunks: BatchChunk<M>[] = [];
  let m = 0, p = 0, t = 0;
  while (m < metrics.length || p < params.length || t < tags.length) {
    const ps = params.slice(p, p + MAX_PARAMS_TAGS_PER_BATCH);
    const ts = tags.slice(t, t + MAX_PARAMS_TAGS_PER_BATCH);
    const room = Math.min(MAX_METRICS_PER_BATCH, MAX_ENTITIES_PER_BATCH - ps.length - ts.length);
    const ms = metrics.slice(m, m + room);
    chunks.push({ metrics: ms, params: ps, tags: ts });
    m += ms.length; p += ps.length; t += ts.length;
  }
  return chunks;
}

export function toMetricEntries(metrics: Record<string, number> | readonly MetricEntry[], options: { step?: number; timestamp?: number }): readonly MetricEntry[] {
  const entries = Array.isArray(metrics)
    ? (metrics as readonly MetricEntry[])
    : Object.entries(metrics as Record<string, number>).map(([key, value]) => ({ key, value, ...options }));
  for (const e of entries) {
    if (typeof e.value !== 'number') throw new InvalidArgumentError(`metrics.${e.key}`, e.value, 'must be a number', 'log numbers only; put strings in params or tags');
  }
  return entries;
}

/** Params and tags are strings in MLflow; numbers and booleans are stringified, objects refused. */
export function toStringRecord(argument: string, record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') out[key] = String(value);
    else throw new InvalidArgumentError(`${argument}.${key}`, value, 'must be a string, number or boolean', 'JSON.stringify structured values first');
  }
  return out;
}
