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
// GARCH family (arch-style composition: mean model + volatility process + distribution).
export * from './arch';
export {
  johansenTest,
  selectCointegrationRank,
  cointegrationRankFromTest,
  johansenCriticalValues,
  johansenMinObservations,
  DEFAULT_JOHANSEN_DET_ORDER,
  DEFAULT_JOHANSEN_K_AR_DIFF,
  DEFAULT_COINTEGRATION_RANK_METHOD,
  DEFAULT_COINTEGRATION_SIGNIFICANCE,
  JOHANSEN_MAX_SERIES,
  type JohansenDetOrder,
  type JohansenOptions,
  type JohansenResult,
  type JohansenCriticalValueRow,
  type CointegrationRankMethod,
  type CointegrationSignificance,
  type CointegrationRankOptions,
  type CointegrationRankResult,
} from './johansen';
export { cholesky, symmetricEigen, generalizedSymmetricEigen, type SymmetricEigen, type CholeskyResult } from './eigen';
export {
  olsHedgeRatio,
  rollingHedgeRatio,
  rollingHedgeKernel,
  simpleRegression,
  hedgeMinObservations,
  DEFAULT_HEDGE_INTERCEPT,
  type HedgeOptions,
  type OlsHedgeRatio,
  type RollingHedgeRatio,
  type SimpleRegression,
} from './hedge';
export {
  KalmanHedgeFilter,
  kalmanHedgeRatio,
  kalmanHedgeStep,
  DEFAULT_KALMAN_DELTA,
  DEFAULT_KALMAN_OBSERVATION_VARIANCE,
  DEFAULT_KALMAN_INITIAL_STATE,
  DEFAULT_KALMAN_INITIAL_COVARIANCE,
  type KalmanHedgeOptions,
  type KalmanHedgeSettings,
  type KalmanHedgeState,
  type KalmanHedgeJSON,
  type KalmanHedgeStep,
  type KalmanHedgeSeries,
} from './kalman';
export { halfLife, halfLifeMinObservations, DEFAULT_HALF_LIFE_INTERCEPT, type HalfLife, type HalfLifeOptions, type MeanReversionStatus } from './half-life';
export {
  spreadZScore,
  hedgeSpread,
  zScoreKernel,
  DEFAULT_ZSCORE_DDOF,
  DEFAULT_ZSCORE_EXPANDING,
  type SpreadZScore,
  type SpreadZScoreOptions,
} from './spread';
// Unit-root and cointegration tests, residual diagnostics, multiple testing and pair screening
// (statsmodels-compatible; see adf.ts, kpss.ts, engle-granger.ts, diagnostics.ts, screen.ts).
export { ols, type OlsResult } from './ols';
export {
  mackinnonPValue, mackinnonCriticalValues, MACKINNON_MAX_N_PVALUE, MACKINNON_MAX_N_CRITICAL,
  type TrendRegression, type UnitRootCriticalValues,
} from './mackinnon';
export { adf, minimumAdfLength, DEFAULT_ADF_REGRESSION, DEFAULT_ADF_AUTOLAG, type AdfOptions, type AdfResult, type AutoLag } from './adf';
export {
  kpss, DEFAULT_KPSS_REGRESSION, DEFAULT_KPSS_NLAGS, KPSS_MIN_OBSERVATIONS,
  type KpssOptions, type KpssResult, type KpssRegression, type KpssLags, type KpssCriticalValues,
} from './kpss';
export {
  engleGranger, DEFAULT_ENGLE_GRANGER_TREND, COLLINEAR_R_SQUARED, type EngleGrangerOptions, type EngleGrangerResult,
} from './engle-granger';
export {
  ljungBox, jarqueBera, archLm, autocorrelations,
  type LjungBoxOptions, type LjungBoxRow, type JarqueBeraResult, type ArchLmOptions, type ArchLmResult,
} from './diagnostics';
export { adjustPValues, P_VALUE_CORRECTIONS, DEFAULT_ALPHA, type PValueCorrection, type AdjustedPValues } from './multitest';
export {
  screenPairs, DEFAULT_SCREEN_USE_LOG_PRICES, DEFAULT_SCREEN_CORRECTION, DEFAULT_SCREEN_DIRECTION,
  type PriceSeries, type ScreenPairsOptions, type ScreenDirection, type PairFlag, type PairScreenRow, type PairScreen,
} from './screen';
export { normalCdf, normalSf, chiSquareSf, fSf, regularizedGammaP, regularizedGammaQ, regularizedBeta, logGamma } from './special';
export { garchVolatilityKind, garchFeatureParams, spreadBars, GarchVolatilityState, type GarchVolatilityParams } from './feature-hooks';
