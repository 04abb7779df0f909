// Worked examples on the 8-bar market of scenario.ts (open/high/low/close per bar):
//   0: 100 101  99 100   1: 102 104 101 103   2: 103 106 102 105   3: 104 105  98  99
//   4:  97  99  95  96   5:  96 100  95  99   6: 101 103 100 102   7: 102 108 101 107
// Every fill price below is worked out by hand from those numbers.
import { describe, expect, it } from 'vitest';
import { limitFillPrice, stopFillPrice, stopLimitFill } from '../../../lib/backtest/event';
import { day, orderOf, runSteps, statuses, type Steps } from './scenario';

const CASH = 100_000;

describe('market orders and fill models', () => {
  it('nextOpen: placed at bar 0, fills at bar 1 open (102); equity marks at the close', () => {
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); } });
    const o = orderOf(result, ids.a!);
    expect(o.events).toEqual([
      { bar: 0, time: day(0), status: 'submitted' },
      { bar: 1, time: day(1), status: 'filled', quantity: 10, price: 102, commission: 0 },
    ]);
    expect(result.cash[0]).toBe(CASH);
    expect(result.cash[1]).toBe(CASH - 1020);
    expect(result.equity[1]).toBe(CASH - 1020 + 1030); // 10 units marked at 103
    expect(result.equity[7]).toBe(CASH - 1020 + 1070);
    expect(result.positions[1]).toBe(10);
    expect(result.returns[1]).toBeCloseTo(100_010 / 100_000 - 1, 15);
  });

  it('nextClose: fills at bar 1 close (103); sameClose: at bar 0 close (100)', () => {
    const buy: Steps = { 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 10 }); } };
    const next = runSteps(buy, { fillModel: 'nextClose' });
    expect(orderOf(next.result, next.ids.a!).events[1]).toMatchObject({ bar: 1, price: 103 });
    const same = runSteps(buy, { fillModel: 'sameClose' });
    expect(orderOf(same.result, same.ids.a!).events[1]).toMatchObject({ bar: 0, price: 100 });
    expect(same.result.positions[0]).toBe(10);
  });
});

describe('limit, stop and stop-limit orders', () => {
  it('buy limit 101 fills inside bar 1 at the limit; buy limit 98 placed at bar 3 fills at bar 4 open 97 (gap)', () => {
    const { result, ids } = runSteps({
      0: (ctx, ids) => { ids.inRange = ctx.buy({ asset: 'X', quantity: 1, type: 'limit', limitPrice: 101 }); },
      3: (ctx, ids) => { ids.gap = ctx.buy({ asset: 'X', quantity: 1, type: 'limit', limitPrice: 98 }); },
    });
    expect(orderOf(result, ids.inRange!).events[1]).toMatchObject({ bar: 1, status: 'filled', price: 101 });
    expect(orderOf(result, ids.gap!).events[1]).toMatchObject({ bar: 4, status: 'filled', price: 97 });
  });

  it('sell limit 105 on a long fills at bar 2 (high 106) at 105', () => {
    const { result, ids } = runSteps({
      0: (ctx) => { ctx.buy({ asset: 'X', quantity: 1 }); },
      1: (ctx, ids) => { ids.tp = ctx.sell({ asset: 'X', quantity: 1, type: 'limit', limitPrice: 105 }); },
    });
    expect(orderOf(result, ids.tp!).events[1]).toMatchObject({ bar: 2, price: 105 });
    expect(result.trades).toEqual([{ entryTime: day(1), exitTime: day(2), entryPrice: 102, exitPrice: 105, quantity: 1, pnl: 3, returnPct: 3 / 102, barsHeld: 1, commission: 0 }]);
  });

  it('buy stop 105 waits through bar 1 (high 104) and fills at 105 in bar 2; buy stop 100 placed at bar 5 fills at bar 6 open 101 (gap)', () => {
    const { result, ids } = runSteps({
      0: (ctx, ids) => { ids.range = ctx.buy({ asset: 'X', quantity: 1, type: 'stop', stopPrice: 105 }); },
      5: (ctx, ids) => { ids.gap = ctx.buy({ asset: 'X', quantity: 1, type: 'stop', stopPrice: 100 }); },
    });
    expect(orderOf(result, ids.range!).events[1]).toMatchObject({ bar: 2, price: 105 });
    expect(orderOf(result, ids.gap!).events[1]).toMatchObject({ bar: 6, price: 101 });
  });

  it('sell stop 98.5 placed at bar 2 fills at 98.5 in bar 3 (low 98); sell stop 99 placed at bar 3 fills at bar 4 open 97 (gap)', () => {
    const { result, ids } = runSteps({
      0: (ctx) => { ctx.buy({ asset: 'X', quantity: 2 }); },
      2: (ctx, ids) => { ids.range = ctx.sell({ asset: 'X', quantity: 1, type: 'stop', stopPrice: 98.5 }); },
      3: (ctx, ids) => { ids.gap = ctx.sell({ asset: 'X', quantity: 1, type: 'stop', stopPrice: 99 }); },
    });
    expect(orderOf(result, ids.range!).events[1]).toMatchObject({ bar: 3, price: 98.5 });
    expect(orderOf(result, ids.gap!).events[1]).toMatchObject({ bar: 4, price: 97 });
  });

  it('stop-limit: touched inside the bar with the stop inside the limit fills at the stop', () => {
    // Buy stop 104 / limit 104.5: bar 1 high 104 touches the stop; 104 <= 104.5, so 104.
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 1, type: 'stopLimit', stopPrice: 104, limitPrice: 104.5 }); } });
    expect(orderOf(result, ids.a!).events[1]).toMatchObject({ bar: 1, price: 104 });
  });

  it('stop-limit: triggered at the open above the limit, fills at the limit later in the same bar', () => {
    // Buy stop 102 / limit 101: bar 1 opens at 102 (triggered at the open), then trades down to 101.
    const { result, ids } = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 1, type: 'stopLimit', stopPrice: 102, limitPrice: 101 }); } });
    expect(orderOf(result, ids.a!).events[1]).toMatchObject({ bar: 1, price: 101 });
  });

  it('stop-limit: triggered inside the bar with the limit below the stop waits, then fills as a limit order', () => {
    // Buy stop 105.5 / limit 104 placed at bar 1: bar 2 reaches 105.5 but whether it came back
    // to 104 afterwards is unknown, so no fill; bar 3 opens at 104 <= 104: filled at 104.
    const { result, ids } = runSteps({ 1: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 1, type: 'stopLimit', stopPrice: 105.5, limitPrice: 104 }); } });
    expect(orderOf(result, ids.a!).events[1]).toMatchObject({ bar: 3, price: 104 });
  });

  it('pure fill rules agree with the worked examples', () => {
    expect(limitFillPrice(1, 101, 102, 104, 101, false)).toBe(101);
    expect(limitFillPrice(1, 101, 102, 104, 101, true)).toBeNaN();
    expect(limitFillPrice(-1, 100, 101, 103, 100, true)).toBe(101);
    expect(stopFillPrice(-1, 99, 97, 99, 95, true)).toBe(97);
    expect(stopFillPrice(1, 110, 102, 108, 101, false)).toBeNaN();
    expect(stopLimitFill(1, 105.5, 104, false, 103, 106, 102, false)).toEqual([NaN, true]);
    expect(stopLimitFill(-1, 99, 97.5, false, 104, 105, 98, false)).toEqual([99, true]);
  });
});

describe('time in force', () => {
  it('day: a buy limit 100 placed at bar 1 is not reached in bar 2 (low 102) and expires there', () => {
    const { result, ids } = runSteps({ 1: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 1, type: 'limit', limitPrice: 100, timeInForce: 'day' }); } });
    expect(statuses(result, ids.a!)).toEqual(['submitted', 'expired']);
    expect(orderOf(result, ids.a!).events[1]).toMatchObject({ bar: 2, reason: 'day order not filled on its bar' });
  });

  it('{ bars: 2 }: a buy limit 95 placed at bar 0 expires after bars 1 and 2; gtc keeps working and fills at bar 4 (low 95)', () => {
    const { result, ids } = runSteps({
      0: (ctx, ids) => {
        ids.n = ctx.buy({ asset: 'X', quantity: 1, type: 'limit', limitPrice: 95, timeInForce: { bars: 2 } });
        ids.gtc = ctx.buy({ asset: 'X', quantity: 1, type: 'limit', limitPrice: 95 });
      },
    });
    expect(orderOf(result, ids.n!).events.map((e) => [e.status, e.bar])).toEqual([['submitted', 0], ['expired', 2]]);
    expect(orderOf(result, ids.gtc!).events.map((e) => [e.status, e.bar, e.price])).toEqual([['submitted', 0, undefined], ['filled', 4, 95]]);
  });

  it('ioc: with a 2% volume cap (20 of 1000) a market buy of 50 fills 20 and the rest is cancelled; gtc fills 20, 20, 10', () => {
    const slippage = { kind: 'volumeShare', impact: 0, exponent: 2, maxParticipation: 0.02 } as const;
    const ioc = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 50, timeInForce: 'ioc' }); } }, { slippage });
    const o = orderOf(ioc.result, ioc.ids.a!);
    expect(o.events.map((e) => [e.status, e.bar, e.quantity])).toEqual([['submitted', 0, undefined], ['partiallyFilled', 1, 20], ['cancelled', 1, undefined]]);
    expect(o.filledQuantity).toBe(20);
    const gtc = runSteps({ 0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 50 }); } }, { slippage });
    const g = orderOf(gtc.result, gtc.ids.a!);
    expect(g.events.map((e) => [e.status, e.bar, e.quantity, e.price])).toEqual([
      ['submitted', 0, undefined, undefined], ['partiallyFilled', 1, 20, 102], ['partiallyFilled', 2, 20, 103], ['filled', 3, 10, 104],
    ]);
    expect(g.averagePrice).toBeCloseTo((20 * 102 + 20 * 103 + 10 * 104) / 50, 12);
    // A target is resolved once, at its first fill, and then fills like a quantity.
    const target = runSteps({ 0: (ctx, ids) => { ids.a = ctx.order({ asset: 'X', targetQuantity: 50 }); } }, { slippage });
    expect(orderOf(target.result, target.ids.a!).events.map((e) => [e.status, e.bar, e.quantity])).toEqual([
      ['submitted', 0, undefined], ['partiallyFilled', 1, 20], ['partiallyFilled', 2, 20], ['filled', 3, 10],
    ]);
  });

  it('cancel: the strategy cancels a working order; cancelling it again reports false', () => {
    let second: boolean | undefined;
    const { result, ids } = runSteps({
      0: (ctx, ids) => { ids.a = ctx.buy({ asset: 'X', quantity: 1, type: 'limit', limitPrice: 90 }); },
      2: (ctx, ids) => { ctx.cancel(ids.a!); second = ctx.cancel(ids.a!); },
    });
    expect(orderOf(result, ids.a!).events.map((e) => [e.status, e.bar, e.reason])).toEqual([['submitted', 0, undefined], ['cancelled', 2, 'cancelled by the strategy']]);
    expect(second).toBe(false);
  });

  it('openOrders lists working orders as copies', () => {
    let seen: number[] = [];
    runSteps({
      0: (ctx) => { ctx.buy({ asset: 'X', quantity: 1, type: 'limit', limitPrice: 90 }); ctx.buy({ asset: 'X', quantity: 1 }); },
      1: (ctx) => { seen = ctx.openOrders('X').map((o) => o.limitPrice ?? -1); ctx.openOrders()[0]!.events.length = 0; },
      2: (ctx) => { expect(ctx.openOrders()[0]!.events.length).toBe(1); },
    });
    expect(seen).toEqual([90]);
  });
});
