// Deep Q-learning as stable-baselines3 2.x runs it (DQN + MlpPolicy, Discrete actions): uniformly
// random actions for the first learningStarts steps, then epsilon-greedy with epsilon falling
// linearly over explorationFraction of training; every trainFreq vector steps, gradientSteps
// minibatches from a replay buffer, Huber loss against a target network's one-step targets,
// global-norm clipping and Adam; the target network follows every targetUpdateInterval steps.
// Every random draw comes from the Rng passed in.
import { InvalidArgumentError } from '../../util/errors';
import type { Rng } from '../../util/random';
import { spaceFromJSON } from '../core/space-json';
import type { Space, SpaceJSON } from '../core/types';
import { clipGradNorm, FlatAdam } from './adam';
import {
  asVectorEnv, batchObservations, checkEnvMatches, checkLearnOptions, EpisodeTracker, resolveSpaces, scheduleValue, type AgentEnv, type ResolvedSpaces,
} from './common';
import { argmaxRow } from './distributions';
import { dqnTargets, explorationRate, huberLoss } from './dqn-loss';
import { resolveDqnOptions, type DqnConfig, type DqnOptions } from './dqn-options';
import { headWeights, initUniformFanIn, mlpParameterCount, setHeadWeights, StackedMlp, type MlpLayout } from './mlp';
import { ReplayBuffer } from './replay-buffer';

/** What onLog receives: plain numbers, ready for MLflow metrics. */
export interface DqnLogStats {
  readonly timesteps: number;
  readonly explorationRate: number;
  readonly learningRate: number;
  /** Mean Huber loss of the gradient steps since the last call (NaN when none). */
  readonly loss: number;
  readonly updates: number;
  /** Mean return and length of the last 100 finished training episodes (NaN before the first). */
  readonly episodeReturnMean: number;
  readonly episodeLengthMean: number;
  readonly episodes: number;
}

export interface DqnLearnOptions {
  readonly totalTimesteps: number;
  /** Called every logInterval environment steps; returning false stops training. */
  readonly onLog?: (stats: DqnLogStats) => boolean | void;
  readonly logInterval?: number;
}

export const DEFAULT_DQN_LOG_INTERVAL = 1000;

export interface DqnJSON {
  readonly format: 'quantlab.dqn';
  readonly version: 1;
  readonly config: DqnConfig;
  readonly observationSpace: SpaceJSON;
  readonly actionSpace: SpaceJSON;
  readonly timesteps: number;
  readonly weights: { readonly q: { weight: number[]; bias: number[] }[] };
}

const LEARN_OPTION_NAMES = ['totalTimesteps', 'onLog', 'logInterval'] as const;

export class Dqn {
  readonly config: DqnConfig;
  readonly observationSpace: Space<Float64Array>;
  readonly actionSpace: Space<number>;
  private readonly spaces: ResolvedSpaces;
  private readonly nActions: number;
  private readonly actionStart: number;
  private readonly q: StackedMlp;
  private readonly target: StackedMlp;
  private readonly adam: FlatAdam;
  private buffer: ReplayBuffer | undefined;
  private timesteps = 0;
  private updates = 0;
  private calls = 0;
  /** Epsilon now: used by predict(obs, false), as stable-baselines3's DQN.predict. */
  exploration: number;

  constructor(spaces: { readonly observationSpace: Space<Float64Array>; readonly actionSpace: Space<number> }, options: DqnOptions = {}, private readonly rng: Rng) {
    this.config = resolveDqnOptions(options);
    this.spaces = resolveSpaces(spaces, false);
    if (!rng || typeof rng.uniform !== 'function') throw new InvalidArgumentError('rng', rng, 'must be an Rng', 'pass createRng(seed)');
    this.observationSpace = spaces.observationSpace;
    this.actionSpace = spaces.actionSpace;
    const act = this.spaces.action as { n: number; start: number };
    this.nActions = act.n; this.actionStart = act.start;
    const layout: MlpLayout = { inputSize: this.spaces.observationSize, hiddenSizes: this.config.hiddenSizes, outputSize: this.nActions, heads: 1, activation: 'relu' };
    this.q = new StackedMlp(layout, new Float32Array(mlpParameterCount(layout)));
    this.target = new StackedMlp(layout, new Float32Array(mlpParameterCount(layout)));
    initUniformFanIn(this.q, rng);
    this.syncTarget(1);
    this.adam = new FlatAdam(this.q.params, this.config.adamEpsilon);
    this.exploration = this.config.explorationInitialEps;
  }

  get numTimesteps(): number {
    return this.timesteps;
  }

  /** Trains for at least `totalTimesteps` environment steps; the environments are reset first with a seed from the agent's Rng. */
  learn(env: AgentEnv, options: DqnLearnOptions): this {
    const total = checkLearnOptions(options, LEARN_OPTION_NAMES, 'onLog');
    const logInterval = options.logInterval ?? DEFAULT_DQN_LOG_INTERVAL;
    if (!Number.isSafeInteger(logInterval) || logInterval < 1) throw new InvalidArgumentError('options.logInterval', logInterval, 'must be a whole number >= 1', 'pass e.g. 1000 (environment steps)');
    checkEnvMatches(this.spaces, env, false);
    const venv = asVectorEnv(env);
    const cfg = this.config, n = venv.numEnvs, obsSize = this.spaces.observationSize;
    this.buffer ??= new ReplayBuffer(cfg.bufferSize, obsSize);
    const episodes = new EpisodeTracker(n);
    let [obs] = venv.reset({ seed: this.rng.nextSeed() });
    const start = this.timesteps;
    let losses: number[] = [], nextLog = logInterval;
    while (this.timesteps - start < total) {
      for (let step = 0; step < cfg.trainFreq; step++) {
        const x = batchObservations(obs, obsSize);
        const actions = this.timesteps < cfg.learningStarts ? Array.from({ length: n }, () => this.rng.int(this.nActions)) : this.epsilonGreedy(x, n);
        const [nextObs, rewards, terminated, truncated, infos] = venv.step(actions.map((a) => a + this.actionStart));
        this.timesteps += n;
        for (let e = 0; e < n; e++) {
          const done = terminated[e]! || truncated[e]!;
          episodes.record(e, rewards[e]!, done);
          const final = done ? infos[e]?.finalObservation : nextObs[e];
          if (!(final instanceof Float64Array)) throw new InvalidArgumentError(`infos[${e}].finalObservation`, final, 'is missing after an episode ended', 'use a VectorEnv that auto-resets and keeps the last observation in info.finalObservation (SyncVectorEnv)');
          this.buffer.add(x.subarray(e * obsSize, (e + 1) * obsSize), final, actions[e]!, rewards[e]!, terminated[e]!);
        }
        obs = nextObs;
        const progress = Math.max(0, 1 - (this.timesteps - start) / total);
        this.calls++;
        if (this.calls % Math.max(Math.floor(cfg.targetUpdateInterval / n), 1) === 0) this.syncTarget(cfg.tau);
        this.exploration = explorationRate(progress, cfg.explorationInitialEps, cfg.explorationFinalEps, cfg.explorationFraction);
      }
      const progress = Math.max(0, 1 - (this.timesteps - start) / total);
      if (this.timesteps > cfg.learningStarts) losses.push(...this.train(scheduleValue(cfg.learningRate, progress)));
      if (options.onLog && this.timesteps - start >= nextLog) {
        while (nextLog <= this.timesteps - start) nextLog += logInterval;
        const stats: DqnLogStats = {
          timesteps: this.timesteps, explorationRate: this.exploration, learningRate: scheduleValue(cfg.learningRate, progress),
          loss: losses.length ? losses.reduce((a, b) => a + b, 0) / losses.length : Number.NaN, updates: this.updates, ...episodes.means(), episodes: episodes.completed,
        };
        losses = [];
        if (options.onLog(stats) === false) break;
      }
    }
    return this;
  }

  /** The greedy action (deterministic) or, with probability `exploration`, a uniformly random one. */
  predict(observation: Float64Array, deterministic = true): number {
    return this.predictBatch([observation], deterministic)[0]!;
  }

  predictBatch(observations: readonly Float64Array[], deterministic = true): number[] {
    if (!Array.isArray(observations) || observations.length === 0) throw new InvalidArgumentError('observations', observations, 'must be a non-empty array of observations', 'pass [obs] or use predict(obs)');
    const x = batchObservations(observations, this.spaces.observationSize);
    const actions = deterministic ? this.greedy(x, observations.length) : this.epsilonGreedy(x, observations.length);
    return actions.map((a) => a + this.actionStart);
  }

  /** Q-values [rows, nActions] of a batch of observations. */
  qValues(observations: readonly Float64Array[]): Float32Array {
    return this.q.forward(batchObservations(observations, this.spaces.observationSize), observations.length);
  }

  toJSON(): DqnJSON {
    return {
      format: 'quantlab.dqn', version: 1, config: this.config, observationSpace: this.spaces.observation, actionSpace: this.spaces.action,
      timesteps: this.timesteps, weights: { q: headWeights(this.q, 0) },
    };
  }

  /** Rebuilds an agent from toJSON() output: the target network starts as a copy, the optimizer and replay buffer empty. */
  static fromJSON(json: unknown, rng: Rng): Dqn {
    const j = json as Partial<DqnJSON> | null;
    if (!j || typeof j !== 'object' || j.format !== 'quantlab.dqn' || j.version !== 1) {
      throw new InvalidArgumentError('json', json, 'is not a DQN checkpoint (format "quantlab.dqn", version 1)', 'pass the object written by dqn.toJSON() (JSON.parse of the saved file)');
    }
    const spaces = { observationSpace: spaceFromJSON(j.observationSpace, 'json.observationSpace'), actionSpace: spaceFromJSON(j.actionSpace, 'json.actionSpace') };
    const agent = new Dqn(spaces as unknown as { observationSpace: Space<Float64Array>; actionSpace: Space<number> }, (j.config ?? {}) as DqnOptions, rng);
    setHeadWeights(agent.q, 0, j.weights?.q, 'json.weights.q');
    agent.syncTarget(1);
    agent.timesteps = Number.isSafeInteger(j.timesteps) ? j.timesteps! : 0;
    return agent;
  }

  dispose(): void {
    this.q.dispose();
    this.target.dispose();
  }

  private greedy(x: Float32Array, rows: number): number[] {
    const out = this.q.forward(x, rows);
    return Array.from({ length: rows }, (_, r) => argmaxRow(out, r, this.nActions));
  }

  /** Per environment: a random action with probability epsilon, else the greedy one. */
  private epsilonGreedy(x: Float32Array, rows: number): number[] {
    const greedy = this.greedy(x, rows);
    return greedy.map((a) => (this.rng.uniform() < this.exploration ? this.rng.int(this.nActions) : a));
  }

  private train(learningRate: number): number[] {
    const cfg = this.config, buffer = this.buffer!, losses: number[] = [];
    for (let g = 0; g < cfg.gradientSteps; g++) {
      const batch = buffer.sample(cfg.batchSize, this.rng);
      const nextQ = this.target.forward(batch.nextObservations, batch.rows);
      const targets = dqnTargets(nextQ, this.nActions, batch.rewards, batch.terminated, cfg.gamma);
      let loss = 0;
      const { grads } = this.q.forwardBackward(batch.observations, batch.rows, (q) => {
        const result = huberLoss(q, this.nActions, batch.actions, targets);
        loss = result.loss;
        return result.dQ;
      });
      clipGradNorm(grads, cfg.maxGradNorm);
      this.adam.step(grads, learningRate);
      this.q.invalidate();
      this.updates++;
      losses.push(loss);
    }
    return losses;
  }

  /** target <- tau * q + (1 - tau) * target (Polyak averaging; tau 1 copies). */
  private syncTarget(tau: number): void {
    const t = this.target.params, q = this.q.params;
    for (let i = 0; i < t.length; i++) t[i] = tau === 1 ? q[i]! : tau * q[i]! + (1 - tau) * t[i]!;
    this.target.invalidate();
  }
}
