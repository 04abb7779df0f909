// Time-ordered splits as row ranges. Two leaks are closed here rather than left to the caller:
// purging drops training rows whose label window [t, t + horizon] reaches into an evaluation block,
// and the embargo (purgedKFold only) drops training rows right after a test block, whose features
// overlap the test labels' period (Lopez de Prado, AFML ch. 7). A `gap` leaves rows out between
// the end of training and the start of evaluation, as scikit-learn's TimeSeriesSplit does.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkInteger, type RowRange } from './check';

export interface TrainValTestSplit {
  readonly train: RowRange;
  readonly validation: RowRange;
  readonly test: RowRange;
}

interface PurgeGapOptions {
  /** Label horizon: the last `purge` rows of train (and of validation) are dropped. */
  readonly purge?: number;
  /** Rows dropped at the start of validation and of test. */
  readonly gap?: number;
}

export interface FractionSplitOptions extends PurgeGapOptions {
  readonly train: number;
  readonly validation: number;
  /** Defaults to the rest; if given, the three fractions must sum to 1. */
  readonly test?: number;
}

export interface DateSplitOptions extends PurgeGapOptions {
  /** Epoch ms per row, strictly increasing (bars.time). */
  readonly time: Float64Array;
  /** First instant of validation: epoch ms or an ISO date ('2019-01-01', UTC). */
  readonly validationStart: number | string;
  readonly testStart: number | string;
}

const FRACTION_KEYS = ['train', 'validation', 'test', 'purge', 'gap'] as const;
const DATE_KEYS = ['time', 'validationStart', 'testStart', 'purge', 'gap'] as const;
const FRACTION_TOLERANCE = 1e-9;

/**
 * Splits rows [0, n) into train < validation < test, by fractions of n (boundaries floor(n * f))
 * or by dates. Purging and the gap only remove rows; the sets never overlap or reorder.
 */
export function trainValTestSplit(n: number, options: FractionSplitOptions | DateSplitOptions): TrainValTestSplit {
  checkInteger('n', n, 1, 'the number of rows, bars.time.length');
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', options, 'is required', 'pass { train: 0.7, validation: 0.15 } or { time, validationStart, testStart }');
  }
  const byDate = 'time' in options;
  rejectUnknownOptions('options', options, byDate ? DATE_KEYS : FRACTION_KEYS);
  const purge = options.purge ?? 0, gap = options.gap ?? 0;
  checkInteger('options.purge', purge, 0, 'the label horizon, or 0');
  checkInteger('options.gap', gap, 0, '0, or the rows of feature memory to leave out');
  const [trainEnd, validationEnd] = byDate ? dateBounds(n, options) : fractionBounds(n, options);
  const split: TrainValTestSplit = {
    train: { start: 0, end: trainEnd - purge },
    validation: { start: Math.min(trainEnd + gap, validationEnd), end: validationEnd - purge },
    test: { start: Math.min(validationEnd + gap, n), end: n },
  };
  for (const [name, r] of Object.entries(split) as [string, RowRange][]) {
    if (r.end - r.start < 1) {
      throw new InvalidArgumentError('n', n, `leaves the ${name} set empty (${n} rows, purge ${purge}, gap ${gap})`, 'use a longer range of rows, other fractions or dates, or a smaller purge or gap');
    }
  }
  return split;
}

function fractionBounds(n: number, options: FractionSplitOptions): [number, number] {
  const { train, validation } = options;
  const fraction = (name: string, f: unknown): void => {
    if (typeof f !== 'number' || !(f > 0 && f < 1)) {
      throw new InvalidArgumentError(`options.${name}`, f, 'must be a fraction in (0, 1)', `pass e.g. ${name === 'train' ? 0.7 : 0.15}`);
    }
  };
  fraction('train', train);
  fraction('validation', validation);
  const test = options.test ?? 1 - train - validation;
  if (options.test !== undefined) fraction('test', options.test);
  if (!(test > FRACTION_TOLERANCE) || Math.abs(train + validation + test - 1) > FRACTION_TOLERANCE) {
    throw new InvalidArgumentError('options', { train, validation, test: options.test }, 'fractions must be positive and sum to 1 (test defaults to the rest)', 'use e.g. train 0.7, validation 0.15, test 0.15');
  }
  return [Math.floor(n * train), Math.floor(n * (train + validation))];
}

function dateBounds(n: number, options: DateSplitOptions): [number, number] {
  const { time } = options;
  if (!(time instanceof Float64Array) || time.length !== n) {
    throw new InvalidArgumentError('options.time', time, `must be a Float64Array of n = ${n} timestamps`, 'pass bars.time');
  }
  for (let i = 1; i < n; i++) {
    if (!(time[i]! > time[i - 1]!)) {
      throw new InvalidArgumentError(`options.time[${i}]`, time[i], 'is not after the previous row', 'sort and de-duplicate the rows first');
    }
  }
  const validationStart = instant('options.validationStart', options.validationStart);
  const testStart = instant('options.testStart', options.testStart);
  if (!(validationStart < testStart)) {
    throw new InvalidArgumentError('options.testStart', options.testStart, `must come after options.validationStart (${String(options.validationStart)})`, 'swap the two dates');
  }
  const firstAtOrAfter = (ms: number): number => {
    let i = 0;
    while (i < n && time[i]! < ms) i++;
    return i;
  };
  return [firstAtOrAfter(validationStart), firstAtOrAfter(testStart)];
}

function instant(argument: string, value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new InvalidArgumentError(argument, value, 'must be epoch milliseconds or an ISO date', "pass e.g. '2019-01-01' or Date.UTC(2019, 0, 1)");
  }
  return ms;
}

export type WalkForwardMode = 'rolling' | 'expanding';

export interface WalkForwardOptions {
  /** Training rows of each fold (of the first fold in expanding mode). */
  readonly trainSize: number;
  readonly testSize: number;
  /** Rows the test block moves per fold; defaults to testSize (adjacent, non-overlapping blocks). */
  readonly step?: number;
  /** 'rolling': a window of trainSize rows; 'expanding': all rows from 0. Default 'rolling'. */
  readonly mode?: WalkForwardMode;
  /** Label horizon: training ends `purge` rows earlier so no label reaches the test block. */
  readonly purge?: number;
  /** Further rows left out before each test block (sklearn TimeSeriesSplit's gap = purge + gap). */
  readonly gap?: number;
}

export interface Fold {
  readonly index: number;
  readonly train: RowRange;
  readonly test: RowRange;
}

export const DEFAULT_WALK_FORWARD_MODE: WalkForwardMode = 'rolling';
const WALK_FORWARD_KEYS = ['trainSize', 'testSize', 'step', 'mode', 'purge', 'gap'] as const;

/**
 * Walk-forward folds over rows [0, n): the first test block starts at trainSize + purge + gap and
 * each next one `step` rows later, while a whole test block fits. Training always precedes its
 * test block, so there is nothing for an embargo to do here (see purgedKFold).
 */
export function walkForward(n: number, options: WalkForwardOptions): Fold[] {
  checkInteger('n', n, 2, 'the number of rows, bars.time.length');
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', options, 'is required', 'pass e.g. { trainSize: 500, testSize: 60 }');
  }
  if ('embargo' in options) {
    throw new InvalidArgumentError('options.embargo', (options as { embargo: unknown }).embargo, 'does not apply: in walk-forward no training row follows its test block', 'set purge to the label horizon, and gap for extra rows before each test block');
  }
  rejectUnknownOptions('options', options, WALK_FORWARD_KEYS);
  const { trainSize, testSize } = options;
  checkInteger('options.trainSize', trainSize, 1, '500');
  checkInteger('options.testSize', testSize, 1, '60');
  const step = options.step ?? testSize;
  checkInteger('options.step', step, 1, 'the test size, for adjacent test blocks');
  const mode = options.mode ?? DEFAULT_WALK_FORWARD_MODE;
  if (mode !== 'rolling' && mode !== 'expanding') {
    throw new InvalidArgumentError('options.mode', mode, "must be 'rolling' or 'expanding'", "pass 'rolling' (fixed window) or 'expanding' (all past rows)");
  }
  const purge = options.purge ?? 0, gap = options.gap ?? 0;
  checkInteger('options.purge', purge, 0, 'the label horizon, or 0');
  checkInteger('options.gap', gap, 0, '0');
  const folds: Fold[] = [];
  for (let s = trainSize + purge + gap; s + testSize <= n; s += step) {
    const trainEnd = s - purge - gap;
    folds.push({
      index: folds.length,
      train: { start: mode === 'rolling' ? trainEnd - trainSize : 0, end: trainEnd },
      test: { start: s, end: s + testSize },
    });
  }
  if (folds.length === 0) {
    const need = trainSize + purge + gap + testSize;
    throw new InvalidArgumentError('n', n, `is too few rows for one fold (trainSize + purge + gap + testSize = ${need})`, 'use more data or smaller sizes');
  }
  return folds;
}

export interface PurgedKFoldOptions {
  readonly k: number;
  /** Label horizon: training rows t with [t, t + horizon] touching the test block's label period are purged. */
  readonly horizon?: number;
  /** Rows after each test block (and its purge) also left out of training. */
  readonly embargo?: number;
}

export interface PurgedFold {
  readonly index: number;
  readonly test: RowRange;
  /** Up to two ranges: the rows before and the rows after the test block, purged and embargoed. */
  readonly train: readonly RowRange[];
}

/**
 * k contiguous test blocks in time order (the first n % k one row longer, as sklearn's KFold), each
 * trained on every other row except those purged or embargoed. With horizon 0 and embargo 0 it is
 * KFold(k, shuffle=False).
 */
export function purgedKFold(n: number, options: PurgedKFoldOptions): PurgedFold[] {
  checkInteger('n', n, 2, 'the number of rows, bars.time.length');
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', options, 'is required', 'pass e.g. { k: 5, horizon: 1, embargo: 5 }');
  }
  rejectUnknownOptions('options', options, ['k', 'horizon', 'embargo']);
  const { k } = options;
  checkInteger('options.k', k, 2, '5 (k < 2 leaves nothing to train on)');
  if (k > n) throw new InvalidArgumentError('options.k', k, `exceeds the ${n} rows`, `use k <= ${n}`);
  const horizon = options.horizon ?? 0, embargo = options.embargo ?? 0;
  checkInteger('options.horizon', horizon, 0, 'the label horizon, e.g. 1');
  checkInteger('options.embargo', embargo, 0, 'about 1% of the rows, e.g. 5');
  const folds: PurgedFold[] = [];
  let start = 0;
  for (let i = 0; i < k; i++) {
    const end = start + Math.floor(n / k) + (i < n % k ? 1 : 0);
    const train: RowRange[] = [];
    if (start - horizon > 0) train.push({ start: 0, end: start - horizon });
    // Test labels reach up to row end - 1 + horizon: training resumes after that, then the embargo.
    const resume = end + horizon + embargo;
    if (resume < n) train.push({ start: resume, end: n });
    if (train.length === 0) {
      throw new InvalidArgumentError('options', options, `leaves fold ${i} (test rows ${start}..${end - 1}) without training rows`, 'use more rows, a larger k, or a smaller horizon or embargo');
    }
    folds.push({ index: i, test: { start, end }, train });
    start = end;
  }
  return folds;
}

/** The row indices of one or more ranges, in order. */
export function rangeIndices(ranges: RowRange | readonly RowRange[]): Int32Array {
  const list = Array.isArray(ranges) ? (ranges as readonly RowRange[]) : [ranges as RowRange];
  const out = new Int32Array(list.reduce((sum, r) => sum + Math.max(0, r.end - r.start), 0));
  let i = 0;
  for (const r of list) for (let t = r.start; t < r.end; t++) out[i++] = t;
  return out;
}
