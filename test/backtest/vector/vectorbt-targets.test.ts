// simulateFromTargets with shared cash against vectorbt 1.2.0's Portfolio.from_orders
// (size_type='targetpercent', cash_sharing=True, call_seq='auto', direction 'both') on the
// skfolio 20-stock panel: two portfolios of three stocks each, rebalanced every 21 bars to seeded
// random weights summing to at most 0.95 (so every purchase is paid in full and the order in which
// vectorbt's auto call sequence runs the purchases cannot matter; sales run first on both sides).
// Tolerance: final values relative 1e-9, order counts exact, group 0's order rows relative 1e-9.
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateFromTargets } from '../../../lib/backtest/vector/from-targets';
import { readClosePanelCsv } from '../../../lib/data/panel';
import { createRng } from '../../../lib/util/random';
import { STOCKS20_GZ } from '../../data/fixtures';
import { runPython } from '../../helpers/python';

const BARS = 1200;
const COLUMNS = 6;
const FEES = 0.001, SLIPPAGE = 0.0005, INIT_CASH = 100_000;

interface VbtOut {
  version: string;
  final: number[];
  orders: number[];
  records: { col: number; idx: number; size: number; price: number; fees: number; side: number }[];
}

const PY = `
import numpy as np, pandas as pd, vectorbt as vbt
close = np.array(inp['close'], dtype=float).T
w = np.array([[np.nan if v is None else v for v in col] for col in inp['targets']], dtype=float).T
pf = vbt.Portfolio.from_orders(close, size=w, size_type='targetpercent', direction='both', fees=inp['fees'],
    slippage=inp['slippage'], init_cash=inp['init_cash'], group_by=np.array([0, 0, 0, 1, 1, 1]),
    cash_sharing=True, call_seq='auto', freq='1D')
rec = pf.orders.records_arr
g0 = rec[rec['col'] < 3]
print(json.dumps({'version': vbt.__version__, 'final': pf.final_value().values.tolist(),
    'orders': pf.orders.count(group_by=False).values.tolist(),
    'records': [{'col': int(r['col']), 'idx': int(r['idx']), 'size': float(r['size']), 'price': float(r['price']),
                 'fees': float(r['fees']), 'side': int(r['side'])} for r in g0]}))
`;

describe('simulateFromTargets vs vectorbt 1.2.0 Portfolio.from_orders (target percent, shared cash)', () => {
  let close: Float64Array[];
  let targets: Float64Array[];
  let ref: VbtOut;

  beforeAll(() => {
    const panel = readClosePanelCsv(STOCKS20_GZ);
    close = panel.close.slice(0, COLUMNS).map((c) => c.slice(0, BARS));
    const rng = createRng(42);
    targets = close.map(() => new Float64Array(BARS).fill(NaN));
    for (let t = 0; t < BARS; t += 21) {
      for (const group of [0, 3]) {
        const raw = [rng.uniform(), rng.uniform(), rng.uniform()];
        const total = raw.reduce((a, b) => a + b, 0) / (0.6 + 0.35 * rng.uniform());
        raw.forEach((r, k) => (targets[group + k]![t] = r / total));
      }
    }
    ref = runPython<VbtOut>(PY, {
      close: close.map((c) => Array.from(c)),
      targets: targets.map((c) => Array.from(c, (v) => (Number.isNaN(v) ? null : v))),
      fees: FEES, slippage: SLIPPAGE, init_cash: INIT_CASH,
    });
  });

  it('same final value per portfolio, same orders per column, same order rows in group 0', () => {
    expect(ref.version).toBe('1.2.0');
    const result = simulateFromTargets({
      prices: close.map((c) => ({ close: c })), targets, group: [0, 0, 0, 1, 1, 1], direction: 'both',
      fees: FEES, slippage: SLIPPAGE, initCash: INIT_CASH, recordOrders: [0, 1, 2],
    });
    expect(result.groups).toBe(2);
    ref.final.forEach((v, g) => expect(Math.abs(result.summary.finalValue[g]! / v - 1)).toBeLessThanOrEqual(1e-9));
    expect(Array.from(result.columnOrders)).toEqual(ref.orders);
    expect(ref.orders.every((k) => k > 40)).toBe(true);
    // vectorbt lists a group's orders bar by bar in execution order; ours per column: compare as sets per (col, bar).
    const ours = [0, 1, 2].flatMap((c) => result.orders.get(c)!).sort((a, b) => a.bar - b.bar || a.column - b.column);
    const theirs = [...ref.records].sort((a, b) => a.idx - b.idx || a.col - b.col);
    expect(ours.length).toBe(theirs.length);
    theirs.forEach((o, k) => {
      const mine = ours[k]!;
      expect([mine.column, mine.bar, mine.side]).toEqual([o.col, o.idx, o.side === 0 ? 'buy' : 'sell']);
      for (const key of ['size', 'price', 'fees'] as const) expect(Math.abs(mine[key] - o[key])).toBeLessThanOrEqual(1e-9 * Math.abs(o[key]));
    });
    // Sales run before purchases within a bar, in vectorbt's auto order as in ours.
    const firstRebalance = ref.records.filter((o) => o.idx === 21);
    const sides = firstRebalance.map((o) => o.side);
    expect(sides).toEqual([...sides].sort((a, b) => b - a));
  });
});
