// The library's unit of market data: one symbol's bars as parallel columns. Columns are
// Float64Array so numerical kernels run over them without conversion; timestamps are epoch
// milliseconds (UTC), strictly increasing once validated.

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
