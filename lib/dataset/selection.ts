// Feature selection on the training rows: drop near-duplicate features, then rank the rest by how
// much they say about a class label (ANOVA F here; mutual information and permutation importance
// in their own files). Every result names what was kept, what was dropped and why, so the choice
// can be logged with the run instead of re-derived.
import { fSf } from '../stats/special';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkAligned, checkColumns, checkInteger, checkRange, type RowRange } from './check';

export const DEFAULT_CORRELATION_THRESHOLD = 0.9;

export interface CorrelationFilterOptions {
  /** A pair with |Pearson rho| above this is redundant; default 0.9. */
  readonly threshold?: number;
  /** Rows to measure on: the training rows. Default all rows. */
  readonly range?: RowRange;
}

export interface DroppedFeature {
  readonly index: number;
  readonly name: string;
  /** The earlier, kept feature it duplicates. */
  readonly correlatedWith: string;
  readonly rho: number;
}

export interface CorrelationFilterResult {
  /** Indices of the kept features, in their original order. */
  readonly kept: number[];
  readonly keptNames: string[];
  readonly dropped: DroppedFeature[];
}

/**
 * Walks the features in order and drops each one whose |rho| with an already kept feature exceeds
 * the threshold, so of each redundant pair the later one goes. Comparing only with kept features
 * means a feature is not dropped for resembling one that was itself dropped. rho uses the rows
 * where both values are finite.
 */
export function correlationFilter(columns: readonly Float64Array[], names: readonly string[], options: CorrelationFilterOptions = {}): CorrelationFilterResult {
  rejectUnknownOptions('options', options, ['threshold', 'range']);
  const range = checkTable(columns, names, options.range);
  const threshold = options.threshold ?? DEFAULT_CORRELATION_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) {
    throw new InvalidArgumentError('options.threshold', threshold, 'must be in (0, 1)', 'pass e.g. 0.9');
  }
  const kept: number[] = [];
  const dropped: DroppedFeature[] = [];
  for (let j = 0; j < columns.length; j++) {
    let duplicate: DroppedFeature | undefined;
    for (const i of kept) {
      const rho = pearson(columns[i]!, columns[j]!, range);
      if (Math.abs(rho) > threshold) { duplicate = { index: j, name: names[j]!, correlatedWith: names[i]!, rho }; break; }
    }
    if (duplicate) dropped.push(duplicate); else kept.push(j);
  }
  return { kept, keptNames: kept.map((i) => names[i]!), dropped };
}

/** Pearson correlation over rows of `range` where both are finite; NaN if either is constant. */
export function pearson(x: Float64Array, y: Float64Array, range: RowRange = { start: 0, end: x.length }): number {
  let n = 0, sx = 0, sy = 0;
  for (let t = range.start; t < range.end; t++) {
    if (Number.isFinite(x[t]) && Number.isFinite(y[t])) { n++; sx += x[t]!; sy += y[t]!; }
  }
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let t = range.start; t < range.end; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(y[t])) continue;
    const dx = x[t]! - mx, dy = y[t]! - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

export interface FeatureRanking {
  readonly names: readonly string[];
  /** One score per feature, higher is more informative; NaN where it cannot be computed. */
  readonly scores: Float64Array;
  /** All feature indices, best first (NaN scores last, ties by position). */
  readonly ranking: number[];
  /** The first k of ranking. */
  readonly selected: number[];
  readonly selectedNames: string[];
}

export interface AnovaResult extends FeatureRanking {
  /** P(F > score) under the null of equal class means. */
  readonly pValues: Float64Array;
}

export interface TopKOptions {
  readonly k: number;
  /** Rows to score on: the training rows. Default all rows. */
  readonly range?: RowRange;
}

/**
 * One-way ANOVA F of each feature across the classes of y (scikit-learn's f_classif), over the
 * rows where both are finite, and the k features with the largest F.
 */
export function anovaFTopK(columns: readonly Float64Array[], names: readonly string[], y: Float64Array, options: TopKOptions): AnovaResult {
  const { range, k } = checkTopK(columns, names, y, options, ['k', 'range']);
  const scores = new Float64Array(columns.length), pValues = new Float64Array(columns.length);
  columns.forEach((x, f) => {
    const [F, p] = anovaF(x, y, range, `columns[${f}]`);
    scores[f] = F;
    pValues[f] = p;
  });
  return { ...rankFeatures(names, scores, k), pValues };
}

/** F and its p-value for one feature; two-pass sums (the centred form loses less to cancellation). */
function anovaF(x: Float64Array, y: Float64Array, range: RowRange, argument: string): [number, number] {
  const groups = new Map<number, { n: number; sum: number }>();
  let n = 0, total = 0;
  for (let t = range.start; t < range.end; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(y[t])) continue;
    const g = groups.get(y[t]!) ?? { n: 0, sum: 0 };
    g.n++; g.sum += x[t]!;
    groups.set(y[t]!, g);
    n++; total += x[t]!;
  }
  const classes = groups.size;
  if (classes < 2 || n <= classes) {
    throw new InvalidArgumentError(argument, `${n} rows in ${classes} classes`, 'needs at least two classes and more finite rows than classes', 'check the label (y) and the feature warm-up in the range');
  }
  const grand = total / n;
  let between = 0, within = 0;
  for (const g of groups.values()) between += g.n * (g.sum / g.n - grand) ** 2;
  for (let t = range.start; t < range.end; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(y[t])) continue;
    const g = groups.get(y[t]!)!;
    within += (x[t]! - g.sum / g.n) ** 2;
  }
  const df1 = classes - 1, df2 = n - classes;
  const F = between / df1 / (within / df2);
  return [F, Number.isNaN(F) ? NaN : fSf(F, df1, df2)];
}

/** Ranks features by score (descending, NaN last, ties by position) and takes the first k. */
export function rankFeatures(names: readonly string[], scores: Float64Array, k: number): FeatureRanking {
  const byScore = (a: number, b: number): number => {
    const sa = scores[a]!, sb = scores[b]!;
    if (Number.isNaN(sa) !== Number.isNaN(sb)) return Number.isNaN(sa) ? 1 : -1;
    if (sa !== sb && !Number.isNaN(sa)) return sb > sa ? 1 : -1;
    return a - b;
  };
  const ranking = Array.from(scores, (_, i) => i).sort(byScore);
  const selected = ranking.slice(0, k);
  return { names: [...names], scores, ranking, selected, selectedNames: selected.map((i) => names[i]!) };
}

/** Checks columns, names and an optional range; returns the range (all rows by default). */
export function checkTable(columns: readonly Float64Array[], names: readonly string[], range: RowRange | undefined): RowRange {
  const rows = checkColumns(columns);
  if (!Array.isArray(names) || names.length !== columns.length || !names.every((s) => typeof s === 'string')) {
    throw new InvalidArgumentError('names', names, `must be ${columns.length} strings, one per column`, 'pass the feature names in column order');
  }
  const r = range ?? { start: 0, end: rows };
  checkRange(r, rows, 'options.range');
  return r;
}

/** Shared checks of the top-k selectors. */
export function checkTopK(columns: readonly Float64Array[], names: readonly string[], y: Float64Array, options: TopKOptions, allowed: readonly string[]): { range: RowRange; k: number } {
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('options', options, 'is required', 'pass e.g. { k: 5, range: split.train }');
  rejectUnknownOptions('options', options, allowed);
  const range = checkTable(columns, names, options.range);
  checkAligned('y', y, columns[0]!.length);
  checkInteger('options.k', options.k, 1, '5');
  if (options.k > columns.length) {
    throw new InvalidArgumentError('options.k', options.k, `exceeds the ${columns.length} features`, `use k <= ${columns.length}`);
  }
  return { range, k: options.k };
}
