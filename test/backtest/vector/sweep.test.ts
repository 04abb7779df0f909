// Sweeps: one contract for the three ways to run a parameter set (simulateFromSignals on one
// column, sweep() with a signals function, maCrossoverSweep) -- they must give identical rows --,
// chunking that changes nothing but memory, the chunk allocator, bounded memory on a 10,000-set
// sweep, and the streamed statistics against lib/backtest/metrics.ts on the kept curves.
import { describe, expect, it } from 'vitest';
import { performanceMetrics } from '../../../lib/backtest/metrics';
import { ChunkBuffers } from '../../../lib/backtest/vector/chunks';
import { crossSignals, movingAverageFromSum, runningSum } from '../../../lib/backtest/vector/crossover';
import { simulateFromSignals } from '../../../lib/backtest/vector/from-signals';
import { maCrossoverSweep } from '../../../lib/backtest/vector/ma-sweep';
import { sweep, type SweepTable } from '../../../lib/backtest/vector/sweep';
import { SUMMARY_COLUMNS, sweepToArquero } from '../../../lib/backtest/vector/table';
import { readBarsCsv } from '../../../lib/data/csv';
import { SP500_GZ } from '../../data/fixtures';

const bars = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
const n = 1500;
const prices = { close: bars.close.slice(0, n), open: bars.open.slice(0, n), high: bars.high.slice(0, n), low: bars.low.slice(0, n) };
const FAST = [3, 5, 8, 13, 21];
const SLOW = [8, 21, 34, 55];
const OPTIONS = { fees: 0.001, slippage: 0.0002, initCash: 10_000, slStop: 0.08 } as const;

function maSignals(fast: number, slow: number): { entries: Uint8Array; exits: Uint8Array } {
  const sum = runningSum(prices.close);
  const entries = new Uint8Array(n), exits = new Uint8Array(n);
  crossSignals(movingAverageFromSum(sum, fast), movingAverageFromSum(sum, slow), entries, exits);
  return { entries, exits };
}

const rowsOf = (t: SweepTable): number[][] => Array.from({ length: t.rows }, (_, r) => SUMMARY_COLUMNS.map((k) => t[k][r]!));

describe('one parameter set, three entry points', () => {
  const table = maCrossoverSweep({ prices, fast: FAST, slow: SLOW, ...OPTIONS });

  it('maCrossoverSweep skips fast >= slow and lists the pairs row by row', () => {
    const pairs = FAST.flatMap((f) => SLOW.filter((s) => f < s).map((s) => [f, s]));
    expect(Array.from(table.params.fast!, (f, r) => [f, table.params.slow![r]])).toEqual(pairs);
    expect(table.rows).toBe(pairs.length);
    expect(table.trades.every((k) => k > 0)).toBe(true);
    const all = maCrossoverSweep({ prices, fast: FAST, slow: SLOW, ...OPTIONS, pairs: 'all' });
    expect(all.rows).toBe(FAST.length * SLOW.length);
  });

  it('equals simulateFromSignals column by column (the specialised path changes nothing)', () => {
    const signals = Array.from({ length: table.rows }, (_, r) => maSignals(table.params.fast![r]!, table.params.slow![r]!));
    const direct = simulateFromSignals({ prices, entries: signals.map((s) => s.entries), exits: signals.map((s) => s.exits), ...OPTIONS });
    for (const key of SUMMARY_COLUMNS) expect(Array.from(table[key]), key).toEqual(Array.from(direct.summary[key]));
  });

  it('equals sweep() with a signals function writing into the buffers, and one returning its own arrays', () => {
    const grid = sweep({
      prices, params: { fast: FAST, slow: SLOW }, ...OPTIONS,
      signals: ({ fast, slow }, out) => {
        if (fast >= slow) return; // no signal: never trades
        const s = maSignals(fast, slow);
        out.entries.set(s.entries);
        out.exits.set(s.exits);
      },
    });
    expect(grid.rows).toBe(FAST.length * SLOW.length);
    // The last parameter varies fastest.
    expect(Array.from(grid.params.slow!.subarray(0, 5))).toEqual([8, 21, 34, 55, 8]);
    const valid = Array.from({ length: grid.rows }, (_, r) => r).filter((r) => grid.params.fast![r]! < grid.params.slow![r]!);
    expect(valid.map((r) => rowsOf(grid)[r])).toEqual(rowsOf(table));
    const skipped = Array.from({ length: grid.rows }, (_, r) => r).filter((r) => !valid.includes(r));
    expect(skipped.every((r) => grid.orders[r] === 0 && grid.finalValue[r] === OPTIONS.initCash)).toBe(true);
    const returning = sweep({ prices, params: { fast: [5], slow: [21, 34] }, ...OPTIONS, signals: ({ fast, slow }) => maSignals(fast, slow) });
    const rowOf = (fast: number, slow: number): number => Array.from(table.params.fast!).findIndex((f, r) => f === fast && table.params.slow![r] === slow);
    expect(rowsOf(returning)).toEqual([rowOf(5, 21), rowOf(5, 34)].map((r) => rowsOf(table)[r]));
  });

  it('per-set options come from the parameters: slStop: (p) => p.stop', () => {
    const signals = maSignals(5, 21);
    const bySet = sweep({
      prices, params: { stop: [0.02, 0.05, 0.1] }, fees: 0.001, initCash: 10_000, slStop: (p) => p.stop,
      signals: (_, out) => {
        out.entries.set(signals.entries);
        out.exits.set(signals.exits);
      },
    });
    [0.02, 0.05, 0.1].forEach((stop, r) => {
      const single = simulateFromSignals({ prices, ...signals, fees: 0.001, initCash: 10_000, slStop: stop });
      expect(bySet.finalValue[r]).toBe(single.summary.finalValue[0]);
    });
    expect(new Set(bySet.finalValue).size).toBe(3);
  });

  it('target sweeps: weights from the parameters', () => {
    const t = sweep({ prices, params: { weight: [0, 0.5, 1] }, initCash: 1000, targets: ({ weight }, out) => void out.fill(weight, 0, 1) });
    expect(t.finalValue[0]).toBe(1000);
    // Weight 1 bought at the first close and held: the price ratio.
    expect(t.finalValue[2]).toBeCloseTo((1000 * prices.close[n - 1]!) / prices.close[0]!, 9);
    expect(t.finalValue[1]).toBeCloseTo(500 + t.finalValue[2]! / 2, 9);
  });
});

describe('chunking', () => {
  it('gives the same table for any chunk size', () => {
    const base = maCrossoverSweep({ prices, fast: FAST, slow: SLOW, ...OPTIONS, chunkSize: 1000 });
    for (const chunkSize of [1, 3, 7]) {
      const chunked = maCrossoverSweep({ prices, fast: FAST, slow: SLOW, ...OPTIONS, chunkSize });
      expect(chunked.chunkSize).toBe(chunkSize);
      expect(rowsOf(chunked)).toEqual(rowsOf(base));
    }
  });

  it('ChunkBuffers allocates chunk x bars once and hands out views of that one buffer', () => {
    const pool = new ChunkBuffers(Uint8Array, 4, 10);
    expect(pool.bytes).toBe(40);
    const first = pool.views(4, 0);
    first[3]!.fill(7);
    const again = pool.views(2, 0);
    expect(again[0]!.buffer).toBe(first[0]!.buffer);
    expect(again.map((v) => v.length)).toEqual([10, 10]);
    expect(Array.from(first[3]!)).toEqual(new Array(10).fill(7)); // slots past `count` are left alone
    first[1]!.fill(1);
    pool.views(2, 0);
    expect(first[1]!.every((v) => v === 0)).toBe(true); // ... and the requested ones are reset
    expect(() => pool.views(5, 0)).toThrow(/chunk holds 4/);
    const targets = new ChunkBuffers(Float64Array, 3, 5);
    expect(targets.bytes).toBe(3 * 5 * 8);
    expect(Array.from(targets.views(1, NaN)[0]!).every(Number.isNaN)).toBe(true);
  });

  it('a 10,000-set sweep keeps summary rows only: buffer 2 x chunk x bars, no curves, small memory growth', () => {
    const length = 2000;
    const close = bars.close.slice(0, length);
    const before = process.memoryUsage();
    const table = sweep({
      prices: { close }, params: { a: Array.from({ length: 100 }, (_, i) => i), b: Array.from({ length: 100 }, (_, i) => i) },
      chunkSize: 128,
      signals: ({ a, b }, out) => {
        out.entries[10 + a] = 1;
        out.exits[200 + 10 * b] = 1;
      },
    });
    const after = process.memoryUsage();
    expect(table.rows).toBe(10_000);
    expect(table.bufferBytes).toBe(2 * 128 * length);
    expect(table.curves.size).toBe(0);
    expect(table.tradeRecords.size).toBe(0);
    expect(table.trades.every((k) => k === 1)).toBe(true);
    // Per-set equity curves would be 10,000 x 2,000 x 8 bytes = 160 MB; the table is 10 columns x 80 KB.
    const grown = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
    expect(grown).toBeLessThan(40 * 2 ** 20);
  });
});

describe('streamed statistics and curves', () => {
  it('match performanceMetrics on the kept equity curve, and curves only for the listed rows', () => {
    const table = maCrossoverSweep({ prices, fast: FAST, slow: SLOW, ...OPTIONS, curves: [2, 7], recordTrades: [7], recordOrders: [7] });
    expect([...table.curves.keys()]).toEqual([2, 7]);
    expect([...table.tradeRecords.keys()]).toEqual([7]);
    expect(table.orderRecords.get(7)!.every((o) => o.column === 7)).toBe(true);
    expect(table.orderRecords.get(7)!.length).toBe(table.orders[7]);
    for (const row of [2, 7]) {
      const curve = table.curves.get(row)!;
      expect(curve.columns).toEqual([row]);
      const equity = curve.equity;
      const returns = equity.map((v, t) => v / (t === 0 ? OPTIONS.initCash : equity[t - 1]!) - 1);
      const m = performanceMetrics(returns);
      expect(Math.abs(table.sharpe[row]! / m.sharpe - 1)).toBeLessThan(1e-9);
      expect(Math.abs(table.maxDrawdown[row]! - m.maxDrawdown)).toBeLessThan(1e-12);
      expect(Math.abs(table.totalReturn[row]! - m.totalReturn)).toBeLessThan(1e-12);
      expect(table.finalValue[row]).toBe(equity[n - 1]);
      const exposed = curve.positions[0]!.filter((p) => p !== 0).length;
      expect(table.exposure[row]).toBe(exposed / n);
    }
    const trades = table.tradeRecords.get(7)!;
    expect(trades.length).toBe(table.trades[7]);
    expect(table.winRate[7]).toBe(trades.filter((t) => t.pnl > 0).length / trades.length);
  });

  it('converts to an arquero table sharing the columns', () => {
    const table = maCrossoverSweep({ prices, fast: [5, 10], slow: [50], ...OPTIONS });
    const aq = sweepToArquero(table);
    expect(aq.columnNames()).toEqual(['fast', 'slow', ...SUMMARY_COLUMNS]);
    expect(aq.numRows()).toBe(2);
    expect(aq.get('sharpe', 1)).toBe(table.sharpe[1]);
    expect(aq.column('finalValue')).toBe(table.finalValue);
  });
});
