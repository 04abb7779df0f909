// Moving-average crossover sweep: every (fast, slow) pair of the two window lists, long on
// "fast crosses above slow", out (or short, with direction 'both') on "fast crosses below slow".
// Each distinct window's average is computed once from one running sum (crossover.ts), so the cost
// is O(windows x bars) for the averages plus O(pairs x bars) for signals and simulation; pairs are
// simulated in chunks (sweep.ts) and only their summary rows are kept.
// Pairs with fast >= slow are skipped by default (pairs: 'fastBelowSlow'): with equal windows
// nothing ever crosses and fast > slow is the mirrored strategy; pairs: 'all' keeps them. Repeated
// windows in a list count once. Rows run over fast windows, then slow windows (slow varies fastest).
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { crossSignals, movingAverageFromSum, runningSum } from './crossover';
import { runSweep, SWEEP_SIMULATION_KEYS, type SweepSimulationOptions, type SweepTable } from './sweep';

export type PairFilter = 'fastBelowSlow' | 'all';
export const DEFAULT_PAIR_FILTER: PairFilter = 'fastBelowSlow';

export interface MaPair {
  readonly fast: number;
  readonly slow: number;
}

export interface MaCrossoverSweepOptions extends SweepSimulationOptions<MaPair> {
  readonly fast: readonly number[];
  readonly slow: readonly number[];
  readonly pairs?: PairFilter;
}

export function maCrossoverSweep(options: MaCrossoverSweepOptions): SweepTable {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', options, 'must be an options object', 'pass { prices, fast, slow, ... }');
  }
  rejectUnknownOptions('options', options, [...SWEEP_SIMULATION_KEYS, 'fast', 'slow', 'pairs']);
  const { fast: fastList, slow: slowList, pairs, ...simulation } = options;
  const fastWindows = windows('fast', fastList);
  const slowWindows = windows('slow', slowList);
  const filter = pairs ?? DEFAULT_PAIR_FILTER;
  if (filter !== 'fastBelowSlow' && filter !== 'all') {
    throw new InvalidArgumentError('options.pairs', filter, "must be 'fastBelowSlow' or 'all'", "pass 'all' to keep pairs with fast >= slow");
  }
  const fast: number[] = [];
  const slow: number[] = [];
  for (const f of fastWindows) for (const s of slowWindows) if (filter === 'all' || f < s) (fast.push(f), slow.push(s));
  if (fast.length === 0) {
    throw new InvalidArgumentError('options.fast', fastList, `leaves no pair with a slow window above it (slow: ${describe(slowList)})`, "pass fast windows below some slow window, or pairs: 'all'");
  }
  const close = options.prices?.close;
  if (!(close instanceof Float64Array)) {
    throw new InvalidArgumentError('options.prices.close', close, 'must be a Float64Array', 'pass { close } (a Bars object works)');
  }
  // One average per distinct window, shared by every pair that uses it.
  const sum = runningSum(close);
  const averages = new Map<number, Float64Array>();
  for (const w of new Set([...fast, ...slow])) averages.set(w, movingAverageFromSum(sum, w));
  return runSweep<MaPair>({
    rows: fast.length,
    params: { fast: Float64Array.from(fast), slow: Float64Array.from(slow) },
    valuesOf: (row) => ({ fast: fast[row]!, slow: slow[row]! }),
    signals: (row, out) => crossSignals(averages.get(fast[row]!)!, averages.get(slow[row]!)!, out.entries, out.exits),
  }, simulation);
}

function windows(name: string, values: readonly number[]): number[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidArgumentError(`options.${name}`, values, 'must be a non-empty list of windows', `pass e.g. ${name}: [10, 20, 50]`);
  }
  values.forEach((w, k) => {
    if (!(Number.isInteger(w) && w >= 1)) {
      throw new InvalidArgumentError(`options.${name}[${k}]`, w, 'must be a positive integer number of bars', 'pass whole numbers of bars, e.g. 20');
    }
  });
  return [...new Set(values)];
}

function describe(values: readonly number[]): string {
  return Array.isArray(values) ? `[${values.slice(0, 5).join(', ')}${values.length > 5 ? ', ...' : ''}]` : String(values);
}
