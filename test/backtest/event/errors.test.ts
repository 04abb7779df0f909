// Bad input fails at once with the argument, the value and the fix in the message.
import { describe, expect, it } from 'vitest';
import { runEventBacktest, StreamingEngine, fixedFractionSizer, type OrderRequest, type StrategyContext } from '../../../lib/backtest/event';
import { SmaState } from '../../../lib/features/moving-average';
import { InvalidArgumentError } from '../../../lib/util/errors';
import { runSteps, scenarioBars } from './scenario';

const noop = { onBar() {} };

/** The error a request placed at bar 0 throws. */
function requestError(place: (ctx: StrategyContext) => void): string {
  try {
    runSteps({ 0: place });
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

describe('order requests', () => {
  it('names the field, the value and the fix', () => {
    expect(requestError((c) => c.buy({ asset: 'Y', quantity: 1 }))).toBe("request.asset = \"Y\": is not one of the engine's assets. Fix: use one of X");
    expect(requestError((c) => c.order({ asset: 'X', quantity: 0 }))).toBe('request.quantity = 0: must be a finite non-zero number of units. Fix: pass the units to trade, e.g. 10');
    expect(requestError((c) => c.order({ asset: 'X', quantity: 1, targetWeight: 0.5 }))).toMatch(/^request = .*: must set exactly one of quantity, targetWeight, targetQuantity \(got quantity and targetWeight\)\. Fix: say how much to trade in one way only$/);
    expect(requestError((c) => c.buy({ asset: 'X', quantity: -3 }))).toBe('request.quantity = -3: must be a finite number > 0 for buy(). Fix: pass the units to buy; use order() for a signed quantity');
    expect(requestError((c) => c.buy({ asset: 'X', quantity: 1, type: 'limit' }))).toBe('request.limitPrice = undefined: is required by a limit order. Fix: pass a positive price');
    expect(requestError((c) => c.buy({ asset: 'X', quantity: 1, stopPrice: 99 }))).toMatch(/^request\.stopPrice = 99: does not apply to a market order\. Fix: leave it out/);
    expect(requestError((c) => c.buy({ asset: 'X', quantity: 1, timeInForce: 'week' as never }))).toMatch(/^request\.timeInForce = "week": must be 'gtc', 'day', 'ioc' or \{ bars: n \}/);
    expect(requestError((c) => c.buy({ asset: 'X', quantity: 1, timeInForce: { bars: 0 } }))).toMatch(/^request\.timeInForce\.bars = 0: must be a whole number >= 1/);
    expect(requestError((c) => c.buy({ asset: 'X', quantity: 1, stopLoss: { fraction: 1.5 } }))).toBe('request.stopLoss.fraction = 1.5: must be a fraction in (0, 1). Fix: pass e.g. 0.05 for 5% from the entry price');
    expect(requestError((c) => c.buy({ asset: 'X', quantity: 1, trailingStop: { atrMultiple: -1 } }))).toMatch(/^request\.trailingStop\.atrMultiple = -1: must be a finite number > 0/);
    expect(requestError((c) => c.buy({ asset: 'X', quantity: 1, size: 3 } as OrderRequest))).toMatch(/^request\.size = 3: is not a known option/);
    expect(requestError((c) => c.orderSignal('X', 1))).toMatch(/^options\.sizer = undefined: is not set, so orderSignal cannot size\. Fix: pass a sizer/);
    expect(requestError((c) => c.orderPair({ y: 'X', x: 'X', hedgeRatio: 1, units: 1 }))).toBe('pair.x = "X": is the same asset as pair.y. Fix: pass two different assets');
    expect(requestError((c) => c.indicator('X', new SmaState(3)))).toMatch(/^indicator\(X\) = 0: can only be registered in init .*Fix: register indicators in strategy\.init\(ctx\)$/);
    expect(requestError((c) => c.data('Z'))).toMatch(/^asset = "Z": is not one of the engine's assets/);
  });

  it('rejects orders placed in init and a bad signal', () => {
    expect(() => runEventBacktest({ init: (c) => { c.buy({ asset: 'X', quantity: 1 }); }, onBar() {} }, scenarioBars()))
      .toThrow(/was placed inside init, before any bar exists\. Fix: place orders in onBar/);
    expect(() => runSteps({ 0: (c) => { c.orderSignal('X', NaN); } }, { sizer: fixedFractionSizer(0.1) })).toThrow(/^signal = NaN: must be a finite number/);
    expect(() => fixedFractionSizer(0)).toThrow('fraction = 0: must be a finite number > 0. Fix: pass the share of equity per full signal, e.g. 0.1');
  });
});

describe('engine options and data', () => {
  it('checks options', () => {
    const bars = scenarioBars();
    expect(() => runEventBacktest(noop, bars, { fillModel: 'nextTick' as never })).toThrow(`options.fillModel = "nextTick": must be 'nextOpen', 'nextClose' or 'sameClose'. Fix: pass 'nextOpen' (orders fill at the next bar's open)`);
    expect(() => runEventBacktest(noop, bars, { drawdownBreaker: { maxDrawdown: 1.5 } })).toThrow(/^options\.drawdownBreaker\.maxDrawdown = 1\.5: must be a fraction in \(0, 1\)/);
    expect(() => runEventBacktest(noop, bars, { lotSize: -1 })).toThrow(/^options\.lotSize = -1: must be a finite number >= 0\. Fix: pass 1 for whole shares/);
    expect(() => runEventBacktest(noop, bars, { initialCash: 0 })).toThrow(/^options\.initialCash = 0: must be a finite number > 0/);
    expect(() => runEventBacktest(noop, bars, { comission: 1 } as never)).toThrow(/^options\.comission = 1: is not a known option/);
    expect(() => runEventBacktest(noop, bars, { commission: { kind: 'perTrade', fee: -1 } })).toThrow(/^options\.commission\.fee = -1/);
    expect(() => runEventBacktest(noop, bars, { maxPosition: { units: 3 } } as never)).toThrow(/^options\.maxPosition\.units = 3: is not a known option/);
    expect(() => runEventBacktest(noop, bars, { assets: ['X'] } as never)).toThrow(/^options\.assets = array of length 1: is set by runEventBacktest from the data/);
    expect(() => runEventBacktest({} as never, bars)).toThrow(/^strategy = \{\}: must be an object with an onBar\(ctx\) method/);
  });

  it('checks the bars', () => {
    const x = scenarioBars('X');
    const shifted = { ...scenarioBars('Y'), time: x.time.map((t) => t + 1) };
    expect(() => runEventBacktest(noop, [x, shifted])).toThrow(/^data\[1\]\.time = array of length 8: is not the same calendar as data\[0\] \(X\)\. Fix: align the assets on one time column first/);
    expect(() => runEventBacktest(noop, [x, scenarioBars('X')])).toThrow(/^data\[1\]\.symbol = "X": is used by an earlier asset/);
    const bad = { ...x, close: x.close.slice() };
    bad.close[4] = -1;
    expect(() => runEventBacktest(noop, bad)).toThrow(/^data\.close\[4\] = -1: must be a finite positive price \(or open, high, low and close all NaN where the asset has no bar\)/);
    expect(() => runEventBacktest(noop, [])).toThrow(/^data = array of length 0: holds no assets/);
  });

  it('checks what is pushed', () => {
    const engine = new StreamingEngine(noop, { assets: ['A', 'B'] });
    const bar = { time: 1, open: 1, high: 1, low: 1, close: 1, volume: 1 };
    expect(() => engine.push([bar])).toThrow(/^bars = array of length 1: has 1 bars for 2 assets/);
    expect(() => engine.push({ C: bar })).toThrow(/^bars\.C = .*: is not one of the engine's assets\. Fix: use only A, B/);
    expect(() => engine.push({ A: bar, B: { ...bar, time: 2 } })).toThrow(/^bars\.B\.time = 2: differs from the other bars' time 1/);
    expect(() => engine.push({ A: { ...bar, high: NaN } })).toThrow(/^bars\.A\.high = NaN: must be a finite positive price/);
    engine.push({ A: bar });
    expect(() => engine.push({ A: bar })).toThrow(/^bars\.time = 1: is not after the previous bar's time 1\. Fix: push bars in strictly increasing time order/);
    expect(() => new StreamingEngine(noop, { assets: ['A', 'A'] })).toThrow(/^options\.assets = array of length 2: names A twice/);
  });
});
