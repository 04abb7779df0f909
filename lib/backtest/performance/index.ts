// Public API of the backtest performance metrics: backtestMetrics for the whole report, and the
// kernels it is built from for callers that need one statistic.
export {
  backtestMetrics,
  type BacktestMetrics,
  type BacktestMetricsInput,
  type BacktestMetricsOptions,
} from './report';
export { DEFAULT_VAR_LEVEL, DEFAULT_TRIALS } from './options';
export {
  totalReturn,
  annualReturn,
  annualVolatility,
  sharpeRatio,
  periodSharpe,
  sortinoRatio,
  downsideRisk,
  omegaRatio,
  stabilityOfTimeseries,
  DEFAULT_STABILITY_METHOD,
  type AnnualisationOptions,
  type SharpeOptions,
  type SortinoOptions,
  type OmegaOptions,
  type StabilityMethod,
  type StabilityOptions,
} from './returns';
export {
  drawdownSummary,
  maxDrawdown,
  maxDrawdownDuration,
  ulcerIndex,
  calmarRatio,
  recoveryFactor,
  type DrawdownSummary,
} from './drawdown';
export {
  valueAtRisk,
  conditionalValueAtRisk,
  parametricValueAtRisk,
  parametricConditionalValueAtRisk,
  tailRatio,
  skewness,
  excessKurtosis,
  type VarOptions,
} from './tail';
export { periodWinLoss, commonSenseRatio, type PeriodWinLoss } from './period-stats';
export { alpha, beta, informationRatio, trackingError, activeReturns } from './benchmark';
export { tradeStatistics, validateTrades, type TradeRecord, type TradeStatistics } from './trades';
export { exposureStatistics, type ExposureStatistics } from './exposure';
export {
  probabilisticSharpeRatio,
  deflatedSharpeRatio,
  expectedMaxSharpe,
  EULER_MASCHERONI,
} from './sharpe-inference';
export { normalQuantile, normalPdf } from './normal';
