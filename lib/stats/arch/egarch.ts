// EGARCH(p, o, q) as arch's EGARCH, on log variances with z = e / sigma:
//   ln sigma2[t] = omega + sum_i alpha_i (|z[t-i]| - sqrt(2/pi)) + sum_j gamma_j z[t-j] + sum_k beta_k ln sigma2[t-k]
// Pre-sample z terms are zero and pre-sample ln sigma2 is the log backcast, as egarch_recursion.
import type { VarianceBounds } from '../volatility';
import { ewmaBackcast } from '../volatility';
import { gaussianLogLikelihood, orderNames, parseOrders, type OrderOptions } from './orders';
import { boxFromFree, boxToFree, simplexFromFree, simplexToFree } from './transform';
import type { ParamTransform, VolatilityProcess } from './types';

export type EgarchOptions = OrderOptions;

const SQRT2_OV_PI = Math.sqrt(2 / Math.PI);
/** arch's LNSIGMA_MAX: log(max double) - 0.1. */
const LNSIGMA_MAX = Math.log(Number.MAX_VALUE) - 0.1;
const GRID_ALPHA = [0.01, 0.05, 0.1, 0.2];
const GRID_GAMMA = [-0.1, 0.0, 0.1];
const GRID_BETA = [0.5, 0.7, 0.9, 0.98];

/** EGARCH(p, o, q); defaults p = 1, o = 0, q = 1. */
export function egarch(options: EgarchOptions = {}): VolatilityProcess {
  const { p, o, q } = parseOrders('egarch', options);
  const kv = 1 + p + o + q, m = Math.max(p, o, q);
  const paramNames = orderNames(p, o, q);
  let lnS = new Float64Array(0), zs = new Float64Array(0), dl = new Float64Array(0), dz = new Float64Array(0);

  const variance = (theta: Float64Array, e: Float64Array, backcast: number, vb: VarianceBounds | undefined, sigma2: Float64Array) => {
    const n = e.length;
    if (lnS.length !== n) { lnS = new Float64Array(n); zs = new Float64Array(n); }
    for (let t = 0; t < n; t++) {
      let l = theta[0];
      for (let j = 0; j < p; j++) { const r = t - 1 - j; if (r >= 0) l += theta[1 + j] * (Math.abs(zs[r]) - SQRT2_OV_PI); }
      for (let j = 0; j < o; j++) { const r = t - 1 - j; if (r >= 0) l += theta[1 + p + j] * zs[r]; }
      for (let j = 0; j < q; j++) { const r = t - 1 - j; l += theta[1 + p + o + j] * (r < 0 ? backcast : lnS[r]); }
      l = Math.min(l, LNSIGMA_MAX);
      let s = Math.exp(l);
      if (vb) {
        if (s < vb.lower[t]) { s = vb.lower[t]; l = Math.log(s); }
        else if (s > vb.upper[t]) { s = vb.upper[t] + l - Math.log(vb.upper[t]); l = Math.log(s); }
      }
      lnS[t] = l; sigma2[t] = s; zs[t] = e[t] / Math.sqrt(s);
    }
  };

  const cBeta = new Float64Array(q).fill(1);
  const transform = (bounds: Array<[number, number]>): ParamTransform => {
    const x = new Float64Array(q), ux = new Float64Array(q), dx = new Float64Array(q * q);
    return {
      toFree(theta, u) {
        u[0] = boxToFree(theta[0], bounds[0][0], bounds[0][1]);
        for (let j = 1; j < 1 + p + o; j++) u[j] = theta[j];
        for (let j = 0; j < q; j++) x[j] = theta[1 + p + o + j];
        if (q > 0) { simplexToFree(x, cBeta, ux); u.set(ux, 1 + p + o); }
      },
      fromFree(u, theta, jac) {
        jac.fill(0);
        const [om, dom] = boxFromFree(u[0], bounds[0][0], bounds[0][1]);
        theta[0] = om; jac[0] = dom;
        for (let j = 1; j < 1 + p + o; j++) { theta[j] = u[j]; jac[j * kv + j] = 1; }
        if (q > 0) {
          simplexFromFree(u.subarray(1 + p + o), cBeta, x, dx);
          for (let i = 0; i < q; i++) {
            theta[1 + p + o + i] = x[i];
            for (let j = 0; j < q; j++) jac[(1 + p + o + i) * kv + 1 + p + o + j] = dx[i * q + j];
          }
        }
      },
    };
  };

  const oneStep = (theta: Float64Array, lnHist: (k: number) => number, zHist: (k: number) => number, hasHist: (k: number) => boolean) => {
    let l = theta[0];
    for (let j = 0; j < p; j++) if (hasHist(j)) l += theta[1 + j] * (Math.abs(zHist(j)) - SQRT2_OV_PI);
    for (let j = 0; j < o; j++) if (hasHist(j)) l += theta[1 + p + j] * zHist(j);
    for (let j = 0; j < q; j++) l += theta[1 + p + o + j] * lnHist(j);
    return l;
  };

  return {
    spec: { type: 'egarch', p, o, q },
    name: q > 0 ? 'EGARCH' : 'EARCH',
    paramNames,
    maxLag: m,
    backcast: (resids) => Math.log(ewmaBackcast(resids)),
    startingValues(resids, backcast, vb) {
      const n = resids.length;
      let target = 0;
      for (let t = 0; t < n; t++) target += resids[t] * resids[t];
      target = Math.log(target / n);
      const sigma2 = new Float64Array(n);
      let best = new Float64Array(kv), bestLlf = -Infinity;
      for (const alpha of GRID_ALPHA) {
        for (const gamma of GRID_GAMMA) {
          for (const beta of GRID_BETA) {
            const sv = new Float64Array(kv).fill((1 - beta) * target);
            for (let j = 0; j < p; j++) sv[1 + j] = alpha / p;
            for (let j = 0; j < o; j++) sv[1 + p + j] = gamma / o;
            for (let j = 0; j < q; j++) sv[1 + p + o + j] = beta / q;
            variance(sv, resids, backcast, vb, sigma2);
            const llf = gaussianLogLikelihood(resids, sigma2);
            if (llf > bestLlf) { bestLlf = llf; best = sv; }
          }
        }
      }
      return best;
    },
    bounds(resids) {
      let v = 0;
      for (let t = 0; t < resids.length; t++) v += resids[t] * resids[t];
      const lnv = Math.log(v / resids.length), lc = Math.log(10000);
      return [
        [lnv - lc, lnv + lc],
        ...Array.from({ length: p + o }, (): [number, number] => [-Infinity, Infinity]),
        ...Array.from({ length: q }, (): [number, number] => [0, q]),
      ];
    },
    infeasibility(theta, bounds) {
      if (!(theta[0] > bounds[0][0] && theta[0] < bounds[0][1])) return `omega must lie in (${bounds[0][0]}, ${bounds[0][1]})`;
      for (let j = 1; j < 1 + p + o; j++) if (!Number.isFinite(theta[j])) return `${paramNames[j]} must be finite`;
      let sum = 0;
      for (let j = 0; j < q; j++) {
        if (!(theta[1 + p + o + j] >= 0)) return `${paramNames[1 + p + o + j]} must be >= 0`;
        sum += theta[1 + p + o + j];
      }
      if (!(sum < 1)) return 'sum(beta) must be < 1';
      return '';
    },
    transform,
    variance,
    varianceJacobian(theta, e, dR, km, backcast, vb, sigma2, jac) {
      const n = e.length, K = kv + km;
      if (lnS.length !== n) { lnS = new Float64Array(n); zs = new Float64Array(n); }
      if (dl.length !== n * K) { dl = new Float64Array(n * K); dz = new Float64Array(n * K); }
      for (let t = 0; t < n; t++) {
        const row = t * K;
        let l = theta[0];
        dl[row] = 1;
        for (let c = 1; c < K; c++) dl[row + c] = 0;
        for (let j = 0; j < p; j++) {
          const r = t - 1 - j;
          if (r < 0) continue;
          const a = theta[1 + j], zr = zs[r], sg = zr > 0 ? 1 : zr < 0 ? -1 : 0;
          l += a * (Math.abs(zr) - SQRT2_OV_PI);
          dl[row + 1 + j] = Math.abs(zr) - SQRT2_OV_PI;
          const pr = r * K;
          for (let c = 0; c < K; c++) dl[row + c] += a * sg * dz[pr + c];
        }
        for (let j = 0; j < o; j++) {
          const r = t - 1 - j;
          if (r < 0) continue;
          const g = theta[1 + p + j];
          l += g * zs[r];
          dl[row + 1 + p + j] += zs[r];
          const pr = r * K;
          for (let c = 0; c < K; c++) dl[row + c] += g * dz[pr + c];
        }
        for (let j = 0; j < q; j++) {
          const r = t - 1 - j, b = theta[1 + p + o + j];
          if (r < 0) { l += b * backcast; dl[row + 1 + p + o + j] += backcast; continue; }
          l += b * lnS[r];
          dl[row + 1 + p + o + j] += lnS[r];
          const pr = r * K;
          for (let c = 0; c < K; c++) dl[row + c] += b * dl[pr + c];
        }
        if (l > LNSIGMA_MAX) { l = LNSIGMA_MAX; for (let c = 0; c < K; c++) dl[row + c] = 0; }
        let s = Math.exp(l);
        // ds/dtheta into jac; dl keeps d ln sigma2 / d theta.
        if (s < vb.lower[t]) {
          s = vb.lower[t]; l = Math.log(s);
          for (let c = 0; c < K; c++) { dl[row + c] = 0; jac[row + c] = 0; }
        } else if (s > vb.upper[t]) {
          s = vb.upper[t] + l - Math.log(vb.upper[t]); l = Math.log(s);
          for (let c = 0; c < K; c++) { jac[row + c] = dl[row + c]; dl[row + c] /= s; }
        } else {
          for (let c = 0; c < K; c++) jac[row + c] = s * dl[row + c];
        }
        lnS[t] = l; sigma2[t] = s;
        const inv = 1 / Math.sqrt(s), zt = e[t] * inv;
        zs[t] = zt;
        for (let c = 0; c < K; c++) dz[row + c] = -0.5 * zt * dl[row + c];
        for (let k = 0; k < km; k++) dz[row + kv + k] += dR[t * km + k] * inv;
      }
    },
    simulate(theta, z, e, sigma2) {
      let betaSum = 0;
      for (let j = 0; j < q; j++) betaSum += theta[1 + p + o + j];
      const initial = betaSum < 1 ? theta[0] / (1 - betaSum) : theta[0];
      const total = z.length;
      const ln = new Float64Array(total);
      for (let t = 0; t < total; t++) {
        ln[t] = t < m ? initial : oneStep(theta, (j) => ln[t - 1 - j], (j) => z[t - 1 - j], () => true);
        sigma2[t] = Math.exp(ln[t]);
        e[t] = z[t] * Math.sqrt(sigma2[t]);
      }
    },
    analyticForecast(theta, resids, sigma2, backcast, i, horizon, out) {
      if (horizon > 1) return false;
      const l = oneStep(
        theta,
        (j) => (i - j >= 0 ? Math.log(sigma2[i - j]) : backcast),
        (j) => resids[i - j] / Math.sqrt(sigma2[i - j]),
        (j) => i - j >= 0,
      );
      out[0] = Math.exp(Math.min(l, LNSIGMA_MAX));
      return true;
    },
    simulateForecast(theta, resids, sigma2, backcast, i, horizon, zDraws, nPaths, paths, shocks) {
      // arch EGARCH._simulation_forecast, one origin i: history before the sample has ln sigma2 =
      // backcast, z = 0 and |z| = sqrt(2/pi).
      const L = m + horizon;
      const ln = new Float64Array(L), zz = new Float64Array(L), az = new Float64Array(L);
      for (let path = 0; path < nPaths; path++) {
        for (let k = 0; k < m; k++) {
          const src = i - m + 1 + k;
          if (src >= 0) {
            ln[k] = Math.log(sigma2[src]); zz[k] = resids[src] / Math.sqrt(sigma2[src]); az[k] = Math.abs(zz[k]);
          } else { ln[k] = backcast; zz[k] = 0; az[k] = SQRT2_OV_PI; }
        }
        for (let h = 0; h < horizon; h++) {
          const at = m + h;
          let l = theta[0];
          for (let j = 0; j < p; j++) l += theta[1 + j] * (az[at - 1 - j] - SQRT2_OV_PI);
          for (let j = 0; j < o; j++) l += theta[1 + p + j] * zz[at - 1 - j];
          for (let j = 0; j < q; j++) l += theta[1 + p + o + j] * ln[at - 1 - j];
          ln[at] = l;
          const zd = zDraws[path * horizon + h];
          zz[at] = zd; az[at] = Math.abs(zd);
          const s = Math.exp(l);
          paths[path * horizon + h] = s; shocks[path * horizon + h] = Math.sqrt(s) * zd;
        }
      }
    },
  };
}
