// Bad input is rejected at the boundary with a message naming the argument, the value and the fix;
// good input is never written to.
import { describe, expect, it } from 'vitest';
import { movingAverageFromSum } from '../../../lib/backtest/vector/crossover';
import { simulateFromSignals } from '../../../lib/backtest/vector/from-signals';
import { simulateFromTargets } from '../../../lib/backtest/vector/from-targets';
import { maCrossoverSweep } from '../../../lib/backtest/vector/ma-sweep';
import { sweep } from '../../../lib/backtest/vector/sweep';
import type { SignalOptions, TargetOptions } from '../../../lib/backtest/vector/types';
import { InvalidArgumentError } from '../../../lib/util/errors';

const close = Float64Array.from([10, 11, 12, 11, 13]);
const open = Float64Array.from([10, 10.5, 11.5, 12, 11]);
const entries = Uint8Array.from([1, 0, 0, 0, 0]);
const exits = Uint8Array.from([0, 0, 1, 0, 0]);
const base: SignalOptions = { prices: { close }, entries, exits };

/** Runs `fn`, expects an InvalidArgumentError whose message matches every pattern. */
function rejects(fn: () => unknown, ...patterns: RegExp[]): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected an InvalidArgumentError').toBeInstanceOf(InvalidArgumentError);
  const message = (error as Error).message;
  for (const p of patterns) expect(message).toMatch(p);
  expect(message).toMatch(/Fix: /);
}

const signals = (extra: Partial<SignalOptions>) => () => simulateFromSignals({ ...base, ...extra } as SignalOptions);
const targets = (extra: Partial<TargetOptions>) => () =>
  simulateFromTargets({ prices: { close }, targets: Float64Array.from([0, 1, 1, 0, 0]), ...extra } as TargetOptions);

describe('simulateFromSignals / simulateFromTargets reject bad input', () => {
  it('options and prices', () => {
    rejects(() => simulateFromSignals(null as unknown as SignalOptions), /^options = null: must be an options object/);
    rejects(signals({ feez: 0.1 } as Partial<SignalOptions>), /options\.feez = 0\.1: is not a known option/, /use only: prices, asset/);
    rejects(signals({ prices: { close: [10, 11, 12, 11, 13] as unknown as Float64Array } }), /options\.prices\.close = array of length 5: must be a Float64Array/, /Float64Array\.from/);
    rejects(signals({ prices: { close: Float64Array.from([10, 11, NaN, 11, 13]) } }), /options\.prices\.close\[2\] = NaN: must be a finite positive price/, /forward-fill/);
    rejects(signals({ prices: { close, high: Float64Array.from([1, 2]) } }), /options\.prices\.high = array of length 2: has length 2 but the first asset has 5 bars/);
    rejects(signals({ prices: { close: Float64Array.from([10]) }, entries: new Uint8Array(1), exits: new Uint8Array(1) }), /options\.prices\.close = array of length 1: needs at least 2 bars/);
    rejects(signals({ prices: [] }), /options\.prices = array of length 0: is empty/);
    rejects(signals({ price: 'open' as 'close' }), /options\.price = "open": must be 'close' or 'nextOpen'/);
    rejects(signals({ price: 'nextOpen' }), /options\.prices\.open = undefined: is required with price 'nextOpen'/, /use price: 'close'/);
    rejects(signals({ direction: 'long' as 'longOnly' }), /options\.direction = "long": must be 'longOnly', 'shortOnly' or 'both'/);
    rejects(signals({ periodsPerYear: 0 }), /options\.periodsPerYear = 0: must be a positive number/, /252 for daily bars/);
  });

  it('signal arrays and columns', () => {
    rejects(signals({ entries: new Uint8Array(3) }), /options\.entries = array of length 3: has length 3 but the prices have 5 bars/, /one value per bar/);
    rejects(signals({ entries: [entries, entries], exits: [exits, exits, exits] }), /options\.exits = array of length 3: holds 3 arrays but there are 2 columns/);
    // A plain number array reads as a list of columns: its first element is the offender.
    rejects(signals({ entries: Array.from(entries) as unknown as Uint8Array }), /options\.entries\[0\] = 1: must be a Uint8Array/, /Uint8Array\.from/);
    rejects(signals({ prices: [{ close }, { close }], entries: [entries, entries, entries], exits }), /options\.asset = undefined: is needed: 3 columns but 2 assets/, /one asset index per column/);
    rejects(signals({ prices: [{ close }, { close }], entries: [entries, entries], exits, asset: [0, 2] }), /options\.asset\[1\] = 2: must be an integer in \[0, 1\]/);
    rejects(signals({ entries: [entries, entries], exits, group: [0, 2] }), /options\.group\[1\] = 2: must be an integer in \[0, 1\]/);
    rejects(signals({ entries: [entries, entries, entries], exits, group: [0, 2, 2] }), /options\.group = array of length 3: has no column in group 1/, /without gaps/);
    rejects(signals({ recordOrders: [5] }), /options\.recordOrders = array of length 1: holds 5, not a column index in \[0, 0\]/);
    rejects(signals({ curves: 'all' as unknown as boolean }), /options\.curves = "all": must be true, false or a list of group indices/);
  });

  it('costs, cash, stops and sizing', () => {
    rejects(signals({ fees: -0.1 }), /options\.fees = -0\.1: must be a number in \[0, 1\)/, /0\.001 for 0\.1%/);
    rejects(signals({ entries: [entries, entries], exits, slippage: [0, 2] }), /options\.slippage\[1\] = 2: must be a number in \[0, 1\)/);
    rejects(signals({ entries: [entries, entries], exits, fixedFees: [1] }), /options\.fixedFees = array of length 1: must be a number or 2 numbers \(one per column\)/);
    rejects(signals({ initCash: 0 }), /options\.initCash = 0: must be a finite positive number/, /10000/);
    rejects(signals({ entries: [entries, entries], exits, group: [0, 0], initCash: [1, 2] }), /options\.initCash = array of length 2: must be a number or an array of 1 numbers \(one per group\)/);
    rejects(signals({ slStop: 0 }), /options\.slStop = 0: must be > 0/, /leave it out for no stop/);
    rejects(signals({ slStop: 1.5 }), /options\.slStop = 1\.5: must be a number in \[0, 1\) or NaN \(off\)/);
    rejects(signals({ trailStop: -1 }), /options\.trailStop = -1/);
    rejects(signals({ stopExitPrice: 'market' as 'stopMarket' }), /options\.stopExitPrice = "market": must be 'stopLimit' or 'stopMarket'/);
    rejects(signals({ size: { type: 'shares', size: -5 } }), /options\.size\.size = -5: must be a finite positive number/);
    rejects(signals({ size: { type: 'percent', size: 1.5 } }), /options\.size\.size = 1\.5: must be a fraction in \(0, 1\]/);
    rejects(signals({ size: { type: 'percent', size: 0.5 }, direction: 'both' }), /options\.size = .*cannot size a reversal as a percent/, /'allCash'/);
    rejects(signals({ size: { type: 'lots', size: 1 } as unknown as SignalOptions['size'] }), /options\.size\.type = "lots": must be 'allCash', 'shares', 'value' or 'percent'/);
  });

  it('targets', () => {
    rejects(targets({ targets: Float64Array.from([0, 1, 1, -0.5, 0]) }), /options\.targets\[3\] = -0\.5: has the wrong sign for direction 'longOnly'/, /direction: 'both'/);
    rejects(targets({ targets: Float64Array.from([0, 1, 1, 0.5, 0]), direction: 'shortOnly' }), /options\.targets\[1\] = 1: has the wrong sign for direction 'shortOnly'/);
    rejects(targets({ targets: [Float64Array.from([0, Infinity, 1, 0, 0])] }), /options\.targets\[0\]\[1\] = Infinity: must be finite or NaN/);
    rejects(targets({ targetKind: 'percent' as 'weight' }), /options\.targetKind = "percent": must be 'weight', 'value' or 'shares'/);
    rejects(targets({ slStop: 0.1 } as Partial<TargetOptions>), /options\.slStop = 0\.1: is not a known option/);
  });
});

describe('sweeps reject bad input', () => {
  const prices = { close };
  it('sweep()', () => {
    const write = (_: unknown, out: { entries: Uint8Array }) => void (out.entries[0] = 1);
    rejects(() => sweep({ prices, params: { a: [1] } }), /options\.signals = undefined: exactly one of signals and targets must be given/);
    rejects(() => sweep({ prices, params: { a: [1] }, signals: write, targets: () => undefined }), /exactly one of signals and targets/);
    rejects(() => sweep({ prices, params: {}, signals: write }), /options\.params = \{\}: has no parameter/);
    rejects(() => sweep({ prices, params: { a: [] }, signals: write }), /options\.params\.a = array of length 0: must be a non-empty list of finite numbers/);
    rejects(() => sweep({ prices, params: { a: [1] }, signals: write, chunkSize: 0 }), /options\.chunkSize = 0: must be a positive integer/);
    rejects(() => sweep({ prices, params: { a: [1, 2] }, signals: write, curves: [2] }), /options\.curves = array of length 1: must list row indices in \[0, 1\]/);
    rejects(() => sweep({ prices, params: { a: [0.1, 2] }, signals: write, slStop: (p) => p.a }), /options\.slStop\(row 1\) = 2: must return a number in \[0, 1\) or NaN \(off\)/);
    rejects(() => sweep({ prices: [prices] as unknown as typeof prices, params: { a: [1] }, signals: write }), /options\.prices = array of length 1: must be one asset/);
    rejects(() => sweep({ prices, params: { a: [1] }, signals: () => ({ entries: new Uint8Array(2), exits: new Uint8Array(5) }) }), /signals\(row 0\)\.entries = array of length 2: has length 2 but the prices have 5 bars/);
  });

  it('maCrossoverSweep() and the moving average', () => {
    rejects(() => maCrossoverSweep({ prices, fast: [0, 2], slow: [4] }), /options\.fast\[0\] = 0: must be a positive integer number of bars/);
    rejects(() => maCrossoverSweep({ prices, fast: [], slow: [4] }), /options\.fast = array of length 0: must be a non-empty list of windows/);
    rejects(() => maCrossoverSweep({ prices, fast: [5, 6], slow: [3, 4] }), /options\.fast = array of length 2: leaves no pair with a slow window above it \(slow: \[3, 4\]\)/, /pairs: 'all'/);
    rejects(() => maCrossoverSweep({ prices, fast: [2], slow: [4], pairs: 'some' as 'all' }), /options\.pairs = "some": must be 'fastBelowSlow' or 'all'/);
    rejects(() => maCrossoverSweep({ prices, fast: [2], slow: [4], window: 3 } as unknown as Parameters<typeof maCrossoverSweep>[0]), /options\.window = 3: is not a known option/);
    rejects(() => movingAverageFromSum(close, 2.5), /window = 2\.5: must be a positive integer/);
  });
});

describe('inputs are never mutated', () => {
  it('by simulations and sweeps', () => {
    const prices = { close: close.slice(), open: open.slice(), high: close.map((c, t) => Math.max(c, open[t]!) + 1), low: close.map((c, t) => Math.min(c, open[t]!) - 1) };
    const snapshot = JSON.stringify(Object.values(prices).map((a) => Array.from(a)));
    const e = [entries.slice(), Uint8Array.from([0, 1, 0, 0, 0])];
    const x = [exits.slice(), Uint8Array.from([0, 0, 0, 1, 0])];
    const fees = [0.001, 0.002];
    const t = Float64Array.from([NaN, 0.5, 1, NaN, 0]);
    simulateFromSignals({ prices, entries: e, exits: x, fees, slStop: [0.05, NaN], trailStop: 0.1, price: 'nextOpen', direction: 'both', recordTrades: true, curves: true });
    simulateFromTargets({ prices, targets: [t, t], group: [0, 0], fees });
    maCrossoverSweep({ prices, fast: [1, 2], slow: [3], slStop: 0.1 });
    sweep({ prices, params: { k: [1, 2] }, targets: () => t });
    expect(JSON.stringify(Object.values(prices).map((a) => Array.from(a)))).toBe(snapshot);
    expect(e.map((a) => Array.from(a))).toEqual([[1, 0, 0, 0, 0], [0, 1, 0, 0, 0]]);
    expect(x.map((a) => Array.from(a))).toEqual([[0, 0, 1, 0, 0], [0, 0, 0, 1, 0]]);
    expect(fees).toEqual([0.001, 0.002]);
    expect(Array.from(t).map(String)).toEqual(['NaN', '0.5', '1', 'NaN', '0']);
  });
});
