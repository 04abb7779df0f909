import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBarsArrow, readBarsCsv, writeBarsArrow, type Bars } from '../../lib/data';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { SP500_GZ } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-arrow-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeBarsArrow / readBarsArrow', () => {
  const bars = readBarsCsv(SP500_GZ, { symbol: 'SPX' });

  it('round-trips the S&P 500 sample exactly, with symbol and metadata', () => {
    const file = path.join(dir, 'spx.arrow');
    writeBarsArrow(file, bars, { source: 'arch sp500.csv.gz', frequency: '1d' });
    const back = readBarsArrow(file);
    expect(back.bars).toEqual(bars);
    expect(back.bars.time).toBeInstanceOf(Float64Array);
    expect(back.metadata).toEqual({ source: 'arch sp500.csv.gz', frequency: '1d' });
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]); // atomic: no temp left
  });

  it('keeps NaN bit-exact and works without adjClose', () => {
    const small: Bars = {
      symbol: 'X', time: Float64Array.of(0, 86_400_000), open: Float64Array.of(1, Number.NaN), high: Float64Array.of(2, 2),
      low: Float64Array.of(0.5, 0.5), close: Float64Array.of(1.5, Number.NaN), volume: Float64Array.of(0, 1e12),
    };
    const file = path.join(dir, 'small.arrow');
    writeBarsArrow(file, small);
    const back = readBarsArrow(file);
    expect(back.bars).toEqual(small);
    expect(back.bars.adjClose).toBeUndefined();
    expect(back.metadata).toEqual({});
  });

  it('is readable by pyarrow as a UTC millisecond timestamp column with the symbol in the schema', () => {
    const file = path.join(dir, 'spx-py.arrow');
    writeBarsArrow(file, bars, { note: 'x' });
    // Reference: pyarrow 25 ipc.open_file; exact equality of the first close and timestamp.
    const ref = runPython<{ rows: number; type: string; symbol: string; note: string; t0: string; c0: number }>(
      `import pyarrow as pa
t = pa.ipc.open_file(inp).read_all()
m = t.schema.metadata
print(json.dumps({'rows': t.num_rows, 'type': str(t.schema.field('time').type), 'symbol': m[b'symbol'].decode(),
  'note': m[b'note'].decode(), 't0': str(t.column('time')[0].as_py().date()), 'c0': t.column('close')[0].as_py()}))`, file);
    expect(ref).toEqual({ rows: 5031, type: 'timestamp[ms, tz=UTC]', symbol: 'SPX', note: 'x', t0: '1999-01-04', c0: 1228.099976 });
  });

  it('rejects fractional or missing timestamps, a reserved metadata key, missing and foreign files', () => {
    const bad: Bars = { ...bars, time: bars.time.slice() };
    bad.time[3] = Number.NaN;
    expect(() => writeBarsArrow(path.join(dir, 'bad.arrow'), bad)).toThrow(/bars.time\[3\] = NaN/);
    expect(fs.existsSync(path.join(dir, 'bad.arrow'))).toBe(false);
    expect(() => writeBarsArrow(path.join(dir, 'b.arrow'), bars, { symbol: 'Y' })).toThrow(InvalidArgumentError);
    expect(() => readBarsArrow(path.join(dir, 'none.arrow'))).toThrow(FileNotFoundError);
    const junk = path.join(dir, 'junk.arrow');
    fs.writeFileSync(junk, 'not arrow');
    expect(() => readBarsArrow(junk)).toThrow(DataFormatError);
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
