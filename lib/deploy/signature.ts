// What a deployed model takes and gives: named raw input columns (bars, or a pair's two closes)
// with a minimum history, and one probability for the last row. The input is checked here, at
// the boundary, so a request with a missing column, a NaN or too short a history fails with the
// column, the row and the fix instead of a NaN probability.
import { isoDate } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';

/** MLflow's column types; `long` columns here are epoch milliseconds (UTC). */
export type ColumnType = 'long' | 'double';

/** What a column's values must satisfy beyond being finite numbers. */
export type ColumnCheck = 'increasing' | 'positive' | 'non-negative' | 'finite';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly check: ColumnCheck;
}

export interface ModelSignature {
  /** The raw input's columns, in order; each is an array of one value per bar. */
  readonly inputs: readonly ColumnSpec[];
  readonly outputs: readonly ColumnSpec[];
  /** Fewest bars a prediction needs: the features' warm-up plus the lookback. */
  readonly minHistory: number;
}

/** Validated input: one Float64Array per signature column, all of length `rows`. */
export interface InputColumns {
  readonly rows: number;
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** The caller's label for the series (bars' symbol); optional in the input. */
  readonly symbol?: string;
}

export const TIME_COLUMN: ColumnSpec = { name: 'time', type: 'long', check: 'increasing' };
export const BAR_INPUTS: readonly ColumnSpec[] = [
  TIME_COLUMN,
  { name: 'open', type: 'double', check: 'positive' },
  { name: 'high', type: 'double', check: 'positive' },
  { name: 'low', type: 'double', check: 'positive' },
  { name: 'close', type: 'double', check: 'positive' },
  { name: 'volume', type: 'double', check: 'non-negative' },
];
export const PROBABILITY_OUTPUTS: readonly ColumnSpec[] = [
  { name: 'time', type: 'long', check: 'increasing' },
  { name: 'probability', type: 'double', check: 'finite' },
];
/** Keys of an input object that are not columns. */
const OPTIONAL_KEYS = ['symbol'];

/** MLflow's column-based schema JSON (`[{"type": "double", "name": "close", "required": true}]`). */
export function mlflowSchemaJson(columns: readonly ColumnSpec[]): string {
  return JSON.stringify(columns.map((c) => ({ type: c.type, name: c.name, required: true })));
}

function columnList(signature: ModelSignature): string {
  return signature.inputs.map((c) => c.name).join(', ');
}

function toTime(value: unknown): number {
  if (typeof value === 'number') return value;
  // ISO dates or date-times are accepted for convenience in hand-written requests.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.NaN;
}

function readColumn(input: Record<string, unknown>, spec: ColumnSpec, argument: string): Float64Array {
  const raw = input[spec.name];
  const name = `${argument}.${spec.name}`;
  if (!Array.isArray(raw) && !(raw instanceof Float64Array)) {
    throw new InvalidArgumentError(name, raw, 'must be an array of numbers, one per bar', `send ${spec.name} as a JSON array, oldest bar first`);
  }
  const out = new Float64Array(raw.length);
  for (let t = 0; t < raw.length; t++) {
    const v = spec.check === 'increasing' ? toTime(raw[t]) : typeof raw[t] === 'number' ? (raw[t] as number) : Number.NaN;
    out[t] = v;
    if (!Number.isFinite(v)) {
      const fix = spec.check === 'increasing' ? 'send epoch milliseconds (UTC) or ISO dates' : 'repair the series (repairBars) or drop the bar before sending it';
      throw new InvalidArgumentError(`${name}[${t}]`, raw[t], 'is not a finite number', fix);
    }
    if (spec.check === 'positive' && !(v > 0)) throw new InvalidArgumentError(`${name}[${t}]`, v, 'is not a positive price', 'repair the series or drop the bar');
    if (spec.check === 'non-negative' && v < 0) throw new InvalidArgumentError(`${name}[${t}]`, v, 'is negative', 'send volumes >= 0 (0 where unknown)');
    if (spec.check === 'increasing' && t > 0 && !(v > out[t - 1]!)) {
      throw new InvalidArgumentError(`${name}[${t}]`, raw[t], `is not after the previous bar (${isoDate(out[t - 1]!)})`, 'sort the bars by time and drop duplicates');
    }
  }
  return out;
}

/**
 * Checks `input` against the signature: an object holding exactly the signature's columns (plus
 * an optional symbol), equal lengths, finite values meeting each column's check, and at least
 * `minHistory` rows. Bars objects (Float64Array columns) pass as they are.
 */
export function readInput(input: unknown, signature: ModelSignature, argument = 'input'): InputColumns {
  const names = columnList(signature);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidArgumentError(argument, input, `must be an object of columns (${names})`, `send { ${signature.inputs.map((c) => `"${c.name}": [...]`).join(', ')} }, oldest bar first`);
  }
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // A Bars object's adjClose and timezone are harmless extras; anything else is a mistake.
    const barsExtra = (key === 'adjClose' || key === 'timezone') && record.time instanceof Float64Array;
    if (!signature.inputs.some((c) => c.name === key) && !OPTIONAL_KEYS.includes(key) && !barsExtra) {
      throw new InvalidArgumentError(`${argument}.${key}`, record[key], "is not a column of the model's signature", `send only ${names}${OPTIONAL_KEYS.length ? ` (and optionally ${OPTIONAL_KEYS.join(', ')})` : ''}`);
    }
  }
  for (const spec of signature.inputs) {
    if (record[spec.name] === undefined) throw new InvalidArgumentError(`${argument}.${spec.name}`, undefined, 'is missing', `send every column of the signature: ${names}`);
  }
  const columns: Record<string, Float64Array> = {};
  for (const spec of signature.inputs) columns[spec.name] = readColumn(record, spec, argument);
  const rows = columns[signature.inputs[0]!.name]!.length;
  for (const spec of signature.inputs) {
    if (columns[spec.name]!.length !== rows) {
      throw new InvalidArgumentError(`${argument}.${spec.name}`, `${columns[spec.name]!.length} values`, `differs in length from ${argument}.${signature.inputs[0]!.name} (${rows})`, 'send one value per bar in every column');
    }
  }
  if (rows < signature.minHistory) {
    throw new InvalidArgumentError(argument, `${rows} bars`, `are too few: this model needs ${signature.minHistory} (its features' warm-up plus its lookback)`,
      `send at least the last ${signature.minHistory} bars, oldest first`);
  }
  const symbol = record.symbol;
  if (symbol !== undefined && typeof symbol !== 'string') throw new InvalidArgumentError(`${argument}.symbol`, symbol, 'must be a string', 'send the symbol as text, or leave it out');
  return { rows, columns, ...(symbol !== undefined ? { symbol } : {}) };
}
