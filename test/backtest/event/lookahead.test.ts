// A strategy can read the current bar and the past, never the future: reads of later bars throw,
// views end at the current bar, and nothing the engine did up to bar k changes when the bars
// after k change.
import { describe, expect, it } from 'vitest';
import { runEventBacktest, LookAheadError, type IndicatorHandle, type Strategy } from '../../../lib/backtest/event';
import { sliceBars, type Bars } from '../../../lib/data/bars';
import { SmaState } from '../../../lib/features/moving-average';
import { sp500Bars } from '../../features/kind-contract';
import { runSteps, scenarioBars } from './scenario';

describe('look-ahead', () => {
  it('reading a later bar throws LookAheadError naming the read, the bar and the current bar', () => {
    let caught: unknown;
    runSteps({ 3: (ctx) => { try { ctx.data('X').close(-1); } catch (e) { caught = e; } } });
    expect(caught).toBeInstanceOf(LookAheadError);
    expect((caught as Error).message).toBe(
      'look-ahead: X.close(-1) reads bar 4 but the current bar is 3; a strategy may read only bars up to the current one. ' +
        'Fix: pass k >= 0 bars back (0 = the current bar, 1 = the previous one)',
    );
    expect(() => runSteps({ 2: (ctx) => { ctx.data('X').at(-2); } })).toThrow(/look-ahead: X\.at\(-2\) reads bar 4 but the current bar is 2/);
  });

  it('indicator values cannot be read ahead either', () => {
    let sma: IndicatorHandle;
    const strategy: Strategy = {
      init(ctx) { sma = ctx.indicator('X', new SmaState(2)); },
      onBar(ctx) { if (ctx.bar === 5) sma.value(-1); },
    };
    expect(() => runEventBacktest(strategy, scenarioBars())).toThrow(/look-ahead: indicator\(X\)\.value\(-1\) reads bar 6 but the current bar is 5/);
  });

  it('current and past reads work; windows end at the current bar and the storage holds no later bar', () => {
    const seen: number[][] = [];
    runSteps({
      3: (ctx) => {
        const x = ctx.data('X');
        seen.push([x.close(), x.close(1), x.open(3), x.close(4), x.length]);
        const w = x.window('close', 10);
        seen.push(Array.from(w));
        // Even the buffer behind the view has nothing after bar 3.
        seen.push(Array.from(new Float64Array(w.buffer)).filter((v) => v === 96 || v === 107));
      },
    });
    expect(seen).toEqual([[99, 105, 100, NaN, 4], [100, 103, 105, 99], []]);
  });

  it('orders, fills and equity up to bar k do not change when the bars after k change', () => {
    const full = sliceBars(sp500Bars(), 0, 1500);
    const strategy = (): Strategy => {
      let fast: IndicatorHandle, slow: IndicatorHandle;
      return {
        init(ctx) { fast = ctx.indicator('SPX', new SmaState(5)); slow = ctx.indicator('SPX', new SmaState(30)); },
        onBar(ctx) {
          if (fast.value(1) < slow.value(1) && fast.value() > slow.value()) ctx.order({ asset: 'SPX', targetWeight: 1, trailingStop: { fraction: 0.05 } });
          else if (fast.value(1) > slow.value(1) && fast.value() < slow.value()) ctx.closePosition('SPX');
        },
      };
    };
    const base = runEventBacktest(strategy(), full);
    expect(base.trades.length).toBeGreaterThan(10);
    for (const k of [200, 777, 1200]) {
      const changed: Bars = { ...full, open: full.open.slice(), high: full.high.slice(), low: full.low.slice(), close: full.close.slice() };
      for (let t = k + 1; t < full.time.length; t++) {
        for (const col of [changed.open, changed.high, changed.low, changed.close]) col[t] = col[t]! * (1 + 0.3 * Math.sin(t));
      }
      const other = runEventBacktest(strategy(), changed);
      expect(Array.from(other.equity.subarray(0, k + 1))).toEqual(Array.from(base.equity.subarray(0, k + 1)));
      const upTo = (r: typeof base) => r.orders.flatMap((o) => o.events.filter((e) => e.bar <= k).map((e) => ({ id: o.id, ...e })));
      expect(upTo(other)).toEqual(upTo(base));
      expect(Array.from(other.equity.subarray(k + 1))).not.toEqual(Array.from(base.equity.subarray(k + 1)));
    }
  });
});
