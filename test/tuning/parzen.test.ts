// The TPE building blocks against Optuna 5.0.0 itself (one Python call): the Parzen estimator's
// components for float, log-float, stepped-float, int, log-int and categorical dimensions (and
// a joint 2-D one), its log densities, default_gamma / default_weights, erf/erfc and the
// truncated-normal helpers of optuna.samplers._tpe._truncnorm.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildParzenEstimator, defaultGamma, defaultWeights, erf, erfc, floatDistribution, intDistribution, categoricalDistribution,
  logGaussMass, logPdfParzen, sampleParzen, truncnormLogPdf, truncnormPpf, type ParamDistribution as Distribution, type Kernels, type ParzenEstimator,
} from '../../lib/tuning';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

const TOL = 1e-12;
const PARAMS = { priorWeight: 1, considerMagicClip: true, considerEndpoints: false, weights: defaultWeights };

interface Case { name: string; space: Record<string, Distribution>; below: Record<string, number[]>; above: Record<string, number[]>; points: Record<string, number[]> }

/** Observations drawn in TS (fixed seed) and handed to both implementations. */
function cases(): Case[] {
  const rng = createRng(7);
  const draw = (n: number, f: () => number) => Array.from({ length: n }, f);
  const space: Record<string, Distribution> = {
    x: floatDistribution(-5, 10),
    lr: floatDistribution(1e-5, 1e-1, { log: true }),
    q: floatDistribution(0, 2, { step: 0.25 }),
    units: intDistribution(1, 64),
    layers: intDistribution(1, 512, { log: true }),
    opt: categoricalDistribution(['adam', 'sgd', 'rmsprop', 'adagrad']),
  };
  const gen: Record<string, () => number> = {
    x: () => -5 + 15 * rng.uniform(),
    lr: () => Math.exp(Math.log(1e-5) + rng.uniform() * Math.log(1e4)),
    q: () => 0.25 * rng.int(9),
    units: () => 1 + rng.int(64),
    layers: () => Math.round(Math.exp(rng.uniform() * Math.log(512))) || 1,
    opt: () => rng.int(4),
  };
  const one = (name: string): Case => ({
    name, space: { [name]: space[name]! },
    below: { [name]: draw(6, gen[name]!) }, above: { [name]: draw(40, gen[name]!) }, points: { [name]: draw(12, gen[name]!) },
  });
  const joint: Case = {
    name: 'x+opt (joint)', space: { opt: space.opt!, x: space.x! },
    below: { opt: draw(4, gen.opt!), x: draw(4, gen.x!) }, above: { opt: draw(30, gen.opt!), x: draw(30, gen.x!) },
    points: { opt: draw(8, gen.opt!), x: draw(8, gen.x!) },
  };
  const empty: Case = { name: 'x (no observations)', space: { x: space.x! }, below: { x: [] }, above: { x: [1.5] }, points: { x: [0, 3] } };
  return [...Object.keys(space).map(one), joint, empty];
}

const PY = `
import math
import numpy as np
import optuna
from optuna.distributions import FloatDistribution, IntDistribution, CategoricalDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_gamma, default_weights
from optuna.samplers._tpe import _truncnorm
from optuna.samplers._tpe.probability_distributions import _BatchedCategoricalDistributions

def dist(d):
    if d['kind'] == 'float':
        return FloatDistribution(d['low'], d['high'], log=d['log'], step=d['step'])
    if d['kind'] == 'int':
        return IntDistribution(d['low'], d['high'], log=d['log'], step=d['step'])
    return CategoricalDistribution(d['choices'])

params = _ParzenEstimatorParameters(prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False, weights=default_weights, multivariate=True)

def describe(pe):
    out = {'weights': pe._mixture_distribution.weights.tolist(), 'kernels': []}
    for d in pe._mixture_distribution.distributions:
        if isinstance(d, _BatchedCategoricalDistributions):
            out['kernels'].append({'kind': 'categorical', 'probabilities': d.weights.ravel().tolist()})
        else:
            out['kernels'].append({'kind': 'numerical', 'mus': d.mu.tolist(), 'sigmas': d.sigma.tolist()})
    return out

import optuna.samplers._tpe.parzen_estimator as pem

class StableArgsortNumpy:
    # numpy's default argsort (SIMD quicksort) orders ties differently per CPU, and with the age
    # ramp of the weights the tie order changes the mixture; pinning it to 'stable' makes the
    # reference deterministic (ours sorts stably too).
    def __getattr__(self, name):
        return getattr(np, name)
    @staticmethod
    def argsort(a, *args, **kwargs):
        return np.argsort(a, kind='stable')

def estimate(c, stable):
    pem.np = StableArgsortNumpy() if stable else np
    space = {k: dist(v) for k, v in c['space'].items()}
    entry = {}
    for side in ('below', 'above'):
        obs = {k: np.asarray(v, dtype=float) for k, v in c[side].items()}
        pe = _ParzenEstimator(obs, space, params)
        entry[side] = describe(pe)
        entry[side + '_logpdf'] = pe.log_pdf({k: np.asarray(v, dtype=float) for k, v in c['points'].items()}).tolist()
    pem.np = np
    return entry

res = {'optuna': optuna.__version__, 'cases': [estimate(c, True) for c in inp['cases']], 'unpinned': [estimate(c, False) for c in inp['cases']]}
res['gamma'] = [default_gamma(n) for n in range(301)]
res['weights'] = {str(n): default_weights(n).tolist() for n in inp['weight_ns']}
z = np.asarray(inp['z'])
res['erf'] = [math.erf(v) for v in inp['z']]
res['erfc'] = [math.erfc(v) for v in inp['z']]
ab = np.asarray(inp['ab'])
res['log_gauss_mass'] = _truncnorm._log_gauss_mass(ab[:, 0], ab[:, 1]).tolist()
qab = np.asarray(inp['qab'])
res['ppf'] = _truncnorm.ppf(qab[:, 0], qab[:, 1], qab[:, 2]).tolist()
from scipy.stats import truncnorm
res['ppf_scipy'] = truncnorm.ppf(qab[:, 0], qab[:, 1], qab[:, 2]).tolist()
res['logpdf'] = [float(_truncnorm.logpdf(np.asarray([x]), a, b, loc, scale)[0]) for x, a, b, loc, scale in inp['lp']]
def clean(v):
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)  # JSON has no infinities: 'inf', '-inf', 'nan'
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    return v
print(json.dumps(clean(res)))
`;

interface PyKernels { kind: 'numerical' | 'categorical'; mus?: number[]; sigmas?: number[]; probabilities?: number[] }
interface PyPe { weights: number[]; kernels: PyKernels[] }
interface PyCase { below: PyPe; above: PyPe; below_logpdf: number[]; above_logpdf: number[] }
interface PyOut {
  optuna: string;
  /** optuna with argsort pinned to a stable order, and as is (tie order up to numpy's SIMD sort). */
  cases: PyCase[];
  unpinned: PyCase[];
  gamma: number[]; weights: Record<string, number[]>;
  erf: number[]; erfc: number[]; log_gauss_mass: number[]; ppf: number[]; ppf_scipy: number[]; logpdf: number[];
}

const CASES = cases();
const WEIGHT_NS = [0, 1, 10, 24, 25, 26, 27, 40, 100, 250];
const Z = [-30, -8, -6, -5.9, -3, -1.25, -1, -0.9, -0.5, -0.1, -1e-9, 0, 1e-20, 0.2, 0.84375, 1, 1.3, 2.5, 2.86, 4, 5.99, 6, 10, 27];
const AB = [[-3, -1], [-40, -30], [0.5, 2], [30, 40], [-1, 1], [-0.2, 5], [-10, 10], [2, 2.0001], [-25, 0], [-1e-3, 1e-3]];
const QAB = [[0.5, -1, 1], [0.01, -3, 2], [0.99, -2, 3], [0.3, 0.5, 4], [0.7, 1, 1.5], [0.2, -8, -6], [0.9, 5, 7], [1e-6, -10, 10], [0.5, 20, 30], [0, -1, 1], [1, -1, 1]];
const LP = [[0.3, -1, 2, 0.1, 0.7], [1.5, 0, 5, 1, 2], [-2, -1, 1, 0, 1], [4, -3, 3, 1, 1]];

let ref: PyOut;
beforeAll(() => {
  ref = runPython<PyOut>(PY, { cases: CASES, weight_ns: WEIGHT_NS, z: Z, ab: AB, qab: QAB, lp: LP });
}, 60_000);

const f64 = (rec: Record<string, number[]>) => Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, Float64Array.from(v)]));

const num = (v: number | string): number => (typeof v === 'string' ? Number(v.replace('inf', 'Infinity').replace('nan', 'NaN')) : v);

function expectClose(ours: ArrayLike<number>, theirsRaw: readonly (number | string)[], tol: number, what: string): void {
  const theirs = theirsRaw.map(num);
  expect(ours.length, what).toBe(theirs.length);
  for (let i = 0; i < theirs.length; i++) {
    if (!Number.isFinite(theirs[i]!)) { expect(ours[i], `${what}[${i}]`).toBe(theirs[i]); continue; }
    const scale = Math.max(1, Math.abs(theirs[i]!));
    expect(Math.abs(ours[i]! - theirs[i]!) / scale, `${what}[${i}]: ${ours[i]} vs ${theirs[i]}`).toBeLessThanOrEqual(tol);
  }
}

/** The mixture's kernels as (weight, per-dimension parameters) rows, sorted: ties between equal observations may be ordered differently. */
function rows(weights: ArrayLike<number>, kernels: readonly (Kernels | PyKernels)[]): number[][] {
  const n = weights.length;
  const out = Array.from({ length: n }, (_, k) => [weights[k]!]);
  for (const kern of kernels) {
    if (kern.kind === 'numerical') {
      for (let k = 0; k < n; k++) out[k]!.push(kern.mus![k]!, kern.sigmas![k]!);
    } else {
      const p = kern.probabilities!;
      const m = p.length / n;
      for (let k = 0; k < n; k++) for (let c = 0; c < m; c++) out[k]!.push(p[k * m + c]!);
    }
  }
  return out.sort((a, b) => { for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!; return 0; });
}

describe('Parzen estimator vs optuna _ParzenEstimator', () => {
  it('uses optuna 5.0.0', () => {
    expect(ref.optuna).toBe('5.0.0');
  });

  CASES.forEach((c, i) => {
    it(`${c.name}: mixture weights, mus, sigmas / choice probabilities agree to 1e-12`, () => {
      const distinct = (['below', 'above'] as const).every((side) => Object.values(c[side]).every((v) => new Set(v).size === v.length));
      for (const reference of distinct ? [ref.cases[i]!, ref.unpinned[i]!] : [ref.cases[i]!]) {
        for (const side of ['below', 'above'] as const) {
          const ours = buildParzenEstimator(f64(c[side]), c.space, PARAMS);
          const theirs = reference[side];
          expectClose(ours.weights, theirs.weights, TOL, `${side} weights`);
          expect(ours.kernels.map((k) => k.kind)).toEqual(theirs.kernels.map((k) => k.kind));
          ours.kernels.forEach((k, d) => {
            const t = theirs.kernels[d]!;
            if (k.kind === 'numerical') {
              expectClose(k.mus, t.mus!, TOL, `${side} mus`);
              expectClose(k.sigmas, t.sigmas!, TOL, `${side} sigmas`);
            } else {
              expectClose(k.probabilities, t.probabilities!, TOL, `${side} probabilities`);
            }
          });
        }
      }
    });

    it(`${c.name}: with up to 25 observations (equal weights) tie order does not matter: same mixture as unpinned optuna`, () => {
      const side = 'below';
      const ours = buildParzenEstimator(f64(c[side]), c.space, PARAMS);
      const theirs = ref.unpinned[i]![side];
      const ourRows = rows(ours.weights, ours.kernels), theirRows = rows(theirs.weights, theirs.kernels);
      ourRows.forEach((r, k) => expectClose(r, theirRows[k]!, TOL, `${side} kernel ${k}`));
      expectClose(logPdfParzen(ours, Object.keys(c.space).map((name) => Float64Array.from(c.points[name]!))), ref.unpinned[i]!.below_logpdf, 1e-10, 'below log_pdf');
    });

    it(`${c.name}: log densities agree to 1e-10`, () => {
      for (const side of ['below', 'above'] as const) {
        const pe = buildParzenEstimator(f64(c[side]), c.space, PARAMS);
        const points = Object.keys(c.space).map((name) => Float64Array.from(c.points[name]!));
        expectClose(logPdfParzen(pe, points), ref.cases[i]![`${side}_logpdf`], 1e-10, `${side} log_pdf`);
      }
    });
  });

  it('draws only legal values, and sampling is reproducible under a seed', () => {
    const c = CASES.find((x) => x.name === 'x+opt (joint)')!;
    const pe: ParzenEstimator = buildParzenEstimator(f64(c.below), c.space, PARAMS);
    const a = sampleParzen(pe, createRng(3), 500), b = sampleParzen(pe, createRng(3), 500);
    expect(a).toEqual(b);
    expect(a[0]!.every((v) => Number.isInteger(v) && v >= 0 && v < 4)).toBe(true);
    expect(a[1]!.every((v) => v >= -5 && v <= 10)).toBe(true);
    for (const name of ['q', 'units', 'layers']) {
      const cn = CASES.find((x) => x.name === name)!;
      const d = cn.space[name]! as Exclude<Distribution, { kind: 'categorical' }>;
      const [s] = sampleParzen(buildParzenEstimator(f64(cn.below), cn.space, PARAMS), createRng(5), 300);
      for (const v of s!) {
        const k = (v - d.low) / d.step!;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
        expect(v).toBeGreaterThanOrEqual(d.low);
        expect(v).toBeLessThanOrEqual(d.high);
      }
    }
  });
});

describe('TPE defaults vs optuna', () => {
  it('defaultGamma equals optuna default_gamma for n = 0..300', () => {
    expect(Array.from({ length: 301 }, (_, n) => defaultGamma(n))).toEqual(ref.gamma);
  });

  it('defaultWeights equals optuna default_weights', () => {
    for (const n of WEIGHT_NS) expectClose(defaultWeights(n), ref.weights[String(n)]!, 1e-15, `weights(${n})`);
  });
});

describe('erf and truncated-normal helpers vs optuna _truncnorm', () => {
  it('erf and erfc match math.erf / math.erfc to 1e-15 relative', () => {
    Z.forEach((z, i) => {
      expect(Math.abs(erf(z) - ref.erf[i]!), `erf(${z})`).toBeLessThanOrEqual(1e-15 * Math.max(Math.abs(ref.erf[i]!), 1e-300));
      expect(Math.abs(erfc(z) - ref.erfc[i]!), `erfc(${z})`).toBeLessThanOrEqual(2e-15 * Math.max(ref.erfc[i]!, 1e-300));
    });
  });

  it('log Gaussian masses, quantiles and log densities agree', () => {
    expectClose(AB.map(([a, b]) => logGaussMass(a!, b!)), ref.log_gauss_mass, 1e-12, 'log_gauss_mass');
    const ppf = QAB.map(([q, a, b]) => truncnormPpf(q!, a!, b!));
    // Optuna stops Newton at rtol 1e-8; ours iterates to 1e-14, so compare to SciPy tightly.
    expectClose(ppf, ref.ppf, 1e-7, 'ppf vs optuna');
    expectClose(ppf, ref.ppf_scipy, 1e-10, 'ppf vs scipy');
    expectClose(LP.map(([x, a, b, loc, scale]) => truncnormLogPdf(x!, a!, b!, loc!, scale!)), ref.logpdf, 1e-12, 'logpdf');
  });
});
