// checkEnv catches each way an environment can break the contract, with a message naming the
// rule, what it saw and the fix; a sound environment passes with a report.
import { describe, expect, it } from 'vitest';
import { BaseEnv, Box, checkEnv, Discrete, EnvCheckError, type Env, type Info, type StepResult } from '../../../lib/rl';

interface Faults {
  obs?: (t: number) => unknown;
  reward?: number;
  terminated?: unknown;
  rejectAction?: number;
  random?: () => number;
  shared?: Float64Array;
}

/** A small sound environment (a random walk ended after 5 steps) with injectable faults. */
class Walk extends BaseEnv<Float64Array, number> {
  readonly observationSpace = new Box(-10, 10, [1]);
  readonly actionSpace = new Discrete(2);
  private x = 0;
  private t = 0;
  constructor(private readonly faults: Faults = {}) { super(); }
  protected resetEpisode(): [Float64Array, Info] {
    this.x = (this.faults.random ?? (() => this.rng.uniform()))() - 0.5;
    this.t = 0;
    return [this.obs(), {}];
  }
  protected stepEpisode(action: number): StepResult<Float64Array> {
    if (action === this.faults.rejectAction) throw new Error('this action is not supported');
    this.x += action === 1 ? 0.1 : -0.1;
    this.t++;
    const term = this.faults.terminated ?? this.t >= 5;
    return [(this.faults.obs?.(this.t) ?? this.obs()) as Float64Array, this.faults.reward ?? this.x, term as boolean, false, {}];
  }
  private obs(): Float64Array {
    if (this.faults.shared) { this.faults.shared[0] = this.x; return this.faults.shared; }
    return Float64Array.of(this.x);
  }
}

/** An Env without BaseEnv's guards: steps whenever asked. */
function unguarded(guardBeforeReset: boolean): Env<Float64Array, number> {
  let started = false, t = 0;
  return {
    observationSpace: new Box(-1, 1, [1]), actionSpace: new Discrete(2), metadata: {},
    reset() { started = true; t = 0; return [Float64Array.of(0), {}]; },
    step() {
      if (guardBeforeReset && !started) throw new Error('reset first');
      t++;
      return [Float64Array.of(0), 0, t % 3 === 0, false, {}];
    },
    close() {},
  };
}

describe('checkEnv', () => {
  it('passes a sound environment and reports what it checked', () => {
    const report = checkEnv(new Walk(), { steps: 50, seed: 3 });
    expect(report).toMatchObject({ steps: 50, episodesEnded: 10, stepAfterEndChecked: true, warnings: [] });
    expect(report.observationSpace).toEqual({ kind: 'box', low: [-10], high: [10], shape: [1] });
  });

  const cases: [string, () => Env<unknown, unknown> | (() => Env<unknown, unknown>), RegExp][] = [
    ['an observation outside the space', () => new Walk({ obs: (t) => Float64Array.of(t === 3 ? 50 : 0) }),
      /checkEnv: observation in space: the observation of step 2 is not in the observation space Box\(shape \[1\]\): element 0 = 50 is outside \[-10, 10\]\. Fix: return observations inside the declared space/],
    ['an observation of the wrong type', () => new Walk({ obs: () => [0] }), /the observation of step 0 is not in the observation space Box\(shape \[1\]\): it is Array, not a Float64Array/],
    ['a NaN reward', () => new Walk({ reward: Number.NaN }), /checkEnv: reward is a finite number: the reward of step 0 is NaN\. Fix: return a finite number as the reward/],
    ['a numeric terminated flag', () => new Walk({ terminated: 0 }), /checkEnv: terminated\/truncated are booleans: terminated of step 0 is 0, not a boolean/],
    ['an action of the space refused', () => new Walk({ rejectAction: 1 }), /checkEnv: sampled actions accepted: step\(1\) threw at step \d+: this action is not supported\. Fix: accept every element of the action space/],
    ['global random state', () => new Walk({ random: Math.random }), /checkEnv: determinism: two rollouts from reset\(\{ seed: 42 \}\) with the same actions differ at observation 0\. Fix: draw every random number from this\.rng/],
    ['one observation buffer reused', () => new Walk({ shared: new Float64Array(1) }), /checkEnv: observations not reused: the observation returned by reset\(\{ seed \}\) changed later\. Fix: return a fresh array/],
    ['stepping before reset', () => unguarded(false) as Env<unknown, unknown>, /checkEnv: step before reset: step\(\) before the first reset\(\) did not throw/],
    ['stepping after the end', () => unguarded(true) as Env<unknown, unknown>, /checkEnv: step after the end: step\(\) after step 2 ended the episode did not throw\. Fix: refuse to step an ended episode/],
    ['a reset without info', () => ({ ...unguarded(true), reset: () => Float64Array.of(0) }) as never, /checkEnv: reset signature: reset\(\{ seed \}\) returned array of length 1\. Fix: return \[observation, info\]/],
    ['a space without sample()', () => ({ ...unguarded(true), actionSpace: { kind: 'discrete', shape: [], contains: () => true, seed() {}, toJSON: () => ({}) } }) as never,
      /checkEnv: actionSpace declared: actionSpace\.sample is not a function/],
  ];
  for (const [what, make, message] of cases) {
    it(`fails on ${what}`, () => {
      expect(() => checkEnv(make())).toThrow(EnvCheckError);
      expect(() => checkEnv(make())).toThrow(message);
    });
  }

  it('warns, without failing, about action boxes outside [-1, 1] and unbounded observations', () => {
    const env = new (class extends Walk {
      override readonly actionSpace = new Discrete(2, 1);
      override readonly observationSpace = new Box(-Infinity, Infinity, [1]);
    })({ rejectAction: 0 });
    expect(checkEnv(env).warnings).toEqual([
      'the Discrete action space starts at 1: most agents emit 0..n-1',
      'the observation Box has infinite bounds: consider NormalizeObservation',
    ]);
  });

  it('rejects bad options with the argument, the value and the fix', () => {
    expect(() => checkEnv(new Walk(), { steps: 0 })).toThrow(/options\.steps = 0: must be a whole number >= 1/);
    expect(() => checkEnv(new Walk(), { seed: -2 })).toThrow(/options\.seed = -2: must be a non-negative safe integer/);
    expect(() => checkEnv(new Walk(), { step: 3 } as never)).toThrow(/options\.step = 3: is not a known option\. Fix: use only: steps, seed/);
  });
});
