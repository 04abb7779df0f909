// The ready-made strategies: the SMA crossover trades the same live as in the backtest, a weight
// path becomes next-open orders with the P&L a hand calculation gives, and the walk-forward picks
// each window's pair from its training bars only.
import { describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../../lib/data/bars';
import { bpsCommission } from '../../lib/backtest/costs';
import { runEventBacktest, StreamingEngine } from '../../lib/backtest/event';
import { smaCrossover, targetWeightsStrategy, walkForwardSmaCrossover } from '../../lib/backtest/strategies';
import { maCrossoverSweep } from '../../lib/backtest/vector';
import { sp500Bars } from '../features/kind-contract';

function toyBars(symbol: string, open: number[], close: number[]): Bars {
  const n = close.length;
  return {
    symbol, time: Float64Array.from({ length: n }, (_, t) => Date.UTC(2024, 0, 1 + t)),
    open: Float64Array.from(open), high: Float64Array.from(close.map((c, t) => Math.max(c, open[t]!))),
    low: Float64Array.from(close.map((c, t) => Math.min(c, open[t]!))), close: Float64Array.from(close), volume: new Float64Array(n).fill(1e6),
  };
}

describe('smaCrossover', () => {
  it('emits the same orders and trades bar by bar on a live stream as in the backtest', () => {
    const bars = sliceBars(sp500Bars(), 0, 2000);
    const options = { asset: 'SPX', fast: 10, slow: 30, weight: 0.95, stopLoss: 0.05 };
    const engine = { commission: bpsCommission({ bps: 5 }), lotSize: 0 };
    const batch = runEventBacktest(smaCrossover(options), bars, engine);
    const live = new StreamingEngine(smaCrossover(options), { ...engine, assets: ['SPX'] });
    for (let t = 0; t < bars.time.length; t++) {
      live.push({ SPX: { time: bars.time[t]!, open: bars.open[t]!, high: bars.high[t]!, low: bars.low[t]!, close: bars.close[t]!, volume: bars.volume[t]! } });
    }
    const replay = live.result();
    expect(batch.trades.length).toBeGreaterThan(20);
    expect(batch.orders.some((o) => o.role === 'stopLoss' && o.status === 'filled')).toBe(true);
    expect(replay.orders).toEqual(batch.orders);
    expect(replay.trades).toEqual(batch.trades);
    expect(Array.from(replay.equity)).toEqual(Array.from(batch.equity));
  });

  it('does not trade before tradeFrom', () => {
    const result = runEventBacktest(smaCrossover({ asset: 'SPX', fast: 5, slow: 20, tradeFrom: 1500 }), sliceBars(sp500Bars(), 0, 2000), { lotSize: 0 });
    expect(result.orders.length).toBeGreaterThan(0);
    expect(Math.min(...result.orders.map((o) => o.submittedBar))).toBeGreaterThanOrEqual(1500);
  });

  it('rejects bad options with the argument, the value and the fix', () => {
    expect(() => smaCrossover({ asset: 'SPX', fast: 30, slow: 10 })).toThrow(/options\.fast = 30: must be below slow \(10\).*swap them/);
    expect(() => smaCrossover({ asset: 'SPX', fast: 2.5, slow: 10 })).toThrow(/options\.fast = 2\.5: must be a positive integer/);
    expect(() => smaCrossover({ asset: 'SPX', fast: 5, slow: 10, stopLoss: 5 })).toThrow(/options\.stopLoss = 5: must be a fraction in \(0, 1\).*0\.05/);
    expect(() => smaCrossover({ asset: 'SPX', fast: 5, slow: 10, window: 3 } as never)).toThrow(/options\.window = 3: is not a known option/);
  });
});

describe('targetWeightsStrategy', () => {
  it('orders each weight change at the close and fills it at the next open (hand-computed P&L)', () => {
    // Long 1.0 decided at bar 0's close fills at bar 1's open (10); cut to 0.5 at bar 2's close,
    // filled at bar 3's open (12); flat at bar 3's close, filled at bar 4's open (11).
    const bars = toyBars('A', [9, 10, 11, 12, 11], [9.5, 10.5, 11.5, 12.5, 11.5]);
    const result = runEventBacktest(targetWeightsStrategy({ weights: { A: Float64Array.from([1, 1, 0.5, 0, 0]) } }), bars, { initialCash: 1000, lotSize: 0 });
    // Bar 1: 100 units at 10. Bar 3: equity at the open = 1200; target 600 -> sell 50 at 12.
    // Bar 4: sell the last 50 at 11. Cash: 1000 - 1000 + 600 + 550 = 1150.
    expect(result.finalEquity).toBeCloseTo(1150, 9);
    expect(result.trades.map((t) => [t.quantity, t.entryPrice, t.exitPrice])).toEqual([[50, 10, 12], [50, 10, 11]]);
    expect(Array.from(result.equity)).toEqual([1000, 1050, 1150, 1225, 1150]);
  });

  it('trades two legs by their own weights (a pair: +u in y, -hedge x u in x)', () => {
    const y = toyBars('Y', [10, 10, 11, 12], [10, 10, 11, 12]), x = toyBars('X', [20, 20, 21, 20], [20, 20, 21, 20]);
    const u = Float64Array.from([0.5, 0.5, 0.5, 0.5]);
    const result = runEventBacktest(targetWeightsStrategy({ weights: { Y: u, X: u.map((v) => -0.8 * v) } }), [y, x], { initialCash: 1000, lotSize: 0, allowShort: true, maxLeverage: 2 });
    // Bar 1 opens: 50 Y at 10 (500), -20 X at 20 (-400). Final: 50 x 12 - 20 x 20 + cash 1000 - 500 + 400.
    expect(result.finalEquity).toBeCloseTo(1000 - 500 + 400 + 50 * 12 - 20 * 20, 9);
    expect(result.positions.slice(-2)).toEqual(Float64Array.from([50, -20]));
  });

  it('rejects weights of an unknown asset or the wrong length', () => {
    const bars = toyBars('A', [1, 1, 1], [1, 1, 1]);
    expect(() => runEventBacktest(targetWeightsStrategy({ weights: { B: new Float64Array(3) } }), bars)).toThrow(/options\.weights\.B = "B": is not an asset of the run.*use one of A/);
    expect(() => runEventBacktest(targetWeightsStrategy({ weights: { A: new Float64Array(2) } }), bars)).toThrow(/has no weight for bar 2/);
    expect(() => targetWeightsStrategy({ weights: {} })).toThrow(/options\.weights = \{\}: is empty/);
  });
});

describe('walkForwardSmaCrossover', () => {
  const options = { trainBars: 750, testBars: 250, fast: [5, 10, 20], slow: [30, 50, 100], sweepFees: 0.0005, engine: { commission: bpsCommission({ bps: 5 }), lotSize: 0 } };

  it('fits each window on its training bars only and stitches the test windows', () => {
    const bars = sliceBars(sp500Bars(), 0, 2500);
    const wf = walkForwardSmaCrossover(bars, options);
    expect(wf.trials).toBe(9);
    expect(wf.analysis.windows.length).toBe(7);
    expect(wf.analysis.returns.length).toBe(2500 - 750);
    expect(wf.exposure.length).toBe(2500 - 750);
    expect(Math.max(...wf.exposure)).toBeLessThanOrEqual(1 + 1e-12);
    expect(wf.exposure.filter((e) => e > 0.5).length).toBeGreaterThan(100);
    for (const w of wf.analysis.windows) {
      const cut = (c: Float64Array) => c.subarray(w.train.start, w.train.end);
      const table = maCrossoverSweep({ prices: { close: cut(bars.close), open: cut(bars.open), high: cut(bars.high), low: cut(bars.low) }, fast: options.fast, slow: options.slow, price: 'nextOpen', fees: 0.0005 });
      expect(w.params.inSample).toBe(Math.max(...Array.from(table.sharpe).filter(Number.isFinite)));
    }
    // No look-ahead: the same history cut after window 3's test gives the same first 3 windows.
    const cut = walkForwardSmaCrossover(sliceBars(bars, 0, wf.analysis.windows[2]!.test.end), options);
    expect(cut.analysis.windows.map((w) => w.params)).toEqual(wf.analysis.windows.slice(0, 3).map((w) => w.params));
    expect(Array.from(cut.analysis.returns)).toEqual(Array.from(wf.analysis.returns.subarray(0, cut.analysis.returns.length)));
    expect(wf.trades.every((t, i) => i === 0 || t.entryTime >= wf.trades[i - 1]!.entryTime)).toBe(true);
    // Each window's round trips (a position open at its end valued at the last close) add up to its P&L.
    let offset = 0;
    for (const w of wf.analysis.windows) {
      const length = w.test.end - w.test.start;
      const growth = wf.analysis.returns.subarray(offset, offset + length).reduce((g, r) => g * (1 + r), 1);
      offset += length;
      const inWindow = wf.trades.filter((t) => t.exitTime >= bars.time[w.test.start]! && t.exitTime <= bars.time[w.test.end - 1]!);
      expect(inWindow.reduce((sum, t) => sum + t.pnl, 0)).toBeCloseTo(100_000 * (growth - 1), 6);
    }
  });

  it('rejects an unknown objective', () => {
    expect(() => walkForwardSmaCrossover(sp500Bars(), { ...options, objective: 'sortino' as never })).toThrow(/options\.objective = "sortino": must be 'sharpe' or 'totalReturn'/);
  });
});
