// The real sample shipped with the arch package, read from the venv so tests do not depend on
// the project's data/ copy (made by `npm run setup`).
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/python';
import type { Bars } from '../../lib/data';

export const SP500_GZ = path.join(PROJECT_ROOT, '.venv/lib/python3.11/site-packages/arch/data/sp500/sp500.csv.gz');

/** The skfolio wheel's 20-stock daily universe (adjusted closes, one column per symbol). */
export const STOCKS20_GZ = path.join(PROJECT_ROOT, '.venv/lib/python3.11/site-packages/skfolio/datasets/data/sp500_dataset.csv.gz');

/** Bars from rows of [time (epoch ms), open, high, low, close, volume]; adjClose optional. */
export function barsFromRows(rows: ReadonlyArray<readonly number[]>, symbol = 'TEST', adjClose?: readonly number[]): Bars {
  const col = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k]!);
  return {
    symbol, time: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5),
    ...(adjClose ? { adjClose: Float64Array.from(adjClose) } : {}),
  };
}

/** Consistent daily bars (00:00 UTC stamps) on ISO dates from a close path: open = previous close, high/low 1% outside. */
export function dailyBars(dates: readonly string[], closes: readonly number[], volume = 1000, symbol = 'TEST'): Bars {
  return barsFromRows(dates.map((d, i) => {
    const c = closes[i]!, o = i === 0 ? c : closes[i - 1]!;
    return [Date.parse(`${d}T00:00:00Z`), o, Math.max(o, c) * 1.01, Math.min(o, c) * 0.99, c, volume];
  }), symbol);
}
