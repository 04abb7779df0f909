export { simpleReturns, logReturns } from './returns';
export { sma, ema } from './moving-average';
export { rsi, DEFAULT_RSI_PERIOD } from './rsi';
export { rollingStd, DEFAULT_DDOF, type RollingStdOptions } from './rolling-std';
export {
  buildFeatureFrame, firstCompleteRow, FEATURE_NAMES, type FeatureFrame, type FeatureFrameOptions,
} from './frame';
