import { describe, expect, it } from 'vitest';
import { readBarsCsv, sliceBars, type Bars } from '../../lib/data';
import { buildFeatureFrame, FEATURE_NAMES, firstCompleteRow, logReturns, rollingStd, rsi, sma } from '../../lib/features';
import { InvalidArgumentError } from '../../lib/util/errors';
import { SP500_GZ } from '../data/fixtures';

const bars = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
const options = { smaWindow: 20, rsiPeriod: 14, volatilityWindow: 21 };
const n = bars.time.length;

function column(frame: ReturnType<typeof buildFeatureFrame>, name: string): Float64Array {
  const i = frame.names.indexOf(name);
  if (i < 0) throw new Error(`no feature ${name}`);
  return frame.columns[i]!;
}

/** Copy of the bars with close[k] (and the high/low around it) changed. */
function withClose(source: Bars, k: number, factor: number): Bars {
  const b = { ...source, close: source.close.slice(), high: source.high.slice(), low: source.low.slice() };
  b.close[k] = b.close[k]! * factor;
  b.high[k] = Math.max(b.high[k]!, b.close[k]!);
  b.low[k] = Math.min(b.low[k]!, b.close[k]!);
  return b;
}

describe('buildFeatureFrame', () => {
  const frame = buildFeatureFrame(bars, options);

  it('holds the documented features, built from the kernels', () => {
    expect(frame.names).toEqual([...FEATURE_NAMES]);
    expect(frame.names.length).toBeGreaterThanOrEqual(5);
    expect(frame.columns.every((c) => c.length === n)).toBe(true);
    const lr = logReturns(bars.close);
    const avg = sma(bars.close, 20);
    const t = 1000;
    expect(column(frame, 'logReturn')[t]).toBe(lr[t]);
    expect(column(frame, 'priceToSma')[t]).toBe(bars.close[t]! / avg[t]! - 1);
    expect(column(frame, 'rsi')[t]).toBe(rsi(bars.close, 14)[t]! / 100);
    expect(column(frame, 'volatility')[t]).toBe(rollingStd(lr, 21)[t]);
    expect(column(frame, 'logReturnLag1')[t]).toBe(lr[t - 1]);
    expect(column(frame, 'logRange')[t]).toBe(Math.log(bars.high[t]! / bars.low[t]!));
    expect(Array.from(frame.time)).toEqual(Array.from(bars.time));
  });

  it('labels the next bar\'s direction, NaN on the last bar', () => {
    for (const t of [0, 1, 2500, n - 2]) expect(frame.label[t]).toBe(bars.close[t + 1]! > bars.close[t]! ? 1 : 0);
    expect(frame.label[n - 1]).toBeNaN();
    const ups = frame.label.reduce((s, v) => s + (Number.isNaN(v) ? 0 : v), 0);
    expect(ups / (n - 1)).toBeGreaterThan(0.45); // S&P 500 rose on about 53% of days
    expect(ups / (n - 1)).toBeLessThan(0.6);
  });

  it('firstCompleteRow is the end of the longest warm-up (volatility: 21 returns from index 1)', () => {
    const first = firstCompleteRow(frame);
    expect(first).toBe(21);
    expect(frame.columns.every((c) => Number.isFinite(c[first]!))).toBe(true);
    expect(frame.columns.some((c) => !Number.isFinite(c[first - 1]!))).toBe(true);
    expect(firstCompleteRow(buildFeatureFrame(sliceBars(bars, 0, 10), options))).toBe(-1);
  });

  it('has no look-ahead: features on bars[0..n-100] equal those on all bars at every shared index', () => {
    const m = n - 100;
    const head = buildFeatureFrame(sliceBars(bars, 0, m), options);
    for (let j = 0; j < frame.names.length; j++) {
      // Exact equality (Object.is via toEqual, NaN equal to NaN) over every shared row.
      expect(Array.from(head.columns[j]!), frame.names[j]).toEqual(Array.from(frame.columns[j]!.subarray(0, m)));
    }
    // The label alone differs, and only on the truncated frame's last row, where t+1 is not known.
    expect(Array.from(head.label.subarray(0, m - 1))).toEqual(Array.from(frame.label.subarray(0, m - 1)));
    expect(head.label[m - 1]).toBeNaN();
    expect(frame.label[m - 1]).not.toBeNaN();
  });

  it('the label is the only column that uses t+1: changing close[k+1] changes nothing at k but the label', () => {
    const k = 3000;
    const original = frame.label[k]!;
    // Flip tomorrow's direction: move close[k+1] to the other side of close[k].
    const factor = (original === 1 ? 0.98 : 1.02) * bars.close[k]! / bars.close[k + 1]!;
    const changed = buildFeatureFrame(withClose(bars, k + 1, factor), options);
    for (let j = 0; j < frame.names.length; j++) {
      expect(Array.from(changed.columns[j]!.subarray(0, k + 1)), frame.names[j]).toEqual(Array.from(frame.columns[j]!.subarray(0, k + 1)));
    }
    expect(changed.label[k]).toBe(1 - original);
    expect(Array.from(changed.label.subarray(0, k))).toEqual(Array.from(frame.label.subarray(0, k)));
    // Sanity: the change did reach the features at k+1, so the test would catch a shifted column.
    expect(column(changed, 'logReturn')[k + 1]).not.toBe(column(frame, 'logReturn')[k + 1]);
  });

  it('uses adjClose when asked and rejects bad options and unsorted bars', () => {
    const adj = buildFeatureFrame(bars, { ...options, price: 'adjClose' });
    expect(column(adj, 'logReturn')[5]).toBe(Math.log(bars.adjClose![5]! / bars.adjClose![4]!));
    const noAdj: Bars = { ...bars, adjClose: undefined };
    expect(() => buildFeatureFrame(noAdj, { ...options, price: 'adjClose' })).toThrow(/no adjClose/);
    expect(() => buildFeatureFrame(bars, { ...options, smaWindow: 0 })).toThrow(InvalidArgumentError);
    expect(() => buildFeatureFrame(bars, { ...options, lookahead: 1 } as never)).toThrow(/options.lookahead/);
    expect(() => buildFeatureFrame(bars, undefined as never)).toThrow(/options = undefined/);
    const swapped = { ...bars, time: bars.time.slice() };
    [swapped.time[10], swapped.time[11]] = [swapped.time[11]!, swapped.time[10]!];
    expect(() => buildFeatureFrame(swapped, options)).toThrow(/bars.time\[11\].*sort/);
  });
});
