// Stop-loss, trailing stop and take-profit, checked intrabar with the bar's open/high/low
// (vectorbt 1.2.0's get_stop_price_nb and its use in simulate_from_signals_nb).
//
// Levels, from the entry price E (the order price of the fill that opened the position, before
// slippage: the close of the entry bar with price 'close', vectorbt's stop_entry_price='close'):
//   long:  stop-loss E(1 - sl), trailing P(1 - trail) with P the highest high since entry (E at first),
//          take-profit E(1 + tp);
//   short: stop-loss E(1 + sl), trailing P(1 + trail) with P the lowest low since entry, take-profit E(1 - tp).
// Priority within a bar: the stop-loss side first (fixed and trailing: the tighter level), and
// take-profit only when no stop-loss level was reached, i.e. when a bar's range spans both, the loss
// is assumed (pessimistic, vectorbt's rule). A level the bar opened beyond fills at the open (a gap);
// otherwise at the level itself when low <= level <= high. The trailing extreme moves with the bar's
// high (low) only after the check, since the order of high and low inside a bar is unknown.
// Without open/high/low, open = close and high/low = max/min(open, close), as vectorbt.
import type { Holdings } from './execute';
import type { Intents, StopSettings } from './engine';
import type { Plan } from './inputs';

export interface Stops {
  /** Sets an exit intent for `col` when a level is reached in bar i; returns whether one was. */
  check(col: number, i: number): boolean;
  /** Arms the levels when a fill opens or reverses a position, clears them when it closes it. */
  afterFill(col: number, before: number, after: number, orderPrice: number): void;
}

export function createStops(plan: Plan, settings: StopSettings, holdings: Holdings, intents: Intents): Stops | undefined {
  const { sl, trail, tp } = settings;
  const active = new Uint8Array(plan.columns);
  let any = false;
  for (let c = 0; c < plan.columns; c++) {
    active[c] = Number.isNaN(sl[c]!) && Number.isNaN(trail[c]!) && Number.isNaN(tp[c]!) ? 0 : 1;
    if (active[c]) any = true;
  }
  if (!any) return undefined;
  const entry = new Float64Array(plan.columns).fill(NaN);
  const extreme = new Float64Array(plan.columns).fill(NaN);
  const withSlippage = settings.exitPrice === 'stopMarket';
  const { position } = holdings;

  return {
    check(col: number, i: number): boolean {
      const p = position[col]!;
      if (p === 0 || !active[col] || Number.isNaN(entry[col]!)) return false;
      const close = plan.close[col]![i]!;
      const open = plan.open[col]?.[i] ?? close;
      const low = plan.low[col]?.[i] ?? Math.min(open, close);
      const high = plan.high[col]?.[i] ?? Math.max(open, close);
      const base = entry[col]!;
      const s = sl[col]!, t = trail[col]!, q = tp[col]!;
      let hit = NaN;
      if (p > 0) {
        let level = -Infinity;
        if (!Number.isNaN(s)) level = base * (1 - s);
        if (!Number.isNaN(t)) level = Math.max(level, extreme[col]! * (1 - t));
        if (level > -Infinity) hit = open <= level ? open : low <= level && level <= high ? level : NaN;
        if (Number.isNaN(hit) && !Number.isNaN(q)) {
          const target = base * (1 + q);
          hit = target <= open ? open : low <= target && target <= high ? target : NaN;
        }
        if (!Number.isNaN(t) && high > extreme[col]!) extreme[col] = high;
      } else {
        let level = Infinity;
        if (!Number.isNaN(s)) level = base * (1 + s);
        if (!Number.isNaN(t)) level = Math.min(level, extreme[col]! * (1 + t));
        if (level < Infinity) hit = level <= open ? open : low <= level && level <= high ? level : NaN;
        if (Number.isNaN(hit) && !Number.isNaN(q)) {
          const target = base * (1 - q);
          hit = open <= target ? open : low <= target && target <= high ? target : NaN;
        }
        if (!Number.isNaN(t) && low < extreme[col]!) extreme[col] = low;
      }
      if (Number.isNaN(hit)) return false;
      intents.side[col] = p > 0 ? -1 : 1;
      intents.size[col] = Math.abs(p);
      intents.percent[col] = NaN;
      intents.price[col] = hit;
      intents.slippage[col] = withSlippage ? plan.slippage[col]! : 0;
      intents.reduceOnly[col] = 1;
      return true;
    },

    afterFill(col: number, before: number, after: number, orderPrice: number): void {
      if (!active[col]) return;
      if (after === 0) {
        entry[col] = NaN;
        extreme[col] = NaN;
      } else if (before === 0 || Math.sign(after) !== Math.sign(before)) {
        entry[col] = orderPrice;
        extreme[col] = orderPrice;
      }
    },
  };
}
