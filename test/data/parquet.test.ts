import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBarsCsv, type Bars } from '../../lib/data';
import { readBarsParquet, writeBarsParquet } from '../../lib/data/parquet';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';
import { SP500_GZ } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-parquet-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;
const N = 20_000;

/** 20k daily bars from a seeded random walk, with NaN holes, -0 and a huge volume. */
function bigBars(): Bars {
  const rng = createRng(7);
  const cols = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(N)])) as Record<(typeof COLUMNS)[number], Float64Array>;
  const time = new Float64Array(N);
  let price = 100;
  for (let i = 0; i < N; i++) {
    time[i] = Date.UTC(1950, 0, 2) + i * 86_400_000;
    price *= Math.exp(0.01 * rng.normal());
    cols.open[i] = price * (1 + 0.002 * rng.normal());
    cols.high[i] = price * 1.01;
    cols.low[i] = price * 0.99;
    cols.close[i] = price;
    cols.volume[i] = Math.round(1e6 * rng.uniform());
    cols.adjClose[i] = price * 0.98;
  }
  for (const i of [0, 17, 4_321, N - 1]) cols.close[i] = Number.NaN;
  cols.open[5] = -0;
  cols.volume[6] = 9.007199254740993e15;
  return { symbol: 'RW', time, ...cols };
}

const sha = (a: Float64Array | BigInt64Array): string => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
const bytesOf = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

interface PythonReport {
  ours: { dtypes: Record<string, string>; rows: number; symbol: string; source: string; sha: Record<string, string>; nans: number; kvKeys: string[] };
  theirs: Record<'arrow' | 'pandas', { time: string; cols: Record<string, string> }>;
}

describe('writeBarsParquet / readBarsParquet', () => {
  const spx = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
  const big = bigBars();
  const oursFile = path.join(dir, 'ours.parquet');
  let py: PythonReport;
  let writeMs = 0;

  beforeAll(() => {
    const t0 = performance.now();
    writeBarsParquet(oursFile, big, { source: 'random walk' });
    writeMs = performance.now() - t0;
    // Reference: pyarrow 25 / pandas 3 (the project .venv). They read our file, and write files
    // (zstd, several row groups; and pandas' own layout with ns timestamps, NaN as null, int64
    // volume) whose raw column bytes come back base64-encoded for a bit-exact comparison.
    py = runPython<PythonReport>(`
import base64, hashlib, numpy as np, pandas as pd, pyarrow as pa, pyarrow.parquet as pq
d = inp['dir']
df = pd.read_parquet(inp['ours'])
pf = pq.ParquetFile(inp['ours'])
m = pf.schema_arrow.metadata
cols = ['open', 'high', 'low', 'close', 'volume', 'adjClose']
ours = {'dtypes': {c: str(t) for c, t in df.dtypes.items()}, 'rows': len(df), 'symbol': m[b'symbol'].decode(),
  'source': m[b'source'].decode(), 'nans': int(df.close.isna().sum()),
  'kvKeys': sorted(k.decode() for k in pf.metadata.metadata.keys()),
  'sha': {c: hashlib.sha256(df[c].to_numpy().tobytes()).hexdigest() for c in cols}}
ours['sha']['time'] = hashlib.sha256(np.asarray(df.time.dt.tz_convert(None)).view('int64').tobytes()).hexdigest()
rng = np.random.default_rng(3)
n = 20000
t = (np.datetime64('1960-01-04', 'ms') + np.arange(n) * np.timedelta64(86400000, 'ms'))
vals = {c: rng.normal(100, 5, n) for c in cols[:4]}
vals['close'][[3, 999]] = np.nan
vals['volume'] = rng.integers(0, 10**9, n).astype('float64')
b64 = lambda a: base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()
arrays = [pa.array(t.astype('int64'), pa.int64()).cast(pa.timestamp('ms', tz='UTC'))] + [pa.array(vals[c], pa.float64()) for c in cols[:5]]
table = pa.Table.from_arrays(arrays, names=['time'] + cols[:5]).replace_schema_metadata({'symbol': 'PYA', 'vendor': 'pyarrow'})
pq.write_table(table, f'{d}/arrow.parquet', compression='zstd', row_group_size=3000)
theirs = {'arrow': {'time': b64(t.astype('int64')), 'cols': {c: b64(vals[c]) for c in cols[:5]}}}
pdf = pd.DataFrame({'time': pd.to_datetime(t.astype('int64'), unit='ms', utc=True).as_unit('ns'), **{c: vals[c] for c in cols[:4]},
  'volume': vals['volume'].astype('int64')})
ptable = pa.Table.from_pandas(pdf, preserve_index=False)
ptable = ptable.replace_schema_metadata({**ptable.schema.metadata, b'symbol': b'PDS'})
pq.write_table(ptable, f'{d}/pandas.parquet')
theirs['pandas'] = {'time': b64(t.astype('int64')), 'cols': {c: b64(vals[c]) for c in cols[:5]}}
# Files the reader must refuse, each for a reason it names.
pq.write_table(table.replace_schema_metadata({}), f'{d}/nosymbol.parquet')
ny = table.set_column(0, 'time', table.column('time').cast(pa.timestamp('ms', tz='America/New_York')))
pq.write_table(ny, f'{d}/newyork.parquet')
pq.write_table(table.set_column(0, 'time', pa.array([str(x) for x in t])), f'{d}/stringtime.parquet')
pq.write_table(table.drop_columns(['volume']), f'{d}/novolume.parquet')
pq.write_table(table.set_column(0, 'time', pa.array(t.astype('int64') * 1000000 + 1, pa.int64()).cast(pa.timestamp('ns', tz='UTC'))), f'{d}/subms.parquet')
print(json.dumps({'ours': ours, 'theirs': theirs}))
`, { dir, ours: oursFile });
  });

  it('round-trips the S&P 500 sample exactly, with symbol and metadata, atomically', () => {
    const file = path.join(dir, 'spx.parquet');
    writeBarsParquet(file, spx, { source: 'arch sp500.csv.gz', frequency: '1d' });
    const back = readBarsParquet(file);
    expect(back.bars).toEqual(spx);
    expect(back.bars.time).toBeInstanceOf(Float64Array);
    expect(back.metadata).toEqual({ source: 'arch sp500.csv.gz', frequency: '1d' });
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('round-trips 20k rows bit for bit (NaN, -0, 2^53+1 volume) and reports its speed', () => {
    const t0 = performance.now();
    const back = readBarsParquet(oursFile);
    const readMs = performance.now() - t0;
    for (const c of ['time', ...COLUMNS] as const) expect(bytesOf(back.bars[c]!).equals(bytesOf(big[c]!)), c).toBe(true);
    expect(Object.is(back.bars.open[5], -0)).toBe(true);
    expect(back.metadata).toEqual({ source: 'random walk' });
    console.log(`parquet 20k rows x 7 columns: write ${writeMs.toFixed(0)} ms, read ${readMs.toFixed(0)} ms, ${fs.statSync(oursFile).size} bytes`);
  });

  it('works without adjClose and with no caller metadata', () => {
    const small: Bars = {
      symbol: 'X', time: Float64Array.of(0, 86_400_000), open: Float64Array.of(1, Number.NaN), high: Float64Array.of(2, 2),
      low: Float64Array.of(0.5, 0.5), close: Float64Array.of(1.5, Number.NaN), volume: Float64Array.of(0, 1e12),
    };
    const file = path.join(dir, 'small.parquet');
    writeBarsParquet(file, small);
    const back = readBarsParquet(file);
    expect(back.bars).toEqual(small);
    expect(back.bars.adjClose).toBeUndefined();
    expect(back.metadata).toEqual({});
  });

  it('writes a file pandas reads with the same values and dtypes (UTC ms timestamps, float64)', () => {
    expect(py.ours.rows).toBe(N);
    expect(py.ours.dtypes).toEqual({
      time: 'datetime64[ms, UTC]', open: 'float64', high: 'float64', low: 'float64', close: 'float64', volume: 'float64', adjClose: 'float64',
    });
    expect(py.ours.sha.time).toBe(sha(BigInt64Array.from(big.time, (t) => BigInt(t))));
    for (const c of COLUMNS) expect(py.ours.sha[c], c).toBe(sha(big[c]!));
    expect(py.ours.nans).toBe(4);
    expect([py.ours.symbol, py.ours.source]).toEqual(['RW', 'random walk']);
    // Also plain key-value pairs, for readers that ignore the Arrow schema.
    expect(py.ours.kvKeys).toEqual(['ARROW:schema', 'source', 'symbol']);
  });

  it('reads files pyarrow writes (zstd, 7 row groups) bit-exactly', () => {
    const { bars, metadata } = readBarsParquet(path.join(dir, 'arrow.parquet'));
    expect(bars.symbol).toBe('PYA');
    expect(metadata).toEqual({ vendor: 'pyarrow' });
    const ref = py.theirs.arrow;
    expect(Buffer.from(BigInt64Array.from(bars.time, (t) => BigInt(t)).buffer).toString('base64')).toBe(ref.time);
    for (const c of ['open', 'high', 'low', 'close', 'volume'] as const) expect(bytesOf(bars[c]).toString('base64'), c).toBe(ref.cols[c]);
    expect(Number.isNaN(bars.close[3]!)).toBe(true);
  });

  it('reads what pandas writes: ns timestamps, NaN stored as null, int64 volume', () => {
    const { bars, metadata } = readBarsParquet(path.join(dir, 'pandas.parquet'));
    expect(bars.symbol).toBe('PDS');
    expect(Object.keys(metadata)).toEqual(['pandas']);
    const ref = py.theirs.pandas;
    expect(Buffer.from(BigInt64Array.from(bars.time, (t) => BigInt(t)).buffer).toString('base64')).toBe(ref.time);
    for (const c of ['open', 'high', 'low', 'close', 'volume'] as const) expect(bytesOf(bars[c]).toString('base64'), c).toBe(ref.cols[c]);
    expect([bars.close[3], bars.close[999]]).toEqual([Number.NaN, Number.NaN]);
  });

  it('keeps the zone of a zoned time column as bars.timezone, instants unchanged', () => {
    const ny = readBarsParquet(path.join(dir, 'newyork.parquet')).bars;
    const utc = readBarsParquet(path.join(dir, 'arrow.parquet')).bars;
    expect(ny.timezone).toBe('America/New_York');
    expect(bytesOf(ny.time).equals(bytesOf(utc.time))).toBe(true);
    const file = path.join(dir, 'ny-again.parquet');
    writeBarsParquet(file, ny);
    expect(readBarsParquet(file).bars).toEqual(ny);
  });

  it('rejects bad input with the argument, the value and the fix', () => {
    const bad: Bars = { ...spx, time: spx.time.slice() };
    bad.time[3] = 1.5;
    expect(() => writeBarsParquet(path.join(dir, 'bad.parquet'), bad)).toThrow('bars.time[3] = 1.5: must be a whole number of epoch milliseconds. Fix: drop or repair');
    expect(fs.existsSync(path.join(dir, 'bad.parquet'))).toBe(false);
    expect(() => writeBarsParquet(path.join(dir, 'b.parquet'), spx, { symbol: 'Y' })).toThrow('metadata.symbol = "Y": is reserved for the symbol. Fix: set bars.symbol');
    expect(() => writeBarsParquet(path.join(dir, 'b.parquet'), spx, { n: 3 as never })).toThrow('metadata.n = 3: must be a string. Fix: pass String(value)');
    expect(() => writeBarsParquet(path.join(dir, 'b.parquet'), spx, { 'ARROW:schema': 'x' })).toThrow('metadata.ARROW:schema = "x": is reserved by Arrow writers. Fix: use another key');
    expect(() => writeBarsParquet(path.join(dir, 'b.parquet'), { symbol: 'X' } as Bars)).toThrow(InvalidArgumentError);
  });

  it('names the file and the problem for missing, foreign and unusable files', () => {
    const f = (name: string): string => path.join(dir, name);
    expect(() => readBarsParquet(f('none.parquet'))).toThrow(FileNotFoundError);
    fs.writeFileSync(f('junk.parquet'), 'not parquet at all');
    expect(() => readBarsParquet(f('junk.parquet'))).toThrow(/junk\.parquet: is not a readable Parquet file \(.*\)\. Fix: write it with writeBarsParquet/);
    expect(() => readBarsParquet(f('nosymbol.parquet'))).toThrow(/nosymbol\.parquet: key-value metadata lacks "symbol"\. Fix: .*schema metadata \{"symbol"/);
    expect(() => readBarsParquet(f('stringtime.parquet'))).toThrow(/stringtime\.parquet: column time = Utf8: is not a timestamp column\. Fix: store time as an Arrow timestamp/);
    expect(() => readBarsParquet(f('novolume.parquet'))).toThrow(/novolume\.parquet: .*has no column "volume"\. Fix: provide the columns/);
    expect(() => readBarsParquet(f('subms.parquet'))).toThrow(DataFormatError);
    expect(() => readBarsParquet(f('subms.parquet'))).toThrow(/column time\[0\] = -315359999999999999: has a sub-millisecond part.*\. Fix: round/);
  });
});
