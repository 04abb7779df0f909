import { describe, expect, it } from 'vitest';
import { classificationMetrics } from '../../lib/models';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Reference: scikit-learn 1.9 on the same arrays, y_pred = (p >= 0.5), zero_division=0.
const SKLEARN = `import numpy as np
from sklearn import metrics as m
y = np.array(inp["y"], dtype=float); p = np.array(inp["p"], dtype=float); yp = (p >= inp["t"]).astype(float)
tn, fp, fn, tp = m.confusion_matrix(y, yp, labels=[0, 1]).ravel()
print(json.dumps({"accuracy": m.accuracy_score(y, yp), "precision": m.precision_score(y, yp, zero_division=0),
  "recall": m.recall_score(y, yp, zero_division=0), "f1": m.f1_score(y, yp, zero_division=0),
  "rocAuc": m.roc_auc_score(y, p), "logLoss": m.log_loss(y, p, labels=[0, 1]),
  "confusion": {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)}}))`;

interface Ref { accuracy: number; precision: number; recall: number; f1: number; rocAuc: number; logLoss: number; confusion: Record<string, number> }

function sample(seed: number, n: number) {
  const rng = createRng(seed);
  const y = Float64Array.from({ length: n }, () => (rng.uniform() < 0.4 ? 1 : 0));
  // Rounded to 2 decimals so there are many tied scores; includes exact 0 and 1 for clipping.
  const p = y.map((v) => Math.round(100 * Math.min(1, Math.max(0, 0.35 * v + 0.65 * rng.uniform()))) / 100);
  p[0] = 0; p[1] = 1;
  return { y, p };
}

describe('classificationMetrics', () => {
  for (const [seed, threshold] of [[1, 0.5], [2, 0.3], [3, 0.5]] as const) {
    it(`matches scikit-learn on random predictions with ties (seed ${seed}, threshold ${threshold})`, () => {
      const { y, p } = sample(seed, 997);
      const ours = classificationMetrics(y, p, threshold);
      const ref = runPython<Ref>(SKLEARN, { y: Array.from(y), p: Array.from(p), t: threshold });
      expect(ours.confusion).toEqual(ref.confusion);
      for (const key of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc'] as const) {
        expect(Math.abs(ours[key] - ref[key]), key).toBeLessThan(1e-12);
      }
      expect(Math.abs(ours.logLoss - ref.logLoss)).toBeLessThan(1e-9);
      expect(ours.positiveRate).toBe((ref.confusion.tp! + ref.confusion.fp!) / 997);
    });
  }

  it('gives precision 0 and f1 0 when nothing is predicted positive, like sklearn zero_division=0', () => {
    const y = Float64Array.of(1, 0, 1, 0), p = Float64Array.of(0.2, 0.1, 0.4, 0.3);
    const ours = classificationMetrics(y, p);
    const ref = runPython<Ref>(SKLEARN, { y: Array.from(y), p: Array.from(p), t: 0.5 });
    expect(ours.precision).toBe(0);
    expect(ours.recall).toBe(0);
    expect(ours.f1).toBe(0);
    expect(ours.positiveRate).toBe(0);
    expect(ours.precision).toBe(ref.precision);
    expect(ours.confusion).toEqual({ tp: 0, fp: 0, tn: 2, fn: 2 });
    expect(Math.abs(ours.rocAuc - ref.rocAuc)).toBeLessThan(1e-12);
  });

  it('returns NaN ROC AUC when yTrue holds one class, and rejects bad input', () => {
    expect(classificationMetrics([1, 1], [0.2, 0.9]).rocAuc).toBeNaN();
    expect(() => classificationMetrics([1, 2], [0.2, 0.9])).toThrow(/yTrue\[1\] = 2/);
    expect(() => classificationMetrics([1, 0], [0.2, 1.5])).toThrow(/yProb\[1\]/);
    expect(() => classificationMetrics([1, 0], [0.2])).toThrow(InvalidArgumentError);
    expect(() => classificationMetrics([], [])).toThrow(/yTrue/);
    expect(() => classificationMetrics([1, 0], [0.2, 0.1], 2)).toThrow(/threshold/);
  });
});
