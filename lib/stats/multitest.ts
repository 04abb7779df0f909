// Multiple-testing corrections, as statsmodels.stats.multitest.multipletests (0.15) with methods
// 'bonferroni', 'holm' and 'fdr_bh' (Benjamini-Hochberg): adjusted p-values capped at 1 and the
// reject decisions at level alpha (Holm step-down, BH step-up).
import { InvalidArgumentError } from '../util/errors';

export type PValueCorrection = 'bonferroni' | 'holm' | 'benjamini-hochberg';
export const P_VALUE_CORRECTIONS: readonly PValueCorrection[] = ['bonferroni', 'holm', 'benjamini-hochberg'];
export const DEFAULT_ALPHA = 0.05;

export interface AdjustedPValues {
  /** In the order of the input. */
  readonly adjusted: Float64Array;
  readonly rejected: readonly boolean[];
}

export function adjustPValues(pValues: ArrayLike<number>, method: PValueCorrection, alpha = DEFAULT_ALPHA): AdjustedPValues {
  if (!P_VALUE_CORRECTIONS.includes(method)) {
    throw new InvalidArgumentError('method', method, 'is not a known correction', `use one of ${P_VALUE_CORRECTIONS.join(', ')}`);
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new InvalidArgumentError('alpha', alpha, 'must lie strictly between 0 and 1', 'pass a significance level such as 0.05');
  }
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i];
    if (!(p >= 0 && p <= 1)) {
      throw new InvalidArgumentError('pValues', `array of length ${m}`, `holds ${p} at index ${i}, not a probability`, 'pass p-values in [0, 1]');
    }
  }
  // Stable ascending order (ties get equal adjusted values whatever their order).
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const sorted = new Float64Array(m), adjSorted = new Float64Array(m), rejSorted: boolean[] = new Array(m).fill(false);
  for (let i = 0; i < m; i++) sorted[i] = pValues[order[i]];
  if (method === 'bonferroni') {
    for (let i = 0; i < m; i++) { adjSorted[i] = sorted[i] * m; rejSorted[i] = sorted[i] <= alpha / m; }
  } else if (method === 'holm') {
    let running = 0, stop = false;
    for (let i = 0; i < m; i++) {
      running = Math.max(running, sorted[i] * (m - i));
      adjSorted[i] = running;
      if (sorted[i] > alpha / (m - i)) stop = true;
      rejSorted[i] = !stop;
    }
  } else {
    let running = Infinity, lastReject = -1;
    for (let i = m - 1; i >= 0; i--) {
      const ecdf = (i + 1) / m;
      running = Math.min(running, sorted[i] / ecdf);
      adjSorted[i] = running;
      if (lastReject < 0 && sorted[i] <= ecdf * alpha) lastReject = i;
    }
    for (let i = 0; i <= lastReject; i++) rejSorted[i] = true;
  }
  const adjusted = new Float64Array(m), rejected: boolean[] = new Array(m);
  for (let i = 0; i < m; i++) {
    adjusted[order[i]] = Math.min(adjSorted[i], 1);
    rejected[order[i]] = rejSorted[i];
  }
  return { adjusted, rejected };
}
