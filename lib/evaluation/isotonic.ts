// Isotonic regression kernel, step for step as scikit-learn 1.9's IsotonicRegression(increasing=True):
// sort by (x, y), merge x values closer than float64 resolution (1e-15) into their mean y, pool
// adjacent violators with the merged counts as weights, drop knots inside flat runs, and predict by
// linear interpolation (scipy interp1d) between knots, clipped to the fitted range.
import type { Numbers } from './check';

const RESOLUTION = 1e-15;

export function fitIsotonicKernel(xs: Numbers, ys: Numbers): { x: Float64Array; y: Float64Array } {
  const n = xs.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || ys[a]! - ys[b]! || a - b);
  const ux: number[] = [], uy: number[] = [], uw: number[] = [];
  let currentX = xs[order[0]!]!, sumY = 0, weight = 0;
  for (const i of order) {
    const x = xs[i]!;
    if (x - currentX >= RESOLUTION) {
      ux.push(currentX); uy.push(sumY / weight); uw.push(weight);
      currentX = x; sumY = 0; weight = 0;
    }
    sumY += ys[i]!; weight += 1;
  }
  ux.push(currentX); uy.push(sumY / weight); uw.push(weight);
  const fitted = poolAdjacentViolators(uy, uw);
  const keepX: number[] = [], keepY: number[] = [];
  for (let i = 0; i < fitted.length; i++) {
    const inner = i > 0 && i < fitted.length - 1;
    if (!inner || fitted[i] !== fitted[i - 1] || fitted[i] !== fitted[i + 1]) { keepX.push(ux[i]!); keepY.push(fitted[i]!); }
  }
  return { x: Float64Array.from(keepX), y: Float64Array.from(keepY) };
}

/** Weighted least-squares non-decreasing fit: blocks merge while their means decrease. */
function poolAdjacentViolators(y: readonly number[], w: readonly number[]): Float64Array {
  const means: number[] = [], weights: number[] = [], sizes: number[] = [];
  for (let i = 0; i < y.length; i++) {
    let mean = y[i]!, weight = w[i]!, size = 1;
    while (means.length > 0 && means[means.length - 1]! >= mean) {
      const pw = weights.pop()!, pm = means.pop()!;
      mean = (pm * pw + mean * weight) / (pw + weight);
      weight += pw;
      size += sizes.pop()!;
    }
    means.push(mean); weights.push(weight); sizes.push(size);
  }
  const out = new Float64Array(y.length);
  let at = 0;
  means.forEach((m, b) => { out.fill(m, at, at + sizes[b]!); at += sizes[b]!; });
  return out;
}

/** scipy interp1d(kind='linear') at scores clipped to [x[0], x[last]]. */
export function interpolateClipped(x: Float64Array, y: Float64Array, scores: Numbers): Float64Array {
  const k = x.length, out = new Float64Array(scores.length);
  if (k === 1) return out.fill(y[0]!);
  for (let i = 0; i < scores.length; i++) {
    const t = Math.min(Math.max(scores[i]!, x[0]!), x[k - 1]!);
    let lo = 0, hi = k;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (x[mid]! < t) lo = mid + 1; else hi = mid; }
    const right = Math.min(Math.max(lo, 1), k - 1), left = right - 1;
    const slope = (y[right]! - y[left]!) / (x[right]! - x[left]!);
    out[i] = slope * (t - x[left]!) + y[left]!;
  }
  return out;
}
