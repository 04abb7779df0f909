import { beforeAll, describe, expect, it } from 'vitest';
import { parameterSweepGrid } from '../../../lib/backtest/validation';
import { runPython } from '../../helpers/python';

// Reference: pandas DataFrame.pivot_table(index=y, columns=x, values=metric, aggfunc=max/mean,
// dropna=False) on a three-parameter sweep with missing combinations; exact up to summation order.
type Row = { fast: number; slow: number; stop: number; sharpe: number };
let rows: Row[];
let ref: { index: number[]; columns: number[]; max: (number | null)[][]; mean: (number | null)[][] };

beforeAll(() => {
  rows = [];
  let k = 0;
  for (const slow of [100, 50, 200]) {
    for (const fast of [20, 5, 10]) {
      for (const stop of [0.02, 0.05]) {
        k++;
        if (fast === 10 && slow === 200) continue; // a combination the sweep skipped
        rows.push({ fast, slow, stop, sharpe: Math.sin(k) + fast / slow });
      }
    }
  }
  ref = runPython(`
import pandas as pd, numpy as np
df = pd.DataFrame(inp)
def pivot(f):
    p = df.pivot_table(index='slow', columns='fast', values='sharpe', aggfunc=f, dropna=False)
    return p, [[None if np.isnan(v) else float(v) for v in row] for row in p.values]
pmax, vmax = pivot('max')
_, vmean = pivot('mean')
print(json.dumps({'index': pmax.index.tolist(), 'columns': pmax.columns.tolist(), 'max': vmax, 'mean': vmean}))
`, rows);
});

const nan = (m: readonly Float64Array[]) => m.map((row) => Array.from(row, (v) => (Number.isNaN(v) ? null : v)));

describe('parameterSweepGrid', () => {
  it('pivots rows like pandas pivot_table (max and mean over the third parameter), NaN where missing', () => {
    const g = parameterSweepGrid(rows, { x: 'fast', y: 'slow', metric: 'sharpe', aggregate: 'max' });
    expect(g.xValues).toEqual(ref.columns);
    expect(g.yValues).toEqual(ref.index);
    expect(g.xValues).toEqual([5, 10, 20]);
    expect(nan(g.z)).toEqual(ref.max);
    const mean = parameterSweepGrid(rows, { x: 'fast', y: 'slow', metric: 'sharpe', aggregate: 'mean' });
    nan(mean.z).forEach((row, i) => row.forEach((v, j) => {
      const e = ref.mean[i]![j];
      if (e === null) expect(v).toBeNull(); else expect(v).toBeCloseTo(e, 14);
    }));
    expect(Number.isNaN(g.z[2]![1]!)).toBe(true); // slow 200, fast 10
    const min = parameterSweepGrid(rows, { x: 'fast', y: 'slow', metric: 'sharpe', aggregate: 'min' });
    const cell = rows.filter((r) => r.fast === 5 && r.slow === 50).map((r) => r.sharpe);
    expect(min.z[0]![0]).toBe(Math.min(...cell));
  });

  it('takes columns too, keeps string parameters in order of appearance, and needs no aggregate for a plain grid', () => {
    const g = parameterSweepGrid(
      { kind: ['ema', 'sma', 'ema', 'sma'], window: Float64Array.of(20, 20, 50, 50), sharpe: [0.5, 0.4, NaN, 0.7] },
      { x: 'kind', y: 'window', metric: 'sharpe' },
    );
    expect(g).toMatchObject({ x: 'kind', y: 'window', metric: 'sharpe', xValues: ['ema', 'sma'], yValues: [20, 50] });
    expect(nan(g.z)).toEqual([[0.5, 0.4], [null, 0.7]]);
    // A NaN run never wins a max.
    const best = parameterSweepGrid([{ a: 1, b: 1, m: NaN }, { a: 1, b: 1, m: 0.2 }, { a: 1, b: 1, m: NaN }], { x: 'a', y: 'b', metric: 'm', aggregate: 'max' });
    expect(best.z[0]![0]).toBe(0.2);
  });

  it('rejects bad input, naming the argument, the value and the fix', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => parameterSweepGrid(rows, { x: 'fast', y: 'slow', metric: 'sharpe' }), /^results \(row 1\) = \{"fast":20,"slow":100\}: repeats a \(fast, slow\) cell\. Fix: pass aggregate: 'max', 'min' or 'mean'/],
      [() => parameterSweepGrid(rows, { x: 'fast', y: 'slow', metric: 'sortino', aggregate: 'max' }), /^results\[0\]\.sortino = undefined: must be a number \(NaN for a failed run\)\. Fix: check the metric name 'sortino'/],
      [() => parameterSweepGrid(rows, { x: 'fastt', y: 'slow', metric: 'sharpe' }), /^results\[0\]\.fastt = undefined: must be a finite number or a string\. Fix: check the parameter name 'fastt'/],
      [() => parameterSweepGrid(rows, { x: 'fast', y: 'fast', metric: 'sharpe' }), /^options\.y = "fast": is the same parameter as options\.x/],
      [() => parameterSweepGrid(rows, { x: 'fast', y: 'slow', metric: 'sharpe', aggregate: 'median' as never }), /^options\.aggregate = "median": must be 'max', 'min' or 'mean'/],
      [() => parameterSweepGrid([], { x: 'fast', y: 'slow', metric: 'sharpe' }), /^results = array of length 0: is empty/],
      [() => parameterSweepGrid({ fast: [1, 2], slow: [1] , sharpe: [1, 2] }, { x: 'fast', y: 'slow', metric: 'sharpe' }), /^results\.slow\.length = 1: differs from the first column's length 2/],
      [() => parameterSweepGrid({ fast: [1, 2] }, { x: 'fast', y: 'slow', metric: 'sharpe' }), /^results\.slow = undefined: is not a column of the results\. Fix: pass results with a slow column \(columns: fast\)/],
      [() => parameterSweepGrid(rows, { x: 'fast', y: 'slow' } as never), /^options\.metric = undefined: must be a column name/],
      [() => parameterSweepGrid(rows, { x: 'fast', y: 'slow', metric: 'sharpe', agg: 'max' } as never), /^options\.agg = "max": is not a known option/],
    ];
    for (const [call, message] of cases) expect(call).toThrow(message);
  });
});
