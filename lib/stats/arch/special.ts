// Special functions the distributions need beyond ../special.ts (log-gamma, normal tails, which
// live there, shared with the test statistics): digamma and gamma/Student-t samplers.
export { logGamma, normalSf } from '../special';

/** psi(x) = d/dx log Gamma(x) for x > 0 (recurrence to x >= 6, then the asymptotic series). */
export function digamma(x: number): number {
  let acc = 0;
  while (x < 6) { acc -= 1 / x; x += 1; }
  const f = 1 / (x * x);
  return acc + Math.log(x) - 0.5 / x
    - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
}

import type { Rng } from '../../util/random';

/** Gamma(shape, 1) draw (Marsaglia-Tsang; boosted for shape < 1). */
export function drawGamma(shape: number, rng: Rng): number {
  if (shape < 1) return drawGamma(shape + 1, rng) * Math.pow(1 - rng.uniform(), 1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0, v = 0;
    do { x = rng.normal(); v = 1 + c * x; } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Student-t draw with nu degrees of freedom (not standardised). */
export function drawStudentT(nu: number, rng: Rng): number {
  return rng.normal() / Math.sqrt((2 * drawGamma(nu / 2, rng)) / nu);
}
