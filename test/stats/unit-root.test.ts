// ADF, KPSS and Engle-Granger against statsmodels 0.15 (the reference calls are in
// unit-root-reference.ts, one per case below). Tolerances: statistics 1e-6 relative, p-values 1e-3
// absolute (the brief's bounds), critical values 1e-6 relative. Measured: ADF statistics agree to
// <= 5e-12 relative except 'ctt' on the NASDAQ (1.1e-8: statsmodels regresses on raw t and t^2 and
// loses digits there; a centred Householder QR in numpy gives our value), Engle-Granger to 6e-10.
import { describe, expect, it } from 'vitest';
import { adf, kpss, engleGranger, mackinnonPValue, mackinnonCriticalValues, ols, type TrendRegression } from '../../lib/stats';
import { ADF_CASES, COINT_CASES, KPSS_CASES, unitRootReference } from './unit-root-reference';

const STAT_REL = 1e-6, P_ABS = 1e-3, CRIT_REL = 1e-6;
const ref = unitRootReference();
const series = (name: string) => Float64Array.from(ref.series[name]);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('adf matches statsmodels adfuller', () => {
  it.each(ref.adf.map((r, i) => [`${ADF_CASES[i].series} ${r.regression} autolag=${r.autolag} maxlag=${r.maxlag}`, r] as const))('%s', (_, r) => {
    const opts = r.autolag === null
      ? { regression: r.regression, lags: r.maxlag! }
      : { regression: r.regression, autolag: r.autolag, ...(r.maxlag === null ? {} : { maxLag: r.maxlag }) };
    const got = adf(series(r.series), opts);
    expect(got.usedLag).toBe(r.lags);
    expect(got.nobs).toBe(r.nobs);
    expect(rel(got.statistic, r.statistic)).toBeLessThan(STAT_REL);
    expect(Math.abs(got.pValue - r.pvalue)).toBeLessThan(P_ABS);
    for (const level of ['1%', '5%', '10%'] as const) expect(rel(got.criticalValues[level], r.crit[level])).toBeLessThan(CRIT_REL);
    if (r.icbest === null) expect(got.icBest).toBeNull();
    else expect(rel(got.icBest!, r.icbest)).toBeLessThan(1e-6);
  });

  it('agrees with a plain OLS of the ADF regression (the Gram kernel against Householder QR)', () => {
    const x = series('nqLog');
    const k = 5, n = x.length, rows = n - 1 - k;
    const y = new Float64Array(rows), cols = [new Float64Array(rows).fill(1), new Float64Array(rows)];
    for (let j = 1; j <= k; j++) cols.push(new Float64Array(rows));
    for (let r = 0; r < rows; r++) {
      const t = r + k; // index into diff
      y[r] = x[t + 1] - x[t];
      cols[1][r] = x[t];
      for (let j = 1; j <= k; j++) cols[j + 1][r] = x[t + 1 - j] - x[t - j];
    }
    const viaQr = ols(y, cols).tValues[1];
    expect(rel(adf(x, { regression: 'c', lags: k }).statistic, viaQr)).toBeLessThan(1e-9);
  });
});

describe('kpss matches statsmodels kpss', () => {
  it.each(ref.kpss.map((r, i) => [`${KPSS_CASES[i].series} ${r.regression} nlags=${r.nlags}`, r] as const))('%s', (_, r) => {
    const got = kpss(series(r.series), { regression: r.regression, nlags: r.nlags });
    expect(got.lags).toBe(r.lags);
    expect(rel(got.statistic, r.statistic)).toBeLessThan(STAT_REL);
    expect(Math.abs(got.pValue - r.pvalue)).toBeLessThan(1e-12);
    expect(got.criticalValues).toEqual(r.crit);
    // statsmodels warns (InterpolationWarning) exactly when the p-value is clipped to the table
    expect(got.pValueBound !== null).toBe(r.warned);
    expect(got.warnings.length > 0).toBe(r.warned);
  });

  it('clips at both ends of the table and says which way', () => {
    expect(kpss(series('spLog')).pValueBound).toBe('smaller');
    const flat = ref.kpss.find((r) => r.pvalue === 0.1);
    expect(flat).toBeDefined();
    expect(kpss(series(flat!.series), { regression: flat!.regression, nlags: flat!.nlags }).pValueBound).toBe('greater');
  });
});

describe('engleGranger matches statsmodels coint', () => {
  it.each(ref.coint.map((r, i) => [`${COINT_CASES[i].y0} ~ ${r.y1.join('+')} trend=${r.trend} autolag=${r.autolag}`, r] as const))('%s', (_, r) => {
    const y1 = r.y1.length === 1 ? series(r.y1[0]) : r.y1.map(series);
    const opts = r.autolag === null
      ? { trend: r.trend, lags: r.maxlag! }
      : { trend: r.trend, autolag: r.autolag, ...(r.maxlag === null ? {} : { maxLag: r.maxlag }) };
    const got = engleGranger(series(r.y0), y1, opts);
    expect(got.nSeries).toBe(r.y1.length + 1);
    expect(rel(got.statistic, r.statistic)).toBeLessThan(STAT_REL);
    expect(Math.abs(got.pValue - r.pvalue)).toBeLessThan(P_ABS);
    const crit = [got.criticalValues['1%'], got.criticalValues['5%'], got.criticalValues['10%']];
    crit.forEach((c, i) => {
      if (r.crit[i] === null) expect(c).toBeNaN();
      else expect(rel(c, r.crit[i]!)).toBeLessThan(CRIT_REL);
    });
  });

  it('reports -Infinity and p = 0 for an exactly collinear pair, as statsmodels', () => {
    const x = series('rw').map((v) => v + 100);
    const got = engleGranger(x.map((v) => 2 * v + 3), x);
    expect(got.collinear).toBe(true);
    expect(got.statistic).toBe(-Infinity);
    expect(got.pValue).toBe(0);
    expect(got.hedgeRatio).toBeCloseTo(2, 10);
  });
});

describe('ols matches statsmodels OLS', () => {
  it.each(ref.ols.map((r) => [`${r.y} ~ ${r.x.join(' + ')}${r.const ? ' + 1' : ''}`, r] as const))('%s', (_, r) => {
    const cols = r.x.map(series);
    if (r.const) cols.push(new Float64Array(cols[0].length).fill(1));
    const got = ols(series(r.y), cols);
    r.params.forEach((p, i) => {
      expect(rel(got.coefficients[i], p)).toBeLessThan(1e-9);
      expect(rel(got.standardErrors[i], r.bse[i])).toBeLessThan(1e-9);
      expect(rel(got.tValues[i], r.tvalues[i])).toBeLessThan(1e-9);
    });
    expect(got.hasConstant).toBe(r.const);
    expect(rel(got.rSquared, r.rsquared)).toBeLessThan(1e-10);
    expect(rel(got.ssr, r.ssr)).toBeLessThan(1e-9);
    expect(rel(got.logLikelihood, r.llf)).toBeLessThan(1e-10);
    expect(rel(got.aic, r.aic)).toBeLessThan(1e-10);
    expect(rel(got.bic, r.bic)).toBeLessThan(1e-10);
  });
});

describe('MacKinnon tables match statsmodels adfvalues', () => {
  it('p-values for every regression, N = 1..6, across both fits and the clipped tails', () => {
    for (const r of ref.mackinnonp) {
      expect(Math.abs(mackinnonPValue(r.stat, r.regression as TrendRegression, r.N) - r.p)).toBeLessThan(1e-14);
    }
    expect(ref.mackinnonp.length).toBe(4 * 6 * 17);
  });
  it('critical values for every regression and N, asymptotic and at nobs 25, 100, 2500', () => {
    for (const r of ref.mackinnoncrit) {
      const cv = mackinnonCriticalValues(r.N, r.regression as TrendRegression, r.nobs ?? Infinity);
      [cv['1%'], cv['5%'], cv['10%']].forEach((c, i) => expect(rel(c, r.crit[i])).toBeLessThan(1e-12));
    }
    expect(ref.mackinnoncrit.length).toBe(4 * (1 + 3 * 12));
  });
});
