// The two engines are two views of one market model: the same SMA(10/20) crossover (long/flat,
// market orders filled at the next bar's open, a fixed fee per fill) run through the event-driven
// engine (a Strategy seeing one bar at a time) and the vectorized simulator (signal arrays) gives
// the same trades and the same equity curve on the S&P 500 sample. Bars and sizes must be equal
// exactly, prices to 1e-14; cash sums may differ in the last bits (summation order): 1e-10 relative.
import { describe, expect, it } from 'vitest';
import { perTradeCommission } from '../../lib/backtest/costs';
import { runEventBacktest } from '../../lib/backtest/event';
import { crossSignals, simulateFromSignals, type SignalSize } from '../../lib/backtest/vector';
import { smaBatch, smaCross } from './engines-agree-helpers';
import { sp500Bars } from '../features/kind-contract';

const FEE = 10, CASH = 1_000_000, UNITS = 200; // 200 units cost at most ~0.6M: no order is cut for cash

function bothEngines(size: SignalSize, order: (equity: number, close: number) => number) {
  const bars = sp500Bars();
  const event = runEventBacktest(smaCross(bars.symbol!, order), bars, {
    initialCash: CASH, commission: perTradeCommission({ fee: FEE }), lotSize: 0, insufficientCash: 'reject',
  });
  const n = bars.time.length;
  const entries = new Uint8Array(n), exits = new Uint8Array(n);
  crossSignals(smaBatch(bars.close, 10), smaBatch(bars.close, 20), entries, exits);
  const vector = simulateFromSignals({
    prices: { close: bars.close, open: bars.open, high: bars.high, low: bars.low, time: bars.time },
    entries, exits, size, price: 'nextOpen', fixedFees: FEE, initCash: CASH, recordTrades: true, curves: true,
  });
  return { event, vector };
}

describe('event-driven and vectorized engines agree', () => {
  it('on a fixed-size SMA crossover: the same round trips, fees and equity at every close', () => {
    const { event, vector } = bothEngines({ type: 'shares', size: UNITS }, () => UNITS);
    const vTrades = vector.trades.get(0)!;
    expect(event.trades.length).toBeGreaterThan(100);
    expect(vTrades.length).toBe(event.trades.length);
    for (let i = 0; i < vTrades.length; i++) {
      const [e, v] = [event.trades[i]!, vTrades[i]!];
      expect([v.entryTime, v.exitTime, v.quantity, v.barsHeld]).toEqual([e.entryTime, e.exitTime, e.quantity, e.barsHeld]);
      // The vectorized engine keeps a position's entry price as value / size (vectorbt's average
      // entry price), which can move the last bit of a price.
      expect(Math.abs(v.entryPrice / e.entryPrice - 1)).toBeLessThan(1e-14);
      expect(Math.abs(v.exitPrice / e.exitPrice - 1)).toBeLessThan(1e-14);
      expect(v.commission).toBeCloseTo(e.commission, 9);
      expect(Math.abs(v.pnl - e.pnl)).toBeLessThanOrEqual(1e-10 * Math.abs(e.pnl) + 1e-9);
    }
    const equity = vector.curves.get(0)!.equity;
    expect(equity.length).toBe(event.equity.length);
    let worst = 0;
    for (let t = 0; t < equity.length; t++) worst = Math.max(worst, Math.abs(equity[t]! / event.equity[t]! - 1));
    expect(worst).toBeLessThan(1e-10);
    expect(vector.summary.finalValue[0]! / event.finalEquity - 1).toBeCloseTo(0, 10);
  });

  it('a different rule gives a different result (the comparison can fail)', () => {
    const { event, vector } = bothEngines({ type: 'shares', size: UNITS }, () => UNITS + 1);
    expect(Math.abs(vector.summary.finalValue[0]! - event.finalEquity)).toBeGreaterThan(1);
  });
});
