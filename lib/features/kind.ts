// What the feature registry needs to know about one kind of feature (an indicator family such as
// 'sma' or 'macd'): its parameters, its output columns, a batch kernel over a whole history and a
// streaming state for live bars. Both paths run the same state object, so they agree exactly.
import type { Bars } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';

/** One bar as the streaming path sees it. */
export interface BarValues {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly adjClose?: number;
}

/** A price column a single-series feature reads. */
export type PriceSource = 'open' | 'high' | 'low' | 'close' | 'adjClose';

export interface FeatureStream {
  /**
   * Consumes the next bar and returns this bar's outputs in `outputs` order. The returned array
   * is reused by the next call: copy values you keep.
   */
  update(bar: BarValues): Float64Array;
}

export interface FeatureKind<P extends object = Record<string, unknown>> {
  /** Registry key, lowercase: 'sma', 'macd', 'garman_klass'. */
  readonly kind: string;
  /** Bumped whenever the numbers a given parameter set produces change. */
  readonly version: number;
  readonly description: string;
  readonly defaults: Readonly<P>;
  /**
   * Complete parameters from partial ones (defaults filled in), validated: throws
   * InvalidArgumentError naming `${argument}.<param>`, the value and the fix; rejects unknown keys.
   */
  params(partial: Partial<P>, argument: string): P;
  /** Output column suffixes, e.g. ['macd', 'signal', 'hist']; ['value'] for one output. */
  outputs(params: P): readonly string[];
  /** Whole history: one Float64Array per output, NaN during warm-up (TA-Lib conventions). */
  batch(bars: Bars, params: P): Float64Array[];
  /** Bar-by-bar state giving the same values as batch. */
  stream(params: P): FeatureStream;
}

/** The column of `bars` a single-series feature reads, or an error naming the fix. */
export function sourceColumn(bars: Bars, source: PriceSource): Float64Array {
  const col = bars[source];
  if (!col) throw new InvalidArgumentError('source', source, `bars of ${bars.symbol} have no ${source} column`, "read a file with that column or use source 'close'");
  return col;
}

/** The value of `source` in a streaming bar. */
export function sourceValue(bar: BarValues, source: PriceSource): number {
  const v = bar[source];
  return v === undefined ? Number.NaN : v;
}

export const PRICE_SOURCES: readonly PriceSource[] = ['open', 'high', 'low', 'close', 'adjClose'];

/**
 * Fills defaults into `partial`, rejects unknown keys, and runs `check` for each parameter;
 * `check` returns a problem sentence (and optionally a fix) or undefined when the value is fine.
 */
export function completeParams<P extends object>(
  partial: Partial<P> | undefined, defaults: Readonly<P>, argument: string,
  check: (key: keyof P & string, value: unknown) => string | [problem: string, fix: string] | undefined,
): P {
  const given = partial ?? {};
  if (typeof given !== 'object' || given === null) {
    throw new InvalidArgumentError(argument, given, 'must be an object of parameters', `pass e.g. ${JSON.stringify(defaults)}`);
  }
  rejectUnknownOptions(argument, given, Object.keys(defaults));
  const params = { ...defaults, ...given } as P;
  for (const key of Object.keys(defaults) as (keyof P & string)[]) {
    const verdict = check(key, params[key]);
    if (verdict === undefined) continue;
    const [problem, fix] = typeof verdict === 'string' ? [verdict, `pass e.g. ${JSON.stringify(defaults[key])}`] : verdict;
    throw new InvalidArgumentError(`${argument}.${key}`, params[key], problem, fix);
  }
  return params;
}

/** Problem sentence when `value` is not an integer >= min, for completeParams checks. */
export function notInteger(value: unknown, min: number): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min ? undefined : `must be an integer >= ${min}`;
}

/** Problem sentence when `value` is not a finite number > min (or >= min when inclusive). */
export function notNumberAbove(value: unknown, min: number, inclusive = false): string | undefined {
  const ok = typeof value === 'number' && Number.isFinite(value) && (inclusive ? value >= min : value > min);
  return ok ? undefined : `must be a finite number ${inclusive ? '>=' : '>'} ${min}`;
}

/** Problem sentence when `value` is not a PriceSource. */
export function notSource(value: unknown): string | undefined {
  return PRICE_SOURCES.includes(value as PriceSource) ? undefined : `must be one of ${PRICE_SOURCES.join(', ')}`;
}

/**
 * A single-output feature over one price column whose state maps a value to a value (SMA, EMA,
 * RSI, ROC ...): the common case, so each such indicator only states its kernel and state.
 */
export function seriesKind<P extends { source: PriceSource }>(def: {
  kind: string; version: number; description: string; defaults: P;
  check: (key: keyof P & string, value: unknown) => string | [string, string] | undefined;
  kernel: (x: Float64Array, params: P) => Float64Array;
  state: (params: P) => { update(x: number): number };
}): FeatureKind<P> {
  return {
    kind: def.kind, version: def.version, description: def.description, defaults: def.defaults,
    params: (partial, argument) => completeParams(partial, def.defaults, argument, (key, value) => (key === 'source' ? notSource(value) : def.check(key, value))),
    outputs: () => ['value'],
    batch: (bars, params) => [def.kernel(sourceColumn(bars, params.source), params)],
    stream(params) {
      const state = def.state(params);
      const out = new Float64Array(1);
      return { update(bar) { out[0] = state.update(sourceValue(bar, params.source)); return out; } };
    },
  };
}
