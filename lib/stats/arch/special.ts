// Special functions the distributions need: log-gamma, digamma and a gamma sampler.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** log Gamma(x) for x > 0 (Lanczos g = 7, about 1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  // Shift large-ish arguments down through the recurrence is unnecessary: Lanczos is uniform.
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

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

/** Standard normal upper-tail probability P(Z > x) (erfc, W. J. Cody's rational fit, ~1e-15). */
export function normalSf(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes erfcx-style Chebyshev fit, relative error < 1.2e-7 is too coarse for tails,
  // so use the continued-fraction/series pair instead.
  const ax = Math.abs(x);
  let r: number;
  if (ax < 2) {
    // erf series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
    let sum = ax, term = ax, n = 0;
    const x2 = ax * ax;
    do { n++; term *= -x2 / n; sum += term / (2 * n + 1); } while (Math.abs(term / (2 * n + 1)) > 1e-17 * Math.abs(sum));
    r = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // Lentz continued fraction for erfc.
    const x2 = ax * ax;
    let f = ax, C = ax, D = 0;
    for (let i = 1; i < 300; i++) {
      const an = i / 2;
      D = ax + an * D; D = 1 / D;
      C = ax + an / C;
      const delta = C * D;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    r = Math.exp(-x2) / (f * Math.sqrt(Math.PI));
  }
  return x < 0 ? 2 - r : r;
}
