// backtestMetrics against the Python tools, on real data: the arch package's S&P 500 and NASDAQ
// daily Adj Close (1999-01-04..2018-12-31), aligned by date, turned into simple returns.
//
// References (one Python process for the whole file), .venv versions:
//   empyrical-reloaded 0.7.1 (`import empyrical as ep`), called on numpy arrays:
//     cum_returns_final(r), annual_return(r, annualization=P), annual_volatility(r, annualization=P),
//     sharpe_ratio(r, risk_free=rf, annualization=P), sortino_ratio(r, required_return=rf, annualization=P),
//     downside_risk(r, required_return=rf, annualization=P), calmar_ratio(r, annualization=P),
//     omega_ratio(r, risk_free=rf), max_drawdown(r), value_at_risk(r, cutoff=1-level),
//     conditional_value_at_risk(r, cutoff=1-level), tail_ratio(r), stability_of_timeseries(r),
//     alpha_beta(r, b, risk_free=rf, annualization=P), excess_sharpe(r, b)
//   quantstats 0.0.86 (`import quantstats.stats as qs`), called on date-indexed pandas Series:
//     ulcer_index, skew, kurtosis, profit_factor, payoff_ratio, win_rate, avg_win, avg_loss,
//     gain_to_pain_ratio, common_sense_ratio, recovery_factor, kelly_criterion, risk_of_ruin,
//     best, worst, value_at_risk(confidence=level), conditional_value_at_risk(confidence=level,
//     method='parametric'), information_ratio(r, b), probabilistic_sharpe_ratio (rf = 0 cases only:
//     quantstats takes an annual rf, ours is per period).
// Tolerance: 1e-10 relative, plus 1e-15 absolute for values at 0.
//
// Definition notes, stated where they bite:
//   - empyrical.value_at_risk returns NaN as soon as one return is NaN; ours skips NaN bars, so with
//     NaN bars it is compared with value_at_risk(r[~isnan(r)]).
//   - informationRatio is per period, not annualised, exactly as excess_sharpe and quantstats'
//     information_ratio; trackingError (no function in either library) is compared with
//     numpy.nanstd(r - b, ddof=1) * sqrt(P).
//   - skew / kurtosis are pandas' unbiased G1 / G2 (quantstats), not scipy's biased defaults that
//     empyrical lists among its SIMPLE_STAT_FUNCS.
//   - recoveryFactor is quantstats' |sum of returns| / |max drawdown| (returns added, not compounded).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alpha, annualReturn, annualVolatility, backtestMetrics, beta, calmarRatio, commonSenseRatio, conditionalValueAtRisk,
  downsideRisk, excessKurtosis, informationRatio, maxDrawdown, omegaRatio, parametricConditionalValueAtRisk,
  parametricValueAtRisk, periodWinLoss, recoveryFactor, sharpeRatio, skewness, sortinoRatio, stabilityOfTimeseries,
  tailRatio, totalReturn, trackingError, ulcerIndex, valueAtRisk, type BacktestMetrics,
} from '../../../lib/backtest/performance';
import { runPython } from '../../helpers/python';

const RTOL = 1e-10;
const ATOL = 1e-15;

const REFERENCE = `
import numpy as np, pandas as pd, empyrical as ep
import quantstats.stats as qs
from arch.data import sp500, nasdaq
px = pd.concat([sp500.load()['Adj Close'], nasdaq.load()['Adj Close']], axis=1, keys=['sp', 'nq']).dropna()
rets = px.pct_change().iloc[1:]
sp, nq = rets['sp'], rets['nq']

# Strategy with gaps: long the S&P 500 after a positive 20-day NASDAQ return, half size otherwise;
# no observation during the 20-day warm-up and on a few scattered bars. Its benchmark (the S&P 500)
# has its own gaps, so benchmark statistics run on the pairwise-present bars.
momentum = px['nq'].pct_change(20).shift(1).iloc[1:]
strat = (sp * np.where(momentum > 0, 1.0, 0.5)).where(momentum.notna())
strat.iloc[[500, 501, 2000, 4100]] = np.nan
bench = sp.copy()
bench.iloc[[10, 3000, 3001]] = np.nan

cases = {
  'sp500': dict(r=sp, b=nq, P=252, rf=0.0, level=0.95),
  'gaps': dict(r=strat, b=bench, P=252, rf=0.0001, level=0.99),
  'nasdaq-last-700': dict(r=nq.iloc[-700:], b=sp.iloc[-700:], P=52, rf=0.0, level=0.9),
  # Short enough for risk_of_ruin not to underflow to 0, and for small-sample corrections to show.
  'sp500-last-25': dict(r=sp.iloc[-25:], b=nq.iloc[-25:], P=12, rf=0.0, level=0.95),
}

def f(x):
    x = float(x)
    if np.isnan(x): return None
    if np.isinf(x): return 'inf' if x > 0 else '-inf'
    return x

out = {}
for name, c in cases.items():
    r, b, P, rf, level = c['r'], c['b'], c['P'], c['rf'], c['level']
    a, fb = r.values, b.values
    cutoff = 1 - level
    al, be = ep.alpha_beta(a, fb, risk_free=rf, annualization=P)
    ref = {
      'totalReturn': ep.cum_returns_final(a),
      'annualReturn': ep.annual_return(a, annualization=P),
      'annualVolatility': ep.annual_volatility(a, annualization=P),
      'sharpe': ep.sharpe_ratio(a, risk_free=rf, annualization=P),
      'sortino': ep.sortino_ratio(a, required_return=rf, annualization=P),
      'downsideRisk': ep.downside_risk(a, required_return=rf, annualization=P),
      'calmar': ep.calmar_ratio(a, annualization=P),
      'omega': ep.omega_ratio(a, risk_free=rf),
      'maxDrawdown': ep.max_drawdown(a),
      'valueAtRisk': ep.value_at_risk(a[~np.isnan(a)], cutoff=cutoff),
      'conditionalValueAtRisk': ep.conditional_value_at_risk(a, cutoff=cutoff),
      'tailRatio': ep.tail_ratio(a),
      'stability': ep.stability_of_timeseries(a),
      'alpha': al, 'beta': be,
      'informationRatio': ep.excess_sharpe(a, fb),
      'trackingError': np.nanstd(a - fb, ddof=1) * np.sqrt(P),
      'ulcerIndex': qs.ulcer_index(r),
      'skew': qs.skew(r), 'kurtosis': qs.kurtosis(r),
      'periodProfitFactor': qs.profit_factor(r),
      'periodPayoffRatio': qs.payoff_ratio(r),
      'periodWinRate': qs.win_rate(r),
      'periodAverageWin': qs.avg_win(r), 'periodAverageLoss': qs.avg_loss(r),
      'gainToPainRatio': qs.gain_to_pain_ratio(r),
      'commonSenseRatio': qs.common_sense_ratio(r),
      'recoveryFactor': qs.recovery_factor(r),
      'periodKelly': qs.kelly_criterion(r),
      'riskOfRuin': qs.risk_of_ruin(r),
      'bestPeriod': qs.best(r), 'worstPeriod': qs.worst(r),
      'parametricVaR': qs.value_at_risk(r, confidence=level),
      'parametricCVaR': qs.conditional_value_at_risk(r, confidence=level, method='parametric'),
      'qsInformationRatio': qs.information_ratio(r, b),
    }
    if rf == 0:
        ref['probabilisticSharpe'] = qs.probabilistic_sharpe_ratio(r, periods=P)
    out[name] = dict(
      returns=[None if np.isnan(x) else float(x) for x in a],
      benchmark=[None if np.isnan(x) else float(x) for x in fb],
      P=P, rf=rf, level=level,
      ref={k: f(v) for k, v in ref.items()})
print(json.dumps(out))
`;

type Ref = Record<string, number | string | null>;
interface Case { returns: (number | null)[]; benchmark: (number | null)[]; P: number; rf: number; level: number; ref: Ref }

function toArray(xs: (number | null)[]): Float64Array {
  return Float64Array.from(xs, (x) => (x === null ? NaN : x));
}

function decode(v: number | string | null): number {
  if (v === null) return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

function expectClose(name: string, actual: number, expected: number): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    expect(actual, name).toBe(expected);
    return;
  }
  const err = Math.abs(actual - expected);
  expect(err, `${name}: ${actual} vs ${expected}`).toBeLessThanOrEqual(RTOL * Math.abs(expected) + ATOL);
}

// Report fields compared with the reference of the same name.
const FIELDS = [
  'totalReturn', 'annualReturn', 'annualVolatility', 'sharpe', 'sortino', 'downsideRisk', 'calmar', 'omega', 'maxDrawdown',
  'valueAtRisk', 'conditionalValueAtRisk', 'tailRatio', 'stability', 'alpha', 'beta', 'informationRatio', 'trackingError',
  'ulcerIndex', 'skew', 'kurtosis', 'periodProfitFactor', 'periodPayoffRatio', 'periodWinRate', 'periodAverageWin',
  'periodAverageLoss', 'gainToPainRatio', 'commonSenseRatio', 'recoveryFactor', 'periodKelly', 'riskOfRuin', 'bestPeriod',
  'worstPeriod', 'parametricVaR', 'parametricCVaR',
] as const satisfies readonly (keyof BacktestMetrics)[];

let cases: Record<string, Case>;
beforeAll(() => {
  cases = runPython<Record<string, Case>>(REFERENCE, null);
}, 60_000);

describe.each(['sp500', 'gaps', 'nasdaq-last-700', 'sp500-last-25'])('backtestMetrics on %s against empyrical 0.7.1 and quantstats 0.0.86', (name) => {
  it('matches every reference statistic to 1e-10 relative', () => {
    const c = cases[name]!;
    const returns = toArray(c.returns);
    const benchmark = toArray(c.benchmark);
    const before = [returns.slice(), benchmark.slice()];
    const m = backtestMetrics({ returns, benchmark }, { periodsPerYear: c.P, riskFree: c.rf, varLevel: c.level });
    for (const field of FIELDS) expectClose(field, m[field], decode(c.ref[field]!));
    // quantstats' information_ratio and empyrical's excess_sharpe are the same statistic.
    expectClose('informationRatio vs quantstats', m.informationRatio, decode(c.ref.qsInformationRatio!));
    if (c.rf === 0) expectClose('probabilisticSharpe vs quantstats', m.probabilisticSharpe, decode(c.ref.probabilisticSharpe!));
    // Sanity on real data, so a silent NaN cannot pass as "equal".
    expect(Number.isFinite(m.sharpe) && Number.isFinite(m.beta) && m.maxDrawdown < 0).toBe(true);
    // Inputs untouched (NaN-aware).
    expect(Array.from(returns).map(String)).toEqual(Array.from(before[0]!).map(String));
    expect(Array.from(benchmark).map(String)).toEqual(Array.from(before[1]!).map(String));
  });

  it('the exported kernels give the report fields exactly', () => {
    const c = cases[name]!;
    const returns = toArray(c.returns);
    const benchmark = toArray(c.benchmark);
    const P = c.P;
    const rf = c.rf;
    const m = backtestMetrics({ returns, benchmark }, { periodsPerYear: P, riskFree: rf, varLevel: c.level });
    const period = periodWinLoss(returns);
    const kernels: Record<string, number> = {
      totalReturn: totalReturn(returns),
      annualReturn: annualReturn(returns, { periodsPerYear: P }),
      annualVolatility: annualVolatility(returns, { periodsPerYear: P }),
      sharpe: sharpeRatio(returns, { periodsPerYear: P, riskFree: rf }),
      sortino: sortinoRatio(returns, { periodsPerYear: P, requiredReturn: rf }),
      downsideRisk: downsideRisk(returns, { periodsPerYear: P, requiredReturn: rf }),
      calmar: calmarRatio(returns, { periodsPerYear: P }),
      omega: omegaRatio(returns, { threshold: rf }),
      stability: stabilityOfTimeseries(returns),
      maxDrawdown: maxDrawdown(returns),
      ulcerIndex: ulcerIndex(returns),
      recoveryFactor: recoveryFactor(returns),
      valueAtRisk: valueAtRisk(returns, { level: c.level }),
      conditionalValueAtRisk: conditionalValueAtRisk(returns, { level: c.level }),
      parametricVaR: parametricValueAtRisk(returns, { level: c.level }),
      parametricCVaR: parametricConditionalValueAtRisk(returns, { level: c.level }),
      skew: skewness(returns),
      kurtosis: excessKurtosis(returns),
      tailRatio: tailRatio(returns),
      commonSenseRatio: commonSenseRatio(returns),
      periodWinRate: period.winRate,
      periodKelly: period.kellyCriterion,
      alpha: alpha(returns, benchmark, { periodsPerYear: P, riskFree: rf }),
      beta: beta(returns, benchmark),
      informationRatio: informationRatio(returns, benchmark),
      trackingError: trackingError(returns, benchmark, { periodsPerYear: P }),
    };
    for (const [field, value] of Object.entries(kernels)) expect(value, field).toBe(m[field as keyof BacktestMetrics]);
  });
});

describe('stability methods', () => {
  it("'signedRSquared' keeps empyrical's R^2 and carries the slope's sign", () => {
    const c = cases.sp500!;
    const up = toArray(c.returns);
    const down = up.map((r) => -r / (1 + r)); // the mirrored path: cumulative log returns negated
    const r2 = stabilityOfTimeseries(up);
    expect(stabilityOfTimeseries(up, { method: 'signedRSquared' })).toBe(r2); // S&P 500 rose over 1999-2018
    expectClose('mirrored R^2', stabilityOfTimeseries(down), r2);
    expectClose('mirrored signed R^2', stabilityOfTimeseries(down, { method: 'signedRSquared' }), -r2);
    expect(backtestMetrics({ returns: down }, { stabilityMethod: 'signedRSquared' }).stability).toBeLessThan(0);
  });
});
