// Returns over a horizon of h bars. The first h values have no price h bars back and are NaN; a
// missing price makes the returns that touch it NaN rather than bridging the gap. Batch kernels
// reject non-positive prices (they would become silent Infinity/NaN); the streaming state cannot
// refuse a live bar, so it reads such a price as missing.
import { InvalidArgumentError } from '../util/errors';
import { checkPositivePrices, checkSeries, checkWindow, nanArray } from './check';
import { completeParams, notInteger, notSource, PRICE_SOURCES, seriesKind, sourceColumn, sourceValue, type BarValues, type PriceSource } from './kind';
import type { Bars } from '../data/bars';

export const DEFAULT_RETURN_HORIZON = 1;

/** r[t] = close[t] / close[t-1] - 1. */
export function simpleReturns(close: Float64Array): Float64Array {
  checkSeries('close', close);
  checkPositivePrices('close', close);
  const out = nanArray(close.length);
  for (let t = 1; t < close.length; t++) out[t] = close[t]! / close[t - 1]! - 1;
  return out;
}

/** r[t] = ln(close[t] / close[t-1]). */
export function logReturns(close: Float64Array): Float64Array {
  checkSeries('close', close);
  checkPositivePrices('close', close);
  const out = nanArray(close.length);
  for (let t = 1; t < close.length; t++) out[t] = Math.log(close[t]! / close[t - 1]!);
  return out;
}

/** Streaming h-bar return: ln(p[t] / p[t-h]) when `log`, else p[t] / p[t-h] - 1. */
export class ReturnState {
  private readonly ring: Float64Array;
  private next = 0;
  private seen = 0;
  constructor(readonly horizon: number, readonly log: boolean) {
    checkWindow('horizon', horizon);
    this.ring = new Float64Array(horizon);
  }
  update(price: number): number {
    const old = this.seen === this.horizon ? this.ring[this.next]! : Number.NaN;
    this.ring[this.next] = price;
    this.next = this.next + 1 === this.horizon ? 0 : this.next + 1;
    if (this.seen < this.horizon) this.seen++;
    if (!(price > 0 && old > 0)) return Number.NaN;
    return this.log ? Math.log(price / old) : price / old - 1;
  }
}

export type ReturnFormula = 'log' | 'simple';

/** Returns over `horizon` bars of `price` (positive, NaN where missing). */
export function returnsOver(price: Float64Array, horizon: number, type: ReturnFormula): Float64Array {
  checkSeries('price', price);
  checkWindow('horizon', horizon);
  if (type !== 'log' && type !== 'simple') throw new InvalidArgumentError('type', type, "must be 'log' or 'simple'", "pass 'log'");
  checkPositivePrices('price', price);
  const state = new ReturnState(horizon, type === 'log');
  const out = nanArray(price.length);
  for (let t = 0; t < price.length; t++) out[t] = state.update(price[t]!);
  return out;
}

export interface ReturnParams { readonly horizon: number; readonly source: PriceSource }

export const logReturnKind = seriesKind<ReturnParams>({
  kind: 'log_return', version: 1, description: 'Log return over `horizon` bars: ln(p[t] / p[t-horizon])',
  defaults: { horizon: DEFAULT_RETURN_HORIZON, source: 'close' },
  check: (_key, value) => notInteger(value, 1),
  kernel: (x, p) => returnsOver(x, p.horizon, 'log'),
  state: (p) => new ReturnState(p.horizon, true),
});

export const simpleReturnKind = seriesKind<ReturnParams>({
  kind: 'simple_return', version: 1, description: 'Simple return over `horizon` bars: p[t] / p[t-horizon] - 1',
  defaults: { horizon: DEFAULT_RETURN_HORIZON, source: 'close' },
  check: (_key, value) => notInteger(value, 1),
  kernel: (x, p) => returnsOver(x, p.horizon, 'simple'),
  state: (p) => new ReturnState(p.horizon, false),
});

/**
 * A series a model-oriented feature (lag, z-score) can read: a bar column, or the one-bar log or
 * simple return of close, which is what models usually want lagged or standardised.
 */
export type SeriesSource = PriceSource | 'volume' | 'logReturn' | 'simpleReturn' | 'difference';
/** 'difference' is close[t] - close[t-1]: the change of a series that can be zero or negative (a spread). */
export const SERIES_SOURCES: readonly SeriesSource[] = [...PRICE_SOURCES, 'volume', 'logReturn', 'simpleReturn', 'difference'];

/** Problem sentence when `value` is not a SeriesSource, for completeParams checks. */
export function notSeriesSource(value: unknown): string | undefined {
  return SERIES_SOURCES.includes(value as SeriesSource) ? undefined : `must be one of ${SERIES_SOURCES.join(', ')}`;
}

/** The whole series `source` names over `bars` (returns computed here, validated like returnsOver). */
export function seriesColumn(bars: Bars, source: SeriesSource): Float64Array {
  if (source === 'logReturn' || source === 'simpleReturn') return returnsOver(bars.close, 1, source === 'logReturn' ? 'log' : 'simple');
  if (source === 'volume') return bars.volume;
  if (source === 'difference') {
    const c = bars.close, out = new Float64Array(c.length).fill(Number.NaN);
    for (let t = 1; t < c.length; t++) out[t] = c[t]! - c[t - 1]!;
    return out;
  }
  if (notSource(source) !== undefined) throw new InvalidArgumentError('source', source, notSeriesSource(source)!, "pass e.g. 'close' or 'logReturn'");
  return sourceColumn(bars, source);
}

/** Reads `source` from streaming bars, keeping the return state it needs. */
export class SeriesSourceReader {
  private readonly ret: ReturnState | undefined;
  private lastClose = Number.NaN;
  constructor(readonly source: SeriesSource) {
    this.ret = source === 'logReturn' || source === 'simpleReturn' ? new ReturnState(1, source === 'logReturn') : undefined;
  }
  read(bar: BarValues): number {
    if (this.ret) return this.ret.update(bar.close);
    if (this.source === 'difference') {
      const change = bar.close - this.lastClose;
      this.lastClose = bar.close;
      return change;
    }
    return this.source === 'volume' ? bar.volume : sourceValue(bar, this.source as PriceSource);
  }
}

/** Fills defaults and validates for kinds whose only non-numeric parameter is a SeriesSource. */
export function seriesParams<P extends { source: SeriesSource }>(
  partial: Partial<P>, defaults: P, argument: string, check: (key: keyof P & string, value: unknown) => string | undefined,
): P {
  return completeParams(partial, defaults, argument, (key, value) => (key === 'source' ? notSeriesSource(value) : check(key, value)));
}
