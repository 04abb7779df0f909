// WMA, DEMA, TEMA, TRIMA, KAMA, T3 and TRIX against TA-Lib 0.8.2 (PyPI ta-lib, `talib.X` in the
// project's .venv) on the S&P 500 sample, on the sample with a missing close (restart after the
// gap), with a flat stretch and in tiny units; streaming = batch; no look-ahead; parameters checked.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  demaKind, kamaKind, kama, t3, t3Kind, temaKind, trimaKind, trixKind, wma, wmaKind, WmaState,
} from '../../lib/features/weighted-averages';
import { sp500Bars } from './kind-contract';
import { taCase, taReferences, type Refs, taContractTests } from './ta-helpers';

const CASES = [
  taCase({ id: 'wma2', kind: wmaKind, params: { period: 2 }, py: "talib.WMA(D['close'], 2)" }),
  taCase({ id: 'wma30', kind: wmaKind, params: {}, py: "talib.WMA(D['close'])" }),
  taCase({ id: 'wma200', kind: wmaKind, params: { period: 200 }, py: "talib.WMA(D['close'], 200)" }),
  taCase({ id: 'wmaOpen', kind: wmaKind, params: { period: 10, source: 'open' }, py: "talib.WMA(D['open'], 10)", gap: 'open' }),
  taCase({ id: 'dema5', kind: demaKind, params: { period: 5 }, py: "talib.DEMA(D['close'], 5)" }),
  taCase({ id: 'dema30', kind: demaKind, params: {}, py: "talib.DEMA(D['close'])" }),
  taCase({ id: 'tema5', kind: temaKind, params: { period: 5 }, py: "talib.TEMA(D['close'], 5)" }),
  taCase({ id: 'tema30', kind: temaKind, params: {}, py: "talib.TEMA(D['close'])" }),
  taCase({ id: 'trima4', kind: trimaKind, params: { period: 4 }, py: "talib.TRIMA(D['close'], 4)" }),
  taCase({ id: 'trima5', kind: trimaKind, params: { period: 5 }, py: "talib.TRIMA(D['close'], 5)" }),
  taCase({ id: 'trima30', kind: trimaKind, params: {}, py: "talib.TRIMA(D['close'])" }),
  taCase({ id: 'kama10', kind: kamaKind, params: { period: 10 }, py: "talib.KAMA(D['close'], 10)" }),
  taCase({ id: 'kama30', kind: kamaKind, params: {}, py: "talib.KAMA(D['close'])" }),
  taCase({ id: 't3', kind: t3Kind, params: {}, py: "talib.T3(D['close'])" }),
  taCase({ id: 't3_10', kind: t3Kind, params: { period: 10, vFactor: 0.3 }, py: "talib.T3(D['close'], 10, 0.3)" }),
  taCase({ id: 'trix5', kind: trixKind, params: { period: 5 }, py: "talib.TRIX(D['close'], 5)" }),
  taCase({ id: 'trix30', kind: trixKind, params: {}, py: "talib.TRIX(D['close'])" }),
];

let refs: Refs;
beforeAll(() => { refs = taReferences(sp500Bars(), CASES); });

describe('weighted and multi-stage moving averages', () => {
  taContractTests(CASES, () => refs, [1, 29, 30, 31, 90, 777]);

  it('WMA weights 1..period, newest heaviest (hand-checked values)', () => {
    const out = wma(Float64Array.from([1, 2, 3, 4]), 3);
    expect(Array.from(out.subarray(2))).toEqual([(1 + 4 + 9) / 6, (2 + 6 + 12) / 6]);
    expect(Number.isNaN(out[1])).toBe(true);
    const state = new WmaState(2);
    expect([state.update(1), state.update(3), state.update(Number.NaN), state.update(5), state.update(8)].map(String))
      .toEqual(['NaN', String(7 / 3), 'NaN', 'NaN', String(21 / 3)]);
  });

  it('kernels leave their input untouched and reject non-Float64Array input', () => {
    const x = sp500Bars().close.slice(0, 300);
    const copy = x.slice();
    kama(x, 10);
    t3(x);
    expect(x).toEqual(copy);
    expect(() => wma([1, 2, 3] as never, 2)).toThrow(/x = array of length 3: must be a Float64Array\. Fix: wrap the values: Float64Array\.from\(values\)/);
    expect(() => wma(x, 0)).toThrow(/period = 0: must be an integer >= 1\. Fix: pass a whole number of bars such as 20/);
    expect(() => kama(x, 1)).toThrow(/period = 1: must be an integer >= 2/);
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => wmaKind.params({ period: 1 }, 'features.wma')).toThrow(/features\.wma\.period = 1: must be an integer >= 2\. Fix: pass e\.g\. 30/);
    expect(() => kamaKind.params({ period: 2.5 }, 'kama')).toThrow(/kama\.period = 2\.5: must be an integer >= 2/);
    expect(() => trixKind.params({ period: 0 }, 'trix')).toThrow(/trix\.period = 0: must be an integer >= 1/);
    expect(() => demaKind.params({ source: 'vwap' as never }, 'dema')).toThrow(/dema\.source = "vwap": must be one of open, high, low, close, adjClose/);
    expect(() => t3Kind.params({ vFactor: 1.5 }, 't3')).toThrow(/t3\.vFactor = 1\.5: must be at most 1\. Fix: pass a volume factor in \[0, 1\], e\.g\. 0\.7/);
    expect(() => t3Kind.params({ vFactor: -0.1 }, 't3')).toThrow(/t3\.vFactor = -0\.1: must be a finite number >= 0/);
    expect(() => temaKind.params({ periods: 5 } as never, 'tema')).toThrow(/tema\.periods = 5: is not a known option\. Fix: use only: period, source/);
  });
});
