// Exit trades built while simulating, one fill at a time (vectorbt's get_exit_trades_nb, streamed):
// entries of a position accumulate size, gross and fees; every fill that reduces the position
// closes a trade of that size at the size-weighted entry price with its pro-rata entry fees; a
// fill that overshoots closes the whole position and opens the opposite one with the rest.
// Only counts are kept unless the column's trade rows were asked for.
import { addSnap, isClose, type Fill } from './execute';
import type { TradeRecord } from './types';

/** Per-column trade state, indexed by column. */
export class TradeBook {
  /** +1 long, -1 short, 0 flat. */
  readonly direction: Int8Array;
  readonly entryBar: Int32Array;
  readonly sizeSum: Float64Array;
  readonly grossSum: Float64Array;
  readonly feesSum: Float64Array;
  readonly closed: Float64Array;
  readonly wins: Float64Array;

  constructor(columns: number) {
    this.direction = new Int8Array(columns);
    this.entryBar = new Int32Array(columns);
    this.sizeSum = new Float64Array(columns);
    this.grossSum = new Float64Array(columns);
    this.feesSum = new Float64Array(columns);
    this.closed = new Float64Array(columns);
    this.wins = new Float64Array(columns);
  }

  /** Books a fill of column `col` at bar `bar`; rows go to `out` when given. */
  record(col: number, bar: number, fill: Fill, time: Float64Array | undefined, out: TradeRecord[] | undefined): void {
    const { size, price, fees, side } = fill;
    if (this.direction[col] === 0) {
      this.direction[col] = side;
      this.entryBar[col] = bar;
      this.sizeSum[col] = 0;
      this.grossSum[col] = 0;
      this.feesSum[col] = 0;
    }
    const direction = this.direction[col]!;
    if (side === direction) {
      this.sizeSum[col] += size;
      this.grossSum[col] += size * price;
      this.feesSum[col] += fees;
      return;
    }
    const sizeSum = this.sizeSum[col]!;
    if (isClose(size, sizeSum) || size < sizeSum) {
      const closesAll = isClose(size, sizeSum);
      this.close(col, closesAll ? sizeSum : size, price, fees, bar, time, out);
      if (closesAll) {
        this.direction[col] = 0;
      } else {
        const keep = (sizeSum - size) / sizeSum;
        this.sizeSum[col] = sizeSum * keep;
        this.grossSum[col] *= keep;
        this.feesSum[col] *= keep;
      }
      return;
    }
    // Reversal: close the whole position with its share of this fill's fees, open the rest.
    const closingFees = (sizeSum / size) * fees;
    this.close(col, sizeSum, price, closingFees, bar, time, out);
    this.direction[col] = side;
    this.entryBar[col] = bar;
    this.sizeSum[col] = size - sizeSum;
    this.grossSum[col] = (size - sizeSum) * price;
    this.feesSum[col] = fees - closingFees;
  }

  private close(
    col: number, exitSize: number, exitPrice: number, exitFees: number, bar: number,
    time: Float64Array | undefined, out: TradeRecord[] | undefined,
  ): void {
    const sizeSum = this.sizeSum[col]!;
    const direction = this.direction[col]!;
    const entryPrice = this.grossSum[col]! / sizeSum;
    const entryFees = (exitSize / sizeSum) * this.feesSum[col]!;
    const entryValue = exitSize * entryPrice;
    let valueDiff = addSnap(exitSize * exitPrice, -entryValue);
    if (direction < 0) valueDiff = -valueDiff;
    const pnl = valueDiff - entryFees - exitFees;
    this.closed[col]++;
    if (pnl > 0) this.wins[col]++;
    if (out === undefined) return;
    const entryBar = this.entryBar[col]!;
    out.push({
      entryTime: time === undefined ? entryBar : time[entryBar]!,
      exitTime: time === undefined ? bar : time[bar]!,
      entryPrice,
      exitPrice,
      quantity: direction * exitSize,
      pnl,
      returnPct: pnl / entryValue,
      barsHeld: bar - entryBar,
      commission: entryFees + exitFees,
    });
  }
}
