import { describe, expect, it } from 'vitest';
import type { Bars } from '../../lib/data/bars';
import { candlestickFigure, DOWN_COLOR, UP_COLOR } from '../../lib/plot';
import { InvalidArgumentError } from '../../lib/util/errors';

const DAY = 86_400_000;

/** Bars on the given epoch-ms times; even rows close above their open, odd rows below. */
function barsAt(time: readonly number[], symbol = 'TEST'): Bars {
  const close = Float64Array.from(time, (_, i) => 100 + i);
  const open = Float64Array.from(close, (c, i) => (i % 2 === 0 ? c - 0.5 : c + 0.5));
  return {
    symbol,
    time: Float64Array.from(time),
    open,
    high: Float64Array.from(close, (c) => c + 1),
    low: Float64Array.from(close, (c) => c - 1),
    close,
    volume: Float64Array.from(time, (_, i) => 1000 + 10 * i),
  };
}

/** Weekdays from `from` (ISO) for `count` calendar days, skipping the dates in `closed`. */
function weekdayTimes(from: string, count: number, closed: readonly string[] = []): number[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const out: number[] = [];
  for (let d = 0; d < count; d++) {
    const t = start + d * DAY;
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6 && !closed.includes(new Date(t).toISOString().slice(0, 10))) out.push(t);
  }
  return out;
}

describe('candlestickFigure', () => {
  // 2024-01-02 (Tue) .. 2024-01-19 (Fri), closed on Monday 2024-01-15 (Martin Luther King Day).
  const bars = barsAt(weekdayTimes('2024-01-02', 18, ['2024-01-15']));
  const n = bars.time.length;

  it('draws candles over a volume panel on one shared date axis, bars coloured by direction', () => {
    const before = bars.close.slice();
    const fig = candlestickFigure(bars, { title: 'test bars' });
    expect(fig.data).toHaveLength(2);
    const [candles, volume] = fig.data as Record<string, unknown>[];
    expect(candles).toMatchObject({ type: 'candlestick', name: 'TEST', xaxis: 'x', yaxis: 'y' });
    expect(candles!.x).toHaveLength(n);
    expect((candles!.x as string[])[0]).toBe('2024-01-02');
    expect((candles!.x as string[])[n - 1]).toBe('2024-01-19');
    for (const col of ['open', 'high', 'low', 'close'] as const) expect(Array.from(candles![col] as Float64Array)).toEqual(Array.from(bars[col]));
    expect(volume).toMatchObject({ type: 'bar', name: 'volume', xaxis: 'x', yaxis: 'y2' });
    expect(volume!.x).toEqual(candles!.x);
    expect(Array.from(volume!.y as Float64Array)).toEqual(Array.from(bars.volume));
    const colors = (volume!.marker as { color: string[] }).color;
    expect(colors.slice(0, 4)).toEqual([UP_COLOR, DOWN_COLOR, UP_COLOR, DOWN_COLOR]);
    const layout = fig.layout as Record<string, Record<string, unknown>>;
    expect(layout.title).toEqual({ text: 'test bars' });
    expect(layout.xaxis).toMatchObject({ type: 'date', anchor: 'y2', rangeslider: { visible: false } });
    const price = layout.yaxis!.domain as number[], vol = layout.yaxis2!.domain as number[];
    expect(vol[1]).toBeLessThan(price[0]!); // volume panel strictly below the candles
    expect(Array.from(bars.close)).toEqual(Array.from(before));
  });

  it('hides weekends as a weekly rule and holidays as dates, for daily bars only', () => {
    const layout = candlestickFigure(bars).layout as Record<string, Record<string, unknown>>;
    expect(layout.xaxis!.rangebreaks).toEqual([{ bounds: ['sat', 'mon'] }, { values: ['2024-01-15'] }]);
    // A market that trades every day (crypto): only true gaps are hidden, weekends stay.
    const allDays = barsAt([0, 1, 2, 3, 5, 6, 7, 8, 9, 10].map((d) => Date.UTC(2024, 0, 1) + d * DAY));
    expect((candlestickFigure(allDays).layout as Record<string, Record<string, unknown>>).xaxis!.rangebreaks).toEqual([{ values: ['2024-01-05'] }]);
    // Intraday bars: nights are not whole days, nothing to hide.
    const hourly = barsAt([0, 1, 2, 20, 21].map((h) => Date.UTC(2024, 0, 2, 14) + h * 3_600_000));
    const intraday = candlestickFigure(hourly);
    expect((intraday.layout as Record<string, Record<string, unknown>>).xaxis!.rangebreaks).toBeUndefined();
    expect((intraday.data[0]!.x as string[])[0]).toBe('2024-01-02 14:00:00.000');
    expect((candlestickFigure(bars, { hideGaps: false }).layout as Record<string, Record<string, unknown>>).xaxis!.rangebreaks).toBeUndefined();
  });

  it('shows the last N bars (all when there are fewer), and only candles without volume', () => {
    const tail = candlestickFigure(bars, { last: 5 });
    expect(tail.data[0]!.x).toEqual(['2024-01-12', '2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19']);
    expect(Array.from(tail.data[1]!.y as Float64Array)).toEqual(Array.from(bars.volume.subarray(n - 5)));
    expect((tail.layout as Record<string, Record<string, unknown>>).xaxis!.rangebreaks).toEqual([{ bounds: ['sat', 'mon'] }, { values: ['2024-01-15'] }]);
    expect((tail.layout as { title: { text: string } }).title.text).toBe('TEST, 2024-01-12 to 2024-01-19');
    expect(candlestickFigure(bars, { last: 10_000 }).data[0]!.x).toHaveLength(n);
    const noVolume = candlestickFigure(bars, { volume: false });
    expect(noVolume.data).toHaveLength(1);
    expect(noVolume.layout).not.toHaveProperty('yaxis2');
    expect(noVolume.layout).toMatchObject({ xaxis: { anchor: 'y' }, yaxis: { domain: [0, 1] } });
  });

  it('rejects bad input, naming the argument, the value and the fix', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => candlestickFigure({ symbol: 'X' } as unknown as Bars), /^bars = .*must be a Bars object.*Fix: read bars with readBarsCsv/],
      [() => candlestickFigure(barsAt([])), /^bars = .*holds no bars\. Fix: pass bars with at least one row/],
      [() => candlestickFigure(bars, { last: 0 }), /^options\.last = 0: must be a whole number of bars >= 1\. Fix: pass e\.g\. 250/],
      [() => candlestickFigure(bars, { last: 2.5 }), /^options\.last = 2\.5: .*Fix:/],
      [() => candlestickFigure(bars, { volume: 'yes' as never }), /^options\.volume = "yes": must be a boolean\. Fix: pass true or false/],
      [() => candlestickFigure(bars, { hideGaps: 1 as never }), /^options\.hideGaps = 1: must be a boolean/],
      [() => candlestickFigure(bars, { title: 7 as never }), /^options\.title = 7: must be a string\. Fix:/],
      [() => candlestickFigure(bars, { lats: 5 } as never), /^options\.lats = 5: is not a known option\. Fix: use only: title, last, volume, hideGaps/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });
});
