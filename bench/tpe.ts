// TPE sampling speed: a 200-trial study on a 2-D quadratic whose objective costs nothing, so
// the time is the sampler's (Parzen estimators, 24 candidates per suggestion) and the study's
// bookkeeping; ours vs Optuna's TPESampler, univariate and multivariate, in the same run.
import { createStudy, TPESampler, type Trial } from 'quantlab';
import { median, result, type Benchmark } from './types';
import { runPeer } from './dataset';

const N_TRIALS = 200;
const WARMUP = 1, REPEATS = 5;

const quadratic = (t: Trial): number => (t.suggestFloat('x', -10, 10) - 2) ** 2 + (t.suggestFloat('y', -10, 10) + 1) ** 2;

async function timeStudies(multivariate: boolean): Promise<{ ms: number[]; best: number[] }> {
  const ms: number[] = [], best: number[] = [];
  for (let i = 0; i < WARMUP + REPEATS; i++) {
    const start = performance.now();
    const study = await createStudy({ sampler: new TPESampler({ seed: i, multivariate }) });
    await study.optimize(quadratic, { nTrials: N_TRIALS });
    if (i >= WARMUP) { ms.push(performance.now() - start); best.push(study.bestValue!); }
  }
  return { ms, best };
}

type PeerResult = { ms: Record<string, number[]>; best: Record<string, number[]>; versions: string };
let peerResult: PeerResult | undefined; // one peer run times both modes

function tpeBench(mode: 'univariate' | 'multivariate'): Benchmark {
  return {
    name: `tpe-${mode}`,
    async run() {
      const ours = await timeStudies(mode === 'multivariate');
      const peer = (peerResult ??= runPeer<PeerResult>('optuna_tpe.py', [String(N_TRIALS), String(WARMUP), String(REPEATS)]));
      const fmt = (xs: number[]) => median(xs).toExponential(1);
      return result(
        `TPE study, ${N_TRIALS} trials, 2-D quadratic (${mode})`,
        median(ours.ms), `optuna TPESampler (${peer.versions})`, median(peer.ms[mode]!),
        `median of ${REPEATS} seeded studies after ${WARMUP} warm-up; median best value ours ${fmt(ours.best)}, optuna ${fmt(peer.best[mode]!)}`,
      );
    },
  };
}

export const tpeBenchmarks: readonly Benchmark[] = [tpeBench('univariate'), tpeBench('multivariate')];
