// Trade, exposure and equity statistics on a small hand-built backtest, with the arithmetic written
// out, then the same trades through backtesting.py 0.6.6's own compute_stats (backtesting/_stats.py,
// one Python process for the file) as a second reference. Tolerance: 1e-12 relative.
import { beforeAll, describe, expect, it } from 'vitest';
import { backtestMetrics, exposureStatistics, tradeStatistics, type TradeRecord } from '../../../lib/backtest/performance';
import { runPython } from '../../helpers/python';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const BARS = 40;

// [quantity, entryBar, exitBar, entryPrice, exitPrice, pnl, returnPct, commission]
const ROWS = [
  [10, 0, 5, 100, 110, 100, 0.1, 1],
  [-5, 8, 11, 50, 45, 25, 0.1, 0],
  [20, 14, 16, 10, 9, -20, -0.1, 0],
  [4, 18, 28, 200, 250, 200, 0.25, 0],
  [-8, 30, 34, 25, 30, -40, -0.2, 0.5],
  [1, 36, 37, 100, 100, 0, 0, 0],
] as const;

const TRADES: TradeRecord[] = ROWS.map(([quantity, entryBar, exitBar, entryPrice, exitPrice, pnl, returnPct, commission]) => ({
  entryTime: T0 + entryBar * DAY, exitTime: T0 + exitBar * DAY, entryPrice, exitPrice, quantity, pnl, returnPct,
  barsHeld: exitBar - entryBar, ...(commission ? { commission } : {}),
}));

// Position held on every bar from entry to exit inclusive (backtesting.py's 'Exposure Time'), as quantity / 10.
const POSITIONS = new Float64Array(BARS);
for (const [quantity, entryBar, exitBar] of ROWS) for (let t = entryBar; t <= exitBar; t++) POSITIONS[t] = quantity / 10;
const EQUITY = Float64Array.from({ length: BARS }, (_, t) => 10_000 + 300 * Math.sin(t / 4) + 5 * t);
const RETURNS = Float64Array.from({ length: BARS }, (_, t) => (t === 0 ? 0 : EQUITY[t]! / EQUITY[t - 1]! - 1));

const REFERENCE = `
import numpy as np, pandas as pd
from backtesting._stats import compute_stats
rows = inp['rows']
index = pd.date_range('2024-01-01', periods=inp['bars'], freq='D')
trades = pd.DataFrame({
  'Size': [r[0] for r in rows], 'EntryBar': [r[1] for r in rows], 'ExitBar': [r[2] for r in rows],
  'EntryPrice': [r[3] for r in rows], 'ExitPrice': [r[4] for r in rows],
  'PnL': [r[5] for r in rows], 'ReturnPct': [r[6] for r in rows],
  'EntryTime': index[[r[1] for r in rows]], 'ExitTime': index[[r[2] for r in rows]]})
trades['Duration'] = trades['ExitTime'] - trades['EntryTime']
equity = np.array(inp['equity'])
ohlc = pd.DataFrame({'Open': equity, 'High': equity, 'Low': equity, 'Close': equity, 'Volume': 0.0}, index=index)
s = compute_stats(trades, equity, ohlc, None)
keys = ['# Trades', 'Win Rate [%]', 'Best Trade [%]', 'Worst Trade [%]', 'Avg. Trade [%]', 'Profit Factor',
        'Expectancy [%]', 'SQN', 'Kelly Criterion', 'Exposure Time [%]', 'Equity Final [$]', 'Equity Peak [$]']
print(json.dumps({k: float(s[k]) for k in keys}))
`;

let bt: Record<string, number>;
beforeAll(() => {
  bt = runPython<Record<string, number>>(REFERENCE, { rows: ROWS, bars: BARS, equity: Array.from(EQUITY) });
}, 60_000);

function expectRel(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected) + 1e-15);
}

describe('trade statistics by hand', () => {
  const s = tradeStatistics(TRADES);

  it('counts, win rate, profit factor, expectancy and averages', () => {
    expect(s.tradeCount).toBe(6);
    // pnl = [100, 25, -20, 200, -40, 0]: three with pnl > 0 -> 3 / 6
    expect(s.winRate).toBe(0.5);
    // returnPct = [0.10, 0.10, -0.10, 0.25, -0.20, 0]: (0.1 + 0.1 + 0.25) / |-0.1 - 0.2| = 0.45 / 0.30
    expectRel(s.profitFactor, 1.5);
    // (0.45 - 0.30) / 6
    expectRel(s.expectancy, 0.025);
    // winners' returnPct 0.45 / 3; losers' -0.30 / 2
    expectRel(s.averageWin, 0.15);
    expectRel(s.averageLoss, -0.15);
    expect(s.bestTrade).toBe(0.25);
    expect(s.worstTrade).toBe(-0.2);
    // geometric mean: (1.1 * 1.1 * 0.9 * 1.25 * 0.8 * 1.0)^(1/6) - 1 = 1.089^(1/6) - 1
    expectRel(s.averageTrade, 1.089 ** (1 / 6) - 1);
    // barsHeld = [5, 3, 2, 10, 4, 1]
    expectRel(s.averageHoldingBars, 25 / 6);
    expect(s.maxHoldingBars).toBe(10);
    // commissions 1 + 0.5 (the others record none)
    expect(s.totalCommission).toBe(1.5);
  });

  it('SQN, payoff ratio and Kelly fraction from pnl (backtesting.py)', () => {
    // mean pnl = 265 / 6; sum of squares 100^2 + 25^2 + 20^2 + 200^2 + 40^2 + 0 = 52625;
    // sample variance = (52625 - 265^2 / 6) / 5; SQN = sqrt(6) * mean / std (= 1.1959)
    const sqn = (Math.sqrt(6) * (265 / 6)) / Math.sqrt((52625 - 265 ** 2 / 6) / 5);
    expectRel(s.sqn, sqn);
    expect(s.sqn).toBeCloseTo(1.1959, 4);
    // mean winning pnl 325 / 3 over mean losing |pnl| 60 / 2 = 65 / 18
    expectRel(s.payoffRatio, 65 / 18);
    // 0.5 - 0.5 / (65 / 18) = 0.5 - 9 / 65 = 23.5 / 65
    expectRel(s.kellyFraction, 23.5 / 65);
  });

  it('exposure, gross exposure and turnover from positions', () => {
    const e = exposureStatistics(POSITIONS);
    // held bars: 6 + 4 + 3 + 11 + 5 + 2 = 31 of 40
    expect(e.exposure).toBe(31 / 40);
    // |weights| x bars: 1.0*6 + 0.5*4 + 2.0*3 + 0.4*11 + 0.8*5 + 0.1*2 = 22.6
    expectRel(e.averageGrossExposure, 22.6 / 40);
    // each block is entered from and left to flat: 2 * (1.0 + 0.5 + 2.0 + 0.4 + 0.8 + 0.1) = 9.6
    expectRel(e.turnover, 9.6);
  });

  it('empty and degenerate trade lists give NaN where the statistic is undefined', () => {
    const none = tradeStatistics([]);
    expect(none.tradeCount).toBe(0);
    for (const k of ['winRate', 'profitFactor', 'sqn', 'kellyFraction', 'expectancy', 'bestTrade'] as const) expect(none[k]).toBeNaN();
    const one = tradeStatistics([TRADES[0]!]);
    expect(one.sqn).toBeNaN(); // the std of one pnl is undefined
    expect(one.profitFactor).toBeNaN(); // no losing trade: backtesting.py divides by (0 or NaN)
    expect(one.kellyFraction).toBeNaN(); // no loss, no odds
    const flat = tradeStatistics([TRADES[0]!, TRADES[0]!]);
    expect(flat.sqn).toBeNaN(); // zero pnl spread: NaN, not Infinity
    const wipedOut = tradeStatistics([{ ...TRADES[2]!, returnPct: -1 }, TRADES[0]!]);
    expect(wipedOut.averageTrade).toBe(0); // backtesting.py's geometric_mean when a trade loses everything
  });
});

describe('backtestMetrics against backtesting.py 0.6.6 compute_stats', () => {
  it('trade, exposure and equity fields equal the reference', () => {
    const m = backtestMetrics({ returns: RETURNS, equity: EQUITY, trades: TRADES, positions: POSITIONS });
    expect(m.tradeCount).toBe(bt['# Trades']);
    expectRel(m.winRate * 100, bt['Win Rate [%]']!);
    expectRel(m.bestTrade * 100, bt['Best Trade [%]']!);
    expectRel(m.worstTrade * 100, bt['Worst Trade [%]']!);
    expectRel(m.averageTrade * 100, bt['Avg. Trade [%]']!);
    expectRel(m.profitFactor, bt['Profit Factor']!);
    expectRel(m.expectancy * 100, bt['Expectancy [%]']!);
    expectRel(m.sqn, bt.SQN!);
    expectRel(m.kellyFraction, bt['Kelly Criterion']!);
    expectRel(m.exposure * 100, bt['Exposure Time [%]']!);
    expect(m.equityFinal).toBe(bt['Equity Final [$]']);
    expect(m.equityPeak).toBe(bt['Equity Peak [$]']);
    expectRel(m.turnover, 9.6);
  });

  it('the engine-reported turnover wins over the one derived from positions', () => {
    expect(backtestMetrics({ returns: RETURNS, positions: POSITIONS, turnover: 3.25 }).turnover).toBe(3.25);
    expect(backtestMetrics({ returns: RETURNS, turnover: 3.25 }).exposure).toBeNaN();
  });
});
