import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barsToCsv, isoDate, parseZonedDateTime, readBarsCsv, writeBarsCsv, type Bars } from '../../lib/data';
import { DataFormatError, InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { SP500_GZ } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-csvw-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const NY = 'America/New_York';

/** Same bits, not just equal values: tells -0 from 0 and one NaN payload from another. */
function expectBitExact(a: Bars, b: Bars): void {
  expect(a.symbol).toBe(b.symbol);
  expect(a.timezone).toBe(b.timezone);
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume', 'adjClose'] as const) {
    const x = a[key], y = b[key];
    expect(x === undefined, key).toBe(y === undefined);
    if (x && y) expect(Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength)), key).toBe(true);
  }
}

const spx = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
const special: Bars = {
  symbol: 'ODD',
  time: Float64Array.of(Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 3), Date.UTC(2020, 0, 6), Date.UTC(2020, 0, 7)),
  open: Float64Array.of(0.1 + 0.2, -0, 5e-324, 1 / 3),
  high: Float64Array.of(1e21, 1.7976931348623157e308, 1e-7, Number.NaN),
  low: Float64Array.of(Number.NaN, 2.2250738585072014e-308, 123456789.12345678, 0),
  close: Float64Array.of(1228.099976, Number.NaN, 100, 99.99999999999999),
  volume: Float64Array.of(2 ** 53 - 1, 0, Number.NaN, 3442870000),
  adjClose: Float64Array.of(1, 2, 3, Number.NaN),
};
// Half-hourly New York bars across both 2020 DST changes, stamped in UTC so the repeated hour
// on 2020-11-01 appears twice with different offsets.
const halfHours = (startUtc: number, count: number) => Array.from({ length: count }, (_, i) => startUtc + i * 1_800_000);
const nyTimes = [...halfHours(Date.UTC(2020, 2, 8, 5), 8), ...halfHours(Date.UTC(2020, 10, 1, 4), 8)];
const intraday: Bars = {
  symbol: 'SPY', timezone: NY, time: Float64Array.from(nyTimes),
  open: Float64Array.from(nyTimes, (_, i) => 300 + i / 7), high: Float64Array.from(nyTimes, (_, i) => 301 + i / 7),
  low: Float64Array.from(nyTimes, (_, i) => 299 + i / 7), close: Float64Array.from(nyTimes, (_, i) => 300.5 + i / 7),
  volume: Float64Array.from(nyTimes, (_, i) => 1000 * i),
};
// Local clock times without offsets, the way many intraday exports write them: 02:30 on
// 2020-03-08 does not exist in New York and 01:30 on 2020-11-01 happens twice.
const LOCAL_TIMES = ['2020-03-08 01:30:00', '2020-03-08 02:30:00', '2020-03-08 03:30:00', '2020-11-01 00:30:00', '2020-11-01 01:30:00', '2020-11-01 02:30:00'];

interface PandasRead { time: number[]; cols: Record<string, Array<number | null>> }
let ref: { spx: PandasRead; special: PandasRead; intraday: PandasRead; localTimes: number[]; dtypes: string[] };

beforeAll(() => {
  writeBarsCsv(file('spx.csv'), spx);
  writeBarsCsv(file('special.csv'), special);
  writeBarsCsv(file('intraday.csv.gz'), intraday);
  fs.writeFileSync(file('local.csv'), 'Datetime,Open,High,Low,Close,Volume\n' + LOCAL_TIMES.map((t) => `${t},1,2,0.5,1.5,10`).join('\n') + '\n');
  // Reference: pandas 3.1 read_csv with float_precision='round_trip' (correctly rounded parsing)
  // and to_datetime(format='ISO8601', utc=True); exact equality. NaN travels as null (JSON).
  // Local times: tz_localize(ambiguous=True (the DST reading, the earlier instant),
  // nonexistent=1 h (moves a skipped time past the 1-hour gap)), Temporal's 'compatible'.
  ref = runPython(`
import math, pandas as pd
def read(path):
    df = pd.read_csv(path, float_precision='round_trip')
    t = pd.to_datetime(df['Date'], format='ISO8601', utc=True)
    cols = {c: [None if math.isnan(v) else float(v) for v in df[c]] for c in df.columns if c != 'Date'}
    return {'time': [int(v.value // 10**6) for v in t], 'cols': cols}
loc = pd.read_csv(inp['local'])
t = pd.to_datetime(loc['Datetime']).dt.tz_localize('America/New_York', ambiguous=[True] * len(loc), nonexistent=pd.Timedelta('1h'))
print(json.dumps({'spx': read(inp['spx']), 'special': read(inp['special']), 'intraday': read(inp['intraday']),
  'localTimes': [int(v.value // 10**6) for v in t], 'dtypes': [str(d) for d in pd.read_csv(inp['special']).dtypes]}))`,
  { spx: file('spx.csv'), special: file('special.csv'), intraday: file('intraday.csv.gz'), local: file('local.csv') });
});

const asNull = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

describe('writeBarsCsv', () => {
  it('round-trips the S&P 500 sample bit-exactly through readBarsCsv, plain and gzipped', () => {
    expectBitExact(readBarsCsv(file('spx.csv'), { symbol: 'SPX' }), spx);
    writeBarsCsv(file('spx.csv.gz'), spx);
    expect(fs.readFileSync(file('spx.csv.gz'))[0]).toBe(0x1f);
    expectBitExact(readBarsCsv(file('spx.csv.gz'), { symbol: 'SPX' }), spx);
    const [header, first] = fs.readFileSync(file('spx.csv'), 'utf8').split('\n', 2);
    expect(header).toBe('Date,Open,High,Low,Close,Adj Close,Volume');
    expect(first).toBe(`1999-01-04,${spx.open[0]},${spx.high[0]},${spx.low[0]},${spx.close[0]},${spx.adjClose![0]},${spx.volume[0]}`);
  });

  it('keeps -0, subnormals, extremes and NaN (as an empty field) bit-exact', () => {
    expectBitExact(readBarsCsv(file('special.csv'), { symbol: 'ODD' }), special);
    const text = barsToCsv(special);
    expect(text.split('\n')[2]).toBe('2020-01-03,-0,1.7976931348623157e+308,2.2250738585072014e-308,,2,0');
    expect(text.split('\n')[1]).toBe('2020-01-02,0.30000000000000004,1e+21,,1228.099976,1,9007199254740991');
  });

  it('is read by pandas to the same numbers and instants', () => {
    expect(ref.spx.time).toEqual(Array.from(spx.time));
    for (const [col, key] of [['Open', 'open'], ['High', 'high'], ['Low', 'low'], ['Close', 'close'], ['Adj Close', 'adjClose'], ['Volume', 'volume']] as const) {
      expect(ref.spx.cols[col], col).toEqual(asNull(spx[key]!));
      expect(ref.special.cols[col], col).toEqual(asNull(special[key]!));
    }
    expect(Object.is(ref.special.cols.Open![1], -0)).toBe(true);
    expect(ref.dtypes).toEqual(['str', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64']);
    expect(ref.special.time).toEqual(Array.from(special.time));
  });

  it('writes zoned intraday times with their offset, so the repeated hour reads back exactly', () => {
    const text = zlib.gunzipSync(fs.readFileSync(file('intraday.csv.gz'))).toString('utf8').split('\n');
    expect(text.slice(1, 5).map((l) => l.split(',')[0])).toEqual(['2020-03-08T00:00:00-05:00', '2020-03-08T00:30:00-05:00', '2020-03-08T01:00:00-05:00', '2020-03-08T01:30:00-05:00']);
    expect(text[5]!.split(',')[0]).toBe('2020-03-08T03:00:00-04:00');
    expect(text.slice(12, 15).map((l) => l.split(',')[0])).toEqual(['2020-11-01T01:30:00-04:00', '2020-11-01T01:00:00-05:00', '2020-11-01T01:30:00-05:00']);
    expectBitExact(readBarsCsv(file('intraday.csv.gz'), { symbol: 'SPY', timezone: NY }), intraday);
    // The offsets name the instants, so a reader that does not know the zone gets them too.
    expect(Array.from(readBarsCsv(file('intraday.csv.gz'), { symbol: 'SPY' }).time)).toEqual(nyTimes);
    expect(ref.intraday.time).toEqual(nyTimes);
    expect(ref.intraday.cols.Close).toEqual(asNull(intraday.close));
  });

  it('writes zoned daily bars as local dates that read back with the same zone', () => {
    const daily = readBarsCsv(SP500_GZ, { symbol: 'SPX', timezone: 'america/new_york' });
    expect(daily.timezone).toBe(NY);
    expect(daily.time[0]).toBe(Date.UTC(1999, 0, 4, 5)); // local midnight, EST
    // Every date becomes the instant its New York day starts (05:00 or 04:00 UTC with DST).
    expect(Array.from(daily.time)).toEqual(Array.from(spx.time, (t) => parseZonedDateTime(isoDate(t), NY)));
    expect(new Set(Array.from(daily.time, (t, i) => t - spx.time[i]!))).toEqual(new Set([5 * 3_600_000, 4 * 3_600_000]));
    writeBarsCsv(file('spx-ny.csv'), daily);
    expect(fs.readFileSync(file('spx-ny.csv'), 'utf8').split('\n')[1]!.slice(0, 11)).toBe('1999-01-04,');
    expectBitExact(readBarsCsv(file('spx-ny.csv'), { symbol: 'SPX', timezone: NY }), daily);
  });
});

describe('readBarsCsv with a timezone', () => {
  it('reads local clock times like pandas tz_localize, across the spring gap and the autumn fold', () => {
    const bars = readBarsCsv(file('local.csv'), { symbol: 'X', timezone: NY });
    expect(Array.from(bars.time)).toEqual(ref.localTimes);
    expect(bars.time[1]! - bars.time[0]!).toBe(3_600_000); // 02:30 moved past the gap: 03:30 EDT
    const utc = readBarsCsv(file('local.csv'), { symbol: 'X' });
    expect(utc.time[0]).toBe(Date.UTC(2020, 2, 8, 1, 30)); // no zone: wall clock read as UTC
    expect(utc.timezone).toBeUndefined();
  });

  it('rejects skipped or repeated local times when asked, naming the line, and a misspelt zone', () => {
    let error: unknown;
    try { readBarsCsv(file('local.csv'), { symbol: 'X', timezone: NY, disambiguation: 'reject' }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).line).toBe(3);
    expect((error as Error).message).toMatch(/:3: Date = "2020-03-08 02:30:00" does not exist in America\/New_York \(clocks spring forward\)/);
    expect(() => readBarsCsv(file('local.csv'), { symbol: 'X', timezone: 'Europe/Londn' })).toThrow(/options.timezone = "Europe\/Londn".*did you mean 'Europe\/London'/);
    expect(() => readBarsCsv(file('local.csv'), { symbol: 'X', disambiguation: 'fold' as never })).toThrow(/options.disambiguation = "fold"/);
  });
});

describe('writeBarsCsv bad input', () => {
  it('names the cell and the fix for infinite values and unwritable timestamps, and the column of a wrong length', () => {
    const inf = { ...special, close: Float64Array.of(1, 2, Number.POSITIVE_INFINITY, 4) };
    expect(() => barsToCsv(inf)).toThrow(InvalidArgumentError);
    expect(() => writeBarsCsv(file('inf.csv'), inf)).toThrow(/^bars.close\[2\] = Infinity: is infinite.*Fix: replace it with NaN/);
    expect(fs.existsSync(file('inf.csv'))).toBe(false);
    expect(() => barsToCsv({ ...special, time: Float64Array.of(0, 1.5, 2, 3) })).toThrow(/^bars.time\[1\] = 1.5: must be a whole number of epoch milliseconds/);
    expect(() => barsToCsv({ ...special, open: new Float64Array(3) })).toThrow(/^bars.open = array of length 3: must be a Float64Array of length 4/);
    expect(() => barsToCsv({ ...special, timezone: 'Europe/Londn' })).toThrow(/^bars.timezone = "Europe\/Londn".*did you mean 'Europe\/London'/);
  });
});
