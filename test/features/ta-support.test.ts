// Building blocks of the TA-Lib families: the restarting SMA against SmaState, and the column,
// ordering and zero checks.
import { describe, expect, it } from 'vitest';
import { SmaState } from '../../lib/features/moving-average';
import { checkColumns, checkShorter, isZeroScaled, RestartingSma } from '../../lib/features/ta-support';
import { createRng } from '../../lib/util/random';

/** Random walk rounded to a coarse tick (many ties), with missing values sprinkled in. */
function tickSeries(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  let level = 100;
  for (let t = 0; t < n; t++) {
    level += Math.round((rng.uniform() - 0.5) * 4);
    x[t] = rng.uniform() < 0.01 ? Number.NaN : level;
  }
  return x;
}

describe('TA-Lib family building blocks', () => {
  it('RestartingSma equals SmaState bit for bit without gaps and restarts from zero after one', () => {
    const x = tickSeries(2000, 7).map((v) => (Number.isNaN(v) ? 101.3 : v / 7));
    const a = new RestartingSma(9), b = new SmaState(9);
    for (let t = 0; t < x.length; t++) expect(Object.is(a.update(x[t]!), b.update(x[t]!))).toBe(true);
    const c = new RestartingSma(2);
    expect([1, 3, Number.NaN, 5, 7].map((v) => c.update(v))).toEqual([Number.NaN, 2, Number.NaN, Number.NaN, 6]);
  });

  it('isZeroScaled is relative: ~90 ulp of the operands, at any price level', () => {
    const near = (a: number, b: number) => isZeroScaled(a - b, Math.abs(a) + Math.abs(b));
    expect(near(0.1 + 0.2, 0.3)).toBe(true); // rounding residue
    expect(near(1000.25, 1000.5)).toBe(false);
    expect(near(1e-13 * (1 + 1e-10), 1e-13)).toBe(false); // a real move at a tiny price level
    expect(near(1e-13 + 2e-29, 1e-13)).toBe(true); // a few ulp at that level
  });

  it('checkColumns and checkShorter name the argument, the value and the fix', () => {
    expect(checkColumns({ high: new Float64Array(3), low: new Float64Array(3) })).toBe(3);
    expect(() => checkColumns({ high: new Float64Array(3), low: new Float64Array(2) })).toThrow(/low = array of length 2: must have the length of high \(3\)\. Fix: pass columns of the same bars/);
    expect(() => checkColumns({ high: [1, 2] })).toThrow(/high = array of length 2: must be a Float64Array/);
    expect(() => checkShorter('macd', 'fastPeriod', 30, 'slowPeriod', 26)).toThrow(/macd\.fastPeriod = 30: must be less than slowPeriod \(26\)\. Fix: pass a fastPeriod below 26, e\.g\. 13/);
  });
});
