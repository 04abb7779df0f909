// Engle-Granger cointegration test on one pair of 2,500 observations (trend 'c', ADF lag search by
// AIC up to statsmodels' default maxlag): engleGranger vs statsmodels coint on the same float64 data.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRng, engleGranger, writeFileAtomic } from 'quantlab';
import { median, result, type Benchmark } from './types';
import { runPeer } from './dataset';

const NOBS = 2_500;
const WARMUP = 5, REPEATS = 50;

/** x a random walk, y = 1 + 0.8 x + AR(1)(0.9) noise. */
function simulatePair(seed: number): [Float64Array, Float64Array] {
  const rng = createRng(seed);
  const x = new Float64Array(NOBS), y = new Float64Array(NOBS);
  let u = 0;
  for (let t = 0; t < NOBS; t++) {
    x[t] = (t > 0 ? x[t - 1] : 0) + rng.normal();
    u = 0.9 * u + 0.5 * rng.normal();
    y[t] = 1 + 0.8 * x[t] + u;
  }
  return [y, x];
}

export const engleGrangerBench: Benchmark = {
  name: 'engle-granger',
  async run() {
    const [y0, y1] = simulatePair(20_240_612);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-eg-'));
    try {
      const matrix = new Float64Array(2 * NOBS);
      matrix.set(y0, 0);
      matrix.set(y1, NOBS);
      writeFileAtomic(path.join(dir, 'series.f64'), new Uint8Array(matrix.buffer));
      writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify({ nobs: NOBS, nseries: 2 }));
      const times: number[] = [];
      let statistic = NaN, pValue = NaN;
      for (let i = 0; i < WARMUP + REPEATS; i++) {
        const start = performance.now();
        ({ statistic, pValue } = engleGranger(y0, y1));
        if (i >= WARMUP) times.push(performance.now() - start);
      }
      const peer = runPeer<{ ms: number[]; versions: string; statistic: number; pvalue: number }>('statsmodels_coint.py', [
        dir, String(WARMUP), String(REPEATS),
      ]);
      const agree = Math.abs(statistic - peer.statistic) / Math.abs(peer.statistic);
      return result(
        `Engle-Granger, 1 pair x ${NOBS} obs (trend c, autolag AIC)`,
        median(times), `statsmodels coint (${peer.versions})`, median(peer.ms),
        `median of ${REPEATS} calls after ${WARMUP} warm-up on the same float64 data; statistic agrees to ` +
          `${agree.toExponential(1)} relative, p-value ${Math.abs(pValue - peer.pvalue).toExponential(1)} absolute`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
