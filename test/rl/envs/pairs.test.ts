// The pairs environment: positions in the spread sized by the hedge ratio. Without costs its
// equity equals the event-driven backtester's trading the two legs' target weights (costs then
// differ only because the backtester sizes the second leg after the first one's costs); with
// costs, one entry is priced by hand through the same cost functions.
import { describe, expect, it } from 'vitest';
import { bpsCommission, commissionFor, fixedBpsSlippage, slippedPrice } from '../../../lib/backtest/costs';
import { runEventBacktest } from '../../../lib/backtest/event';
import { targetWeightsStrategy } from '../../../lib/backtest/strategies/target-weights';
import { sliceBars } from '../../../lib/data/bars';
import { rollingZScore } from '../../../lib/features/zscore';
import { checkEnv, PairsTradingEnv, SyncVectorEnv, type PairsTradingOptions } from '../../../lib/rl';
import { barsFromCloses, stickyActions, stocks20 } from './trading-fixtures';

const H = 0.8;
function legs() {
  const p = stocks20();
  const at = (s: string) => p.close[p.symbols.indexOf(s)]!;
  return { y: barsFromCloses('KO', p.time, at('KO')), x: barsFromCloses('PEP', p.time, at('PEP')) };
}
const env = (extra: Partial<PairsTradingOptions> = {}) => new PairsTradingEnv({ ...legs(), hedgeRatio: H, window: 4, episodeLength: 150, ...extra });

describe('PairsTradingEnv', () => {
  it('without costs, equity equals the event-driven backtester trading the same legs', () => {
    const e = env({ leverage: 1.5 });
    const [, info0] = e.reset({ seed: 8 });
    const infos = [info0];
    for (const a of stickyActions(150, 4, 0.1)) infos.push(e.step(a)[4]);
    const t0 = info0.bar as number, steps = 150;
    const { y, x } = legs();
    const wy = new Float64Array(steps + 1).fill(Number.NaN), wx = wy.slice();
    let held = 0;
    for (let k = 0; k < steps; k++) {
      const p = infos[k + 1]!.position as number;
      if (p === held) continue;
      held = p;
      // The legs' target weights at the fill (bar t0 + k + 1's open) that give u = p·L·equity / (oy + |h|·ox).
      const oy = y.open[t0 + k + 1]!, ox = x.open[t0 + k + 1]!, d = oy + H * ox;
      wy[k] = (p * 1.5 * oy) / d;
      wx[k] = (-H * p * 1.5 * ox) / d;
      expect(infos[k + 1]!.unitsY === 0).toBe(p === 0);
    }
    expect(wy.filter((v) => !Number.isNaN(v)).length).toBeGreaterThan(5);
    const result = runEventBacktest(targetWeightsStrategy({ weights: { KO: wy, PEP: wx }, minChange: 0 }),
      [sliceBars(y, t0, t0 + steps + 1), sliceBars(x, t0, t0 + steps + 1)], { initialCash: 100_000, maxLeverage: 3 });
    let worst = 0;
    for (let k = 0; k <= steps; k++) worst = Math.max(worst, Math.abs((infos[k]!.equity as number) / result.equity[k]! - 1));
    expect(worst).toBeLessThan(1e-9);
  });

  it('with costs, an entry trades u of y and −h·u of x at the next open through the cost models', () => {
    const commission = bpsCommission({ bps: 10 }), slippage = fixedBpsSlippage({ bps: 5 });
    const e = env({ mode: 'evaluate', range: { start: 300, end: 310 }, episodeLength: undefined, commission, slippage });
    e.reset();
    const [obs, , , , info] = e.step(2);
    const { y, x } = legs();
    const oy = y.open[301]!, ox = x.open[301]!;
    const u = (100_000) / (oy + H * ox);
    const py = slippedPrice(slippage, oy, u, 1e6), px = slippedPrice(slippage, ox, -H * u, 1e6);
    const cash = 100_000 - (u * py + commissionFor(commission, u, py)) - (-H * u * px + commissionFor(commission, -H * u, px));
    expect(info.unitsY).toBeCloseTo(u, 10);
    expect(info.unitsX).toBeCloseTo(-H * u, 10);
    expect(info.cash).toBeCloseTo(cash, 8);
    expect(info.equity).toBeCloseTo(cash + u * y.close[301]! - H * u * x.close[301]!, 8);
    expect(obs[4]).toBe(1);
    // The default feature: the spread's 20-bar z-score, window ending at the bar.
    const z = rollingZScore(Float64Array.from(y.close, (c, t) => c - H * x.close[t]!), 20);
    expect(Array.from(obs.subarray(0, 4))).toEqual(Array.from(z.subarray(298, 302)));
  });

  it('passes checkEnv (bare and vectorized) and seeded alike gives identical rollouts', () => {
    expect(checkEnv(env({ episodeLength: 40, reward: 'pnl' })).episodesEnded).toBeGreaterThan(0);
    expect(checkEnv(new SyncVectorEnv([() => env(), () => env()])).steps).toBe(200);
    const run = () => {
      const e = env();
      const out = [Array.from(e.reset({ seed: 5 })[0])];
      for (const a of stickyActions(100, 6)) { const [o, r] = e.step(a); out.push(Array.from(o), [r]); }
      return out;
    };
    expect(run()).toEqual(run());
  });

  it('rejects bad options with the argument, the value and the fix', () => {
    const { y, x } = legs();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ hedgeRatio: 0 }, /options\.hedgeRatio = 0: must be a finite non-zero number\. Fix: pass the units of x per unit of y/],
      [{ leverage: -1 }, /options\.leverage = -1: must be a finite number > 0/],
      [{ x: sliceBars(x, 1) }, /options\.x\.time = array of length \d+: is not the same calendar as options\.y\.time\. Fix: align the series/],
      [{ columns: [y.close], zWindow: 10 }, /options\.zWindow = 10: only applies to the default spread z-score feature/],
      [{ hedge: 1 }, /options\.hedge = 1: is not a known option/],
    ];
    for (const [extra, message] of cases) expect(() => env(extra as Partial<PairsTradingOptions>)).toThrow(message);
  });
});
