// Relative Strength Index with Wilder smoothing, matching TA-Lib's RSI: the first value (index
// `period`) uses the plain means of the first `period` gains and losses; later values smooth them
// with avg = (avg * (period - 1) + new) / period. After a missing price the recursion restarts.
import { checkSeries, checkWindow, nanArray } from './check';

export const DEFAULT_RSI_PERIOD = 14;

/**
 * RSI in [0, 100]. Where prices did not move at all over the smoothing memory (average gain and
 * loss both zero) the value is 50, neutral; TA-Lib reports 0 there, which reads as "all losses".
 */
export function rsi(close: Float64Array, period: number = DEFAULT_RSI_PERIOD): Float64Array {
  checkSeries('close', close);
  checkWindow('period', period, 2);
  const out = nanArray(close.length);
  let run = 0; // consecutive finite prices
  let gain = 0;
  let loss = 0;
  for (let t = 0; t < close.length; t++) {
    const v = close[t]!;
    if (!Number.isFinite(v)) { run = 0; gain = 0; loss = 0; continue; }
    run++;
    if (run === 1) continue;
    const diff = v - close[t - 1]!;
    const up = diff > 0 ? diff : 0;
    const down = diff < 0 ? -diff : 0;
    if (run <= period) { gain += up; loss += down; }
    if (run === period + 1) { gain += up; loss += down; gain /= period; loss /= period; }
    else if (run > period + 1) {
      // Same operation order as TA-Lib (multiply, add, divide) so results agree to rounding.
      gain = (gain * (period - 1) + up) / period;
      loss = (loss * (period - 1) + down) / period;
    }
    if (run > period) out[t] = gain + loss === 0 ? 50 : 100 * (gain / (gain + loss));
  }
  return out;
}
