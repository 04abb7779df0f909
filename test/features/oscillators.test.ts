// CCI, ULTOSC, AROON, AROONOSC and MFI against TA-Lib 0.8.2 (PyPI ta-lib, `talib.X` in the
// project's .venv) on the S&P 500 sample, on the sample with a missing value (restart after the
// gap), with a flat stretch and in tiny units; streaming = batch; no look-ahead; parameters and
// inputs checked.
import { beforeAll, describe, expect, it } from 'vitest';
import { aroon, aroonKind, aroonoscKind, cci, cciKind, mfi, mfiKind, ultosc, ultoscKind } from '../../lib/features/oscillators';
import { sp500Bars } from './kind-contract';
import { taCase, taReferences, type Refs, taContractTests } from './ta-helpers';

const HLC = "D['high'], D['low'], D['close']";
const CASES = [
  taCase({ id: 'cci', kind: cciKind, params: {}, py: `talib.CCI(${HLC})`, gap: 'low' }),
  taCase({ id: 'cci5', kind: cciKind, params: { period: 5 }, py: `talib.CCI(${HLC}, 5)` }),
  taCase({ id: 'cci40', kind: cciKind, params: { period: 40 }, py: `talib.CCI(${HLC}, 40)`, gap: 'high' }),
  taCase({ id: 'ultosc', kind: ultoscKind, params: {}, py: `talib.ULTOSC(${HLC})`, gap: 'high' }),
  taCase({ id: 'ultosc2_5_9', kind: ultoscKind, params: { shortPeriod: 2, mediumPeriod: 5, longPeriod: 9 }, py: `talib.ULTOSC(${HLC}, 2, 5, 9)` }),
  taCase({ id: 'ultosc5_5_40', kind: ultoscKind, params: { shortPeriod: 5, mediumPeriod: 5, longPeriod: 40 }, py: `talib.ULTOSC(${HLC}, 5, 5, 40)`, gap: 'low' }),
  taCase({ id: 'aroon', kind: aroonKind, params: {}, py: "talib.AROON(D['high'], D['low'])", gap: 'high' }),
  taCase({ id: 'aroon5', kind: aroonKind, params: { period: 5 }, py: "talib.AROON(D['high'], D['low'], 5)", gap: 'low' }),
  taCase({ id: 'aroonosc', kind: aroonoscKind, params: {}, py: "talib.AROONOSC(D['high'], D['low'])", gap: 'low' }),
  taCase({ id: 'aroonosc25', kind: aroonoscKind, params: { period: 25 }, py: "talib.AROONOSC(D['high'], D['low'], 25)", gap: 'high' }),
  taCase({ id: 'mfi', kind: mfiKind, params: {}, py: `talib.MFI(${HLC}, D['volume'])`, gap: 'volume' }),
  taCase({ id: 'mfi5', kind: mfiKind, params: { period: 5 }, py: `talib.MFI(${HLC}, D['volume'], 5)` }),
  taCase({ id: 'mfi30', kind: mfiKind, params: { period: 30 }, py: `talib.MFI(${HLC}, D['volume'], 30)`, gap: 'high' }),
];

let refs: Refs;
beforeAll(() => { refs = taReferences(sp500Bars(), CASES); });

describe('oscillators: CCI, ULTOSC, AROON, AROONOSC, MFI', () => {
  taContractTests(CASES, () => refs, [1, 5, 6, 13, 14, 15, 28, 29, 777]);

  it('Aroon counts bars since the extreme, the most recent one on ties', () => {
    const high = Float64Array.from([1, 3, 2, 3, 1]), low = Float64Array.from([0, 0, 1, 1, 0.5]);
    const r = aroon(high, low, 3);
    expect(Array.from(r.up)).toEqual([Number.NaN, Number.NaN, Number.NaN, 100, (100 / 3) * 2]);
    // Two lows of 0 in the window at t = 3: the later one (2 bars ago) counts, not the first (3 ago).
    expect(Array.from(r.down)).toEqual([Number.NaN, Number.NaN, Number.NaN, (100 / 3) * 1, 0]);
  });

  it('kernels reject inputs that are not Float64Arrays of one length', () => {
    const x = new Float64Array(30);
    expect(() => mfi(x, x, x, new Float64Array(29))).toThrow(/volume = array of length 29: must have the length of high \(30\)\. Fix: pass columns of the same bars/);
    expect(() => cci(x, x, Array.from(x) as never)).toThrow(/close = array of length 30: must be a Float64Array/);
    expect(() => ultosc(x, x, x, 14, 7, 28)).toThrow(/UltoscState\.shortPeriod = 14: must not exceed mediumPeriod \(7\)/);
    expect(() => cci(x, x, x, 1)).toThrow(/period = 1: must be an integer >= 2\. Fix: pass a whole number of bars such as 20/);
    expect(() => aroon(x, x, 0)).toThrow(/period = 0: must be an integer >= 2/);
    expect(() => mfi(x, x, x, x, 1.5)).toThrow(/period = 1\.5: must be an integer >= 2/);
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => cciKind.params({ period: 1 }, 'features.cci')).toThrow(/features\.cci\.period = 1: must be an integer >= 2\. Fix: pass e\.g\. 14/);
    expect(() => ultoscKind.params({ shortPeriod: 0 }, 'ultosc')).toThrow(/ultosc\.shortPeriod = 0: must be an integer >= 1\. Fix: pass e\.g\. 7/);
    expect(() => ultoscKind.params({ mediumPeriod: 30 }, 'ultosc')).toThrow(/ultosc\.mediumPeriod = 30: must not exceed longPeriod \(28\)\. Fix: order the periods short <= medium <= long, e\.g\. 7, 14, 28/);
    expect(() => aroonKind.params({ period: '14' as never }, 'aroon')).toThrow(/aroon\.period = "14": must be an integer >= 2/);
    expect(() => aroonoscKind.params({ window: 14 } as never, 'aroonosc')).toThrow(/aroonosc\.window = 14: is not a known option\. Fix: use only: period/);
    expect(() => mfiKind.params({ period: -3 }, 'mfi')).toThrow(/mfi\.period = -3: must be an integer >= 2/);
  });
});
