// The simulation loop shared by signals and targets: group by group (a group is one portfolio,
// its columns share cash), bar by bar. At each bar an order source (signals or targets) states
// at most one order per column; the orders of a group execute sells first, then buys, each in
// column order, so cash released by a sale is there for a purchase at the same bar (vectorbt gets
// the same effect from call_seq='auto'). Memory is O(columns) plus what was asked to be recorded:
// statistics stream (summary.ts), trades stream (trades.ts).
//
// Timing (price 'close'): stops are checked first, against the bar's open/high/low (a position
// opened at close t is checked from bar t + 1); a stop exit consumes the bar (that bar's signals
// are ignored, as in vectorbt); then the orders decided at bar t fill at close[t].
// Timing (price 'nextOpen'): the orders decided at bar t - 1 fill at open[t]; then every open
// position, one just opened at that open included, is checked against the rest of bar t.
import { buy, createFill, sell, type Account, type Holdings } from './execute';
import type { Plan } from './inputs';
import { createStops, type Stops } from './stops';
import { createSummary, StreamingStats } from './summary';
import { TradeBook } from './trades';
import type { GroupCurves, OrderRecord, SimulationResult, StopExitPrice, TradeRecord } from './types';

/** The order each column wants at the current bar; side 0 = none. Written by sources and stops. */
export interface Intents {
  readonly side: Int8Array;
  readonly size: Float64Array;
  /** Fraction of cash (buy) / of the maximum short (sell, with size Infinity); NaN when unused. */
  readonly percent: Float64Array;
  readonly price: Float64Array;
  readonly slippage: Float64Array;
  /** 1 = may only reduce the position (an exit), never open the other side. */
  readonly reduceOnly: Uint8Array;
}

/** Turns the inputs of column `col` at decision bar `s` into an intent filled at `price`. */
export interface OrderSource {
  /** Targets as weights need the group's value at the fill prices; signals do not. */
  readonly needsGroupValue: boolean;
  /** Returns whether an intent was set. */
  intent(col: number, s: number, price: number, groupValue: number): boolean;
}

export interface StopSettings {
  readonly sl: Float64Array;
  readonly trail: Float64Array;
  readonly tp: Float64Array;
  readonly exitPrice: StopExitPrice;
}

export class Engine {
  readonly holdings: Holdings;
  readonly intents: Intents;
  private readonly account: Account = { cash: 0, freeCash: 0 };
  private readonly fill = createFill();
  /** The current order's costs, rewritten per order rather than allocated. */
  private readonly costs = { fees: 0, fixedFees: 0, slippage: 0 };
  private readonly trades: TradeBook;
  private readonly stops: Stops | undefined;
  private readonly stats = new StreamingStats();
  private readonly orderCount: Float64Array;
  private readonly orderRows = new Map<number, OrderRecord[]>();
  private readonly tradeRows = new Map<number, TradeRecord[]>();
  private readonly curveRows = new Map<number, GroupCurves>();

  constructor(private readonly plan: Plan, stopSettings?: StopSettings) {
    const columns = plan.columns;
    this.holdings = { position: new Float64Array(columns), debt: new Float64Array(columns) };
    this.intents = {
      side: new Int8Array(columns),
      size: new Float64Array(columns),
      percent: new Float64Array(columns),
      price: new Float64Array(columns),
      slippage: new Float64Array(columns),
      reduceOnly: new Uint8Array(columns),
    };
    this.trades = new TradeBook(columns);
    this.orderCount = new Float64Array(columns);
    this.stops = stopSettings === undefined ? undefined : createStops(plan, stopSettings, this.holdings, this.intents);
    for (let c = 0; c < columns; c++) {
      if (plan.recordOrders[c]) this.orderRows.set(c, []);
      if (plan.recordTrades[c]) this.tradeRows.set(c, []);
    }
  }

  run(source: OrderSource): SimulationResult {
    const plan = this.plan;
    const summary = createSummary(plan.groups);
    for (let g = 0; g < plan.groups; g++) {
      this.simulateGroup(g, source);
      this.stats.write(summary, g, plan.initCash[g]!, plan.periodsPerYear);
      let orders = 0, closed = 0, wins = 0;
      for (let k = plan.groupStart[g]!; k < plan.groupStart[g + 1]!; k++) {
        const col = plan.members[k]!;
        orders += this.orderCount[col]!;
        closed += this.trades.closed[col]!;
        wins += this.trades.wins[col]!;
      }
      summary.orders[g] = orders;
      summary.trades[g] = closed;
      summary.winRate[g] = closed === 0 ? NaN : wins / closed;
    }
    return {
      bars: plan.bars,
      columns: plan.columns,
      groups: plan.groups,
      summary,
      columnOrders: this.orderCount,
      columnTrades: this.trades.closed,
      finalPosition: this.holdings.position,
      orders: this.orderRows,
      trades: this.tradeRows,
      curves: this.curveRows,
    };
  }

  private simulateGroup(g: number, source: OrderSource): void {
    const plan = this.plan;
    const { members, close, open } = plan;
    const from = plan.groupStart[g]!, to = plan.groupStart[g + 1]!;
    const position = this.holdings.position;
    const side = this.intents.side;
    const stops = this.stops;
    const nextOpen = plan.fillPrice === 'nextOpen';
    this.account.cash = this.account.freeCash = plan.initCash[g]!;
    this.stats.reset(plan.initCash[g]!);
    const curves = plan.curves[g] ? this.startCurves(g, from, to) : undefined;
    if (to - from === 1) return this.simulateColumn(members[from]!, from, source, curves);

    // Intents are cleared by execute(), so a bar starts with none and execute() runs only when one was set.
    for (let i = 0; i < plan.bars; i++) {
      if (!nextOpen) {
        let pending = false;
        if (stops !== undefined) for (let k = from; k < to; k++) if (stops.check(members[k]!, i)) pending = true;
        const value = source.needsGroupValue ? this.groupValue(from, to, close, i) : NaN;
        for (let k = from; k < to; k++) {
          const col = members[k]!;
          // A column whose stop fired has its exit as intent: the bar's signal is not read.
          if (side[col] === 0 && source.intent(col, i, close[col]![i]!, value)) pending = true;
        }
        if (pending) this.execute(from, to, i);
      } else {
        if (i > 0) {
          let pending = false;
          const value = source.needsGroupValue ? this.groupValue(from, to, open as readonly Float64Array[], i) : NaN;
          for (let k = from; k < to; k++) {
            const col = members[k]!;
            if (source.intent(col, i - 1, open[col]![i]!, value)) pending = true;
          }
          if (pending) this.execute(from, to, i);
        }
        if (stops !== undefined) {
          let stopped = false;
          for (let k = from; k < to; k++) if (stops.check(members[k]!, i)) stopped = true;
          if (stopped) this.execute(from, to, i);
        }
      }

      let value = this.account.cash;
      let exposed = false;
      for (let k = from; k < to; k++) {
        const col = members[k]!;
        const p = position[col]!;
        if (p !== 0) {
          value += p * close[col]![i]!;
          exposed = true;
        }
      }
      this.stats.update(value, exposed);
      if (curves !== undefined) {
        curves.cash[i] = this.account.cash;
        curves.equity[i] = value;
        for (let k = from; k < to; k++) curves.positions[k - from]![i] = position[members[k]!]!;
      }
    }
  }

  /**
   * simulateGroup for a group of one column (every sweep row): the same steps without the loops
   * over members, which is most of a sweep's time.
   */
  private simulateColumn(col: number, k: number, source: OrderSource, curves: GroupCurves | undefined): void {
    const plan = this.plan;
    const close = plan.close[col]!;
    const open = plan.open[col];
    const position = this.holdings.position;
    const account = this.account;
    const stops = this.stops;
    const stats = this.stats;
    const nextOpen = plan.fillPrice === 'nextOpen';
    const needsValue = source.needsGroupValue;
    for (let i = 0; i < plan.bars; i++) {
      if (!nextOpen) {
        const c = close[i]!;
        let pending = stops !== undefined && stops.check(col, i);
        if (!pending) pending = source.intent(col, i, c, needsValue ? account.cash + position[col]! * c : NaN);
        if (pending) this.execute(k, k + 1, i);
      } else {
        if (i > 0) {
          const o = open![i]!;
          if (source.intent(col, i - 1, o, needsValue ? account.cash + position[col]! * o : NaN)) this.execute(k, k + 1, i);
        }
        if (stops !== undefined && stops.check(col, i)) this.execute(k, k + 1, i);
      }
      const p = position[col]!;
      const value = p !== 0 ? account.cash + p * close[i]! : account.cash;
      stats.update(value, p !== 0);
      if (curves !== undefined) {
        curves.cash[i] = account.cash;
        curves.equity[i] = value;
        curves.positions[0]![i] = p;
      }
    }
  }

  /** Cash plus positions valued at `prices[col][i]`: the base of target weights (vectorbt's group value). */
  private groupValue(from: number, to: number, prices: readonly Float64Array[], i: number): number {
    let value = this.account.cash;
    for (let k = from; k < to; k++) {
      const col = this.plan.members[k]!;
      const p = this.holdings.position[col]!;
      if (p !== 0) value += p * prices[col]![i]!;
    }
    return value;
  }

  /** Fills the group's intents at bar i: sells first, then buys. */
  private execute(from: number, to: number, i: number): void {
    const { members, fees, fixedFees } = this.plan;
    const { side, size, percent, price, slippage, reduceOnly } = this.intents;
    const costs = this.costs;
    const fill = this.fill;
    for (let pass = -1; pass <= 1; pass += 2) {
      for (let k = from; k < to; k++) {
        const col = members[k]!;
        if (side[col] !== pass) continue;
        side[col] = 0;
        costs.fees = fees[col]!;
        costs.fixedFees = fixedFees[col]!;
        costs.slippage = slippage[col]!;
        const before = this.holdings.position[col]!;
        const filled = pass > 0
          ? buy(this.account, this.holdings, col, size[col]!, percent[col]!, price[col]!, costs, reduceOnly[col] === 1, fill)
          : sell(this.account, this.holdings, col, size[col]!, percent[col]!, price[col]!, costs, reduceOnly[col] === 1, fill);
        if (!filled) continue;
        this.orderCount[col]++;
        const time = this.plan.time[col];
        this.trades.record(col, i, fill, time, this.tradeRows.get(col));
        const rows = this.orderRows.get(col);
        if (rows !== undefined) {
          rows.push({ column: col, bar: i, time: time === undefined ? i : time[i]!, side: pass > 0 ? 'buy' : 'sell', size: fill.size, price: fill.price, fees: fill.fees });
        }
        if (this.stops !== undefined) this.stops.afterFill(col, before, this.holdings.position[col]!, price[col]!);
      }
    }
  }

  private startCurves(g: number, from: number, to: number): GroupCurves {
    const n = this.plan.bars;
    const columns = Array.from(this.plan.members.subarray(from, to));
    const curves: GroupCurves = {
      group: g,
      columns,
      cash: new Float64Array(n),
      equity: new Float64Array(n),
      positions: columns.map(() => new Float64Array(n)),
    };
    this.curveRows.set(g, curves);
    return curves;
  }
}
