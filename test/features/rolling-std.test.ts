// RollingStdState (O(1) shifted sums, re-centred every window) and the realized_volatility kind.
// Reference: numpy from the definition, std(ddof=1) of each window of one-bar log returns
// np.log(c[1:] / c[:-1]) (sliding_window_view), times sqrt(annualize): exact two-pass per window.
// (rollingStd against TA-Lib STDDEV and pandas rolling std: test/features/kernels.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { realizedVolatility, realizedVolatilityKind, RollingStdState } from '../../lib/features/rolling-std';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<string, (number | null)[]>;
let refs: Refs;

// A hard case for one-pass variance: a level of 1e6 with a spread of ~1e-3 (the sum-of-squares
// shortcut loses every digit), stepping to other levels so stale shifts would show.
const hard = Float64Array.from({ length: 3000 }, (_, i) => 1e6 * (1 + Math.floor(i / 700)) + Math.sin(i * 1.7) * 1e-3 + (i % 7) * 1e-4);

beforeAll(() => {
  const bars = sp500Bars();
  refs = runPython<Refs>(`
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view as windows
c = np.array(inp['close']); hard = np.array(inp['hard'])
lr = np.full_like(c, np.nan); lr[1:] = np.log(c[1:] / c[:-1])
def sd(x, n, scale=1.0):
    out = np.full_like(x, np.nan)
    out[n - 1:] = windows(x, n).std(axis=1, ddof=1) * np.sqrt(scale)
    return [None if np.isnan(a) else float(a) for a in out]
print(json.dumps({'rv20': sd(lr, 20), 'rv63_252': sd(lr, 63, 252), 'rv2': sd(lr, 2), 'hard10': sd(hard, 10), 'hard250': sd(hard, 250)}))
`, { close: Array.from(bars.close), hard: Array.from(hard) });
});

function stateStd(x: Float64Array, window: number): Float64Array {
  const s = new RollingStdState(window, 1);
  return x.map((v) => s.update(v));
}

describe('RollingStdState', () => {
  it('keeps 1e-9 relative accuracy at a level of 1e6 with a spread of 1e-3', () => {
    expectMatchesReference('hard10', stateStd(hard, 10), refs.hard10!);
    expectMatchesReference('hard250', stateStd(hard, 250), refs.hard250!);
  });

  it('gives exactly 0 on a flat window, NaN while a gap is in the window, and a mean', () => {
    const s = new RollingStdState(3, 1);
    const out = [1, 1, 1, 2, Number.NaN, 4, 5, 6].map((v) => s.update(v));
    expect(out[2]).toBe(0);
    expect(out[3]).toBeCloseTo(Math.sqrt(1 / 3), 15);
    expect(out.slice(4, 7).every(Number.isNaN)).toBe(true);
    expect(out[7]).toBe(1);
    expect(s.mean).toBe(5);
    expect(() => new RollingStdState(1, 1)).toThrow(/window = 1: must be an integer >= 2/);
  });
});

describe('realized_volatility kind', () => {
  it.each([[20, 1, 'rv20'], [63, 252, 'rv63_252'], [2, 1, 'rv2']] as const)('window %i, annualize %i matches numpy std(ddof=1) of log returns to 1e-9', (window, annualize, key) => {
    const p = realizedVolatilityKind.params({ window, annualize }, 'rv');
    expectMatchesReference(key, realizedVolatilityKind.batch(sp500Bars(), p)[0]!, refs[key]!);
    expectMatchesReference(`${key} kernel`, realizedVolatility(sp500Bars().close, window, annualize), refs[key]!);
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    const p = realizedVolatilityKind.params({ window: 21, annualize: 252 }, 'rv');
    expectStreamingEqualsBatch(realizedVolatilityKind, bars, p);
    expectNoLookAhead(realizedVolatilityKind, bars, p, [1, 20, 21, 22, 1500]);
  });

  it('rejects bad parameters and prices naming the argument, the value and the fix', () => {
    expect(() => realizedVolatilityKind.params({ window: 1 }, 'f.rv')).toThrow(/f\.rv\.window = 1: must be an integer >= 2\. Fix: pass e\.g\. 20/);
    expect(() => realizedVolatilityKind.params({ annualize: 0 }, 'rv')).toThrow(/rv\.annualize = 0: must be a finite number > 0\. Fix: pass e\.g\. 1/);
    expect(() => realizedVolatility(Float64Array.from([1, 2, 3]), 2, -1)).toThrow(/annualize = -1: must be a finite number > 0\. Fix: pass 252 for daily bars/);
    expect(() => realizedVolatility(Float64Array.from([1, -2, 3]), 2)).toThrow(/price\[1\] = -2: must be a positive price/);
  });
});
