// Live parity: the same strategy fed the S&P 500 sample one bar at a time through
// StreamingEngine.push (plain bar objects, storage grown as it goes) produces exactly the order
// log, trades and equity of runEventBacktest over the whole history.
import { describe, expect, it } from 'vitest';
import { perShareCommission, fixedBpsSlippage } from '../../../lib/backtest/costs';
import {
  fixedFractionSizer, runEventBacktest, StreamingEngine, eventResultFromJSON, eventResultToJSON,
  type EngineOptions, type IndicatorHandle, type OrderLogEntry, type Strategy,
} from '../../../lib/backtest/event';
import { smaKind } from '../../../lib/features/moving-average';
import { RsiState } from '../../../lib/features/rsi';
import { sp500Bars } from '../../features/kind-contract';

/** SMA crossover entries with exits, RSI dip limit buys with a 5-bar life, sized by a sizer. */
function strategy(): Strategy {
  let fast: IndicatorHandle, slow: IndicatorHandle, rsi: IndicatorHandle;
  return {
    init(ctx) {
      fast = ctx.feature('SPX', smaKind, { window: 10 });
      slow = ctx.feature('SPX', smaKind, { window: 40 });
      rsi = ctx.indicator('SPX', new RsiState(14));
    },
    onBar(ctx) {
      const up = fast.value(1) < slow.value(1) && fast.value() > slow.value();
      const down = fast.value(1) > slow.value(1) && fast.value() < slow.value();
      if (up) ctx.orderSignal('SPX', 1, { stopLoss: { fraction: 0.08 }, trailingStop: { atrMultiple: 3 } });
      else if (down) ctx.closePosition('SPX');
      else if (rsi.value() < 30 && ctx.portfolio.position('SPX') === 0) {
        ctx.buy({ asset: 'SPX', quantity: 50, type: 'limit', limitPrice: ctx.data('SPX').close() * 0.99, timeInForce: { bars: 5 }, takeProfit: { fraction: 0.04 } });
      }
    },
  };
}

const OPTIONS: EngineOptions = {
  initialCash: 1_000_000, sizer: fixedFractionSizer(0.9), lotSize: 1,
  commission: perShareCommission({ rate: 0.005, minimum: 1 }), slippage: fixedBpsSlippage({ bps: 2 }),
  drawdownBreaker: { maxDrawdown: 0.25, rearmAfterBars: 60 },
};

describe('StreamingEngine replay = runEventBacktest', () => {
  it('emits the same orders, fills, trades and equity on the S&P 500 sample', () => {
    const bars = sp500Bars();
    const batch = runEventBacktest(strategy(), bars, OPTIONS);

    const live = new StreamingEngine(strategy(), { ...OPTIONS, assets: ['SPX'] });
    const emitted: OrderLogEntry[] = [];
    for (let t = 0; t < bars.time.length; t++) {
      const bar = { time: bars.time[t]!, open: bars.open[t]!, high: bars.high[t]!, low: bars.low[t]!, close: bars.close[t]!, volume: bars.volume[t]! };
      emitted.push(...live.push(t % 2 ? [bar] : { SPX: bar }));
    }
    const replay = live.result();

    // The scenario exercises every path the comparison is about.
    const roles = new Set(batch.orders.map((o) => o.role));
    for (const role of ['order', 'close', 'stopLoss', 'takeProfit', 'trailingStop']) expect(roles, role).toContain(role);
    expect(batch.orders.some((o) => o.status === 'expired')).toBe(true);
    expect(batch.trades.length).toBeGreaterThan(40);

    expect(replay.orders).toEqual(batch.orders);
    expect(replay.trades).toEqual(batch.trades);
    expect(Array.from(replay.equity)).toEqual(Array.from(batch.equity));
    expect(Array.from(replay.positions)).toEqual(Array.from(batch.positions));
    expect(replay.breakerTrips).toEqual(batch.breakerTrips);
    // What push() reported bar by bar is the order log, event for event.
    expect(emitted.length).toBe(batch.orders.reduce((n, o) => n + o.events.length, 0));
    for (const o of batch.orders) {
      expect(emitted.filter((e) => e.orderId === o.id).map(({ orderId: _id, asset: _a, ...event }) => event)).toEqual(o.events);
    }
  });

  it('serialises to JSON and back', () => {
    const result = runEventBacktest(strategy(), sp500Bars(), OPTIONS);
    const json = JSON.parse(JSON.stringify(eventResultToJSON(result)));
    expect(json.equity.length).toBe(result.equity.length);
    expect(eventResultFromJSON(json)).toEqual(result);
  });
});
