// A parameter sweep (one row per combination: parameter values and the metrics they scored) as a
// matrix over two parameters, ready for a heatmap: a plateau of good values is a robust choice, a
// lone bright cell is likely overfit.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';

/** How several rows falling into one cell (a third parameter swept too) become one value. */
export type SweepAggregate = 'max' | 'min' | 'mean';

/** Rows of a sweep, or the same as columns of equal length. */
export type SweepResults =
  | readonly { readonly [key: string]: unknown }[]
  | { readonly [key: string]: ArrayLike<unknown> };

export interface SweepGridOptions {
  /** Parameter along the columns. */
  readonly x: string;
  /** Parameter along the rows. */
  readonly y: string;
  /** Metric in the cells. */
  readonly metric: string;
  /** Needed when a cell has several rows; by default that is an error. */
  readonly aggregate?: SweepAggregate;
}

export interface SweepGrid {
  readonly x: string;
  readonly y: string;
  readonly metric: string;
  /** Distinct x values: numbers ascending, otherwise in order of first appearance. */
  readonly xValues: readonly (number | string)[];
  readonly yValues: readonly (number | string)[];
  /** z[i][j]: the metric at yValues[i], xValues[j]; NaN where the sweep has no row. */
  readonly z: readonly Float64Array[];
}

export function parameterSweepGrid(results: SweepResults, options: SweepGridOptions): SweepGrid {
  rejectUnknownOptions('options', options, ['x', 'y', 'metric', 'aggregate']);
  for (const key of ['x', 'y', 'metric'] as const) {
    if (typeof options?.[key] !== 'string') throw new InvalidArgumentError(`options.${key}`, options?.[key], 'must be a column name', "pass e.g. { x: 'fast', y: 'slow', metric: 'sharpe' }");
  }
  const { x, y, metric } = options;
  if (x === y) throw new InvalidArgumentError('options.y', y, 'is the same parameter as options.x', 'pass two different parameters');
  const aggregate = options.aggregate;
  if (aggregate !== undefined && !['max', 'min', 'mean'].includes(aggregate)) {
    throw new InvalidArgumentError('options.aggregate', aggregate, "must be 'max', 'min' or 'mean'", "pass 'max' to show the best value over the other parameters");
  }
  const xs = column(results, x, 'parameter'), ys = column(results, y, 'parameter'), zs = column(results, metric, 'metric');
  const xValues = distinct(xs), yValues = distinct(ys);
  const xIndex = new Map(xValues.map((v, j) => [v, j])), yIndex = new Map(yValues.map((v, i) => [v, i]));
  const sum = yValues.map(() => new Float64Array(xValues.length));
  const count = yValues.map(() => new Int32Array(xValues.length));
  const z = yValues.map(() => new Float64Array(xValues.length).fill(NaN));
  for (let r = 0; r < xs.length; r++) {
    const i = yIndex.get(ys[r] as number | string)!, j = xIndex.get(xs[r] as number | string)!;
    const v = zs[r] as number;
    const seen = count[i]![j]!;
    if (seen > 0 && aggregate === undefined) {
      throw new InvalidArgumentError(`results (row ${r})`, { [x]: xs[r], [y]: ys[r] }, `repeats a (${x}, ${y}) cell`, "pass aggregate: 'max', 'min' or 'mean', or filter the other swept parameters first");
    }
    count[i]![j] = seen + 1;
    sum[i]![j]! += v;
    const cell = z[i]![j]!;
    if (seen === 0 || aggregate === undefined) z[i]![j] = v;
    // NaN (a failed run) never wins a max or min; it poisons a mean, which then shows as empty.
    else if (aggregate === 'max') z[i]![j] = Number.isNaN(cell) || v > cell ? v : cell;
    else if (aggregate === 'min') z[i]![j] = Number.isNaN(cell) || v < cell ? v : cell;
  }
  if (aggregate === 'mean') {
    z.forEach((row, i) => row.forEach((_, j) => { row[j] = count[i]![j]! > 0 ? sum[i]![j]! / count[i]![j]! : NaN; }));
  }
  return { x, y, metric, xValues, yValues, z };
}

function column(results: SweepResults, key: string, kind: 'parameter' | 'metric'): ArrayLike<unknown> {
  let values: ArrayLike<unknown>;
  if (Array.isArray(results)) {
    if (results.length === 0) throw new InvalidArgumentError('results', results, 'is empty', 'pass the rows of a parameter sweep');
    values = results.map((row: unknown, r) => {
      if (row === null || typeof row !== 'object') throw new InvalidArgumentError(`results[${r}]`, row, 'must be an object', 'pass one { param: value, ..., metric: value } per combination');
      return (row as Record<string, unknown>)[key];
    });
  } else if (results !== null && typeof results === 'object') {
    const col = (results as Record<string, ArrayLike<unknown>>)[key];
    if (col === undefined || typeof col !== 'object' || typeof col.length !== 'number') {
      throw new InvalidArgumentError(`results.${key}`, col, 'is not a column of the results', `pass results with a ${key} column (columns: ${Object.keys(results).join(', ')})`);
    }
    values = col;
    const n = Object.values(results)[0]!.length;
    if (values.length !== n || n === 0) throw new InvalidArgumentError(`results.${key}.length`, values.length, `differs from the first column's length ${n} or is 0`, 'pass columns of equal, non-zero length');
  } else {
    throw new InvalidArgumentError('results', results, 'must be an array of rows or an object of columns', 'pass the sweep as rows [{ fast, slow, sharpe }, ...] or columns { fast: [...], ... }');
  }
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    const ok = kind === 'metric' ? typeof v === 'number' : (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string';
    if (!ok) {
      throw new InvalidArgumentError(`results[${r}].${key}`, v, kind === 'metric' ? 'must be a number (NaN for a failed run)' : 'must be a finite number or a string', kind === 'metric' ? `check the metric name '${key}'` : `check the parameter name '${key}'`);
    }
  }
  return values;
}

function distinct(values: ArrayLike<unknown>): (number | string)[] {
  const unique = [...new Set(Array.from(values) as (number | string)[])];
  return unique.every((v) => typeof v === 'number') ? (unique as number[]).sort((a, b) => a - b) : unique;
}
