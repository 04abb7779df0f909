import { describe, expect, it } from 'vitest';
import { backtestLongFlat, buyAndHold } from '../../lib/backtest';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';

const f64 = (values: number[]): Float64Array => Float64Array.from(values);

describe('backtestLongFlat', () => {
  it('matches a hand-computed tiny case (cost charged when the position changes)', () => {
    // close 100 -> 110 -> 99 -> 99 -> 108.9; positions decided at each close.
    const close = f64([100, 110, 99, 99, 108.9]);
    const position = f64([1, 1, 0, 0.5, 1]);
    const result = backtestLongFlat({ close, position, costBps: 10 });
    // Hand computation, cost c = 0.001 per unit changed:
    // r1 = 1*(110/100-1) - c*|1-0|   = 0.1 - 0.001   = 0.099
    // r2 = 1*(99/110-1)  - c*|1-1|   = -0.1
    // r3 = 0*(99/99-1)   - c*|0-1|   = -0.001
    // r4 = 0.5*(108.9/99-1) - c*0.5  = 0.05 - 0.0005 = 0.0495
    const expected = [0, 0.099, -0.1, -0.001, 0.0495];
    expected.forEach((r, t) => expect(result.returns[t]).toBeCloseTo(r, 14));
    let equity = 1;
    expected.forEach((r, t) => {
      equity *= 1 + r;
      expect(result.equity[t]).toBeCloseTo(equity, 14);
    });
    // Changes over the held periods t = 0..3: 0->1, 1->1, 1->0, 0->0.5 => 3 trades, turnover 2.5.
    // position[4] is decided at the last close and never held in the sample.
    expect(result.trades).toBe(3);
    expect(result.turnover).toBeCloseTo(2.5, 14);
    expect(result.exposure).toBe(3 / 4);
    expect(Array.from(result.positions)).toEqual([1, 1, 0, 0.5, 1]);
  });

  it('treats NaN positions as flat and passes time through', () => {
    const close = f64([10, 11, 12]);
    const time = f64([0, 86_400_000, 172_800_000]);
    const result = backtestLongFlat({ close, position: f64([NaN, 1, NaN]), costBps: 0, time });
    expect(Array.from(result.positions)).toEqual([0, 1, 0]);
    expect(result.returns[1]).toBe(0);
    expect(result.returns[2]).toBeCloseTo(12 / 11 - 1, 15);
    expect(result.trades).toBe(1);
    expect(result.exposure).toBe(0.5);
    expect(result.time).toBe(time);
  });

  it('never mutates its inputs', () => {
    const close = f64([1, 2, 3]);
    const position = f64([NaN, 0.5, 1]);
    backtestLongFlat({ close, position, costBps: 5 });
    expect(Array.from(close)).toEqual([1, 2, 3]);
    expect(Number.isNaN(position[0])).toBe(true);
    expect(Array.from(position.subarray(1))).toEqual([0.5, 1]);
  });

  it('has no look-ahead: changing close[k+1..] and position[k..] leaves returns/equity[0..k] unchanged', () => {
    const rng = createRng(7);
    const n = 300;
    const close = new Float64Array(n);
    const position = new Float64Array(n);
    close[0] = 100;
    for (let t = 1; t < n; t++) close[t] = close[t - 1]! * Math.exp(0.01 * rng.normal());
    for (let t = 0; t < n; t++) position[t] = rng.uniform() < 0.3 ? NaN : rng.uniform();
    const base = backtestLongFlat({ close, position, costBps: 7 });
    for (const k of [0, 1, 50, 151, n - 2]) {
      const close2 = close.slice();
      const position2 = position.slice();
      for (let t = k + 1; t < n; t++) close2[t] = close2[t]! * (1 + 0.5 * rng.uniform());
      for (let t = k; t < n; t++) position2[t] = rng.uniform();
      const changed = backtestLongFlat({ close: close2, position: position2, costBps: 7 });
      expect(Array.from(changed.returns.subarray(0, k + 1))).toEqual(Array.from(base.returns.subarray(0, k + 1)));
      expect(Array.from(changed.equity.subarray(0, k + 1))).toEqual(Array.from(base.equity.subarray(0, k + 1)));
      // ...and the perturbation does reach the future, so the comparison above can fail.
      expect(Array.from(changed.returns.subarray(k + 1))).not.toEqual(Array.from(base.returns.subarray(k + 1)));
    }
  });

  it('rejects bad input with the argument named', () => {
    const close = f64([1, 2, 3]);
    expect(() => backtestLongFlat({ close, position: f64([0, 2, 0]), costBps: 0 })).toThrow(/position\[1\] = 2/);
    expect(() => backtestLongFlat({ close, position: f64([0, -0.5, 0]), costBps: 0 })).toThrow(InvalidArgumentError);
    expect(() => backtestLongFlat({ close, position: f64([0, 1]), costBps: 0 })).toThrow(/position = array of length 2/);
    expect(() => backtestLongFlat({ close: f64([1, NaN, 3]), position: f64([0, 1, 0]), costBps: 0 })).toThrow(/close\[1\]/);
    expect(() => backtestLongFlat({ close: f64([1]), position: f64([0]), costBps: 0 })).toThrow(/at least 2 bars/);
    expect(() => backtestLongFlat({ close, position: f64([0, 1, 0]), costBps: -1 })).toThrow(/costBps = -1/);
    expect(() => backtestLongFlat({ close, position: [0, 1, 0] as unknown as Float64Array, costBps: 0 })).toThrow(/Float64Array/);
    expect(() => backtestLongFlat({ close, position: f64([0, 1, 0]), costBps: 0, fee: 1 } as never)).toThrow(/input.fee/);
  });
});

describe('buyAndHold', () => {
  it('is the price path, minus one entry cost', () => {
    const close = f64([50, 55, 44, 66]);
    const free = buyAndHold(close);
    expect(free.equity[3]).toBeCloseTo(66 / 50, 14);
    expect(free.trades).toBe(1);
    expect(free.turnover).toBe(1);
    expect(free.exposure).toBe(1);
    const costly = buyAndHold(close, { costBps: 20 });
    expect(costly.returns[1]).toBeCloseTo(0.1 - 0.002, 15);
    expect(costly.returns[2]).toBeCloseTo(44 / 55 - 1, 15);
  });
});
