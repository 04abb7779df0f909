// MACD, APO and PPO against TA-Lib 0.8.2 (PyPI ta-lib, `talib.X` in the project's .venv) on the
// S&P 500 sample, on the sample with a missing close (restart after the gap) and with a flat
// stretch; streaming = batch; no look-ahead; TA-Lib's aligned fast EMA; parameters checked.
import { beforeAll, describe, expect, it } from 'vitest';
import { AlignedEmaState, apoKind, macd, macdKind, ppo, ppoKind } from '../../lib/features/macd';
import { EmaState } from '../../lib/features/moving-average';
import { sp500Bars } from './kind-contract';
import { taCase, taReferences, type Refs, taContractTests } from './ta-helpers';

const CASES = [
  taCase({ id: 'macd', kind: macdKind, params: {}, py: "talib.MACD(D['close'])" }),
  taCase({ id: 'macd5_35_5', kind: macdKind, params: { fastPeriod: 5, slowPeriod: 35, signalPeriod: 5 }, py: "talib.MACD(D['close'], 5, 35, 5)" }),
  taCase({ id: 'macd3_10_16', kind: macdKind, params: { fastPeriod: 3, slowPeriod: 10, signalPeriod: 16 }, py: "talib.MACD(D['close'], 3, 10, 16)" }),
  taCase({ id: 'macdSignal1', kind: macdKind, params: { signalPeriod: 1, source: 'high' }, py: "talib.MACD(D['high'], 12, 26, 1)", gap: 'high' }),
  taCase({ id: 'apo', kind: apoKind, params: {}, py: "talib.APO(D['close'])" }),
  taCase({ id: 'apoSma', kind: apoKind, params: { maType: 'sma' }, py: "talib.APO(D['close'], 12, 26, 0)" }),
  taCase({ id: 'apo5_10', kind: apoKind, params: { fastPeriod: 5, slowPeriod: 10, maType: 'sma' }, py: "talib.APO(D['close'], 5, 10, 0)" }),
  taCase({ id: 'ppo', kind: ppoKind, params: {}, py: "talib.PPO(D['close'])" }),
  taCase({ id: 'ppoSma', kind: ppoKind, params: { maType: 'sma' }, py: "talib.PPO(D['close'], 12, 26, 0)" }),
  taCase({ id: 'ppo3_7', kind: ppoKind, params: { fastPeriod: 3, slowPeriod: 7 }, py: "talib.PPO(D['close'], 3, 7)" }),
];

let refs: Refs;
beforeAll(() => { refs = taReferences(sp500Bars(), CASES); });

describe('MACD, APO, PPO', () => {
  taContractTests(CASES, () => refs, [1, 11, 25, 26, 33, 34, 35, 777]);

  it("seeds the fast EMA on the bars that end where the slow EMA's seed ends (TA-Lib's alignment)", () => {
    const aligned = new AlignedEmaState(3, 5);
    const got = [1, 2, 3, 4, 5, 6, 7].map((x) => aligned.update(x));
    expect(got.slice(0, 5).every(Number.isNaN)).toBe(true);
    expect(got[5]).toBe(5); // mean of 4, 5, 6, not an EMA run from bar 2
    expect(got[6]).toBe(6); // (7 - 5) * 0.5 + 5
    // Without a later start it is the plain TA-Lib EMA, bit for bit.
    const x = sp500Bars().close.subarray(0, 400);
    const a = new AlignedEmaState(20), b = new EmaState(20);
    for (let t = 0; t < x.length; t++) expect(Object.is(a.update(x[t]!), b.update(x[t]!))).toBe(true);
  });

  it('MACD outputs are NaN until the signal exists, then hist = macd - signal', () => {
    const r = macd(sp500Bars().close, 12, 26, 9);
    expect(Number.isNaN(r.macd[32])).toBe(true);
    expect(Number.isFinite(r.macd[33])).toBe(true);
    for (let t = 33; t < 300; t++) expect(r.hist[t]).toBe(r.macd[t]! - r.signal[t]!);
  });

  it('rejects bad parameters and inputs naming the argument, the value and the fix', () => {
    expect(() => macdKind.params({ fastPeriod: 26, slowPeriod: 12 }, 'features.macd')).toThrow(/features\.macd\.fastPeriod = 26: must be less than slowPeriod \(12\)\. Fix: pass a fastPeriod below 12, e\.g\. 6/);
    expect(() => macdKind.params({ signalPeriod: 0 }, 'macd')).toThrow(/macd\.signalPeriod = 0: must be an integer >= 1/);
    expect(() => macdKind.params({ slowPeriod: 1 }, 'macd')).toThrow(/macd\.slowPeriod = 1: must be an integer >= 2/);
    expect(() => apoKind.params({ maType: 'wma' as never }, 'apo')).toThrow(/apo\.maType = "wma": must be one of sma, ema\. Fix: pass e\.g\. "ema"/);
    expect(() => ppoKind.params({ fastPeriod: 30 }, 'ppo')).toThrow(/ppo\.fastPeriod = 30: must be less than slowPeriod \(26\)/);
    expect(() => ppoKind.params({ signalPeriod: 9 } as never, 'ppo')).toThrow(/ppo\.signalPeriod = 9: is not a known option\. Fix: use only: fastPeriod, slowPeriod, maType, source/);
    expect(() => ppo(new Float64Array(10), 12, 12)).toThrow(/fastPeriod = 12: must be less than slowPeriod \(12\)/);
    expect(() => macd(Array.from({ length: 50 }, () => 1) as never)).toThrow(/x = array of length 50: must be a Float64Array/);
    expect(() => macd(new Float64Array(50), 0, 26, 9)).toThrow(/fastPeriod = 0: must be an integer >= 1/);
    expect(() => new AlignedEmaState(5, 3)).toThrow(/startAt = 3: must be an integer >= 4/);
  });
});
