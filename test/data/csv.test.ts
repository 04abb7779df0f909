import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readBarsCsv, isoDate } from '../../lib/data';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { SP500_GZ } from './fixtures';


const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
function writeCsv(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('readBarsCsv on the real S&P 500 sample', () => {
  const bars = readBarsCsv(SP500_GZ, { symbol: 'SPX' });

  it('reads all 5031 rows, 1999-01-04 to 2018-12-31, as UTC midnights', () => {
    expect(bars.symbol).toBe('SPX');
    expect(bars.time.length).toBe(5031);
    expect(isoDate(bars.time[0]!)).toBe('1999-01-04');
    expect(isoDate(bars.time[5030]!)).toBe('2018-12-31');
    expect(bars.time[0]).toBe(Date.UTC(1999, 0, 4));
    expect(bars.close[0]).toBe(1228.099976);
    expect(bars.volume[5030]).toBe(3442870000);
    expect(bars.adjClose).toBeInstanceOf(Float64Array);
  });

  it('matches pandas.read_csv column by column exactly', () => {
    // Reference: pandas 3.1 read_csv(compression='gzip'), dates parsed with format '%m/%d/%Y'; exact equality
    // (both parse the same decimal text to the nearest double).
    const ref = runPython<Record<string, number[]>>(
      `import pandas as pd
df = pd.read_csv(inp, compression='gzip')
t = pd.to_datetime(df['Date'], format='%m/%d/%Y')
out = {'time': [int(v.value // 1_000_000) for v in t]}
for c, k in [('Open','open'),('High','high'),('Low','low'),('Close','close'),('Adj Close','adjClose'),('Volume','volume')]:
    out[k] = [float(v) for v in df[c]]
print(json.dumps(out))`, SP500_GZ);
    for (const key of ['time', 'open', 'high', 'low', 'close', 'adjClose', 'volume'] as const) {
      expect(Array.from(bars[key]!), key).toEqual(ref[key]);
    }
  });
});

describe('readBarsCsv on small files', () => {
  it('accepts ISO dates, any header case, no Adj Close, and gzip by content', () => {
    const text = 'date,OPEN,high,Low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1.5,2,1,1.8,200\n';
    const plain = readBarsCsv(writeCsv('a.csv', text), { symbol: 'X' });
    const gz = readBarsCsv(writeCsv('a.csv.gz', zlib.gzipSync(text) as unknown as string), { symbol: 'X' });
    expect(Array.from(plain.time)).toEqual([Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 3)]);
    expect(Array.from(plain.close)).toEqual([1.5, 1.8]);
    expect(plain.adjClose).toBeUndefined();
    expect(gz).toEqual(plain);
  });

  it('turns "" and "null" into NaN (the file\'s missing-value convention) instead of failing', () => {
    const file = writeCsv('m.csv', 'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,1.5,100\n2020-01-03,null,null,null,null,null,null\n2020-01-06,1,2,0.5,,1.5,100\n');
    const bars = readBarsCsv(file, { symbol: 'X' });
    expect(bars.open[1]).toBeNaN();
    expect(bars.volume[1]).toBeNaN();
    expect(bars.close[2]).toBeNaN();
    expect(bars.close[0]).toBe(1.5);
  });

  it('names the missing required column', () => {
    const file = writeCsv('h.csv', 'Date,Open,High,Low,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,100\n');
    expect(() => readBarsCsv(file, { symbol: 'X' })).toThrow(DataFormatError);
    expect(() => readBarsCsv(file, { symbol: 'X' })).toThrow(/required column "Close"/);
  });

  it('reports a wrong field count, a bad number and a bad date with the 1-based line and the text', () => {
    const header = 'Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,100\n';
    const cases: Array<[string, RegExp]> = [
      ['2020-01-03,1,2,0.5,1.5\n', /:3: expected 6 fields, found 5 in "2020-01-03,1,2,0.5,1.5"/],
      ['2020-01-03,1,2,abc,1.5,100\n', /:3: Low = "abc" is not a number/],
      ['2020-01-03,1,2,NA,1.5,100\n', /:3: Low = "NA" is not a number.*missingValues/],
      ['2020-13-03,1,2,0.5,1.5,100\n', /:3: Date = "2020-13-03" is not a calendar date/],
      ['2021-02-30,1,2,0.5,1.5,100\n', /:3: Date = "2021-02-30" is not a calendar date/],
      ['Jan 3 2020,1,2,0.5,1.5,100\n', /:3: Date = "Jan 3 2020" is not a date/],
    ];
    for (const [row, message] of cases) {
      const file = writeCsv('bad.csv', header + row);
      let error: unknown;
      try { readBarsCsv(file, { symbol: 'X' }); } catch (e) { error = e; }
      expect(error, row).toBeInstanceOf(DataFormatError);
      expect((error as DataFormatError).line, row).toBe(3);
      expect((error as Error).message, row).toMatch(message);
    }
  });

  it('accepts "NA" as missing only when told it is the file\'s convention', () => {
    const file = writeCsv('na.csv', 'Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,NA,1.5,100\n');
    expect(readBarsCsv(file, { symbol: 'X', missingValues: ['NA'] }).low[0]).toBeNaN();
  });

  it('throws FileNotFoundError with a fix for a missing file, and rejects bad options', () => {
    expect(() => readBarsCsv(path.join(dir, 'nope.csv'), { symbol: 'X' })).toThrow(FileNotFoundError);
    expect(() => readBarsCsv(path.join(dir, 'nope.csv'), { symbol: 'X' })).toThrow(/Fix: check the path/);
    expect(() => readBarsCsv(SP500_GZ, { symbol: '' })).toThrow(InvalidArgumentError);
    expect(() => readBarsCsv(SP500_GZ, { symbol: 'X', sep: ';' } as never)).toThrow(/options.sep/);
  });
});
