// Market exposure from the per-bar position (signed weight or gross weight; NaN = flat).
import { requireFloat64Array } from './options';

export interface ExposureStatistics {
  /** Share of bars holding a non-zero position (backtesting.py 'Exposure Time', as a fraction). */
  readonly exposure: number;
  /** Mean |position| over all bars: how much of the capital was at work on average. */
  readonly averageGrossExposure: number;
  /** Sum of |position[t] - position[t-1]| with position[-1] = 0: entering counts, as in backtestLongFlat. */
  readonly turnover: number;
}

export function exposureStatistics(positions: Float64Array): ExposureStatistics {
  requireFloat64Array('positions', positions);
  const n = positions.length;
  if (n === 0) return { exposure: NaN, averageGrossExposure: NaN, turnover: 0 };
  let held = 0;
  let gross = 0;
  let turnover = 0;
  let previous = 0;
  for (let t = 0; t < n; t++) {
    const raw = positions[t]!;
    const p = raw === raw ? raw : 0;
    if (p !== 0) held++;
    gross += Math.abs(p);
    turnover += Math.abs(p - previous);
    previous = p;
  }
  return { exposure: held / n, averageGrossExposure: gross / n, turnover };
}
