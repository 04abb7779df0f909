// Parameter covariances as arch's compute_param_cov: H = Hessian of -llf / n,
// classic = inv(H) / n, robust (Bollerslev-Wooldridge QMLE sandwich) = inv(H) cov(scores) inv(H) / n,
// with np.cov's demeaning and n - 1 divisor. Scores are analytic here (arch differences them).
import { hessianFromGradient } from '../numdiff';
import { invertMatrix } from '../optimize';
import type { ArchLikelihood } from './likelihood';

/**
 * approx_hess3's step, EPS^(1/4) * max(|x|, 0.1): wide enough to average over a kink of the
 * likelihood (a return equal to the mean makes |z| non-differentiable), as arch's Hessian does.
 */
const HESSIAN_RELATIVE_STEP = 2.220446049250313e-16 ** 0.25;

export interface Covariances {
  readonly classic: Float64Array | null;
  readonly robust: Float64Array | null;
}

export function parameterCovariances(lik: ArchLikelihood, theta: Float64Array): Covariances {
  const { n, k } = lik;
  if (k === 0) return { classic: new Float64Array(0), robust: new Float64Array(0) };
  // Central differences of the analytic gradient: 2k gradient evaluations instead of approx_hess3's
  // 2k(k+1) function values, and more accurate; agrees with arch's Hessian to ~1e-5.
  const g = (v: Float64Array, out: Float64Array) => { lik.valueAndGradient(v, out); for (let i = 0; i < k; i++) out[i] = -out[i] / n; };
  const hess = hessianFromGradient(g, theta, HESSIAN_RELATIVE_STEP);
  const inv = invertMatrix(hess, k);
  if (!inv) return { classic: null, robust: null };
  const classic = inv.map((v) => v / n);
  const scores = new Float64Array(n * k);
  lik.scores(theta, scores);
  const mean = new Float64Array(k);
  for (let t = 0; t < n; t++) for (let i = 0; i < k; i++) mean[i] += scores[t * k + i] / n;
  const S = new Float64Array(k * k);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < k; i++) {
      const a = scores[t * k + i] - mean[i];
      for (let j = 0; j <= i; j++) S[i * k + j] += a * (scores[t * k + j] - mean[j]);
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) { S[i * k + j] /= n - 1; S[j * k + i] = S[i * k + j]; }
  const robust = sandwich(inv, S, k).map((v) => v / n);
  return { classic, robust };
}

/** A S A for symmetric A. */
export function sandwich(A: Float64Array, S: Float64Array, k: number): Float64Array {
  const tmp = new Float64Array(k * k), out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { let s = 0; for (let m = 0; m < k; m++) s += A[i * k + m] * S[m * k + j]; tmp[i * k + j] = s; }
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { let s = 0; for (let m = 0; m < k; m++) s += tmp[i * k + m] * A[m * k + j]; out[i * k + j] = s; }
  return out;
}
