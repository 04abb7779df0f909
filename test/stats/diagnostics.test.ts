// Ljung-Box / Box-Pierce, Jarque-Bera, ARCH-LM, multiple-testing adjustments and the special
// functions behind their p-values, against statsmodels 0.15 / scipy 1.17 (calls in
// unit-root-reference.ts). Tolerances: Q 1e-8 relative, JB and ARCH-LM 1e-8 relative,
// adjusted p-values 1e-12 absolute, CDFs 1e-12 relative.
import { describe, expect, it } from 'vitest';
import {
  adjustPValues, archLm, chiSquareSf, fSf, jarqueBera, ljungBox, normalCdf, type PValueCorrection,
} from '../../lib/stats';
import { unitRootReference } from './unit-root-reference';

const ref = unitRootReference();
const series = (name: string) => Float64Array.from(ref.series[name]);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('ljungBox matches acorr_ljungbox(boxpierce=True)', () => {
  it.each(ref.ljungbox.map((r) => [`${r.series} lags=${JSON.stringify(r.lags)} model_df=${r.modelDf}`, r] as const))('%s', (_, r) => {
    const rows = ljungBox(series(r.series), { ...(r.lags === null ? {} : { lags: r.lags }), modelDf: r.modelDf });
    expect(rows.map((row) => row.lag)).toEqual(r.index);
    rows.forEach((row, i) => {
      expect(rel(row.lbStat, r.lb[i])).toBeLessThan(1e-8);
      expect(rel(row.bpStat, r.bp[i])).toBeLessThan(1e-8);
      if (r.lbp[i] === null) {
        expect(row.lbPValue).toBeNaN();
        expect(row.bpPValue).toBeNaN();
      } else {
        expect(Math.abs(row.lbPValue - r.lbp[i]!)).toBeLessThan(1e-10 * Math.max(r.lbp[i]!, 1e-300) + 1e-300);
        expect(Math.abs(row.bpPValue - r.bpp[i]!)).toBeLessThan(1e-10 * Math.max(r.bpp[i]!, 1e-300) + 1e-300);
      }
    });
  });
});

describe('jarqueBera matches statsmodels jarque_bera', () => {
  it.each(ref.jb.map((r) => [r.series, r] as const))('%s', (_, r) => {
    const got = jarqueBera(series(r.series));
    expect(rel(got.statistic, r.jb)).toBeLessThan(1e-8);
    expect(rel(got.skew, r.skew)).toBeLessThan(1e-8);
    expect(rel(got.kurtosis, r.kurtosis)).toBeLessThan(1e-8);
    expect(Math.abs(got.pValue - r.p)).toBeLessThanOrEqual(1e-10 * r.p);
  });
});

describe('archLm matches statsmodels het_arch', () => {
  it.each(ref.arch.map((r) => [`${r.series} nlags=${r.nlags} ddof=${r.ddof}`, r] as const))('%s', (_, r) => {
    const got = archLm(series(r.series), { ...(r.nlags === null ? {} : { nlags: r.nlags }), ddof: r.ddof });
    expect(rel(got.statistic, r.lm)).toBeLessThan(1e-8);
    expect(rel(got.fStatistic, r.f)).toBeLessThan(1e-8);
    expect(Math.abs(got.pValue - r.lmp)).toBeLessThanOrEqual(1e-8 * r.lmp);
    expect(Math.abs(got.fPValue - r.fp)).toBeLessThanOrEqual(1e-8 * r.fp);
  });
});

describe('adjustPValues matches multipletests', () => {
  const methods: Record<string, PValueCorrection> = { bonferroni: 'bonferroni', holm: 'holm', fdr_bh: 'benjamini-hochberg' };
  it.each(ref.multitest.map((r, i) => [`vector ${Math.floor(i / 6)} ${r.method} alpha=${r.alpha}`, r] as const))('%s', (_, r) => {
    const got = adjustPValues(r.p, methods[r.method], r.alpha);
    got.adjusted.forEach((a, i) => expect(Math.abs(a - r.adjusted[i])).toBeLessThanOrEqual(1e-12));
    expect(got.rejected).toEqual(r.reject);
  });
});

describe('special functions match scipy', () => {
  it('normal CDF, including far tails (1e-12 relative)', () => {
    for (const [z, p] of ref.special.normCdf) expect(rel(normalCdf(z), p)).toBeLessThan(1e-12);
  });
  it('chi-square survival function (1e-12 relative)', () => {
    for (const [x, df, p] of ref.special.chi2Sf) expect(rel(chiSquareSf(x, df), p)).toBeLessThan(1e-12);
  });
  it('F survival function (1e-11 relative)', () => {
    for (const [f, a, b, p] of ref.special.fSf) expect(rel(fSf(f, a, b), p)).toBeLessThan(1e-11);
  });
});
