// Shared by GARCH and EGARCH: validated (p, o, q) orders and arch's parameter names.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';

export interface OrderOptions {
  /** Symmetric ARCH order (arch's p). */
  readonly p?: number;
  /** Asymmetric order (arch's o): GJR gamma terms for GARCH, e/sigma terms for EGARCH. */
  readonly o?: number;
  /** Order of lagged (log-)variances (arch's q). */
  readonly q?: number;
}

export const DEFAULT_P = 1, DEFAULT_O = 0, DEFAULT_Q = 1;
/** Orders above this make the recursion unidentifiable on any realistic sample. */
export const MAX_ORDER = 10;

export function parseOrders(process: string, options: OrderOptions | undefined): { p: number; o: number; q: number } {
  rejectUnknownOptions(`${process} options`, options, ['p', 'o', 'q']);
  const p = options?.p ?? DEFAULT_P, o = options?.o ?? DEFAULT_O, q = options?.q ?? DEFAULT_Q;
  for (const [key, v] of [['p', p], ['o', o], ['q', q]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > MAX_ORDER) {
      throw new InvalidArgumentError(`${process} options.${key}`, v, `must be an integer in [0, ${MAX_ORDER}]`, `pass e.g. ${process}({ p: 1, o: 0, q: 1 })`);
    }
  }
  if (p === 0 && o === 0) {
    throw new InvalidArgumentError(`${process} options.p`, p, 'one of p or o must be positive', `pass e.g. ${process}({ p: 1, q: 1 })`);
  }
  return { p, o, q };
}

export function orderNames(p: number, o: number, q: number): string[] {
  return [
    'omega',
    ...Array.from({ length: p }, (_, i) => `alpha[${i + 1}]`),
    ...Array.from({ length: o }, (_, i) => `gamma[${i + 1}]`),
    ...Array.from({ length: q }, (_, i) => `beta[${i + 1}]`),
  ];
}

/** arch's _gaussian_loglikelihood, used to rank starting-value grid points. */
export function gaussianLogLikelihood(resids: Float64Array, sigma2: Float64Array): number {
  // The logs through renormalised products (one Math.log per ~many observations).
  let s = 0, logAcc = 0, prod = 1;
  for (let t = 0; t < resids.length; t++) {
    const st = sigma2[t];
    s += (resids[t] * resids[t]) / st;
    prod *= st;
    if (!(prod < 1e150 && prod > 1e-150)) { logAcc += Math.log(prod); prod = 1; }
  }
  return -0.5 * (resids.length * Math.log(2 * Math.PI) + logAcc + Math.log(prod) + s);
}
