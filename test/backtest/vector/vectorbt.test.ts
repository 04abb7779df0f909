// simulateFromSignals against vectorbt 1.2.0's Portfolio.from_signals on the S&P 500 sample
// (arch's sp500.csv.gz, 5,030 daily OHLC bars), moving-average crossovers computed on both sides
// (vbt.MA.run + ma_crossed_above / ma_crossed_below on the Python side, crossSignals here).
// Tolerance: final value and total return relative 1e-9, closed trades and orders exact, order
// rows of column 0 relative 1e-9 (both sides run the same float64 arithmetic; rounding differs only
// where vectorbt's numba code and V8 order an expression differently).
import { beforeAll, describe, expect, it } from 'vitest';
import { readBarsCsv } from '../../../lib/data/csv';
import type { Bars } from '../../../lib/data/bars';
import { crossSignals, movingAverageFromSum, runningSum } from '../../../lib/backtest/vector/crossover';
import { simulateFromSignals } from '../../../lib/backtest/vector/from-signals';
import type { SignalOptions } from '../../../lib/backtest/vector/types';
import { SP500_GZ } from '../../data/fixtures';
import { runPython } from '../../helpers/python';

const PAIRS: readonly (readonly [number, number])[] = [[5, 20], [10, 50], [20, 100], [3, 30], [50, 200]];

/**
 * One column block per scenario. The vectorbt side runs every block in ONE from_signals call with
 * per-column parameters (numba compiles simulate_from_signals_nb once per argument signature, ~10 s).
 */
interface Scenario {
  readonly name: string;
  readonly vbt: { fees: number; fixedFees: number; slippage: number; initCash: number; sl: number; tp: number; trail: boolean; direction: 0 | 1 | 2; size: number; sizeType: 0 | 1 };
  readonly ours: Partial<SignalOptions>;
}

const OFF = NaN;
const SCENARIOS: readonly Scenario[] = [
  {
    name: 'fees+slippage, close only',
    vbt: { fees: 0.001, fixedFees: 0, slippage: 0.0005, initCash: 10_000, sl: OFF, tp: OFF, trail: false, direction: 0, size: Infinity, sizeType: 0 },
    ours: { fees: 0.001, slippage: 0.0005, initCash: 10_000 },
  },
  {
    name: 'fixed fees, sl/tp intrabar',
    vbt: { fees: 0.0005, fixedFees: 1, slippage: 0.001, initCash: 10_000, sl: 0.04, tp: 0.08, trail: false, direction: 0, size: Infinity, sizeType: 0 },
    ours: { fees: 0.0005, fixedFees: 1, slippage: 0.001, initCash: 10_000, slStop: 0.04, tpStop: 0.08 },
  },
  {
    name: 'trailing stop',
    vbt: { fees: 0.001, fixedFees: 0, slippage: 0, initCash: 5_000, sl: 0.06, tp: OFF, trail: true, direction: 0, size: Infinity, sizeType: 0 },
    ours: { fees: 0.001, initCash: 5_000, trailStop: 0.06 },
  },
  {
    name: 'both directions (reversals), stops',
    vbt: { fees: 0.001, fixedFees: 0, slippage: 0.0005, initCash: 10_000, sl: 0.05, tp: 0.05, trail: false, direction: 2, size: Infinity, sizeType: 0 },
    ours: { fees: 0.001, slippage: 0.0005, initCash: 10_000, direction: 'both', slStop: 0.05, tpStop: 0.05 },
  },
  {
    name: 'short only, value sizing, stop-loss',
    vbt: { fees: 0.001, fixedFees: 0, slippage: 0, initCash: 10_000, sl: 0.05, tp: OFF, trail: false, direction: 1, size: 2_000, sizeType: 1 },
    ours: { fees: 0.001, initCash: 10_000, direction: 'shortOnly', size: { type: 'value', size: 2_000 }, slStop: 0.05 },
  },
];

interface VbtColumn { final: number; totalReturn: number; closedTrades: number; orders: number }
interface VbtOrder { idx: number; size: number; price: number; fees: number; side: number }
interface VbtTrade { entry_idx: number; exit_idx: number; entry_price: number; exit_price: number; size: number; pnl: number; return: number; direction: number; entry_fees: number; exit_fees: number }
interface VbtOut { entries: number[][]; exits: number[][]; columns: VbtColumn[]; orders: VbtOrder[][]; trades: VbtTrade[][]; version: string }

// Scenario k's pairs are columns k*P .. k*P + P - 1; orders/trades are returned for each block's first column.
const PY = `
import numpy as np, pandas as pd, vectorbt as vbt
o, h, l, c = (np.array(inp[k], dtype=float) for k in ('open', 'high', 'low', 'close'))
cs = pd.Series(c)
fast = vbt.MA.run(cs, window=[p[0] for p in inp['pairs']], short_name='fast')
slow = vbt.MA.run(cs, window=[p[1] for p in inp['pairs']], short_name='slow')
en = fast.ma_crossed_above(slow).values; ex = fast.ma_crossed_below(slow).values
sc = inp['scenarios']; K = len(sc); P = en.shape[1]
for s in sc:
    s['size'] = np.inf if s['size'] >= 1e308 else s['size']
def per_col(key, dtype=float):
    return np.repeat(np.array([s[key] if s[key] is not None else np.nan for s in sc], dtype=dtype), P)[None, :]
pf = vbt.Portfolio.from_signals(
    np.tile(c[:, None], (1, K * P)), np.tile(en, (1, K)), np.tile(ex, (1, K)),
    open=o[:, None], high=h[:, None], low=l[:, None],
    fees=per_col('fees'), fixed_fees=per_col('fixedFees'), slippage=per_col('slippage'),
    sl_stop=per_col('sl'), tp_stop=per_col('tp'), sl_trail=per_col('trail', bool),
    direction=per_col('direction', np.int64), size=per_col('size'), size_type=per_col('sizeType', np.int64),
    init_cash=per_col('initCash')[0], freq='1D')
closed = pf.trades.closed
cols = [{'final': float(v), 'totalReturn': float(r), 'closedTrades': int(k), 'orders': int(n)}
        for v, r, k, n in zip(pf.final_value().values, pf.total_return().values, closed.count().values, pf.orders.count().values)]
orec = pf.orders.records_arr; trec = closed.records_arr
TK = ('entry_idx', 'exit_idx', 'entry_price', 'exit_price', 'size', 'pnl', 'return', 'direction', 'entry_fees', 'exit_fees')
print(json.dumps({'version': vbt.__version__, 'columns': cols,
    'entries': [np.flatnonzero(en[:, j]).tolist() for j in range(P)], 'exits': [np.flatnonzero(ex[:, j]).tolist() for j in range(P)],
    'orders': [[{'idx': int(r['idx']), 'size': float(r['size']), 'price': float(r['price']), 'fees': float(r['fees']), 'side': int(r['side'])}
                for r in orec[orec['col'] == k * P]] for k in range(K)],
    'trades': [[{f: (int(r[f]) if f in ('entry_idx', 'exit_idx', 'direction') else float(r[f])) for f in TK}
                for r in trec[trec['col'] == k * P]] for k in range(K)]}))
`;

const nullable = (x: number): number | null => (Number.isNaN(x) ? null : x);
const REL = 1e-9;
const expectRel = (actual: number, expected: number, label: string): void => {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(REL);
};

describe('simulateFromSignals vs vectorbt 1.2.0 Portfolio.from_signals (S&P 500 sample, MA crossovers)', () => {
  let bars: Bars;
  let ref: VbtOut;
  let entries: Uint8Array[];
  let exits: Uint8Array[];

  beforeAll(() => {
    bars = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
    ref = runPython<VbtOut>(PY, {
      open: Array.from(bars.open), high: Array.from(bars.high), low: Array.from(bars.low), close: Array.from(bars.close),
      pairs: PAIRS,
      // JSON has no NaN/Infinity: null stands for NaN (stop off) and 1e308 for an unbounded size.
      scenarios: SCENARIOS.map((s) => ({ ...s.vbt, sl: nullable(s.vbt.sl), tp: nullable(s.vbt.tp), size: Number.isFinite(s.vbt.size) ? s.vbt.size : 1e308 })),
    });
    const sum = runningSum(bars.close);
    entries = PAIRS.map(() => new Uint8Array(bars.close.length));
    exits = PAIRS.map(() => new Uint8Array(bars.close.length));
    PAIRS.forEach(([f, s], j) => crossSignals(movingAverageFromSum(sum, f), movingAverageFromSum(sum, s), entries[j]!, exits[j]!));
  });

  it('computes the same crossover signals as vbt.MA.run(...).ma_crossed_above / ma_crossed_below', () => {
    expect(ref.version).toBe('1.2.0');
    const ones = (a: Uint8Array): number[] => Array.from(a.keys()).filter((t) => a[t] === 1);
    PAIRS.forEach((_, j) => {
      expect(ones(entries[j]!)).toEqual(ref.entries[j]);
      expect(ones(exits[j]!)).toEqual(ref.exits[j]);
      expect(ref.entries[j]!.length).toBeGreaterThan(5);
    });
  });

  SCENARIOS.forEach((scenario, s) => {
    it(`${scenario.name}: same final value, total return, trades, orders, and column 0's order and trade rows`, () => {
      const prices = { close: bars.close, open: bars.open, high: bars.high, low: bars.low };
      const result = simulateFromSignals({ prices, entries, exits, recordOrders: [0], recordTrades: [0], ...scenario.ours });
      const P = PAIRS.length;
      ref.columns.slice(s * P, (s + 1) * P).forEach((col, j) => {
        expectRel(result.summary.finalValue[j]!, col.final, `final value, pair ${PAIRS[j]}`);
        expectRel(result.summary.totalReturn[j]!, col.totalReturn, `total return, pair ${PAIRS[j]}`);
        expect(result.summary.trades[j], `closed trades, pair ${PAIRS[j]}`).toBe(col.closedTrades);
        expect(result.columnOrders[j], `orders, pair ${PAIRS[j]}`).toBe(col.orders);
      });
      const orders = result.orders.get(0)!;
      // The scenario exercises what it names: several round trips, and stop exits on bars without a signal.
      expect(orders.length).toBeGreaterThan(6);
      const stopExits = orders.filter((o) => entries[0]![o.bar] === 0 && exits[0]![o.bar] === 0).length;
      if (scenario.ours.slStop !== undefined || scenario.ours.trailStop !== undefined) expect(stopExits).toBeGreaterThan(0);
      else expect(stopExits).toBe(0);
      expect(orders.length).toBe(ref.orders[s]!.length);
      ref.orders[s]!.forEach((o, k) => {
        const ours = orders[k]!;
        expect([ours.bar, ours.side]).toEqual([o.idx, o.side === 0 ? 'buy' : 'sell']);
        expectRel(ours.size, o.size, `order ${k} size`);
        expectRel(ours.price, o.price, `order ${k} price`);
        if (o.fees === 0) expect(ours.fees).toBe(0);
        else expectRel(ours.fees, o.fees, `order ${k} fees`);
      });
      const trades = result.trades.get(0)!;
      expect(trades.length).toBe(ref.trades[s]!.length);
      ref.trades[s]!.forEach((t, k) => {
        const ours = trades[k]!;
        expect([ours.entryTime, ours.exitTime, ours.barsHeld]).toEqual([t.entry_idx, t.exit_idx, t.exit_idx - t.entry_idx]);
        expect(Math.sign(ours.quantity)).toBe(t.direction === 0 ? 1 : -1);
        expectRel(Math.abs(ours.quantity), t.size, `trade ${k} size`);
        expectRel(ours.entryPrice, t.entry_price, `trade ${k} entry price`);
        expectRel(ours.exitPrice, t.exit_price, `trade ${k} exit price`);
        expect(Math.abs(ours.pnl - t.pnl)).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(t.entry_price * t.size)));
        expect(Math.abs(ours.returnPct - t.return)).toBeLessThanOrEqual(REL);
        expect(Math.abs(ours.commission - (t.entry_fees + t.exit_fees))).toBeLessThanOrEqual(REL * Math.max(1, t.entry_price * t.size));
      });
    });
  });
});
