// Shared by the engine-agreement tests: the SMA(10/20) crossover strategy both run through the
// event engine, and a plain batch SMA for the vectorized side.
import type { IndicatorHandle, Strategy } from '../../lib/backtest/event';
import { SmaState } from '../../lib/features/moving-average';

/**
 * Long/flat SMA(10/20) crossover on `asset`: buys `order(equity, close)` units when the fast
 * average crosses above the slow one while flat, closes when it crosses below while long.
 */
export function smaCross(asset: string, order: (equity: number, close: number) => number): Strategy {
  let fast: IndicatorHandle, slow: IndicatorHandle;
  return {
    init(ctx) {
      fast = ctx.indicator(asset, new SmaState(10));
      slow = ctx.indicator(asset, new SmaState(20));
    },
    onBar(ctx) {
      const f0 = fast.value(0), f1 = fast.value(1), s0 = slow.value(0), s1 = slow.value(1);
      const held = ctx.portfolio.position(asset) !== 0;
      if (f1 < s1 && f0 > s0 && !held) ctx.buy({ asset, quantity: order(ctx.portfolio.equity, ctx.data(asset).close()) });
      else if (s1 < f1 && s0 > f0 && held) ctx.closePosition(asset);
    },
  };
}

// A plain batch SMA (NaN before a full window), independent of both engines' own averages.
export function smaBatch(close: Float64Array, window: number): Float64Array {
  const out = new Float64Array(close.length).fill(Number.NaN);
  let sum = 0;
  for (let t = 0; t < close.length; t++) {
    sum += close[t]!;
    if (t >= window) sum -= close[t - window]!;
    if (t >= window - 1) out[t] = sum / window;
  }
  return out;
}
