// The library's unit of market data: one symbol's bars as parallel columns. Columns are
// Float64Array so numerical kernels run over them without conversion; timestamps are epoch
// milliseconds (UTC), strictly increasing once validated.
import { InvalidArgumentError } from '../util/errors';

export interface Bars {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Close adjusted for splits and dividends, when the source has it. */
  readonly adjClose?: Float64Array;
}

export const PRICE_COLUMNS = ['open', 'high', 'low', 'close'] as const;
export type PriceColumn = (typeof PRICE_COLUMNS)[number];

export function barCount(bars: Bars): number {
  return bars.time.length;
}

/** Bars [start, end) as views sharing memory with the input (no copy, input untouched). */
export function sliceBars(bars: Bars, start: number, end: number = bars.time.length): Bars {
  return {
    symbol: bars.symbol,
    time: bars.time.subarray(start, end),
    open: bars.open.subarray(start, end),
    high: bars.high.subarray(start, end),
    low: bars.low.subarray(start, end),
    close: bars.close.subarray(start, end),
    volume: bars.volume.subarray(start, end),
    ...(bars.adjClose ? { adjClose: bars.adjClose.subarray(start, end) } : {}),
  };
}

/** ISO date (YYYY-MM-DD, UTC) of an epoch-millisecond timestamp. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const BAR_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;
export type BarColumn = (typeof BAR_COLUMNS)[number];

/**
 * Checks that `bars` is a Bars object whose columns are Float64Arrays of one length (adjClose may
 * be absent) and returns that length. Contents are not judged here; validateBars does that.
 */
export function assertBars(bars: Bars, argument = 'bars'): number {
  if (!bars || typeof bars.symbol !== 'string' || !(bars.time instanceof Float64Array)) {
    throw new InvalidArgumentError(argument, bars, 'must be a Bars object (symbol and Float64Array columns)', 'read bars with readBarsCsv or readBarsArrow');
  }
  const n = bars.time.length;
  for (const name of BAR_COLUMNS) {
    const col = bars[name];
    if (col === undefined && name === 'adjClose') continue;
    if (!(col instanceof Float64Array) || col.length !== n) {
      throw new InvalidArgumentError(`${argument}.${name}`, col, `must be a Float64Array of length ${n} (the length of ${argument}.time)`, 'build every column with the same number of rows');
    }
  }
  return n;
}

/**
 * Rows [start, end) whose timestamps fall on or after `from` and on or before `to` (ISO dates,
 * UTC), for time-indexed slicing of bars, panels and feature columns.
 */
export function rowsBetween(time: Float64Array, from: string, to: string): { start: number; end: number } {
  const lo = Date.parse(`${from}T00:00:00Z`), hi = Date.parse(`${to}T23:59:59.999Z`);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new InvalidArgumentError('from/to', `${from} .. ${to}`, 'must be ISO dates (YYYY-MM-DD) with from <= to', "pass e.g. '2016-01-01', '2019-12-31'");
  }
  let start = 0;
  while (start < time.length && time[start]! < lo) start++;
  let end = start;
  while (end < time.length && time[end]! <= hi) end++;
  if (end === start) {
    throw new InvalidArgumentError('from/to', `${from} .. ${to}`, `holds no row (data spans ${time.length ? `${isoDate(time[0]!)} .. ${isoDate(time[time.length - 1]!)}` : 'nothing'})`, 'choose dates inside the data');
  }
  return { start, end };
}
