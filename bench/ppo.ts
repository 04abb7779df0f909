// PPO training wall time: 100,000 CartPole-v1 steps with rl-baselines3-zoo's hyperparameters (8
// environments, n_steps 32, batch 256, 20 epochs, linear learning rate 1e-3 and clip 0.2) against
// stable-baselines3 2.9 (PyTorch, CPU, 2 threads) in the same run (bench/peers/sb3_ppo.py). Both
// sides time learn() alone, once (a run takes tens of seconds), then score the trained policy
// deterministically so the note shows both actually learned the task.
import { backendInfo, createRng, evaluatePolicy, makeCartPole, Ppo, PPO_CARTPOLE_ZOO, SyncVectorEnv } from 'quantlab';
import { result, type Benchmark, type BenchResult } from './types';
import { runPeer } from './dataset';

const SEED = 1, EVAL_EPISODES = 20, EVAL_SEED = 10_000;

type Peer = { learn_ms: number; mean_return: number; versions: string };

export const ppoCartPole: Benchmark = {
  name: 'ppo-cartpole',
  async run(): Promise<BenchResult> {
    const { nEnvs, totalTimesteps, options } = PPO_CARTPOLE_ZOO;
    const venv = new SyncVectorEnv(Array.from({ length: nEnvs }, () => () => makeCartPole()));
    const agent = new Ppo(venv.envs[0]!, options, createRng(SEED));
    const t0 = performance.now();
    agent.learn(venv, { totalTimesteps });
    const oursMs = performance.now() - t0;
    const ours = evaluatePolicy(agent, () => makeCartPole(), { episodes: EVAL_EPISODES, seed: EVAL_SEED });
    agent.dispose();
    const peer = runPeer<Peer>('sb3_ppo.py', [String(totalTimesteps), String(SEED), String(EVAL_EPISODES)]);
    return result(
      `PPO CartPole-v1, ${totalTimesteps.toLocaleString('en-US')} steps, zoo hyperparameters (8 envs)`, oursMs, `stable-baselines3 PPO (${peer.versions})`, peer.learn_ms,
      `learn() wall time, one run each, seed ${SEED}; deterministic mean return over ${EVAL_EPISODES} episodes: ours ${ours.meanReturn.toFixed(1)}, ` +
        `peer ${peer.mean_return.toFixed(1)}; tfjs backend ${backendInfo().backend}`,
    );
  },
};
