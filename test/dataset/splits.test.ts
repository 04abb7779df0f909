import { beforeAll, describe, expect, it } from 'vitest';
import {
  purgedKFold, rangeIndices, trainValTestSplit, tripleBarrierLabel, walkForward, type PurgedFold, type RowRange,
} from '../../lib/dataset';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

type IndexFolds = { train: number[]; test: number[] }[];
interface Reference {
  kfold: Record<string, IndexFolds>;
  tss: IndexFolds[];
}

// Cases compared with scikit-learn: KFold(k, shuffle=False) as purgedKFold(horizon 0, embargo 0),
// TimeSeriesSplit(n_splits, gap, max_train_size) as walkForward.
const KFOLD_CASES = [[100, 5], [103, 4], [17, 17], [50, 2]] as const;
const TSS_CASES = [
  { n: 100, splits: 5, gap: 0, maxTrain: null },
  { n: 103, splits: 4, gap: 3, maxTrain: null },
  { n: 120, splits: 5, gap: 2, maxTrain: 18 }, // the first window is already full
] as const;

let ref: Reference;

beforeAll(() => {
  // Reference: scikit-learn 1.9 KFold / TimeSeriesSplit split indices.
  ref = runPython<Reference>(`
import numpy as np
from sklearn.model_selection import KFold, TimeSeriesSplit
def folds(splitter, n):
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(np.zeros((n, 1)))]
kfold = {f"{n}-{k}": folds(KFold(n_splits=k, shuffle=False), n) for n, k in inp["kfold"]}
tss = [folds(TimeSeriesSplit(n_splits=c['splits'], gap=c['gap'], max_train_size=c['maxTrain']), c['n']) for c in inp["tss"]]
print(json.dumps({"kfold": kfold, "tss": tss}))
`, { kfold: KFOLD_CASES, tss: TSS_CASES });
});

const indices = (r: RowRange | readonly RowRange[]): number[] => Array.from(rangeIndices(r));

/** No training row's label window [t, t + h] touches a test row, nor the rows embargoed after it. */
function expectPurged(n: number, folds: readonly PurgedFold[], h: number, embargo: number): void {
  const violations: string[] = [];
  for (const fold of folds) {
    const test = new Set(indices(fold.test));
    const train = indices(fold.train);
    for (const t of train) {
      for (let s = t; s <= t + h; s++) if (test.has(s)) violations.push(`fold ${fold.index}: train row ${t} labels into test row ${s}`);
      // Training rows after the test block start beyond the test labels' reach plus the embargo.
      if (t >= fold.test.end && t < fold.test.end + h + embargo) violations.push(`fold ${fold.index}: train row ${t} is purged or embargoed`);
    }
    // Nothing else is dropped: every row is test, train, purged or embargoed.
    const dropped = n - train.length - test.size;
    if (dropped !== Math.min(h, fold.test.start) + Math.min(h + embargo, n - fold.test.end)) violations.push(`fold ${fold.index}: ${dropped} rows dropped`);
  }
  expect(violations).toEqual([]);
}

describe('purgedKFold', () => {
  it('with horizon 0 and embargo 0 is scikit-learn KFold(shuffle=False)', () => {
    for (const [n, k] of KFOLD_CASES) {
      const ours = purgedKFold(n, { k });
      const theirs = ref.kfold[`${n}-${k}`]!;
      expect(ours.length).toBe(theirs.length);
      ours.forEach((fold, i) => {
        expect(indices(fold.test), `${n}/${k} fold ${i}`).toEqual(theirs[i]!.test);
        expect(indices(fold.train), `${n}/${k} fold ${i}`).toEqual(theirs[i]!.train);
      });
    }
  });

  it('purges training rows whose labels reach the test block and embargoes rows after it', () => {
    const folds = purgedKFold(100, { k: 5, horizon: 3, embargo: 2 });
    expect(folds[1]).toEqual({ index: 1, test: { start: 20, end: 40 }, train: [{ start: 0, end: 17 }, { start: 45, end: 100 }] });
    expect(folds[0]!.train).toEqual([{ start: 25, end: 100 }]);
    expect(folds[4]!.train).toEqual([{ start: 0, end: 77 }]);
  });

  it('holds the purge property for random sizes, horizons and embargoes', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 40; trial++) {
      const n = 30 + rng.int(300), k = 2 + rng.int(8), h = rng.int(6), embargo = rng.int(6);
      const folds = purgedKFold(n, { k, horizon: h, embargo });
      expect(folds.map((f) => f.test.end - f.test.start).reduce((a, b) => a + b)).toBe(n);
      folds.forEach((f, i) => expect(f.test.start).toBe(i === 0 ? 0 : folds[i - 1]!.test.end));
      expectPurged(n, folds, h, embargo);
    }
  });

  it('purged by a label’s own horizon, no training label ends inside a test block', () => {
    const rng = createRng(12);
    const close = new Float64Array(500);
    close[0] = 100;
    for (let t = 1; t < 500; t++) close[t] = close[t - 1]! * Math.exp(0.01 * rng.normal());
    const label = tripleBarrierLabel({ close }, { upper: 0.02, lower: 0.02, maxHolding: 15 });
    const leaks: string[] = [];
    for (const fold of purgedKFold(500, { k: 5, horizon: label.horizon, embargo: 3 })) {
      for (const t of indices(fold.train)) {
        const end = label.touch[t]!; // the row where the label was decided
        if (end >= 0 && t < fold.test.end && end >= fold.test.start) leaks.push(`fold ${fold.index} row ${t} ends at ${end}`);
      }
    }
    expect(leaks).toEqual([]);
    // Without purging some training labels would end inside the test block.
    const unpurged = purgedKFold(500, { k: 5 });
    expect(unpurged.some((f) => indices(f.train).some((t) => t < f.test.start && label.touch[t]! >= f.test.start))).toBe(true);
  });

  it('rejects bad input with argument, value and fix', () => {
    expect(() => purgedKFold(100, { k: 1 })).toThrow('options.k = 1: must be an integer >= 2. Fix: pass e.g. 5 (k < 2 leaves nothing to train on)');
    expect(() => purgedKFold(4, { k: 5 })).toThrow('options.k = 5: exceeds the 4 rows. Fix: use k <= 4');
    expect(() => purgedKFold(100, { k: 5, horizon: -1 })).toThrow(/options\.horizon = -1: must be an integer >= 0/);
    expect(() => purgedKFold(10, { k: 2, horizon: 6 })).toThrow(/leaves fold 0 \(test rows 0\.\.4\) without training rows\. Fix: use more rows, a larger k, or a smaller horizon or embargo/);
    expect(() => purgedKFold(100, { k: 5, embargoo: 2 } as never)).toThrow(/options\.embargoo = 2: is not a known option/);
  });
});

describe('walkForward', () => {
  it('in expanding mode (and rolling with max_train_size) is scikit-learn TimeSeriesSplit', () => {
    for (const [caseIndex, c] of TSS_CASES.entries()) {
      const testSize = Math.floor(c.n / (c.splits + 1));
      const firstTest = c.n - c.splits * testSize;
      const folds = c.maxTrain === null
        ? walkForward(c.n, { trainSize: firstTest - c.gap, testSize, mode: 'expanding', gap: c.gap })
        // Rolling: a window of maxTrain rows; purge takes part of sklearn's gap to check they add up.
        : walkForward(c.n, { trainSize: c.maxTrain, testSize, mode: 'rolling', purge: 1, gap: c.gap - 1 });
      const theirs = ref.tss[caseIndex]!;
      expect(folds.length).toBe(theirs.length);
      folds.forEach((fold, i) => {
        expect(indices(fold.test)).toEqual(theirs[i]!.test);
        expect(indices(fold.train)).toEqual(theirs[i]!.train);
      });
    }
  });

  it('keeps training before testing, purged by the horizon, in both modes', () => {
    const rng = createRng(8);
    for (let trial = 0; trial < 30; trial++) {
      const n = 100 + rng.int(400), trainSize = 20 + rng.int(60), testSize = 5 + rng.int(20);
      const purge = rng.int(5), gap = rng.int(3), step = 1 + rng.int(testSize + 5);
      for (const mode of ['rolling', 'expanding'] as const) {
        const folds = walkForward(n, { trainSize, testSize, step, mode, purge, gap });
        folds.forEach((f, i) => {
          expect(f.train.end - 1 + purge).toBeLessThan(f.test.start - gap); // the last label ends before the gap
          expect(f.test.end).toBeLessThanOrEqual(n);
          expect(f.test.end - f.test.start).toBe(testSize);
          expect(f.train.end - f.train.start).toBe(mode === 'rolling' ? trainSize : f.train.end);
          if (i > 0) expect(f.test.start - folds[i - 1]!.test.start).toBe(step);
        });
        expect(folds[folds.length - 1]!.test.end + step).toBeGreaterThan(n); // no whole block left out
      }
    }
  });

  it('rejects bad input with argument, value and fix', () => {
    expect(() => walkForward(50, { trainSize: 40, testSize: 20 })).toThrow('n = 50: is too few rows for one fold (trainSize + purge + gap + testSize = 60). Fix: use more data or smaller sizes');
    expect(() => walkForward(100, { trainSize: 40, testSize: 0 })).toThrow(/options\.testSize = 0: must be an integer >= 1/);
    expect(() => walkForward(100, { trainSize: 40, testSize: 10, mode: 'sliding' as never })).toThrow(`options.mode = "sliding": must be 'rolling' or 'expanding'`);
    expect(() => walkForward(100, { trainSize: 40, testSize: 10, embargo: 3 } as never)).toThrow('options.embargo = 3: does not apply: in walk-forward no training row follows its test block. Fix: set purge to the label horizon, and gap for extra rows before each test block');
  });
});

describe('trainValTestSplit', () => {
  it('splits by fractions, in time order, purging labels and leaving gaps', () => {
    expect(trainValTestSplit(100, { train: 0.7, validation: 0.15 })).toEqual({
      train: { start: 0, end: 70 }, validation: { start: 70, end: 85 }, test: { start: 85, end: 100 },
    });
    const s = trainValTestSplit(1000, { train: 0.6, validation: 0.2, test: 0.2, purge: 5, gap: 2 });
    expect(s).toEqual({ train: { start: 0, end: 595 }, validation: { start: 602, end: 795 }, test: { start: 802, end: 1000 } });
    // No training label window [t, t + 5] reaches a validation row, none of validation a test row.
    expect(s.train.end - 1 + 5).toBeLessThan(s.validation.start);
    expect(s.validation.end - 1 + 5).toBeLessThan(s.test.start);
  });

  it('splits by dates (ISO or epoch ms)', () => {
    const time = Float64Array.from({ length: 10 }, (_, i) => Date.UTC(2020, 0, 1 + i));
    const s = trainValTestSplit(10, { time, validationStart: '2020-01-06', testStart: Date.UTC(2020, 0, 8, 12), purge: 1 });
    expect(s).toEqual({ train: { start: 0, end: 4 }, validation: { start: 5, end: 7 }, test: { start: 8, end: 10 } });
  });

  it('rejects bad input with argument, value and fix', () => {
    expect(() => trainValTestSplit(100, { train: 1.2, validation: 0.1 })).toThrow('options.train = 1.2: must be a fraction in (0, 1). Fix: pass e.g. 0.7');
    expect(() => trainValTestSplit(100, { train: 0.7, validation: 0.3 })).toThrow(/options = \{"train":0\.7,"validation":0\.3\}: fractions must be positive and sum to 1/);
    expect(() => trainValTestSplit(100, { train: 0.7, validation: 0.2, test: 0.2 })).toThrow(/fractions must be positive and sum to 1 \(test defaults to the rest\)\. Fix: use e\.g\. train 0\.7/);
    expect(() => trainValTestSplit(10, { train: 0.5, validation: 0.2, purge: 3 })).toThrow('n = 10: leaves the validation set empty (10 rows, purge 3, gap 0). Fix: use a longer range of rows, other fractions or dates, or a smaller purge or gap');
    const time = Float64Array.of(1, 2, 3, 4);
    expect(() => trainValTestSplit(4, { time, validationStart: 3, testStart: 2 })).toThrow(/options\.testStart = 2: must come after options\.validationStart \(3\)/);
    expect(() => trainValTestSplit(4, { time, validationStart: 'soon', testStart: 2 })).toThrow(/options\.validationStart = "soon": must be epoch milliseconds or an ISO date/);
    expect(() => trainValTestSplit(4, { time: Float64Array.of(1, 3, 2, 4), validationStart: 2, testStart: 3 })).toThrow(/options\.time\[2\] = 2: is not after the previous row/);
    expect(() => trainValTestSplit(5, { time, validationStart: 2, testStart: 3 })).toThrow(/options\.time = array of length 4: must be a Float64Array of n = 5 timestamps/);
    expect(() => trainValTestSplit(100, { train: 0.7, validation: 0.1, gap: -1 })).toThrow(/options\.gap = -1: must be an integer >= 0/);
  });
});
