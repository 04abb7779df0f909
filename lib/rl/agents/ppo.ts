// Proximal Policy Optimization as stable-baselines3 2.x runs it (PPO + MlpPolicy): rollouts of
// nSteps per environment from a vector of environments, truncated episodes bootstrapped with the
// value of their final observation, GAE(lambda), then nEpochs of shuffled minibatches of the
// clipped-surrogate loss with global-norm gradient clipping and Adam. Separate policy and value
// networks run side by side on TensorFlow kernels (StackedMlp); every random draw comes from the
// Rng passed in, so a seed fixes the weights after training.
import { InvalidArgumentError } from '../../util/errors';
import type { Rng } from '../../util/random';
import { spaceFromJSON } from '../core/space-json';
import type { Space, SpaceJSON, VectorEnv } from '../core/types';
import { clipGradNorm, FlatAdam } from './adam';
import {
  asVectorEnv, batchObservations, checkEnvMatches, checkLearnOptions, EpisodeTracker, resolveSpaces, scheduleValue, type AgentEnv, type AgentSpaces,
  type ResolvedSpaces,
} from './common';
import { argmaxRow, categoricalLogProb, gaussianLogProb, sampleCategorical } from './distributions';
import { computeGae, explainedVariance } from './gae';
import { headWeights, initOrthogonalHead, mlpParameterCount, setHeadWeights, StackedMlp } from './mlp';
import { resolvePpoOptions, type PpoConfig, type PpoOptions } from './ppo-options';
import { ppoLoss, type PpoLossResult } from './ppo-loss';
import { RolloutBuffer } from './rollout-buffer';

/** What onRollout receives after each rollout's update: plain numbers, ready for MLflow metrics. */
export interface PpoRolloutStats {
  readonly iteration: number;
  readonly timesteps: number;
  /** Mean return and length of the last 100 finished training episodes (NaN before the first). */
  readonly episodeReturnMean: number;
  readonly episodeLengthMean: number;
  readonly episodes: number;
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropyLoss: number;
  /** The last minibatch's total loss. */
  readonly loss: number;
  /** Mean over the last epoch's minibatches, as stable-baselines3 logs it. */
  readonly approxKl: number;
  readonly clipFraction: number;
  readonly explainedVariance: number;
  readonly learningRate: number;
  readonly clipRange: number;
  /** Gradient steps taken so far. */
  readonly updates: number;
  /** Mean standard deviation of the Gaussian policy (Box actions only). */
  readonly std?: number;
  /** Environment steps per second over this iteration (rollout and update). */
  readonly fps: number;
}

export interface PpoLearnOptions {
  readonly totalTimesteps: number;
  /** Called after every rollout's update; returning false stops training. */
  readonly onRollout?: (stats: PpoRolloutStats) => boolean | void;
}

export interface PpoJSON {
  readonly format: 'quantlab.ppo';
  readonly version: 1;
  readonly config: PpoConfig;
  readonly observationSpace: SpaceJSON;
  readonly actionSpace: SpaceJSON;
  readonly timesteps: number;
  readonly weights: {
    readonly policy: { weight: number[]; bias: number[] }[];
    readonly value: { weight: number[]; bias: number[] }[];
    readonly logStd?: number[];
  };
}

const LEARN_OPTION_NAMES = ['totalTimesteps', 'onRollout'] as const;

export class Ppo<Act extends number | Float64Array = number | Float64Array> {
  readonly config: PpoConfig;
  readonly observationSpace: Space<Float64Array>;
  readonly actionSpace: Space<Act>;
  private readonly spaces: ResolvedSpaces;
  private readonly gaussian: boolean;
  /** Outputs per head: actions (categorical) or action dimensions (gaussian). */
  private readonly k: number;
  private readonly net: StackedMlp;
  /** The network's parameters, then (gaussian) the log standard deviations: one optimizer for all. */
  private readonly params: Float32Array;
  private readonly logStd: Float32Array;
  private readonly adam: FlatAdam;
  private timesteps = 0;
  private updates = 0;

  constructor(spaces: AgentSpaces & { readonly actionSpace: Space<Act> }, options: PpoOptions = {}, private readonly rng: Rng) {
    this.config = resolvePpoOptions(options);
    this.spaces = resolveSpaces(spaces, true);
    if (!rng || typeof rng.uniform !== 'function') throw new InvalidArgumentError('rng', rng, 'must be an Rng', 'pass createRng(seed)');
    this.observationSpace = spaces.observationSpace;
    this.actionSpace = spaces.actionSpace;
    const act = this.spaces.action;
    this.gaussian = act.kind === 'box';
    this.k = act.kind === 'box' ? act.low.length : act.n;
    const layout = { inputSize: this.spaces.observationSize, hiddenSizes: this.config.hiddenSizes, outputSize: this.k, heads: 2, activation: 'tanh' as const };
    const netSize = mlpParameterCount(layout);
    this.params = new Float32Array(netSize + (this.gaussian ? this.k : 0));
    this.net = new StackedMlp(layout, this.params.subarray(0, netSize));
    this.logStd = this.params.subarray(netSize);
    this.logStd.fill(this.config.logStdInit);
    const hidden = this.config.hiddenSizes.map(() => Math.SQRT2);
    initOrthogonalHead(this.net, 0, [...hidden, 0.01], this.k, rng);
    initOrthogonalHead(this.net, 1, [...hidden, 1], 1, rng);
    this.adam = new FlatAdam(this.params, this.config.adamEpsilon);
  }

  /** Environment steps trained on so far. */
  get numTimesteps(): number {
    return this.timesteps;
  }

  /**
   * Trains for at least `totalTimesteps` environment steps (whole rollouts). The environments are
   * reset first with a seed drawn from the agent's Rng.
   */
  learn(env: AgentEnv, options: PpoLearnOptions): this {
    const total = checkLearnOptions(options, LEARN_OPTION_NAMES, 'onRollout');
    checkEnvMatches(this.spaces, env, true);
    const venv = asVectorEnv(env);
    const cfg = this.config, n = venv.numEnvs;
    const buffer = new RolloutBuffer(cfg.nSteps, n, this.spaces.observationSize, this.gaussian ? this.k : 1);
    const episodes = new EpisodeTracker(n);
    let [obs] = venv.reset({ seed: this.rng.nextSeed() });
    let starts = new Float64Array(n).fill(1);
    const start = this.timesteps;
    for (let iteration = 1; this.timesteps - start < total; iteration++) {
      const began = performance.now();
      const last = this.collectRollout(venv, buffer, episodes, obs, starts);
      obs = last.obs; starts = last.dones;
      const { advantages, returns } = computeGae({
        nSteps: cfg.nSteps, nEnvs: n, rewards: buffer.rewards, values: buffer.values, episodeStarts: buffer.episodeStarts,
        lastValues: this.valuesOf(batchObservations(obs, this.spaces.observationSize)), lastDones: last.dones, gamma: cfg.gamma, gaeLambda: cfg.gaeLambda,
      });
      // Progress is clamped at 0: the last rollout may overshoot totalTimesteps, which would turn a linear schedule negative.
      const progress = Math.max(0, 1 - (this.timesteps - start) / total);
      const trained = this.train(buffer, advantages, returns, progress);
      const stats: PpoRolloutStats = {
        iteration, timesteps: this.timesteps, ...episodes.means(), episodes: episodes.completed, ...trained,
        explainedVariance: explainedVariance(buffer.values, returns), updates: this.updates,
        ...(this.gaussian ? { std: this.logStd.reduce((s, v) => s + Math.exp(v), 0) / this.k } : {}),
        fps: (cfg.nSteps * n) / ((performance.now() - began) / 1000),
      };
      if (options.onRollout?.(stats) === false) break;
    }
    return this;
  }

  /** The action for one observation: the mode (deterministic) or a draw from the agent's Rng, clipped to a Box. */
  predict(observation: Float64Array, deterministic = true): Act {
    return this.predictBatch([observation], deterministic)[0]!;
  }

  /** Actions for a batch of observations in one forward pass. */
  predictBatch(observations: readonly Float64Array[], deterministic = true): Act[] {
    if (!Array.isArray(observations) || observations.length === 0) throw new InvalidArgumentError('observations', observations, 'must be a non-empty array of observations', 'pass [obs] or use predict(obs)');
    const rows = observations.length;
    const out = this.net.forward(batchObservations(observations, this.spaces.observationSize), rows);
    const actions: Act[] = [];
    for (let r = 0; r < rows; r++) {
      const { envAction } = this.chooseAction(out, r, deterministic);
      actions.push(envAction as Act);
    }
    return actions;
  }

  /** The value network's estimates V(s) for a batch of observations. */
  predictValues(observations: readonly Float64Array[]): Float64Array {
    if (!Array.isArray(observations) || observations.length === 0) throw new InvalidArgumentError('observations', observations, 'must be a non-empty array of observations', 'pass [obs]');
    return this.valuesOf(batchObservations(observations, this.spaces.observationSize));
  }

  toJSON(): PpoJSON {
    return {
      format: 'quantlab.ppo', version: 1, config: this.config, observationSpace: this.spaces.observation, actionSpace: this.spaces.action, timesteps: this.timesteps,
      weights: {
        policy: headWeights(this.net, 0), value: headWeights(this.net, 1, 1),
        ...(this.gaussian ? { logStd: Array.from(this.logStd) } : {}),
      },
    };
  }

  /** Rebuilds an agent from toJSON() output; its optimizer starts afresh. */
  static fromJSON<A extends number | Float64Array = number | Float64Array>(json: unknown, rng: Rng): Ppo<A> {
    const j = json as Partial<PpoJSON> | null;
    if (!j || typeof j !== 'object' || j.format !== 'quantlab.ppo' || j.version !== 1) {
      throw new InvalidArgumentError('json', json, 'is not a PPO checkpoint (format "quantlab.ppo", version 1)', 'pass the object written by ppo.toJSON() (JSON.parse of the saved file)');
    }
    const spaces = { observationSpace: spaceFromJSON(j.observationSpace, 'json.observationSpace'), actionSpace: spaceFromJSON(j.actionSpace, 'json.actionSpace') };
    const agent = new Ppo<A>(spaces as unknown as AgentSpaces & { actionSpace: Space<A> }, (j.config ?? {}) as PpoOptions, rng);
    const w = j.weights as PpoJSON['weights'] | undefined;
    setHeadWeights(agent.net, 0, w?.policy, 'json.weights.policy');
    setHeadWeights(agent.net, 1, w?.value, 'json.weights.value', 1);
    if (agent.gaussian) {
      const ls = w?.logStd;
      if (!Array.isArray(ls) || ls.length !== agent.k || !ls.every(Number.isFinite)) throw new InvalidArgumentError('json.weights.logStd', ls, `must be ${agent.k} finite numbers`, 'pass the checkpoint written by toJSON()');
      agent.logStd.set(ls);
    }
    agent.timesteps = Number.isSafeInteger(j.timesteps) ? j.timesteps! : 0;
    return agent;
  }

  /** Frees the network's tensors. */
  dispose(): void {
    this.net.dispose();
  }

  /** Samples (or picks) the action of row r: the action to store (unclipped, 0-based) and the one to send to the environment. */
  private chooseAction(out: Float32Array, r: number, deterministic: boolean): { stored: number | Float64Array; envAction: number | Float64Array } {
    const k = this.k, act = this.spaces.action;
    if (act.kind === 'discrete') {
      const index = deterministic ? argmaxRow(out, r, k) : sampleCategorical(out, r, k, this.rng.uniform());
      return { stored: index, envAction: index + act.start };
    }
    const a = new Float64Array(k), clipped = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      a[j] = out[r * k + j]! + (deterministic ? 0 : Math.exp(this.logStd[j]!) * this.rng.normal());
      clipped[j] = Math.min(Math.max(a[j]!, act.low[j]!), act.high[j]!);
    }
    return { stored: a, envAction: clipped };
  }

  /** Value estimates of a batch of observations (the value head's first output). */
  private valuesOf(x: Float32Array): Float64Array {
    const rows = x.length / this.spaces.observationSize;
    const out = this.net.forward(x, rows);
    return Float64Array.from({ length: rows }, (_, r) => out[(rows + r) * this.k]!);
  }

  private collectRollout(venv: VectorEnv<Float64Array, unknown>, buffer: RolloutBuffer, episodes: EpisodeTracker, firstObs: Float64Array[], firstStarts: Float64Array): { obs: Float64Array[]; dones: Float64Array } {
    const n = venv.numEnvs, k = this.k, obsSize = this.spaces.observationSize;
    let obs = firstObs, starts = firstStarts;
    const dones = new Float64Array(n);
    for (let t = 0; t < this.config.nSteps; t++) {
      const x = buffer.observationRow(t);
      batchObservations(obs, obsSize, x);
      const out = this.net.forward(x, n);
      const envActions: unknown[] = new Array(n);
      const logProbs = new Float64Array(n), values = new Float64Array(n);
      for (let e = 0; e < n; e++) {
        const { stored, envAction } = this.chooseAction(out, e, false);
        envActions[e] = envAction;
        buffer.setAction(t, e, stored);
        logProbs[e] = this.logProbOf(out, e, stored);
        values[e] = out[(n + e) * k]!;
      }
      const [nextObs, rewards, terminated, truncated, infos] = venv.step(envActions);
      this.timesteps += n;
      const r = Float64Array.from(rewards);
      const timeouts: number[] = [];
      for (let e = 0; e < n; e++) {
        dones[e] = terminated[e] || truncated[e] ? 1 : 0;
        episodes.record(e, rewards[e]!, dones[e] === 1);
        if (truncated[e] && !terminated[e]) timeouts.push(e);
      }
      if (timeouts.length > 0) {
        // A time limit is not a terminal state: the return continues past it, estimated by the value function.
        const finals = timeouts.map((e) => {
          const final = infos[e]?.finalObservation;
          if (!(final instanceof Float64Array)) throw new InvalidArgumentError(`infos[${e}].finalObservation`, final, 'is missing after a truncated step', 'use a VectorEnv that auto-resets and keeps the last observation in info.finalObservation (SyncVectorEnv)');
          return final;
        });
        const v = this.valuesOf(batchObservations(finals, obsSize));
        timeouts.forEach((e, i) => { r[e] = r[e]! + this.config.gamma * v[i]!; });
      }
      buffer.setStep(t, r, starts, values, logProbs);
      obs = nextObs;
      starts = Float64Array.from(dones);
    }
    return { obs, dones };
  }

  private logProbOf(out: Float32Array, r: number, stored: number | Float64Array): number {
    const row = out.subarray(r * this.k, (r + 1) * this.k);
    return typeof stored === 'number' ? categoricalLogProb(row, this.k, [stored])[0]! : gaussianLogProb(row, this.logStd, stored, this.k)[0]!;
  }

  private train(buffer: RolloutBuffer, advantages: Float64Array, returns: Float64Array, progress: number) {
    const cfg = this.config, k = this.k, size = buffer.size;
    const learningRate = scheduleValue(cfg.learningRate, progress), clipRange = scheduleValue(cfg.clipRange, progress);
    const grads = new Float64Array(this.params.length);
    const pg: number[] = [], vl: number[] = [], ent: number[] = [], clipFractions: number[] = [];
    let kls: number[] = [], loss = Number.NaN;
    const all = Array.from({ length: size }, (_, i) => i);
    let stop = false;
    for (let epoch = 0; epoch < cfg.nEpochs && !stop; epoch++) {
      kls = [];
      const order = this.rng.shuffled(all);
      for (let s = 0; s < size; s += cfg.batchSize) {
        const mb = buffer.minibatch(order.slice(s, s + cfg.batchSize), advantages, returns);
        const rows = mb.rows;
        let result!: PpoLossResult;
        const { grads: netGrads } = this.net.forwardBackward(mb.observations, rows, (out) => {
          const values = Float64Array.from({ length: rows }, (_, r) => out[(rows + r) * k]!);
          result = ppoLoss({
            distribution: this.gaussian ? 'gaussian' : 'categorical', policyOut: out.subarray(0, rows * k), k, values, logStd: this.logStd,
            actions: mb.actions, oldLogProb: mb.logProbs, advantages: mb.advantages, returns: mb.returns, clipRange,
            entCoef: cfg.entCoef, vfCoef: cfg.vfCoef, normalizeAdvantage: cfg.normalizeAdvantage,
          });
          const dOut = new Float64Array(2 * rows * k);
          dOut.set(result.dPolicyOut, 0);
          for (let r = 0; r < rows; r++) dOut[(rows + r) * k] = result.dValues[r]!;
          return dOut;
        });
        pg.push(result.policyLoss); vl.push(result.valueLoss); ent.push(result.entropyLoss); clipFractions.push(result.clipFraction); kls.push(result.approxKl);
        loss = result.loss;
        if (cfg.targetKl !== null && result.approxKl > 1.5 * cfg.targetKl) { stop = true; break; }
        grads.set(netGrads, 0);
        if (this.gaussian) grads.set(result.dLogStd, netGrads.length);
        clipGradNorm(grads, cfg.maxGradNorm);
        this.adam.step(grads, learningRate);
        this.net.invalidate();
        this.updates++;
      }
    }
    const mean = (a: number[]) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : Number.NaN);
    return { policyLoss: mean(pg), valueLoss: mean(vl), entropyLoss: mean(ent), loss, approxKl: mean(kls), clipFraction: mean(clipFractions), learningRate, clipRange };
  }
}
