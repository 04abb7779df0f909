// Bars as an Arrow IPC file: columnar, typed and readable from pandas/pyarrow without a parser.
// time is a UTC millisecond Timestamp (int64), prices and volume Float64 (NaN kept as NaN, not
// null, so a round trip is bit-exact). The symbol and caller metadata ride in the schema metadata.
import * as fs from 'node:fs';
import {
  Field, Float64, RecordBatch, Schema, Struct, Table, TimestampMillisecond, makeData, tableFromIPC, tableToIPC,
  type Vector,
} from 'apache-arrow';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import { writeFileAtomic } from '../util/project';
import { assertBars, type Bars } from './bars';

/** Schema-metadata key holding the symbol; caller metadata may not use it. */
export const SYMBOL_KEY = 'symbol';
const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;

export function writeBarsArrow(path: string, bars: Bars, metadata: Record<string, string> = {}): void {
  const n = assertBars(bars);
  for (const [key, value] of Object.entries(metadata)) {
    if (key === SYMBOL_KEY) throw new InvalidArgumentError(`metadata.${key}`, value, 'is reserved for the symbol', 'set bars.symbol instead, or use another key');
    if (typeof value !== 'string') throw new InvalidArgumentError(`metadata.${key}`, value, 'must be a string', 'pass String(value) or JSON.stringify(value)');
  }
  const ms = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const t = bars.time[i]!;
    if (!Number.isSafeInteger(t)) {
      throw new InvalidArgumentError(`bars.time[${i}]`, t, 'must be a whole number of epoch milliseconds', 'drop or repair rows with missing or fractional timestamps (validateBars lists them)');
    }
    ms[i] = BigInt(t);
  }
  const timeType = new TimestampMillisecond('UTC');
  const fields: Field[] = [new Field('time', timeType, false)];
  const children = [makeData({ type: timeType, data: ms })];
  for (const name of VALUE_COLUMNS) {
    const col = bars[name];
    if (!col) continue;
    fields.push(new Field(name, new Float64(), false));
    children.push(makeData({ type: new Float64(), data: col }) as never);
  }
  const schema = new Schema(fields, new Map([...Object.entries(metadata), [SYMBOL_KEY, bars.symbol]]));
  const data = makeData({ type: new Struct(fields), length: n, nullCount: 0, children });
  writeFileAtomic(path, tableToIPC(new Table([new RecordBatch(schema, data)]), 'file'));
}

export function readBarsArrow(path: string): { bars: Bars; metadata: Record<string, string> } {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(path, 'check the path, or write the file with writeBarsArrow first');
    throw error;
  }
  let table: Table;
  try {
    table = tableFromIPC(raw);
  } catch (error) {
    throw new DataFormatError(path, undefined, `is not an Arrow IPC file (${(error as Error).message})`, 'write it with writeBarsArrow');
  }
  const metadata = Object.fromEntries(table.schema.metadata);
  const symbol = metadata[SYMBOL_KEY];
  if (symbol === undefined) throw new DataFormatError(path, undefined, `schema metadata lacks "${SYMBOL_KEY}"`, 'write the file with writeBarsArrow');
  delete metadata[SYMBOL_KEY];
  const column = (name: string, required: boolean): Float64Array | undefined => {
    const vector = table.getChild(name) as Vector | null;
    if (!vector) {
      if (required) throw new DataFormatError(path, undefined, `has no column "${name}"`, 'write the file with writeBarsArrow');
      return undefined;
    }
    if (vector.nullCount > 0) {
      throw new DataFormatError(path, undefined, `column "${name}" holds ${vector.nullCount} null(s)`, 'store missing values as NaN, not null');
    }
    // Copied into fresh arrays: the library owns its columns rather than sharing the IPC buffer.
    return Float64Array.from(vector.toArray() as ArrayLike<number> & Iterable<number | bigint>, Number);
  };
  const time = column('time', true)!;
  const bars: Bars = {
    symbol,
    time,
    open: column('open', true)!,
    high: column('high', true)!,
    low: column('low', true)!,
    close: column('close', true)!,
    volume: column('volume', true)!,
    ...(table.getChild('adjClose') ? { adjClose: column('adjClose', false)! } : {}),
  };
  return { bars, metadata };
}
