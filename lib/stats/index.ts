// Public API of the stats domain: GARCH(1,1) estimation, forecasting and simulation, plus the
// kernels they are built from (mean model, volatility process, distribution, optimiser).
export {
  fitGarch11,
  garch11StartingValues,
  validateGarch11Params,
  GARCH11_MIN_OBSERVATIONS,
  DEFAULT_GARCH11_MAX_ITERATIONS,
  DEFAULT_GARCH11_GRADIENT_TOLERANCE,
  type Garch11Params,
  type Garch11Fit,
  type Garch11FitOptions,
} from './garch11';
export { forecastVariance } from './forecast';
export { filterGarch11, type Garch11Filtered } from './filter';
export { simulateGarch11, DEFAULT_SIMULATION_BURN, type SimulateGarch11Options, type Garch11Simulation } from './simulate';
export {
  ewmaBackcast,
  varianceBounds,
  garch11Variance,
  garch11VarianceJacobian,
  garch11UnconditionalVariance,
  BACKCAST_WINDOW,
  EWMA_DECAY,
  type Garch11VolatilityParams,
  type VarianceBounds,
} from './volatility';
export { normalLogLikelihood, normalLogLikelihoodScores } from './distribution';
export { constantMeanResiduals, sampleMean } from './mean';
export { createGarch11Likelihood, GARCH11_PARAM_NAMES, type Garch11Likelihood } from './likelihood';
export { minimizeBfgs, solveLinear, invertMatrix, DEFAULT_MINIMIZE_OPTIONS, type Objective, type MinimizeOptions, type MinimizeResult } from './optimize';
export { approxHessian, hessianFromGradient } from './numdiff';
