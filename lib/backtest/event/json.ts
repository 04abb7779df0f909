// A run as plain JSON (typed arrays as number arrays, NaN as null) and back.
import type { EventBacktestResult } from './types';

export type EventBacktestJSON = Omit<EventBacktestResult, 'time' | 'equity' | 'cash' | 'returns' | 'positions'> & {
  readonly time: (number | null)[];
  readonly equity: (number | null)[];
  readonly cash: (number | null)[];
  readonly returns: (number | null)[];
  readonly positions: (number | null)[];
};

const SERIES = ['time', 'equity', 'cash', 'returns', 'positions'] as const;

export function eventResultToJSON(result: EventBacktestResult): EventBacktestJSON {
  const out: Record<string, unknown> = { ...result };
  for (const key of SERIES) out[key] = Array.from(result[key], (v) => (Number.isFinite(v) ? v : null));
  return JSON.parse(JSON.stringify(out)) as EventBacktestJSON;
}

export function eventResultFromJSON(json: EventBacktestJSON): EventBacktestResult {
  const out: Record<string, unknown> = { ...json };
  for (const key of SERIES) out[key] = Float64Array.from(json[key], (v) => (v === null ? Number.NaN : v));
  return out as unknown as EventBacktestResult;
}
