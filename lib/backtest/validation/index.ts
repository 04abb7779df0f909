// Validation of a strategy beyond one backtest: walk-forward re-fitting, Monte Carlo resampling of
// its returns, and parameter sweeps reshaped for heatmaps.
export {
  walkForwardAnalysis, walkForwardWindows, DEFAULT_WALK_FORWARD_ANCHORED, DEFAULT_WALK_FORWARD_GAP,
  type WalkForwardRange, type WalkForwardAnalysisOptions, type WalkForwardWindow, type WalkForwardWindowResult, type WalkForwardResult,
} from './walk-forward';
export {
  monteCarlo, defaultBlockSize, DEFAULT_MONTE_CARLO_SAMPLES, DEFAULT_RETURNS_METHOD, DEFAULT_TRADES_METHOD,
  DEFAULT_MONTE_CARLO_CONFIDENCE, DEFAULT_FAN_QUANTILES, DEFAULT_FAN_POINTS, DEFAULT_TRADE_STATISTICS,
  type MonteCarloOptions, type MonteCarloFanOptions, type MonteCarloResult, type MonteCarloFan, type StatisticDistribution,
} from './monte-carlo';
export { resampleIndices, RESAMPLE_METHODS, type ResampleMethod } from './resample';
export { MONTE_CARLO_STATISTICS, type MonteCarloStatistic } from './statistics';
export { parameterSweepGrid, type SweepGrid, type SweepGridOptions, type SweepResults, type SweepAggregate } from './sweep-grid';
