// lag kind: the value of a series k bars ago. Reference: pandas Series.shift(k) of the log return
// np.log(c[1:] / c[:-1]), of the simple return (pct_change) and of raw columns.
import { beforeAll, describe, expect, it } from 'vitest';
import { DelayLine, lagged, lagKind } from '../../lib/features/lags';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<string, (number | null)[]>;
let refs: Refs;

beforeAll(() => {
  const bars = sp500Bars();
  refs = runPython<Refs>(`
import numpy as np, pandas as pd
c = pd.Series(inp['close']); v = pd.Series(inp['volume'])
lr = pd.Series(np.log(c / c.shift(1)))
sr = c.pct_change()
def js(a): return [None if np.isnan(x) else float(x) for x in a]
out = {}
for k in range(1, 6):
    out[f'logReturn{k}'] = js(lr.shift(k))
for k in (2, 3):
    out[f'simpleReturn{k}'] = js(sr.shift(k))
    out[f'volume{k}'] = js(v.shift(k))
out['close10'] = js(c.shift(10))
print(json.dumps(out))
`, { close: Array.from(bars.close), volume: Array.from(bars.volume) });
});

describe('lag kind', () => {
  it('defaults to lags 1..5 of the one-bar log return and matches pandas shift', () => {
    const bars = sp500Bars();
    const p = lagKind.params({}, 'lags');
    expect(p).toEqual({ source: 'logReturn', minLag: 1, maxLag: 5 });
    expect(lagKind.outputs(p)).toEqual(['lag1', 'lag2', 'lag3', 'lag4', 'lag5']);
    lagKind.batch(bars, p).forEach((col, j) => expectMatchesReference(`logReturn lag${j + 1}`, col, refs[`logReturn${j + 1}`]!));
  });

  it('lags other sources: simple returns, volume, close', () => {
    const bars = sp500Bars();
    for (const source of ['simpleReturn', 'volume'] as const) {
      const p = lagKind.params({ source, minLag: 2, maxLag: 3 }, 'lags');
      expect(lagKind.outputs(p)).toEqual(['lag2', 'lag3']);
      lagKind.batch(bars, p).forEach((col, j) => expectMatchesReference(`${source} lag${j + 2}`, col, refs[`${source}${j + 2}`]!));
    }
    const [close10] = lagKind.batch(bars, lagKind.params({ source: 'close', minLag: 10, maxLag: 10 }, 'lags'));
    expectMatchesReference('close lag10', close10!, refs.close10!);
    expectMatchesReference('lagged()', lagged(bars.close, 10), refs.close10!);
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const params of [{}, { source: 'volume', minLag: 2, maxLag: 4 }, { source: 'simpleReturn' }] as const) {
      const p = lagKind.params(params, 'lags');
      expectStreamingEqualsBatch(lagKind, bars, p);
      expectNoLookAhead(lagKind, bars, p, [1, 2, 5, 6, 7, 999]);
    }
  });

  it('carries a missing value forward by exactly k bars', () => {
    const x = Float64Array.from([1, 2, Number.NaN, 4, 5]);
    expect(Array.from(lagged(x, 2))).toEqual([Number.NaN, Number.NaN, 1, 2, Number.NaN]);
    const line = new DelayLine(3);
    line.push(7);
    expect([line.at(0), line.at(1)]).toEqual([7, Number.NaN]);
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => lagKind.params({ minLag: 0 }, 'f.lags')).toThrow(/f\.lags\.minLag = 0: must be an integer >= 1\. Fix: pass e\.g\. 1/);
    expect(() => lagKind.params({ minLag: 4, maxLag: 2 }, 'f.lags')).toThrow(/f\.lags\.maxLag = 2: must be >= minLag \(4\)\. Fix: pass maxLag 4 for that lag alone, or lower minLag/);
    expect(() => lagKind.params({ source: 'return' as never }, 'lags')).toThrow(/lags\.source = "return": must be one of open, high, low, close, adjClose, volume, logReturn, simpleReturn, difference/);
    expect(() => lagKind.params({ lag: 1 } as never, 'lags')).toThrow(/lags\.lag = 1: is not a known option\. Fix: use only: source, minLag, maxLag/);
    expect(() => lagged(Float64Array.from([1]), 0)).toThrow(/k = 0: must be an integer >= 1/);
  });

  it("lags the bar-to-bar change of a series that can be negative (source 'difference', for spreads)", () => {
    const base = sp500Bars();
    const close = base.close.map((c, t) => Math.log(c) - 7 + (t % 3) * 1e-3); // negative, spread-like
    const bars = { ...base, close };
    const p = lagKind.params({ source: 'difference', minLag: 1, maxLag: 2 }, 'lags');
    const [lag1, lag2] = lagKind.batch(bars, p);
    expect(lag1![2]).toBe(close[1]! - close[0]!);
    expect(lag2![3]).toBe(close[1]! - close[0]!);
    expect(Number.isNaN(lag1![1]!)).toBe(true);
    expectStreamingEqualsBatch(lagKind, bars, p);
    expectNoLookAhead(lagKind, bars, p, [1, 2, 3, 500]);
  });
});
