import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  panelBars, panelFromArrow, panelFromBars, panelSymbols, panelToArrow, readBarsCsv, readPanelArrow, sliceBars,
  writePanelArrow, type Bars,
} from '../../lib/data';
import { DataFormatError, InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { SP500_GZ } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bpanel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const DAY = 86_400_000;

function makeBars(symbol: string, days: number[], base: number, withAdj = false): Bars {
  const col = (shift: number) => Float64Array.from(days, (d) => base + d + shift);
  return {
    symbol, time: Float64Array.from(days, (d) => Date.UTC(2021, 0, 1) + d * DAY),
    open: col(0.25), high: col(1), low: col(-1), close: col(0.5), volume: Float64Array.from(days, (d) => 1000 + d),
    ...(withAdj ? { adjClose: col(0.4) } : {}),
  };
}
// Ragged on purpose: A lacks day 4, B starts late and runs long, C trades every fourth day and
// has an adjusted close; B has a genuinely missing close on day 6.
const A = makeBars('A', [1, 2, 3, 5, 6, 7, 8, 9, 10], 100);
const B = makeBars('B', [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 200);
B.close[3] = Number.NaN;
const C = makeBars('C', [1, 5, 9, 13], 300, true);
const ragged = [A, B, C];

interface Aligned { index: number[]; close: Record<string, Array<number | null>> }
let ref: {
  outer: Aligned; inner: Aligned;
  ipc: { rows: number; types: Record<string, string>; symbols: string[]; adjNulls: number; closeSum: Record<string, number> };
};

beforeAll(() => {
  writePanelArrow(file('ragged.arrow'), panelFromBars(ragged), { source: 'test' });
  // Reference: pandas 3.1 concat(axis=1, join=...) of the close series (pandas' own alignment)
  // and pyarrow 25 reading the long IPC file; a pandas-made long table (time-major, NaN as
  // null via from_pandas) written for panelFromArrow. Exact equality.
  ref = runPython(`
import pandas as pd, pyarrow as pa
series = {s['symbol']: pd.Series(s['close'], index=s['time'], dtype='float64') for s in inp['bars']}
def aligned(join):
    df = pd.concat(series, axis=1, join=join).sort_index()
    return {'index': [int(v) for v in df.index], 'close': {c: [None if pd.isna(v) else float(v) for v in df[c]] for c in df.columns}}
t = pa.ipc.open_file(inp['file']).read_all()
ipc = {'rows': t.num_rows, 'types': {f.name: str(f.type) for f in t.schema},
  'symbols': t.column('symbol').to_pylist()[:: t.num_rows // 3], 'adjNulls': t.column('adjClose').null_count,
  'closeSum': t.to_pandas().groupby('symbol', observed=True)['close'].sum().to_dict()}
rows = []
for s in inp['bars']:
    for i, ms in enumerate(s['time']):
        rows.append({'symbol': s['symbol'], 'time': pd.Timestamp(ms, unit='ms', tz='UTC'), **{c: s[c][i] for c in ['open', 'high', 'low', 'close', 'volume']}})
long = pd.DataFrame(rows).sort_values(['time', 'symbol'], kind='stable')
pa_long = pa.Table.from_pandas(long, preserve_index=False)
with pa.ipc.new_file(inp['dir'] + '/pandas-long.arrow', pa_long.schema) as w: w.write_table(pa_long)
print(json.dumps({'outer': aligned('outer'), 'inner': aligned('inner'), 'ipc': ipc}))`,
  {
    file: file('ragged.arrow'), dir,
    bars: ragged.map((b) => ({ symbol: b.symbol, time: Array.from(b.time), ...Object.fromEntries(['open', 'high', 'low', 'close', 'volume'].map((c) => [c, Array.from(b[c as 'open'], (v) => (Number.isNaN(v) ? null : v))])) })),
  });
});

const closes = (panel: ReturnType<typeof panelFromBars>) =>
  Object.fromEntries(panel.symbols.map((s) => [s, Array.from(panelBars(panel, s).close, (v) => (Number.isNaN(v) ? null : v))]));

describe('panelFromBars', () => {
  it('aligns ragged symbols like pandas concat: outer fills NaN rows, inner keeps common instants', () => {
    const outer = panelFromBars(ragged, { align: 'outer' });
    expect(Array.from(outer.time)).toEqual(ref.outer.index);
    expect(closes(outer)).toEqual(ref.outer.close);
    const inner = panelFromBars(ragged, { align: 'inner' });
    expect(Array.from(inner.time)).toEqual(ref.inner.index);
    expect(closes(inner)).toEqual(ref.inner.close);
    expect(panelFromBars(ragged)).toEqual(outer); // outer is the default
  });

  it('never invents prices: every panel value is the member bar at that instant or NaN', () => {
    const outer = panelFromBars(ragged, { align: 'outer' });
    for (const src of ragged) {
      const b = panelBars(outer, src.symbol);
      expect(b.time).toBe(outer.time);
      for (const col of ['open', 'high', 'low', 'close', 'volume'] as const) {
        outer.time.forEach((t, i) => {
          const k = src.time.indexOf(t);
          if (k < 0) expect(b[col][i], `${src.symbol}.${col}@${i}`).toBeNaN();
          else expect(Object.is(b[col][i], src[col][k]), `${src.symbol}.${col}@${i}`).toBe(true);
        });
      }
      expect(b.adjClose === undefined).toBe(src.adjClose === undefined);
    }
  });

  it('shares memory with members already on the index and carries the zone', () => {
    const spx = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
    const other = { ...spx, symbol: 'SPX2', close: spx.close.map((c) => c * 2) };
    const panel = panelFromBars([spx, other], { align: 'inner' });
    expect(panel.time).toBe(spx.time);
    expect(panelBars(panel, 'SPX').close).toBe(spx.close);
    expect(panelBars(panel, 'SPX2').close).toBe(other.close);
    const ny = panelFromBars([{ ...A, timezone: 'Asia/Tokyo' }, { ...B, timezone: 'Asia/Tokyo' }]);
    expect(ny.timezone).toBe('Asia/Tokyo');
    expect(panelBars(ny, 'B').timezone).toBe('Asia/Tokyo');
    expect(panelSymbols(ny)).toEqual(['A', 'B']);
  });

  it('rejects bad input naming the argument, the value and the fix', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => panelFromBars([]), /^list = array of length 0: must be a non-empty array of Bars/],
      [() => panelFromBars([A, { ...A }]), /^list\[1\].symbol = "A": appears twice in the list. Fix: pass each symbol once/],
      [() => panelFromBars([A, { ...B, timezone: 'Europe/London' }]), /^list\[1\].timezone = "Europe\/London": differs from list\[0\].timezone \(UTC\)/],
      [() => panelFromBars([A, { ...B, timezone: 'Europe/Londn' }]), /^list\[1\].timezone = "Europe\/Londn".*did you mean 'Europe\/London'/],
      [() => panelFromBars([A, { ...B, close: B.close.subarray(2) }]), /^list\[1\].close = array of length 8: must be a Float64Array of length 10/],
      [() => panelFromBars([A, { ...B, time: B.time.slice().reverse() }]), /^list\[1\].time\[1\] = "1610409600000 \(2021-01-12\)": is not after the previous timestamp. Fix: sort the bars by time/],
      [() => panelFromBars([sliceBars(A, 0, 2), sliceBars(B, 5)], { align: 'inner' }), /^list = "A, B": have no timestamp in common. Fix: use \{ align: 'outer' \}/],
      [() => panelFromBars(ragged, { align: 'left' as never }), /^options.align = "left": is not an alignment. Fix: use one of 'inner', 'outer'/],
      [() => panelFromBars(ragged, { fill: 'ffill' } as never), /^options.fill = "ffill": is not a known option/],
      [() => panelBars(panelFromBars(ragged), 'D'), /^symbol = "D": is not in the panel. Fix: use one of A, B, C/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });
});

describe('panelToArrow / panelFromArrow', () => {
  it('writes long format with a Dictionary<Utf8> symbol column that pyarrow reads', () => {
    const outer = panelFromBars(ragged);
    expect(ref.ipc.rows).toBe(3 * outer.time.length);
    expect(ref.ipc.types).toEqual({
      symbol: 'dictionary<values=string, indices=int32, ordered=0>', time: 'timestamp[ms, tz=UTC]',
      open: 'double', high: 'double', low: 'double', close: 'double', volume: 'double', adjClose: 'double',
    });
    expect(ref.ipc.symbols).toEqual(['A', 'B', 'C']);
    expect(ref.ipc.adjNulls).toBe(2 * outer.time.length); // A and B have no adjusted close: null, not NaN
    for (const s of ['A', 'B', 'C']) {
      // pandas sum skips NaN
      expect(ref.ipc.closeSum[s]).toBe(Array.from(panelBars(outer, s).close).filter((v) => !Number.isNaN(v)).reduce((a, b) => a + b, 0));
    }
  });

  it('round-trips in memory and through an IPC file exactly', () => {
    for (const align of ['outer', 'inner'] as const) {
      const panel = panelFromBars(ragged, { align });
      expect(panelFromArrow(panelToArrow(panel))).toEqual(panel);
      expect(panelFromArrow(tableFromIPC(fs.readFileSync(file('ragged.arrow'))), { align: 'outer' })).toEqual(panelFromBars(ragged));
    }
    const back = readPanelArrow(file('ragged.arrow'));
    expect(back.panel).toEqual(panelFromBars(ragged));
    expect(back.metadata).toEqual({ source: 'test' });
    const zoned = panelFromBars([{ ...A, timezone: 'America/Chicago' }, { ...C, timezone: 'America/Chicago' }]);
    expect(panelFromArrow(panelToArrow(zoned))).toEqual(zoned);
  });

  it('reads a time-major long table made by pandas, nulls as NaN, and aligns it', () => {
    const table = tableFromIPC(fs.readFileSync(file('pandas-long.arrow')));
    expect(table.getChild('close')!.nullCount).toBe(1);
    // Symbols keep the order of their first row: A and C trade on day 1, B from day 3.
    const noAdj = [A, C, B].map((b) => ({ ...b, adjClose: undefined }));
    expect(panelFromArrow(table, { align: 'inner' })).toEqual(panelFromBars(noAdj as Bars[], { align: 'inner' }));
    expect(panelFromArrow(table)).toEqual(panelFromBars(noAdj as Bars[]));
    const outer = panelFromArrow(table);
    expect(panelBars(outer, 'B').close[outer.time.indexOf(B.time[3]!)]).toBeNaN(); // null in pandas' table
  });

  it('names the column and the fix for long tables it cannot use', () => {
    const table = panelToArrow(panelFromBars(ragged));
    expect(() => panelFromArrow(table.select(['time', 'open', 'high', 'low', 'close', 'volume']))).toThrow(/^table = "columns time, open, high, low, close, volume": has no column "symbol"/);
    expect(() => panelFromArrow(table.select(['symbol', 'time', 'open', 'high', 'low', 'close']))).toThrow(/has no column "volume".*Fix: provide symbol, time, open/);
    const twice = panelToArrow(panelFromBars([A]));
    const doubled = twice.concat(twice);
    expect(() => panelFromArrow(doubled)).toThrow(/^table.time \(symbol A\)\[1\] = "1609545600000 \(2021-01-02\)": is not after the previous timestamp/);
    fs.writeFileSync(file('junk.arrow'), 'junk');
    expect(() => readPanelArrow(file('junk.arrow'))).toThrow(DataFormatError);
    expect(() => panelFromArrow(table, { align: 'outer', symbols: ['A'] } as never)).toThrow(/^options.symbols/);
  });
});
