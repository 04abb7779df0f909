import { describe, expect, it } from 'vitest';
import { purgedKFold, walkForward, type RowRange } from '../../lib/dataset';
import {
  baselines, evaluateClassifier, fitLogisticRegression, PlattCalibrator, SUMMARY_METRICS, walkForwardEvaluate, type FitPredict,
} from '../../lib/evaluation';
import { createRng } from '../../lib/util/random';

// No external reference here: walk-forward evaluation is bookkeeping over folds whose metrics are
// checked against scikit-learn in metrics.test.ts; these tests check the bookkeeping.
const N = 600, HORIZON = 2;
const { x, y, z } = (() => {
  const rng = createRng(17);
  const x = Float64Array.from({ length: N }, () => rng.normal());
  const y = x.map((v) => (0.9 * v + rng.normal() > 0 ? 1 : 0));
  for (let t = N - HORIZON; t < N; t++) y[t] = NaN; // the label tail
  y[250] = NaN; y[251] = NaN; // a dead zone inside a test block
  // A rule's score: the feature, silent (NaN) during a warm-up.
  const z = x.map((v, t) => (t < 30 ? NaN : v));
  return { x, y, z };
})();

const rowsOf = (ranges: readonly RowRange[]): number[] => ranges.flatMap((r) => Array.from({ length: r.end - r.start }, (_, i) => r.start + i));

/** A logistic model on x, fitted on the labelled training rows; records what it was shown. */
function logisticFitPredict(seen: { train: RowRange[]; test: RowRange }[]): FitPredict {
  return (train, test) => {
    seen.push({ train: train.map((r) => ({ ...r })), test: { ...test } });
    const rows = rowsOf(train).filter((t) => !Number.isNaN(y[t]!));
    const model = fitLogisticRegression([Float64Array.from(rows, (t) => x[t]!)], rows.map((t) => y[t]!));
    return model.predictProba([x.slice(test.start, test.end)]);
  };
}

const WALK = walkForward(N, { trainSize: 200, testSize: 50, purge: HORIZON });
const KFOLD = purgedKFold(N, { k: 5, horizon: HORIZON, embargo: 6 });

describe('walkForwardEvaluate', () => {
  for (const [name, folds] of [['walkForward', WALK], ['purgedKFold', KFOLD]] as const) {
    it(`hands fitPredict exactly each fold's ranges, never a test row in training (${name})`, async () => {
      const seen: { train: RowRange[]; test: RowRange }[] = [];
      const result = await walkForwardEvaluate({ n: N, folds, yTrue: y, fitPredict: logisticFitPredict(seen) });
      expect(seen.length).toBe(folds.length);
      seen.forEach((call, f) => {
        const fold = folds[f]!;
        expect(call.test).toEqual(fold.test);
        expect(call.train).toEqual(Array.isArray(fold.train) ? fold.train : [fold.train]);
        const test = new Set(rowsOf([call.test]));
        expect(rowsOf(call.train).filter((t) => test.has(t))).toEqual([]);
        // Purged: no training label [t, t + horizon] reaches into the test block.
        expect(rowsOf(call.train).filter((t) => t < call.test.start && t + HORIZON >= call.test.start)).toEqual([]);
        if (name === 'walkForward') expect(Math.max(...rowsOf(call.train))).toBeLessThan(call.test.start);
      });
      expect(result.folds.map((f) => f.test)).toEqual(folds.map((f) => f.test));
    });

    it(`pools exactly the concatenated scored predictions, and summarises the folds (${name})`, async () => {
      const result = await walkForwardEvaluate({ n: N, folds, yTrue: y, fitPredict: logisticFitPredict([]), threshold: 0.45 });
      const rows = folds.flatMap((f) => rowsOf([f.test])).filter((t) => !Number.isNaN(y[t]!));
      expect(Array.from(result.predictions.rows)).toEqual(rows);
      expect(Array.from(result.predictions.yTrue)).toEqual(rows.map((t) => y[t]!));
      expect(result.pooled).toEqual(evaluateClassifier(result.predictions.yTrue, result.predictions.yProb, { threshold: 0.45 }));
      // Per fold: the metrics of that fold's slice of the pooled predictions.
      let at = 0;
      for (const fold of result.folds) {
        const scored = fold.test.end - fold.test.start - fold.unlabelled;
        const slice = (a: Float64Array) => a.slice(at, at + scored);
        expect(fold.metrics).toEqual(evaluateClassifier(slice(result.predictions.yTrue), slice(result.predictions.yProb), { threshold: 0.45 }));
        at += scored;
      }
      const f1s = result.folds.map((f) => f.metrics!.f1), mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
      expect(result.mean.f1).toBeCloseTo(mean, 14);
      expect(result.std.f1).toBeCloseTo(Math.sqrt(f1s.reduce((a, v) => a + (v - mean) ** 2, 0) / (f1s.length - 1)), 14);
      expect(Object.keys(result.mean)).toEqual([...SUMMARY_METRICS]);
      expect(result.pooled.rocAuc!).toBeGreaterThan(0.7); // x is informative: the fold bookkeeping did not scramble rows
    });
  }

  it('counts unlabelled test rows and leaves them out', async () => {
    const result = await walkForwardEvaluate({ n: N, folds: WALK, yTrue: y, fitPredict: logisticFitPredict([]) });
    const withDeadZone = result.folds.find((f) => f.test.start <= 250 && 251 < f.test.end)!;
    expect(withDeadZone.unlabelled).toBe(2);
    expect(withDeadZone.metrics!.samples).toBe(48);
    expect(result.folds.reduce((a, f) => a + f.unlabelled, 0)).toBe(2); // the tail lies in no test block here
  });

  it('is reproducible and accepts an async fitPredict', async () => {
    const sync = logisticFitPredict([]);
    const a = await walkForwardEvaluate({ n: N, folds: KFOLD, yTrue: y, fitPredict: sync });
    const b = await walkForwardEvaluate({ n: N, folds: KFOLD, yTrue: y, fitPredict: async (train, test, f) => sync(train, test, f) });
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify({ folds: a.folds, pooled: a.pooled, mean: a.mean, std: a.std }))).toEqual({ folds: a.folds, pooled: a.pooled, mean: a.mean, std: a.std });
  });

  it('rejects leaking folds and bad predictions, naming them', async () => {
    const half = () => new Float64Array(50).fill(0.5);
    const leak = [{ index: 0, train: { start: 0, end: 120 }, test: { start: 100, end: 150 } }];
    await expect(walkForwardEvaluate({ n: N, folds: leak, yTrue: y, fitPredict: half })).rejects.toThrow(/options.folds\[0\].train = \{"start":0,"end":120\}: overlaps the test rows 100..149\. Fix: train only on rows outside the test block/);
    await expect(walkForwardEvaluate({ n: 100, folds: WALK, yTrue: y.slice(0, 100), fitPredict: half })).rejects.toThrow(/options.folds\[0\].test = \{"start":202,"end":252\}: must be a row range with 0 <= start < end <= 100/);
    await expect(walkForwardEvaluate({ n: N, folds: WALK, yTrue: y, fitPredict: () => new Float64Array(3) })).rejects.toThrow(/fitPredict\(fold 0\).length = 3: must equal the 50 test rows 202..251\. Fix: return one probability per test row/);
    await expect(walkForwardEvaluate({ n: N, folds: WALK, yTrue: y, fitPredict: () => new Float64Array(50).fill(2) })).rejects.toThrow(/fitPredict\(fold 0\)\[0\] = 2: is not a probability in \[0, 1\]/);
    await expect(walkForwardEvaluate({ n: N, folds: WALK, yTrue: y.slice(1), fitPredict: half })).rejects.toThrow(/options.yTrue.length = 599: must equal options.n = 600/);
    await expect(walkForwardEvaluate({ n: N, folds: WALK, yTrue: y.map((v) => (v === 1 ? 2 : v)), fitPredict: half })).rejects.toThrow(/options.yTrue\[\d+\] = 2: is not 0, 1 or NaN/);
    await expect(walkForwardEvaluate({ n: N, folds: [], yTrue: y, fitPredict: half })).rejects.toThrow(/options.folds = array of length 0: must be a non-empty array of folds\. Fix: pass walkForward/);
    await expect(walkForwardEvaluate({ n: N, folds: WALK, yTrue: y, fitPredict: half, embargo: 3 } as never)).rejects.toThrow(/options.embargo = 3: is not a known option/);
    await expect(walkForwardEvaluate({ n: N, folds: WALK, yTrue: y, fitPredict: half, threshold: -1 })).rejects.toThrow(/threshold = -1: must lie in \[0, 1\]/);
  });
});

describe('baselines', () => {
  it('scores the base rate, a Platt-calibrated rule and a logistic regression on the same folds', async () => {
    const table = await baselines({ n: N, folds: WALK, yTrue: y, score: z, features: [x] });
    const fold0 = WALK[0]!, trainRows = rowsOf([fold0.train]).filter((t) => !Number.isNaN(y[t]!));
    const baseRate = trainRows.reduce((a, t) => a + y[t]!, 0) / trainRows.length;
    expect(table.majority.predictions.yProb[0]).toBe(baseRate);
    expect(table.majority.folds.map((f) => f.test)).toEqual(WALK.map((f) => f.test));
    // The score baseline is Platt scaling fitted on the fold's training rows where the rule speaks.
    const scored = trainRows.filter((t) => Number.isFinite(z[t]!));
    const platt = PlattCalibrator.fit(scored.map((t) => z[t]!), scored.map((t) => y[t]!));
    expect(table.score!.predictions.yProb.slice(0, 5)).toEqual(platt.predict(z.slice(fold0.test.start, fold0.test.start + 5)));
    // Logistic regression on the one feature the rule scores: within a fold both are increasing maps of
    // x, so they rank the test rows alike; across folds the maps differ, so pooled AUCs may not.
    table.logistic!.folds.forEach((f, i) => expect(f.metrics!.rocAuc).toBeCloseTo(table.score!.folds[i]!.metrics!.rocAuc!, 12));
    expect(table.logistic!.pooled.logLoss).toBeLessThan(table.majority.pooled.logLoss - 0.1);
    // A constant forecast ties every row: ROC AUC exactly 0.5 in each fold.
    table.majority.folds.forEach((f) => expect(f.metrics!.rocAuc).toBe(0.5));
  });

  it('falls back to the training base rate where the rule is silent', async () => {
    const folds = walkForward(N, { trainSize: 100, testSize: 50, purge: HORIZON }).slice(0, 1);
    const silent = z.map((v, t) => (t >= 110 && t < 115 ? NaN : v));
    const table = await baselines({ n: N, folds, yTrue: y, score: silent });
    const train = rowsOf([folds[0]!.train]).filter((t) => !Number.isNaN(y[t]!));
    const baseRate = train.reduce((a, t) => a + y[t]!, 0) / train.length;
    const test = folds[0]!.test;
    rowsOf([test]).forEach((t, i) => {
      if (Number.isNaN(silent[t]!) && !Number.isNaN(y[t]!)) expect(table.score!.predictions.yProb[i]).toBe(baseRate);
    });
    expect(table.logistic).toBeUndefined();
  });

  it('rejects misaligned inputs and unfittable folds', async () => {
    await expect(baselines({ n: N, folds: WALK, yTrue: y, score: z.slice(1) })).rejects.toThrow(/options.score.length = 599: must equal options.n = 600/);
    await expect(baselines({ n: N, folds: WALK, yTrue: y, features: [x.slice(1)] })).rejects.toThrow(/options.features = array of length 1: must be a non-empty array of Float64Array columns of length 600/);
    await expect(baselines({ n: N, folds: WALK, yTrue: y, l1: 1 } as never)).rejects.toThrow(/options.l1 = 1: is not a known option/);
    const constant = new Float64Array(N).fill(1);
    await expect(baselines({ n: N, folds: WALK, yTrue: y, score: constant })).rejects.toThrow(/options.folds\[0\].train = .*cannot fit the score baseline: scores = array of length \d+: are all equal.*Fix: use longer training windows/);
  });
});
