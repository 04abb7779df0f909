// The features domain: indicator kernels (batch over Float64Array), their streaming states, and
// the kinds the feature registry computes from a JSON feature set.
export * from './kind';
export * from './registry';
export { builtInFeatureKinds, featureRegistry } from './catalog';
export { RollingSum, RollingExtreme } from './window';
export {
  buildFeatureFrame, firstCompleteRow, FEATURE_NAMES, type FeatureFrame, type FeatureFrameOptions,
} from './frame';
export { sma, ema, SmaState, EmaState, smaKind, emaKind, type MovingAverageParams } from './moving-average';
export { rsi, RsiState, rsiKind, DEFAULT_RSI_PERIOD, type RsiParams } from './rsi';
export { wma, dema, tema, trima, kama, t3, trix, wmaKind, demaKind, temaKind, trimaKind, kamaKind, t3Kind, trixKind, DEFAULT_AVERAGE_PERIOD } from './weighted-averages';
export { macd, apo, ppo, macdKind, apoKind, ppoKind, type MacdResult, type OscillatorMaType } from './macd';
export { roc, rocp, rocr, mom, cmo, bop, rocKind, rocpKind, rocrKind, momKind, cmoKind, bopKind } from './momentum';
export { stoch, stochf, stochrsi, willr, stochKind, stochfKind, stochrsiKind, willrKind, type StochasticResult } from './stochastic';
export { cci, ultosc, aroon, mfi, cciKind, ultoscKind, aroonKind, aroonoscKind, mfiKind, type AroonResult } from './oscillators';
export { simpleReturns, logReturns, returnsOver, ReturnState, logReturnKind, simpleReturnKind, DEFAULT_RETURN_HORIZON, SERIES_SOURCES, type SeriesSource, type ReturnParams, type ReturnFormula } from './returns';
export { lagged, DelayLine, lagKind, DEFAULT_MIN_LAG, DEFAULT_MAX_LAG, type LagParams } from './lags';
export { rollingZScore, ZScoreState, zscoreKind, DEFAULT_ZSCORE_WINDOW, type ZScoreParams } from './zscore';
export { rollingStd, RollingStdState, realizedVolatility, RealizedVolatilityState, realizedVolatilityKind, DEFAULT_DDOF, DEFAULT_REALIZED_VOLATILITY_WINDOW, type RollingStdOptions, type RealizedVolatilityParams } from './rolling-std';
export { rangeVolatility, parkinsonKind, garmanKlassKind, rogersSatchellKind, yangZhangKind, ParkinsonState, GarmanKlassState, RogersSatchellState, YangZhangState, DEFAULT_RANGE_VOLATILITY_WINDOW, type RangeEstimator, type RangeVolatilityParams } from './range-volatility';
export { rollingVwap, sessionVwap, VwapState, SessionVwapState, vwapKind, sessionVwapKind, DEFAULT_VWAP_WINDOW, DEFAULT_VWAP_TIMEZONE, type VwapParams, type SessionVwapParams } from './vwap';
export { ichimoku, IchimokuState, ichimokuKind, ICHIMOKU_OUTPUTS, DEFAULT_ICHIMOKU, type IchimokuParams } from './ichimoku';
export { ibs, ibsOf, volumePercentile, VolumePercentileState, ibsKind, volumePercentileKind, DEFAULT_VOLUME_PERCENTILE_WINDOW, type VolumePercentileParams } from './bar-shape';
export { calendarFeatures, CalendarFeatureState, calendarKind, CALENDAR_OUTPUTS, BUILT_IN_CALENDARS, type CalendarFeatureParams } from './calendar-features';
export { resampleBars, alignToBars, timeframeKind, TIMEFRAMES, type Timeframe, type TimeframeOptions, type AlignOptions } from './timeframe';
export * from './true-range';
export * from './directional';
export * from './parabolic-sar';
export * from './volume';
export * from './regression';
export * from './bands';
export { RollingMoments } from './rolling-moments';
