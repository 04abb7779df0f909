// The sizing module's rules plugged into the event engine: each sizer's decision at a bar equals
// the pure function applied to the bars seen up to that bar, and an orderSignal carries it.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBarsCsv, sliceBars, type Bars } from '../../../lib/data';
import {
  fixedFractionalSizer, kellySizer, riskParitySizer, runEventBacktest, volatilityTargetSizer, type Sizer, type StrategyContext,
} from '../../../lib/backtest/event';
import { fixedFractionalSize, kellyFromReturns, riskParityWeights, volatilityTarget } from '../../../lib/backtest/sizing';
import { fitGarch11 } from '../../../lib/stats/garch11';
import { PROJECT_ROOT } from '../../helpers/python';
import { sp500Bars } from '../../features/kind-contract';

const nasdaq = (): Bars => readBarsCsv(path.join(PROJECT_ROOT, '.venv/lib/python3.11/site-packages/arch/data/nasdaq/nasdaq.csv.gz'), { symbol: 'NDX' });
const returnsOf = (close: Float64Array, from: number, to: number) => Float64Array.from({ length: to - from }, (_, i) => close[from + i + 1]! / close[from + i]! - 1);

/** Runs `sizer` inside a strategy at bar `at` and returns what it decided (and the order it placed). */
function decideAt(sizer: Sizer, data: Bars[], at: number, asset: string) {
  let decision: unknown;
  const result = runEventBacktest({
    onBar(ctx: StrategyContext) {
      if (ctx.bar !== at) return;
      decision = sizer(ctx, asset, 1);
      ctx.orderSignal(asset, 1);
    },
  }, data.map((b) => sliceBars(b, 0, at + 2)), { sizer, lotSize: 0, maxLeverage: 3 });
  return { decision: decision as Record<string, number>, order: result.orders[0]! };
}

describe('sizing module sizers in the event engine', () => {
  const at = 1500;

  it('fixedFractionalSizer: units that lose riskFraction of equity at a stop stopFraction away', () => {
    const bars = sp500Bars();
    const { decision, order } = decideAt(fixedFractionalSizer({ riskFraction: 0.01, stopFraction: 0.05 }), [bars], at, 'SPX');
    const expected = fixedFractionalSize({ equity: 100_000, price: bars.close[at]!, riskFraction: 0.01, stopDistance: 0.05 * bars.close[at]! });
    expect(decision.targetQuantity).toBeCloseTo(expected, 9);
    expect(order.targetQuantity).toBeCloseTo(expected, 9);
  });

  it('kellySizer: half Kelly of the last 252 returns seen', () => {
    const bars = sp500Bars();
    const { decision } = decideAt(kellySizer(), [bars], at, 'SPX');
    expect(decision.targetWeight).toBe(Math.max(0, kellyFromReturns(returnsOf(bars.close, at - 252, at))));
  });

  it('volatilityTargetSizer: realized and GARCH forecasts from the bars seen only', () => {
    const bars = sp500Bars();
    const realized = decideAt(volatilityTargetSizer({ targetAnnualVol: 0.1 }), [bars], at, 'SPX').decision;
    const reference = volatilityTarget({ targetAnnualVol: 0.1, returns: returnsOf(bars.close, 0, at) }).weights;
    expect(realized.targetWeight).toBe(reference[reference.length - 1]);
    const fit = fitGarch11(Float64Array.from(returnsOf(bars.close, 0, 1000), (r) => 100 * r));
    const garchFit = { params: fit.params, backcast: fit.backcast };
    const garch = decideAt(volatilityTargetSizer({ targetAnnualVol: 0.1, method: 'garch', garchFit }), [bars], at, 'SPX').decision;
    const garchReference = volatilityTarget({ targetAnnualVol: 0.1, method: 'garch', garchFit, returns: returnsOf(bars.close, 0, at) }).weights;
    expect(garch.targetWeight).toBe(garchReference[garchReference.length - 1]);
    expect(garch.targetWeight).not.toBe(realized.targetWeight);
  });

  it('riskParitySizer: the asset weight of the equal-risk-contribution portfolio of the last 60 returns', () => {
    const [spx, ndx] = [sp500Bars(), nasdaq()];
    const { decision } = decideAt(riskParitySizer({ assets: ['SPX', 'NDX'] }), [spx, ndx], at, 'NDX');
    const rp = riskParityWeights({ returns: [returnsOf(spx.close, at - 60, at), returnsOf(ndx.close, at - 60, at)] });
    expect(decision.targetWeight).toBeCloseTo(rp.weights[1]!, 12);
    expect(decision.targetWeight).toBeLessThan(0.5); // the NASDAQ is the more volatile leg
  });

  it('rejects options that could only fail later', () => {
    expect(() => volatilityTargetSizer({ targetAnnualVol: 0.1, method: 'garch' })).toThrow(/options\.garchFit = undefined: is required with method 'garch'.*fitGarch11/);
    expect(() => fixedFractionalSizer({ riskFraction: 0.01 })).toThrow(/must set exactly one of atrMultiple, stopFraction/);
    expect(() => kellySizer({ lookback: 1 })).toThrow(/options\.lookback = 1: must be an integer >= 2/);
    expect(() => riskParitySizer({ assets: ['SPX'] })).toThrow(/options\.assets = array of length 1: must list at least two assets/);
  });
});
