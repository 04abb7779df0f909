import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { panelSeries, readClosePanelCsv } from '../../lib/data';
import { DataFormatError, InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { STOCKS20_GZ } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-panel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => { const p = path.join(dir, name); fs.writeFileSync(p, text); return p; };

describe('readClosePanelCsv', () => {
  it('reads the 20-stock universe exactly as pandas does', () => {
    const panel = readClosePanelCsv(STOCKS20_GZ);
    // Reference: pandas.read_csv(path, parse_dates=['Date'], index_col='Date'); exact equality.
    const ref = runPython<{ symbols: string[]; rows: number; first: number; last: number; ko: number[]; sums: number[] }>(`
import pandas as pd
df = pd.read_csv(inp['path'], parse_dates=['Date'], index_col='Date')
print(json.dumps({'symbols': list(df.columns), 'rows': len(df),
  'first': int(df.index[0].value // 10**6), 'last': int(df.index[-1].value // 10**6),
  'ko': df['KO'].iloc[:5].tolist(), 'sums': df.sum().tolist()}))`, { path: STOCKS20_GZ });
    expect(panel.symbols).toEqual(ref.symbols);
    expect(panel.time.length).toBe(ref.rows);
    expect(panel.time[0]).toBe(ref.first);
    expect(panel.time[panel.time.length - 1]).toBe(ref.last);
    expect(Array.from(panelSeries(panel, 'KO').subarray(0, 5))).toEqual(ref.ko);
    panel.close.forEach((c, i) => expect(c.reduce((a, b) => a + b, 0)).toBeCloseTo(ref.sums[i]!, 6));
  });

  it('names the line and the fix for a short row, a bad number and unsorted dates', () => {
    expect(() => readClosePanelCsv(write('a.csv', 'Date,A,B\n2020-01-01,1,2\n2020-01-02,1\n'))).toThrow(DataFormatError);
    expect(() => readClosePanelCsv(write('b.csv', 'Date,A,B\n2020-01-01,1,2\n2020-01-02,1,2\n'.replace('2\n2020-01-02,1,2', '2\n2020-01-02,1,x')))).toThrow(/:3: B = "x" is not a number/);
    expect(() => readClosePanelCsv(write('c.csv', 'Date,A\n2020-01-02,1\n2020-01-01,2\n'))).toThrow(/:3: date 2020-01-01 is not after/);
    expect(() => readClosePanelCsv(write('d.csv', 'Day,A\n2020-01-02,1\n'))).toThrow(/first column is "Day"/);
    expect(() => readClosePanelCsv(write('e.csv', 'Date,A,A\n2020-01-02,1,1\n'))).toThrow(/repeated/);
  });

  it('keeps missing values as NaN and rejects an unknown symbol naming the choices', () => {
    const panel = readClosePanelCsv(write('f.csv', 'Date,A,B\n2020-01-01,1,\n2020-01-02,2,3\n'));
    expect(Number.isNaN(panelSeries(panel, 'B')[0])).toBe(true);
    expect(() => panelSeries(panel, 'C')).toThrow(InvalidArgumentError);
    expect(() => panelSeries(panel, 'C')).toThrow(/use one of A, B/);
  });
});
