// DQN's regression step as pure functions (stable-baselines3's DQN.train): one-step TD targets
// from the target network's greedy value of the next observation, cut at true terminations, and
// the Huber (smooth L1, beta 1) loss of the chosen actions' Q-values with its gradient.

/** r + (1 - terminated) * gamma * max_a Qtarget(next, a), per row; nextQ is [rows, nActions]. */
export function dqnTargets(nextQ: ArrayLike<number>, nActions: number, rewards: ArrayLike<number>, terminated: ArrayLike<number>, gamma: number): Float64Array {
  const rows = rewards.length, out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let j = 0; j < nActions; j++) max = Math.max(max, nextQ[r * nActions + j]!);
    out[r] = rewards[r]! + (1 - terminated[r]!) * gamma * max;
  }
  return out;
}

export interface HuberResult {
  readonly loss: number;
  /** d loss / d Q, [rows, nActions]: non-zero only at the chosen actions. */
  readonly dQ: Float64Array;
}

/** mean Huber(Q(s, a) - target) over rows (torch's smooth_l1_loss, beta 1), and its gradient wrt all Q-values. */
export function huberLoss(q: ArrayLike<number>, nActions: number, actions: ArrayLike<number>, targets: ArrayLike<number>): HuberResult {
  const rows = targets.length, dQ = new Float64Array(rows * nActions);
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const i = r * nActions + actions[r]!;
    const d = q[i]! - targets[r]!, ad = Math.abs(d);
    loss += ad < 1 ? 0.5 * d * d : ad - 0.5;
    dQ[i] = (ad < 1 ? d : Math.sign(d)) / rows;
  }
  return { loss: loss / rows, dQ };
}

/**
 * stable-baselines3's get_linear_fn for exploration: from `start` to `end` over the first
 * `fraction` of training, then `end`.
 */
export function explorationRate(progressRemaining: number, start: number, end: number, fraction: number): number {
  const done = 1 - progressRemaining;
  return done > fraction ? end : start + (done * (end - start)) / fraction;
}
