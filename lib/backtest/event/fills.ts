// Where a price-triggered order fills inside one bar, from its open/high/low only: the open comes
// first, so an open already beyond the order's price fills there (a gap), otherwise the order's
// own price fills if the range reached it. NaN means no fill in this bar. Pure functions, so the
// rules are tested on their own and shared by every order kind (stop-loss exits are sell stops,
// take-profits sell limits, and so on).

/** Buy (side 1) limit fills at or below `limit`; sell (side −1) at or above. */
export function limitFillPrice(side: 1 | -1, limit: number, open: number, high: number, low: number, atOpenOnly: boolean): number {
  if (side === 1) {
    if (open <= limit) return open;
    return !atOpenOnly && low <= limit ? limit : Number.NaN;
  }
  if (open >= limit) return open;
  return !atOpenOnly && high >= limit ? limit : Number.NaN;
}

/** Buy stop triggers when price rises to `stop` (sell stop: falls to it) and fills as a market order. */
export function stopFillPrice(side: 1 | -1, stop: number, open: number, high: number, low: number, atOpenOnly: boolean): number {
  if (side === 1) {
    if (open >= stop) return open;
    return !atOpenOnly && high >= stop ? stop : Number.NaN;
  }
  if (open <= stop) return open;
  return !atOpenOnly && low <= stop ? stop : Number.NaN;
}

/**
 * Stop-limit: once the stop trades the order is a limit order. Triggered at the open, the rest of
 * the bar is after the trigger, so the limit may fill anywhere in the range. Triggered inside the
 * bar, the order of prices is unknown: it fills at the stop only when the stop itself satisfies
 * the limit, otherwise it waits for the next bar as a limit order (the pessimistic reading, as
 * backtesting.py does). Returns [price or NaN, triggered].
 */
export function stopLimitFill(
  side: 1 | -1, stop: number, limit: number, triggered: boolean, open: number, high: number, low: number, atOpenOnly: boolean,
): [number, boolean] {
  if (triggered) return [limitFillPrice(side, limit, open, high, low, atOpenOnly), true];
  const gapTrigger = side === 1 ? open >= stop : open <= stop;
  if (gapTrigger) return [limitFillPrice(side, limit, open, high, low, atOpenOnly), true];
  if (atOpenOnly) return [Number.NaN, false];
  const touched = side === 1 ? high >= stop : low <= stop;
  if (!touched) return [Number.NaN, false];
  const stopWithinLimit = side === 1 ? stop <= limit : stop >= limit;
  return [stopWithinLimit ? stop : Number.NaN, true];
}
