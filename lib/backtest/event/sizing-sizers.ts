// The sizing module's rules as event-engine Sizers: each reads only the bars the strategy has
// seen (ctx.data(...).window), so a size decided at bar t uses nothing after t, exactly as the
// pure functions' no-look-ahead contract states.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { fixedFractionalSize } from '../sizing/fixed-fractional';
import { kellyFromReturns, type KellyFromReturnsOptions } from '../sizing/kelly';
import { riskParityWeights, type RiskParityOptions } from '../sizing/risk-parity';
import { volatilityTarget, DEFAULT_VOLATILITY_WINDOW, type GarchForecastParams, type VolatilityMethod } from '../sizing/volatility-target';
import type { Sizer, StrategyContext } from './types';

/** Bars of history the return-based sizers read by default (one trading year). */
export const DEFAULT_SIZER_LOOKBACK = 252;

const clip = (signal: number): number => Math.max(-1, Math.min(1, signal));

/** Simple returns of the last `lookback` closes seen (fewer early on). */
function recentReturns(ctx: StrategyContext, asset: string, lookback: number): Float64Array {
  const history = ctx.data(asset);
  const close = history.window('close', Math.min(history.length, lookback + 1));
  const out = new Float64Array(Math.max(0, close.length - 1));
  for (let i = 1; i < close.length; i++) out[i - 1] = close[i]! / close[i - 1]! - 1;
  return out;
}

function checkLookback(argument: string, lookback: number): number {
  if (!(Number.isInteger(lookback) && lookback >= 2)) throw new InvalidArgumentError(argument, lookback, 'must be an integer >= 2', 'pass a number of bars, e.g. 252');
  return lookback;
}

/**
 * Units that lose `riskFraction` of equity if a stop `atrMultiple` ATRs (or `stopFraction` of
 * the price) away is hit: fixedFractionalSize at the last close. No size before ATR exists.
 */
export function fixedFractionalSizer(options: { readonly riskFraction: number; readonly atrMultiple?: number; readonly stopFraction?: number; readonly maxLeverage?: number }): Sizer {
  rejectUnknownOptions('options', options, ['riskFraction', 'atrMultiple', 'stopFraction', 'maxLeverage']);
  if ((options.atrMultiple === undefined) === (options.stopFraction === undefined)) {
    throw new InvalidArgumentError('options', options, 'must set exactly one of atrMultiple, stopFraction', 'pass { riskFraction: 0.01, atrMultiple: 2 }');
  }
  return (ctx, asset, signal) => {
    const price = ctx.data(asset).close();
    const distance = options.atrMultiple !== undefined ? options.atrMultiple * ctx.atr(asset) : options.stopFraction! * price;
    if (!(distance > 0) || clip(signal) === 0) return { targetQuantity: 0 };
    const units = fixedFractionalSize({
      equity: Math.max(0, ctx.portfolio.equity), price, riskFraction: options.riskFraction, stopDistance: distance,
      ...(options.maxLeverage !== undefined ? { maxLeverage: options.maxLeverage } : {}),
    });
    return { targetQuantity: Math.sign(signal) * units * Math.abs(clip(signal)) };
  };
}

/** Weight = Kelly leverage of the asset's recent returns (half Kelly by default) x signal. */
export function kellySizer(options: KellyFromReturnsOptions & { readonly lookback?: number } = {}): Sizer {
  const { lookback = DEFAULT_SIZER_LOOKBACK, ...kelly } = options;
  checkLookback('options.lookback', lookback);
  kellyFromReturns(Float64Array.of(0.01, -0.01, 0.02), kelly); // the options fail here, not mid-run
  return (ctx, asset, signal) => {
    const r = recentReturns(ctx, asset, lookback);
    if (r.length < 2) return { targetWeight: 0 };
    return { targetWeight: Math.max(0, kellyFromReturns(r, kelly)) * clip(signal) };
  };
}

/**
 * Weight that targets an annualised volatility from the asset's history: realized, EWMA or
 * GARCH(1,1) (a fit made beforehand on a formation window, filtered forward over all bars seen).
 */
export function volatilityTargetSizer(options: {
  readonly targetAnnualVol: number; readonly method?: VolatilityMethod; readonly window?: number; readonly garchFit?: GarchForecastParams;
  readonly maxLeverage?: number; readonly lookback?: number; readonly periodsPerYear?: number;
}): Sizer {
  const { lookback = DEFAULT_SIZER_LOOKBACK, ...rest } = options;
  checkLookback('options.lookback', lookback);
  const method = rest.method ?? 'realized';
  if (method === 'garch' && rest.garchFit === undefined) {
    throw new InvalidArgumentError('options.garchFit', rest.garchFit, "is required with method 'garch' (the sizer never fits on bars it has not seen yet)", 'fit GARCH(1,1) on a formation window first (fitGarch11) and pass { params, backcast }');
  }
  return (ctx, asset, signal) => {
    // The GARCH recursion runs over the whole history seen: its start would otherwise linger.
    const returns = recentReturns(ctx, asset, method === 'garch' ? ctx.data(asset).length : lookback);
    const window = rest.window ?? DEFAULT_VOLATILITY_WINDOW;
    if (returns.length < (method === 'garch' ? 1 : window)) return { targetWeight: 0 };
    const { weights } = volatilityTarget({ ...rest, method, returns, ...(method === 'garch' ? {} : { window }) });
    const w = weights[weights.length - 1]!;
    return { targetWeight: Number.isFinite(w) ? w * clip(signal) : 0 };
  };
}

/**
 * Risk parity across `assets`: the weight of `asset` in the equal-risk-contribution (or inverse
 * volatility) portfolio of their recent returns, x signal.
 */
export function riskParitySizer(options: RiskParityOptions & { readonly assets: readonly string[]; readonly lookback?: number }): Sizer {
  const { assets, lookback = 60, ...rp } = options;
  if (!Array.isArray(assets) || assets.length < 2) throw new InvalidArgumentError('options.assets', assets, 'must list at least two assets', "pass the portfolio's symbols, e.g. ['SPY', 'TLT']");
  checkLookback('options.lookback', lookback);
  return (ctx, asset, signal) => {
    const index = assets.indexOf(asset);
    if (index < 0) throw new InvalidArgumentError('asset', asset, 'is not one of the risk-parity assets', `use one of ${assets.join(', ')}`);
    const columns = assets.map((a) => recentReturns(ctx, a, lookback));
    const n = Math.min(...columns.map((c) => c.length));
    if (n < 3) return { targetWeight: 0 };
    const { weights } = riskParityWeights({ returns: columns.map((c) => c.subarray(c.length - n)) }, rp);
    return { targetWeight: weights[index]! * clip(signal) };
  };
}
