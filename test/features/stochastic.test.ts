// STOCH, STOCHF, STOCHRSI and WILLR against TA-Lib 0.8.2 (PyPI ta-lib, `talib.X` in the project's
// .venv) on the S&P 500 sample, on the sample with a missing value (restart after the gap), with a
// flat stretch and in tiny units; streaming = batch; no look-ahead; parameters and inputs checked.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  stoch, stochKind, stochf, stochfKind, stochrsi, stochrsiKind, TaLibRsiState, willr, willrKind,
} from '../../lib/features/stochastic';
import { sp500Bars } from './kind-contract';
import { taCase, taReferences, type Refs, taContractTests } from './ta-helpers';

const HLC = "D['high'], D['low'], D['close']";
const CASES = [
  taCase({ id: 'stoch', kind: stochKind, params: {}, py: `talib.STOCH(${HLC})`, gap: 'high' }),
  taCase({ id: 'stoch14_3_5', kind: stochKind, params: { fastKPeriod: 14, slowKPeriod: 3, slowDPeriod: 5 }, py: `talib.STOCH(${HLC}, 14, 3, 0, 5, 0)`, gap: 'close' }),
  taCase({ id: 'stoch1_1_1', kind: stochKind, params: { fastKPeriod: 1, slowKPeriod: 1, slowDPeriod: 1 }, py: `talib.STOCH(${HLC}, 1, 1, 0, 1, 0)`, gap: 'low' }),
  taCase({ id: 'stochf', kind: stochfKind, params: {}, py: `talib.STOCHF(${HLC})`, gap: 'high' }),
  taCase({ id: 'stochf21_7', kind: stochfKind, params: { fastKPeriod: 21, fastDPeriod: 7 }, py: `talib.STOCHF(${HLC}, 21, 7, 0)`, gap: 'close' }),
  taCase({ id: 'stochrsi', kind: stochrsiKind, params: {}, py: "talib.STOCHRSI(D['close'])" }),
  taCase({ id: 'stochrsi14_14_3', kind: stochrsiKind, params: { fastKPeriod: 14 }, py: "talib.STOCHRSI(D['close'], 14, 14, 3)" }),
  taCase({ id: 'stochrsi5_3_2', kind: stochrsiKind, params: { period: 5, fastKPeriod: 3, fastDPeriod: 2, source: 'open' }, py: "talib.STOCHRSI(D['open'], 5, 3, 2)", gap: 'open' }),
  taCase({ id: 'willr', kind: willrKind, params: {}, py: `talib.WILLR(${HLC})`, gap: 'low' }),
  taCase({ id: 'willr5', kind: willrKind, params: { period: 5 }, py: `talib.WILLR(${HLC}, 5)`, gap: 'close' }),
];

let refs: Refs;
beforeAll(() => {
  refs = taReferences(sp500Bars(), CASES, { rsi14: "talib.RSI(B['close'], 14)", rsi3: "talib.RSI(B['close'], 3)" });
});

describe('stochastics: STOCH, STOCHF, STOCHRSI, WILLR', () => {
  taContractTests(CASES, () => refs, [1, 4, 5, 6, 7, 14, 20, 21, 777], ' (0 on a zero range)');

  it("STOCHRSI's RSI is TA-Lib 0.8's RSI bit for bit (its rounding decides where %D cancels to 0)", () => {
    const close = sp500Bars().close;
    for (const p of [14, 3]) {
      const state = new TaLibRsiState(p);
      const ref = refs[`rsi${p}`]!;
      const mismatch = ref.findIndex((r, t) => !Object.is(state.update(close[t]!), r ?? Number.NaN));
      expect(mismatch, `RSI(${p}) first differs at row ${mismatch}`).toBe(-1);
    }
    const flat = new TaLibRsiState(2);
    expect([5, 5, 5, 6].map((x) => flat.update(x))).toEqual([Number.NaN, Number.NaN, 0, 100]);
  });

  it('places the close in the range: 100 at the highest high, 0 at the lowest low', () => {
    const high = Float64Array.from([2, 3, 4, 5]), low = Float64Array.from([1, 2, 3, 4]);
    expect(Array.from(stochf(high, low, Float64Array.from([2, 3, 4, 5]), 2, 1).k)).toEqual([Number.NaN, 100, 100, 100]);
    expect(Array.from(stochf(high, low, Float64Array.from([1, 2, 3, 4]), 2, 1).k)).toEqual([Number.NaN, 50, 50, 50]);
    expect(Array.from(willr(high, low, Float64Array.from([1, 2, 3, 4]), 2))).toEqual([Number.NaN, -50, -50, -50]);
  });

  it('kernels reject inputs that are not Float64Arrays of one length', () => {
    const x = new Float64Array(8);
    expect(() => stoch(x, x, new Float64Array(7))).toThrow(/close = array of length 7: must have the length of high \(8\)\. Fix: pass columns of the same bars/);
    expect(() => willr(x, [0] as never, x)).toThrow(/low = array of length 1: must be a Float64Array/);
    expect(() => stochrsi(x, 1)).toThrow(/period = 1: must be an integer >= 2/);
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => stochKind.params({ fastKPeriod: 0 }, 'features.stoch')).toThrow(/features\.stoch\.fastKPeriod = 0: must be an integer >= 1\. Fix: pass e\.g\. 5/);
    expect(() => stochKind.params({ slowKMaType: 'ema' } as never, 'stoch')).toThrow(/stoch\.slowKMaType = "ema": is not a known option\. Fix: use only: fastKPeriod, slowKPeriod, slowDPeriod/);
    expect(() => stochfKind.params({ fastDPeriod: 1.5 }, 'stochf')).toThrow(/stochf\.fastDPeriod = 1\.5: must be an integer >= 1\. Fix: pass e\.g\. 3/);
    expect(() => stochrsiKind.params({ period: 1 }, 'stochrsi')).toThrow(/stochrsi\.period = 1: must be an integer >= 2\. Fix: pass e\.g\. 14/);
    expect(() => willrKind.params({ period: 1 }, 'willr')).toThrow(/willr\.period = 1: must be an integer >= 2\. Fix: pass e\.g\. 14/);
  });
});
