// Johansen test on 3 series x 2,500 observations (det_order 0, k_ar_diff 1): johansenTest vs
// statsmodels coint_johansen on the very same numbers (shared through a float64 file).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRng, johansenTest, writeFileAtomic } from 'quantlab';
import { median, result, type Benchmark } from './types';
import { runPeer } from './dataset';

const NOBS = 2_500, NEQS = 3, DET_ORDER = 0, K_AR_DIFF = 1;
const WARMUP = 5, REPEATS = 50;

/** Two random walks and a third series cointegrated with them (rank 1). */
function simulate(seed: number): Float64Array[] {
  const rng = createRng(seed);
  const x1 = new Float64Array(NOBS), x2 = new Float64Array(NOBS), y = new Float64Array(NOBS);
  let u = 0;
  for (let t = 1; t < NOBS; t++) {
    x1[t] = x1[t - 1] + rng.normal();
    x2[t] = x2[t - 1] + rng.normal();
    u = 0.7 * u + 0.5 * rng.normal();
    y[t] = 0.5 * x1[t] - 0.3 * x2[t] + 2 + u;
  }
  return [x1, x2, y];
}

export const johansen: Benchmark = {
  name: 'johansen',
  async run() {
    const series = simulate(20_240_611);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-johansen-'));
    try {
      const matrix = new Float64Array(NOBS * NEQS);
      for (let t = 0; t < NOBS; t++) for (let j = 0; j < NEQS; j++) matrix[t * NEQS + j] = series[j][t];
      writeFileAtomic(path.join(dir, 'series.f64'), new Uint8Array(matrix.buffer));
      writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify({ nobs: NOBS, neqs: NEQS }));
      const times: number[] = [];
      let trace: number[] = [];
      for (let i = 0; i < WARMUP + REPEATS; i++) {
        const start = performance.now();
        trace = johansenTest(series, { detOrder: DET_ORDER, kArDiff: K_AR_DIFF }).traceStat;
        if (i >= WARMUP) times.push(performance.now() - start);
      }
      const peer = runPeer<{ ms: number[]; versions: string; trace: number[] }>('statsmodels_johansen.py', [
        dir, String(WARMUP), String(REPEATS), String(DET_ORDER), String(K_AR_DIFF),
      ]);
      const agree = Math.max(...trace.map((v, i) => Math.abs(v - peer.trace[i]) / Math.abs(peer.trace[i])));
      return result(
        `Johansen, ${NEQS} series x ${NOBS} obs (det_order ${DET_ORDER}, k_ar_diff ${K_AR_DIFF})`,
        median(times), `statsmodels coint_johansen (${peer.versions})`, median(peer.ms),
        `median of ${REPEATS} calls after ${WARMUP} warm-up on the same float64 data; trace statistics agree to ${agree.toExponential(1)} relative`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
