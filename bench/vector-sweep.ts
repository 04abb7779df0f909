// Moving-average crossover sweep: 10,000 (fast, slow) pairs, fast 2..101 x slow 102..201, on the
// S&P 500 sample's last 5,000 daily closes; long only, entry when fast crosses above slow, exit when
// it crosses below, fills at the signal bar's close, fees 0.1%, 100 initial cash. Ours:
// maCrossoverSweep (one running sum for every window, pairs in chunks, summary rows only). Peer:
// vectorbt (vbt.MA.run, ma_crossed_above/below, Portfolio.from_signals, total_return), chunked by
// 1,000 columns on the Python side (bench/peers/vectorbt_sweep.py says why). Both sides read the
// same float64 closes; the sums of final values must agree to 1e-6 relative.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { maCrossoverSweep, projectPath, readBarsCsv, writeFileAtomic } from 'quantlab';
import { median, result, type Benchmark } from './types';
import { runPeer } from './dataset';

const BARS = 5_000;
const FAST = Array.from({ length: 100 }, (_, k) => 2 + k);
const SLOW = Array.from({ length: 100 }, (_, k) => 102 + k);
const FEES = 0.001;
const INIT_CASH = 100;
const WARMUP = 2, REPEATS = 7;
const PEER_WARMUP = 1, PEER_REPEATS = 3, PEER_CHUNK = 1_000;
const AGREEMENT = 1e-6;

interface Peer { ms: number[]; checksum: number; columns: number; versions: string; peak_rss_mb: number }

export const vectorSweep: Benchmark = {
  name: 'vector-sweep',
  async run() {
    const all = readBarsCsv(projectPath('data', 'sp500.csv.gz'), { symbol: 'SPX' }).close;
    const close = all.slice(all.length - BARS);
    const times: number[] = [];
    let checksum = NaN, rows = 0, bufferBytes = 0;
    for (let i = 0; i < WARMUP + REPEATS; i++) {
      const start = performance.now();
      const table = maCrossoverSweep({ prices: { close }, fast: FAST, slow: SLOW, fees: FEES, initCash: INIT_CASH });
      const ms = performance.now() - start;
      if (i >= WARMUP) times.push(ms);
      checksum = table.finalValue.reduce((a, b) => a + b, 0);
      rows = table.rows;
      bufferBytes = table.bufferBytes;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-sweep-'));
    try {
      writeFileAtomic(path.join(dir, 'close.f64'), new Uint8Array(close.buffer, close.byteOffset, close.byteLength));
      const fast: number[] = [], slow: number[] = [];
      for (const f of FAST) for (const s of SLOW) if (f < s) (fast.push(f), slow.push(s));
      writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify({ fast, slow, fees: FEES, init_cash: INIT_CASH }));
      const peer = runPeer<Peer>('vectorbt_sweep.py', [dir, String(PEER_WARMUP), String(PEER_REPEATS), String(PEER_CHUNK)]);
      const agree = Math.abs(checksum - peer.checksum) / Math.abs(peer.checksum);
      if (!(agree <= AGREEMENT) || peer.columns !== rows) {
        throw new Error(`vector-sweep: checksums disagree (ours ${checksum} over ${rows} pairs, vectorbt ${peer.checksum} over ${peer.columns}, relative ${agree})`);
      }
      return result(
        `MA crossover sweep, ${rows} pairs x ${BARS} bars (fees 0.1%, close fills)`,
        median(times), `vectorbt Portfolio.from_signals (${peer.versions})`, median(peer.ms),
        `median of ${REPEATS} sweeps after ${WARMUP} warm-up (peer: ${PEER_REPEATS} after ${PEER_WARMUP} numba warm-up, ` +
          `${PEER_CHUNK}-column chunks, peak RSS ${peer.peak_rss_mb} MB); ours keeps summary rows only, ` +
          `signal buffer ${(bufferBytes / 2 ** 20).toFixed(1)} MiB; sum of final values agrees to ${agree.toExponential(1)} relative`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
