// Position sizing: how much to hold, given equity and a stop, an edge, a volatility target or a
// covariance. Pure functions; the event engine and vectorised backtests call them.
export {
  fixedFractionalSize, DEFAULT_FIXED_FRACTIONAL_MAX_LEVERAGE, type FixedFractionalInput,
} from './fixed-fractional';
export {
  kellyFraction, kellyFromReturns, DEFAULT_KELLY_FRACTION, DEFAULT_KELLY_MAX_LEVERAGE, DEFAULT_KELLY_RISK_FREE,
  type KellyBetInput, type KellyFromReturnsOptions,
} from './kelly';
export {
  volatilityTarget, ewmaVolatility, DEFAULT_VOLATILITY_METHOD, DEFAULT_VOLATILITY_WINDOW, DEFAULT_EWMA_DECAY,
  DEFAULT_VOLATILITY_TARGET_MAX_LEVERAGE, DEFAULT_GARCH_SCALE,
  type VolatilityMethod, type VolatilityTargetOptions, type VolatilityTarget, type GarchForecastParams,
} from './volatility-target';
export {
  riskParityWeights, rollingRiskParity, DEFAULT_RISK_PARITY_METHOD, DEFAULT_RISK_PARITY_TOLERANCE,
  DEFAULT_RISK_PARITY_MAX_ITERATIONS, DEFAULT_RISK_PARITY_REBALANCE_EVERY,
  type RiskParityMethod, type RiskParityInput, type RiskParityOptions, type RiskParityResult, type RollingRiskParityOptions,
} from './risk-parity';
