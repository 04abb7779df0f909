// backtestMetrics: every performance statistic of one backtest in one flat, JSON-ready object,
// from the per-period returns plus whatever else the engine produced (benchmark, trades,
// positions). A statistic whose input is absent (no benchmark, no trades, no positions) is NaN,
// which JSON.stringify writes as null. Definitions live in the kernels; each field below names
// the reference function it follows.
import { InvalidArgumentError } from '../../util/errors';
import { activeReturns, alphaGivenBeta, beta, informationRatioOfActive, trackingErrorOfActive } from './benchmark';
import { calmarFrom, drawdownSummary, recoveryFrom, ulcerFromSummary } from './drawdown';
import { exposureStatistics } from './exposure';
import {
  readPeriodsPerYear, readRate, readTrials, readVarLevel, rejectUnknownOptions, requireFloat64Array, requireNoInfinity,
  DEFAULT_RISK_FREE,
} from './options';
import { commonSenseFromSorted, periodWinLoss } from './period-stats';
import {
  annualReturn, annualVolatility, downsideRisk, omegaRatio, periodSharpe, sharpeRatio, sortinoRatio, stabilityOfTimeseries,
  totalReturn, type StabilityMethod,
} from './returns';
import { sortedPresent } from './sample';
import { deflatedSharpeRatio, expectedMaxSharpe, probabilisticSharpeRatio } from './sharpe-inference';
import {
  conditionalValueAtRiskSorted, excessKurtosis, parametricConditionalValueAtRisk, parametricValueAtRisk, skewness,
  tailRatioSorted, valueAtRiskSorted,
} from './tail';
import { computeTradeStatistics, validateTrades, type TradeRecord, type TradeStatistics } from './trades';

export interface BacktestMetricsInput {
  /** Per-period strategy returns; NaN = no observation that bar. */
  readonly returns: Float64Array;
  /** Equity curve in currency, aligned with returns; only equityFinal / equityPeak read it. */
  readonly equity?: Float64Array;
  /** Per-period benchmark returns aligned with returns (NaN where it has none). */
  readonly benchmark?: Float64Array;
  /** Closed trades, in any order. */
  readonly trades?: readonly TradeRecord[];
  /** Exposure per bar (signed or gross weight); NaN = flat. */
  readonly positions?: Float64Array;
  /** Total one-way turnover computed by the engine; overrides the one derived from positions. */
  readonly turnover?: number;
}

export interface BacktestMetricsOptions {
  /** Bars per year used to annualise (252 for daily bars). */
  readonly periodsPerYear?: number;
  /** Risk-free return per period: Sharpe's and alpha's risk-free rate, Sortino's required return, omega's threshold, PSR's excess return. */
  readonly riskFree?: number;
  /** Confidence level of VaR / CVaR, in (0, 1). */
  readonly varLevel?: number;
  /** Number of strategy variants tried before picking this one (deflated Sharpe). */
  readonly trials?: number;
  /** Variance of the per-period Sharpe ratios across those trials; default 1 / (n - 1) (see deflatedSharpeRatio). */
  readonly trialSharpeVariance?: number;
  /** 'rSquared' (empyrical) or 'signedRSquared' (negative for a steady decline). */
  readonly stabilityMethod?: StabilityMethod;
}

export interface BacktestMetrics extends TradeStatistics {
  /** Bars in the series, NaN bars included. */
  readonly periods: number;
  /** Bars with an observed (non-NaN) return. */
  readonly observations: number;
  // ---- returns and risk-adjusted returns (empyrical 0.7.1) ----
  /** empyrical.cum_returns_final */
  readonly totalReturn: number;
  /** CAGR, empyrical.annual_return */
  readonly annualReturn: number;
  /** empyrical.annual_volatility */
  readonly annualVolatility: number;
  /** empyrical.sharpe_ratio(risk_free = riskFree) */
  readonly sharpe: number;
  /** empyrical.sortino_ratio(required_return = riskFree) */
  readonly sortino: number;
  /** empyrical.downside_risk(required_return = riskFree), annualised */
  readonly downsideRisk: number;
  /** empyrical.calmar_ratio */
  readonly calmar: number;
  /** empyrical.omega_ratio(risk_free = riskFree) */
  readonly omega: number;
  /** empyrical.stability_of_timeseries (signed when stabilityMethod = 'signedRSquared') */
  readonly stability: number;
  // ---- drawdown ----
  /** empyrical.max_drawdown, negative fraction */
  readonly maxDrawdown: number;
  /** Longest run of bars below the previous equity peak */
  readonly maxDrawdownDuration: number;
  /** quantstats.stats.ulcer_index */
  readonly ulcerIndex: number;
  /** quantstats.stats.recovery_factor: |sum of returns| / |maxDrawdown| */
  readonly recoveryFactor: number;
  // ---- tails and shape ----
  /** Historical VaR at varLevel, a return (empyrical.value_at_risk(cutoff = 1 - varLevel), NaN skipped) */
  readonly valueAtRisk: number;
  /** Historical CVaR at varLevel (empyrical.conditional_value_at_risk) */
  readonly conditionalValueAtRisk: number;
  /** Normal VaR (quantstats.stats.value_at_risk(confidence = varLevel)) */
  readonly parametricVaR: number;
  /** Normal expected shortfall (quantstats.stats.conditional_value_at_risk(method = 'parametric')) */
  readonly parametricCVaR: number;
  /** pandas Series.skew (quantstats.stats.skew) */
  readonly skew: number;
  /** Excess kurtosis, pandas Series.kurt (quantstats.stats.kurtosis) */
  readonly kurtosis: number;
  /** empyrical.tail_ratio */
  readonly tailRatio: number;
  // ---- per-period win/loss (quantstats 0.0.86; every bar counts as a bet) ----
  /** quantstats.stats.best */
  readonly bestPeriod: number;
  /** quantstats.stats.worst */
  readonly worstPeriod: number;
  /** quantstats.stats.win_rate */
  readonly periodWinRate: number;
  /** quantstats.stats.avg_win */
  readonly periodAverageWin: number;
  /** quantstats.stats.avg_loss */
  readonly periodAverageLoss: number;
  /** quantstats.stats.payoff_ratio */
  readonly periodPayoffRatio: number;
  /** quantstats.stats.profit_factor */
  readonly periodProfitFactor: number;
  /** quantstats.stats.kelly_criterion */
  readonly periodKelly: number;
  /** quantstats.stats.risk_of_ruin */
  readonly riskOfRuin: number;
  /** quantstats.stats.gain_to_pain_ratio (daily resolution: the sum of the per-period returns) */
  readonly gainToPainRatio: number;
  /** quantstats.stats.common_sense_ratio */
  readonly commonSenseRatio: number;
  // ---- is the Sharpe ratio real? (per-period Sharpe of r - riskFree, pandas skew / excess kurtosis) ----
  /** PSR against 0, Bailey & Lopez de Prado 2012 (quantstats.stats.probabilistic_sharpe_ratio) */
  readonly probabilisticSharpe: number;
  /** PSR against expectedMaxSharpe, Bailey & Lopez de Prado 2014 */
  readonly deflatedSharpe: number;
  /** Expected best per-period Sharpe of `trials` zero-skill variants (0 for one trial) */
  readonly expectedMaxSharpe: number;
  // ---- against the benchmark (NaN without one) ----
  /** empyrical.alpha (annualised, riskFree subtracted) */
  readonly alpha: number;
  /** empyrical.beta */
  readonly beta: number;
  /** Per period, not annualised: empyrical.excess_sharpe = quantstats.stats.information_ratio */
  readonly informationRatio: number;
  /** Annualised sample std of r - benchmark */
  readonly trackingError: number;
  // ---- closed trades: TradeStatistics (backtesting.py 0.6.6 _stats.compute_stats; NaN without trades) ----
  // ---- exposure (NaN without positions, turnover also from input.turnover) ----
  /** 'Exposure Time' as a fraction: share of bars with a non-zero position */
  readonly exposure: number;
  /** Mean |position| */
  readonly averageGrossExposure: number;
  /** input.turnover, else the sum of |position changes| */
  readonly turnover: number;
  // ---- equity curve (NaN without equity) ----
  /** 'Equity Final' */
  readonly equityFinal: number;
  /** 'Equity Peak' */
  readonly equityPeak: number;
}

const INPUT_KEYS = ['returns', 'equity', 'benchmark', 'trades', 'positions', 'turnover'] as const;
const OPTION_KEYS = ['periodsPerYear', 'riskFree', 'varLevel', 'trials', 'trialSharpeVariance', 'stabilityMethod'] as const;

function requireAlignedSeries(argument: string, value: unknown, n: number, what: string): Float64Array {
  const x = requireFloat64Array(argument, value);
  if (x.length !== n) {
    throw new InvalidArgumentError(argument, x, `has length ${x.length} but returns has length ${n}`, `pass one ${what} per bar, aligned with returns`);
  }
  return x;
}

/** Every performance statistic of one backtest; see BacktestMetrics for each field's reference. */
export function backtestMetrics(input: BacktestMetricsInput, options: BacktestMetricsOptions = {}): BacktestMetrics {
  if (input === null || typeof input !== 'object' || Array.isArray(input) || ArrayBuffer.isView(input)) {
    throw new InvalidArgumentError('input', input, 'must be an object with a returns field', 'call backtestMetrics({ returns }) with the per-period returns as a Float64Array');
  }
  rejectUnknownOptions('input', input, INPUT_KEYS);
  rejectUnknownOptions('options', options, OPTION_KEYS);
  const periodsPerYear = readPeriodsPerYear('options.periodsPerYear', options.periodsPerYear);
  const riskFree = readRate('options.riskFree', options.riskFree, DEFAULT_RISK_FREE);
  const varLevel = readVarLevel('options.varLevel', options.varLevel);
  const trials = readTrials('options.trials', options.trials);
  const trialVariance = options.trialSharpeVariance;
  if (trialVariance !== undefined && (typeof trialVariance !== 'number' || !(Number.isFinite(trialVariance) && trialVariance >= 0))) {
    throw new InvalidArgumentError('options.trialSharpeVariance', trialVariance, 'must be a finite number >= 0', 'pass the variance of the per-period Sharpe ratios across the trials, or leave it out');
  }
  const stabilityMethod = options.stabilityMethod ?? 'rSquared';
  if (stabilityMethod !== 'rSquared' && stabilityMethod !== 'signedRSquared') {
    throw new InvalidArgumentError('options.stabilityMethod', stabilityMethod, 'is not a stability method', "pass 'rSquared' (empyrical) or 'signedRSquared'");
  }

  const returns = requireFloat64Array('input.returns', input.returns);
  const n = returns.length;
  if (n === 0) throw new InvalidArgumentError('input.returns', returns, 'is empty', 'pass at least one period return');
  requireNoInfinity('input.returns', returns, 'check the price series for a zero price');
  const benchmark = input.benchmark === undefined ? undefined : requireAlignedSeries('input.benchmark', input.benchmark, n, 'benchmark return');
  if (benchmark) requireNoInfinity('input.benchmark', benchmark, 'check the benchmark price series for a zero price');
  const positions = input.positions === undefined ? undefined : requireAlignedSeries('input.positions', input.positions, n, 'position');
  if (positions) requireNoInfinity('input.positions', positions, 'pass finite weights (NaN means flat)');
  const equity = input.equity === undefined ? undefined : requireAlignedSeries('input.equity', input.equity, n, 'equity value');
  if (equity) {
    for (let t = 0; t < n; t++) {
      if (!Number.isFinite(equity[t]!)) throw new InvalidArgumentError(`input.equity[${t}]`, equity[t], 'must be finite', 'pass the equity curve the engine produced, in currency');
    }
  }
  if (input.trades !== undefined) validateTrades(input.trades);
  const turnoverIn = input.turnover;
  if (turnoverIn !== undefined && (typeof turnoverIn !== 'number' || !(Number.isFinite(turnoverIn) && turnoverIn >= 0))) {
    throw new InvalidArgumentError('input.turnover', turnoverIn, 'must be a finite number >= 0', 'pass the total one-way turnover, or leave it out to derive it from positions');
  }

  const sorted = sortedPresent(returns);
  const observations = sorted.length;
  const annual = annualReturn(returns, { periodsPerYear });
  const dd = drawdownSummary(returns);
  const period = periodWinLoss(returns);
  const skew = skewness(returns);
  const kurtosis = excessKurtosis(returns);
  const varOptions = { level: varLevel };

  // Sharpe inference needs two observations; the kernels reject fewer, the report gives NaN.
  let probabilisticSharpe = NaN;
  let deflatedSharpe = NaN;
  let expectedMax = NaN;
  if (observations >= 2) {
    const sr = periodSharpe(returns, riskFree);
    expectedMax = expectedMaxSharpe(trials, trialVariance ?? 1 / (observations - 1));
    probabilisticSharpe = probabilisticSharpeRatio(sr, observations, skew, kurtosis, 0);
    deflatedSharpe = deflatedSharpeRatio(sr, observations, skew, kurtosis, trials, trialVariance);
  }

  let alpha = NaN, betaValue = NaN, informationRatio = NaN, trackingError = NaN;
  if (benchmark) {
    betaValue = beta(returns, benchmark);
    alpha = alphaGivenBeta(returns, benchmark, betaValue, riskFree, periodsPerYear);
    if (n >= 2) {
      const active = activeReturns(returns, benchmark);
      informationRatio = informationRatioOfActive(active);
      trackingError = trackingErrorOfActive(active, periodsPerYear);
    }
  }

  const trades = input.trades === undefined ? undefined : computeTradeStatistics(input.trades);
  const exposure = positions ? exposureStatistics(positions) : undefined;
  let equityPeak = NaN;
  if (equity) {
    equityPeak = -Infinity;
    for (let t = 0; t < n; t++) if (equity[t]! > equityPeak) equityPeak = equity[t]!;
  }

  return {
    periods: n,
    observations,
    totalReturn: totalReturn(returns),
    annualReturn: annual,
    annualVolatility: annualVolatility(returns, { periodsPerYear }),
    sharpe: sharpeRatio(returns, { periodsPerYear, riskFree }),
    sortino: sortinoRatio(returns, { periodsPerYear, requiredReturn: riskFree }),
    downsideRisk: downsideRisk(returns, { periodsPerYear, requiredReturn: riskFree }),
    calmar: calmarFrom(annual, dd.maxDrawdown),
    omega: omegaRatio(returns, { threshold: riskFree }),
    stability: stabilityOfTimeseries(returns, { method: stabilityMethod }),
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownDuration: dd.maxDrawdownDuration,
    ulcerIndex: ulcerFromSummary(dd, n),
    recoveryFactor: recoveryFrom(returns, dd.maxDrawdown),
    valueAtRisk: valueAtRiskSorted(sorted, varLevel),
    conditionalValueAtRisk: conditionalValueAtRiskSorted(sorted, varLevel),
    parametricVaR: parametricValueAtRisk(returns, varOptions),
    parametricCVaR: parametricConditionalValueAtRisk(returns, varOptions),
    skew,
    kurtosis,
    tailRatio: tailRatioSorted(sorted),
    bestPeriod: period.best,
    worstPeriod: period.worst,
    periodWinRate: period.winRate,
    periodAverageWin: period.averageWin,
    periodAverageLoss: period.averageLoss,
    periodPayoffRatio: period.payoffRatio,
    periodProfitFactor: period.profitFactor,
    periodKelly: period.kellyCriterion,
    riskOfRuin: period.riskOfRuin,
    gainToPainRatio: period.gainToPainRatio,
    commonSenseRatio: commonSenseFromSorted(period.profitFactor, sorted),
    probabilisticSharpe,
    deflatedSharpe,
    expectedMaxSharpe: expectedMax,
    alpha,
    beta: betaValue,
    informationRatio,
    trackingError,
    tradeCount: trades ? trades.tradeCount : NaN,
    winRate: trades ? trades.winRate : NaN,
    profitFactor: trades ? trades.profitFactor : NaN,
    payoffRatio: trades ? trades.payoffRatio : NaN,
    averageWin: trades ? trades.averageWin : NaN,
    averageLoss: trades ? trades.averageLoss : NaN,
    expectancy: trades ? trades.expectancy : NaN,
    averageTrade: trades ? trades.averageTrade : NaN,
    sqn: trades ? trades.sqn : NaN,
    bestTrade: trades ? trades.bestTrade : NaN,
    worstTrade: trades ? trades.worstTrade : NaN,
    averageHoldingBars: trades ? trades.averageHoldingBars : NaN,
    maxHoldingBars: trades ? trades.maxHoldingBars : NaN,
    kellyFraction: trades ? trades.kellyFraction : NaN,
    totalCommission: trades ? trades.totalCommission : NaN,
    exposure: exposure ? exposure.exposure : NaN,
    averageGrossExposure: exposure ? exposure.averageGrossExposure : NaN,
    turnover: turnoverIn ?? (exposure ? exposure.turnover : NaN),
    equityFinal: equity ? equity[n - 1]! : NaN,
    equityPeak,
  };
}
