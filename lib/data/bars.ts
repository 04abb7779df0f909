// The library's unit of market data: one symbol's bars as parallel columns. Columns are
// Float64Array so numerical kernels run over them without conversion; timestamps are epoch
// milliseconds (UTC), strictly increasing once validated. An optional IANA zone says how to read
// them as the exchange's local dates and clock times; it never changes the stored numbers.
import { InvalidArgumentError } from '../util/errors';
import { assertTimeZone, localDate, parseZonedDateTime } from './timezone';

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
  /**
   * IANA zone of the exchange ('America/New_York') for reading `time` as local dates/times
   * (localDate(bars.time[i], bars.timezone)). Absent means UTC.
   */
  readonly timezone?: string;
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
    ...(bars.timezone !== undefined ? { timezone: bars.timezone } : {}),
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
  if (bars.timezone !== undefined) assertTimeZone(bars.timezone, `${argument}.timezone`);
  return n;
}

/**
 * Rows [start, end) whose timestamps fall on or after `from` and on or before `to` (ISO dates,
 * local to `timezone`, UTC by default), for time-indexed slicing of bars, panels and feature columns.
 */
export function rowsBetween(time: Float64Array, from: string, to: string, timezone?: string): { start: number; end: number } {
  const zone = timezone === undefined ? undefined : assertTimeZone(timezone);
  const dayStart = (date: string): number => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN;
    try {
      return parseZonedDateTime(date, zone);
    } catch {
      return Number.NaN; // not a calendar date; reported below with both bounds
    }
  };
  const lo = dayStart(from);
  const toStart = dayStart(to);
  // The day after `to` starts where `to` ends, whatever its length (23 or 25 hours across DST).
  const hi = Number.isFinite(toStart) ? dayStart(new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) - 1 : Number.NaN;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new InvalidArgumentError('from/to', `${from} .. ${to}`, 'must be ISO dates (YYYY-MM-DD) with from <= to', "pass e.g. '2016-01-01', '2019-12-31'");
  }
  let start = 0;
  while (start < time.length && time[start]! < lo) start++;
  let end = start;
  while (end < time.length && time[end]! <= hi) end++;
  if (end === start) {
    throw new InvalidArgumentError('from/to', `${from} .. ${to}`, `holds no row (data spans ${time.length ? `${localDate(time[0]!, timezone)} .. ${localDate(time[time.length - 1]!, timezone)}` : 'nothing'})`, 'choose dates inside the data');
  }
  return { start, end };
}
