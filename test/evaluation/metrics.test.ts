import { beforeAll, describe, expect, it } from 'vitest';
import {
  averagePrecision, brierScore, classificationMetrics, confusionCounts, evaluateClassifier, logLoss, multiclassMetrics, rocAuc,
  type ClassifierEvaluation,
} from '../../lib/evaluation';
import * as models from '../../lib/models';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Reference: scikit-learn 1.9 (.venv) on the same float64 arrays; y_pred = (p >= threshold),
// zero_division=0. sklearn 1.9 warns and returns NaN for ROC AUC on one class: sent back as null.
const SKLEARN = `import warnings
import numpy as np
from sklearn import metrics as m
warnings.simplefilter("ignore")
def binary(c):
    y = np.array(c["y"], dtype=float); p = np.array(c["p"], dtype=float); yp = (p >= c["t"]).astype(float)
    tn, fp, fn, tp = m.confusion_matrix(y, yp, labels=[0, 1]).ravel()
    auc = m.roc_auc_score(y, p)
    return {"accuracy": m.accuracy_score(y, yp), "balancedAccuracy": m.balanced_accuracy_score(y, yp),
      "precision": m.precision_score(y, yp, zero_division=0), "recall": m.recall_score(y, yp, zero_division=0),
      "f1": m.f1_score(y, yp, zero_division=0), "matthews": m.matthews_corrcoef(y, yp),
      "rocAuc": None if np.isnan(auc) else auc, "prAuc": m.average_precision_score(y, p),
      "logLoss": m.log_loss(y, p, labels=[0, 1]), "brier": m.brier_score_loss(y, p, pos_label=1),
      "confusion": {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)}}
def multi(c):
    y = np.array(c["y"]); yp = np.array(c["yp"])
    out = {"classes": [int(v) for v in np.unique(np.concatenate([y, yp]))],
      "confusion": m.confusion_matrix(y, yp).tolist(), "accuracy": m.accuracy_score(y, yp),
      "balancedAccuracy": m.balanced_accuracy_score(y, yp), "matthews": m.matthews_corrcoef(y, yp)}
    for avg in ["macro", "weighted"]:
        out[avg] = {k: f(y, yp, average=avg, zero_division=0) for k, f in
          [("precision", m.precision_score), ("recall", m.recall_score), ("f1", m.f1_score)]}
    out["perClassF1"] = m.f1_score(y, yp, average=None, zero_division=0).tolist()
    return out
print(json.dumps({"binary": [binary(c) for c in inp["binary"]], "multi": [multi(c) for c in inp["multi"]]}))`;

interface Ref extends Omit<ClassifierEvaluation, 'samples' | 'baseRate' | 'threshold' | 'positiveRate'> {}
interface MultiRef {
  classes: number[]; confusion: number[][]; accuracy: number; balancedAccuracy: number; matthews: number;
  macro: Record<string, number>; weighted: Record<string, number>; perClassF1: number[];
}

function sample(seed: number, n: number, positiveShare = 0.4) {
  const rng = createRng(seed);
  const y = Float64Array.from({ length: n }, () => (rng.uniform() < positiveShare ? 1 : 0));
  // Two decimals: many tied scores. Exact 0 and 1 exercise the log-loss clipping.
  const p = y.map((v) => Math.round(100 * Math.min(1, Math.max(0, 0.35 * v + 0.65 * rng.uniform()))) / 100);
  p[0] = 0; p[1] = 1;
  return { y, p };
}

const a = sample(1, 997), b = sample(2, 503), c = sample(3, 64);
const BINARY = [
  { name: 'random with ties, threshold 0.5', y: a.y, p: a.p, t: 0.5 },
  { name: 'random with ties, threshold 0.3', y: b.y, p: b.p, t: 0.3 },
  { name: 'threshold 0: everything positive', y: c.y, p: c.p, t: 0 },
  { name: 'threshold 1: only p = 1 positive', y: c.y, p: c.p, t: 1 },
  { name: 'nothing predicted positive', y: Float64Array.of(1, 0, 1, 0), p: Float64Array.of(0.2, 0.1, 0.4, 0.3), t: 0.5 },
  { name: 'all scores tied', y: Float64Array.of(1, 0, 1, 0, 0), p: new Float64Array(5).fill(0.5), t: 0.5 },
  { name: 'all labels 1', y: new Float64Array(6).fill(1), p: Float64Array.of(0.1, 0.9, 0.5, 0.5, 0, 1), t: 0.5 },
  { name: 'all labels 0', y: new Float64Array(6).fill(0), p: Float64Array.of(0.1, 0.9, 0.5, 0.5, 0, 1), t: 0.5 },
];

function multiSample(seed: number, n: number) {
  const rng = createRng(seed);
  const y = Float64Array.from({ length: n }, () => rng.int(3));
  // Mostly right, sometimes a class (7) that never occurs in yTrue.
  const yp = y.map((v) => (rng.uniform() < 0.6 ? v : rng.uniform() < 0.1 ? 7 : rng.int(3)));
  return { y, yp };
}
const MULTI = [multiSample(4, 400), { y: Float64Array.of(0, 0, 2, 2), yp: Float64Array.of(0, 1, 1, 2) }];

let ref: { binary: Ref[]; multi: MultiRef[] };
beforeAll(() => {
  ref = runPython(SKLEARN, {
    binary: BINARY.map((k) => ({ y: Array.from(k.y), p: Array.from(k.p), t: k.t })),
    multi: MULTI.map((k) => ({ y: Array.from(k.y), yp: Array.from(k.yp) })),
  });
});

const KEYS = ['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'matthews', 'prAuc', 'logLoss', 'brier'] as const;

describe('evaluateClassifier', () => {
  BINARY.forEach((k, i) => {
    it(`matches scikit-learn to 1e-12: ${k.name}`, () => {
      const ours = evaluateClassifier(k.y, k.p, { threshold: k.t });
      const r = ref.binary[i]!;
      expect(ours.confusion).toEqual(r.confusion);
      for (const key of KEYS) expect(Math.abs(ours[key] - r[key]), key).toBeLessThan(1e-12);
      if (r.rocAuc === null) expect(ours.rocAuc).toBeNull();
      else expect(Math.abs(ours.rocAuc! - r.rocAuc)).toBeLessThan(1e-12);
      expect(ours.positiveRate).toBe((r.confusion.tp + r.confusion.fp) / k.y.length);
      expect(ours.baseRate).toBe((r.confusion.tp + r.confusion.fn) / k.y.length);
      expect(ours.samples).toBe(k.y.length);
      // JSON-ready: no NaN or typed array, so a round trip changes nothing.
      expect(JSON.parse(JSON.stringify(ours))).toEqual(ours);
    });
  });

  it('gives the single metric functions the same numbers', () => {
    const e = evaluateClassifier(a.y, a.p);
    expect(rocAuc(a.y, a.p)).toBe(e.rocAuc);
    expect(averagePrecision(a.y, a.p)).toBe(e.prAuc);
    expect(logLoss(a.y, a.p)).toBe(e.logLoss);
    expect(Math.abs(brierScore(a.y, a.p) - e.brier)).toBeLessThan(1e-15);
    expect(confusionCounts(a.y, a.p)).toEqual(e.confusion);
  });

  it('ranks raw scores (not only probabilities) for ROC AUC and average precision', () => {
    const z = Array.from(a.p, (p) => 10 * p - 3);
    expect(rocAuc(a.y, z)).toBe(rocAuc(a.y, a.p));
    expect(averagePrecision(a.y, z)).toBe(averagePrecision(a.y, a.p));
  });

  it('throws a clear error for ROC AUC when yTrue holds one class', () => {
    expect(() => rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toThrow(InvalidArgumentError);
    expect(() => rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toThrow(/yTrue = array of length 3: holds only one class \(3 positives of 3\).*Fix: score a block that holds both classes/);
    expect(() => rocAuc([0, 0], [0.2, 0.5])).toThrow(/0 positives of 2/);
  });

  it('rejects bad input, naming the argument, the value and the fix', () => {
    expect(() => evaluateClassifier([1, 2], [0.2, 0.9])).toThrow(/yTrue\[1\] = 2: is not 0 or 1\. Fix: encode the classes as 0/);
    expect(() => evaluateClassifier([1, NaN], [0.2, 0.9])).toThrow(/yTrue\[1\] = NaN.*drop unlabelled/);
    expect(() => evaluateClassifier([1, 0], [0.2, 1.5])).toThrow(/yProb\[1\] = 1.5: is not a probability in \[0, 1\]\. Fix: pass predicted probabilities/);
    expect(() => evaluateClassifier([1, 0], [0.2])).toThrow(/yProb.length = 1: must equal yTrue.length = 2\. Fix: pass one probability per label/);
    expect(() => evaluateClassifier([], [])).toThrow(/yTrue = array of length 0: must be a non-empty array/);
    expect(() => evaluateClassifier([1, 0], [0.2, 0.1], { threshold: 2 })).toThrow(/threshold = 2: must lie in \[0, 1\]\. Fix: pass a probability cut-off/);
    expect(() => evaluateClassifier([1, 0], [0.2, 0.1], { treshold: 0.4 } as never)).toThrow(/options.treshold = 0.4: is not a known option\. Fix: use only: threshold/);
    expect(() => rocAuc([1, 0], [0.2, Infinity])).toThrow(/yScore\[1\] = Infinity: is not a finite score/);
    expect(() => averagePrecision([1, 0], [0.2, NaN])).toThrow(/yScore\[1\] = NaN/);
  });
});

describe('classificationMetrics (the models domain entry point)', () => {
  it('is one implementation: the models exports are the evaluation functions', () => {
    expect(models.classificationMetrics).toBe(classificationMetrics);
    expect(models.rocAuc).toBe(rocAuc);
    expect(models.DEFAULT_THRESHOLD).toBe(0.5);
  });

  it('keeps its shape, with NaN ROC AUC on one class for its existing callers', () => {
    const e = evaluateClassifier(b.y, b.p, { threshold: 0.3 });
    const m = classificationMetrics(b.y, b.p, 0.3);
    expect(m).toEqual({
      accuracy: e.accuracy, precision: e.precision, recall: e.recall, f1: e.f1, rocAuc: e.rocAuc,
      logLoss: e.logLoss, confusion: e.confusion, positiveRate: e.positiveRate,
    });
    expect(classificationMetrics([1, 1], [0.2, 0.9]).rocAuc).toBeNaN();
  });
});

describe('multiclassMetrics', () => {
  MULTI.forEach((k, i) => {
    it(`matches scikit-learn macro/weighted scores, confusion and MCC (case ${i})`, () => {
      const ours = multiclassMetrics(k.y, k.yp), r = ref.multi[i]!;
      expect(ours.classes).toEqual(r.classes);
      expect(ours.confusion).toEqual(r.confusion);
      for (const key of ['accuracy', 'balancedAccuracy', 'matthews'] as const) expect(Math.abs(ours[key] - r[key]), key).toBeLessThan(1e-12);
      for (const avg of ['macro', 'weighted'] as const) {
        for (const key of ['precision', 'recall', 'f1'] as const) expect(Math.abs(ours[avg][key] - r[avg][key]!), `${avg} ${key}`).toBeLessThan(1e-12);
      }
      ours.perClass.forEach((s, j) => expect(Math.abs(s.f1 - r.perClassF1[j]!)).toBeLessThan(1e-12));
    });
  });

  it('rejects non-integer classes and mismatched lengths', () => {
    expect(() => multiclassMetrics([0, 1.5], [0, 1])).toThrow(/yTrue\[1\] = 1.5: is not an integer class label\. Fix: encode the classes as integers/);
    expect(() => multiclassMetrics([0, 1], [0])).toThrow(/yPred.length = 1: must equal yTrue.length = 2/);
    expect(() => multiclassMetrics([], [])).toThrow(/yTrue = array of length 0/);
  });
});
