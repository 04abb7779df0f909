// Positions as FIFO lots: a fill first closes the oldest opposite lots (each closed piece is one
// TradeRecord), the rest opens a new lot. Commission is spread over units: a lot carries its
// entry commission and a closed piece takes its share of both legs, so Σ trade commissions plus
// the open lots' equals what was paid.
import type { OpenLot, TradeRecord } from './types';

interface Lot { quantity: number; price: number; time: number; bar: number; commission: number }

// Fractional quantities leave rounding crumbs when a lot is closed piece by piece.
const CRUMB = 1e-9;

export class Ledger {
  private readonly lots: Lot[][];
  readonly trades: TradeRecord[] = [];
  readonly tradeAssets: string[] = [];

  constructor(private readonly assets: readonly string[]) {
    this.lots = assets.map(() => []);
  }

  /** Books a fill of `quantity` (signed) of asset `a` at `price` with `commission`. */
  fill(a: number, quantity: number, price: number, commission: number, bar: number, time: number): void {
    const lots = this.lots[a]!;
    const total = Math.abs(quantity);
    let left = quantity;
    while (left !== 0 && lots.length > 0 && lots[0]!.quantity * left < 0) {
      const lot = lots[0]!;
      const size = Math.abs(lot.quantity);
      const whole = Math.abs(left) >= size * (1 - CRUMB);
      const closed = whole ? size : Math.abs(left);
      const signed = lot.quantity > 0 ? closed : -closed;
      // Multiply before dividing: a whole fill's share is then exactly its commission.
      const entryCommission = whole ? lot.commission : (lot.commission * closed) / size;
      const paid = entryCommission + (commission * closed) / total;
      const pnl = signed * (price - lot.price) - paid;
      this.trades.push({
        entryTime: lot.time, exitTime: time, entryPrice: lot.price, exitPrice: price, quantity: signed,
        pnl, returnPct: pnl / (closed * lot.price), barsHeld: bar - lot.bar, commission: paid,
      });
      this.tradeAssets.push(this.assets[a]!);
      if (whole) {
        lots.shift();
        left = Math.abs(left) - size <= size * CRUMB ? 0 : left + lot.quantity;
      } else {
        lot.quantity -= signed;
        lot.commission -= entryCommission;
        left = 0;
      }
    }
    if (left !== 0) lots.push({ quantity: left, price, time, bar, commission: (commission * Math.abs(left)) / total });
  }

  openLots(): OpenLot[] {
    const out: OpenLot[] = [];
    this.lots.forEach((lots, a) => {
      for (const l of lots) out.push({ asset: this.assets[a]!, entryTime: l.time, entryBar: l.bar, entryPrice: l.price, quantity: l.quantity, commission: l.commission });
    });
    return out;
  }
}
