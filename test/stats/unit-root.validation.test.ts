// Bad input fails at the boundary with an InvalidArgumentError naming the argument, the value and
// the fix: NaN/Infinity (with the index), too short for the lags (with the minimum), constant
// series, mismatched pair lengths, non-positive prices under logs, unknown options.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { adf, archLm, engleGranger, jarqueBera, kpss, ljungBox, minimumAdfLength, ols, screenPairs, adjustPValues } from '../../lib/stats';

const rng = createRng(3);
const walk = (n: number) => { const w = new Float64Array(n); for (let t = 1; t < n; t++) w[t] = w[t - 1] + rng.normal(); return w; };
const x = walk(300), y = walk(300);

function expectInvalid(run: () => unknown, argument: string, ...fragments: (string | RegExp)[]): void {
  let caught: unknown;
  try { run(); } catch (error) { caught = error; }
  expect(caught).toBeInstanceOf(InvalidArgumentError);
  const e = caught as InvalidArgumentError;
  expect(e.argument).toBe(argument);
  expect(e.message).toContain('Fix:');
  for (const f of fragments) expect(e.message).toMatch(f);
}

describe('unit-root and cointegration input validation', () => {
  it('names the index of a NaN or Infinity', () => {
    const bad = Float64Array.from(x); bad[17] = NaN;
    expectInvalid(() => adf(bad), 'x', 'holds NaN at index 17', 'drop or fill missing');
    const inf = Float64Array.from(x); inf[250] = Infinity;
    expectInvalid(() => kpss(inf), 'x', 'holds Infinity at index 250');
    expectInvalid(() => engleGranger(x, inf), 'y1', 'holds Infinity at index 250');
    expectInvalid(() => ljungBox(bad), 'x', 'index 17');
    expectInvalid(() => jarqueBera(bad), 'x', 'index 17');
    expectInvalid(() => archLm(bad), 'resid', 'index 17');
    expectInvalid(() => ols(bad, [x]), 'y', 'index 17');
  });

  it('states the minimum length for the requested lags', () => {
    expect(minimumAdfLength(4, 'c')).toBe(12);
    expectInvalid(() => adf(x.subarray(0, 11), { lags: 4 }), 'x', 'has 11 observations', 'with 4 lags needs at least 12', 'at most 3 lags');
    expectInvalid(() => adf(x, { maxLag: 200 }), 'x', 'needs at least 404', 'at most 148 lags');
    expectInvalid(() => adf(x.subarray(0, 3), { regression: 'ct' }), 'x', 'needs at least 6');
    expectInvalid(() => engleGranger(x.subarray(0, 20), y.subarray(0, 20), { lags: 12 }), 'y0', 'needs at least 27');
    expectInvalid(() => archLm(x.subarray(0, 9), { nlags: 5 }), 'resid', 'needs at least 12');
    expectInvalid(() => ljungBox(x.subarray(0, 10), { lags: 10 }), 'options.lags', 'only 10 observations');
  });

  it('caps the default maxLag of a short series so the regression keeps a residual degree of freedom', () => {
    // statsmodels would use n // 2 - 1 = 4 lags here and fit 5 parameters to 5 rows
    expect(adf(x.subarray(0, 10), { regression: 'n' }).maxLag).toBe(3);
    expect(adf(x.subarray(0, 10), { regression: 'c' }).maxLag).toBe(3);
    expectInvalid(() => adf(x.subarray(0, 2), { regression: 'n' }), 'x', 'needs at least 3', 'pass at least 3 observations');
  });

  it('rejects constant series', () => {
    const flat = new Float64Array(100).fill(4.2);
    expectInvalid(() => adf(flat), 'x', 'is constant (every value is 4.2)');
    expectInvalid(() => kpss(flat), 'x', 'is constant');
    expectInvalid(() => engleGranger(x.subarray(0, 100), flat), 'y1', 'is constant');
  });

  it('rejects mismatched pair lengths', () => {
    expectInvalid(() => engleGranger(x, y.subarray(0, 299)), 'y1', 'has length 299 but y0 has 300', 'align the two series');
    expectInvalid(
      () => screenPairs([{ symbol: 'A', close: x.map((v) => 100 + v) }, { symbol: 'B', close: y.subarray(1).map((v) => 100 + v) }]),
      'prices[1].close (B)', 'has length 299 but A has 300',
    );
  });

  it('rejects non-positive prices when logs are taken, and accepts them without logs', () => {
    const prices = [{ symbol: 'A', close: x.map((v) => 100 + v) }, { symbol: 'B', close: y.map((v) => 100 + v) }];
    const withZero = [prices[0], { symbol: 'B', close: Float64Array.from(prices[1].close) }];
    withZero[1].close[42] = 0;
    expectInvalid(() => screenPairs(withZero), 'prices[1].close (B)', 'non-positive price 0 at index 42', 'useLogPrices: false');
    expect(screenPairs(withZero, { useLogPrices: false }).tests).toBe(1);
  });

  it('rejects unknown options and bad option values', () => {
    expectInvalid(() => adf(x, { regresion: 'c' } as never), 'options.regresion', 'not a known option');
    expectInvalid(() => adf(x, { regression: 'cc' as never }), 'options.regression', "use one of 'n', 'c', 'ct', 'ctt'");
    expectInvalid(() => adf(x, { autolag: 'hqic' as never }), 'options.autolag', 'aic, bic, t-stat');
    expectInvalid(() => adf(x, { lags: 2, autolag: 'aic' }), 'options.lags', 'either lags, or autolag');
    expectInvalid(() => kpss(x, { nlags: 300 }), 'options.nlags', 'from 0 to 299');
    expectInvalid(() => kpss(x, { regression: 'n' as never }), 'options.regression', "'c', 'ct'");
    expectInvalid(() => screenPairs([{ symbol: 'A', close: x }]), 'prices', 'at least two series');
    expectInvalid(() => screenPairs([{ symbol: 'A', close: x.map((v) => 100 + v) }, { symbol: 'A', close: y.map((v) => 100 + v) }]), 'prices[1].symbol', 'listed twice');
    expectInvalid(() => screenPairs([], { pValueCorrection: 'fdr' as never }), 'options.pValueCorrection', 'benjamini-hochberg');
    expectInvalid(() => adjustPValues([0.1, 1.2], 'holm'), 'pValues', 'holds 1.2 at index 1');
    expectInvalid(() => ols(y, [new Float64Array(300).fill(1), new Float64Array(300).fill(2)]), 'columns', 'linearly dependent');
  });
});
