// Hand-computed scenarios for the vectorised simulator: every expected number below is worked out
// in the comment next to it from the cash model (buys pay price x (1 + slippage) x size x (1 + fees)
// + fixed fees, sells receive price x (1 - slippage) x size x (1 - fees) - fixed fees) and the stop
// rules (lib/backtest/vector/stops.ts).
import { describe, expect, it } from 'vitest';
import { simulateFromSignals } from '../../../lib/backtest/vector/from-signals';
import { simulateFromTargets } from '../../../lib/backtest/vector/from-targets';

const f64 = (values: number[]): Float64Array => Float64Array.from(values);
/** A signal array with ones at the given bars. */
const at = (n: number, ...bars: number[]): Uint8Array => {
  const out = new Uint8Array(n);
  for (const b of bars) out[b] = 1;
  return out;
};

describe('fills, fees, fixed fees and slippage (long, close fills)', () => {
  // Entry at bar 1 (close 102), exit at bar 4 (close 108); 1,000 cash, fees 1%, 1 per order, slippage 0.5%.
  const close = f64([100, 102, 104, 103, 108, 110]);
  const result = simulateFromSignals({
    prices: { close }, entries: at(6, 1), exits: at(6, 4), initCash: 1000, fees: 0.01, fixedFees: 1, slippage: 0.005,
    recordOrders: true, recordTrades: true, curves: true,
  });
  // Buy: fill price 102 x 1.005 = 102.51; all cash 1000 pays units x 102.51 x 1.01 + 1, so
  // units = (1000 - 1) / 1.01 / 102.51 and fees = 1000 - 999 / 1.01; cash goes to 0.
  const units = (1000 - 1) / 1.01 / 102.51;
  const buyFees = 1000 - 999 / 1.01;
  // Sell: fill price 108 x 0.995 = 107.46; receives units x 107.46 x 0.99 - 1.
  const sellFees = units * 107.46 * 0.01 + 1;
  const final = units * 107.46 - sellFees;

  it('fills at the slipped price with proportional and fixed fees', () => {
    const orders = result.orders.get(0)!;
    expect(orders.map((o) => [o.bar, o.side])).toEqual([[1, 'buy'], [4, 'sell']]);
    expect(orders[0]!.price).toBeCloseTo(102.51, 12);
    expect(orders[0]!.size).toBeCloseTo(units, 12);
    expect(orders[0]!.fees).toBeCloseTo(buyFees, 10);
    expect(orders[1]!.price).toBeCloseTo(107.46, 12);
    expect(orders[1]!.fees).toBeCloseTo(sellFees, 10);
    expect(result.summary.finalValue[0]).toBeCloseTo(final, 9);
    expect(result.summary.totalReturn[0]).toBeCloseTo(final / 1000 - 1, 12);
  });

  it('books one trade with pnl after both fees, and the curves', () => {
    const [trade] = result.trades.get(0)!;
    const pnl = units * (107.46 - 102.51) - buyFees - sellFees;
    expect(trade).toMatchObject({ entryTime: 1, exitTime: 4, barsHeld: 3 });
    expect(trade!.quantity).toBeCloseTo(units, 12);
    expect(trade!.pnl).toBeCloseTo(pnl, 9);
    expect(trade!.returnPct).toBeCloseTo(pnl / (units * 102.51), 12);
    expect(trade!.commission).toBeCloseTo(buyFees + sellFees, 9);
    expect(pnl).toBeCloseTo(final - 1000, 9); // the trade is the whole story of this portfolio
    const curves = result.curves.get(0)!;
    // Equity: 1000 before the entry; units x close while holding (cash 0); the sale proceeds after.
    expect(Array.from(curves.equity.subarray(0, 1))).toEqual([1000]);
    expect(curves.equity[2]).toBeCloseTo(units * 104, 9);
    expect(curves.equity[5]).toBeCloseTo(final, 9);
    expect(Array.from(curves.positions[0]!).map((p) => p > 0)).toEqual([false, true, true, true, false, false]);
    // Bars 1, 2, 3 end with units held: exposure 3 / 6; one winning trade.
    expect(result.summary.exposure[0]).toBe(0.5);
    expect([result.summary.trades[0], result.summary.winRate[0], result.summary.orders[0]]).toEqual([1, 1, 2]);
  });
});

describe('stops checked intrabar with open/high/low', () => {
  // One asset, one column per stop kind; entry at bar 0's close 100 with 1,000 cash (10 units), no costs.
  const prices = {
    open: f64([100, 100, 101, 105, 112, 100]),
    high: f64([101, 120, 109, 111, 113, 101]),
    low: f64([99, 99, 94, 104, 109, 99]),
    close: f64([100, 118, 96, 106, 112, 100]),
  };
  const n = 6;
  const result = simulateFromSignals({
    prices,
    entries: [at(n, 0), at(n, 0), at(n, 0), at(n, 0), at(n, 2)],
    exits: [at(n), at(n), at(n), at(n), at(n)],
    initCash: 1000,
    // Column 0 stop-loss 5%; 1 take-profit 10%; 2 trailing 10%; 3 both sl 5% and tp 5%; 4 take-profit 10% entered at bar 2.
    slStop: [0.05, NaN, NaN, 0.05, NaN],
    tpStop: [NaN, 0.1, NaN, 0.05, 0.1],
    trailStop: [NaN, NaN, 0.1, NaN, NaN],
    recordOrders: true,
  });
  /** The exit of a column, its price rounded to 1e-9 (levels like 100 x 1.1 carry a last-bit residue). */
  const exitOf = (col: number): { bar: number; price: number } => {
    const sell = result.orders.get(col)!.find((o) => o.side === 'sell')!;
    return { bar: sell.bar, price: Math.round(sell.price * 1e9) / 1e9 };
  };

  it('stop-loss: level 95 reached inside bar 2 (low 94) fills at 95, not at the close', () => {
    // Bar 1: low 99 > 95. Bar 2: open 101 above the level, low 94 <= 95 <= high 109.
    expect(exitOf(0)).toEqual({ bar: 2, price: 95 });
    expect(result.summary.finalValue[0]).toBeCloseTo(950, 12);
    expect(result.summary.winRate[0]).toBe(0);
  });

  it('take-profit: level 110 reached inside bar 1 (high 120)', () => {
    expect(exitOf(1)).toEqual({ bar: 1, price: 110 });
    expect(result.summary.finalValue[1]).toBeCloseTo(1100, 12);
  });

  it('trailing stop: the bar-1 high (120) arms 108 for bar 2, which opens below it at 101', () => {
    // Bar 1 is checked against the entry (level 90, low 99: no hit); then the high 120 moves the
    // trailing reference; bar 2: level 120 x 0.9 = 108, open 101 is already below it: a gap, fill at the open.
    expect(exitOf(2)).toEqual({ bar: 2, price: 101 });
    expect(result.summary.finalValue[2]).toBeCloseTo(1010, 12);
  });

  it('priority: when one bar reaches both the stop-loss and the take-profit level, the stop-loss wins', () => {
    // Bar 1 spans 99..120: tp level 105 reached, sl level 95 not (low 99) -> take-profit at 105.
    // To see the priority, column 3 uses sl 5% / tp 5% where bar 1 hits only tp; bar 2 is checked below.
    expect(exitOf(3)).toEqual({ bar: 1, price: 105 });
    const both = simulateFromSignals({
      prices: { open: f64([100, 100]), high: f64([100, 106]), low: f64([100, 94]), close: f64([100, 100]) },
      entries: at(2, 0), exits: at(2), initCash: 1000, slStop: 0.05, tpStop: 0.05, recordOrders: true,
    });
    // Bar 1 spans 94..106: both levels (95 and 105) are inside; the loss is assumed.
    expect(both.orders.get(0)!.map((o) => [o.bar, o.side])).toEqual([[0, 'buy'], [1, 'sell']]);
    expect(both.orders.get(0)![1]!.price).toBeCloseTo(95, 12);
  });

  it('a bar that opens beyond the level fills at the open (gap)', () => {
    // Column 4 enters at bar 2's close 96 (1000 / 96 units); tp level 105.6; bar 3 high 111 -> fills at 105.6;
    expect(exitOf(4).bar).toBe(3);
    expect(exitOf(4).price).toBeCloseTo(96 * 1.1, 12);
    const gap = simulateFromSignals({
      prices: { open: f64([100, 112]), high: f64([100, 113]), low: f64([100, 109]), close: f64([100, 112]) },
      entries: at(2, 0), exits: at(2), initCash: 1000, tpStop: 0.1, recordOrders: true,
    });
    // ...while a bar opening at 112 above the 110 level fills at 112.
    expect(gap.orders.get(0)![1]!.price).toBe(112);
  });

  it("'stopMarket' applies slippage to the stop fill, 'stopLimit' (default) does not", () => {
    const base = { prices, entries: at(n, 0), exits: at(n), initCash: 1000, slStop: 0.05, slippage: 0.01, recordOrders: [0] };
    const limit = simulateFromSignals(base).orders.get(0)!;
    const market = simulateFromSignals({ ...base, stopExitPrice: 'stopMarket' }).orders.get(0)!;
    expect(limit[1]!.price).toBeCloseTo(95, 12);
    expect(market[1]!.price).toBeCloseTo(95 * 0.99, 12);
  });
});

describe('short positions', () => {
  const close = f64([100, 104, 90, 95]);
  it('shortOnly: all free cash sold short at 100, covered at 90', () => {
    // Sell 1000 / 100 = 10 units: cash 2000 (1000 of it owed as debt), free cash 0. Cover at 90: pay 900 -> 1100.
    const r = simulateFromSignals({ prices: { close }, entries: at(4, 0), exits: at(4, 2), direction: 'shortOnly', initCash: 1000, recordOrders: true, recordTrades: true, curves: true });
    expect(r.orders.get(0)!.map((o) => [o.bar, o.side, o.size, o.price])).toEqual([[0, 'sell', 10, 100], [2, 'buy', 10, 90]]);
    expect(r.summary.finalValue[0]).toBeCloseTo(1100, 12);
    expect(r.trades.get(0)![0]!.quantity).toBe(-10);
    expect(r.trades.get(0)![0]!.pnl).toBeCloseTo(100, 12);
    // Bar 1: value = cash 2000 - 10 x 104 = 960.
    expect(r.curves.get(0)!.equity[1]).toBeCloseTo(960, 12);
    expect(r.curves.get(0)!.cash[1]).toBe(2000);
  });

  it('a short stop-loss sits above the entry: 5% -> 105, hit by the bar-1 high', () => {
    const r = simulateFromSignals({
      prices: { close, open: f64([100, 101, 95, 92]), high: f64([100, 106, 96, 96]), low: f64([100, 100, 89, 91]) },
      entries: at(4, 0), exits: at(4), direction: 'shortOnly', initCash: 1000, slStop: 0.05, recordOrders: true,
    });
    // Cover 10 units at 105: cash 2000 - 1050 = 950.
    expect(r.orders.get(0)![1]).toMatchObject({ bar: 1, side: 'buy', size: 10 });
    expect(r.orders.get(0)![1]!.price).toBeCloseTo(105, 12);
    expect(r.summary.finalValue[0]).toBeCloseTo(950, 12);
  });

  it("direction 'both': the exit signal reverses the long into a short in one order", () => {
    // Bar 0: buy 10 at 100. Bar 1 (exit signal): sell the 10 long plus a short of all free cash:
    // free cash after the long sale = 10 x 104 = 1040 -> short 10 more; one sell of 20 units.
    // Bar 2 (entry signal): one buy covers the 10 short and goes long with the rest of the cash.
    const r = simulateFromSignals({ prices: { close }, entries: at(4, 0, 2), exits: at(4, 1), direction: 'both', initCash: 1000, recordOrders: true, recordTrades: true });
    const orders = r.orders.get(0)!;
    expect(orders.map((o) => [o.bar, o.side])).toEqual([[0, 'buy'], [1, 'sell'], [2, 'buy']]);
    expect(orders[1]!.size).toBeCloseTo(20, 12);
    // Cash after bar 1: 0 + 20 x 104 = 2080 with -10 units -> value 1040. Bar 2 buys 2080 / 90 units:
    // position 2080 / 90 - 10 = 13.111 units, value at 95 (bar 3) = 13.111 x 95.
    expect(orders[2]!.size).toBeCloseTo(2080 / 90, 12);
    expect(r.summary.finalValue[0]).toBeCloseTo((2080 / 90 - 10) * 95, 9);
    // Trades: the long 100 -> 104 (+40) and the short 104 -> 90 (+140), both closed by reversals.
    expect(r.trades.get(0)!.map((t) => [t.quantity, Math.round(t.pnl * 1e9) / 1e9])).toEqual([[10, 40], [-10, 140]]);
  });
});

describe("price 'nextOpen'", () => {
  it('fills a signal of bar t at the open of bar t + 1, and checks stops over the rest of that bar', () => {
    const prices = { open: f64([10, 11, 12, 13]), high: f64([10, 12, 13, 14]), low: f64([10, 10, 9, 12]), close: f64([10, 11.5, 12.5, 13.5]) };
    const r = simulateFromSignals({ prices, entries: at(4, 0), exits: at(4, 2), price: 'nextOpen', initCash: 110, recordOrders: true });
    // Entry decided at bar 0, bought at open[1] = 11 (10 units); exit decided at bar 2, sold at open[3] = 13.
    expect(r.orders.get(0)!.map((o) => [o.bar, o.side, o.size, o.price])).toEqual([[1, 'buy', 10, 11], [3, 'sell', 10, 13]]);
    expect(r.summary.finalValue[0]).toBeCloseTo(130, 12);
    // With a 10% stop-loss from the 11 fill (level 9.9): bar 1's low 10 is above it; bar 2's low 9 reaches it.
    const stopped = simulateFromSignals({ prices, entries: at(4, 0), exits: at(4), price: 'nextOpen', initCash: 110, slStop: 0.1, recordOrders: true });
    expect(stopped.orders.get(0)![1]).toMatchObject({ bar: 2, side: 'sell' });
    expect(stopped.orders.get(0)![1]!.price).toBeCloseTo(9.9, 12);
    // A stop can also fire in the bar the position was opened: entry at open 11 with a 5% stop (10.45), low 10.
    const sameBar = simulateFromSignals({ prices, entries: at(4, 0), exits: at(4), price: 'nextOpen', initCash: 110, slStop: 0.05, recordOrders: true });
    expect(sameBar.orders.get(0)!.map((o) => o.bar)).toEqual([1, 1]);
  });
});

describe('sizing and targets', () => {
  const close = f64([10, 20, 25, 20]);
  it("size 'shares', 'value' and 'percent' buy the stated amount", () => {
    const run = (size: Parameters<typeof simulateFromSignals>[0]['size']) =>
      simulateFromSignals({ prices: { close }, entries: at(4, 0), exits: at(4, 2), initCash: 1000, size, recordOrders: true }).orders.get(0)![0]!.size;
    expect(run({ type: 'shares', size: 7 })).toBe(7);
    expect(run({ type: 'value', size: 250 })).toBe(25);
    expect(run({ type: 'percent', size: 0.3 })).toBeCloseTo(30, 12);
    // A purchase larger than the cash is cut to the cash: 1000 / 10 = 100 units, not 500.
    expect(run({ type: 'shares', size: 500 })).toBeCloseTo(100, 12);
  });

  it('target shares / value / weight trade the difference to what is held', () => {
    const targets = f64([5, NaN, 2, 0]);
    const shares = simulateFromTargets({ prices: { close }, targets, targetKind: 'shares', initCash: 1000, recordOrders: true });
    // Bar 0 buys 5, bar 1 holds (NaN), bar 2 sells 3, bar 3 sells 2.
    expect(shares.orders.get(0)!.map((o) => [o.bar, o.side, o.size])).toEqual([[0, 'buy', 5], [2, 'sell', 3], [3, 'sell', 2]]);
    // 1000 - 50 + 3 x 25 + 2 x 20 = 1065.
    expect(shares.summary.finalValue[0]).toBeCloseTo(1065, 12);
    const value = simulateFromTargets({ prices: { close }, targets: f64([500, NaN, 500, NaN]), targetKind: 'value', initCash: 1000, recordOrders: true });
    // 500 of value: 50 units at 10; at bar 2 the 50 units are worth 1250: sell 30 (to 20 units).
    expect(value.orders.get(0)!.map((o) => [o.bar, o.side, o.size])).toEqual([[0, 'buy', 50], [2, 'sell', 30]]);
    const weight = simulateFromTargets({ prices: { close }, targets: f64([0.5, NaN, 0.5, NaN]), initCash: 1000, recordOrders: true });
    // Weight 0.5 of 1000: 50 units. Bar 2: value 500 + 50 x 25 = 1750, half is 875 = 35 units: sell 15.
    expect(weight.orders.get(0)!.map((o) => [o.bar, o.side, o.size])).toEqual([[0, 'buy', 50], [2, 'sell', 15]]);
    expect(weight.summary.finalValue[0]).toBeCloseTo(875 + 35 * 20, 12);
  });

  it('a group shares its cash: sells execute before buys in the same bar', () => {
    // Two assets in one portfolio of 1000. Bar 0: 100% in A (100 units at 10). Bar 1: switch to 100% B:
    // the sale of A (at 20: 2000) comes first, so the purchase of B at 40 gets 50 units.
    const a = { close: f64([10, 20, 20]) };
    const b = { close: f64([40, 40, 60]) };
    const r = simulateFromTargets({
      prices: [a, b], targets: [f64([1, 0, NaN]), f64([0, 1, NaN])], group: [0, 0], initCash: 1000, recordOrders: true, curves: true,
    });
    expect(r.groups).toBe(1);
    expect(r.orders.get(0)!.map((o) => [o.bar, o.side, o.size])).toEqual([[0, 'buy', 100], [1, 'sell', 100]]);
    expect(r.orders.get(1)!.map((o) => [o.bar, o.side, o.size])).toEqual([[1, 'buy', 50]]);
    expect(r.summary.finalValue[0]).toBeCloseTo(50 * 60, 12);
    expect(Array.from(r.curves.get(0)!.equity)).toEqual([1000, 2000, 3000]);
    expect(r.summary.orders[0]).toBe(3);
  });
});
