// Error distributions, standardised to unit variance, as arch's Normal, StudentsT and SkewStudent
// (Hansen 1994): log-likelihood with its derivatives in sigma2, e and the shape parameters, the
// moment-based starting values and bounds arch uses, and a draw from an Rng.
import type { Rng } from '../../util/random';
import { digamma, drawStudentT, logGamma } from './special';
import { boxTransform } from './transform';
import type { Distribution } from './types';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Products are renormalised through one Math.log whenever they leave [PROD_LO, PROD_HI], so a sum of
 * n logs costs n multiplications and a handful of logs (relative error ~n eps, about 1e-12 here).
 */
export const PROD_HI = 1e150, PROD_LO = 1e-150;

/** sum_t log(x[t]) through renormalised products. */
export function sumLog(x: Float64Array): number {
  let acc = 0, prod = 1;
  for (let t = 0; t < x.length; t++) {
    prod *= x[t];
    if (!(prod < PROD_HI && prod > PROD_LO)) { acc += Math.log(prod); prod = 1; }
  }
  return acc + Math.log(prod);
}

/** Kurtosis (not excess), population moments as scipy.stats.kurtosis(fisher=False). */
function kurtosis(x: Float64Array): number {
  let mean = 0;
  for (let t = 0; t < x.length; t++) mean += x[t];
  mean /= x.length;
  let m2 = 0, m4 = 0;
  for (let t = 0; t < x.length; t++) { const d = (x[t] - mean) ** 2; m2 += d; m4 += d * d; }
  m2 /= x.length; m4 /= x.length;
  return m4 / (m2 * m2);
}

/** arch's starting value for nu / eta: max((4k - 6)/(k - 3) if k > 3.75 else 12, 4). */
function tailStart(stdResids: Float64Array): number {
  const k = kurtosis(stdResids);
  return Math.max(k > 3.75 ? (4 * k - 6) / (k - 3) : 12, 4);
}

// The fast paths below are module-level functions, not methods of the per-model closures, so their
// type feedback and optimised code are shared by every fit (a fresh closure starts cold each fit).

/** Normal log-likelihood with dS, dE; the logs of sigma2 through renormalised products. */
function normalFast(e: Float64Array, s: Float64Array, dS: Float64Array | undefined, dE: Float64Array | undefined): number {
  let quad = 0, logAcc = 0, prod = 1;
  const n = e.length;
  for (let t = 0; t < n; t++) {
    const st = s[t], inv = 1 / st, et = e[t], e2 = et * et * inv;
    quad += e2;
    prod *= st;
    if (!(prod < PROD_HI && prod > PROD_LO)) { logAcc += Math.log(prod); prod = 1; }
    if (dS) { dS[t] = -0.5 * inv * (1 - e2); dE![t] = -et * inv; }
  }
  return -0.5 * (n * LOG_2PI + logAcc + Math.log(prod) + quad);
}

/** Student-t log-likelihood with dS, dE and the summed nu score; logs through renormalised products. */
function studentTFast(
  e: Float64Array, s: Float64Array, dS: Float64Array | undefined, dE: Float64Array | undefined, shapeSum: Float64Array | undefined,
  nm2: number, c: number, dc: number, h: number,
): number {
  const n = e.length, inm2 = 1 / nm2;
  let logS = 0, prodS = 1, logQ = 0, prodQ = 1, rq = 0;
  for (let t = 0; t < n; t++) {
    const st = s[t], ist = 1 / st, et = e[t], q = et * et * ist * inm2, q1 = 1 + q;
    prodS *= st;
    if (!(prodS < PROD_HI && prodS > PROD_LO)) { logS += Math.log(prodS); prodS = 1; }
    prodQ *= q1;
    if (prodQ > PROD_HI || !(prodQ >= 1)) { logQ += Math.log(prodQ); prodQ = 1; }
    const r = h / q1;
    rq += q / q1;
    if (dS) {
      dS[t] = (-0.5 + r * q) * ist;
      dE![t] = -2 * r * et * ist * inm2;
    }
  }
  logS += Math.log(prodS); logQ += Math.log(prodQ);
  if (shapeSum) shapeSum[0] = n * dc - 0.5 * logQ + (h * inm2) * rq;
  return n * c - 0.5 * logS - h * logQ;
}

export function normal(): Distribution {
  return {
    spec: { type: 'normal' },
    name: 'Normal',
    paramNames: [],
    bounds: () => [],
    startingValues: () => new Float64Array(0),
    infeasibility: () => '',
    transform: (b) => boxTransform(b),
    logLikelihood(_shape, e, s, dS, dE, _dShape, lls) {
      if (!lls) return normalFast(e, s, dS, dE);
      let acc = 0;
      for (let t = 0; t < e.length; t++) {
        const inv = 1 / s[t], e2 = e[t] * e[t] * inv;
        const l = -0.5 * (LOG_2PI + Math.log(s[t]) + e2);
        acc += l;
        if (lls) lls[t] = l;
        if (dS) { dS[t] = -0.5 * inv * (1 - e2); dE![t] = -e[t] * inv; }
      }
      return acc;
    },
    draw: (_shape, rng) => rng.normal(),
  };
}

export const STUDENT_T_NU_BOUNDS: [number, number] = [2.05, 500];

/** Standardised Student's t with nu > 2 degrees of freedom (arch's StudentsT). */
export function studentT(): Distribution {
  return {
    spec: { type: 'studentT' },
    name: "Standardized Student's t",
    paramNames: ['nu'],
    bounds: () => [STUDENT_T_NU_BOUNDS],
    startingValues: (z) => Float64Array.of(tailStart(z)),
    infeasibility: (th) => (th[0] > STUDENT_T_NU_BOUNDS[0] && th[0] < STUDENT_T_NU_BOUNDS[1] ? '' : `nu must lie in (${STUDENT_T_NU_BOUNDS.join(', ')})`),
    transform: (b) => boxTransform(b),
    logLikelihood(shape, e, s, dS, dE, dShape, lls, shapeSum) {
      const nu = shape[0], nm2 = nu - 2;
      const c = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(Math.PI * nm2);
      const dc = 0.5 * digamma((nu + 1) / 2) - 0.5 * digamma(nu / 2) - 0.5 / nm2;
      const h = (nu + 1) / 2;
      if (!lls && !dShape) return studentTFast(e, s, dS, dE, shapeSum, nm2, c, dc, h);
      let acc = 0;
      for (let t = 0; t < e.length; t++) {
        const st = s[t], q = (e[t] * e[t]) / (st * nm2), lq = Math.log1p(q);
        const l = c - 0.5 * Math.log(st) - h * lq;
        acc += l;
        if (lls) lls[t] = l;
        if (dS) {
          const r = h / (1 + q);
          dS[t] = -0.5 / st + (r * q) / st;
          dE![t] = (-2 * r * e[t]) / (st * nm2);
        }
        if (dShape) dShape[t] = dc - 0.5 * lq + (h * q) / (nm2 * (1 + q));
      }
      return acc;
    },
    draw: (shape, rng) => drawStudentT(shape[0], rng) / Math.sqrt(shape[0] / (shape[0] - 2)),
  };
}

export const SKEW_T_ETA_BOUNDS: [number, number] = [2.05, 300];
export const SKEW_T_LAMBDA_BOUNDS: [number, number] = [-1, 1];

/** Hansen's skewed t constants: log c, a, b and their derivatives in (eta, lambda). */
function skewConstants(eta: number, lam: number) {
  const logC = logGamma((eta + 1) / 2) - logGamma(eta / 2) - 0.5 * Math.log(Math.PI * (eta - 2));
  const C = Math.exp(logC);
  const dLogC = 0.5 * digamma((eta + 1) / 2) - 0.5 * digamma(eta / 2) - 0.5 / (eta - 2);
  const ratio = (eta - 2) / (eta - 1);
  const a = 4 * lam * C * ratio;
  const b = Math.sqrt(1 + 3 * lam * lam - a * a);
  const daEta = 4 * lam * (C * dLogC * ratio + C / ((eta - 1) * (eta - 1)));
  const daLam = 4 * C * ratio;
  const dbEta = (-a * daEta) / b, dbLam = (3 * lam - a * daLam) / b;
  return { logC, dLogC, a, b, daEta, daLam, dbEta, dbLam };
}

/** Hansen's (1994) skewed Student's t with eta > 2 and -1 < lambda < 1 (arch's SkewStudent). */
export function skewT(): Distribution {
  return {
    spec: { type: 'skewT' },
    name: "Standardized Skew Student's t",
    paramNames: ['eta', 'lambda'],
    bounds: () => [SKEW_T_ETA_BOUNDS, SKEW_T_LAMBDA_BOUNDS],
    startingValues: (z) => Float64Array.of(tailStart(z), 0),
    infeasibility(th) {
      if (!(th[0] > SKEW_T_ETA_BOUNDS[0] && th[0] < SKEW_T_ETA_BOUNDS[1])) return `eta must lie in (${SKEW_T_ETA_BOUNDS.join(', ')})`;
      if (!(th[1] > -1 && th[1] < 1)) return 'lambda must lie in (-1, 1)';
      return '';
    },
    transform: (b) => boxTransform(b),
    logLikelihood(shape, e, s, dS, dE, dShape, lls, shapeSum) {
      const eta = shape[0], lam = shape[1], em2 = eta - 2, h = (eta + 1) / 2;
      const k = skewConstants(eta, lam);
      const { a, b } = k;
      const base = Math.log(b) + k.logC;
      let acc = 0, sumEta = 0, sumLam = 0;
      for (let t = 0; t < e.length; t++) {
        const sd = Math.sqrt(s[t]), z = e[t] / sd;
        const x = z + a / b, sg = x > 0 ? 1 : x < 0 ? -1 : 0;
        const den = 1 + sg * lam;
        const u = (b * z + a) / den, w = (u * u) / em2, lw = Math.log1p(w);
        const l = base - 0.5 * Math.log(s[t]) - h * lw;
        acc += l;
        if (lls) lls[t] = l;
        const dU = (-(eta + 1) * u) / (em2 + u * u); // d l / d u
        if (dS) {
          const dZ = (dU * b) / den;
          dE![t] = dZ / sd;
          dS[t] = -0.5 / s[t] - (0.5 * dZ * z) / s[t];
        }
        if (dShape || shapeSum) {
          const duEta = (z * k.dbEta + k.daEta) / den;
          const duLam = (z * k.dbLam + k.daLam) / den - (u * sg) / den;
          const gEta = k.dbEta / b + k.dLogC + dU * duEta - 0.5 * lw + (h * w) / (em2 * (1 + w));
          const gLam = k.dbLam / b + dU * duLam;
          if (dShape) { dShape[2 * t] = gEta; dShape[2 * t + 1] = gLam; }
          sumEta += gEta; sumLam += gLam;
        }
      }
      if (shapeSum) { shapeSum[0] = sumEta; shapeSum[1] = sumLam; }
      return acc;
    },
    draw(shape, rng) {
      // Same law as arch's inverse-cdf sampler: the negative half of a t scaled by (1 - lambda)
      // with probability (1 - lambda)/2, else the positive half scaled by (1 + lambda).
      const eta = shape[0], lam = shape[1];
      const { a, b } = skewConstants(eta, lam);
      const half = Math.abs(drawStudentT(eta, rng));
      const x = rng.uniform() < (1 - lam) / 2 ? -half * (1 - lam) : half * (1 + lam);
      return (x * Math.sqrt(1 - 2 / eta) - a) / b;
    },
  };
}

/** Draws n standardised innovations. */
export function drawMany(dist: Distribution, shape: Float64Array, rng: Rng, n: number): Float64Array {
  const z = new Float64Array(n);
  for (let t = 0; t < n; t++) z[t] = dist.draw(shape, rng);
  return z;
}
