// Uniform draws over a distribution, as Optuna's RandomSampler makes them: uniform in the
// (log-)transformed range, a stepped range widened by half a step each side and rounded back
// to the grid, so every grid point gets the same mass.
import type { Rng } from '../../util/random';
import type { Distribution } from '../distributions';

/** One uniform draw from `d`, internal representation. */
export function sampleUniform(d: Distribution, rng: Rng): number {
  if (d.kind === 'categorical') return rng.int(d.choices.length);
  const step = d.step ?? 0;
  let lo = d.low - step / 2, hi = d.high + step / 2;
  if (d.log) { lo = Math.log(lo); hi = Math.log(hi); }
  let x = lo + rng.uniform() * (hi - lo);
  if (d.log) x = Math.exp(x);
  return roundToGrid(x, d.low, d.high, step);
}

/** Snaps to low + k * step (when stepped) and clips into [low, high]. */
export function roundToGrid(x: number, low: number, high: number, step: number): number {
  const snapped = step > 0 ? low + Math.round((x - low) / step) * step : x;
  return Math.min(Math.max(snapped, low), high);
}
