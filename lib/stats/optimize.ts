// Small unconstrained minimisers. Models map their constrained parameters to an unconstrained
// space and call these; keeping the optimiser apart lets later models (GJR, EGARCH, Student-t)
// reuse it unchanged.

/** Writes the gradient at x into `grad` and returns the objective; non-finite means "infeasible". */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when the largest absolute gradient component falls below this. */
  readonly gradientTolerance: number;
  readonly maxIterations: number;
  /**
   * Near the optimum the decrease a step can make falls below the objective's rounding (|f| eps) long
   * before the gradient reaches a tight tolerance. With this set, a step that changes f by no more
   * than a few ulps but reduces the largest gradient component is accepted (the approximate Armijo
   * condition of Hager and Zhang), and such steps do not count as stalled. Off by default.
   */
  readonly acceptWithinRounding?: boolean;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
}

export const DEFAULT_MINIMIZE_OPTIONS: MinimizeOptions = { gradientTolerance: 1e-9, maxIterations: 500 };

const EPSILON = 2.220446049250313e-16;

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * BFGS with an Armijo backtracking line search. The inverse-Hessian update is skipped when the
 * curvature condition fails, so the search direction always stays a descent direction.
 */
export function minimizeBfgs(objective: Objective, x0: Float64Array, options: MinimizeOptions = DEFAULT_MINIMIZE_OPTIONS): MinimizeResult {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) {
    return { x, value: f, gradient: g, iterations: 0, evaluations, converged: false, message: 'objective is not finite at the starting point' };
  }
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const d = new Float64Array(n), s = new Float64Array(n), y = new Float64Array(n), Hy = new Float64Array(n);
  let xNew = new Float64Array(n), gNew = new Float64Array(n);
  let stalled = 0;
  const roundingTolerant = options.acceptWithinRounding === true;

  for (let iter = 0; iter < options.maxIterations; iter++) {
    if (maxAbs(g) < options.gradientTolerance) {
      return { x, value: f, gradient: g, iterations: iter, evaluations, converged: true, message: 'gradient below tolerance' };
    }
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      d[i] = v;
    }
    let slope = dot(d, g);
    if (!(slope < 0)) {
      // Lost descent (numerical drift in H): restart from steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) { H[i * n + i] = 1; d[i] = -g[i]; }
      slope = dot(d, g);
    }
    let step = 1, fNew = NaN, accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      fNew = objective(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) { accepted = true; break; }
      if (roundingTolerant && Number.isFinite(fNew) && fNew <= f + 8 * EPSILON * Math.abs(f) && maxAbs(gNew) < maxAbs(g)) { accepted = true; break; }
      step *= 0.5;
    }
    if (!accepted) {
      const converged = maxAbs(g) < 1e3 * options.gradientTolerance;
      return { x, value: f, gradient: g, iterations: iter, evaluations, converged, message: 'line search could not decrease the objective' };
    }
    for (let i = 0; i < n; i++) { s[i] = xNew[i] - x[i]; y[i] = gNew[i] - g[i]; }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
      }
      const yHy = dot(y, Hy), rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += (1 + yHy * rho) * rho * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]);
        }
      }
    }
    const noDecrease = f - fNew <= 1e-16 * Math.max(1, Math.abs(f)) && !(roundingTolerant && maxAbs(gNew) < maxAbs(g));
    stalled = noDecrease ? stalled + 1 : 0;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    if (stalled >= 5) {
      const converged = maxAbs(g) < 1e3 * options.gradientTolerance;
      return { x, value: f, gradient: g, iterations: iter + 1, evaluations, converged, message: 'objective stopped decreasing' };
    }
  }
  return {
    x, value: f, gradient: g, iterations: options.maxIterations, evaluations,
    converged: maxAbs(g) < options.gradientTolerance, message: 'reached maxIterations',
  };
}

/** Solves A x = b (A n x n row-major) by Gaussian elimination with partial pivoting; null if singular. */
export function solveLinear(A: Float64Array, b: Float64Array): Float64Array | null {
  const n = b.length;
  const M = Float64Array.from(A), x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]) > Math.abs(M[p * n + c])) p = r;
    if (!(Math.abs(M[p * n + c]) > 0)) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) { const t = M[c * n + k]; M[c * n + k] = M[p * n + k]; M[p * n + k] = t; }
      const t = x[c]; x[c] = x[p]; x[p] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = M[r * n + c] / M[c * n + c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) M[r * n + k] -= f * M[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let v = x[r];
    for (let k = r + 1; k < n; k++) v -= M[r * n + k] * x[k];
    x[r] = v / M[r * n + r];
  }
  return x;
}

/** Inverse of an n x n row-major matrix (column by column through solveLinear); null if singular. */
export function invertMatrix(A: Float64Array, n: number): Float64Array | null {
  const inv = new Float64Array(n * n), e = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    e.fill(0); e[c] = 1;
    const col = solveLinear(A, e);
    if (!col) return null;
    for (let r = 0; r < n; r++) inv[r * n + c] = col[r];
  }
  return inv;
}
