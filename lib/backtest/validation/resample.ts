// Index generators for resampling a return series, each the scheme of arch's bootstrap classes:
//   'bootstrap':           i.i.d. draws (IIDBootstrap); destroys any serial dependence.
//   'blockBootstrap':      circular blocks of fixed length b starting at uniform positions, the
//                          series wrapped around its end (CircularBlockBootstrap).
//   'stationaryBootstrap': blocks of geometric length with mean b (Politis & Romano 1994): each
//                          step starts a new block at a uniform position with probability 1/b,
//                          else continues the last one, wrapping (StationaryBootstrap).
// Block schemes keep volatility clustering and autocorrelation within blocks, which drawdowns
// and Sharpe ratios of daily returns depend on.
import type { Rng } from '../../util/random';

export type ResampleMethod = 'bootstrap' | 'blockBootstrap' | 'stationaryBootstrap';
export const RESAMPLE_METHODS: readonly ResampleMethod[] = ['bootstrap', 'blockBootstrap', 'stationaryBootstrap'];

/** Fills `out` with indices into [0, n) drawn by `method`; returns `out`. */
export function resampleIndices(method: ResampleMethod, n: number, blockSize: number, rng: Rng, out: Int32Array): Int32Array {
  const m = out.length;
  if (method === 'bootstrap') {
    for (let i = 0; i < m; i++) out[i] = Math.floor(rng.uniform() * n);
  } else if (method === 'blockBootstrap') {
    for (let i = 0; i < m; i += blockSize) {
      let j = Math.floor(rng.uniform() * n);
      const end = Math.min(i + blockSize, m);
      for (let k = i; k < end; k++) {
        out[k] = j;
        j = j + 1 === n ? 0 : j + 1;
      }
    }
  } else {
    const p = 1 / blockSize;
    let j = Math.floor(rng.uniform() * n);
    if (m > 0) out[0] = j;
    for (let k = 1; k < m; k++) {
      j = rng.uniform() < p ? Math.floor(rng.uniform() * n) : j + 1 === n ? 0 : j + 1;
      out[k] = j;
    }
  }
  return out;
}
