// Generalized advantage estimation over a rollout of nSteps x nEnvs transitions, stored step-major
// (index t * nEnvs + e), as stable-baselines3's RolloutBuffer.compute_returns_and_advantage: a
// step's successor is cut off where the next observation starts a new episode, and the returns
// are the TD(lambda) targets advantages + values. Timeouts are bootstrapped earlier, in the
// rewards, so `episodeStarts` marks only where the value chain breaks.
import { InvalidArgumentError } from '../../util/errors';

export interface GaeInput {
  readonly nSteps: number;
  readonly nEnvs: number;
  /** Rewards, step-major; a truncated step's reward already holds gamma * V(final observation). */
  readonly rewards: Float64Array;
  /** Value estimates of the observations the actions were taken in, step-major. */
  readonly values: Float64Array;
  /** 1 where the observation of step t is the first of an episode, step-major. */
  readonly episodeStarts: Float64Array;
  /** Values of the observations after the last step, one per environment. */
  readonly lastValues: Float64Array;
  /** 1 where the last step ended an episode, one per environment. */
  readonly lastDones: Float64Array;
  readonly gamma: number;
  readonly gaeLambda: number;
}

export interface GaeResult {
  readonly advantages: Float64Array;
  /** advantages + values: the value function's regression targets. */
  readonly returns: Float64Array;
}

/** GAE(lambda) advantages and TD(lambda) returns, a pure function of the rollout. */
export function computeGae(input: GaeInput): GaeResult {
  const { nSteps, nEnvs, rewards, values, episodeStarts, lastValues, lastDones, gamma, gaeLambda } = input;
  const size = nSteps * nEnvs;
  for (const [name, array, length] of [['rewards', rewards, size], ['values', values, size], ['episodeStarts', episodeStarts, size], ['lastValues', lastValues, nEnvs], ['lastDones', lastDones, nEnvs]] as const) {
    if (array.length !== length) throw new InvalidArgumentError(`input.${name}`, array, `must hold ${length} values (nSteps ${nSteps} x nEnvs ${nEnvs} or one per environment)`, 'pass the rollout buffer\'s arrays unchanged');
  }
  const advantages = new Float64Array(size);
  const returns = new Float64Array(size);
  for (let e = 0; e < nEnvs; e++) {
    let lastGae = 0;
    for (let t = nSteps - 1; t >= 0; t--) {
      const i = t * nEnvs + e;
      const last = t === nSteps - 1;
      const nextNonTerminal = 1 - (last ? lastDones[e]! : episodeStarts[i + nEnvs]!);
      const nextValue = last ? lastValues[e]! : values[i + nEnvs]!;
      const delta = rewards[i]! + gamma * nextValue * nextNonTerminal - values[i]!;
      lastGae = delta + gamma * gaeLambda * nextNonTerminal * lastGae;
      advantages[i] = lastGae;
      returns[i] = lastGae + values[i]!;
    }
  }
  return { advantages, returns };
}

/** 1 - Var(y - yPred) / Var(y), stable-baselines3's explained_variance (NaN when Var(y) is 0). */
export function explainedVariance(yPred: Float64Array, y: Float64Array): number {
  const n = y.length;
  let my = 0, md = 0;
  for (let i = 0; i < n; i++) { my += y[i]!; md += y[i]! - yPred[i]!; }
  my /= n; md /= n;
  let vy = 0, vd = 0;
  for (let i = 0; i < n; i++) {
    const dy = y[i]! - my, dd = y[i]! - yPred[i]! - md;
    vy += dy * dy; vd += dd * dd;
  }
  return vy === 0 ? Number.NaN : 1 - vd / vy;
}
