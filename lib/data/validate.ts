// Checks a Bars object for the defects that silently corrupt research: gaps, duplicated or
// out-of-order timestamps, impossible OHLC bars, non-positive prices, negative volume, sessions
// without a bar, unadjusted splits, frozen feeds and stale data. The report keeps row indices for
// code and dated sentences for people, and is plain JSON (it is logged with each run); strict mode
// turns it into an error that names the symbol, the dates and the repair.
import { DataValidationError, InvalidArgumentError } from '../util/errors';
import { assertBars, BAR_COLUMNS, isoDate, type BarColumn, type Bars } from './bars';
import { assertCalendar, dayNumber, weekdays, type Calendar } from './calendar';
import { barAge, calendarCoverage } from './validate-calendar';
import {
  iqrOutliers, logReturns, splitLikeJumps, staleRuns, zScoreOutliers, type SplitLikeJump, type StaleRun,
} from './validate-series';
import { rejectUnknownOptions } from '../util/options';

export const DEFAULT_MAX_MISSING_FRACTION = 0.05;
/**
 * |z| of a log return above which it is reported. Under normal returns P(|z| > 6) is 2e-9, so
 * ordinary volatility never trips it, while a misplaced decimal (log 10 = 2.3 against a daily sd
 * near 0.01) lands far beyond. Real crashes exceed it too (S&P 500 1999-2018: 6 days, autumn 2008),
 * so outliers are warnings, never failures. The sd includes the outliers themselves, and with n
 * returns |z| cannot exceed (n - 1) / sqrt(n): below 38 returns only the IQR fence can fire.
 */
export const DEFAULT_OUTLIER_Z = 6;
/** Tukey's "far out" fence: Q1 - 3 IQR, Q3 + 3 IQR (about 4.7 sd for normal data). */
export const DEFAULT_OUTLIER_IQR_K = 3;
/** Split factors looked for, both ways (2 = a 2:1 split halving the price, or a 1:2 reverse split doubling it). */
export const DEFAULT_SPLIT_FACTORS: readonly number[] = [1.5, 2, 3, 4, 5, 8, 10, 20];
/** Relative distance of the close-to-close ratio from 1/f (or f): one ordinary day's move on top of the split. */
export const DEFAULT_SPLIT_TOLERANCE = 0.05;
/** This many identical closes in a row is a frozen feed rather than a quiet market for listed equities. */
export const DEFAULT_MIN_STALE_RUN = 5;
/** Sessions the last bar may lag asOf: 1 allows running before the asOf session's bar is published. */
export const DEFAULT_MAX_AGE = 1;
/** How many row dates a problem sentence lists before summarising the rest. */
const MAX_LISTED = 5;

export interface ValidateBarsOptions {
  /** Largest tolerated fraction of missing (NaN) values in any one column, and of missing sessions, in [0, 1]. */
  readonly maxMissingFraction?: number;
  /** Throw DataValidationError instead of returning a failing report. */
  readonly strict?: boolean;
  /** Trading calendar: turns on the missing-bar and off-calendar checks. */
  readonly calendar?: Calendar;
  /** |z| of a log return above which it is an outlier warning; Infinity turns the check off. */
  readonly outlierZ?: number;
  /** IQR fence multiplier for log-return outlier warnings; Infinity turns the check off. */
  readonly outlierIqrK?: number;
  /** Split factors (> 1) whose price jumps are problems; [] turns the check off. */
  readonly splitFactors?: readonly number[];
  readonly splitTolerance?: number;
  /** Shortest run of identical closes reported as stale (integer >= 2); Infinity turns the check off. */
  readonly minStaleRun?: number;
  /** ISO date the data should be current on; sessions counted with `calendar` (weekdays when absent). */
  readonly asOf?: string;
  /** Sessions the last bar may lag `asOf`. */
  readonly maxAge?: number;
}

const OPTION_NAMES = [
  'maxMissingFraction', 'strict', 'calendar', 'outlierZ', 'outlierIqrK', 'splitFactors', 'splitTolerance', 'minStaleRun', 'asOf', 'maxAge',
];

export interface MissingSummary {
  readonly count: number;
  readonly fraction: number;
  readonly indices: readonly number[];
  readonly exceedsThreshold: boolean;
}

export interface MissingBarsSummary {
  readonly calendar: string;
  /** Sessions from the first to the last bar date. */
  readonly expected: number;
  readonly count: number;
  readonly fraction: number;
  /** Sessions with no bar (there is no row to point at). */
  readonly dates: readonly string[];
  readonly exceedsThreshold: boolean;
}

export interface ReturnOutliers {
  readonly zScore: { readonly threshold: number; readonly rows: readonly number[]; readonly mean: number; readonly sd: number };
  readonly iqr: { readonly k: number; readonly rows: readonly number[]; readonly lower: number; readonly upper: number };
}

export interface StalenessSummary {
  readonly asOf: string;
  readonly calendar: string;
  readonly lastBar: string | null;
  readonly ageSessions: number;
  readonly maxAge: number;
  readonly stale: boolean;
  /** The last bar is dated after asOf: the data holds the future of the as-of date. */
  readonly afterAsOf: boolean;
}

export interface ValidationReport {
  readonly symbol: string;
  readonly rows: number;
  readonly ok: boolean;
  /** Sentences naming each defect and the dates of the rows that have it. */
  readonly problems: readonly string[];
  /** Defects within tolerance, and outliers (which real markets produce too). */
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
  /** Log-return (close to close) outliers by z-score and by IQR fence: warnings. */
  readonly returnOutliers: ReturnOutliers;
  /** Close-to-close jumps near a split factor with volume moving the other way. */
  readonly splitLikeJumps: readonly SplitLikeJump[];
  /** Runs of identical closes at least minStaleRun long. */
  readonly staleRuns: readonly StaleRun[];
  /** Name of the calendar checked against, when one was given. */
  readonly calendar?: string;
  readonly missingBars?: MissingBarsSummary;
  /** Rows dated on days that are not sessions of the calendar. */
  readonly offCalendar?: readonly number[];
  /** Present when asOf was given. */
  readonly staleness?: StalenessSummary;
}

export function validateBars(bars: Bars, options: ValidateBarsOptions = {}): ValidationReport {
  const opts = readOptions(options);
  const n = assertBars(bars);
  const { time, open, high, low, close, volume, adjClose } = bars;
  const when = (i: number): string => (Number.isFinite(time[i]) ? isoDate(time[i]!) : `row ${i}`);
  const list = (rows: readonly number[], detail?: (i: number) => string): string =>
    rows.slice(0, MAX_LISTED).map((i) => (detail ? `${when(i)} (${detail(i)})` : when(i))).join(', ') + more(rows.length);
  const problems: string[] = [];
  const warnings: string[] = [];
  const fixes: string[] = [];
  const problem = (sentence: string, fix: string): void => {
    problems.push(sentence);
    if (!fixes.includes(fix)) fixes.push(fix);
  };
  const threshold = opts.maxMissingFraction;

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
    if (exceedsThreshold) problem(sentence, "repairBars(bars, { missingValues: 'drop' | 'forward-fill' }), or raise maxMissingFraction if the gaps are expected");
    else warnings.push(sentence);
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
  if (duplicateTimestamps.length > 0) problem(`duplicate timestamps on ${list(duplicateTimestamps)}`, "repairBars(bars, { duplicates: 'keep-first' | 'keep-last' | 'drop' })");
  if (unsortedTimestamps.length > 0) problem(`timestamps out of order (earlier than the previous row) on ${list(unsortedTimestamps)}`, "repairBars(bars, { unsorted: 'sort' })");

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
  if (ohlcInconsistent.length > 0) problem(`OHLC inconsistent (high below open/close, low above open/close, or high < low) on ${list(ohlcInconsistent)}`, "correct the source, or repairBars(bars, { ohlc: 'clip' | 'drop' })");
  if (nonPositivePrices.length > 0) problem(`non-positive prices on ${list(nonPositivePrices)}`, "repairBars(bars, { nonPositivePrices: 'drop' })");
  if (negativeVolume.length > 0) problem(`negative volume on ${list(negativeVolume)}`, "repairBars(bars, { negativeVolume: 'drop' })");

  const returns = logReturns(close);
  const z = zScoreOutliers(returns, opts.outlierZ);
  const fence = iqrOutliers(returns, opts.outlierIqrK);
  const returnOutliers: ReturnOutliers = {
    zScore: { threshold: opts.outlierZ, rows: z.rows, mean: z.mean, sd: z.sd },
    iqr: { k: opts.outlierIqrK, rows: fence.rows, lower: fence.lower, upper: fence.upper },
  };
  const realEvents = 'check them against market events before treating them as errors';
  if (z.rows.length > 0) {
    warnings.push(`log-return outliers by z-score (|z| > ${opts.outlierZ}; mean ${fmt(z.mean)}, sd ${fmt(z.sd)}) on ${list(z.rows, (i) => `z = ${((returns[i]! - z.mean) / z.sd).toFixed(1)}`)}: ${realEvents}`);
  }
  if (fence.rows.length > 0) {
    warnings.push(`log-return outliers outside the IQR fences (k = ${opts.outlierIqrK}: ${fmt(fence.lower)} .. ${fmt(fence.upper)}) on ${list(fence.rows, (i) => `r = ${fmt(returns[i]!)}`)}: ${realEvents}`);
  }

  const jumps = opts.splitFactors.length === 0 ? [] : splitLikeJumps(close, volume, adjClose, opts.splitFactors, opts.splitTolerance);
  const jumpDetail = (row: number): string => {
    const j = jumps.find((x) => x.row === row)!;
    const split = j.reverse ? `1:${j.factor} reverse split` : `${j.factor}:1 split`;
    return `ratio ${j.ratio.toFixed(3)}, near a ${split}${j.volumeRatio === null ? '' : `, volume x${j.volumeRatio.toFixed(2)}`}`;
  };
  const unadjusted = jumps.filter((j) => !j.adjustedInAdjClose).map((j) => j.row);
  const adjustedOnly = jumps.filter((j) => j.adjustedInAdjClose).map((j) => j.row);
  if (unadjusted.length > 0) {
    problem(`close-to-close jumps that look like unadjusted splits on ${list(unadjusted, jumpDetail)}`, 'use split-adjusted prices (adjClose) or adjust the series at the split dates');
  }
  if (adjustedOnly.length > 0) {
    warnings.push(`close jumps like an unadjusted split on ${list(adjustedOnly, jumpDetail)}, but adjClose does not: compute returns from adjClose`);
  }

  const runs = Number.isFinite(opts.minStaleRun) ? staleRuns(close, opts.minStaleRun) : [];
  if (runs.length > 0) {
    const spans = runs.slice(0, MAX_LISTED).map((r) => `${r.length} bars from ${when(r.start)} to ${when(r.end)}`).join(', ') + more(runs.length);
    problem(`close unchanged (stale) for ${spans}`, 'check the feed over the frozen spans, or raise minStaleRun for an illiquid instrument');
  }

  let calendarPart: Pick<ValidationReport, 'calendar' | 'missingBars' | 'offCalendar'> = {};
  if (opts.calendar) {
    const cal = opts.calendar;
    const coverage = calendarCoverage(time, cal);
    const count = coverage.missingDates.length;
    const fraction = coverage.expected === 0 ? 0 : count / coverage.expected;
    const missingBars: MissingBarsSummary = {
      calendar: cal.name, expected: coverage.expected, count, fraction, dates: coverage.missingDates, exceedsThreshold: fraction > threshold,
    };
    if (count > 0) {
      const dates = coverage.missingDates.slice(0, MAX_LISTED).join(', ') + more(count);
      const sentence = `missing bars: ${count} ${cal.name} session(s) with no bar (${pct(fraction)} of ${coverage.expected}, threshold ${pct(threshold)}) on ${dates}`;
      if (missingBars.exceedsThreshold) problem(sentence, "fetch the missing sessions, or repairBars(bars, { missingBars: 'forward-fill', calendar }), or raise maxMissingFraction");
      else warnings.push(sentence);
    }
    if (coverage.offCalendar.length > 0) {
      problem(`bars on days that are not ${cal.name} sessions on ${list(coverage.offCalendar)}`, "check the timestamps' timezone and the calendar, or repairBars(bars, { offCalendar: 'drop', calendar })");
    }
    calendarPart = { calendar: cal.name, missingBars, offCalendar: coverage.offCalendar };
  }

  let staleness: StalenessSummary | undefined;
  if (opts.asOf !== undefined) {
    const cal = opts.calendar ?? weekdays;
    const age = barAge(time, cal, opts.asOf);
    const afterAsOf = age.lastBar !== null && age.lastBar > opts.asOf;
    const stale = age.lastBar === null || age.ageSessions > opts.maxAge;
    staleness = { asOf: opts.asOf, calendar: cal.name, lastBar: age.lastBar, ageSessions: age.ageSessions, maxAge: opts.maxAge, stale, afterAsOf };
    if (age.lastBar === null) problem(`stale: no dated bar to compare with asOf ${opts.asOf}`, `load data up to ${opts.asOf}`);
    else if (stale) problem(`stale: last bar ${age.lastBar} is ${age.ageSessions} ${cal.name} session(s) before asOf ${opts.asOf} (maxAge ${opts.maxAge})`, `refresh the data up to ${opts.asOf}`);
    if (afterAsOf) problem(`bars after asOf ${opts.asOf} (last bar ${age.lastBar}): the data holds the future of the as-of date`, `cut the bars at ${opts.asOf} (rowsBetween) so nothing looks ahead`);
  }

  const report: ValidationReport = {
    symbol: bars.symbol, rows: n, ok: problems.length === 0, problems, warnings, missing,
    duplicateTimestamps, unsortedTimestamps, ohlcInconsistent, nonPositivePrices, negativeVolume,
    returnOutliers, splitLikeJumps: jumps, staleRuns: runs, ...calendarPart, ...(staleness ? { staleness } : {}),
  };
  if (opts.strict && !report.ok) throw new DataValidationError(bars.symbol, problems, `${fixes.join('; ')}; then validate again`);
  return report;
}

interface ResolvedOptions {
  readonly maxMissingFraction: number;
  readonly strict: boolean;
  readonly calendar: Calendar | undefined;
  readonly outlierZ: number;
  readonly outlierIqrK: number;
  readonly splitFactors: readonly number[];
  readonly splitTolerance: number;
  readonly minStaleRun: number;
  readonly asOf: string | undefined;
  readonly maxAge: number;
}

function readOptions(options: ValidateBarsOptions): ResolvedOptions {
  rejectUnknownOptions('options', options, OPTION_NAMES);
  const threshold = options.maxMissingFraction ?? DEFAULT_MAX_MISSING_FRACTION;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new InvalidArgumentError('options.maxMissingFraction', threshold, 'must be a number in [0, 1]', 'pass e.g. 0.05 for 5%');
  }
  if (options.calendar !== undefined) assertCalendar(options.calendar, 'options.calendar');
  const positive = (name: string, value: number, example: string): number => {
    if (typeof value !== 'number' || !(value > 0)) {
      throw new InvalidArgumentError(`options.${name}`, value, 'must be a positive number (Infinity turns the check off)', `pass e.g. ${example}`);
    }
    return value;
  };
  const splitFactors = options.splitFactors ?? DEFAULT_SPLIT_FACTORS;
  if (!Array.isArray(splitFactors) || splitFactors.some((f) => typeof f !== 'number' || !(f > 1) || !Number.isFinite(f))) {
    throw new InvalidArgumentError('options.splitFactors', splitFactors, 'must be an array of finite factors > 1', 'pass e.g. [2, 3, 10] (or [] to turn the check off)');
  }
  const splitTolerance = options.splitTolerance ?? DEFAULT_SPLIT_TOLERANCE;
  if (typeof splitTolerance !== 'number' || !(splitTolerance > 0 && splitTolerance < 0.2)) {
    throw new InvalidArgumentError('options.splitTolerance', splitTolerance, 'must be a relative tolerance in (0, 0.2)', 'pass e.g. 0.05');
  }
  const minStaleRun = options.minStaleRun ?? DEFAULT_MIN_STALE_RUN;
  if (typeof minStaleRun !== 'number' || !(minStaleRun === Number.POSITIVE_INFINITY || (Number.isInteger(minStaleRun) && minStaleRun >= 2))) {
    throw new InvalidArgumentError('options.minStaleRun', minStaleRun, 'must be an integer >= 2 (Infinity turns the check off)', 'pass e.g. 5');
  }
  if (options.asOf !== undefined) dayNumber(options.asOf, 'options.asOf');
  const maxAge = options.maxAge ?? DEFAULT_MAX_AGE;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0) {
    throw new InvalidArgumentError('options.maxAge', maxAge, 'must be a whole number of sessions >= 0', 'pass e.g. 1');
  }
  if (options.maxAge !== undefined && options.asOf === undefined) {
    throw new InvalidArgumentError('options.maxAge', options.maxAge, 'has no effect without options.asOf', "pass asOf too, e.g. { asOf: '2024-06-28', maxAge: 1 }");
  }
  return {
    maxMissingFraction: threshold,
    strict: options.strict === true,
    calendar: options.calendar,
    outlierZ: positive('outlierZ', options.outlierZ ?? DEFAULT_OUTLIER_Z, '6'),
    outlierIqrK: positive('outlierIqrK', options.outlierIqrK ?? DEFAULT_OUTLIER_IQR_K, '3'),
    splitFactors,
    splitTolerance,
    minStaleRun,
    asOf: options.asOf,
    maxAge,
  };
}

function more(count: number): string {
  return count > MAX_LISTED ? ` and ${count - MAX_LISTED} more` : '';
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

function fmt(x: number): string {
  return x.toPrecision(3);
}
