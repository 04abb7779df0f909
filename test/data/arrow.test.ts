import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  barsFromArrow, barsToArrow, localDateTime, readBarsArrow, readBarsCsv, sliceBars, writeBarsArrow, type Bars,
} from '../../lib/data';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { SP500_GZ } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-arrow-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const readTable = (name: string): Table => tableFromIPC(fs.readFileSync(file(name)));
const FLOAT_COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;

const bars = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
const zoned: Bars = { ...sliceBars(bars, 0, 50), symbol: 'SPX-NY', time: Float64Array.from(bars.time.subarray(0, 50), (t) => t + 14.5 * 3_600_000), timezone: 'America/New_York' };

interface Ref {
  spx: { rows: number; type: string; symbol: string; note: string; t0: string; c0: number };
  ny: { type: string; local: string[] };
  made: {
    mixed: { time: number[]; close: Array<number | null>; volume: number[]; adjClose: number[] };
    dates: { time: number[] };
    chunks: { batches: number; close: number[] };
  };
}
let ref: Ref;

beforeAll(() => {
  writeBarsArrow(file('spx-py.arrow'), bars, { note: 'x' });
  writeBarsArrow(file('ny.arrow'), zoned);
  // Reference: pyarrow 25 ipc.open_file / new_file. It reads the files written here and writes
  // tables the way pandas and pyarrow users make them (Int64 volume, nulls, nanosecond zoned
  // timestamps, Float32, Date32, several record batches, and broken ones); exact equality.
  ref = runPython<Ref>(`
import pyarrow as pa, pyarrow.compute as pc
def write(name, table):
    with pa.ipc.new_file(inp['dir'] + '/' + name, table.schema) as w:
        for b in table.to_batches(max_chunksize=3): w.write_batch(b)
def ms(col): return [int(v) for v in pc.cast(pc.cast(col, pa.timestamp('ms', tz='UTC')), pa.int64()).to_pylist()]
t = pa.ipc.open_file(inp['spx']).read_all()
m = t.schema.metadata
spx = {'rows': t.num_rows, 'type': str(t.schema.field('time').type), 'symbol': m[b'symbol'].decode(),
  'note': m[b'note'].decode(), 't0': str(t.column('time')[0].as_py().date()), 'c0': t.column('close')[0].as_py()}
ny = pa.ipc.open_file(inp['ny']).read_all()
nyref = {'type': str(ny.schema.field('time').type),
  'local': [v.as_py().strftime('%Y-%m-%dT%H:%M:%S.000') for v in ny.column('time')][:5]}
ns = pa.array([1577977200000000000, 1578063600123000000, 1593766800000000000, 1593853200000000000], pa.timestamp('ns', tz='Europe/London'))
mixed = pa.table({'time': ns, 'open': [1.0, 2.0, 3.0, 4.0], 'high': [2, 3, 4, 5], 'low': pa.array([0.5, 1, 2, 3], pa.float32()),
  'close': [1.5, None, 3.5, 4.5], 'volume': pa.array([100, 2**40, 0, 7], pa.int64()), 'adjClose': pa.array([1.25, 2, 3, 4], pa.float32()), 'extra': ['a', 'b', 'c', 'd']})
write('mixed.arrow', mixed)
write('dates.arrow', pa.table({'time': pa.array([18263, 18264], pa.date32()), 'open': [1.0, 2], 'high': [1.0, 2], 'low': [1.0, 2], 'close': [1.0, 2], 'volume': [1.0, 2]}))
chunked = pa.table({'time': pa.array(list(range(0, 8 * 86400000, 86400000)), pa.timestamp('ms')), **{c: [float(i) / 3 for i in range(8)] for c in ['open', 'high', 'low', 'close', 'volume']}})
write('chunks.arrow', chunked)
base = {c: [1.0] for c in ['open', 'high', 'low', 'close', 'volume']}
write('subms.arrow', pa.table({'time': pa.array([1500], pa.timestamp('us')), **base}))
write('strclose.arrow', pa.table({'time': pa.array([0], pa.timestamp('ms')), **base, 'close': ['1.5']}))
write('strclose-sym.arrow', pa.table({'time': pa.array([0], pa.timestamp('ms')), **base, 'close': ['1.5']}).replace_schema_metadata({'symbol': 'X'}))
write('nolow.arrow', pa.table({'time': pa.array([0], pa.timestamp('ms')), **{k: v for k, v in base.items() if k != 'low'}}))
write('badtz.arrow', pa.table({'time': pa.array([0], pa.timestamp('ms', tz='Europe/Londn')), **base}))
write('hugevol.arrow', pa.table({'time': pa.array([0], pa.timestamp('ms')), **base, 'volume': pa.array([2**60], pa.int64())}))
write('nulltime.arrow', pa.table({'time': pa.array([0, None], pa.timestamp('ms')), **{k: [1.0, 2.0] for k in base}}))
made = {'mixed': {'time': ms(mixed.column('time')), 'close': mixed.column('close').to_pylist(), 'volume': mixed.column('volume').to_pylist(),
  'adjClose': [float(v) for v in mixed.column('adjClose').to_pylist()]},
  'dates': {'time': ms(pa.ipc.open_file(inp['dir'] + '/dates.arrow').read_all().column('time'))},
  'chunks': {'batches': pa.ipc.open_file(inp['dir'] + '/chunks.arrow').num_record_batches, 'close': chunked.column('close').to_pylist()}}
print(json.dumps({'spx': spx, 'ny': nyref, 'made': made}))`, { spx: file('spx-py.arrow'), ny: file('ny.arrow'), dir });
});

describe('writeBarsArrow / readBarsArrow', () => {
  it('round-trips the S&P 500 sample exactly, with symbol and metadata', () => {
    const out = file('spx.arrow');
    writeBarsArrow(out, bars, { source: 'arch sp500.csv.gz', frequency: '1d' });
    const back = readBarsArrow(out);
    expect(back.bars).toEqual(bars);
    expect(back.bars.time).toBeInstanceOf(Float64Array);
    expect(back.metadata).toEqual({ source: 'arch sp500.csv.gz', frequency: '1d' });
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]); // atomic: no temp left
    // The price columns are views on the file's bytes, not copies.
    expect(back.bars.open.buffer).toBe(back.bars.close.buffer);
  });

  it('keeps NaN bit-exact and works without adjClose', () => {
    const small: Bars = {
      symbol: 'X', time: Float64Array.of(0, 86_400_000), open: Float64Array.of(1, Number.NaN), high: Float64Array.of(2, 2),
      low: Float64Array.of(0.5, 0.5), close: Float64Array.of(1.5, Number.NaN), volume: Float64Array.of(0, 1e12),
    };
    writeBarsArrow(file('small.arrow'), small);
    const back = readBarsArrow(file('small.arrow'));
    expect(back.bars).toEqual(small);
    expect(back.bars.adjClose).toBeUndefined();
    expect(back.bars.timezone).toBeUndefined();
    expect(back.metadata).toEqual({});
  });

  it('is readable by pyarrow as a UTC millisecond timestamp column with the symbol in the schema', () => {
    expect(ref.spx).toEqual({ rows: 5031, type: 'timestamp[ms, tz=UTC]', symbol: 'SPX', note: 'x', t0: '1999-01-04', c0: 1228.099976 });
  });

  it('stores the bars zone in the timestamp type, where pyarrow reads the same local times', () => {
    expect(ref.ny.type).toBe('timestamp[ms, tz=America/New_York]');
    expect(ref.ny.local).toEqual(Array.from(zoned.time.subarray(0, 5), (t) => localDateTime(t, 'America/New_York')));
    const back = readBarsArrow(file('ny.arrow')).bars;
    expect(back.timezone).toBe('America/New_York');
    expect(back).toEqual(zoned);
  });

  it('rejects fractional or missing timestamps, a reserved metadata key, missing and foreign files', () => {
    const bad: Bars = { ...bars, time: bars.time.slice() };
    bad.time[3] = Number.NaN;
    expect(() => writeBarsArrow(file('bad.arrow'), bad)).toThrow(/bars.time\[3\] = NaN/);
    expect(fs.existsSync(file('bad.arrow'))).toBe(false);
    expect(() => writeBarsArrow(file('b.arrow'), bars, { symbol: 'Y' })).toThrow(InvalidArgumentError);
    expect(() => readBarsArrow(file('none.arrow'))).toThrow(FileNotFoundError);
    fs.writeFileSync(file('junk.arrow'), 'not arrow');
    expect(() => readBarsArrow(file('junk.arrow'))).toThrow(DataFormatError);
    expect(() => readBarsArrow(file('mixed.arrow'))).toThrow(/mixed.arrow: schema metadata lacks "symbol"/);
  });
});

describe('barsToArrow / barsFromArrow in memory', () => {
  it('wraps the bars Float64Arrays without copying, also for sliced bars', () => {
    for (const source of [bars, sliceBars(bars, 100, 200)]) {
      const table = barsToArrow(source);
      for (const name of FLOAT_COLUMNS) {
        const values = table.getChild(name)!.data[0]!.values as Float64Array;
        expect(values.buffer, name).toBe(source[name]!.buffer);
        expect(values.byteOffset, name).toBe(source[name]!.byteOffset);
      }
      expect(String(table.schema.fields[0]!.type)).toBe('Timestamp<MILLISECOND, UTC>');
      expect(table.numRows).toBe(source.time.length);
    }
  });

  it('reads single-chunk Float64 columns back as views on the same memory', () => {
    const back = barsFromArrow(barsToArrow(bars));
    for (const name of FLOAT_COLUMNS) {
      expect(back[name]!.buffer, name).toBe(bars[name]!.buffer);
      expect(back[name]!.length, name).toBe(bars[name]!.length);
    }
    expect(back).toEqual(bars);
    expect(back.time).not.toBe(bars.time); // int64 -> float64: a copy
    expect(barsFromArrow(barsToArrow(bars), 'OTHER').symbol).toBe('OTHER');
  });

  it('converts pyarrow tables: Int64 volume, nulls to NaN, ns zoned timestamps, Float32', () => {
    const mixed = barsFromArrow(readTable('mixed.arrow'), 'MIX');
    expect(mixed.timezone).toBe('Europe/London');
    expect(Array.from(mixed.time)).toEqual(ref.made.mixed.time);
    expect(Array.from(mixed.close)).toEqual(ref.made.mixed.close.map((v) => v ?? Number.NaN));
    expect(Array.from(mixed.volume)).toEqual(ref.made.mixed.volume);
    expect(Array.from(mixed.adjClose!)).toEqual(ref.made.mixed.adjClose);
    expect(mixed.low[1]).toBe(1);
    expect(Array.from(barsFromArrow(readTable('dates.arrow'), 'D').time)).toEqual(ref.made.dates.time);
  });

  it('concatenates a table of several record batches', () => {
    const table = readTable('chunks.arrow');
    expect(table.getChild('close')!.data.length).toBe(ref.made.chunks.batches);
    expect(ref.made.chunks.batches).toBeGreaterThan(1);
    const back = barsFromArrow(table, 'C');
    expect(Array.from(back.close)).toEqual(ref.made.chunks.close);
    expect(back.time[7]).toBe(7 * 86_400_000);
  });

  it('names the column and the fix for unusable columns', () => {
    const cases: Array<[string, RegExp]> = [
      ['subms.arrow', /^table.time\[0\] = "1500": has a sub-millisecond part.*Fix: round the column to milliseconds/],
      ['strclose.arrow', /^table.close = "Utf8": is not a numeric Arrow column.*Fix: store prices and volume as float64/],
      ['nolow.arrow', /^table = "columns time, open, high, close, volume": has no column "low".*Fix: provide the columns time, open, high, low, close, volume/],
      ['badtz.arrow', /^table.time \(type Timestamp<MILLISECOND, Europe\/Londn>\) timezone = "Europe\/Londn".*did you mean 'Europe\/London'/],
      ['hugevol.arrow', /^table.volume\[0\] = "1152921504606846976": is an int64 beyond 2\^53/],
      ['nulltime.arrow', /^table.time = "1 null\(s\)": holds missing timestamps.*Fix: drop the rows/],
    ];
    for (const [name, message] of cases) expect(() => barsFromArrow(readTable(name), 'X'), name).toThrow(message);
    expect(() => barsFromArrow(readTable('chunks.arrow'))).toThrow(/^symbol = undefined: is missing and the schema metadata has no "symbol"/);
    expect(() => barsFromArrow({} as Table, 'X')).toThrow(/^table = \{\}: must be an apache-arrow Table/);
    expect(() => barsToArrow({ ...bars, close: bars.close.subarray(1) })).toThrow(/^bars.close = array of length 5030: must be a Float64Array of length 5031/);
    expect(() => barsToArrow(bars, { n: 1 as never })).toThrow(/^metadata.n = 1: must be a string/);
  });

  it('reports a bad column of a file as a DataFormatError naming the file', () => {
    let error: unknown;
    try { readBarsArrow(file('strclose-sym.arrow')); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as Error).message).toMatch(/strclose-sym.arrow: column close = Utf8: is not a numeric Arrow column. Fix: store prices and volume as float64/);
  });
});

describe('rowsBetween', () => {
  it('selects the rows inside an inclusive date range and names an empty one', async () => {
    const { rowsBetween } = await import('../../lib/data/bars');
    const time = Float64Array.from(['2020-01-01', '2020-01-02', '2020-01-05', '2020-01-06'].map((d) => Date.parse(`${d}T00:00:00Z`)));
    expect(rowsBetween(time, '2020-01-02', '2020-01-05')).toEqual({ start: 1, end: 3 });
    expect(rowsBetween(time, '2019-01-01', '2030-01-01')).toEqual({ start: 0, end: 4 });
    expect(() => rowsBetween(time, '2020-01-03', '2020-01-04')).toThrow(/holds no row \(data spans 2020-01-01 \.\. 2020-01-06\)/);
    expect(() => rowsBetween(time, '2020-02-01', '2020-01-01')).toThrow(/from <= to/);
  });
});
