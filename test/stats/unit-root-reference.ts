// Golden values for the unit-root, cointegration, diagnostic and multiple-testing functions, computed
// when the tests run with the project's .venv: statsmodels 0.15.0, scipy 1.17, arch 8.0.0 (sample
// data). Every reference call is written out in SCRIPT below, next to the inputs it receives.
// Data: arch.data.sp500 / arch.data.nasdaq 'Adj Close' (5031 days, 1999-01-04..2018-12-31), their
// logs and log returns; seeded simulated series built in TypeScript (simulated() below) and sent
// to Python as JSON, so both sides test the very same numbers.
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

export interface Simulated {
  /** Gaussian random walk, 1000 steps, seed 11. */
  rw: number[];
  /** Independent random walk with drift 0.05, 1000 steps, seed 12. */
  rw2: number[];
  /** AR(1) phi = 0.5, 500 points, seed 13. */
  ar1: number[];
  /** Cointegrated pair, 2500 points, seed 14: x random walk, y = 1 + 0.8 x + AR(1)(0.9) noise. */
  pairX: number[];
  pairY: number[];
  /** Trend-stationary: 0.02 t + AR(1)(0.6), 800 points, seed 15. */
  trend: number[];
}

export function simulated(): Simulated {
  const walk = (rng: ReturnType<typeof createRng>, n: number, drift = 0) => {
    const w: number[] = [0];
    for (let t = 1; t < n; t++) w.push(w[t - 1] + drift + rng.normal());
    return w;
  };
  const ar = (rng: ReturnType<typeof createRng>, n: number, phi: number, scale = 1) => {
    const u: number[] = [scale * rng.normal()];
    for (let t = 1; t < n; t++) u.push(phi * u[t - 1] + scale * rng.normal());
    return u;
  };
  const r14 = createRng(14);
  const pairX = walk(r14, 2500);
  const noise = ar(r14, 2500, 0.9, 0.5);
  const r15 = createRng(15);
  const trendNoise = ar(r15, 800, 0.6);
  return {
    rw: walk(createRng(11), 1000),
    rw2: walk(createRng(12), 1000, 0.05),
    ar1: ar(createRng(13), 500, 0.5),
    pairX,
    pairY: pairX.map((v, t) => 1 + 0.8 * v + noise[t]),
    trend: trendNoise.map((u, t) => 0.02 * t + u),
  };
}

export interface AdfCase { series: string; regression: 'n' | 'c' | 'ct' | 'ctt'; autolag: 'aic' | 'bic' | 't-stat' | null; maxlag: number | null }
export interface AdfRef extends AdfCase { statistic: number; pvalue: number; lags: number; nobs: number; crit: Record<string, number>; icbest: number | null }
export interface KpssCase { series: string; regression: 'c' | 'ct'; nlags: 'auto' | 'legacy' | number }
export interface KpssRef extends KpssCase { statistic: number; pvalue: number; lags: number; crit: Record<string, number>; warned: boolean }
export interface CointCase { y0: string; y1: string[]; trend: 'n' | 'c' | 'ct' | 'ctt'; autolag: 'aic' | 'bic' | 't-stat' | null; maxlag: number | null }
export interface CointRef extends CointCase { statistic: number; pvalue: number; crit: number[] }

export const ADF_CASES: AdfCase[] = [
  { series: 'spLog', regression: 'c', autolag: 'aic', maxlag: null },
  { series: 'spLog', regression: 'ct', autolag: 'bic', maxlag: null },
  { series: 'spLog', regression: 'c', autolag: null, maxlag: 0 },
  { series: 'nqLog', regression: 'ctt', autolag: 'aic', maxlag: null },
  { series: 'nqRet', regression: 'c', autolag: 'aic', maxlag: null },
  { series: 'nqRet', regression: 'n', autolag: 't-stat', maxlag: null },
  { series: 'spRet', regression: 'ct', autolag: 'aic', maxlag: 20 },
  { series: 'rw', regression: 'n', autolag: null, maxlag: 4 },
  { series: 'rw', regression: 'c', autolag: 'aic', maxlag: null },
  { series: 'rw', regression: 'ctt', autolag: 'bic', maxlag: null },
  { series: 'ar1', regression: 'c', autolag: 'aic', maxlag: null },
  { series: 'ar1', regression: 'ct', autolag: 't-stat', maxlag: 8 },
  { series: 'ar1', regression: 'n', autolag: 'bic', maxlag: null },
  { series: 'trend', regression: 'ct', autolag: 'aic', maxlag: null },
  { series: 'trend', regression: 'c', autolag: 't-stat', maxlag: null },
];

export const KPSS_CASES: KpssCase[] = [
  { series: 'spLog', regression: 'c', nlags: 'auto' },
  { series: 'spLog', regression: 'ct', nlags: 'auto' },
  { series: 'spRet', regression: 'c', nlags: 'auto' },
  { series: 'nqRet', regression: 'ct', nlags: 'legacy' },
  { series: 'rw', regression: 'c', nlags: 'legacy' },
  { series: 'ar1', regression: 'c', nlags: 'auto' },
  { series: 'ar1', regression: 'ct', nlags: 5 },
  { series: 'trend', regression: 'ct', nlags: 'auto' },
  { series: 'trend', regression: 'c', nlags: 12 },
];

export const COINT_CASES: CointCase[] = [
  { y0: 'spLog', y1: ['nqLog'], trend: 'c', autolag: 'aic', maxlag: null },
  { y0: 'nqLog', y1: ['spLog'], trend: 'c', autolag: 'aic', maxlag: null },
  { y0: 'pairY', y1: ['pairX'], trend: 'c', autolag: 'aic', maxlag: null },
  { y0: 'pairX', y1: ['pairY'], trend: 'c', autolag: 'aic', maxlag: null },
  { y0: 'rw', y1: ['rw2'], trend: 'c', autolag: 'aic', maxlag: null },
  { y0: 'pairY', y1: ['pairX'], trend: 'ct', autolag: 'bic', maxlag: null },
  { y0: 'spLog', y1: ['nqLog'], trend: 'ctt', autolag: 't-stat', maxlag: 10 },
  { y0: 'rw', y1: ['rw2'], trend: 'n', autolag: null, maxlag: 3 },
  { y0: 'spLog', y1: ['nqLog', 'spRetLevel'], trend: 'c', autolag: 'aic', maxlag: null },
];

export interface UnitRootReference {
  series: Record<string, number[]>;
  adf: AdfRef[];
  kpss: KpssRef[];
  coint: CointRef[];
  mackinnonp: { regression: string; N: number; stat: number; p: number }[];
  mackinnoncrit: { regression: string; N: number; nobs: number | null; crit: number[] }[];
  ljungbox: { series: string; lags: number[] | number | null; modelDf: number; lb: number[]; lbp: number[]; bp: number[]; bpp: number[]; index: number[] }[];
  jb: { series: string; jb: number; p: number; skew: number; kurtosis: number }[];
  arch: { series: string; nlags: number | null; ddof: number; lm: number; lmp: number; f: number; fp: number }[];
  ols: { y: string; x: string[]; const: boolean; params: number[]; bse: number[]; tvalues: number[]; rsquared: number; llf: number; aic: number; bic: number; ssr: number }[];
  multitest: { p: number[]; method: string; alpha: number; reject: boolean[]; adjusted: number[] }[];
  special: { normCdf: [number, number][]; chi2Sf: [number, number, number][]; fSf: [number, number, number, number][] };
}

const SCRIPT = `
import warnings
import numpy as np
from scipy import stats
from arch.data import sp500, nasdaq
from statsmodels.tsa.stattools import adfuller, kpss, coint
from statsmodels.tsa.adfvalues import mackinnonp, mackinnoncrit
from statsmodels.stats.diagnostic import acorr_ljungbox, het_arch
from statsmodels.stats.stattools import jarque_bera
from statsmodels.stats.multitest import multipletests
from statsmodels.tools.sm_exceptions import InterpolationWarning

sp, nq = sp500.load()['Adj Close'], nasdaq.load()['Adj Close']
assert (sp.index == nq.index).all()
S = {k: np.asarray(v, dtype=float) for k, v in inp['sim'].items()}
S['spLog'] = np.log(sp.values); S['nqLog'] = np.log(nq.values)
S['spRet'] = np.diff(S['spLog']); S['nqRet'] = np.diff(S['nqLog'])
# a third I(1) regressor for the N = 3 Engle-Granger case: cumulated S&P log returns, shifted by 3 days
S['spRetLevel'] = np.concatenate([[0.0, 0.0, 0.0], np.cumsum(S['spRet'])[:-2]])

out = {'series': {k: v.tolist() for k, v in S.items()}}

adf = []
for c in inp['adf']:
    # adfuller(x, maxlag=..., regression=..., autolag=..., result_object=True)
    r = adfuller(S[c['series']], maxlag=c['maxlag'], regression=c['regression'], autolag=c['autolag'], result_object=True)
    adf.append({**c, 'statistic': r.statistic, 'pvalue': r.pvalue, 'lags': r.lags, 'nobs': r.nobs,
                'crit': r.critical_values, 'icbest': r.icbest})
out['adf'] = adf

kp = []
for c in inp['kpss']:
    # kpss(x, regression=..., nlags=..., result_object=True)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        r = kpss(S[c['series']], regression=c['regression'], nlags=c['nlags'], result_object=True)
    kp.append({**c, 'statistic': r.statistic, 'pvalue': r.pvalue, 'lags': r.lags, 'crit': r.critical_values,
               'warned': any(issubclass(x.category, InterpolationWarning) for x in w)})
out['kpss'] = kp

co = []
for c in inp['coint']:
    y1 = np.column_stack([S[k] for k in c['y1']])
    if y1.shape[1] == 1: y1 = y1[:, 0]
    # coint(y0, y1, trend=..., maxlag=..., autolag=...)
    r = coint(S[c['y0']], y1, trend=c['trend'], maxlag=c['maxlag'], autolag=c['autolag'])
    co.append({**c, 'statistic': float(r[0]), 'pvalue': float(r[1]), 'crit': [float(v) for v in r[2]]})
out['coint'] = co

mp = []
for reg in ['n', 'c', 'ct', 'ctt']:
    for N in range(1, 7):
        for stat in [-30.0, -20.0, -8.0, -5.0, -4.2, -3.9, -3.5, -3.1, -2.7, -2.2, -1.6, -1.0, -0.3, 0.4, 0.9, 1.6, 3.0]:
            mp.append({'regression': reg, 'N': N, 'stat': stat, 'p': float(mackinnonp(stat, regression=reg, N=N))})
out['mackinnonp'] = mp

mc = []
for reg, maxN in [('n', 1), ('c', 12), ('ct', 12), ('ctt', 12)]:
    for N in range(1, maxN + 1):
        for nobs in [None, 25, 100, 2500]:
            crit = mackinnoncrit(N=N, regression=reg) if nobs is None else mackinnoncrit(N=N, regression=reg, nobs=nobs)
            mc.append({'regression': reg, 'N': N, 'nobs': nobs, 'crit': [float(v) for v in crit]})
out['mackinnoncrit'] = mc

lb = []
for series, lags, mdf in [('spRet', [1, 5, 10, 20], 0), ('nqRet', 15, 0), ('ar1', 10, 2), ('rw', None, 0)]:
    # acorr_ljungbox(x, lags=..., boxpierce=True, model_df=...)
    r = acorr_ljungbox(S[series], lags=lags, boxpierce=True, model_df=mdf)
    lb.append({'series': series, 'lags': lags, 'modelDf': mdf, 'lb': r['lb_stat'].tolist(), 'lbp': r['lb_pvalue'].tolist(),
               'bp': r['bp_stat'].tolist(), 'bpp': r['bp_pvalue'].tolist(), 'index': [int(i) for i in r.index]})
out['ljungbox'] = lb

jb = []
for series in ['spRet', 'nqRet', 'ar1', 'rw']:
    # jarque_bera(x)
    j, p, s, k = jarque_bera(S[series])
    jb.append({'series': series, 'jb': float(j), 'p': float(p), 'skew': float(s), 'kurtosis': float(k)})
out['jb'] = jb

ar = []
for series, nlags, ddof in [('spRet', 5, 0), ('nqRet', None, 0), ('ar1', 3, 1), ('rw', 12, 0)]:
    # het_arch(resid, nlags=..., ddof=..., result_object=True)
    r = het_arch(S[series], nlags=nlags, ddof=ddof, result_object=True)
    ar.append({'series': series, 'nlags': nlags, 'ddof': ddof, 'lm': float(r.lm), 'lmp': float(r.lmpval), 'f': float(r.fval), 'fp': float(r.fpval)})
out['arch'] = ar

mt = []
rng = np.random.default_rng(5)
vectors = [inp['pvals'], rng.uniform(0, 0.2, 40).tolist(), [0.0, 0.01, 0.01, 0.02, 0.5, 0.5, 1.0, 0.003, 0.04, 0.04]]
for p in vectors:
    for method in ['bonferroni', 'holm', 'fdr_bh']:
        for alpha in [0.05, 0.1]:
            # multipletests(p, alpha=..., method=...)
            rej, adj, _, _ = multipletests(np.asarray(p), alpha=alpha, method=method)
            mt.append({'p': list(p), 'method': method, 'alpha': alpha, 'reject': [bool(v) for v in rej], 'adjusted': adj.tolist()})
out['multitest'] = mt

import statsmodels.api as sm
olsr = []
for yname, xnames, const in [('nqLog', ['spLog'], True), ('pairY', ['pairX'], False), ('nqLog', ['spLog', 'spRetLevel'], True), ('nqRet', ['spRet'], False)]:
    X = np.column_stack([S[k] for k in xnames] + ([np.ones(len(S[yname]))] if const else []))
    # sm.OLS(y, X).fit() with the constant as the last column
    f = sm.OLS(S[yname], X).fit()
    olsr.append({'y': yname, 'x': xnames, 'const': const, 'params': f.params.tolist(), 'bse': f.bse.tolist(), 'tvalues': f.tvalues.tolist(),
                 'rsquared': float(f.rsquared), 'llf': float(f.llf), 'aic': float(f.aic), 'bic': float(f.bic), 'ssr': float(f.ssr)})
out['ols'] = olsr

zs = [-30.0, -20.0, -8.5, -5.0, -2.5, -1.0, -0.1, 0.0, 0.3, 1.7, 4.0, 9.0]
chis = [(0.01, 1), (0.5, 2), (3.0, 2), (12.0, 5), (30.0, 10), (80.0, 20), (400.0, 30), (1e-6, 3), (7.5, 1), (1000.0, 2), (25.0, 40.5)]
fs = [(0.5, 5, 100), (2.0, 3, 50), (10.0, 10, 5000), (1.0, 1, 1), (0.05, 12, 30), (35.0, 5, 4990), (3.3, 2, 7)]
out['special'] = {
    'normCdf': [[z, float(stats.norm.cdf(z))] for z in zs],
    'chi2Sf': [[x, d, float(stats.chi2.sf(x, d))] for x, d in chis],
    'fSf': [[f, a, b, float(stats.f.sf(f, a, b))] for f, a, b in fs],
}
def clean(o):
    # JSON has no NaN/Infinity: NaN -> null, +-inf -> +-1e308 sentinels are not needed here (none occur)
    if isinstance(o, float) and o != o: return None
    if isinstance(o, dict): return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)): return [clean(v) for v in o]
    if isinstance(o, (np.floating,)): return clean(float(o))
    if isinstance(o, (np.integer,)): return int(o)
    return o
print(json.dumps(clean(out), allow_nan=False))
`;

/** Fixed p-values with ties and the 0/1 ends, for the multiple-testing checks. */
export const FIXED_PVALUES = [0.2, 0.001, 0.04, 0.04, 0.9, 0.013, 0.0005, 0.3, 0.049, 0.02, 0.6, 1, 0];

let cached: UnitRootReference | undefined;

export function unitRootReference(): UnitRootReference {
  cached ??= runPython<UnitRootReference>(SCRIPT, { sim: simulated(), adf: ADF_CASES, kpss: KPSS_CASES, coint: COINT_CASES, pvals: FIXED_PVALUES });
  return cached;
}
