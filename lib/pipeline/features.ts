// The workbench's feature registry and its default daily feature set. Research (computeFeatures
// over a history) and live trading (FeatureStreamer bar by bar) both start from these, so what is
// backtested is what would trade.
import { featureRegistry } from '../features/catalog';
import { defineFeatureSet, type FeatureRegistry, type FeatureRequest, type FeatureSet } from '../features/registry';
import { garchVolatilityKind } from '../stats/feature-hooks';

/** Every built-in kind: the features domain's indicators plus the statistics hooks (GARCH volatility). */
export function createFeatureRegistry(): FeatureRegistry {
  const registry = featureRegistry();
  registry.register(garchVolatilityKind);
  return registry;
}

export const DEFAULT_FEATURE_SET_NAME = 'daily-v1';

/**
 * The default daily feature set: trend, momentum, volatility, volume, bar shape and calendar
 * features with the roadmap's parameters. garch_volatility is absent because its parameters come
 * from a fit on the training window (garchFeatureParams), added by the pipeline that fits it.
 */
export const DEFAULT_FEATURE_REQUESTS: readonly FeatureRequest[] = [
  { name: 'ret1', kind: 'log_return', params: { horizon: 1 } },
  { name: 'ret5', kind: 'log_return', params: { horizon: 5 } },
  { name: 'ret20', kind: 'log_return', params: { horizon: 20 } },
  { name: 'ret', kind: 'lag', params: { source: 'logReturn', minLag: 1, maxLag: 5 } },
  { name: 'sma5', kind: 'sma', params: { window: 5 } },
  { name: 'sma20', kind: 'sma', params: { window: 20 } },
  { name: 'sma50', kind: 'sma', params: { window: 50 } },
  { name: 'sma200', kind: 'sma', params: { window: 200 } },
  { name: 'ema5', kind: 'ema', params: { window: 5 } },
  { name: 'ema20', kind: 'ema', params: { window: 20 } },
  { name: 'ema50', kind: 'ema', params: { window: 50 } },
  { name: 'ema200', kind: 'ema', params: { window: 200 } },
  { name: 'rsi14', kind: 'rsi', params: { period: 14 } },
  { name: 'rsi2', kind: 'rsi', params: { period: 2 } },
  { name: 'macd', kind: 'macd' },
  { name: 'bb', kind: 'bbands', params: { window: 20 } },
  { name: 'atr14', kind: 'atr', params: { period: 14 } },
  { name: 'natr14', kind: 'natr', params: { period: 14 } },
  { name: 'adx14', kind: 'adx', params: { period: 14 } },
  { name: 'stoch', kind: 'stoch', params: { fastKPeriod: 14, slowKPeriod: 3, slowDPeriod: 3 } },
  { name: 'willr14', kind: 'willr', params: { period: 14 } },
  { name: 'cci20', kind: 'cci', params: { period: 20 } },
  { name: 'mfi14', kind: 'mfi', params: { period: 14 } },
  { name: 'roc10', kind: 'roc', params: { period: 10 } },
  { name: 'mom10', kind: 'mom', params: { period: 10 } },
  { name: 'sar', kind: 'sar' },
  { name: 'ichimoku', kind: 'ichimoku' },
  { name: 'keltner', kind: 'keltner' },
  { name: 'obv', kind: 'obv' },
  { name: 'vwap20', kind: 'vwap', params: { window: 20 } },
  { name: 'rv20', kind: 'realized_volatility', params: { window: 20, annualize: 252 } },
  { name: 'parkinson20', kind: 'parkinson', params: { window: 20, annualize: 252 } },
  { name: 'gk20', kind: 'garman_klass', params: { window: 20, annualize: 252 } },
  { name: 'ibs', kind: 'ibs' },
  { name: 'volpct20', kind: 'volume_percentile', params: { window: 20 } },
  { name: 'z20', kind: 'zscore', params: { window: 20 } },
  { name: 'cmo14', kind: 'cmo', params: { period: 14 } },
  { name: 'ultosc', kind: 'ultosc' },
  { name: 'aroon14', kind: 'aroon', params: { period: 14 } },
  { name: 'trix15', kind: 'trix', params: { period: 15 } },
  { name: 'kama10', kind: 'kama', params: { period: 10 } },
  { name: 'slope14', kind: 'linearreg_slope', params: { window: 14 } },
  { name: 'adosc', kind: 'adosc' },
  { name: 'yz20', kind: 'yang_zhang', params: { window: 20, annualize: 252 } },
  { name: 'cal', kind: 'calendar', params: { calendar: 'nyse' } },
];

/** The default set, validated against `registry` (parameters completed, versions pinned). */
export function defaultFeatureSet(registry: FeatureRegistry = createFeatureRegistry()): FeatureSet {
  return defineFeatureSet(DEFAULT_FEATURE_SET_NAME, DEFAULT_FEATURE_REQUESTS, registry);
}
