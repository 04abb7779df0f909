// A sweep table as an arquero table (parameter columns first, then the summary columns), sharing
// the sweep's Float64Arrays: arquero keeps typed arrays as its columns. arquero is ESM and loaded
// lazily, as in lib/data/interop-arquero.ts, so that loading the library does not load it.
import type { ColumnTable } from 'arquero';
import type { SweepTable } from './sweep';

export const SUMMARY_COLUMNS = ['finalValue', 'totalReturn', 'sharpe', 'maxDrawdown', 'trades', 'winRate', 'exposure', 'orders'] as const;

/** Columns by name: the parameters, then SUMMARY_COLUMNS (no copies). */
export function sweepColumns(table: SweepTable): Record<string, Float64Array> {
  const columns: Record<string, Float64Array> = {};
  for (const name of table.paramNames) columns[name] = table.params[name]!;
  for (const name of SUMMARY_COLUMNS) columns[name] = table[name];
  return columns;
}

export function sweepToArquero(table: SweepTable): ColumnTable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const aq = require('arquero') as typeof import('arquero');
  return aq.table(sweepColumns(table));
}
