// zscore kind: (x[t] - mean) / std over x[t-N+1..t], sample std (ddof 1). Reference: numpy from the
// definition on each window (numpy.lib.stride_tricks.sliding_window_view; mean, std(ddof=1)), i.e.
// exact two-pass per window, independent of the O(1) shifted sums used here.
import { beforeAll, describe, expect, it } from 'vitest';
import { rollingZScore, zscoreKind } from '../../lib/features/zscore';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<string, (number | null)[]>;
let refs: Refs;

beforeAll(() => {
  const bars = sp500Bars();
  refs = runPython<Refs>(`
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view as windows
c = np.array(inp['close'], dtype=float); v = np.array(inp['volume'], dtype=float)
lr = np.full_like(c, np.nan); lr[1:] = np.log(c[1:] / c[:-1])
def z(x, n):
    out = np.full_like(x, np.nan)
    w = windows(x, n)
    sd = w.std(axis=1, ddof=1)
    # The one deliberate difference: a flat window (std 0) scores 0 here, not 0/0.
    out[n - 1:] = np.where(sd == 0, 0.0, (x[n - 1:] - w.mean(axis=1)) / np.where(sd == 0, 1.0, sd))
    return [None if np.isnan(a) else float(a) for a in out]
print(json.dumps({'close20': z(c, 20), 'close60': z(c, 60), 'close2': z(c, 2), 'logReturn20': z(lr, 20), 'volume50': z(v, 50)}))
`, { close: Array.from(bars.close), volume: Array.from(bars.volume) });
});

// A z-score is a number of standard deviations: its natural scale is 1, so errors are measured
// relative to max(|z|, 1) (a z of 1e-9 only needs 1e-9 absolute accuracy).
const Z_FLOOR = 1;

describe('zscore kind', () => {
  it.each([[20, 'close'], [60, 'close'], [2, 'close'], [20, 'logReturn'], [50, 'volume']] as const)(
    'window %i of %s matches numpy (two-pass per window) to 1e-9', (window, source) => {
      const p = zscoreKind.params({ window, source }, 'z');
      expectMatchesReference(`${source}${window}`, zscoreKind.batch(sp500Bars(), p)[0]!, refs[`${source}${window}`]!, 1e-9, Z_FLOOR);
    });

  it('defaults to 20 bars of close', () => {
    expect(zscoreKind.params({}, 'z')).toEqual({ window: 20, source: 'close' });
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const params of [{}, { window: 5, source: 'logReturn' }] as const) {
      const p = zscoreKind.params(params, 'z');
      expectStreamingEqualsBatch(zscoreKind, bars, p);
      expectNoLookAhead(zscoreKind, bars, p, [1, 4, 5, 6, 19, 20, 21, 2500]);
    }
  });

  it('is 0 on a flat window (deliberate: numpy gives 0/0 = NaN) and NaN around a gap', () => {
    const x = Float64Array.from([5, 5, 5, 6, 6, 6, 6, Number.NaN, 1, 2, 3]);
    const z = rollingZScore(x, 3);
    expect(z[2]).toBe(0);
    expect(z[3]).toBeCloseTo((6 - 16 / 3) / Math.sqrt(1 / 3), 12);
    expect(z[5]).toBe(0);
    expect(z[6]).toBe(0);
    expect(Array.from(z.slice(7, 10), Number.isNaN)).toEqual([true, true, true]);
    expect(z[10]).toBeCloseTo(1, 12); // (3 - 2) / 1
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => zscoreKind.params({ window: 1 }, 'f.z')).toThrow(/f\.z\.window = 1: must be an integer >= 2\. Fix: pass e\.g\. 20/);
    expect(() => zscoreKind.params({ source: 'vwap' as never }, 'z')).toThrow(/z\.source = "vwap": must be one of .*logReturn, simpleReturn/);
    expect(() => zscoreKind.params({ ddof: 0 } as never, 'z')).toThrow(/z\.ddof = 0: is not a known option/);
    expect(() => rollingZScore(Float64Array.from([1, 2, 3]), 1)).toThrow(/window = 1: must be an integer >= 2/);
    expect(() => rollingZScore([1, 2, 3] as never)).toThrow(/x = array of length 3: must be a Float64Array/);
  });
});
