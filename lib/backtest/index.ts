// Public API of the backtest domain.
export {
  backtestLongFlat,
  buyAndHold,
  DEFAULT_COST_BPS,
  type LongFlatInput,
  type BacktestResult,
  type BuyAndHoldOptions,
} from './vectorized';
export {
  performanceMetrics,
  DEFAULT_PERIODS_PER_YEAR,
  DEFAULT_RISK_FREE,
  type MetricsOptions,
  type PerformanceMetrics,
} from './metrics';
export * from './performance';
export * from './sizing';
export * from './validation';
export * from './costs';
export * from './event';
export * from './vector';
export * from './strategies';
