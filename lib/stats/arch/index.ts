// Public API of the ARCH-family framework (mean model + volatility process + distribution).
export { archModel, archSpecFromJSON, ArchModel, ARCH_MIN_OBSERVATIONS, type ArchModelOptions, type ArchFitOptions, type ArchSpecification } from './model';
export { ArchFit, type ArchModelJSON, type Inference, type NamedValues } from './result';
export { zeroMean, constantMean, arx, MAX_AR_LAGS, DEFAULT_ARX_CONSTANT, type ArxOptions, type MeanChoice } from './mean';
export { garch, type GarchOptions } from './garch';
export { egarch, type EgarchOptions } from './egarch';
export { constantVariance } from './constant-variance';
export { DEFAULT_P, DEFAULT_O, DEFAULT_Q, MAX_ORDER, type OrderOptions } from './orders';
export { normal, studentT, skewT, STUDENT_T_NU_BOUNDS, SKEW_T_ETA_BOUNDS, SKEW_T_LAMBDA_BOUNDS } from './distributions';
export { DEFAULT_FIT_MAX_ITERATIONS, DEFAULT_FIT_GRADIENT_TOLERANCE } from './estimate';
export { DEFAULT_FORECAST_HORIZON, DEFAULT_FORECAST_SIMULATIONS, type ArchForecast, type ForecastOptions, type ForecastMethod, type QuantileBand } from './forecast';
export { simulateArch, DEFAULT_ARCH_BURN, type ArchSimulation, type SimulateOptions } from './simulate';
export type { MeanModel, VolatilityProcess, Distribution, MeanSpec, VolatilitySpec, DistributionSpec, ParamTransform } from './types';
