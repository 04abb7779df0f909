// A ring buffer of single transitions for off-policy learning. `terminated` is 1 only for a true
// end of the task: a time-limit truncation stores 0, so the target bootstraps through it
// (stable-baselines3's handle_timeout_termination), and nextObservation is the episode's final
// observation, not the first of the next one.
import type { Rng } from '../../util/random';

export interface ReplaySample {
  readonly rows: number;
  readonly observations: Float32Array;
  readonly nextObservations: Float32Array;
  readonly actions: Int32Array;
  readonly rewards: Float64Array;
  readonly terminated: Float64Array;
}

export class ReplayBuffer {
  private readonly observations: Float32Array;
  private readonly nextObservations: Float32Array;
  private readonly actions: Int32Array;
  private readonly rewards: Float64Array;
  private readonly terminated: Float64Array;
  private position = 0;
  private filled = 0;

  constructor(readonly capacity: number, readonly observationSize: number) {
    this.observations = new Float32Array(capacity * observationSize);
    this.nextObservations = new Float32Array(capacity * observationSize);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float64Array(capacity);
    this.terminated = new Float64Array(capacity);
  }

  /** Transitions held (at most capacity). */
  get size(): number {
    return this.filled;
  }

  add(observation: ArrayLike<number>, nextObservation: ArrayLike<number>, action: number, reward: number, terminated: boolean): void {
    const i = this.position, s = this.observationSize;
    this.observations.set(observation, i * s);
    this.nextObservations.set(nextObservation, i * s);
    this.actions[i] = action;
    this.rewards[i] = reward;
    this.terminated[i] = terminated ? 1 : 0;
    this.position = (i + 1) % this.capacity;
    this.filled = Math.min(this.filled + 1, this.capacity);
  }

  /** `rows` transitions drawn uniformly with replacement. */
  sample(rows: number, rng: Rng): ReplaySample {
    const s = this.observationSize;
    const out = {
      rows, observations: new Float32Array(rows * s), nextObservations: new Float32Array(rows * s),
      actions: new Int32Array(rows), rewards: new Float64Array(rows), terminated: new Float64Array(rows),
    };
    for (let r = 0; r < rows; r++) {
      const i = rng.int(this.filled);
      out.observations.set(this.observations.subarray(i * s, (i + 1) * s), r * s);
      out.nextObservations.set(this.nextObservations.subarray(i * s, (i + 1) * s), r * s);
      out.actions[r] = this.actions[i]!;
      out.rewards[r] = this.rewards[i]!;
      out.terminated[r] = this.terminated[i]!;
    }
    return out;
  }
}
