import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import {
  barsFromArquero, barsFromDanfo, barsToArquero, barsToArrow, barsToDanfo, readBarsCsv, sliceBars, type Bars,
} from '../../lib/data';
import { InvalidArgumentError } from '../../lib/util/errors';
import { SP500_GZ } from './fixtures';

const nodeRequire = createRequire(__filename);
const loaded = (name: string) => Object.keys(nodeRequire.cache).some((k) => k.includes(`/node_modules/${name}/`));
// Checked before anything here calls into danfo: importing the library must not load it.
const danfoLoadedByImport = loaded('danfojs-node');

const spx = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
const bars = sliceBars(spx, 0, 300);
const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;

function expectBitExact(a: Bars, b: Bars): void {
  for (const key of COLUMNS) {
    const x = a[key]!, y = b[key]!;
    expect(Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength)), key).toBe(true);
  }
}

describe('arquero', () => {
  it('builds a table on the bars own arrays and reads them back without copying', () => {
    const table = barsToArquero(bars);
    expect(table.numRows()).toBe(300);
    expect(table.columnNames()).toEqual([...COLUMNS]);
    for (const key of COLUMNS) expect(table.column(key), key).toBe(bars[key]);
    const back = barsFromArquero(table, 'SPX', { timezone: 'America/New_York' });
    for (const key of COLUMNS) expect(back[key], key).toBe(bars[key]);
    expect(back.timezone).toBe('America/New_York');
  });

  it('materialises filtered, ordered and derived tables with the right rows', () => {
    const table = barsToArquero(bars);
    const up = table.filter((d: { close: number; open: number }) => d.close > d.open).derive({ range: (d: { high: number; low: number }) => d.high - d.low });
    const back = barsFromArquero(up, 'UP');
    const keep = Array.from(bars.close.keys()).filter((i) => bars.close[i]! > bars.open[i]!);
    expect(back.time.length).toBe(keep.length);
    expect(Array.from(back.close)).toEqual(keep.map((i) => bars.close[i]));
    expect(Array.from(back.time)).toEqual(keep.map((i) => bars.time[i]));
    expect(back.close.buffer).not.toBe(bars.close.buffer);
    const desc = barsFromArquero(table.orderby(aq.desc('time')), 'DESC');
    expect(Array.from(desc.time)).toEqual(Array.from(bars.time).reverse());
  });

  it('reads Arrow-backed tables (aq.fromArrow) as views on the Arrow memory', () => {
    // arquero types its input as a flechette table; an apache-arrow Table has the same interface.
    const table = aq.fromArrow(barsToArrow(bars) as never);
    const back = barsFromArquero(table, 'SPX');
    for (const key of ['open', 'close', 'adjClose'] as const) expect(back[key]!.buffer, key).toBe(bars[key]!.buffer);
    expectBitExact(back, bars);
    // And through IPC bytes, the way arquero loads Arrow files (its flechette decoder).
    expectBitExact(barsFromArquero(aq.fromArrow(aq.toArrowIPC(barsToArquero(bars))), 'SPX'), bars);
  });

  it('accepts Date times and nulls as missing values, and names bad values', () => {
    const table = aq.table({
      time: [new Date(Date.UTC(2020, 0, 2)), new Date(Date.UTC(2020, 0, 3))], open: [1, null], high: [2, 2], low: [0.5, 0.5], close: [1.5, undefined], volume: [10, 20],
    });
    const back = barsFromArquero(table, 'X');
    expect(Array.from(back.time)).toEqual([Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 3)]);
    expect(back.open[1]).toBeNaN();
    expect(back.close[1]).toBeNaN();
    expect(back.adjClose).toBeUndefined();
    const cases: Array<[() => unknown, RegExp]> = [
      [() => barsFromArquero(table.select('time', 'open', 'high', 'low', 'close'), 'X'), /^table = "columns time, open, high, low, close": has no column "volume"/],
      [() => barsFromArquero(table.derive({ close: () => 'n/a' }), 'X'), /^table.close\[0\] = "n\/a": is not a number. Fix: convert the column to numbers first/],
      [() => barsFromArquero(table.derive({ time: () => null }), 'X'), /^table.time\[0\] = null: is missing. Fix: drop rows without a timestamp/],
      [() => barsFromArquero(table, ''), /^symbol = "": must be a non-empty string/],
      [() => barsFromArquero(table, 'X', { timezone: 'Europe/Londn' }), /^options.timezone = "Europe\/Londn".*did you mean 'Europe\/London'/],
      [() => barsFromArquero({} as never, 'X'), /^table = \{\}: must be an arquero table/],
      [() => barsToArquero({ ...bars, volume: bars.volume.subarray(1) }), /^bars.volume = array of length 299: must be a Float64Array of length 300/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });
});

describe('danfo.js', () => {
  it('is not loaded until used', () => {
    expect(danfoLoadedByImport).toBe(false);
  });

  it('round-trips bars through a DataFrame bit-exactly, time as a datetime column', () => {
    const df = barsToDanfo(bars);
    expect(loaded('danfojs-node')).toBe(true);
    expect(df.columns).toEqual([...COLUMNS]);
    expect(df.dtypes[0]).toBe('datetime');
    expect(df.shape).toEqual([300, 7]);
    expect((df.column('time').values[0] as unknown as Date).toISOString()).toBe('1999-01-04T00:00:00.000Z');
    const back = barsFromDanfo(df, 'SPX');
    expect(back.symbol).toBe('SPX');
    expectBitExact(back, bars);
    expect(back.close.buffer).not.toBe(bars.close.buffer); // danfo holds plain arrays: a copy
  });

  it('reads time from the index, missing values as NaN, and a zone when given', () => {
    const indexed = barsToDanfo(bars).setIndex({ column: 'time', drop: true });
    expect(indexed.columns).not.toContain('time');
    const back = barsFromDanfo(indexed, 'SPX', { timezone: 'America/New_York' });
    expect(Array.from(back.time)).toEqual(Array.from(bars.time));
    expect(back.timezone).toBe('America/New_York');
    const holes = barsToDanfo({ ...bars, close: Float64Array.from(bars.close, (c, i) => (i % 7 === 0 ? Number.NaN : c)) });
    expect(barsFromDanfo(holes, 'SPX').close[7]).toBeNaN();
    const empty = barsToDanfo(sliceBars(bars, 0, 0));
    expect(empty.columns).toEqual([...COLUMNS]);
  });

  it('names the argument and the fix for frames it cannot use', async () => {
    const dfd = nodeRequire('danfojs-node') as typeof import('danfojs-node');
    const noVolume = new dfd.DataFrame({ time: [new Date(0)], open: [1], high: [1], low: [1], close: [1] });
    const textTime = new dfd.DataFrame({ time: ['2020-01-02'], open: [1], high: [1], low: [1], close: [1], volume: [1] });
    const textClose = new dfd.DataFrame({ time: [new Date(0)], open: [1], high: [1], low: [1], close: ['x'], volume: [1] });
    const cases: Array<[() => unknown, RegExp]> = [
      [() => barsFromDanfo(noVolume, 'X'), /^df = "columns time, open, high, low, close": has no column "volume"/],
      [() => barsFromDanfo(textTime, 'X'), /^df.time\[0\] = "2020-01-02": is not a Date or epoch-ms number. Fix: store time as Date objects/],
      [() => barsFromDanfo(textClose, 'X'), /^df.close\[0\] = "x": is not a number/],
      [() => barsFromDanfo({} as never, 'X'), /^df = \{\}: must be a danfo DataFrame/],
      [() => barsFromDanfo(noVolume, 'X', { tz: 'UTC' } as never), /^options.tz = "UTC": is not a known option/],
      [() => barsToDanfo({ ...bars, time: bars.time.subarray(1) }), /^bars.open = array of length 300: must be a Float64Array of length 299/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });
});
