// Finite-difference Hessians. The function-value scheme reproduces statsmodels' approx_hess3
// (the one arch uses for its standard errors) so that our standard errors match arch's to the
// digits the differencing itself allows.

const EPS = 2.220446049250313e-16;

/** statsmodels _get_epsilon(x, 4): EPS^(1/4) * max(|x|, 0.1). */
function hessianSteps(x: Float64Array): Float64Array {
  const h = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) h[i] = EPS ** 0.25 * Math.max(Math.abs(x[i]), 0.1);
  return h;
}

/** Hessian of f at x from four function values per pair (statsmodels approx_hess3), row-major. */
export function approxHessian(f: (x: Float64Array) => number, x: Float64Array): Float64Array {
  const n = x.length;
  const h = hessianSteps(x);
  const hess = new Float64Array(n * n);
  const at = (i: number, si: number, j: number, sj: number): number => {
    const z = Float64Array.from(x);
    z[i] += si * h[i];
    z[j] += sj * h[j];
    return f(z);
  };
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - (at(i, -1, j, 1) - at(i, -1, j, -1))) / (4 * h[i] * h[j]);
      hess[i * n + j] = v;
      hess[j * n + i] = v;
    }
  }
  return hess;
}

/** Hessian from central differences of an analytic gradient, symmetrised; for Newton polishing. */
export function hessianFromGradient(
  gradient: (x: Float64Array, out: Float64Array) => void,
  x: Float64Array,
  relativeStep = 1e-6,
): Float64Array {
  const n = x.length;
  const hess = new Float64Array(n * n);
  const gp = new Float64Array(n), gm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const step = relativeStep * Math.max(Math.abs(x[j]), 0.1);
    const z = Float64Array.from(x);
    z[j] = x[j] + step; gradient(z, gp);
    z[j] = x[j] - step; gradient(z, gm);
    for (let i = 0; i < n; i++) hess[i * n + j] = (gp[i] - gm[i]) / (2 * step);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (hess[i * n + j] + hess[j * n + i]);
      hess[i * n + j] = v; hess[j * n + i] = v;
    }
  }
  return hess;
}
