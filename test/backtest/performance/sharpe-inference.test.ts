// PSR / DSR / expected maximum Sharpe against an independent Python implementation of the papers'
// formulas (scipy.stats.norm), written here from the papers, not from our code:
//   Bailey & Lopez de Prado (2012), "The Sharpe ratio efficient frontier", eq. 11:
//     PSR(SR*) = Phi((SR - SR*) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR^2)), g4 raw kurtosis
//   Bailey & Lopez de Prado (2014), "The deflated Sharpe ratio", eq. 1-2:
//     SR0 = sqrt(V) ((1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e))), DSR = PSR(SR0)
// Moments for the report-level check come from scipy.stats.skew / kurtosis(bias=False) (pandas'
// estimators, computed independently of our code). One Python process for the file.
// Tolerance: 1e-12 relative (the normal CDF and quantile are both accurate to ~1e-15).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  backtestMetrics, deflatedSharpeRatio, expectedMaxSharpe, normalQuantile, probabilisticSharpeRatio, EULER_MASCHERONI,
} from '../../../lib/backtest/performance';
import { runPython } from '../../helpers/python';

const RTOL = 1e-12;

// [sr, n, skew, excessKurtosis, srBenchmark]
const PSR_CASES = [
  [0.05, 1000, -0.5, 3.0, 0],
  [0.1, 250, 0.2, 1.0, 0.05],
  [-0.02, 5000, -1.2, 10, 0],
  [0.03, 60, 0, 0, 0.01],
  [0.2, 30, -2, 12, 0.25],
] as const;
// [sr, n, skew, excessKurtosis, trials, variance (null = default 1 / (n - 1))]
const DSR_CASES = [
  [0.08, 1250, -0.3, 2.5, 100, 0.0004],
  [0.05, 2000, 0, 0, 10, null],
  [0.1, 500, 0.5, 4, 1, 0.001],
  [0.04, 3000, -0.8, 6, 1000, 0.0001],
] as const;
const QUANTILE_PS = [1e-300, 1e-20, 1e-10, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.425, 0.5, 0.575, 0.7, 0.9, 0.975, 0.999, 1 - 1e-10];

const REFERENCE = `
import numpy as np
from scipy.stats import norm, skew, kurtosis
from arch.data import sp500
def psr(sr, n, g3, g4, sr_star):
    return norm.cdf((sr - sr_star) * np.sqrt(n - 1) / np.sqrt(1 - g3 * sr + (g4 - 1) / 4 * sr ** 2))
def emax(N, V):
    g = np.euler_gamma
    return np.sqrt(V) * ((1 - g) * norm.ppf(1 - 1 / N) + g * norm.ppf(1 - 1 / (N * np.e)))
out = {}
out['psr'] = [psr(sr, n, s, k + 3, b) for sr, n, s, k, b in inp['psr']]
out['dsr'] = []
out['emax'] = []
for sr, n, s, k, N, V in inp['dsr']:
    V = 1 / (n - 1) if V is None else V
    sr0 = 0.0 if N == 1 else emax(N, V)
    out['emax'].append(sr0)
    out['dsr'].append(psr(sr, n, s, k + 3, sr0))
out['ppf'] = [norm.ppf(p) for p in inp['ps']]
# Report level: S&P 500 daily returns, per-period risk-free 0.0001, 50 trials.
r = sp500.load()['Adj Close'].pct_change().dropna().values
x = r - inp['rf']
sr = x.mean() / x.std(ddof=1)
n = len(r)
g3, g4 = skew(r, bias=False), kurtosis(r, bias=False, fisher=False)
out['report'] = dict(returns=r.tolist(), psr=psr(sr, n, g3, g4, 0.0),
    emax=emax(inp['trials'], inp['V']), dsr=psr(sr, n, g3, g4, emax(inp['trials'], inp['V'])),
    emaxDefault=emax(inp['trials'], 1 / (n - 1)), dsrDefault=psr(sr, n, g3, g4, emax(inp['trials'], 1 / (n - 1))))
# Bailey & Lopez de Prado (2014), numerical example: annualised SR 2.5 over T = 1250 days (250 a year),
# N = 100 trials with V[annualised SR] = 0.5, skew -3, kurtosis 10; the paper reports DSR = 0.9004.
out['paper'] = psr(2.5 / np.sqrt(250), 1250, -3, 10, emax(100, 0.5 / 250))
print(json.dumps(out))
`;

interface Ref {
  psr: number[]; dsr: number[]; emax: number[]; ppf: number[]; paper: number;
  report: { returns: number[]; psr: number; emax: number; dsr: number; emaxDefault: number; dsrDefault: number };
}

const RF = 0.0001;
const TRIALS = 50;
const V = 0.0005;
let ref: Ref;
beforeAll(() => {
  ref = runPython<Ref>(REFERENCE, { psr: PSR_CASES, dsr: DSR_CASES, ps: QUANTILE_PS, rf: RF, trials: TRIALS, V });
}, 60_000);

function expectRel(actual: number, expected: number, rtol = RTOL): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rtol * Math.abs(expected) + 1e-300);
}

describe('probabilistic and deflated Sharpe ratios against the papers (scipy.stats.norm)', () => {
  it('PSR over a grid of Sharpe, length, skew, kurtosis and benchmark', () => {
    PSR_CASES.forEach(([sr, n, s, k, b], i) => expectRel(probabilisticSharpeRatio(sr, n, s, k, b), ref.psr[i]!));
  });

  it('expected maximum Sharpe and DSR, with a measured and with the default trial variance', () => {
    DSR_CASES.forEach(([sr, n, s, k, trials, v], i) => {
      expectRel(expectedMaxSharpe(trials, v ?? 1 / (n - 1)) + 1, ref.emax[i]! + 1); // + 1: the one-trial value is 0
      expectRel(deflatedSharpeRatio(sr, n, s, k, trials, v ?? undefined), ref.dsr[i]!);
    });
    expect(EULER_MASCHERONI).toBeCloseTo(0.5772156649015329, 16);
  });

  it("reproduces the 2014 paper's numerical example (DSR = 0.9004)", () => {
    const dsr = deflatedSharpeRatio(2.5 / Math.sqrt(250), 1250, -3, 10 - 3, 100, 0.5 / 250);
    expectRel(dsr, ref.paper);
    expect(dsr).toBeCloseTo(0.9004, 4);
  });

  it('more trials deflate more; one trial is PSR against 0', () => {
    const args = [0.06, 1500, -0.4, 3] as const;
    const dsr = [1, 2, 10, 100, 1000].map((N) => deflatedSharpeRatio(...args, N, 0.0005));
    for (let i = 1; i < dsr.length; i++) expect(dsr[i]!).toBeLessThan(dsr[i - 1]!);
    expect(dsr[0]).toBe(probabilisticSharpeRatio(...args, 0));
  });

  it('backtestMetrics on S&P 500 returns: PSR, DSR and expected max Sharpe', () => {
    const returns = Float64Array.from(ref.report.returns);
    const m = backtestMetrics({ returns }, { riskFree: RF, trials: TRIALS, trialSharpeVariance: V });
    expectRel(m.probabilisticSharpe, ref.report.psr, 1e-10);
    expectRel(m.expectedMaxSharpe, ref.report.emax, 1e-10);
    expectRel(m.deflatedSharpe, ref.report.dsr, 1e-10);
    const d = backtestMetrics({ returns }, { riskFree: RF, trials: TRIALS });
    expectRel(d.expectedMaxSharpe, ref.report.emaxDefault, 1e-10);
    expectRel(d.deflatedSharpe, ref.report.dsrDefault, 1e-10);
    expect(m.deflatedSharpe).toBeLessThan(m.probabilisticSharpe);
  });

  it('normalQuantile equals scipy.stats.norm.ppf from 1e-300 to 1 - 1e-10', () => {
    QUANTILE_PS.forEach((p, i) => expectRel(normalQuantile(p), ref.ppf[i]!, 1e-14));
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('Sharpe inference rejects bad arguments', () => {
  it('names the argument, the value and the fix', () => {
    expect(() => probabilisticSharpeRatio(0.1, 1, 0, 0)).toThrow('n = 1: must be an integer >= 2. Fix: pass the number of returns the Sharpe ratio was estimated from');
    expect(() => probabilisticSharpeRatio(0.1, 100.5, 0, 0)).toThrow(/^n = 100.5: must be an integer >= 2/);
    expect(() => expectedMaxSharpe(0, 0.01)).toThrow('trials = 0: must be an integer >= 1. Fix: pass the number of strategy variants tried (1 when this is the only one)');
    expect(() => deflatedSharpeRatio(0.1, 100, 0, 0, 2.5, 0.01)).toThrow(/^trials = 2.5: must be an integer >= 1/);
    expect(() => expectedMaxSharpe(10, -0.01)).toThrow('trialSharpeVariance = -0.01: must be a finite number >= 0. Fix: pass the variance of the per-period Sharpe ratios across the trials');
  });

  it('returns NaN, not a probability, when the variance term is not positive', () => {
    // 1 - skew sr + (k + 2) / 4 sr^2 = 1 - 10 * 0.5 + 0.5 * 0.25 < 0
    expect(probabilisticSharpeRatio(0.5, 100, 10, 0)).toBeNaN();
    expect(probabilisticSharpeRatio(NaN, 100, 0, 0)).toBeNaN();
  });
});
