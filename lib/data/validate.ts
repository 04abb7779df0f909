// Checks a Bars object for the defects that silently corrupt research: gaps, duplicated or
// out-of-order timestamps, impossible OHLC bars, non-positive prices, negative volume. The report
// keeps row indices for code and dated sentences for people; strict mode turns it into an error.
import { DataValidationError, InvalidArgumentError } from '../util/errors';
import { assertBars, BAR_COLUMNS, isoDate, type BarColumn, type Bars } from './bars';
import { rejectUnknownOptions } from '../util/options';

export const DEFAULT_MAX_MISSING_FRACTION = 0.05;
/** How many row dates a problem sentence lists before summarising the rest. */
const MAX_LISTED = 5;

export interface ValidateBarsOptions {
  /** Largest tolerated fraction of missing (NaN) values in any one column, in [0, 1]. */
  readonly maxMissingFraction?: number;
  /** Throw DataValidationError instead of returning a failing report. */
  readonly strict?: boolean;
}

export interface MissingSummary {
  readonly count: number;
  readonly fraction: number;
  readonly indices: readonly number[];
  readonly exceedsThreshold: boolean;
}

export interface ValidationReport {
  readonly symbol: string;
  readonly rows: number;
  readonly ok: boolean;
  /** Sentences naming each defect and the dates of the rows that have it. */
  readonly problems: readonly string[];
  /** Defects within tolerance (missing values under the threshold). */
  readonly warnings: readonly string[];
  /** Per column; adjClose only when the bars carry it. */
  readonly missing: Readonly<Partial<Record<BarColumn, MissingSummary>>>;
  /** Rows whose timestamp equals an earlier row's. */
  readonly duplicateTimestamps: readonly number[];
  /** Rows whose timestamp is earlier than the previous row's. */
  readonly unsortedTimestamps: readonly number[];
  /** Rows where high < max(open, close), low > min(open, close) or high < low. */
  readonly ohlcInconsistent: readonly number[];
  /** Rows with a price (open, high, low, close, adjClose) <= 0. */
  readonly nonPositivePrices: readonly number[];
  readonly negativeVolume: readonly number[];
}

export function validateBars(bars: Bars, options: ValidateBarsOptions = {}): ValidationReport {
  rejectUnknownOptions('options', options, ['maxMissingFraction', 'strict']);
  const threshold = options.maxMissingFraction ?? DEFAULT_MAX_MISSING_FRACTION;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new InvalidArgumentError('options.maxMissingFraction', threshold, 'must be a number in [0, 1]', 'pass e.g. 0.05 for 5%');
  }
  const n = assertBars(bars);
  const { time, open, high, low, close, volume, adjClose } = bars;
  const when = (i: number): string => (Number.isFinite(time[i]) ? isoDate(time[i]!) : `row ${i}`);
  const list = (rows: readonly number[]): string =>
    rows.slice(0, MAX_LISTED).map(when).join(', ') + (rows.length > MAX_LISTED ? ` and ${rows.length - MAX_LISTED} more` : '');
  const problems: string[] = [];
  const warnings: string[] = [];

  const missing: Partial<Record<BarColumn, MissingSummary>> = {};
  for (const name of BAR_COLUMNS) {
    const col = bars[name];
    if (!col) continue;
    const indices: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isNaN(col[i])) indices.push(i);
    const fraction = n === 0 ? 0 : indices.length / n;
    const exceedsThreshold = fraction > threshold;
    missing[name] = { count: indices.length, fraction, indices, exceedsThreshold };
    if (indices.length === 0) continue;
    const sentence = `${name}: ${indices.length} missing value(s) (${pct(fraction)}, threshold ${pct(threshold)}) on ${list(indices)}`;
    (exceedsThreshold ? problems : warnings).push(sentence);
  }

  const duplicateTimestamps: number[] = [];
  const unsortedTimestamps: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (Number.isNaN(t)) continue;
    if (seen.has(t)) duplicateTimestamps.push(i);
    seen.add(t);
    if (i > 0 && t < time[i - 1]!) unsortedTimestamps.push(i);
  }
  if (duplicateTimestamps.length > 0) problems.push(`duplicate timestamps on ${list(duplicateTimestamps)}`);
  if (unsortedTimestamps.length > 0) problems.push(`timestamps out of order (earlier than the previous row) on ${list(unsortedTimestamps)}`);

  // NaN comparisons are false, so rows with missing values are left to the missing-value check.
  const ohlcInconsistent: number[] = [];
  const nonPositivePrices: number[] = [];
  const negativeVolume: number[] = [];
  for (let i = 0; i < n; i++) {
    const o = open[i]!, h = high[i]!, l = low[i]!, c = close[i]!;
    if (h < Math.max(o, c) || l > Math.min(o, c) || h < l) ohlcInconsistent.push(i);
    if (o <= 0 || h <= 0 || l <= 0 || c <= 0 || (adjClose !== undefined && adjClose[i]! <= 0)) nonPositivePrices.push(i);
    if (volume[i]! < 0) negativeVolume.push(i);
  }
  if (ohlcInconsistent.length > 0) problems.push(`OHLC inconsistent (high below open/close, low above open/close, or high < low) on ${list(ohlcInconsistent)}`);
  if (nonPositivePrices.length > 0) problems.push(`non-positive prices on ${list(nonPositivePrices)}`);
  if (negativeVolume.length > 0) problems.push(`negative volume on ${list(negativeVolume)}`);

  const report: ValidationReport = {
    symbol: bars.symbol, rows: n, ok: problems.length === 0, problems, warnings, missing,
    duplicateTimestamps, unsortedTimestamps, ohlcInconsistent, nonPositivePrices, negativeVolume,
  };
  if (options.strict && !report.ok) {
    throw new DataValidationError(bars.symbol, problems,
      'repair or drop the listed rows at the source (or raise maxMissingFraction if the gaps are expected), then validate again');
  }
  return report;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}
