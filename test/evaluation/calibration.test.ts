import { beforeAll, describe, expect, it } from 'vitest';
import {
  calibrationCurve, calibratorFromJSON, fitCalibrator, IsotonicCalibrator, PlattCalibrator, type CalibrationCurve,
} from '../../lib/evaluation';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Reference: scikit-learn 1.9 (.venv). Platt: sklearn.calibration._SigmoidCalibration, the
// calibrator CalibratedClassifierCV(method='sigmoid') fits (L-BFGS-B, gtol 1e-6), whose
// P = 1 / (1 + exp(a_ * s + b_)), so slope = -a_ and intercept = -b_. Isotonic:
// IsotonicRegression(out_of_bounds='clip', increasing=True), as CalibratedClassifierCV(method='isotonic').
const SKLEARN = `import warnings
import numpy as np
from sklearn.calibration import _SigmoidCalibration, calibration_curve
from sklearn.isotonic import IsotonicRegression
warnings.simplefilter("ignore")
out = {"platt": [], "isotonic": [], "curve": []}
for c in inp["platt"]:
    s = np.array(c["s"], dtype=float); y = np.array(c["y"], dtype=float)
    cal = _SigmoidCalibration().fit(s, y)
    out["platt"].append({"slope": -float(cal.a_), "intercept": -float(cal.b_), "pred": cal.predict(np.array(c["grid"])).tolist()})
for c in inp["isotonic"]:
    iso = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(np.array(c["s"]), np.array(c["y"], dtype=float))
    out["isotonic"].append({"x": iso.X_thresholds_.tolist(), "y": iso.y_thresholds_.tolist(), "pred": iso.predict(np.array(c["grid"])).tolist()})
for c in inp["curve"]:
    t, p = calibration_curve(np.array(c["y"]), np.array(c["p"]), n_bins=c["bins"], strategy=c["strategy"])
    out["curve"].append({"probTrue": t.tolist(), "probPred": p.tolist()})
print(json.dumps(out))`;

interface Ref {
  platt: { slope: number; intercept: number; pred: number[] }[];
  isotonic: { x: number[]; y: number[]; pred: number[] }[];
  curve: { probTrue: number[]; probPred: number[] }[];
}

/** Labels drawn from a logistic model of a latent score, so calibration has something to fix. */
function scored(seed: number, n: number, slope: number, decimals: number | null) {
  const rng = createRng(seed);
  const s = Float64Array.from({ length: n }, () => rng.normal());
  const y = s.map((v) => (rng.uniform() < 1 / (1 + Math.exp(-(slope * v + 0.3))) ? 1 : 0));
  const rounded = decimals === null ? s : s.map((v) => Math.round(v * 10 ** decimals) / 10 ** decimals);
  return { s: rounded, y };
}

const grid = (lo: number, hi: number, k: number): number[] => Array.from({ length: k }, (_, i) => lo + ((hi - lo) * i) / (k - 1));
const p1 = scored(11, 600, 1.7, null), p2 = scored(12, 300, 0.8, 2);
const PLATT = [
  { name: 'logit scores', s: p1.s, y: p1.y, grid: grid(-4, 4, 41) },
  { name: 'tied scores', s: p2.s, y: p2.y, grid: grid(-3, 3, 25) },
  // |score| >= 30: sklearn rescales before optimising; the fit must be the same map.
  { name: 'large scores (rescaled)', s: p1.s.map((v) => 40 * v), y: p1.y, grid: grid(-150, 150, 31) },
  { name: 'probabilities as scores', s: p1.s.map((v) => 1 / (1 + Math.exp(-v))), y: p1.y, grid: grid(0, 1, 21) },
];
const i1 = scored(21, 500, 2, 1), i2 = scored(22, 300, 1, null);
const nearTies = Float64Array.of(0.1 + 0.2, 0.3, 0.5, 0.5, 0.7, 0.1, 0.9, 0.3 + 1e-14);
const ISOTONIC = [
  { name: 'heavily tied scores', s: i1.s, y: i1.y, grid: [...grid(-5, 5, 51), ...Array.from(i1.s.slice(0, 40))] },
  { name: 'distinct scores', s: i2.s, y: i2.y, grid: [...grid(-4, 4, 33), ...Array.from(i2.s.slice(0, 40))] },
  { name: 'x closer than 1e-15 merged', s: nearTies, y: Float64Array.of(1, 0, 1, 0, 1, 0, 1, 1), grid: [0, 0.3, 0.30000000000000004, 0.4, 0.6, 1] },
];
const c1 = (() => {
  const rng = createRng(31);
  const p = Float64Array.from({ length: 401 }, () => Math.round(rng.uniform() * 20) / 20); // on the 0.05 grid: values sit on bin edges
  const y = p.map((v) => (rng.uniform() < v ? 1 : 0));
  return { p, y };
})();
const c2 = (() => {
  const rng = createRng(32);
  const p = Float64Array.from({ length: 997 }, () => rng.uniform() ** 2);
  return { p, y: p.map((v) => (rng.uniform() < v ? 1 : 0)) };
})();
const CURVES = [
  { p: c1.p, y: c1.y, bins: 5, strategy: 'uniform' as const },
  { p: c1.p, y: c1.y, bins: 10, strategy: 'uniform' as const },
  { p: c1.p, y: c1.y, bins: 5, strategy: 'quantile' as const },
  { p: c1.p, y: c1.y, bins: 8, strategy: 'quantile' as const },
  { p: c2.p, y: c2.y, bins: 7, strategy: 'quantile' as const },
  { p: c2.p, y: c2.y, bins: 10, strategy: 'uniform' as const },
];

let ref: Ref;
beforeAll(() => {
  ref = runPython<Ref>(SKLEARN, {
    platt: PLATT.map((c) => ({ s: Array.from(c.s), y: Array.from(c.y), grid: c.grid })),
    isotonic: ISOTONIC.map((c) => ({ s: Array.from(c.s), y: Array.from(c.y), grid: c.grid })),
    curve: CURVES.map((c) => ({ p: Array.from(c.p), y: Array.from(c.y), bins: c.bins, strategy: c.strategy })),
  });
});

describe('PlattCalibrator', () => {
  PLATT.forEach((c, i) => {
    it(`matches sklearn _SigmoidCalibration's a, b to 1e-6: ${c.name}`, () => {
      const cal = PlattCalibrator.fit(c.s, c.y), r = ref.platt[i]!;
      expect(Math.abs(cal.slope - r.slope)).toBeLessThan(1e-6 * Math.max(1, Math.abs(r.slope)));
      expect(Math.abs(cal.intercept - r.intercept)).toBeLessThan(1e-6);
      cal.predict(c.grid).forEach((p, k) => expect(Math.abs(p - r.pred[k]!)).toBeLessThan(1e-6));
    });
  });

  it('round-trips through JSON and leaves its inputs alone', () => {
    const s = Float64Array.from(p1.s), cal = PlattCalibrator.fit(s, p1.y);
    expect(s).toEqual(p1.s);
    const back = calibratorFromJSON(JSON.parse(JSON.stringify(cal.toJSON())));
    expect(back).toBeInstanceOf(PlattCalibrator);
    expect(back.predict(grid(-3, 3, 7))).toEqual(cal.predict(grid(-3, 3, 7)));
  });
});

describe('IsotonicCalibrator', () => {
  ISOTONIC.forEach((c, i) => {
    it(`matches sklearn IsotonicRegression(out_of_bounds='clip') to 1e-12: ${c.name}`, () => {
      const cal = IsotonicCalibrator.fit(c.s, c.y), r = ref.isotonic[i]!;
      expect(Array.from(cal.x)).toEqual(r.x);
      expect(cal.y.length).toBe(r.y.length);
      cal.y.forEach((v, k) => expect(Math.abs(v - r.y[k]!)).toBeLessThan(1e-12));
      cal.predict(c.grid).forEach((p, k) => expect(Math.abs(p - r.pred[k]!), `grid[${k}] = ${c.grid[k]}`).toBeLessThan(1e-12));
    });
  });

  it('round-trips through JSON', () => {
    const cal = fitCalibrator('isotonic', i1.s, i1.y);
    const back = calibratorFromJSON(JSON.parse(JSON.stringify(cal.toJSON())));
    expect(back).toBeInstanceOf(IsotonicCalibrator);
    expect(back.predict(grid(-4, 4, 17))).toEqual(cal.predict(grid(-4, 4, 17)));
  });
});

describe('calibration errors', () => {
  it('name the argument, the value and the fix', () => {
    expect(() => PlattCalibrator.fit([0.1, 0.2], [1, 1])).toThrow(/y = array of length 2: holds only one class \(2 positives of 2\)\. Fix: fit the calibrator on a split that holds both classes/);
    expect(() => IsotonicCalibrator.fit([0.3, 0.3], [1, 0])).toThrow(/scores = array of length 2: are all equal \(0.3\).*Fix: pass the model scores/);
    expect(() => PlattCalibrator.fit([0.1, NaN], [1, 0])).toThrow(/scores\[1\] = NaN: is not a finite score/);
    expect(() => PlattCalibrator.fit([0.1], [1, 0])).toThrow(/scores.length = 1: must equal yTrue.length = 2/);
    expect(() => PlattCalibrator.fit([0.1, 0.2], [1, 3])).toThrow(/y\[1\] = 3: is not 0 or 1/);
    expect(() => fitCalibrator('beta' as never, [0, 1], [0, 1])).toThrow(/method = "beta": must be 'platt' or 'isotonic'/);
    expect(() => calibratorFromJSON({ format: 'x' } as never)).toThrow(/json.format = "x": must be 'quantlab.calibrator'/);
    expect(() => new PlattCalibrator(NaN, 0)).toThrow(/slope = NaN: must be a finite number/);
    expect(() => new IsotonicCalibrator([0, 1], [0.5, 0.2])).toThrow(/x\[1\] = 1: knots must have increasing x and non-decreasing y/);
    const cal = PlattCalibrator.fit(p1.s, p1.y);
    expect(() => cal.predict([0, Infinity])).toThrow(/scores\[1\] = Infinity/);
  });
});

describe('calibrationCurve', () => {
  CURVES.forEach((c, i) => {
    it(`matches sklearn calibration_curve to 1e-12 (${c.strategy}, ${c.bins} bins, case ${i})`, () => {
      const ours: CalibrationCurve = calibrationCurve(c.y, c.p, { bins: c.bins, strategy: c.strategy }), r = ref.curve[i]!;
      expect(ours.probTrue.length).toBe(r.probTrue.length);
      ours.probTrue.forEach((v, k) => expect(Math.abs(v - r.probTrue[k]!)).toBeLessThan(1e-12));
      ours.probPred.forEach((v, k) => expect(Math.abs(v - r.probPred[k]!)).toBeLessThan(1e-12));
      expect(ours.counts.reduce((a, b) => a + b, 0)).toBe(c.p.length);
    });
  });

  it('rejects bad options', () => {
    expect(() => calibrationCurve([0, 1], [0.2, 0.8], { bins: 0 })).toThrow(/options.bins = 0: must be an integer >= 1\. Fix: pass e.g. 10/);
    expect(() => calibrationCurve([0, 1], [0.2, 0.8], { strategy: 'kmeans' as never })).toThrow(/options.strategy = "kmeans": must be 'uniform' or 'quantile'/);
    expect(() => calibrationCurve([0, 1], [0.2, 0.8], { nBins: 3 } as never)).toThrow(/options.nBins = 3: is not a known option/);
    expect(() => calibrationCurve([0, 1], [0.2, 1.8])).toThrow(/yProb\[1\] = 1.8/);
  });
});
