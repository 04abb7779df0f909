// Environment steps per second: CartPole-v1 (single environment inside its TimeLimit, and a
// SyncVectorEnv of 8) against Gymnasium 1.4.0 stepping the same action sequence in Python in the
// same run (bench/peers/gym_cartpole.py; gym.make adds its checker wrappers, as a user gets).
// The single-asset trading environment's speed is measured too and reported in the notes (no
// peer: Gymnasium ships no trading environment).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createRng, defineFeatureSet, featureRegistry, makeCartPole, projectPath, readBarsCsv, SingleAssetTradingEnv, SyncVectorEnv,
  writeFileAtomic, bpsCommission, fixedBpsSlippage,
} from 'quantlab';
import { median, result, timeMedian, type Benchmark } from './types';
import { runPeer } from './dataset';

const WARMUP = 2, REPEATS = 7;
const SINGLE_STEPS = 100_000, VECTOR_ENVS = 8, VECTOR_STEPS = 12_500, TRADING_STEPS = 100_000;

interface PeerRun { ms: number[]; steps: number; episodes: number }
type Peer = { single: PeerRun; vector: PeerRun; versions: string };
let peerCache: Peer | undefined;

function actions(): { single: number[]; vector: number[][] } {
  const rng = createRng(2024);
  return {
    single: Array.from({ length: SINGLE_STEPS }, () => rng.int(2)),
    vector: Array.from({ length: VECTOR_STEPS }, () => Array.from({ length: VECTOR_ENVS }, () => rng.int(2))),
  };
}

function peer(): Peer {
  if (peerCache) return peerCache;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-'));
  try {
    const file = path.join(dir, 'actions.json');
    writeFileAtomic(file, JSON.stringify(actions()));
    peerCache = runPeer<Peer>('gym_cartpole.py', [file, String(WARMUP), String(REPEATS)]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return peerCache;
}

const timeIt = (run: () => number): { ms: number; out: number } => timeMedian(WARMUP, REPEATS, run);

const perSecond = (steps: number, ms: number): string => `${Math.round((steps / ms) * 1e3).toLocaleString('en-US')} steps/s`;

/** Steps of the single-asset trading environment per second (3 registry features, window 10, costs). */
function tradingStepsPerSecond(): { ms: number; steps: number } {
  const bars = readBarsCsv(projectPath('data', 'sp500.csv.gz'), { symbol: 'SPX' });
  const registry = featureRegistry();
  const featureSet = defineFeatureSet('bench', [
    { name: 'ret', kind: 'log_return' }, { name: 'rsi', kind: 'rsi' }, { name: 'z', kind: 'zscore' },
  ], registry);
  const env = new SingleAssetTradingEnv({
    bars, featureSet, registry, window: 10, episodeLength: 252, commission: bpsCommission({ bps: 10 }), slippage: fixedBpsSlippage({ bps: 5 }),
  });
  const rng = createRng(1);
  const acts = Array.from({ length: TRADING_STEPS }, () => rng.int(3));
  const { ms } = timeIt(() => {
    env.reset({ seed: 0 });
    for (const a of acts) {
      const [, , term, trunc] = env.step(a);
      if (term || trunc) env.reset();
    }
    return 0;
  });
  return { ms, steps: TRADING_STEPS };
}

export const cartPoleSingle: Benchmark = {
  name: 'rl-env-cartpole',
  async run() {
    const p = peer();
    const { single } = actions();
    const { ms, out } = timeIt(() => {
      const env = makeCartPole();
      env.reset({ seed: 0 });
      let episodes = 0;
      for (const a of single) {
        const [, , term, trunc] = env.step(a);
        if (term || trunc) { episodes++; env.reset(); }
      }
      return episodes;
    });
    const peerMs = median(p.single.ms);
    const trading = tradingStepsPerSecond();
    return result(
      `CartPole-v1 steps, single env, ${SINGLE_STEPS.toLocaleString('en-US')} random actions`, ms, `gymnasium gym.make('CartPole-v1') (${p.versions})`, peerMs,
      `ours ${perSecond(SINGLE_STEPS, ms)} vs Gymnasium ${perSecond(p.single.steps, peerMs)}; episodes ours ${out}, peer ${p.single.episodes} ` +
        `(same actions, different reset draws); median of ${REPEATS} after ${WARMUP} warm-up. SingleAssetTradingEnv (S&P 500, 3 features, ` +
        `window 10, bps costs): ${perSecond(trading.steps, trading.ms)} (no peer)`,
    );
  },
};

export const cartPoleVector: Benchmark = {
  name: 'rl-env-cartpole-vec8',
  async run() {
    const p = peer();
    const { vector } = actions();
    const { ms, out } = timeIt(() => {
      const venv = new SyncVectorEnv(Array.from({ length: VECTOR_ENVS }, () => () => makeCartPole()));
      venv.reset({ seed: 0 });
      let episodes = 0;
      for (const batch of vector) {
        const [, , term, trunc] = venv.step(batch);
        for (let i = 0; i < VECTOR_ENVS; i++) if (term[i] || trunc[i]) episodes++;
      }
      return episodes;
    });
    const steps = VECTOR_ENVS * VECTOR_STEPS, peerMs = median(p.vector.ms);
    return result(
      `CartPole-v1 steps, SyncVectorEnv x ${VECTOR_ENVS}, ${steps.toLocaleString('en-US')} env steps`, ms, `gymnasium.vector.SyncVectorEnv SAME_STEP (${p.versions})`, peerMs,
      `ours ${perSecond(steps, ms)} vs Gymnasium ${perSecond(p.vector.steps, peerMs)}; episodes ours ${out}, peer ${p.vector.episodes}; median of ${REPEATS} after ${WARMUP} warm-up`,
    );
  },
};

export const rlEnvBenchmarks: readonly Benchmark[] = [cartPoleSingle, cartPoleVector];
