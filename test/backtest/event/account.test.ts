// Cash, costs and risk limits on the 8-bar market of scenario.ts (opens 100, 102, 103, 104, 97,
// 96, 101, 102; closes 100, 103, 105, 99, 96, 99, 102, 107). Numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { bpsCommission, fixedBpsSlippage, perShareCommission, perTradeCommission, sumCommissions, volumeShareSlippage } from '../../../lib/backtest/costs';
import { fixedFractionSizer } from '../../../lib/backtest/event';
import { orderOf, ROWS, runSteps, scenarioBars, statuses, type Steps } from './scenario';

const CASH = 100_000;

describe('commission and slippage inside the engine', () => {
  it('per-share with a minimum plus a per-trade fee: buy 10 at 102 pays max(0.1, 1) + 0.5 = 1.5', () => {
    const commission = sumCommissions(perShareCommission({ rate: 0.01, minimum: 1 }), perTradeCommission({ fee: 0.5 }));
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); }, 2: (ctx) => { ctx.closePosition('X'); } }, { commission });
    expect(orderOf(result, ids.a!).events[1]).toMatchObject({ price: 102, commission: 1.5 });
    expect(result.cash[1]).toBe(CASH - 1020 - 1.5);
    // Exit at bar 3 open 104: another 1.5. Round trip: 10 × (104 − 102) − 3 = 17.
    expect(result.trades).toEqual([expect.objectContaining({ pnl: 17, commission: 3, returnPct: 17 / 1020 })]);
    expect(result.cash[3]).toBe(CASH + 17);
  });

  it('bps with a minimum: 10 bps of 1020 is 1.02, raised to the minimum 2', () => {
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); } }, { commission: bpsCommission({ bps: 10, minimum: 2 }) });
    expect(orderOf(result, ids.a!).commission).toBe(2);
  });

  it('fixed 50 bps slippage: buy at 102 × 1.005, sell at 104 × 0.995', () => {
    const { result } = runSteps({ 0: (ctx) => { ctx.buy({ asset: 'X', quantity: 10 }); }, 2: (ctx) => { ctx.sell({ asset: 'X', quantity: 10 }); } }, { slippage: fixedBpsSlippage({ bps: 50 }) });
    expect(result.trades[0]!.entryPrice).toBeCloseTo(102.51, 12);
    expect(result.trades[0]!.exitPrice).toBeCloseTo(103.48, 12);
    expect(result.trades[0]!.pnl).toBeCloseTo(10 * (103.48 - 102.51), 10);
  });

  it('volume-share slippage: 20 of 1000 shares moves the price by 0.1 × 0.02² of 102', () => {
    const { result } = runSteps({ 0: (ctx) => { ctx.buy({ asset: 'X', quantity: 20 }); } }, { slippage: volumeShareSlippage({ impact: 0.1, exponent: 2, maxParticipation: 0.02 }) });
    expect(result.openLots[0]!.entryPrice).toBeCloseTo(102 * 1.00004, 12);
  });
});

describe('short selling', () => {
  it('sell 10 at 103, cover at 97: proceeds credited, PnL +60, trade quantity −10', () => {
    const { result } = runSteps({ 1: (ctx) => { ctx.sell({ asset: 'X', quantity: 10 }); }, 3: (ctx) => { ctx.buy({ asset: 'X', quantity: 10 }); } });
    expect(result.cash[2]).toBe(CASH + 1030);
    expect(result.equity[2]).toBe(CASH + 1030 - 1050); // short marked at 105
    expect(result.positions[2]).toBe(-10);
    expect(result.trades).toEqual([expect.objectContaining({ quantity: -10, entryPrice: 103, exitPrice: 97, pnl: 60, returnPct: 60 / 1030, barsHeld: 2 })]);
    expect(result.cash[4]).toBe(CASH + 60);
  });

  it('a sell larger than the long flips it: the long closes (one trade) and the rest opens a short', () => {
    const { result } = runSteps({ 0: (ctx) => { ctx.buy({ asset: 'X', quantity: 5 }); }, 1: (ctx) => { ctx.sell({ asset: 'X', quantity: 8 }); } });
    expect(result.trades).toEqual([expect.objectContaining({ quantity: 5, entryPrice: 102, exitPrice: 103 })]);
    expect(result.openLots).toEqual([expect.objectContaining({ asset: 'X', quantity: -3, entryPrice: 103 })]);
  });

  it('allowShort false: a sell beyond the long is cut to the long; a sell from flat is rejected', () => {
    const { result, ids } = runSteps({
      0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 5 }); },
      1: (ctx, ids) => { ids.b = ctx.sell({ asset: 'X', quantity: 8 }); },
      3: (ctx, ids) => { ids.c = ctx.sell({ asset: 'X', quantity: 1 }); },
    }, { allowShort: false });
    expect(orderOf(result, ids.b!).events[1]).toMatchObject({ status: 'filled', quantity: -5, reason: 'reduced from -8 to -5: short selling is disabled' });
    expect(orderOf(result, ids.c!).events[1]).toMatchObject({ status: 'rejected', reason: 'short selling is disabled (options.allowShort = false)' });
  });
});

describe('buying power', () => {
  it("rejects an order the cash cannot cover (insufficientCash 'reject'): 10 × 102 > 1000", () => {
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); } }, { initialCash: 1000, insufficientCash: 'reject' });
    expect(statuses(result, ids.a!)).toEqual(['submitted', 'rejected']);
    expect(orderOf(result, ids.a!).events[1]!.reason).toBe('insufficient buying power for 10 at 102 (equity 1000, cash 1000, max leverage 1)');
    expect(result.cash[7]).toBe(1000);
  });

  it("reduces it by default: whole shares 9 (918), fractional 1000 / 102; with a fixed fee the fee is left in cash", () => {
    const whole = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); } }, { initialCash: 1000, lotSize: 1 });
    expect(orderOf(whole.result, whole.ids.a!).events[1]).toMatchObject({ status: 'filled', quantity: 9, reason: 'reduced from 10 to 9: insufficient buying power' });
    const frac = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); } }, { initialCash: 1000 });
    expect(orderOf(frac.result, frac.ids.a!).filledQuantity).toBeCloseTo(1000 / 102, 12);
    const fee = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); } }, { initialCash: 1000, commission: perTradeCommission({ fee: 10 }) });
    expect(orderOf(fee.result, fee.ids.a!).filledQuantity).toBeCloseTo(990 / 102, 12);
    expect(fee.result.cash[1]).toBeCloseTo(0, 9);
  });

  it('shares cash across assets: two 60% targets, the second is cut to the 40% left', () => {
    const y = scenarioBars('Y', ROWS.map((r) => r.map((v, k) => (k < 4 ? v / 2 : v))));
    const { result, ids } = runSteps({
      0: (ctx, ids) => { ids.x = ctx.order({ asset: 'X', targetWeight: 0.6 }); ids.y = ctx.order({ asset: 'Y', targetWeight: 0.6 }); },
    }, {}, [scenarioBars('X'), y]);
    expect(orderOf(result, ids.x!).filledQuantity).toBeCloseTo((0.6 * CASH) / 102, 9);
    const second = orderOf(result, ids.y!);
    expect(second.filledQuantity).toBeCloseTo((0.4 * CASH) / 51, 9);
    expect(second.events[1]!.reason).toMatch(/^reduced from 1176\.47\d+ to 784\.31\d+: insufficient buying power$/);
    expect(result.cash[1]).toBeCloseTo(0, 6);
  });

  it('maxLeverage 2 lets gross exposure reach twice equity (cash goes negative)', () => {
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.order({ asset: 'X', targetWeight: 3 }); } }, { maxLeverage: 2 });
    expect(orderOf(result, ids.a!).filledQuantity).toBeCloseTo((2 * CASH) / 102, 9);
    expect(result.cash[1]).toBeCloseTo(-CASH, 6);
  });

  it('maxPosition caps units and weight', () => {
    const q = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); } }, { maxPosition: { quantity: 5 } });
    expect(orderOf(q.result, q.ids.a!).events[1]).toMatchObject({ quantity: 5, reason: 'reduced from 10 to 5: position limit (options.maxPosition)' });
    const w = runSteps({ 0: (ctx, ids) => { ids.a = ctx.order({ asset: 'X', targetWeight: 0.5 }); } }, { maxPosition: { weight: 0.25 } });
    expect(orderOf(w.result, w.ids.a!).filledQuantity).toBeCloseTo((0.25 * CASH) / 102, 9);
  });
});

describe('drawdown circuit breaker', () => {
  // Buy 90 at 102 from 10,000: equity at the closes 10,090, 10,270 (peak), 9,730 at bar 3:
  // 1 − 9730 / 10270 = 5.26% ≥ 5%, so it trips at bar 3 and flattens at bar 4's open (97).
  const steps: Steps = {
    0: (ctx) => { ctx.buy({ asset: 'X', quantity: 90 }); },
    4: (ctx, ids) => { ids.late = ctx.buy({ asset: 'X', quantity: 1 }); },
    6: (ctx, ids) => { ids.later = ctx.buy({ asset: 'X', quantity: 1 }); },
  };

  it('flattens, then rejects new orders (never re-armed by default)', () => {
    const { result, ids } = runSteps(steps, { initialCash: 10_000, drawdownBreaker: { maxDrawdown: 0.05 } });
    expect(result.breakerTrips).toEqual([{ bar: 3, time: result.time[3], equity: 9730, peak: 10_270 }]);
    const flatten = result.orders.find((o) => o.role === 'circuitBreaker')!;
    expect(flatten.events.map((e) => [e.status, e.bar, e.quantity, e.price])).toEqual([['submitted', 3, undefined, undefined], ['filled', 4, -90, 97]]);
    expect(result.cash[4]).toBe(820 + 90 * 97);
    expect(orderOf(result, ids.late!).events[1]).toMatchObject({ status: 'rejected', reason: 'trading halted by the drawdown circuit breaker' });
    expect(statuses(result, ids.later!)).toEqual(['submitted', 'rejected']);
  });

  it('rearmAfterBars 2: trading resumes at the close of bar 5 with the peak reset', () => {
    const { result, ids } = runSteps(steps, { initialCash: 10_000, drawdownBreaker: { maxDrawdown: 0.05, rearmAfterBars: 2 } });
    expect(statuses(result, ids.late!)).toEqual(['submitted', 'rejected']);
    expect(orderOf(result, ids.later!).events[1]).toMatchObject({ status: 'filled', bar: 7, price: 102 });
    expect(result.breakerTrips.length).toBe(1);
  });
});

describe('sizing and pairs', () => {
  it('orderSignal with fixedFractionSizer(0.5): target 50% of equity at the fill price', () => {
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.orderSignal('X', 1, { stopLoss: { fraction: 0.1 } }); } }, { sizer: fixedFractionSizer(0.5) });
    const o = orderOf(result, ids.a!);
    expect(o).toMatchObject({ targetWeight: 0.5, side: 'buy', stopLoss: { fraction: 0.1 } });
    expect(o.filledQuantity).toBeCloseTo((0.5 * CASH) / 102, 9);
    expect(result.orders.some((r) => r.role === 'stopLoss' && r.parentId === ids.a)).toBe(true);
  });

  it('a target the position already meets is cancelled as nothing to trade', () => {
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.closePosition('X'); } });
    expect(orderOf(result, ids.a!).events[1]).toMatchObject({ status: 'cancelled', reason: 'nothing to trade: the position is already at the target' });
  });

  it('orderPair: y gets +units, x gets −hedgeRatio × units, linked to each other', () => {
    const data = [scenarioBars('Y'), scenarioBars('X')];
    let legs: [number, number] = [0, 0];
    const { result } = runSteps({ 0: (ctx) => { legs = ctx.orderPair({ y: 'Y', x: 'X', hedgeRatio: 0.5, units: 10 }); } }, {}, data);
    const [y, x] = legs.map((id) => orderOf(result, id));
    expect(y).toMatchObject({ asset: 'Y', role: 'pairLeg', quantity: 10, linkedId: x!.id, tag: 'pair Y/X' });
    expect(x).toMatchObject({ asset: 'X', role: 'pairLeg', quantity: -5, linkedId: y!.id });
    expect(Array.from(result.positions.subarray(2, 4))).toEqual([10, -5]);
  });
});

describe('assets without a bar', () => {
  it('an order waits through a bar with no data (NaN prices), which does not count toward its time in force; marks keep the last close', () => {
    const rows = ROWS.map((r, t) => (t === 1 ? [NaN, NaN, NaN, NaN, NaN] : r));
    const { result, ids } = runSteps({
      0: (ctx, ids) => { ids.m = ctx.buy({ asset: 'Y', quantity: 10 }); ids.d = ctx.sell({ asset: 'Y', quantity: 1, type: 'limit', limitPrice: 103, timeInForce: 'day' }); },
    }, {}, [scenarioBars('X'), scenarioBars('Y', rows)]);
    expect(orderOf(result, ids.m!).events[1]).toMatchObject({ bar: 2, price: 103 });
    // The day order's first tradable bar is bar 2 (high 106): it fills at its limit 103 there.
    expect(orderOf(result, ids.d!).events[1]).toMatchObject({ bar: 2, status: 'filled', price: 103 });
    expect(result.equity[1]).toBe(CASH);
  });
});
