// GARCH(p, o, q) with power 2 (arch's GARCH; o > 0 is GJR-GARCH):
//   sigma2[t] = omega + sum_i alpha_i e[t-i]^2 + sum_j gamma_j e[t-j]^2 I(e[t-j] < 0) + sum_k beta_k sigma2[t-k]
// Pre-sample e^2 and sigma2 are the backcast (0.5 * backcast for the asymmetric term), every sigma2
// is kept inside arch's variance bounds, exactly as arch's garch_recursion.
import type { VarianceBounds } from '../volatility';
import { ewmaBackcast } from '../volatility';
import { boundVariance, boundSlope } from './variance-bounds';
import { gaussianLogLikelihood, orderNames, parseOrders, type OrderOptions } from './orders';
import { boxFromFree, boxToFree, simplexFromFree, simplexToFree } from './transform';
import type { ParamTransform, VolatilityProcess } from './types';

export type GarchOptions = OrderOptions;

const GRID_ALPHA = [0.01, 0.05, 0.1, 0.2];
const GRID_GAMMA = [0.01, 0.05, 0.1, 0.2];
const GRID_PERSISTENCE = [0.5, 0.7, 0.9, 0.98];

/** GARCH(p, o, q); defaults p = 1, o = 0, q = 1. */
export function garch(options: GarchOptions = {}): VolatilityProcess {
  const { p, o, q } = parseOrders('garch', options);
  const kv = 1 + p + o + q, m = Math.max(p, o, q);
  const paramNames = orderNames(p, o, q);
  const name = q === 0 && o === 0 ? 'ARCH' : o === 0 ? 'GARCH' : 'GJR-GARCH';

  const variance = (theta: Float64Array, e: Float64Array, backcast: number, vb: VarianceBounds | undefined, sigma2: Float64Array) => {
    const n = e.length;
    if (p === 1 && o <= 1 && q === 1 && vb) { variance111(theta, o, e, backcast, vb, sigma2); return; }
    for (let t = 0; t < n; t++) {
      let s = theta[0];
      for (let j = 0; j < p; j++) { const r = t - 1 - j; s += theta[1 + j] * (r < 0 ? backcast : e[r] * e[r]); }
      for (let j = 0; j < o; j++) { const r = t - 1 - j; s += theta[1 + p + j] * (r < 0 ? 0.5 * backcast : e[r] < 0 ? e[r] * e[r] : 0); }
      for (let j = 0; j < q; j++) { const r = t - 1 - j; s += theta[1 + p + o + j] * (r < 0 ? backcast : sigma2[r]); }
      sigma2[t] = vb ? boundVariance(s, vb.lower[t], vb.upper[t]) : s;
    }
  };

  const persistence = (theta: Float64Array) => {
    let s = 0;
    for (let j = 0; j < p; j++) s += theta[1 + j];
    for (let j = 0; j < o; j++) s += 0.5 * theta[1 + p + j];
    for (let j = 0; j < q; j++) s += theta[1 + p + o + j];
    return s;
  };

  // Non-negative weights x = [alpha_1..p, h_1..o, beta_1..q], h_j = gamma_j + alpha_j (j < p) or
  // gamma_j, with persistence = sum c.x: the constraints of arch's GARCH.constraints().
  const c = new Float64Array(p + o + q);
  for (let j = 0; j < p; j++) c[j] = j < o ? 0.5 : 1;
  for (let j = 0; j < o; j++) c[p + j] = 0.5;
  for (let j = 0; j < q; j++) c[p + o + j] = 1;
  const w = p + o + q;

  const transform = (bounds: Array<[number, number]>): ParamTransform => {
    const x = new Float64Array(w), ux = new Float64Array(w), dx = new Float64Array(w * w);
    return {
      toFree(theta, u) {
        u[0] = boxToFree(theta[0], bounds[0][0], bounds[0][1]);
        for (let j = 0; j < p; j++) x[j] = theta[1 + j];
        for (let j = 0; j < o; j++) x[p + j] = theta[1 + p + j] + (j < p ? theta[1 + j] : 0);
        for (let j = 0; j < q; j++) x[p + o + j] = theta[1 + p + o + j];
        simplexToFree(x, c, ux);
        u.set(ux, 1);
      },
      fromFree(u, theta, jac) {
        jac.fill(0);
        const [om, dom] = boxFromFree(u[0], bounds[0][0], bounds[0][1]);
        theta[0] = om; jac[0] = dom;
        simplexFromFree(u.subarray(1), c, x, dx);
        for (let i = 0; i < w; i++) {
          // theta index 1 + i equals x_i, except gamma_j = h_j - alpha_j for j < p.
          const isGamma = i >= p && i < p + o && i - p < p;
          theta[1 + i] = isGamma ? x[i] - x[i - p] : x[i];
          for (let jj = 0; jj < w; jj++) {
            jac[(1 + i) * kv + 1 + jj] = isGamma ? dx[i * w + jj] - dx[(i - p) * w + jj] : dx[i * w + jj];
          }
        }
      },
    };
  };

  return {
    spec: { type: 'garch', p, o, q },
    name,
    paramNames,
    maxLag: m,
    backcast: (resids) => ewmaBackcast(resids),
    startingValues(resids, backcast, vb) {
      const n = resids.length;
      let target = 0;
      for (let t = 0; t < n; t++) target += resids[t] * resids[t];
      target /= n;
      const sigma2 = new Float64Array(n);
      let best = new Float64Array(kv), bestLlf = -Infinity;
      for (const alpha of GRID_ALPHA) {
        // With o = 0 arch's grid repeats each point once per gamma; np.argmax keeps the first.
        for (const gamma of o > 0 ? GRID_GAMMA : GRID_GAMMA.slice(0, 1)) {
          for (const agb0 of GRID_PERSISTENCE) {
            let agb = agb0;
            const sv = new Float64Array(kv).fill((1 - agb) * target);
            if (p > 0) { for (let j = 0; j < p; j++) sv[1 + j] = alpha / p; agb -= alpha; }
            if (o > 0) { for (let j = 0; j < o; j++) sv[1 + p + j] = gamma / o; agb -= gamma / 2; }
            if (q > 0) for (let j = 0; j < q; j++) sv[1 + p + o + j] = agb / q;
            let llf: number;
            if (p === 1 && o <= 1 && q === 1 && vb) llf = gridLogLikelihood111(sv, o, resids, backcast, vb);
            else { variance(sv, resids, backcast, vb, sigma2); llf = gaussianLogLikelihood(resids, sigma2); }
            if (llf > bestLlf) { bestLlf = llf; best = sv; }
          }
        }
      }
      return best;
    },
    bounds(resids) {
      let v = 0;
      for (let t = 0; t < resids.length; t++) v += resids[t] * resids[t];
      v /= resids.length;
      return [
        [1e-8 * v, 10 * v],
        ...Array.from({ length: p }, (): [number, number] => [0, 1]),
        ...Array.from({ length: o }, (_, j): [number, number] => (j < p ? [-1, 2] : [0, 2])),
        ...Array.from({ length: q }, (): [number, number] => [0, 1]),
      ];
    },
    infeasibility(theta, bounds) {
      if (!(theta[0] > bounds[0][0] && theta[0] < bounds[0][1])) return `omega must lie in (${bounds[0][0]}, ${bounds[0][1]})`;
      for (let j = 0; j < p; j++) if (!(theta[1 + j] >= 0)) return `${paramNames[1 + j]} must be >= 0`;
      for (let j = 0; j < o; j++) {
        const floor = j < p ? -theta[1 + j] : 0;
        if (!(theta[1 + p + j] >= floor)) return `${paramNames[1 + p + j]}${j < p ? ` + alpha[${j + 1}]` : ''} must be >= 0`;
      }
      for (let j = 0; j < q; j++) if (!(theta[1 + p + o + j] >= 0)) return `${paramNames[1 + p + o + j]} must be >= 0`;
      if (!(persistence(theta) < 1)) return 'sum(alpha) + sum(gamma)/2 + sum(beta) must be < 1 (covariance stationarity)';
      return '';
    },
    transform,
    variance,
    varianceJacobian(theta, e, dR, km, backcast, vb, sigma2, jac) {
      const n = e.length, K = kv + km;
      if (p === 1 && o <= 1 && q === 1) { jacobian111(theta, o, e, dR, km, backcast, vb, sigma2, jac); return; }
      for (let t = 0; t < n; t++) {
        const row = t * K;
        let s = theta[0];
        jac[row] = 1;
        for (let j = 0; j < p; j++) {
          const r = t - 1 - j, a = theta[1 + j];
          const v = r < 0 ? backcast : e[r] * e[r];
          s += a * v; jac[row + 1 + j] = v;
        }
        for (let j = 0; j < o; j++) {
          const r = t - 1 - j;
          const v = r < 0 ? 0.5 * backcast : e[r] < 0 ? e[r] * e[r] : 0;
          s += theta[1 + p + j] * v; jac[row + 1 + p + j] = v;
        }
        for (let j = 0; j < q; j++) {
          const r = t - 1 - j;
          const v = r < 0 ? backcast : sigma2[r];
          s += theta[1 + p + o + j] * v; jac[row + 1 + p + o + j] = v;
        }
        for (let k = 0; k < km; k++) {
          let d = 0;
          for (let j = 0; j < p; j++) { const r = t - 1 - j; if (r >= 0) d += 2 * theta[1 + j] * e[r] * dR[r * km + k]; }
          for (let j = 0; j < o; j++) { const r = t - 1 - j; if (r >= 0 && e[r] < 0) d += 2 * theta[1 + p + j] * e[r] * dR[r * km + k]; }
          jac[row + kv + k] = d;
        }
        for (let j = 0; j < q; j++) {
          const r = t - 1 - j;
          if (r < 0) continue;
          const b = theta[1 + p + o + j], prev = r * K;
          for (let c2 = 0; c2 < K; c2++) jac[row + c2] += b * jac[prev + c2];
        }
        const lo = vb.lower[t], hi = vb.upper[t];
        sigma2[t] = boundVariance(s, lo, hi);
        const slope = boundSlope(s, lo, hi);
        if (slope !== 1) for (let c2 = 0; c2 < K; c2++) jac[row + c2] *= slope;
      }
    },
    varianceGradient(theta, e, dR, km, backcast, vb, sigma2, dS, grad) {
      if (!(p === 1 && o <= 1 && q === 1)) return false;
      gradient111(theta, o, e, dR, km, backcast, vb, sigma2, dS, grad);
      return true;
    },
    simulate(theta, z, e, sigma2) {
      const pers = persistence(theta);
      const initial = pers < 1 ? theta[0] / (1 - pers) : theta[0];
      const total = z.length;
      for (let t = 0; t < total; t++) {
        let s = initial;
        if (t >= m) {
          s = theta[0];
          for (let j = 0; j < p; j++) s += theta[1 + j] * e[t - 1 - j] * e[t - 1 - j];
          for (let j = 0; j < o; j++) { const r = e[t - 1 - j]; if (r < 0) s += theta[1 + p + j] * r * r; }
          for (let j = 0; j < q; j++) s += theta[1 + p + o + j] * sigma2[t - 1 - j];
        }
        sigma2[t] = s;
        e[t] = Math.sqrt(s) * z[t];
      }
    },
    analyticForecast(theta, resids, sigma2, backcast, i, horizon, out) {
      // arch GARCH._analytic_forecast (power 2), one origin i.
      const ee = new Float64Array(m + horizon), aa = new Float64Array(m + horizon), ss = new Float64Array(m + horizon);
      for (let k = 0; k < m; k++) {
        const src = i - m + 1 + k;
        if (src >= 0) {
          ee[k] = resids[src]; aa[k] = resids[src] < 0 ? resids[src] : 0; ss[k] = sigma2[src];
        } else {
          ee[k] = Math.sqrt(backcast); aa[k] = Math.sqrt(0.5 * backcast); ss[k] = backcast;
        }
      }
      for (let h = 0; h < horizon; h++) {
        let f = theta[0];
        const at = h + m - 1;
        for (let j = 0; j < p; j++) f += theta[1 + j] * ee[at - j] * ee[at - j];
        for (let j = 0; j < o; j++) f += theta[1 + p + j] * aa[at - j] * aa[at - j];
        for (let j = 0; j < q; j++) f += theta[1 + p + o + j] * ss[at - j];
        out[h] = f;
        ee[h + m] = Math.sqrt(f); aa[h + m] = Math.sqrt(0.5 * f); ss[h + m] = f;
      }
      return true;
    },
    simulateForecast(theta, resids, sigma2, backcast, i, horizon, z, nPaths, paths, shocks) {
      // arch GARCH._simulation_forecast (power 2), one origin i.
      const L = m + horizon;
      const sp = new Float64Array(L), sh = new Float64Array(L), as = new Float64Array(L);
      for (let path = 0; path < nPaths; path++) {
        for (let k = 0; k < m; k++) {
          const src = i - m + 1 + k;
          if (src >= 0) {
            sp[k] = sigma2[src]; sh[k] = resids[src] * resids[src]; as[k] = resids[src] < 0 ? sh[k] : 0;
          } else {
            sp[k] = backcast; sh[k] = backcast; as[k] = 0.5 * backcast;
          }
        }
        for (let h = 0; h < horizon; h++) {
          const at = h + m - 1;
          let f = theta[0];
          for (let j = 0; j < p; j++) f += theta[1 + j] * sh[at - j];
          for (let j = 0; j < o; j++) f += theta[1 + p + j] * as[at - j];
          for (let j = 0; j < q; j++) f += theta[1 + p + o + j] * sp[at - j];
          sp[h + m] = f;
          const shock = z[path * horizon + h] * Math.sqrt(f);
          sh[h + m] = shock * shock; as[h + m] = shock < 0 ? shock * shock : 0;
          paths[path * horizon + h] = f; shocks[path * horizon + h] = shock;
        }
      }
    },
  };
}

/** GARCH(1,1) / GJR(1,1,1) fast path of `variance` (scalar state, no inner loops). */
function variance111(theta: Float64Array, o: number, e: Float64Array, backcast: number, vb: VarianceBounds, sigma2: Float64Array): void {
  // theta[2] is read unconditionally (it is beta when o = 0): a keyed access first reached only for
  // GJR would lack type feedback and deoptimise code optimised on GARCH fits.
  const theta2 = theta[2];
  const omega = theta[0], alpha = theta[1], gamma = o ? theta2 : 0, beta = theta[2 + o];
  const lower = vb.lower, upper = vb.upper;
  let prevSq = backcast, prevAsym = 0.5 * backcast, prevVar = backcast;
  for (let t = 0; t < e.length; t++) {
    let s = omega + alpha * prevSq + gamma * prevAsym + beta * prevVar;
    if (s < lower[t]) s = lower[t];
    else if (s > upper[t]) s = Number.isFinite(s) ? upper[t] + Math.log(s / upper[t]) : upper[t] + 1000;
    sigma2[t] = s;
    const r = e[t];
    prevSq = r * r; prevAsym = r < 0 ? prevSq : 0; prevVar = s;
  }
}

/** GARCH(1,1) / GJR(1,1,1) fast path of `varianceJacobian`. */
function jacobian111(
  theta: Float64Array, o: number, e: Float64Array, dR: Float64Array, km: number, backcast: number,
  vb: VarianceBounds, sigma2: Float64Array, jac: Float64Array,
): void {
  // theta[2] is read unconditionally (it is beta when o = 0): a keyed access first reached only for
  // GJR would lack type feedback and deoptimise code optimised on GARCH fits.
  const theta2 = theta[2];
  const omega = theta[0], alpha = theta[1], gamma = o ? theta2 : 0, beta = theta[2 + o];
  const kv = 3 + o, K = kv + km, lower = vb.lower, upper = vb.upper;
  let prevSq = backcast, prevAsym = 0.5 * backcast, prevVar = backcast, prevNeg = false, prevE = 0;
  for (let t = 0; t < e.length; t++) {
    const row = t * K, prev = row - K;
    const raw = omega + alpha * prevSq + gamma * prevAsym + beta * prevVar;
    if (t === 0) {
      jac[row] = 1; jac[row + 1] = prevSq;
      if (o) jac[row + 2] = prevAsym;
      jac[row + 2 + o] = prevVar;
      for (let k = 0; k < km; k++) jac[row + kv + k] = 0;
    } else {
      jac[row] = 1 + beta * jac[prev];
      jac[row + 1] = prevSq + beta * jac[prev + 1];
      if (o) jac[row + 2] = prevAsym + beta * jac[prev + 2];
      jac[row + 2 + o] = prevVar + beta * jac[prev + 2 + o];
      const w = 2 * prevE * (alpha + (prevNeg ? gamma : 0)), dRow = (t - 1) * km;
      for (let k = 0; k < km; k++) jac[row + kv + k] = w * dR[dRow + k] + beta * jac[prev + kv + k];
    }
    let s = raw;
    if (raw < lower[t]) {
      s = lower[t];
      for (let c = 0; c < K; c++) jac[row + c] = 0;
    } else if (raw > upper[t]) {
      s = Number.isFinite(raw) ? upper[t] + Math.log(raw / upper[t]) : upper[t] + 1000;
      const slope = 1 / raw;
      for (let c = 0; c < K; c++) jac[row + c] *= slope;
    }
    sigma2[t] = s;
    const r = e[t];
    prevE = r; prevSq = r * r; prevNeg = r < 0; prevAsym = prevNeg ? prevSq : 0; prevVar = s;
  }
}

/**
 * GARCH(1,1) / GJR(1,1,1) adjoint of `jacobian111`: with u[t] the unbounded derivative row and
 * J[t] = slope[t] u[t], u[t] = base[t] + beta J[t-1], the gradient sum_t dS[t] J[t] equals
 * sum_t a[t] base[t] with a[t] = slope[t] (dS[t] + beta a[t+1]), run backwards in one pass.
 */
function gradient111(
  theta: Float64Array, o: number, e: Float64Array, dR: Float64Array, km: number, backcast: number,
  vb: VarianceBounds, sigma2: Float64Array, dS: Float64Array, grad: Float64Array,
): void {
  // theta[2] is read unconditionally (it is beta when o = 0): a keyed access first reached only for
  // GJR would lack type feedback and deoptimise code optimised on GARCH fits.
  const theta2 = theta[2];
  const omega = theta[0], alpha = theta[1], gamma = o ? theta2 : 0, beta = theta[2 + o];
  const kv = 3 + o, lower = vb.lower, upper = vb.upper;
  let gO = 0, gA = 0, gG = 0, gB = 0, a = 0;
  for (let k = 0; k < km; k++) grad[kv + k] = 0;
  for (let t = e.length - 1; t >= 0; t--) {
    let prevSq = backcast, prevAsym = 0.5 * backcast, prevVar = backcast, w = 0;
    if (t > 0) {
      const r = e[t - 1];
      prevSq = r * r; prevAsym = r < 0 ? prevSq : 0; prevVar = sigma2[t - 1];
      w = 2 * r * (alpha + (r < 0 ? gamma : 0));
    }
    const raw = omega + alpha * prevSq + gamma * prevAsym + beta * prevVar;
    const slope = raw < lower[t] ? 0 : raw > upper[t] ? 1 / raw : 1;
    a = slope * (dS[t] + beta * a);
    gO += a; gA += a * prevSq; gG += a * prevAsym; gB += a * prevVar;
    if (w !== 0) { const aw = a * w, dRow = (t - 1) * km; for (let k = 0; k < km; k++) grad[kv + k] += aw * dR[dRow + k]; }
  }
  grad[0] = gO; grad[1] = gA; grad[2] = o ? gG : gB; grad[2 + o] = gB;
}

/**
 * gaussianLogLikelihood(e, variance111(theta)) in one pass without storing sigma2 (the starting-value
 * grid); the logs through renormalised products, as gaussianLogLikelihood.
 */
function gridLogLikelihood111(theta: Float64Array, o: number, e: Float64Array, backcast: number, vb: VarianceBounds): number {
  const theta2 = theta[2];
  const omega = theta[0], alpha = theta[1], gamma = o ? theta2 : 0, beta = theta[2 + o];
  const lower = vb.lower, upper = vb.upper, n = e.length;
  let prevSq = backcast, prevAsym = 0.5 * backcast, prevVar = backcast;
  let quad = 0, logAcc = 0, prod = 1;
  for (let t = 0; t < n; t++) {
    let s = omega + alpha * prevSq + gamma * prevAsym + beta * prevVar;
    if (s < lower[t]) s = lower[t];
    else if (s > upper[t]) s = Number.isFinite(s) ? upper[t] + Math.log(s / upper[t]) : upper[t] + 1000;
    const r = e[t];
    prevSq = r * r; prevAsym = r < 0 ? prevSq : 0; prevVar = s;
    quad += prevSq / s;
    prod *= s;
    if (!(prod < 1e150 && prod > 1e-150)) { logAcc += Math.log(prod); prod = 1; }
  }
  return -0.5 * (n * Math.log(2 * Math.PI) + logAcc + Math.log(prod) + quad);
}
