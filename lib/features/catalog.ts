// Every built-in feature kind, collected from the modules that define them. A module exports
// its kinds as `xxxKind`; collecting them here (instead of a hand-kept list) means a new
// indicator is registered by being written.
import type { FeatureKind } from './kind';
import { FeatureRegistry } from './registry';
import * as bands from './bands';
import * as barShape from './bar-shape';
import * as calendarFeatures from './calendar-features';
import * as directional from './directional';
import * as ichimoku from './ichimoku';
import * as lags from './lags';
import * as macd from './macd';
import * as momentum from './momentum';
import * as movingAverage from './moving-average';
import * as oscillators from './oscillators';
import * as parabolicSar from './parabolic-sar';
import * as rangeVolatility from './range-volatility';
import * as regression from './regression';
import * as returns from './returns';
import * as rollingStd from './rolling-std';
import * as rsi from './rsi';
import * as stochastic from './stochastic';
import * as trueRange from './true-range';
import * as volume from './volume';
import * as vwap from './vwap';
import * as weightedAverages from './weighted-averages';
import * as zscore from './zscore';

const MODULES: readonly Record<string, unknown>[] = [
  bands, barShape, calendarFeatures, directional, ichimoku, lags, macd, momentum, movingAverage, oscillators,
  parabolicSar, rangeVolatility, regression, returns, rollingStd, rsi, stochastic, trueRange, volume, vwap,
  weightedAverages, zscore,
];

function isFeatureKind(value: unknown): value is FeatureKind<object> {
  const v = value as Partial<FeatureKind<object>> | null;
  return !!v && typeof v === 'object' && typeof v.kind === 'string' && typeof v.version === 'number' &&
    typeof v.batch === 'function' && typeof v.stream === 'function' && typeof v.params === 'function';
}

/** The built-in kinds of the features domain, sorted by name. */
export function builtInFeatureKinds(): FeatureKind<object>[] {
  const kinds = new Map<string, FeatureKind<object>>();
  for (const mod of MODULES) {
    for (const value of Object.values(mod)) if (isFeatureKind(value)) kinds.set(value.kind, value);
  }
  return [...kinds.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));
}

/** A registry holding every built-in feature kind of this domain. */
export function featureRegistry(): FeatureRegistry {
  return new FeatureRegistry(builtInFeatureKinds());
}
