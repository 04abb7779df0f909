// Contract checks every registered feature kind must pass (the optuna idea: one suite, run against
// each implementation): streaming equals batch exactly, and no value at t changes when the bars
// after t are removed. Indicator tests call these beside their TA-Lib comparisons.
import { expect } from 'vitest';
import { readBarsCsv } from '../../lib/data/csv';
import { sliceBars, type Bars } from '../../lib/data/bars';
import type { BarValues, FeatureKind } from '../../lib/features/kind';
import { SP500_GZ } from '../data/fixtures';

let sp500: Bars | undefined;
/** The arch package's S&P 500 daily OHLCV (5,030 bars, 1999-2018), read once per test file. */
export function sp500Bars(): Bars {
  return (sp500 ??= readBarsCsv(SP500_GZ, { symbol: 'SPX' }));
}

/** Runs the streaming path over `bars` and returns one column per output. */
export function streamColumns<P extends object>(kind: FeatureKind<P>, bars: Bars, params: P): Float64Array[] {
  const outputs = kind.outputs(params).length;
  const n = bars.time.length;
  const cols = Array.from({ length: outputs }, () => new Float64Array(n));
  const stream = kind.stream(params);
  for (let t = 0; t < n; t++) {
    const bar: BarValues = {
      time: bars.time[t]!, open: bars.open[t]!, high: bars.high[t]!, low: bars.low[t]!, close: bars.close[t]!,
      volume: bars.volume[t]!, ...(bars.adjClose ? { adjClose: bars.adjClose[t]! } : {}),
    };
    const values = stream.update(bar);
    for (let j = 0; j < outputs; j++) cols[j]![t] = values[j]!;
  }
  return cols;
}

/** Streaming equals batch bit for bit (NaN where batch is NaN). */
export function expectStreamingEqualsBatch<P extends object>(kind: FeatureKind<P>, bars: Bars, params: P): void {
  const batch = kind.batch(bars, params);
  const stream = streamColumns(kind, bars, params);
  expect(stream.length).toBe(batch.length);
  batch.forEach((col, j) => {
    const mismatch = col.findIndex((v, t) => !Object.is(v, stream[j]![t]) && Math.abs(v - stream[j]![t]!) > 1e-12 * Math.max(1, Math.abs(v)));
    expect(mismatch, `${kind.kind}.${kind.outputs(params)[j]} streaming differs from batch at row ${mismatch}`).toBe(-1);
  });
}

/** Values at t are the same whether or not the bars after t exist, at each cut point. */
export function expectNoLookAhead<P extends object>(kind: FeatureKind<P>, bars: Bars, params: P, cuts: readonly number[]): void {
  const full = kind.batch(bars, params);
  for (const cut of cuts) {
    const head = kind.batch(sliceBars(bars, 0, cut), params);
    full.forEach((col, j) => {
      const mismatch = head[j]!.findIndex((v, t) => !Object.is(v, col[t]));
      expect(mismatch, `${kind.kind}.${kind.outputs(params)[j]} at row ${mismatch} changes when bars after ${cut} are removed`).toBe(-1);
    });
  }
}

/**
 * Compares with a reference after the reference's warm-up: NaN exactly where the reference is NaN,
 * elsewhere |ours - ref| <= rtol * max(|ref|, floor). Returns the largest relative error seen.
 */
export function expectMatchesReference(name: string, ours: Float64Array, ref: readonly (number | null)[], rtol = 1e-9, floor = 1e-8): number {
  expect(ours.length, `${name}: length`).toBe(ref.length);
  let worst = 0;
  for (let t = 0; t < ref.length; t++) {
    const r = ref[t];
    const o = ours[t]!;
    if (r === null || Number.isNaN(r)) {
      expect(Number.isNaN(o), `${name}[${t}]: ours ${o}, reference NaN (warm-up)`).toBe(true);
      continue;
    }
    const err = Math.abs(o - r) / Math.max(Math.abs(r), floor);
    if (!(err <= rtol)) expect.fail(`${name}[${t}]: ours ${o}, reference ${r}, relative error ${err} > ${rtol}`);
    worst = Math.max(worst, err);
  }
  return worst;
}
