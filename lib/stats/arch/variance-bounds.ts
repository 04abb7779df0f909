// arch's bounds_check on one conditional variance, and its derivative.

/** Clamp below; above the upper bound grow only logarithmically (upper + 1000 if infinite). */
export function boundVariance(s: number, lower: number, upper: number): number {
  if (s < lower) return lower;
  if (s > upper) return Number.isFinite(s) ? upper + Math.log(s / upper) : upper + 1000;
  return s;
}

/** d boundVariance / d s. */
export function boundSlope(s: number, lower: number, upper: number): number {
  return s < lower ? 0 : s > upper ? 1 / s : 1;
}
