// Bars <-> arquero tables without copying where arquero allows. An arquero table built from
// typed arrays keeps them as its columns, so barsToArquero hands over the bars' own arrays and
// barsFromArquero returns a table's Float64Array (or single-chunk Arrow float64) columns as they
// are, unless the table is filtered or ordered, when arquero's row view has to be materialised.
// time stays a number column of epoch ms: arquero's date ops (op.year, op.month, ...) accept
// timestamps, and Date objects would cost an allocation per row. arquero is ESM; it is required
// lazily so that loading the library does not load it.
import type { ColumnTable } from 'arquero';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { assertBars, type Bars } from './bars';
import { assertTimeZone } from './timezone';

type Arquero = typeof import('arquero');
let arquero: Arquero | undefined;

function loadArquero(): Arquero {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  arquero ??= require('arquero') as Arquero;
  return arquero;
}

const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** An arquero table whose columns are the bars' own Float64Arrays (no copy). */
export function barsToArquero(bars: Bars): ColumnTable {
  assertBars(bars);
  return loadArquero().table({
    time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume,
    ...(bars.adjClose ? { adjClose: bars.adjClose } : {}),
  });
}

export interface BarsFromArqueroOptions {
  /** IANA zone for the bars; arquero tables carry none. */
  readonly timezone?: string;
}

/**
 * Bars from an arquero table with columns time (epoch ms numbers or Date objects), open, high,
 * low, close, volume and optionally adjClose. Null/undefined values become NaN; time must be complete.
 */
export function barsFromArquero(table: ColumnTable, symbol: string, options: BarsFromArqueroOptions = {}): Bars {
  rejectUnknownOptions('options', options, ['timezone']);
  if (!table || typeof (table as { columnNames?: unknown }).columnNames !== 'function') {
    throw new InvalidArgumentError('table', table, 'must be an arquero table', 'build it with aq.table, aq.fromArrow or barsToArquero');
  }
  if (typeof symbol !== 'string' || symbol.trim() === '') {
    throw new InvalidArgumentError('symbol', symbol, 'must be a non-empty string', "pass the ticker, e.g. barsFromArquero(table, 'SPX')");
  }
  const timezone = options.timezone === undefined ? undefined : assertTimeZone(options.timezone, 'options.timezone');
  const names = table.columnNames();
  for (const col of ['time', ...VALUE_COLUMNS]) {
    if (!names.includes(col)) {
      throw new InvalidArgumentError('table', `columns ${names.join(', ')}`, `has no column "${col}"`, 'provide the columns time, open, high, low, close, volume (adjClose optional)');
    }
  }
  const column = (name: string, allowMissing: boolean): Float64Array => columnAsFloat64(table, name, allowMissing);
  return {
    symbol,
    time: column('time', false),
    open: column('open', true),
    high: column('high', true),
    low: column('low', true),
    close: column('close', true),
    volume: column('volume', true),
    ...(names.includes('adjClose') ? { adjClose: column('adjClose', true) } : {}),
    ...(timezone !== undefined ? { timezone } : {}),
  };
}

function columnAsFloat64(table: ColumnTable, name: string, allowMissing: boolean): Float64Array {
  const rows = table.numRows();
  if (!table.isFiltered() && !table.isOrdered()) {
    const col = table.column(name) as unknown;
    if (col instanceof Float64Array && col.length === rows) return col;
    // An Arrow-backed column (aq.fromArrow) hands out its buffer when it is one chunk without nulls.
    const arrow = col as { nullCount?: number; toArray?: () => unknown };
    if (arrow && arrow.nullCount === 0 && typeof arrow.toArray === 'function') {
      const values = arrow.toArray();
      if (values instanceof Float64Array && values.length === rows) return values;
    }
  }
  const values = table.array(name) as ArrayLike<unknown>;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') out[i] = v;
    else if (v instanceof Date) out[i] = v.getTime();
    else if (typeof v === 'bigint') out[i] = Number(v);
    else if (v === null || v === undefined) {
      if (!allowMissing) throw new InvalidArgumentError(`table.${name}[${i}]`, v, 'is missing', 'drop rows without a timestamp first (table.filter(d => d.time != null))');
      out[i] = Number.NaN;
    } else {
      throw new InvalidArgumentError(`table.${name}[${i}]`, v, 'is not a number', `convert the column to numbers first (table.derive({ ${name}: d => +d.${name} }))`);
    }
  }
  return out;
}
