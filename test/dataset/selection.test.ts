import { beforeAll, describe, expect, it } from 'vitest';
import {
  anovaFTopK, correlationFilter, digamma, mutualInformationTopK, permutationImportance, type MetricFn,
} from '../../lib/dataset';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Synthetic classification set, 600 rows, scored on rows [0, 500): three classes; `shift` moves
// with the class (ANOVA and MI see it), `spread` only changes its variance (MI sees it, ANOVA
// barely), `near` duplicates shift, `noise` is noise, `mirror` is -2 x noise, `offset` is noise
// around 1000. Then a chain a ~ b ~ c where a and c are not close.
const ROWS = 600, FIT = { start: 0, end: 500 };
const rng = createRng(77);
const y = Float64Array.from({ length: ROWS }, () => rng.int(3));
const shift = y.map((c) => 0.6 * c + rng.normal());
const spread = y.map((c) => (c === 2 ? 3 : 1) * rng.normal());
const near = shift.map((v) => v + 0.2 * rng.normal());
const noise = y.map(() => rng.normal());
const mirror = noise.map((v) => -2 * v + 0.1 * rng.normal());
const offset = y.map(() => 1000 + rng.normal());
const NAMES = ['shift', 'spread', 'near', 'noise', 'mirror', 'offset'];
const columns = [shift, spread, near, noise, mirror, offset];
const a = y.map(() => rng.normal());
const b = a.map((v) => v + 0.3 * rng.normal());
const c = b.map((v) => v + 0.45 * rng.normal());

interface Reference {
  rho: number[][];
  chainRho: number[][];
  F: number[];
  p: number[];
  rawF: number[];
  miExact: number[];
  miPublic: number[];
  perm: { coef: number[]; intercept: number; mean: number[]; std: number[] };
}

let ref: Reference;

beforeAll(() => {
  // Reference: numpy corrcoef; scikit-learn 1.9 f_classif (on centred columns, see below); its
  // kNN estimator _compute_mi_cd(x, y, 3) (the MI of mutual_info_classif without the rescaling
  // and 1e-10 noise) and the public mutual_info_classif(random_state=0); LinearRegression +
  // permutation_importance(scoring='r2', n_repeats=30, random_state=0).
  ref = runPython<Reference>(`
import numpy as np
from sklearn.feature_selection import f_classif, mutual_info_classif
from sklearn.feature_selection._mutual_info import _compute_mi_cd
from sklearn.linear_model import LinearRegression
from sklearn.inspection import permutation_importance
X = np.array(inp['X']).T[:500]; y = np.array(inp['y'])[:500]
chain = np.array(inp['chain']).T[:500]
# F is shift-invariant: on centred columns sklearn's raw-sum formula keeps its digits; on the
# column around 1000 the uncentred call loses about 7 (kept as rawF to show the size of that).
F, p = f_classif(X - X.mean(axis=0), y)
rawF = f_classif(X, y)[0]
reg_X = np.array(inp['regX']).T; reg_y = np.array(inp['regY'])
lr = LinearRegression().fit(reg_X[:300], reg_y[:300])
pi = permutation_importance(lr, reg_X[300:], reg_y[300:], scoring='r2', n_repeats=30, random_state=0)
print(json.dumps({
  "rho": np.corrcoef(X.T).tolist(), "chainRho": np.corrcoef(chain.T).tolist(),
  "F": F.tolist(), "p": p.tolist(), "rawF": rawF.tolist(),
  "miExact": [float(_compute_mi_cd(X[:, j], y, 3)) for j in range(X.shape[1])],
  "miPublic": mutual_info_classif(X, y, random_state=0).tolist(),
  "perm": {"coef": lr.coef_.tolist(), "intercept": float(lr.intercept_), "mean": pi.importances_mean.tolist(), "std": pi.importances_std.tolist()},
}))
`, {
    X: columns.map((col) => Array.from(col)), y: Array.from(y), chain: [a, b, c].map((col) => Array.from(col)),
    regX: regression.columns.map((col) => Array.from(col)), regY: Array.from(regression.y),
  });
});

describe('correlationFilter', () => {
  it('drops the later feature of each pair above |rho| 0.9 and says why, with numpy’s rho', () => {
    const result = correlationFilter(columns, NAMES, { range: FIT });
    expect(result.keptNames).toEqual(['shift', 'spread', 'noise', 'offset']);
    expect(result.kept).toEqual([0, 1, 3, 5]);
    expect(result.dropped.map(({ name, correlatedWith }) => [name, correlatedWith])).toEqual([['near', 'shift'], ['mirror', 'noise']]);
    expect(Math.abs(result.dropped[0]!.rho - ref.rho[0]![2]!)).toBeLessThan(1e-12);
    expect(Math.abs(result.dropped[1]!.rho - ref.rho[3]![4]!)).toBeLessThan(1e-12);
    expect(result.dropped[1]!.rho).toBeLessThan(-0.9);
  });

  it('compares with kept features only: c stays when it resembles only the dropped b', () => {
    const [ab, ac, bc] = [ref.chainRho[0]![1]!, ref.chainRho[0]![2]!, ref.chainRho[1]![2]!];
    expect([ab > 0.9, ac < 0.9, bc > 0.9]).toEqual([true, true, true]); // the premise, from numpy
    const result = correlationFilter([a, b, c], ['a', 'b', 'c'], { range: FIT });
    expect(result.keptNames).toEqual(['a', 'c']);
    expect(correlationFilter([a, b, c], ['a', 'b', 'c'], { range: FIT, threshold: 0.99 }).keptNames).toEqual(['a', 'b', 'c']);
  });

  it('measures on the given range and on rows where both values are finite', () => {
    const gappy = columns.map((col) => col.slice());
    gappy[2]![10] = NaN;
    gappy[2]![550] = 1e6; // outside the range: ignored
    const result = correlationFilter(gappy, NAMES, { range: FIT });
    expect(result.dropped[0]!.name).toBe('near');
    expect(result.dropped[0]!.rho).not.toBe(correlationFilter(columns, NAMES, { range: FIT }).dropped[0]!.rho);
  });

  it('rejects bad input with argument, value and fix', () => {
    expect(() => correlationFilter(columns, NAMES, { threshold: 1.5 })).toThrow('options.threshold = 1.5: must be in (0, 1). Fix: pass e.g. 0.9');
    expect(() => correlationFilter(columns, ['a'])).toThrow('names = array of length 1: must be 6 strings, one per column. Fix: pass the feature names in column order');
    expect(() => correlationFilter(columns, NAMES, { range: { start: 0, end: 601 } })).toThrow(/options\.range = \{"start":0,"end":601\}: must hold integers with 0 <= start < end <= 600/);
    expect(() => correlationFilter(columns, NAMES, { thresold: 0.9 } as never)).toThrow(/options\.thresold = 0\.9: is not a known option/);
  });
});

describe('anovaFTopK', () => {
  it('matches scikit-learn f_classif F and p-values to 1e-9 and takes the k largest F', () => {
    const result = anovaFTopK(columns, NAMES, y, { k: 2, range: FIT });
    // Uncentred, sklearn's own F for the offset column is off by more than the tolerance.
    expect(Math.abs(ref.rawF[5]! - ref.F[5]!)).toBeGreaterThan(1e-9);
    expect(Math.abs(ref.rawF[5]! - ref.F[5]!)).toBeLessThan(1e-5);
    result.scores.forEach((F, j) => expect(Math.abs(F - ref.F[j]!), NAMES[j]).toBeLessThanOrEqual(1e-9 * Math.max(1, ref.F[j]!)));
    result.pValues.forEach((p, j) => expect(Math.abs(p - ref.p[j]!), NAMES[j]).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, ref.p[j]!) + 1e-15));
    const order = ref.F.map((_, j) => j).sort((i, j) => ref.F[j]! - ref.F[i]!);
    expect(result.ranking).toEqual(order);
    expect(result.selectedNames).toEqual(['shift', 'near']);
    expect(ref.p[0]).toBeLessThan(1e-20); // the informative feature, where relative accuracy matters
  });

  it('uses the rows where feature and label are finite; a constant feature scores NaN and ranks last', () => {
    const withGaps = columns.map((col) => col.slice());
    withGaps[0]![3] = NaN;
    const labels = y.slice();
    labels[7] = NaN;
    const gappy = anovaFTopK(withGaps, NAMES, labels, { k: 1, range: FIT });
    const dropped = (col: Float64Array): Float64Array => col.filter((_, t) => t !== 3 && t !== 7);
    const manual = anovaFTopK([dropped(shift)], ['shift'], dropped(y), { k: 1, range: { start: 0, end: 498 } });
    expect(gappy.scores[0]).toBeCloseTo(manual.scores[0]!, 10);
    const constant = anovaFTopK([new Float64Array(ROWS).fill(2), noise], ['constant', 'noise'], y, { k: 1 });
    expect(constant.scores[0]).toBeNaN();
    expect(constant.selectedNames).toEqual(['noise']);
  });

  it('rejects bad input with argument, value and fix', () => {
    expect(() => anovaFTopK(columns, NAMES, y, { k: 7 })).toThrow('options.k = 7: exceeds the 6 features. Fix: use k <= 6');
    expect(() => anovaFTopK(columns, NAMES, y, { k: 0 })).toThrow(/options\.k = 0: must be an integer >= 1/);
    expect(() => anovaFTopK(columns, NAMES, y.subarray(1), { k: 1 })).toThrow("y.length = 599: differs from the columns' length 600. Fix: align it with the feature rows");
    expect(() => anovaFTopK(columns, NAMES, new Float64Array(ROWS), { k: 1 })).toThrow('columns[0] = "600 rows in 1 classes": needs at least two classes and more finite rows than classes. Fix: check the label (y) and the feature warm-up in the range');
    expect(() => anovaFTopK(columns, NAMES, y, undefined as never)).toThrow(/options = undefined: is required/);
  });
});

describe('mutualInformationTopK', () => {
  it('equals scikit-learn’s kNN estimator (_compute_mi_cd, k = 3) to 1e-12', () => {
    const result = mutualInformationTopK(columns, NAMES, y, { k: 3, range: FIT });
    result.scores.forEach((mi, j) => expect(Math.abs(mi - ref.miExact[j]!), NAMES[j]).toBeLessThanOrEqual(1e-12));
  });

  it('ranks like the public mutual_info_classif, informative features first', () => {
    const result = mutualInformationTopK(columns, NAMES, y, { k: 3, range: FIT });
    const theirs = ref.miPublic.map((_, j) => j).sort((i, j) => ref.miPublic[j]! - ref.miPublic[i]!);
    expect(result.ranking.slice(0, 3)).toEqual(theirs.slice(0, 3));
    expect(new Set(result.selectedNames)).toEqual(new Set(['shift', 'near', 'spread']));
    result.scores.forEach((mi, j) => expect(Math.abs(mi - ref.miPublic[j]!)).toBeLessThan(1e-6));
    // ANOVA misses the variance-only feature that MI finds.
    expect(anovaFTopK(columns, NAMES, y, { k: 3, range: FIT }).selectedNames).not.toContain('spread');
  });

  it('digamma agrees with its recurrence and known values', () => {
    expect(Math.abs(digamma(1) + 0.5772156649015329)).toBeLessThan(1e-15);
    for (const x of [0.3, 1, 2.5, 9.99, 10, 57, 1e4]) expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThan(1e-13);
  });

  it('rejects bad input with argument, value and fix', () => {
    expect(() => mutualInformationTopK(columns, NAMES, y, { k: 1, neighbors: 0 })).toThrow('options.neighbors = 0: must be an integer >= 1. Fix: pass e.g. 3');
    const single = Float64Array.from({ length: ROWS }, (_, t) => (t === 0 ? 1 : 0));
    expect(() => mutualInformationTopK(columns, NAMES, single, { k: 1 })).toThrow('columns[0] = "599 usable rows in 1 class(es)": needs two classes with at least two finite rows each. Fix: check the label (y) and the feature warm-up in the range');
  });
});

// Regression set for permutation importance: y = 3 x0 - 1.5 x1 + 0 x2 + noise, fitted on rows
// [0, 300) by sklearn's LinearRegression, importances on the held-out rows [300, 600).
const regression = (() => {
  const r = createRng(4);
  const cols = [0, 1, 2].map(() => Float64Array.from({ length: ROWS }, () => r.normal()));
  return { columns: cols, y: Float64Array.from({ length: ROWS }, (_, t) => 3 * cols[0]![t]! - 1.5 * cols[1]![t]! + 0.5 * r.normal()) };
})();

const r2: MetricFn = (truth, predicted) => {
  const mean = truth.reduce((s, v) => s + v, 0) / truth.length;
  let ssRes = 0, ssTot = 0;
  truth.forEach((v, i) => { ssRes += (v - predicted[i]!) ** 2; ssTot += (v - mean) ** 2; });
  return 1 - ssRes / ssTot;
};

describe('permutationImportance', () => {
  const held = regression.columns.map((col) => col.subarray(300));
  const heldY = regression.y.subarray(300);
  const predictor = () => (cols: readonly Float64Array[]) => cols[0]!.map((_, t) => ref.perm.intercept + ref.perm.coef.reduce((s, w, j) => s + w * cols[j]![t]!, 0));

  it('ranks informative features first, agrees with sklearn in size, and is reproducible from the seed', () => {
    const run = (seed: number) => permutationImportance(predictor(), held, heldY, r2, { rng: createRng(seed), repeats: 30, names: ['x0', 'x1', 'x2'] });
    const result = run(1);
    expect(result.selectedNames).toEqual(['x0', 'x1', 'x2']);
    expect(result.baseline).toBeGreaterThan(0.9);
    expect(Math.abs(result.mean[2]!)).toBeLessThan(0.01);
    // Same estimand as sklearn's (other shuffles): means agree within a few standard errors.
    for (const j of [0, 1]) {
      const se = Math.hypot(result.std[j]!, ref.perm.std[j]!) / Math.sqrt(30);
      expect(Math.abs(result.mean[j]! - ref.perm.mean[j]!), `x${j}`).toBeLessThan(4 * se + 1e-3);
    }
    const again = run(1), other = run(2);
    expect(again.importances.map((d) => Array.from(d))).toEqual(result.importances.map((d) => Array.from(d)));
    expect(other.importances[0]![0]).not.toBe(result.importances[0]![0]);
    expect(held[0]!.length).toBe(300); // the inputs are not shuffled in place
    expect(Array.from(held[0]!)).toEqual(Array.from(regression.columns[0]!.subarray(300)));
  });

  it('rejects bad input with argument, value and fix', () => {
    const options = { rng: createRng(1) };
    expect(() => permutationImportance(predictor(), held, heldY, r2, { repeats: 2 } as never)).toThrow('options.rng = undefined: must be a seeded generator. Fix: pass createRng(seed)');
    expect(() => permutationImportance(predictor(), held, heldY, r2, { ...options, repeats: 0 })).toThrow(/options\.repeats = 0: must be an integer >= 1/);
    expect(() => permutationImportance(() => new Float64Array(3), held, heldY, r2, options)).toThrow("predict(columns).length = 3: differs from the columns' length 300. Fix: align it with the feature rows");
    expect(() => permutationImportance('model' as never, held, heldY, r2, options)).toThrow('predict = "model": must be a function. Fix: pass (columns) => model predictions, one per row');
    expect(() => permutationImportance(predictor(), held, heldY, r2, { ...options, names: ['x0'] })).toThrow(/options\.names = array of length 1: must hold 3 names/);
  });
});
