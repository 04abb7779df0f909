// Mutual information between a continuous feature and a class label by Ross's nearest-neighbour
// estimator (PLoS ONE 9(2), 2014), step for step as scikit-learn 1.9's _compute_mi_cd: for each
// sample, d = distance to its k-th nearest neighbour of the same class, m = samples of any class
// strictly closer than d (itself included); MI = psi(N) + <psi(k)> - <psi(N_class)> - <psi(m)>,
// floored at 0. What sklearn's public mutual_info_classif adds and this leaves out: it rescales
// each feature (which does not change neighbour counts) and adds 1e-10-sized seeded noise to break
// ties; here ties are kept, so on tie-free data the two agree up to that noise.
import { InvalidArgumentError } from '../util/errors';
import { checkInteger, type RowRange } from './check';
import { checkTopK, rankFeatures, type FeatureRanking, type TopKOptions } from './selection';

export const DEFAULT_NEIGHBORS = 3;

export interface MutualInformationOptions extends TopKOptions {
  /** Neighbours k of the estimator (sklearn's n_neighbors); default 3. */
  readonly neighbors?: number;
}

/** MI (nats) of each feature with the classes of y over the rows where both are finite; top k. */
export function mutualInformationTopK(columns: readonly Float64Array[], names: readonly string[], y: Float64Array, options: MutualInformationOptions): FeatureRanking {
  const { range, k } = checkTopK(columns, names, y, options, ['k', 'range', 'neighbors']);
  const neighbors = options.neighbors ?? DEFAULT_NEIGHBORS;
  checkInteger('options.neighbors', neighbors, 1, '3');
  const scores = Float64Array.from(columns, (x, f) => mutualInformation(x, y, range, neighbors, `columns[${f}]`));
  return rankFeatures(names, scores, k);
}

function mutualInformation(x: Float64Array, y: Float64Array, range: RowRange, neighbors: number, argument: string): number {
  const byClass = new Map<number, number[]>();
  for (let t = range.start; t < range.end; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(y[t])) continue;
    const members = byClass.get(y[t]!) ?? [];
    members.push(x[t]!);
    byClass.set(y[t]!, members);
  }
  // Samples alone in their class have no neighbour and are left out, as in sklearn.
  const classes = [...byClass.values()].filter((m) => m.length > 1).map((m) => Float64Array.from(m).sort());
  const all = new Float64Array(classes.reduce((s, c) => s + c.length, 0));
  let offset = 0;
  for (const c of classes) { all.set(c, offset); offset += c.length; }
  all.sort();
  const n = all.length;
  if (classes.length < 2) {
    throw new InvalidArgumentError(argument, `${n} usable rows in ${classes.length} class(es)`, 'needs two classes with at least two finite rows each', 'check the label (y) and the feature warm-up in the range');
  }
  let sumK = 0, sumClass = 0, sumM = 0;
  for (const members of classes) {
    const k = Math.min(neighbors, members.length - 1);
    const psiK = digamma(k), psiClass = digamma(members.length);
    for (let i = 0; i < members.length; i++) {
      const radius = kthNeighbourDistance(members, i, k);
      sumK += psiK;
      sumClass += psiClass;
      sumM += digamma(countWithin(all, members[i]!, radius));
    }
  }
  return Math.max(0, digamma(n) + sumK / n - sumClass / n - sumM / n);
}

/** Distance from sorted[i] to its k-th nearest other element (k < sorted.length). */
function kthNeighbourDistance(sorted: Float64Array, i: number, k: number): number {
  const v = sorted[i]!;
  let left = i - 1, right = i + 1, d = 0;
  for (let step = 0; step < k; step++) {
    const dl = left >= 0 ? v - sorted[left]! : Infinity;
    const dr = right < sorted.length ? sorted[right]! - v : Infinity;
    if (dl <= dr) { d = dl; left--; } else { d = dr; right++; }
  }
  return d;
}

/**
 * Elements of sorted within distance < radius of v (itself included); with radius 0, those equal
 * to v. sklearn counts distance <= nextafter(radius, 0), which is the same on doubles.
 */
function countWithin(sorted: Float64Array, v: number, radius: number): number {
  const inside = radius > 0 ? (w: number) => Math.abs(w - v) < radius : (w: number) => w === v;
  // Binary search for the first element >= v - radius, then walk while inside.
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v - radius) lo = mid + 1; else hi = mid;
  }
  while (lo < sorted.length && !inside(sorted[lo]!) && sorted[lo]! <= v) lo++;
  let count = 0;
  for (let j = lo; j < sorted.length && sorted[j]! <= v + radius; j++) if (inside(sorted[j]!)) count++;
  return count;
}

/**
 * Digamma psi(x), x > 0: the recurrence psi(x) = psi(x + 1) - 1/x up to x >= 20, then the
 * asymptotic series to the x^-10 term (truncation error 691 / (32760 x^12) < 1e-17 there).
 */
export function digamma(x: number): number {
  let result = 0;
  while (x < 20) { result -= 1 / x; x += 1; }
  const f = 1 / (x * x);
  return result + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}
