// ROC, ROCP, ROCR, MOM, CMO and BOP against TA-Lib 0.8.2 (PyPI ta-lib, `talib.X` in the project's
// .venv) on the S&P 500 sample, on the sample with a missing value (restart after the gap) and
// with a flat stretch; streaming = batch; no look-ahead; parameters and inputs checked.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bop, bopKind, cmo, cmoKind, mom, momKind, roc, rocKind, rocp, rocpKind, rocr, rocrKind,
} from '../../lib/features/momentum';
import { sp500Bars } from './kind-contract';
import { taCase, taReferences, type Refs, taContractTests } from './ta-helpers';

const CASES = [
  taCase({ id: 'roc', kind: rocKind, params: {}, py: "talib.ROC(D['close'])" }),
  taCase({ id: 'roc1', kind: rocKind, params: { period: 1 }, py: "talib.ROC(D['close'], 1)" }),
  taCase({ id: 'rocp', kind: rocpKind, params: {}, py: "talib.ROCP(D['close'])" }),
  taCase({ id: 'rocp5', kind: rocpKind, params: { period: 5 }, py: "talib.ROCP(D['close'], 5)" }),
  taCase({ id: 'rocr', kind: rocrKind, params: {}, py: "talib.ROCR(D['close'])" }),
  taCase({ id: 'rocr20', kind: rocrKind, params: { period: 20, source: 'low' }, py: "talib.ROCR(D['low'], 20)", gap: 'low' }),
  taCase({ id: 'mom', kind: momKind, params: {}, py: "talib.MOM(D['close'])" }),
  taCase({ id: 'mom1', kind: momKind, params: { period: 1 }, py: "talib.MOM(D['close'], 1)" }),
  taCase({ id: 'cmo', kind: cmoKind, params: {}, py: "talib.CMO(D['close'])" }),
  taCase({ id: 'cmo2', kind: cmoKind, params: { period: 2 }, py: "talib.CMO(D['close'], 2)" }),
  taCase({ id: 'cmo30', kind: cmoKind, params: { period: 30 }, py: "talib.CMO(D['close'], 30)" }),
  taCase({ id: 'bop', kind: bopKind, params: {}, py: "talib.BOP(D['open'], D['high'], D['low'], D['close'])", gap: 'high' }),
];

let refs: Refs;
beforeAll(() => { refs = taReferences(sp500Bars(), CASES); });

describe('momentum: ROC, ROCP, ROCR, MOM, CMO, BOP', () => {
  taContractTests(CASES, () => refs, [1, 2, 10, 11, 14, 15, 777]);

  it('follows TA-Lib where the earlier value is zero or the bar has no range', () => {
    const x = Float64Array.from([0, 1, 2, 0, 3]);
    expect(Array.from(roc(x, 1))).toEqual([Number.NaN, 0, 100, -100, 0]);
    expect(Array.from(rocp(x, 1))).toEqual([Number.NaN, 0, 1, -1, 0]);
    expect(Array.from(rocr(x, 1))).toEqual([Number.NaN, 0, 2, 0, 0]);
    expect(Array.from(mom(x, 1))).toEqual([Number.NaN, 1, 1, -2, 3]);
    const one = Float64Array.from([5, 5]);
    expect(Array.from(bop(one, Float64Array.from([5, 6]), Float64Array.from([5, 4]), Float64Array.from([5, 5.5])))).toEqual([0, 0.25]);
    expect(Array.from(cmo(Float64Array.from([7, 7, 7, 7]), 2))).toEqual([Number.NaN, Number.NaN, 0, 0]);
  });

  it('kernels reject inputs that are not Float64Arrays of one length', () => {
    const x = new Float64Array(5);
    expect(() => bop(x, x, new Float64Array(4), x)).toThrow(/low = array of length 4: must have the length of open \(5\)\. Fix: pass columns of the same bars/);
    expect(() => cmo([1, 2, 3] as never)).toThrow(/x = array of length 3: must be a Float64Array/);
    expect(() => roc(x, 0)).toThrow(/period = 0: must be an integer >= 1\. Fix: pass a whole number of bars such as 20/);
    expect(() => cmo(x, 1)).toThrow(/period = 1: must be an integer >= 2/);
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => rocKind.params({ period: 0 }, 'features.roc')).toThrow(/features\.roc\.period = 0: must be an integer >= 1\. Fix: pass e\.g\. 10/);
    expect(() => cmoKind.params({ period: 1 }, 'cmo')).toThrow(/cmo\.period = 1: must be an integer >= 2\. Fix: pass e\.g\. 14/);
    expect(() => momKind.params({ source: 'mid' as never }, 'mom')).toThrow(/mom\.source = "mid": must be one of open, high, low, close, adjClose/);
    expect(() => bopKind.params({ period: 3 } as never, 'bop')).toThrow(/bop\.period = 3: is not a known option/);
  });
});
