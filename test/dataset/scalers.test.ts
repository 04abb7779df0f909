import { beforeAll, describe, expect, it } from 'vitest';
import {
  MinMaxScaler, RobustScaler, StandardScaler, columnsFromRows, rowsFromColumns, scalerFromJSON, type Scaler,
} from '../../lib/dataset';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Four features, 300 rows, fitted on rows [0, 200): a shifted normal with NaNs, a heavy tail, a
// constant, and a large offset with small noise (where a naive variance formula loses digits).
const ROWS = 300;
const TRAIN = { start: 0, end: 200 };
const rng = createRng(31);
const columns = [
  Float64Array.from({ length: ROWS }, (_, i) => (i % 17 === 3 ? NaN : 50 + 3 * rng.normal())),
  Float64Array.from({ length: ROWS }, () => rng.normal() / Math.max(0.05, Math.abs(rng.normal()))),
  new Float64Array(ROWS).fill(7),
  Float64Array.from({ length: ROWS }, () => 1000 + 1e-3 * rng.normal()),
];

interface Fitted { stats: number[][]; z: (number | null)[][]; back: (number | null)[][] }
interface Reference { standard: Fitted; robust: Fitted; robust1090: Fitted; minmax: Fitted; minmaxSym: Fitted }

let ref: Reference;

beforeAll(() => {
  // Reference: scikit-learn 1.9 scalers fitted on X[:200] (NaN ignored in fit, kept in transform),
  // then transform(X) and inverse_transform(transform(X)) of all rows.
  ref = runPython<Reference>(`
import numpy as np
from sklearn.preprocessing import StandardScaler, RobustScaler, MinMaxScaler
X = np.array([[np.nan if v is None else v for v in c] for c in inp]).T
def run(sc, attrs):
    sc.fit(X[:200]); z = sc.transform(X)
    none = lambda a: [[None if np.isnan(v) else float(v) for v in col] for col in a.T]
    return {"stats": [getattr(sc, a).tolist() for a in attrs], "z": none(z), "back": none(sc.inverse_transform(z))}
print(json.dumps({
  "standard": run(StandardScaler(), ["mean_", "scale_"]),
  "robust": run(RobustScaler(), ["center_", "scale_"]),
  "robust1090": run(RobustScaler(quantile_range=(10, 90)), ["center_", "scale_"]),
  "minmax": run(MinMaxScaler(), ["data_min_", "data_max_", "scale_", "min_"]),
  "minmaxSym": run(MinMaxScaler(feature_range=(-1, 1)), ["data_min_", "data_max_", "scale_", "min_"]),
}))
`, columns.map((c) => Array.from(c, (v) => (Number.isNaN(v) ? null : v))));
});

const TOLERANCE = 1e-12;

function expectClose(actual: ArrayLike<number>, expected: readonly (number | null)[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i], a = actual[i]!;
    const ok = e === null ? Number.isNaN(a) : Math.abs(a - e) <= TOLERANCE * Math.max(1, Math.abs(e));
    if (!ok) bad.push(`${what}[${i}]: ${a} vs ${e}`);
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

function expectMatchesReference(scaler: Scaler, stats: ArrayLike<number>[], fitted: Fitted): void {
  stats.forEach((s, k) => expectClose(s, fitted.stats[k]!, `stat ${k}`));
  const z = scaler.transform(columns);
  z.forEach((col, f) => expectClose(col, fitted.z[f]!, `transform[${f}]`));
  scaler.inverseTransform(z).forEach((col, f) => expectClose(col, fitted.back[f]!, `inverse[${f}]`));
}

describe('scalers match scikit-learn to 1e-12 (fit on training rows, NaN ignored in fit and kept in transform)', () => {
  it('StandardScaler (ddof 0, constant feature scale 1)', () => {
    const s = StandardScaler.fit(columns, TRAIN);
    expectMatchesReference(s, [s.mean, s.scale], ref.standard);
    expect(s.scale[2]).toBe(1);
    expect(Number.isNaN(s.transform(columns)[0]![3])).toBe(true);
  });

  it('RobustScaler (median and IQR by numpy linear percentiles), also with quantileRange [10, 90]', () => {
    const s = RobustScaler.fit(columns, TRAIN);
    expectMatchesReference(s, [s.center, s.scale], ref.robust);
    const wide = RobustScaler.fit(columns, TRAIN, { quantileRange: [10, 90] });
    expectMatchesReference(wide, [wide.center, wide.scale], ref.robust1090);
  });

  it('MinMaxScaler, also with featureRange [-1, 1]', () => {
    const s = MinMaxScaler.fit(columns, TRAIN);
    expectMatchesReference(s, [s.dataMin, s.dataMax, s.scale, s.min], ref.minmax);
    const sym = MinMaxScaler.fit(columns, TRAIN, { featureRange: [-1, 1] });
    expectMatchesReference(sym, [sym.dataMin, sym.dataMax, sym.scale, sym.min], ref.minmaxSym);
  });
});

describe('scalers fit on the training range only and serialise', () => {
  it('ignores rows outside the range', () => {
    const changed = columns.map((c) => c.slice());
    changed[1]![250] = 1e9;
    for (const fit of [StandardScaler.fit, RobustScaler.fit, MinMaxScaler.fit] as const) {
      const a = fit(columns, TRAIN).toJSON(), b = fit(changed, TRAIN).toJSON();
      expect(b).toEqual(a);
      expect(fit(changed, { start: 0, end: 260 }).toJSON()).not.toEqual(a);
    }
  });

  it('round-trips through JSON to the same transform, and leaves inputs unchanged', () => {
    const before = columns.map((c) => Array.from(c));
    for (const scaler of [StandardScaler.fit(columns, TRAIN), RobustScaler.fit(columns, TRAIN, { quantileRange: [5, 95] }), MinMaxScaler.fit(columns, TRAIN, { featureRange: [-2, 3] })]) {
      const json = JSON.parse(JSON.stringify(scaler.toJSON()));
      const back = scalerFromJSON(json);
      expect(back.kind).toBe(scaler.kind);
      expect(back.toJSON()).toEqual(scaler.toJSON());
      expect(back.transform(columns).map((c) => Array.from(c))).toEqual(scaler.transform(columns).map((c) => Array.from(c)));
    }
    expect(columns.map((c) => Array.from(c))).toEqual(before);
  });

  it('converts between rows and columns', () => {
    const rows = rowsFromColumns(columns);
    expect(rows.length).toBe(ROWS);
    expect(rows[5]![3]).toBe(columns[3]![5]);
    expect(columnsFromRows(rows).map((c) => Array.from(c))).toEqual(columns.map((c) => Array.from(c)));
    expect(() => columnsFromRows([[1, 2], [3]])).toThrow('rows[1].length = 1: differs from rows[0].length = 2. Fix: give every row the same features');
  });
});

describe('scalers reject bad input with argument, value and fix', () => {
  it('at fit', () => {
    const allNaN = [columns[0]!, new Float64Array(ROWS).fill(NaN)];
    expect(() => StandardScaler.fit(allNaN, TRAIN)).toThrow('columns[1] = array of length 300: has no finite value in rows [0, 200). Fix: fit on a range past the feature warm-up, or drop the column');
    expect(() => RobustScaler.fit(columns, { start: 0, end: 301 })).toThrow('range = {"start":0,"end":301}: must hold integers with 0 <= start < end <= 300. Fix: pass the rows of one split, e.g. { start: 0, end: 700 }');
    expect(() => MinMaxScaler.fit(columns, undefined as never)).toThrow(/range = undefined: must hold integers/);
    expect(() => RobustScaler.fit(columns, TRAIN, { quantileRange: [75, 25] })).toThrow('options.quantileRange = array of length 2: must be two finite numbers within [0, 100], the first <= the second. Fix: pass e.g. [25, 75]');
    expect(() => MinMaxScaler.fit(columns, TRAIN, { featureRange: [1, 1] })).toThrow(/options\.featureRange = array of length 2: must be two finite numbers, the first < the second/);
    expect(() => MinMaxScaler.fit(columns, TRAIN, { range: [0, 1] } as never)).toThrow(/options\.range = array of length 2: is not a known option\. Fix: use only: featureRange/);
    expect(() => StandardScaler.fit([columns[0]!, columns[1]!.subarray(1)], TRAIN)).toThrow(/columns\[1\]\.length = 299: differs from columns\[0\]\.length = 300/);
  });

  it('at transform and fromJSON', () => {
    const s = StandardScaler.fit(columns, TRAIN);
    expect(() => s.transform(columns.slice(0, 2))).toThrow('columns.length = 2: this scaler was fitted on 4 features. Fix: pass the same feature columns, in the same order, as at fit time');
    expect(() => s.inverseTransform([[1, 2] as never])).toThrow(/columns\[0\] = array of length 2: is not a Float64Array/);
    expect(() => StandardScaler.fromJSON({ kind: 'StandardScaler', mean: [0], scale: [0] })).toThrow(/json = .*: is not a serialised StandardScaler\. Fix: pass the object returned by scaler\.toJSON\(\)/);
    expect(() => MinMaxScaler.fromJSON({ kind: 'MinMaxScaler', dataMin: [2], dataMax: [1], featureRange: [0, 1] })).toThrow(/has a dataMin above its dataMax/);
    expect(() => scalerFromJSON({ kind: 'QuantileTransformer' } as never)).toThrow(`json.kind = "QuantileTransformer": is not a known scaler kind. Fix: pass the object returned by a scaler's toJSON() (StandardScaler, RobustScaler or MinMaxScaler)`);
  });
});
