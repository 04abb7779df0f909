// Pair screen of a 20-instrument universe (190 pairs, 8,000 daily prices each): screenPairs
// (log prices, Engle-Granger trend 'c' with AIC lag search, Benjamini-Hochberg) vs the same loop
// over statsmodels coint + multipletests(method='fdr_bh') on the same float64 data.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRng, screenPairs, writeFileAtomic, type PriceSeries } from 'quantlab';
import { median, result, type Benchmark } from './types';
import { runPeer } from './dataset';

const SERIES = 20, NOBS = 8_000, FACTORS = 4;
const WARMUP = 1, REPEATS = 5, PEER_REPEATS = 1;

/** log price = 4 + loadings . (random-walk factors) + AR(1)(0.95) idiosyncratic noise. */
export function simulateUniverse(seed: number): PriceSeries[] {
  const rng = createRng(seed);
  const factors = Array.from({ length: FACTORS }, () => {
    const f = new Float64Array(NOBS);
    for (let t = 1; t < NOBS; t++) f[t] = f[t - 1] + 0.01 * rng.normal();
    return f;
  });
  return Array.from({ length: SERIES }, (_, k) => {
    const loads = factors.map(() => (rng.uniform() < 0.5 ? 0 : 0.5 + rng.uniform()));
    const close = new Float64Array(NOBS);
    let u = 0;
    for (let t = 0; t < NOBS; t++) {
      u = 0.95 * u + 0.005 * rng.normal();
      let level = 4 + u;
      for (let j = 0; j < FACTORS; j++) level += loads[j] * factors[j][t];
      close[t] = Math.exp(level);
    }
    return { symbol: `SIM${String(k).padStart(2, '0')}`, close };
  });
}

export const pairScreenBench: Benchmark = {
  name: 'pair-screen',
  async run() {
    const universe = simulateUniverse(20_240_613);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-screen-'));
    try {
      const matrix = new Float64Array(SERIES * NOBS);
      universe.forEach((s, k) => matrix.set(s.close, k * NOBS));
      writeFileAtomic(path.join(dir, 'series.f64'), new Uint8Array(matrix.buffer));
      writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify({ nobs: NOBS, nseries: SERIES }));
      const times: number[] = [];
      let screen = screenPairs(universe);
      for (let i = 0; i < WARMUP + REPEATS; i++) {
        const start = performance.now();
        screen = screenPairs(universe);
        if (i >= WARMUP) times.push(performance.now() - start);
      }
      const peer = runPeer<{ ms: number[]; versions: string; pvalues: number[]; adjusted: number[] }>('statsmodels_pair_screen.py', [
        dir, '0', String(PEER_REPEATS),
      ]);
      // peer order: i < j row-major, as screenPairs' forward direction
      let worstP = 0, worstAdj = 0, k = 0;
      for (let i = 0; i < SERIES; i++) {
        for (let j = i + 1; j < SERIES; j++, k++) {
          const row = screen.rows.find((r) => r.y === universe[i].symbol && r.x === universe[j].symbol)!;
          worstP = Math.max(worstP, Math.abs(row.pValue - peer.pvalues[k]));
          worstAdj = Math.max(worstAdj, Math.abs(row.adjustedPValue - peer.adjusted[k]));
        }
      }
      const hits = screen.rows.filter((r) => r.rejected).length;
      return result(
        `Pair screen, ${SERIES} series (${screen.tests} pairs) x ${NOBS} obs`,
        median(times), `statsmodels coint loop + multipletests (${peer.versions})`, median(peer.ms),
        `ours: median of ${REPEATS} screens after ${WARMUP} warm-up, one core; peer: ${PEER_REPEATS} run of the same loop; ` +
          `${hits} pairs rejected at BH 5%; p-values agree to ${worstP.toExponential(1)}, adjusted to ${worstAdj.toExponential(1)} absolute`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
