// One rollout of nSteps x nEnvs transitions, step-major (index t * nEnvs + e), in flat typed
// arrays: observations in float32 (what the network reads), the rest in double.
export interface Minibatch {
  readonly rows: number;
  readonly observations: Float32Array;
  /** 0-based action indices, or unclipped Gaussian samples [rows, actionSize]. */
  readonly actions: Float64Array;
  readonly logProbs: Float64Array;
  readonly advantages: Float64Array;
  readonly returns: Float64Array;
}

export class RolloutBuffer {
  readonly size: number;
  readonly observations: Float32Array;
  readonly actions: Float64Array;
  readonly rewards: Float64Array;
  readonly episodeStarts: Float64Array;
  readonly values: Float64Array;
  readonly logProbs: Float64Array;

  constructor(readonly nSteps: number, readonly nEnvs: number, readonly observationSize: number, readonly actionSize: number) {
    this.size = nSteps * nEnvs;
    this.observations = new Float32Array(this.size * observationSize);
    this.actions = new Float64Array(this.size * actionSize);
    this.rewards = new Float64Array(this.size);
    this.episodeStarts = new Float64Array(this.size);
    this.values = new Float64Array(this.size);
    this.logProbs = new Float64Array(this.size);
  }

  /** The observation rows of step t (a view: write the batch straight into the buffer). */
  observationRow(t: number): Float32Array {
    const width = this.nEnvs * this.observationSize;
    return this.observations.subarray(t * width, (t + 1) * width);
  }

  setAction(t: number, e: number, action: number | Float64Array): void {
    const i = (t * this.nEnvs + e) * this.actionSize;
    if (typeof action === 'number') this.actions[i] = action;
    else this.actions.set(action, i);
  }

  setStep(t: number, rewards: Float64Array, episodeStarts: Float64Array, values: Float64Array, logProbs: Float64Array): void {
    const o = t * this.nEnvs;
    this.rewards.set(rewards, o);
    this.episodeStarts.set(episodeStarts, o);
    this.values.set(values, o);
    this.logProbs.set(logProbs, o);
  }

  /** The transitions at `indices`, gathered into contiguous arrays. */
  minibatch(indices: readonly number[], advantages: Float64Array, returns: Float64Array): Minibatch {
    const rows = indices.length, os = this.observationSize, as = this.actionSize;
    const observations = new Float32Array(rows * os), actions = new Float64Array(rows * as);
    const logProbs = new Float64Array(rows), adv = new Float64Array(rows), ret = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const i = indices[r]!;
      observations.set(this.observations.subarray(i * os, (i + 1) * os), r * os);
      actions.set(this.actions.subarray(i * as, (i + 1) * as), r * as);
      logProbs[r] = this.logProbs[i]!; adv[r] = advantages[i]!; ret[r] = returns[i]!;
    }
    return { rows, observations, actions, logProbs, advantages: adv, returns: ret };
  }
}
