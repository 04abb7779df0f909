// Properties of the simulation loop: the group path (several columns sharing cash) and the
// one-column path agree when the other columns never trade; results do not depend on bars after
// the one they describe (no look-ahead); and the portfolio bookkeeping adds up.
import { describe, expect, it } from 'vitest';
import { simulateFromSignals } from '../../../lib/backtest/vector/from-signals';
import { createRng } from '../../../lib/util/random';
import type { VectorPrices, SignalOptions } from '../../../lib/backtest/vector/types';

function randomBars(seed: number, n: number): Required<Omit<VectorPrices, 'time'>> {
  const rng = createRng(seed);
  const close = new Float64Array(n), open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n);
  let previous = 100;
  for (let t = 0; t < n; t++) {
    open[t] = previous * Math.exp(0.005 * rng.normal());
    close[t] = open[t]! * Math.exp(0.015 * rng.normal());
    high[t] = Math.max(open[t]!, close[t]!) * (1 + 0.01 * rng.uniform());
    low[t] = Math.min(open[t]!, close[t]!) * (1 - 0.01 * rng.uniform());
    previous = close[t]!;
  }
  return { close, open, high, low };
}

function randomSignals(seed: number, n: number, p: number): Uint8Array {
  const rng = createRng(seed);
  return Uint8Array.from({ length: n }, () => (rng.uniform() < p ? 1 : 0));
}

const n = 400;
const prices = randomBars(3, n);
const entries = randomSignals(4, n, 0.05);
const exits = randomSignals(5, n, 0.05);
const quiet = new Uint8Array(n);
const VARIANTS: readonly Partial<SignalOptions>[] = [
  { fees: 0.001, slippage: 0.001 },
  { fees: 0.001, slStop: 0.03, tpStop: 0.06 },
  { fixedFees: 0.5, trailStop: 0.04, direction: 'both' },
  { fees: 0.002, price: 'nextOpen', slStop: 0.02, direction: 'shortOnly' },
  { size: { type: 'value', size: 300 }, direction: 'both', tpStop: 0.05 },
];

describe('engine', () => {
  VARIANTS.forEach((variant, v) => {
    it(`group path = one-column path when the other columns never trade (variant ${v})`, () => {
      const single = simulateFromSignals({ prices, entries, exits, initCash: 1000, curves: true, recordTrades: true, ...variant });
      const grouped = simulateFromSignals({
        prices, entries: [quiet, entries, quiet], exits: [quiet, exits, quiet], group: [0, 0, 0], initCash: 1000, curves: true, recordTrades: [1], ...variant,
      });
      for (const key of ['finalValue', 'sharpe', 'maxDrawdown', 'trades', 'winRate', 'exposure', 'orders'] as const) {
        expect(grouped.summary[key][0], key).toBe(single.summary[key][0]);
      }
      expect(Array.from(grouped.curves.get(0)!.equity)).toEqual(Array.from(single.curves.get(0)!.equity));
      expect(grouped.trades.get(1)).toEqual(single.trades.get(0));
      expect(single.summary.orders[0]).toBeGreaterThan(4);
    });
  });

  it('has no look-ahead: bars after k (prices, and signals after k) leave equity[0..k] unchanged', () => {
    const rng = createRng(9);
    for (const variant of VARIANTS) {
      const base = simulateFromSignals({ prices, entries, exits, initCash: 1000, curves: true, ...variant }).curves.get(0)!.equity;
      for (const k of [50, 200, 350]) {
        const changed = {
          close: prices.close.slice(), open: prices.open.slice(), high: prices.high.slice(), low: prices.low.slice(),
        };
        for (let t = k + 1; t < n; t++) {
          const f = 1 + 0.3 * (rng.uniform() - 0.5);
          changed.close[t]! *= f;
          changed.open[t]! *= f;
          changed.high[t]! *= f * 1.05;
          changed.low[t]! *= f * 0.95;
        }
        const e2 = entries.slice(), x2 = exits.slice();
        for (let t = k + 1; t < n; t++) (e2[t] = rng.uniform() < 0.1 ? 1 : 0), (x2[t] = rng.uniform() < 0.1 ? 1 : 0);
        const equity = simulateFromSignals({ prices: changed, entries: e2, exits: x2, initCash: 1000, curves: true, ...variant }).curves.get(0)!.equity;
        expect(Array.from(equity.subarray(0, k + 1))).toEqual(Array.from(base.subarray(0, k + 1)));
        expect(Array.from(equity.subarray(k + 1))).not.toEqual(Array.from(base.subarray(k + 1)));
      }
    }
  });

  it('adds up: equity = cash + position x close at every bar; pnl of closed trades = value change when flat at the end', () => {
    for (const variant of VARIANTS) {
      const r = simulateFromSignals({ prices, entries, exits, initCash: 1000, curves: true, recordTrades: true, recordOrders: true, ...variant });
      const c = r.curves.get(0)!;
      for (let t = 0; t < n; t++) expect(c.equity[t]).toBeCloseTo(c.cash[t]! + c.positions[0]![t]! * prices.close[t]!, 9);
      // Replaying the orders gives the final position and cash.
      let units = 0, cash = 1000;
      for (const o of r.orders.get(0)!) {
        units += o.side === 'buy' ? o.size : -o.size;
        cash += (o.side === 'buy' ? -1 : 1) * o.size * o.price - o.fees;
      }
      expect(units).toBeCloseTo(r.finalPosition[0]!, 9);
      expect(cash).toBeCloseTo(c.cash[n - 1]!, 6);
      const pnl = r.trades.get(0)!.reduce((a, t) => a + t.pnl, 0);
      if (r.finalPosition[0] === 0) expect(pnl).toBeCloseTo(r.summary.finalValue[0]! - 1000, 6);
    }
  });
});
