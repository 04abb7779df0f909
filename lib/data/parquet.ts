// Bars as a Parquet file, in the layout of arrow.ts (barsToArrow): time as a millisecond Timestamp
// carrying the bars' zone (UTC when none), prices and volume Float64 with NaN stored as NaN so a
// round trip is bit-exact, the symbol and caller metadata as key-value metadata. parquet-wasm
// (arrow-rs compiled to wasm) does the encoding: it reads every codec pandas, Polars and DuckDB
// write (snappy, zstd, gzip, brotli, lz4) and speaks Arrow, so this file only moves Arrow tables.
import * as fs from 'node:fs';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import { writeFileAtomic } from '../util/project';
import { SYMBOL_KEY, asFileError, barsFromArrow, barsToArrow } from './arrow';
import type { Bars } from './bars';

/** Written by Arrow writers (pyarrow, arrow-rs) to restore the Arrow schema; not caller metadata. */
const ARROW_SCHEMA_KEY = 'ARROW:schema';
const FIX_WRITE = 'write it with writeBarsParquet, or from pandas/pyarrow with a timestamp column "time", float columns open, high, low, close, volume and schema metadata {"symbol": ...}';

export function writeBarsParquet(path: string, bars: Bars, metadata: Record<string, string> = {}): void {
  if (metadata !== null && typeof metadata === 'object' && ARROW_SCHEMA_KEY in metadata) {
    throw new InvalidArgumentError(`metadata.${ARROW_SCHEMA_KEY}`, metadata[ARROW_SCHEMA_KEY], 'is reserved by Arrow writers', 'use another key');
  }
  const table = barsToArrow(bars, metadata);
  // The metadata goes in twice: in the Arrow schema (pyarrow and pandas restore it from there)
  // and as plain Parquet key-value pairs, which non-Arrow readers (DuckDB, hyparquet) see.
  // Snappy because every Parquet reader has it; price columns compress little further anyway.
  const properties = new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.SNAPPY)
    .setKeyValueMetadata(new Map(table.schema.metadata))
    .setCreatedBy('quantlab writeBarsParquet (parquet-wasm)')
    .build();
  writeFileAtomic(path, parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(table, 'stream')), properties));
}

/**
 * Reads bars from a Parquet file written by writeBarsParquet or by pandas/pyarrow/Polars: a
 * Timestamp column "time" (any unit, whole milliseconds; its zone becomes bars.timezone) and
 * numeric columns open, high, low, close, volume and optionally adjClose, other columns ignored.
 * Nulls in value columns (pandas writes NaN as null) read as NaN.
 */
export function readBarsParquet(path: string): { bars: Bars; metadata: Record<string, string> } {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(path, 'check the path, or write the file with writeBarsParquet first');
    throw error;
  }
  let table: Table;
  try {
    table = tableFromIPC(parquet.readParquet(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)).intoIPCStream());
  } catch (error) {
    // wasm-bindgen errors are plain Errors; anything else is shown as text.
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataFormatError(path, undefined, `is not a readable Parquet file (${reason})`, FIX_WRITE);
  }
  const metadata = Object.fromEntries(table.schema.metadata);
  delete metadata[ARROW_SCHEMA_KEY];
  if (metadata[SYMBOL_KEY] === undefined) throw new DataFormatError(path, undefined, `key-value metadata lacks "${SYMBOL_KEY}"`, FIX_WRITE);
  delete metadata[SYMBOL_KEY];
  return { bars: asFileError(path, () => barsFromArrow(table)), metadata };
}
