// Exits attached to entries, worked out on the 8-bar market of scenario.ts:
//   0: 100 101  99 100   1: 102 104 101 103   2: 103 106 102 105   3: 104 105  98  99
//   4:  97  99  95  96   5:  96 100  95  99   6: 101 103 100 102   7: 102 108 101 107
// A market entry fills at an open, so its exits already watch the rest of that bar.
import { describe, expect, it } from 'vitest';
import { day, runSteps, type Steps } from './scenario';

const buyAt0 = (extra: object): Steps => ({ 0: (ctx, ids) => { ids.entry = ctx.buy({ asset: 'X', quantity: 10, ...extra }); } });

function exitOf(result: ReturnType<typeof runSteps>['result'], role: string) {
  const o = result.orders.find((r) => r.role === role);
  if (!o) throw new Error(`no ${role} order`);
  return o;
}

describe('stop-loss and take-profit', () => {
  it('fixed stop-loss price 100: entry 102 at bar 1, bar 3 trades down to 98, exit at 100 (PnL -20)', () => {
    const { result, ids } = runSteps(buyAt0({ stopLoss: { price: 100 } }));
    const sl = exitOf(result, 'stopLoss');
    expect(sl).toMatchObject({ parentId: ids.entry, type: 'stop', side: 'sell', stopPrice: 100, quantity: -10, status: 'filled' });
    expect(sl.events.map((e) => [e.status, e.bar, e.price])).toEqual([['submitted', 1, undefined], ['filled', 3, 100]]);
    expect(result.trades).toEqual([{ entryTime: day(1), exitTime: day(3), entryPrice: 102, exitPrice: 100, quantity: 10, pnl: -20, returnPct: -20 / 1020, barsHeld: 2, commission: 0 }]);
  });

  it('stop-loss as a fraction 0.05 of entry: 102 × 0.95 = 96.9, reached in bar 4 (open 97, low 95)', () => {
    const { result } = runSteps(buyAt0({ stopLoss: { fraction: 0.05 } }));
    const sl = exitOf(result, 'stopLoss');
    expect(sl.stopPrice).toBeCloseTo(96.9, 12);
    expect(sl.events[1]).toMatchObject({ bar: 4 });
    expect(sl.events[1]!.price).toBeCloseTo(96.9, 12);
    expect(result.trades[0]!.pnl).toBeCloseTo(10 * (96.9 - 102), 10);
  });

  it('take-profit fraction 0.03: 102 × 1.03 = 105.06, reached in bar 2 (high 106)', () => {
    const { result } = runSteps(buyAt0({ takeProfit: { fraction: 0.03 } }));
    const tp = exitOf(result, 'takeProfit');
    expect(tp).toMatchObject({ type: 'limit', side: 'sell' });
    expect(tp.events[1]).toMatchObject({ bar: 2, status: 'filled' });
    expect(tp.events[1]!.price).toBeCloseTo(105.06, 12);
    expect(result.trades[0]!.pnl).toBeCloseTo(30.6, 10);
  });

  it('exits of a market entry watch the entry bar itself: entry at bar 2 open 103, take-profit 104.8 hit by bar 2 high 106', () => {
    const { result } = runSteps({ 1: (ctx) => { ctx.buy({ asset: 'X', quantity: 10, takeProfit: { price: 104.8 } }); } });
    expect(exitOf(result, 'takeProfit').events[1]).toMatchObject({ bar: 2, price: 104.8 });
  });

  it('stop-loss and take-profit both inside bar 3 (98..105): the stop-loss is assumed first; the take-profit is cancelled (OCO)', () => {
    const { result } = runSteps({ 2: (ctx) => { ctx.buy({ asset: 'X', quantity: 10, stopLoss: { price: 99 }, takeProfit: { price: 104.9 } }); } });
    expect(exitOf(result, 'stopLoss').events[1]).toMatchObject({ bar: 3, status: 'filled', price: 99 });
    expect(exitOf(result, 'takeProfit').events[1]).toMatchObject({ bar: 3, status: 'cancelled', reason: 'position closed' });
    expect(result.trades[0]).toMatchObject({ entryPrice: 104, exitPrice: 99, pnl: -50 });
  });

  it('a position closed by the strategy cancels its exits', () => {
    const { result } = runSteps({ ...buyAt0({ stopLoss: { price: 90 } }), 1: (ctx) => { ctx.closePosition('X'); } });
    expect(exitOf(result, 'stopLoss').events.map((e) => [e.status, e.bar])).toEqual([['submitted', 1], ['cancelled', 2]]);
    expect(result.trades[0]).toMatchObject({ entryPrice: 102, exitPrice: 103, barsHeld: 1 });
  });

  it('a short entry gets its stop above and its target below', () => {
    // Sell 10 at bar 1 → fills bar 2 open 103; stop 103 × 1.02 = 105.06, reached by bar 2 high 106.
    const { result } = runSteps({ 1: (ctx) => { ctx.sell({ asset: 'X', quantity: 10, stopLoss: { fraction: 0.02 }, takeProfit: { fraction: 0.05 } }); } });
    const sl = exitOf(result, 'stopLoss');
    expect(sl).toMatchObject({ side: 'buy', quantity: 10 });
    expect(sl.stopPrice).toBeCloseTo(105.06, 12);
    expect(exitOf(result, 'takeProfit').limitPrice).toBeCloseTo(97.85, 12);
    expect(sl.events[1]).toMatchObject({ bar: 2, status: 'filled' });
    expect(result.trades[0]!.quantity).toBe(-10);
    expect(result.trades[0]!.pnl).toBeCloseTo(-10 * (105.06 - 103), 10);
  });
});

describe('trailing stops', () => {
  it('fraction 0.05: level 96.9 → 98.8 (after high 104) → 100.7 (after high 106); bar 3 (low 98) exits at 100.7', () => {
    const { result } = runSteps(buyAt0({ trailingStop: { fraction: 0.05 } }));
    const ts = exitOf(result, 'trailingStop');
    expect(ts.stopPrice).toBeCloseTo(96.9, 12); // level when created, from the entry price
    expect(ts.events[1]).toMatchObject({ bar: 3, status: 'filled' });
    expect(ts.events[1]!.price).toBeCloseTo(106 * 0.95, 12);
    expect(result.trades[0]!.pnl).toBeCloseTo(10 * (100.7 - 102), 10);
  });

  it('ATR multiple 1 with atrPeriod 2: inactive during the ATR warm-up, then best high 106 − ATR 4 = 102, hit in bar 3', () => {
    // True ranges: bar 1 max(104−101, |104−100|, |101−100|) = 4, bar 2 max(4, 3, 1) = 4 → ATR(2) at bar 2 = 4.
    // Entry placed at bar 1 fills at bar 2 open 103 while ATR is still NaN: no level in bar 2.
    // After bar 2: best = 106, level = 106 − 1 × 4 = 102; bar 3 (open 104, low 98) exits at 102.
    let atrAt2 = NaN;
    const { result } = runSteps({
      1: (ctx) => { ctx.buy({ asset: 'X', quantity: 10, trailingStop: { atrMultiple: 1 } }); },
      2: (ctx) => { atrAt2 = ctx.atr('X'); },
    }, { atrPeriod: 2 });
    expect(atrAt2).toBe(4);
    const ts = exitOf(result, 'trailingStop');
    expect(ts.stopPrice).toBeUndefined();
    expect(ts.events[1]).toMatchObject({ bar: 3, status: 'filled', price: 102 });
    expect(result.trades[0]).toMatchObject({ entryPrice: 103, exitPrice: 102, pnl: -10 });
  });
});
