// Bars as Apache Arrow: in memory (barsToArrow / barsFromArrow) and as an IPC file, columnar,
// typed and readable from pandas/pyarrow without a parser. time is a millisecond Timestamp (int64)
// whose type carries the bars' zone ('UTC' when they have none); prices and volume are Float64
// wrapping the bars' own Float64Arrays (no copy), NaN kept as NaN so a round trip is bit-exact.
// The symbol and caller metadata ride in the schema metadata.
import * as fs from 'node:fs';
import {
  Field, Float64, RecordBatch, Schema, Struct, Table, TimestampMillisecond, makeData, tableFromIPC, tableToIPC,
  type Vector,
} from 'apache-arrow';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import { writeFileAtomic } from '../util/project';
import { assertBars, type Bars } from './bars';
import { float64Column, timeColumn } from './arrow-columns';

/** Schema-metadata key holding the symbol; caller metadata may not use it. */
export const SYMBOL_KEY = 'symbol';
const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;
const REQUIRED_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Epoch-ms Float64 timestamps as the int64 an Arrow Timestamp column needs (a copy: the type differs). */
export function timestampData(time: Float64Array, timezone: string | undefined, argument: string) {
  const ms = new BigInt64Array(time.length);
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (!Number.isSafeInteger(t)) {
      throw new InvalidArgumentError(`${argument}[${i}]`, t, 'must be a whole number of epoch milliseconds', 'drop or repair rows with missing or fractional timestamps (validateBars lists them)');
    }
    ms[i] = BigInt(t);
  }
  const type = new TimestampMillisecond(timezone ?? 'UTC');
  return { field: new Field('time', type, false), data: makeData({ type, data: ms }) };
}

function checkMetadata(metadata: Record<string, string>): void {
  if (metadata === null || typeof metadata !== 'object') {
    throw new InvalidArgumentError('metadata', metadata, 'must be an object of string values', "pass e.g. { source: 'yahoo' }");
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (key === SYMBOL_KEY) throw new InvalidArgumentError(`metadata.${key}`, value, 'is reserved for the symbol', 'set bars.symbol instead, or use another key');
    if (typeof value !== 'string') throw new InvalidArgumentError(`metadata.${key}`, value, 'must be a string', 'pass String(value) or JSON.stringify(value)');
  }
}

/**
 * Bars as an Arrow Table. The Float64 columns share memory with the bars (writing to one shows in
 * the other); only time is copied, into int64.
 */
export function barsToArrow(bars: Bars, metadata: Record<string, string> = {}): Table {
  const n = assertBars(bars);
  checkMetadata(metadata);
  const time = timestampData(bars.time, bars.timezone, 'bars.time');
  const fields: Field[] = [time.field];
  const children: Array<ReturnType<typeof makeData>> = [time.data];
  for (const name of VALUE_COLUMNS) {
    const col = bars[name];
    if (!col) continue;
    fields.push(new Field(name, new Float64(), false));
    children.push(makeData({ type: new Float64(), data: col }));
  }
  const schema = new Schema(fields, new Map([...Object.entries(metadata), [SYMBOL_KEY, bars.symbol]]));
  const data = makeData({ type: new Struct(fields), length: n, nullCount: 0, children });
  return new Table([new RecordBatch(schema, data)]);
}

/**
 * Bars from an Arrow Table with columns time, open, high, low, close, volume and optionally
 * adjClose (other columns are ignored). The symbol is `symbol`, else the schema's "symbol"
 * metadata. Single-chunk Float64 columns without nulls are views on the table's memory; other
 * numeric columns are converted (nulls to NaN, Int64 volume to Float64); the zone comes from the
 * time column's type.
 */
export function barsFromArrow(table: Table, symbol?: string): Bars {
  if (!(table instanceof Table)) {
    throw new InvalidArgumentError('table', table, 'must be an apache-arrow Table', 'build it with barsToArrow or tableFromIPC');
  }
  const name = symbol ?? table.schema.metadata.get(SYMBOL_KEY);
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidArgumentError('symbol', symbol, `is missing and the schema metadata has no "${SYMBOL_KEY}"`, "pass the ticker, e.g. barsFromArrow(table, 'SPX')");
  }
  const present = table.schema.fields.map((f) => f.name);
  for (const col of REQUIRED_COLUMNS) {
    if (!present.includes(col)) {
      throw new InvalidArgumentError('table', `columns ${present.join(', ')}`, `has no column "${col}"`, `provide the columns ${REQUIRED_COLUMNS.join(', ')} (adjClose optional)`);
    }
  }
  const column = (col: string): Float64Array => float64Column(table.getChild(col) as Vector, `table.${col}`);
  const { time, timezone } = timeColumn(table.getChild('time') as Vector, 'table.time');
  return {
    symbol: name,
    time,
    open: column('open'),
    high: column('high'),
    low: column('low'),
    close: column('close'),
    volume: column('volume'),
    ...(present.includes('adjClose') ? { adjClose: column('adjClose') } : {}),
    ...(timezone !== undefined ? { timezone } : {}),
  };
}

export function writeBarsArrow(path: string, bars: Bars, metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, tableToIPC(barsToArrow(bars, metadata), 'file'));
}

/** Reads an IPC file written by writeBarsArrow; the columns are views on the file's bytes. */
export function readBarsArrow(path: string): { bars: Bars; metadata: Record<string, string> } {
  const table = readArrowTable(path, 'writeBarsArrow');
  const metadata = Object.fromEntries(table.schema.metadata);
  if (metadata[SYMBOL_KEY] === undefined) throw new DataFormatError(path, undefined, `schema metadata lacks "${SYMBOL_KEY}"`, 'write the file with writeBarsArrow');
  delete metadata[SYMBOL_KEY];
  return { bars: asFileError(path, () => barsFromArrow(table)), metadata };
}

/** Reads an Arrow IPC file (file or stream format) into a Table, naming `writer` in errors. */
export function readArrowTable(path: string, writer: string): Table {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(path, `check the path, or write the file with ${writer} first`);
    throw error;
  }
  try {
    return tableFromIPC(raw);
  } catch (error) {
    throw new DataFormatError(path, undefined, `is not an Arrow IPC file (${(error as Error).message})`, `write it with ${writer}`);
  }
}

/** Runs a conversion, reporting a bad column as a fault of the file rather than of an argument. */
export function asFileError<T>(path: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new DataFormatError(path, undefined, `${error.argument.replace(/^table\./, 'column ')} = ${String(error.value)}: ${error.problem}`, error.fix);
  }
}
