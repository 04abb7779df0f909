// SMA(10/20) crossover, long/flat, on the S&P 500 sample against backtesting.py 0.6.6 run in
// the same test. Settings chosen so both engines size identically:
//   - whole units on both sides: the strategy orders floor(0.99 × equity / close) units
//     (backtesting.py's relative `size` reserves the fixed fee per unit, an approximation of
//     its own, so an explicit size is what makes the two comparable exactly);
//   - commission: backtesting.py's commission=(FEE, 0) charges FEE when a trade opens and again
//     when it closes, i.e. per fill: perTradeCommission({ fee: FEE }) here;
//   - an order the cash cannot cover is cancelled by backtesting.py: insufficientCash 'reject';
//   - market orders fill at the next bar's open on both sides (trade_on_close=False).
// Tolerances: bars, sizes and prices exactly equal; PnL, commissions and the equity curve within
// 1e-9 relative (the two engines sum cash in a different order).
import { beforeAll, describe, expect, it } from 'vitest';
import { runEventBacktest, type EventBacktestResult } from '../../../lib/backtest/event';
import { perTradeCommission } from '../../../lib/backtest/costs';
import { smaCross } from '../engines-agree-helpers';
import { runPython } from '../../helpers/python';
import { sp500Bars } from '../../features/kind-contract';
import { SP500_GZ } from '../../data/fixtures';

const FEE = 10;
const CASH = 1_000_000;

interface Reference {
  version: string;
  trades: { EntryBar: number; ExitBar: number; EntryPrice: number; ExitPrice: number; Size: number; PnL: number; ReturnPct: number; Commission: number }[];
  equity: number[];
  final: number;
}

const PYTHON = `
import math, os, warnings
os.environ['TQDM_DISABLE'] = '1'
import pandas as pd
import backtesting
from backtesting import Backtest, Strategy
from backtesting.lib import crossover
warnings.simplefilter('ignore')
df = pd.read_csv(inp['path'], index_col='Date')
df.index = pd.to_datetime(df.index, format='%m/%d/%Y')
df = df[['Open', 'High', 'Low', 'Close', 'Volume']]
def sma(x, n):
    return pd.Series(x).rolling(n).mean()
class SmaCross(Strategy):
    def init(self):
        self.fast = self.I(sma, self.data.Close, 10)
        self.slow = self.I(sma, self.data.Close, 20)
    def next(self):
        if crossover(self.fast, self.slow):
            if not self.position:
                self.buy(size=math.floor(0.99 * self.equity / self.data.Close[-1]))
        elif crossover(self.slow, self.fast):
            if self.position:
                self.position.close()
stats = Backtest(df, SmaCross, cash=inp['cash'], commission=(inp['fee'], 0.0)).run()
t = stats['_trades']
print(json.dumps({
    'version': backtesting.__version__,
    'trades': t[['EntryBar', 'ExitBar', 'EntryPrice', 'ExitPrice', 'Size', 'PnL', 'ReturnPct', 'Commission']].to_dict('records'),
    'equity': stats['_equity_curve']['Equity'].tolist(),
    'final': float(stats['Equity Final [$]']),
}))
`;

describe('runEventBacktest vs backtesting.py (SMA 10/20 crossover, S&P 500)', () => {
  let ref: Reference;
  let ours: EventBacktestResult;
  beforeAll(() => {
    ref = runPython<Reference>(PYTHON, { path: SP500_GZ, cash: CASH, fee: FEE });
    ours = runEventBacktest(smaCross('SPX', (equity, close) => Math.floor((0.99 * equity) / close)), sp500Bars(), {
      initialCash: CASH, commission: perTradeCommission({ fee: FEE }), lotSize: 1, insufficientCash: 'reject',
    });
  });

  it('runs the pinned reference version', () => {
    expect(ref.version).toBe('0.6.6');
  });

  it('makes the same trades: entry/exit bars, prices and sizes exactly, PnL to 1e-9', () => {
    const bar = new Map(Array.from(ours.time, (t, i) => [t, i]));
    expect(ref.trades.length).toBeGreaterThan(50);
    expect(ours.trades.length).toBe(ref.trades.length);
    ours.trades.forEach((trade, i) => {
      const r = ref.trades[i]!;
      expect([bar.get(trade.entryTime), bar.get(trade.exitTime), trade.entryPrice, trade.exitPrice, trade.quantity], `trade ${i}`)
        .toEqual([r.EntryBar, r.ExitBar, r.EntryPrice, r.ExitPrice, r.Size]);
      expect(trade.barsHeld).toBe(r.ExitBar - r.EntryBar);
      expect(Math.abs(trade.pnl - r.PnL)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r.PnL)));
      expect(Math.abs(trade.returnPct - r.ReturnPct)).toBeLessThanOrEqual(1e-9);
      expect(trade.commission).toBe(r.Commission);
    });
  });

  it('has the same equity curve and final equity (1e-9 relative)', () => {
    expect(ours.equity.length).toBe(ref.equity.length);
    let worst = 0;
    ref.equity.forEach((e, t) => { worst = Math.max(worst, Math.abs(ours.equity[t]! - e) / e); });
    expect(worst).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(ours.finalEquity - ref.final) / ref.final).toBeLessThanOrEqual(1e-9);
    // The run ends holding a position or flat; either way the last close marks it on both sides.
    expect(ours.finalEquity).not.toBe(CASH);
  });
});
