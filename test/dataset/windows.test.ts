import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { directionLabel, slidingWindows, trainValTestSplit } from '../../lib/dataset';
import { makeSequences } from '../../lib/models/sequences';
import { createRng } from '../../lib/util/random';

// Row r of feature f holds 100 * f + r, so every value says where it came from.
const ROWS = 40;
const columns = [0, 1, 2].map((f) => Float64Array.from({ length: ROWS }, (_, r) => 100 * f + r));
const labels = Float64Array.from({ length: ROWS }, (_, r) => r % 3);

describe('slidingWindows', () => {
  it('lays windows out as [samples, lookback, features] with the label of the last row', () => {
    const w = slidingWindows(columns, { lookback: 4, range: { start: 0, end: ROWS }, labels });
    expect(w.shape).toEqual([ROWS - 3, 4, 3]);
    expect(w.x.length).toBe((ROWS - 3) * 4 * 3);
    expect(Array.from(w.index)).toEqual(Array.from({ length: ROWS - 3 }, (_, i) => i + 3));
    expect(Array.from(w.x.subarray(0, 12))).toEqual([0, 100, 200, 1, 101, 201, 2, 102, 202, 3, 103, 203]);
    // Sample s, step k, feature f is row index[s] - lookback + 1 + k of feature f.
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial++) {
      const s = rng.int(w.samples), k = rng.int(4), f = rng.int(3);
      expect(w.x[(s * 4 + k) * 3 + f]).toBe(100 * f + w.index[s]! - 3 + k);
    }
    w.index.forEach((t, s) => expect(w.y![s]).toBe(labels[t]));
  });

  it('never crosses a split boundary: each split’s windows hold only its own rows', () => {
    const split = trainValTestSplit(ROWS, { train: 0.5, validation: 0.25 });
    for (const range of [split.train, split.validation, split.test]) {
      const w = slidingWindows(columns, { lookback: 5, range, labels });
      const rows = Array.from(w.x, (v) => v % 100);
      expect(Math.min(...rows)).toBe(range.start);
      expect(Math.max(...rows)).toBe(range.end - 1);
      expect(w.index[0]).toBe(range.start + 4);
    }
  });

  it('skips windows with a non-finite value or label; takes a Label; without labels keeps all', () => {
    const gappy = columns.map((c) => c.slice());
    gappy[1]![6] = NaN;
    const price = Float64Array.from({ length: ROWS }, (_, r) => 100 + (r % 2)); // up, down, ...
    const label = directionLabel(price); // the last row has no label
    const w = slidingWindows(gappy, { lookback: 3, range: { start: 0, end: ROWS }, labels: label });
    expect(Array.from(w.index)).toEqual([2, 3, 4, 5, ...Array.from({ length: ROWS - 10 }, (_, i) => i + 9)]);
    expect(w.x.every(Number.isFinite)).toBe(true);
    w.index.forEach((t, s) => expect(w.y![s]).toBe(t % 2 === 0 ? 1 : 0));
    const unlabelled = slidingWindows(columns, { lookback: 3, range: { start: 10, end: 20 } });
    expect(unlabelled.y).toBeUndefined();
    expect(unlabelled.samples).toBe(8);
    expect(Number.isNaN(gappy[1]![6])).toBe(true); // input left as it was
  });

  it('is what makeSequences (the models-era wrapper) returns', () => {
    const range = { start: 3, end: 33 };
    const w = slidingWindows(columns, { lookback: 6, range, labels });
    const s = makeSequences(columns, labels, 6, range);
    expect(Array.from(s.x)).toEqual(Array.from(w.x));
    expect(Array.from(s.y)).toEqual(Array.from(w.y!));
    expect(Array.from(s.index)).toEqual(Array.from(w.index));
  });

  it('loads without TensorFlow (tensors are windowsTensor’s job)', () => {
    const cache = createRequire(__filename).cache;
    expect(Object.keys(cache).filter((k) => k.includes('@tensorflow'))).toEqual([]);
  });

  it('rejects bad input with argument, value and fix', () => {
    const range = { start: 0, end: ROWS };
    expect(() => slidingWindows(columns, { lookback: 0, range })).toThrow('options.lookback = 0: must be an integer >= 1. Fix: pass e.g. 10 (rows per window)');
    expect(() => slidingWindows(columns, { lookback: 3, range: { start: 5, end: 5 } })).toThrow('options.range = {"start":5,"end":5}: must hold integers with 0 <= start < end <= 40. Fix: pass the rows of one split, e.g. { start: 0, end: 700 }');
    expect(() => slidingWindows(columns, { lookback: 3, range, labels: labels.subarray(1) })).toThrow("options.labels.length = 39: differs from the columns' length 40. Fix: align it with the feature rows");
    expect(() => slidingWindows(columns, { lookback: 3, range, labels: [1, 2] as never })).toThrow(/options\.labels = array of length 2: must be a Float64Array or a Label/);
    expect(() => slidingWindows(columns, { lookback: 3, rowsRange: range } as never)).toThrow(/options\.rowsRange = .*: is not a known option\. Fix: use only: lookback, range, labels/);
    expect(() => slidingWindows([], { lookback: 3, range })).toThrow('columns = array of length 0: must be a non-empty array of Float64Array. Fix: pass one Float64Array per feature');
  });
});
