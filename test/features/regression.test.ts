// Rolling linear regression kinds (linearreg, _slope, _angle, _intercept, tsf): TA-Lib agreement
// on the S&P 500 sample, streaming = batch, no look-ahead, missing values, insensitivity to the
// price level, bad input. Reference: TA-Lib 0.8.2 (PyPI ta-lib) talib.LINEARREG /
// LINEARREG_SLOPE / LINEARREG_ANGLE / LINEARREG_INTERCEPT / TSF, computed in beforeAll.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  linearRegression, linearRegressionAngle, linearRegressionIntercept, linearRegressionSlope, LinearRegressionState,
  linearregAngleKind, linearregInterceptKind, linearregKind, linearregSlopeKind, timeSeriesForecast, tsfKind,
} from '../../lib/features/regression';
import { runPython } from '../helpers/python';
import { barsJson, PRINT_OUT, READ_BARS, withMissing, type Refs } from './indicator-helpers';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

const WINDOWS = [2, 5, 14, 50, 200];
const GAP = 1500;
const EXACT_WINDOWS = [2, 14, 50];
const KINDS = [
  ['LINEARREG', linearregKind], ['LINEARREG_SLOPE', linearregSlopeKind], ['LINEARREG_ANGLE', linearregAngleKind],
  ['LINEARREG_INTERCEPT', linearregInterceptKind], ['TSF', tsfKind],
] as const;
let refs: Refs;

/**
 * TA-Lib's slope carries an absolute rounding error of up to 5e-10 points per bar (see the exact
 * comparison), so slopes near zero are compared on the scale of 1 point per bar (180/pi degrees
 * for the angle); values, intercepts and forecasts are price levels.
 */
function floorOf(name: string): number {
  return name === 'LINEARREG_SLOPE' ? 1 : name === 'LINEARREG_ANGLE' ? 180 / Math.PI : 1e-8;
}

beforeAll(() => {
  refs = runPython<Refs>(`
import numpy as np, talib
${READ_BARS}
out = {}
for name in ${JSON.stringify(KINDS.map(([n]) => n))}:
    fn = getattr(talib, name)
    for w in ${JSON.stringify(WINDOWS)}:
        out[f'{name}{w}'] = fn(c, w)
    out[f'{name}open'] = fn(o, 20)
# Exact slopes: closes (all >= 1, so multiples of 2^-52) as exact integers, sums in integer
# arithmetic, one rounding at the end.
from fractions import Fraction as F
ci = [int(F(x) * 2**52) for x in c]
for n in ${JSON.stringify(EXACT_WINDOWS)}:
    sx, sxx = n * (n - 1) // 2, n * (n - 1) * (2 * n - 1) // 6
    div = sx * sx - n * sxx
    ex = [np.nan] * (n - 1)
    for t in range(n - 1, len(ci)):
        sy = sum(ci[t - n + 1:t + 1])
        sxy = sum(age * ci[t - age] for age in range(n))
        ex.append(float(F(n * sxy - sx * sy, div * 2**52)))
    out[f'exactSlope{n}'] = ex
${PRINT_OUT}
`, { bars: barsJson(sp500Bars()) });
});

describe('linear regression kinds', () => {
  it.each(WINDOWS)('value, intercept and forecast over %i bars match TA-Lib to 1e-9 relative; slope and angle to 1e-9 of max(|ref|, 1 point per bar)', (w) => {
    const bars = sp500Bars();
    for (const [name, kind] of KINDS) {
      expectMatchesReference(`${name}(${w})`, kind.batch(bars, kind.params({ window: w }, kind.kind))[0]!, refs[`${name}${w}`]!, 1e-9, floorOf(name));
    }
  });

  it.each(EXACT_WINDOWS)('the slope over %i bars equals exact rational arithmetic to 1e-13 points per bar (TA-Lib: up to 5e-10)', (w) => {
    const exact = refs[`exactSlope${w}`]!;
    const ours = linearRegressionSlope(sp500Bars().close, w);
    const taLib = refs[`LINEARREG_SLOPE${w}`]!;
    let err = 0;
    let taErr = 0;
    exact.forEach((e, t) => {
      if (e === null) return;
      err = Math.max(err, Math.abs(ours[t]! - e));
      taErr = Math.max(taErr, Math.abs(taLib[t]! - e));
    });
    expect(err).toBeLessThan(1e-13);
    expect(taErr).toBeLessThan(1e-9);
  });

  it('reads the source column and defaults to 14 bars of close; kernels equal the kinds', () => {
    const bars = sp500Bars();
    expect(linearregKind.params({}, 'lr')).toEqual({ window: 14, source: 'close' });
    for (const [name, kind] of KINDS) {
      expectMatchesReference(`${name}(open)`, kind.batch(bars, kind.params({ window: 20, source: 'open' }, kind.kind))[0]!, refs[`${name}open`]!, 1e-9, floorOf(name));
    }
    const kernels = [linearRegression, linearRegressionSlope, linearRegressionAngle, linearRegressionIntercept, timeSeriesForecast];
    kernels.forEach((kernel, i) => {
      const kind = KINDS[i]![1];
      expect(Array.from(kernel(bars.close))).toEqual(Array.from(kind.batch(bars, kind.params({}, kind.kind))[0]!));
    });
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const [, kind] of KINDS) {
      const p = kind.params({ window: 14 }, kind.kind);
      expectStreamingEqualsBatch(kind, bars, p);
      expectNoLookAhead(kind, bars, p, [1, 13, 14, 15, 28, 29, 777, 4000]);
    }
  });

  it('a missing close makes exactly the windows holding it NaN (TA-Lib stays NaN for ~300 bars)', () => {
    const gapped = withMissing(sp500Bars(), ['close'], GAP);
    for (const [name, kind] of KINDS) {
      const p = kind.params({ window: 14 }, kind.kind);
      const got = kind.batch(gapped, p)[0]!;
      const full = kind.batch(sp500Bars(), p)[0]!;
      for (let t = GAP; t < GAP + 14; t++) expect(Number.isNaN(got[t]!), `${name}[${t}]`).toBe(true);
      expect(Array.from(got.subarray(0, GAP))).toEqual(Array.from(full.subarray(0, GAP)));
      expectMatchesReference(`${name} after the gap`, got.subarray(GAP + 14), refs[`${name}14`]!.slice(GAP + 14), 1e-9, floorOf(name));
    }
  });

  it('does not lose digits to the price level: the slope of x + 1e7 equals the slope of x', () => {
    const close = sp500Bars().close;
    const lifted = close.map((v) => v + 1e7);
    const a = linearRegressionSlope(close, 50);
    const b = linearRegressionSlope(lifted, 50);
    let err = 0;
    // The lifted inputs themselves are rounded to 1e7's spacing (2e-9), which bounds the agreement.
    for (let t = 49; t < close.length; t++) err = Math.max(err, Math.abs(a[t]! - b[t]!));
    expect(err).toBeLessThan(1e-9);
  });

  it('rejects bad parameters and inputs naming the argument, the value and the fix', () => {
    expect(() => linearregKind.params({ window: 1 }, 'features.lr')).toThrow(/features\.lr\.window = 1: must be an integer >= 2\. Fix: pass e\.g\. 14/);
    expect(() => tsfKind.params({ period: 14 } as never, 'tsf')).toThrow(/tsf\.period = 14: is not a known option\. Fix: use only: window, source/);
    expect(() => linearregSlopeKind.params({ source: 'mid' } as never, 'slope')).toThrow(/slope\.source = "mid": must be one of open, high, low, close, adjClose/);
    expect(() => new LinearRegressionState(3.5)).toThrow(/window = 3\.5: must be an integer >= 2\. Fix: pass a whole number/);
    expect(() => linearRegression([1, 2, 3] as never)).toThrow(/x = array of length 3: must be a Float64Array/);
  });
});
