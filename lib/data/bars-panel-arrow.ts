// A BarsPanel in long format as Arrow: one row per (symbol, time), symbol-major, with the symbol
// as Dictionary<Utf8> (a small int key per row, each name stored once). Every panel row is
// written, including the NaN rows an outer alignment added, so panel -> Arrow -> panel is exact.
// adjClose is null (not NaN) for symbols that have no adjusted close, so they come back without one.
import {
  Dictionary, Field, Float64, Int32, RecordBatch, Schema, Struct, Table, Type, Utf8, makeData, tableToIPC, vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { writeFileAtomic } from '../util/project';
import { asFileError, readArrowTable, timestampData } from './arrow';
import { float64Column, timeColumn } from './arrow-columns';
import type { Bars } from './bars';
import { assertIncreasing, panelFromBars, type BarsPanel, type PanelFromBarsOptions } from './bars-panel';

const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** The panel as a long Arrow table: symbol, time, open, high, low, close, volume[, adjClose]. */
export function panelToArrow(panel: BarsPanel, metadata: Record<string, string> = {}): Table {
  const n = panel.time.length, k = panel.symbols.length, rows = n * k;
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') throw new InvalidArgumentError(`metadata.${key}`, value, 'must be a string', 'pass String(value) or JSON.stringify(value)');
  }
  const keys = new Int32Array(rows);
  const time = new Float64Array(rows);
  for (let s = 0; s < k; s++) {
    keys.fill(s, s * n, (s + 1) * n);
    time.set(panel.time, s * n);
  }
  const symbolType = new Dictionary(new Utf8(), new Int32());
  const fields: Field[] = [new Field('symbol', symbolType, false)];
  const children = [makeData({ type: symbolType, length: rows, data: keys, dictionary: vectorFromArray([...panel.symbols], new Utf8()) }) as ReturnType<typeof makeData>];
  const ts = timestampData(time, panel.timezone, 'panel.time');
  fields.push(ts.field);
  children.push(ts.data);
  const stack = (pick: (b: Bars) => Float64Array | undefined): Float64Array => {
    const out = new Float64Array(rows);
    panel.bars.forEach((b, s) => { const col = pick(b); if (col) out.set(col, s * n); });
    return out;
  };
  for (const name of VALUE_COLUMNS) {
    fields.push(new Field(name, new Float64(), false));
    children.push(makeData({ type: new Float64(), data: stack((b) => b[name]) }));
  }
  if (panel.bars.some((b) => b.adjClose)) {
    const valid = new Uint8Array(Math.ceil(rows / 8));
    let nulls = 0;
    panel.bars.forEach((b, s) => {
      for (let r = s * n; r < (s + 1) * n; r++) {
        if (b.adjClose) valid[r >> 3]! |= 1 << (r & 7);
        else nulls++;
      }
    });
    fields.push(new Field('adjClose', new Float64(), true));
    children.push(makeData({ type: new Float64(), data: stack((b) => b.adjClose), nullBitmap: valid, nullCount: nulls }));
  }
  const schema = new Schema(fields, new Map(Object.entries(metadata)));
  return new Table([new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows, nullCount: 0, children }))]);
}

/**
 * A panel from a long table with a symbol column (Dictionary<Utf8> or Utf8) and the Bars columns.
 * Rows may come in any order; each symbol's timestamps must be distinct. Symbols keep the order
 * of their first row; ragged symbols are aligned by `options.align`.
 */
export function panelFromArrow(table: Table, options: PanelFromBarsOptions = {}): BarsPanel {
  rejectUnknownOptions('options', options, ['align']);
  if (!(table instanceof Table)) {
    throw new InvalidArgumentError('table', table, 'must be an apache-arrow Table', 'build it with panelToArrow or tableFromIPC');
  }
  const present = table.schema.fields.map((f) => f.name);
  for (const col of ['symbol', 'time', ...VALUE_COLUMNS]) {
    if (!present.includes(col)) {
      throw new InvalidArgumentError('table', `columns ${present.join(', ')}`, `has no column "${col}"`, 'provide symbol, time, open, high, low, close, volume (adjClose optional)');
    }
  }
  const symbolVector = table.getChild('symbol') as Vector;
  const symbolType = symbolType0(symbolVector);
  if (symbolType !== Type.Utf8 && symbolType !== Type.LargeUtf8) {
    throw new InvalidArgumentError('table.symbol', String(symbolVector.type), 'is not a string column', 'store symbols as utf8 or dictionary<utf8> (pyarrow: pa.string())');
  }
  const { time, timezone } = timeColumn(table.getChild('time') as Vector, 'table.time');
  const values = Object.fromEntries(VALUE_COLUMNS.map((c) => [c, float64Column(table.getChild(c) as Vector, `table.${c}`)]));
  const adjVector = table.getChild('adjClose') as Vector | null;
  const adjClose = adjVector ? float64Column(adjVector, 'table.adjClose') : undefined;

  const rowsOf = new Map<string, number[]>();
  for (let r = 0; r < table.numRows; r++) {
    const s = symbolVector.get(r) as string | null;
    if (s === null || s === '') throw new InvalidArgumentError(`table.symbol[${r}]`, s, 'is empty', 'give every row a symbol');
    let rows = rowsOf.get(s);
    if (!rows) rowsOf.set(s, rows = []);
    rows.push(r);
  }
  const list: Bars[] = [];
  for (const [symbol, rows] of rowsOf) {
    rows.sort((a, b) => time[a]! - time[b]!);
    const gather = (col: Float64Array): Float64Array => Float64Array.from(rows, (r) => col[r]!);
    const t = gather(time);
    assertIncreasing(t, `table.time (symbol ${symbol})`, timezone);
    const hasAdj = adjClose !== undefined && rows.some((r) => adjVector!.isValid(r));
    list.push({
      symbol, time: t,
      open: gather(values.open!), high: gather(values.high!), low: gather(values.low!), close: gather(values.close!), volume: gather(values.volume!),
      ...(hasAdj ? { adjClose: gather(adjClose!) } : {}),
      ...(timezone !== undefined ? { timezone } : {}),
    });
  }
  if (list.length === 0) throw new InvalidArgumentError('table', 'no rows', 'holds no bars', 'pass a table with at least one row');
  return panelFromBars(list, options);
}

function symbolType0(vector: Vector): Type {
  const type = vector.type;
  return type.typeId === Type.Dictionary ? type.dictionary.typeId : type.typeId;
}

export function writePanelArrow(path: string, panel: BarsPanel, metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, tableToIPC(panelToArrow(panel, metadata), 'file'));
}

export function readPanelArrow(path: string, options: PanelFromBarsOptions = {}): { panel: BarsPanel; metadata: Record<string, string> } {
  const table = readArrowTable(path, 'writePanelArrow');
  return { panel: asFileError(path, () => panelFromArrow(table, options)), metadata: Object.fromEntries(table.schema.metadata) };
}
