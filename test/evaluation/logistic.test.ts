import { beforeAll, describe, expect, it } from 'vitest';
import { fitLogisticRegression, LogisticRegression } from '../../lib/evaluation';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Reference: scikit-learn 1.9 LogisticRegression(C=1/l2, solver='lbfgs', tol=1e-12, max_iter=10000):
// the tight tol makes sklearn's answer the optimum itself (its default tol=1e-4 stops early).
const SKLEARN = `import numpy as np
from sklearn.linear_model import LogisticRegression
X = np.array(inp["X"]).T; y = np.array(inp["y"])
out = []
for l2 in inp["l2"]:
    m = LogisticRegression(C=1 / l2, solver="lbfgs", tol=1e-12, max_iter=10000).fit(X, y)
    out.append({"intercept": float(m.intercept_[0]), "coef": m.coef_[0].tolist(), "proba": m.predict_proba(X[:20])[:, 1].tolist()})
print(json.dumps(out))`;

const L2 = [1, 0.1, 10];
const { columns, y } = (() => {
  const rng = createRng(9), n = 500, beta = [0.8, -1.2, 0.3, 0];
  const raw = beta.map(() => Float64Array.from({ length: n }, () => rng.normal()));
  // Standardised, as a baseline's features are (the penalty then treats them alike).
  const columns = raw.map((c) => {
    const m = c.reduce((a, v) => a + v, 0) / n, sd = Math.sqrt(c.reduce((a, v) => a + (v - m) ** 2, 0) / n);
    return c.map((v) => (v - m) / sd);
  });
  const y = Float64Array.from({ length: n }, (_, i) => {
    const z = 0.4 + beta.reduce((a, b, j) => a + b * columns[j]![i]!, 0);
    return rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  });
  return { columns, y };
})();

let ref: { intercept: number; coef: number[]; proba: number[] }[];
beforeAll(() => {
  ref = runPython(SKLEARN, { X: columns.map((c) => Array.from(c)), y: Array.from(y), l2: L2 });
});

describe('fitLogisticRegression', () => {
  L2.forEach((l2, i) => {
    it(`matches sklearn LogisticRegression(C = ${1 / l2}, lbfgs) coefficients to 1e-5`, () => {
      const model = fitLogisticRegression(columns, y, { l2 });
      const r = ref[i]!;
      expect(model.converged).toBe(true);
      expect(Math.abs(model.intercept - r.intercept)).toBeLessThan(1e-5);
      model.coefficients.forEach((c, j) => expect(Math.abs(c - r.coef[j]!), `coef ${j}`).toBeLessThan(1e-5));
      const head = columns.map((c) => c.slice(0, 20));
      model.predictProba(head).forEach((p, k) => expect(Math.abs(p - r.proba[k]!)).toBeLessThan(1e-6));
    });
  });

  it('round-trips through JSON and leaves its inputs alone', () => {
    const copy = columns.map((c) => Float64Array.from(c));
    const model = fitLogisticRegression(columns, y);
    columns.forEach((c, j) => expect(c).toEqual(copy[j]));
    const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.predictProba(columns)).toEqual(model.predictProba(columns));
  });

  it('rejects bad input with the argument, value and fix', () => {
    expect(() => fitLogisticRegression(columns, y.subarray(1))).toThrow(/y.length = 499: must equal the 500 rows of columns\. Fix: pass one label per row/);
    expect(() => fitLogisticRegression([Float64Array.of(1, NaN)], [0, 1])).toThrow(/columns\[0\]\[1\] = NaN: is not finite\. Fix: drop rows with missing features/);
    expect(() => fitLogisticRegression([Float64Array.of(1, 2)], [1, 1])).toThrow(/y = array of length 2: holds only one class/);
    expect(() => fitLogisticRegression(columns, y, { l2: -1 })).toThrow(/options.l2 = -1: must be a finite number >= 0\. Fix: pass e.g. 1/);
    expect(() => fitLogisticRegression(columns, y, { C: 1 } as never)).toThrow(/options.C = 1: is not a known option\. Fix: use only: l2, maxIterations/);
    expect(() => fitLogisticRegression(columns, y, { maxIterations: 0 })).toThrow(/options.maxIterations = 0/);
    expect(() => fitLogisticRegression(columns, y).predictProba(columns.slice(1))).toThrow(/columns.length = 3: must equal the 4 features/);
    expect(() => fitLogisticRegression([], y)).toThrow(/columns = array of length 0/);
  });
});
