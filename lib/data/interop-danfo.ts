// Bars <-> danfo.js DataFrames. danfo keeps columns as plain JS arrays (it does not accept typed
// arrays as columns), so both directions copy: O(rows) and fine at research sizes, but do the
// numeric work on Bars and convert at the edges. time becomes a datetime column of Date objects
// (what danfo's dt accessors work on). danfo labels number columns 'float32'/'int32' but keeps the
// JS doubles, so values survive exactly; only its .tensor view narrows them. danfojs-node loads
// TensorFlow and takes seconds, so it is required only when one of these functions is first called.
import Module from 'node:module';
import * as path from 'node:path';
import type { DataFrame } from 'danfojs-node';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { getTf } from '../util/tf';
import { assertBars, type Bars } from './bars';
import { assertTimeZone } from './timezone';

type Danfo = typeof import('danfojs-node');
let danfo: Danfo | undefined;

/**
 * danfojs-node 1.2.0 pins @tensorflow/tfjs-node ^3, and npm installs that copy nested under it,
 * without the native binding scripts/build-tfjs-native.sh builds for the library's own tfjs-node
 * 4.22. danfo touches TensorFlow only to build tensors on request, so when the copy it would load
 * is not the library's, it is handed the library's instance (getTf: native, or pure JS with a
 * warning) through the module cache instead of loading a second, unbuilt TensorFlow.
 */
function loadDanfo(): Danfo {
  if (danfo) return danfo;
  const danfoDir = path.dirname(require.resolve('danfojs-node'));
  const theirs = require.resolve('@tensorflow/tfjs-node', { paths: [danfoDir] });
  const ours = require.resolve('@tensorflow/tfjs-node');
  if (theirs !== ours && !require.cache[theirs]) {
    const tf = getTf();
    const shim = new Module(theirs);
    shim.filename = theirs;
    shim.loaded = true;
    shim.exports = tf;
    require.cache[theirs] = shim;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  danfo = require('danfojs-node') as Danfo;
  return danfo;
}

const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;

/** A DataFrame with columns time (Date), open, high, low, close, volume[, adjClose]: a copy. */
export function barsToDanfo(bars: Bars): DataFrame {
  const n = assertBars(bars);
  const data: Record<string, unknown[]> = { time: Array.from(bars.time, (t) => new Date(t)) };
  for (const name of VALUE_COLUMNS) {
    const col = bars[name];
    if (col) data[name] = Array.from(col);
  }
  const dfd = loadDanfo();
  // danfo infers dtypes from the values; with no rows there are none to infer from.
  if (n === 0) return new dfd.DataFrame([], { columns: Object.keys(data) });
  return new dfd.DataFrame(data);
}

export interface BarsFromDanfoOptions {
  /** IANA zone for the bars; DataFrames carry none. */
  readonly timezone?: string;
}

/**
 * Bars from a DataFrame with the Bars columns; time is a 'time' column or, when there is none,
 * the index, holding Date objects or epoch-ms numbers. Missing values (null, undefined, NaN)
 * become NaN in the value columns. A copy.
 */
export function barsFromDanfo(df: DataFrame, symbol: string, options: BarsFromDanfoOptions = {}): Bars {
  rejectUnknownOptions('options', options, ['timezone']);
  if (!df || !Array.isArray((df as { columns?: unknown }).columns) || typeof (df as { column?: unknown }).column !== 'function') {
    throw new InvalidArgumentError('df', df, 'must be a danfo DataFrame', 'build it with barsToDanfo or new dfd.DataFrame(...)');
  }
  if (typeof symbol !== 'string' || symbol.trim() === '') {
    throw new InvalidArgumentError('symbol', symbol, 'must be a non-empty string', "pass the ticker, e.g. barsFromDanfo(df, 'SPX')");
  }
  const timezone = options.timezone === undefined ? undefined : assertTimeZone(options.timezone, 'options.timezone');
  const names = df.columns;
  for (const col of ['open', 'high', 'low', 'close', 'volume']) {
    if (!names.includes(col)) {
      throw new InvalidArgumentError('df', `columns ${names.join(', ')}`, `has no column "${col}"`, 'provide the columns time, open, high, low, close, volume (adjClose optional)');
    }
  }
  const values = (name: string): readonly unknown[] => df.column(name).values as unknown[];
  const time = names.includes('time') ? toFloat64(values('time'), 'df.time', false) : toFloat64(df.index, 'df.index (no "time" column)', false);
  const column = (name: string): Float64Array => toFloat64(values(name), `df.${name}`, true);
  return {
    symbol,
    time,
    open: column('open'), high: column('high'), low: column('low'), close: column('close'), volume: column('volume'),
    ...(names.includes('adjClose') ? { adjClose: column('adjClose') } : {}),
    ...(timezone !== undefined ? { timezone } : {}),
  };
}

function toFloat64(values: readonly unknown[], argument: string, allowMissing: boolean): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let x: number;
    if (typeof v === 'number') x = v;
    else if (v instanceof Date) x = v.getTime();
    else if (v === null || v === undefined) x = Number.NaN;
    else {
      throw new InvalidArgumentError(`${argument}[${i}]`, v, allowMissing ? 'is not a number' : 'is not a Date or epoch-ms number',
        allowMissing ? 'convert the column to numbers first (df.asType(name, "float32") keeps JS doubles)' : 'store time as Date objects or epoch milliseconds');
    }
    if (!allowMissing && !Number.isFinite(x)) {
      throw new InvalidArgumentError(`${argument}[${i}]`, v, 'is missing', 'drop rows without a timestamp first');
    }
    out[i] = x;
  }
  return out;
}
