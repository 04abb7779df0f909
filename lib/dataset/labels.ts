// Targets for supervised models. Labels are the one place where looking forward is the point, so
// each carries its `horizon`: label[t] depends on rows t..t+horizon only, is NaN where t+horizon
// lies past the data, and is unchanged when rows after t+horizon are removed. Splits use the
// horizon to purge training rows whose labels would reach into a test block.
import { assertBars, type Bars } from '../data/bars';
import { checkPositivePrices, nanArray } from '../features/check';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkHorizon } from './check';

export type LabelParam = number | string | boolean | null;

export interface Label {
  readonly name: string;
  /** One value per row; NaN where the label is undefined (tail, dead zone, missing data). */
  readonly values: Float64Array;
  /** Rows the label looks ahead: values[t] uses rows t..t+horizon. */
  readonly horizon: number;
  /** The options that made it, JSON-serialisable, so a run can log and rebuild it. */
  readonly params: Readonly<Record<string, LabelParam>>;
}

/** A label without its values: what goes into a run's params or a model artifact. */
export interface LabelSpec {
  readonly name: string;
  readonly horizon: number;
  readonly params: Readonly<Record<string, LabelParam>>;
}

export function labelSpec(label: Label): LabelSpec {
  return { name: label.name, horizon: label.horizon, params: { ...label.params } };
}

export const DEFAULT_LABEL_HORIZON = 1;
export const DEFAULT_DEAD_ZONE = 0;

export interface DirectionLabelOptions {
  readonly horizon?: number;
  /** Moves with |return| <= deadZone (a simple return, e.g. 0.001) get NaN: too small to call. */
  readonly deadZone?: number;
}

/**
 * 1 if price[t+horizon] / price[t] - 1 > deadZone, 0 if it is < -deadZone, NaN inside the dead
 * zone (a flat move is NaN even with deadZone 0), where a price is missing and at the tail.
 */
export function directionLabel(price: Float64Array, options: DirectionLabelOptions = {}): Label {
  rejectUnknownOptions('options', options, ['horizon', 'deadZone']);
  const n = checkPrices('price', price);
  const horizon = options.horizon ?? DEFAULT_LABEL_HORIZON;
  checkHorizon('options.horizon', horizon, n);
  const deadZone = options.deadZone ?? DEFAULT_DEAD_ZONE;
  if (typeof deadZone !== 'number' || !(deadZone >= 0 && deadZone < Infinity)) {
    throw new InvalidArgumentError('options.deadZone', deadZone, 'must be a finite return >= 0', 'pass e.g. 0.001 (0.1%), or 0');
  }
  const values = nanArray(n);
  for (let t = 0; t + horizon < n; t++) {
    const r = price[t + horizon]! / price[t]! - 1;
    if (r > deadZone) values[t] = 1;
    else if (r < -deadZone) values[t] = 0;
  }
  return { name: 'direction', values, horizon, params: { horizon, deadZone } };
}

export interface ForwardReturnOptions {
  readonly horizon?: number;
  /** ln(price[t+h] / price[t]) instead of the simple return. */
  readonly log?: boolean;
}

/** Regression target: the return from t to t+horizon (simple or log); NaN at the tail. */
export function forwardReturn(price: Float64Array, options: ForwardReturnOptions = {}): Label {
  rejectUnknownOptions('options', options, ['horizon', 'log']);
  const n = checkPrices('price', price);
  const horizon = options.horizon ?? DEFAULT_LABEL_HORIZON;
  checkHorizon('options.horizon', horizon, n);
  const log = options.log ?? false;
  if (typeof log !== 'boolean') throw new InvalidArgumentError('options.log', log, 'must be a boolean', 'pass true for log returns or false for simple returns');
  const values = nanArray(n);
  for (let t = 0; t + horizon < n; t++) {
    const ratio = price[t + horizon]! / price[t]!;
    values[t] = log ? Math.log(ratio) : ratio - 1;
  }
  return { name: 'forwardReturn', values, horizon, params: { horizon, log } };
}

/** Prices for the triple barrier: closes, and optionally highs and lows for touches within a bar. */
export interface BarrierPrices {
  readonly close: Float64Array;
  readonly high?: Float64Array;
  readonly low?: Float64Array;
}

export interface TripleBarrierOptions {
  /**
   * Profit-taking barrier: a return (0.02 = +2%), or a multiple of volatility[t] when
   * `volatility` is given; null for none.
   */
  readonly upper: number | null;
  /** Stop-loss barrier at -lower, same units as upper; null for none. */
  readonly lower: number | null;
  /** Vertical barrier: bars to hold at most; it is the label's horizon. */
  readonly maxHolding: number;
  /** Per-bar volatility known at t (e.g. a rolling std of returns) that scales both barriers. */
  readonly volatility?: Float64Array;
}

export interface TripleBarrierLabel extends Label {
  /** Row at which the first barrier was touched (t+maxHolding for the vertical one); -1 where NaN. */
  readonly touch: Int32Array;
}

/**
 * Lopez de Prado's triple-barrier method (AFML ch. 3): from the close of t, +1 if the upper barrier
 * is touched first within rows t+1..t+maxHolding, -1 if the lower one is, 0 if neither (vertical
 * barrier). Given bars (or high and low), touches within a bar count; when one bar touches both,
 * the order inside the bar is unknown and the label is -1 (the stop is assumed to fill first).
 * NaN at the tail, where volatility[t] is not a positive number, or where a missing price comes
 * before any touch.
 */
export function tripleBarrierLabel(prices: Bars | BarrierPrices, options: TripleBarrierOptions): TripleBarrierLabel {
  const { close, high, low } = barrierPrices(prices);
  const n = close.length;
  if (options === undefined) {
    throw new InvalidArgumentError('options', options, 'is required', 'pass e.g. { upper: 2, lower: 2, maxHolding: 10, volatility }');
  }
  rejectUnknownOptions('options', options, ['upper', 'lower', 'maxHolding', 'volatility']);
  const upper = barrierWidth('options.upper', options.upper);
  const lower = barrierWidth('options.lower', options.lower);
  const horizon = options.maxHolding;
  checkHorizon('options.maxHolding', horizon, n);
  const volatility = options.volatility;
  if (volatility !== undefined && (!(volatility instanceof Float64Array) || volatility.length !== n)) {
    throw new InvalidArgumentError('options.volatility', volatility, `must be a Float64Array of ${n} values (one per bar)`, 'pass a volatility series aligned with the prices, e.g. rollingStd(logReturns(close), 20)');
  }
  const values = nanArray(n);
  const touch = new Int32Array(n).fill(-1);
  for (let t = 0; t + horizon < n; t++) {
    const scale = volatility ? volatility[t]! : 1;
    const entry = close[t]!;
    if (!(scale > 0 && scale < Infinity) || !Number.isFinite(entry)) continue;
    const up = upper * scale, down = -lower * scale;
    for (let s = t + 1; s <= t + horizon; s++) {
      const hi = (high ? high[s]! : close[s]!) / entry - 1;
      const lo = (low ? low[s]! : close[s]!) / entry - 1;
      if (!Number.isFinite(hi) || !Number.isFinite(lo)) break;
      if (lo <= down) { values[t] = -1; touch[t] = s; break; }
      if (hi >= up) { values[t] = 1; touch[t] = s; break; }
      if (s === t + horizon) { values[t] = 0; touch[t] = s; }
    }
  }
  return {
    name: 'tripleBarrier',
    values,
    horizon,
    touch,
    params: {
      upper: options.upper, lower: options.lower, maxHolding: horizon,
      scaledByVolatility: volatility !== undefined, intrabar: high !== undefined,
    },
  };
}

export interface SpreadReversionOptions {
  /** How far, in z units, the spread must move back towards 0 (crossing it counts). */
  readonly revertBy: number;
  /** Bars it has to do so in: the label's horizon. */
  readonly within: number;
}

/**
 * 1 if, within rows t+1..t+within, the z-scored spread moves from z[t] towards zero by at least
 * revertBy (sign(z[t]) * (z[t] - z[s]) >= revertBy), else 0. NaN where z[t] is 0 or missing (no
 * side to revert from), at the tail, and where a missing value comes before the reversion.
 */
export function spreadReversionLabel(spreadZ: Float64Array, options: SpreadReversionOptions): Label {
  if (!(spreadZ instanceof Float64Array)) {
    throw new InvalidArgumentError('spreadZ', spreadZ, 'must be a Float64Array', 'pass the z-scored spread, e.g. Float64Array.from(values)');
  }
  if (options === undefined) throw new InvalidArgumentError('options', options, 'is required', 'pass e.g. { revertBy: 1, within: 10 }');
  rejectUnknownOptions('options', options, ['revertBy', 'within']);
  const { revertBy, within } = options;
  if (typeof revertBy !== 'number' || !(revertBy > 0 && revertBy < Infinity)) {
    throw new InvalidArgumentError('options.revertBy', revertBy, 'must be a positive number of z units', 'pass e.g. 1 (one standard deviation of the spread)');
  }
  const n = spreadZ.length;
  checkHorizon('options.within', within, n);
  const values = nanArray(n);
  for (let t = 0; t + within < n; t++) {
    const z0 = spreadZ[t]!;
    if (!Number.isFinite(z0) || z0 === 0) continue;
    const side = Math.sign(z0);
    for (let s = t + 1; s <= t + within; s++) {
      const z = spreadZ[s]!;
      if (!Number.isFinite(z)) break;
      if (side * (z0 - z) >= revertBy) { values[t] = 1; break; }
      if (s === t + within) values[t] = 0;
    }
  }
  return { name: 'spreadReversion', values, horizon: within, params: { revertBy, within } };
}

function checkPrices(argument: string, price: unknown): number {
  if (!(price instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, price, 'must be a Float64Array', 'pass a price column such as bars.close');
  }
  checkPositivePrices(argument, price);
  return price.length;
}

function barrierPrices(prices: Bars | BarrierPrices): BarrierPrices {
  if (prices !== null && typeof prices === 'object' && 'symbol' in prices) {
    assertBars(prices, 'prices');
    checkPositivePrices('prices.close', prices.close);
    checkPositivePrices('prices.high', prices.high);
    checkPositivePrices('prices.low', prices.low);
    return { close: prices.close, high: prices.high, low: prices.low };
  }
  const { close, high, low } = (prices ?? {}) as BarrierPrices;
  const n = checkPrices('prices.close', close);
  if ((high === undefined) !== (low === undefined)) {
    throw new InvalidArgumentError(high === undefined ? 'prices.high' : 'prices.low', undefined, 'is missing while the other intrabar column is given', 'pass both high and low, or neither (closes only)');
  }
  for (const [name, column] of [['prices.high', high], ['prices.low', low]] as const) {
    if (column === undefined) continue;
    if (checkPrices(name, column) !== n) {
      throw new InvalidArgumentError(`${name}.length`, column.length, `differs from prices.close.length = ${n}`, 'pass columns of the same bars');
    }
  }
  return { close, high, low };
}

function barrierWidth(argument: string, width: unknown): number {
  if (width === null) return Infinity;
  if (typeof width !== 'number' || !(width > 0 && width < Infinity)) {
    throw new InvalidArgumentError(argument, width, 'must be a positive finite number, or null for no barrier', 'pass e.g. 2 (two volatilities) or 0.02 (2%) without volatility');
  }
  return width;
}
