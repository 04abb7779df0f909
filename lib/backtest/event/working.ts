// A live order inside the engine: its record (what the log shows) plus the state the fill passes
// need. Kept apart from the record so the log stays plain JSON.
import type { EventOrderRecord, OrderStatus, OrderType, TimeInForce, TrailingStop } from './types';
import type { Sizing } from './requests';

/** Record fields the engine updates as the order lives. */
export type MutableRecord = EventOrderRecord & { -readonly [K in 'limitPrice' | 'stopPrice']?: number };

export class WorkingOrder {
  /** Unsigned units still to fill (for target sizing: resolved at the first fill). */
  remaining: number;
  eligibleBars = 0;
  triggered = false;
  done = false;
  /** Children created by this order's fills (stop-loss, take-profit, trailing). */
  children: WorkingOrder[] | undefined;
  /** Trailing stops: best price since entry. */
  best = Number.NaN;

  constructor(
    readonly id: number,
    readonly a: number,
    readonly record: MutableRecord,
    readonly side: 1 | -1,
    readonly type: OrderType,
    public sizing: Sizing,
    readonly amount: number,
    readonly limit: number,
    public stop: number,
    readonly tif: TimeInForce,
    readonly activeFrom: number,
    readonly contingent: boolean,
    readonly trail?: TrailingStop,
  ) {
    this.remaining = sizing === 'quantity' ? Math.abs(amount) : Number.NaN;
  }

  get status(): OrderStatus {
    return this.record.status;
  }
}

/** Rounds toward zero to a multiple of `lot` (no rounding when lot is 0). */
export function roundLot(q: number, lot: number): number {
  if (lot === 0) return q;
  // The epsilon keeps 3 × 0.1 from rounding down to 2 lots of 0.1.
  const lots = Math.trunc(q / lot + (q > 0 ? 1e-9 : -1e-9));
  return lots === 0 ? 0 : lots * lot;
}

/**
 * Limits a fill of q on a position pos so |pos + q| stays within `cap`, without blocking
 * reductions and without forcing a cut of a position already above the cap.
 */
export function clampExposure(pos: number, q: number, cap: number): number {
  const next = pos + q;
  const size = Math.abs(next);
  if (size <= cap) return q;
  const sameSide = next * pos > 0;
  if (sameSide && size <= Math.abs(pos)) return q;
  const bound = sameSide ? Math.max(cap, Math.abs(pos)) : cap;
  return Math.sign(next) * bound - pos;
}
