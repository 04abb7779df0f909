import { describe, expect, it } from 'vitest';
import { makeSequences, Standardizer } from '../../lib/models';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Row r of feature f holds 100 * f + r, so every value says where it came from.
const ROWS = 20;
const columns = [0, 1, 2].map((f) => Float64Array.from({ length: ROWS }, (_, r) => 100 * f + r));
const label = Float64Array.from({ length: ROWS }, (_, r) => r % 2);

describe('makeSequences', () => {
  it('lays windows out as (sample, time, feature) with the label at the window end', () => {
    const s = makeSequences(columns, label, 4, { start: 0, end: ROWS });
    expect(s.samples).toBe(ROWS - 3);
    expect(s.x.length).toBe(s.samples * 4 * 3);
    expect(Array.from(s.index)).toEqual(Array.from({ length: ROWS - 3 }, (_, i) => i + 3));
    // Sample 0 ends at row 3: rows 0..3 of each feature, time-major.
    expect(Array.from(s.x.subarray(0, 12))).toEqual([0, 100, 200, 1, 101, 201, 2, 102, 202, 3, 103, 203]);
    s.index.forEach((t, i) => expect(s.y[i]).toBe(label[t]));
  });

  it('never uses a row outside [start, end), so adjacent splits share no rows', () => {
    const train = makeSequences(columns, label, 5, { start: 0, end: 12 });
    const test = makeSequences(columns, label, 5, { start: 12, end: ROWS });
    const rowsOf = (x: Float32Array) => new Set(Array.from(x, (v) => v % 100));
    const trainRows = rowsOf(train.x), testRows = rowsOf(test.x);
    expect(Math.max(...trainRows)).toBe(11);
    expect(Math.min(...testRows)).toBe(12);
    expect(Array.from(test.index)).toEqual([16, 17, 18, 19]);
  });

  it('skips windows holding a non-finite value or a non-finite label and reports the kept rows', () => {
    const withGap = columns.map((c) => c.slice());
    withGap[1]![6] = NaN;
    const lab = label.slice();
    lab[ROWS - 1] = NaN;
    const s = makeSequences(withGap, lab, 3, { start: 0, end: ROWS });
    expect(Array.from(s.index)).toEqual([2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(s.x.every(Number.isFinite)).toBe(true);
    expect(Number.isNaN(withGap[1]![6])).toBe(true); // input left as it was
  });

  it('rejects bad input with the argument named', () => {
    expect(() => makeSequences(columns, label, 0, { start: 0, end: ROWS })).toThrow(/lookback = 0/);
    expect(() => makeSequences(columns, label, 3, { start: 5, end: 5 })).toThrow(InvalidArgumentError);
    expect(() => makeSequences(columns, label, 3, { start: 0, end: ROWS + 1 })).toThrow(/range/);
    expect(() => makeSequences([columns[0]!, new Float64Array(3)], label, 3, { start: 0, end: ROWS })).toThrow(/columns\[1\]\.length/);
    expect(() => makeSequences(columns, new Float64Array(3), 3, { start: 0, end: ROWS })).toThrow(/label\.length/);
    expect(() => makeSequences([[1, 2, 3] as unknown as Float64Array], label, 1, { start: 0, end: 3 })).toThrow(/Float64Array/);
  });
});

describe('Standardizer', () => {
  const rng = createRng(11);
  const data = [0, 1, 2].map((f) => Float64Array.from({ length: 300 }, () => 5 * f + (f + 1) * rng.normal()));

  it('matches scikit-learn StandardScaler fitted on the training rows only (tolerance 1e-12)', () => {
    const s = Standardizer.fit(data, { start: 0, end: 200 });
    // Reference: sklearn 1.9 StandardScaler().fit(X[:200]) -> mean_, scale_, transform(X[200:]).
    const ref = runPython<{ mean: number[]; scale: number[]; z: number[][] }>(
      `import numpy as np
from sklearn.preprocessing import StandardScaler
X = np.array(inp).T
sc = StandardScaler().fit(X[:200])
print(json.dumps({"mean": sc.mean_.tolist(), "scale": sc.scale_.tolist(), "z": sc.transform(X[200:]).T.tolist()}))`,
      data.map((c) => Array.from(c)),
    );
    ref.mean.forEach((m, f) => expect(s.mean[f]).toBeCloseTo(m, 12));
    ref.scale.forEach((v, f) => expect(Math.abs(s.std[f]! - v)).toBeLessThan(1e-12));
    const z = s.transform(data);
    ref.z.forEach((col, f) => col.forEach((v, i) => expect(Math.abs(z[f]![200 + i]! - v)).toBeLessThan(1e-12)));
  });

  it('ignores rows outside the fit range and non-finite values, and keeps constant columns unscaled', () => {
    const changed = data.map((c) => c.slice());
    changed[0]![250] = 1e9;
    changed[0]![10] = NaN;
    const a = Standardizer.fit(data, { start: 0, end: 200 });
    const b = Standardizer.fit(changed, { start: 0, end: 200 });
    expect(b.mean[1]).toBe(a.mean[1]);
    expect(b.mean[0]).not.toBe(a.mean[0]); // the NaN row is excluded, not counted as zero
    expect(Number.isFinite(b.mean[0])).toBe(true);
    const constant = Standardizer.fit([new Float64Array(10).fill(3)], { start: 0, end: 10 });
    expect(constant.std[0]).toBe(1);
    expect(Array.from(constant.transform([Float64Array.of(3, 4)])[0]!)).toEqual([0, 1]);
  });

  it('round-trips through JSON and rejects what is not one', () => {
    const s = Standardizer.fit(data, { start: 0, end: 200 });
    const back = Standardizer.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(Array.from(back.mean)).toEqual(Array.from(s.mean));
    expect(Array.from(back.std)).toEqual(Array.from(s.std));
    expect(() => Standardizer.fromJSON({ kind: 'standardizer', mean: [0], std: [0] })).toThrow(InvalidArgumentError);
    expect(() => s.transform([data[0]!])).toThrow(/fitted on 3 features/);
  });
});
