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
