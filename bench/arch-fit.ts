// GARCH-family fits on the S&P 500 sample (n = 5,030) against arch_model(...).fit(disp='off'),
// timed in Python in the same run (bench/peers/arch_fit.py). Both sides compute standard errors
// lazily (on first access), so both times are the fit alone.
import { archModel, garch, normal, studentT, type ArchModelOptions } from 'quantlab';
import { median, result, type Benchmark } from './types';
import { runPeer } from './dataset';

const WARMUP = 5, REPEATS = 21;
type Peer = { y: number[]; fits: Record<string, { ms: number[]; llf: number }>; versions: string };
let peerCache: Peer | undefined;
const peer = (): Peer => (peerCache ??= runPeer<Peer>('arch_fit.py', [String(WARMUP), String(REPEATS)]));

function archFitBench(key: string, label: string, options: () => ArchModelOptions): Benchmark {
  return {
    name: `arch-fit-${key}`,
    async run() {
      const p = peer();
      const y = Float64Array.from(p.y);
      const ms: number[] = [];
      let llf = NaN;
      for (let i = 0; i < WARMUP + REPEATS; i++) {
        const t0 = performance.now();
        const fit = archModel(y, options()).fit();
        const dt = performance.now() - t0;
        if (i >= WARMUP) ms.push(dt);
        llf = fit.logLikelihood;
      }
      const theirs = p.fits[key]!;
      return result(
        `${label} fit, S&P 500 n=${y.length}`, median(ms), `arch_model.fit (${p.versions})`, median(theirs.ms),
        `median of ${REPEATS} after ${WARMUP} warm-up; llf ours ${llf.toFixed(6)} vs arch ${theirs.llf.toFixed(6)} ` +
          `(diff ${(llf - theirs.llf).toExponential(2)}); standard errors excluded on both sides (lazy)`,
      );
    },
  };
}

export const archFitGarchNormal = archFitBench('garch11-normal', 'GARCH(1,1)-normal', () => ({ volatility: garch({ p: 1, q: 1 }), distribution: normal() }));
export const archFitGarchT = archFitBench('garch11-t', 'GARCH(1,1)-t', () => ({ volatility: garch({ p: 1, q: 1 }), distribution: studentT() }));
export const archFitGjrT = archFitBench('gjr111-t', 'GJR(1,1,1)-t', () => ({ volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() }));
