// CartPole-v1 with Gymnasium 1.x's dynamics (Barto, Sutton & Anderson 1983, the equations of
// Florian 2005 as Gymnasium codes them): explicit Euler steps of 0.02 s, a 10 N push left (0) or
// right (1), reward 1 on every step including the one that ends the episode, termination when
// |x| > 2.4 or |theta| > 12 degrees, and each state variable drawn uniformly from [-0.05, 0.05)
// at reset. makeCartPole adds the 500-step TimeLimit that gym.make('CartPole-v1') adds.
// Observations are the float64 state (Gymnasium rounds its copy to float32).
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { Box } from '../core/box';
import { Discrete } from '../core/discrete';
import { BaseEnv } from '../core/env';
import { TimeLimit } from '../core/wrappers/time-limit';
import type { Info, StepResult } from '../core/types';

export const CARTPOLE_GRAVITY = 9.8;
export const CARTPOLE_MASS_CART = 1.0;
export const CARTPOLE_MASS_POLE = 0.1;
/** Half the pole's length. */
export const CARTPOLE_HALF_LENGTH = 0.5;
export const CARTPOLE_FORCE = 10.0;
export const CARTPOLE_TAU = 0.02;
export const CARTPOLE_X_THRESHOLD = 2.4;
export const CARTPOLE_THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
export const CARTPOLE_RESET_BOUND = 0.05;
/** CartPole-v1's registered max_episode_steps. */
export const CARTPOLE_MAX_EPISODE_STEPS = 500;

const TOTAL_MASS = CARTPOLE_MASS_POLE + CARTPOLE_MASS_CART;
const POLE_MASS_LENGTH = CARTPOLE_MASS_POLE * CARTPOLE_HALF_LENGTH;

/**
 * One Euler step of the cart-pole from `s` = [x, xDot, theta, thetaDot] under `action` (0 left,
 * 1 right), written into `out` (which may be `s`). The operations follow Gymnasium's order so
 * the results agree to the last bits.
 */
export function cartPoleStep(s: Float64Array, action: number, out: Float64Array): void {
  const x = s[0]!, xDot = s[1]!, theta = s[2]!, thetaDot = s[3]!;
  const force = action === 1 ? CARTPOLE_FORCE : -CARTPOLE_FORCE;
  const cos = Math.cos(theta), sin = Math.sin(theta);
  const temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sin) / TOTAL_MASS;
  const thetaAcc = (CARTPOLE_GRAVITY * sin - cos * temp) / (CARTPOLE_HALF_LENGTH * (4.0 / 3.0 - (CARTPOLE_MASS_POLE * (cos * cos)) / TOTAL_MASS));
  const xAcc = temp - (POLE_MASS_LENGTH * thetaAcc * cos) / TOTAL_MASS;
  out[0] = x + CARTPOLE_TAU * xDot;
  out[1] = xDot + CARTPOLE_TAU * xAcc;
  out[2] = theta + CARTPOLE_TAU * thetaDot;
  out[3] = thetaDot + CARTPOLE_TAU * thetaAcc;
}

export function cartPoleTerminal(s: Float64Array): boolean {
  const x = s[0]!, theta = s[2]!;
  return x < -CARTPOLE_X_THRESHOLD || x > CARTPOLE_X_THRESHOLD || theta < -CARTPOLE_THETA_THRESHOLD || theta > CARTPOLE_THETA_THRESHOLD;
}

export class CartPoleEnv extends BaseEnv<Float64Array, number> {
  readonly observationSpace = new Box(
    [-2 * CARTPOLE_X_THRESHOLD, -Infinity, -2 * CARTPOLE_THETA_THRESHOLD, -Infinity],
    [2 * CARTPOLE_X_THRESHOLD, Infinity, 2 * CARTPOLE_THETA_THRESHOLD, Infinity],
  );
  readonly actionSpace = new Discrete(2);
  override readonly metadata = Object.freeze({ renderModes: [], renderFps: 50 });
  private readonly s = new Float64Array(4);

  /** The state [x, xDot, theta, thetaDot] (a copy). */
  get state(): Float64Array {
    return this.s.slice();
  }

  /**
   * Reset options, as Gymnasium's: { low, high } bounds of the uniform draw (default ∓0.05).
   */
  protected resetEpisode(options: Readonly<Record<string, unknown>> | undefined): [Float64Array, Info] {
    rejectUnknownOptions('options.options', options, ['low', 'high']);
    const low = bound('options.options.low', options?.low ?? -CARTPOLE_RESET_BOUND);
    const high = bound('options.options.high', options?.high ?? CARTPOLE_RESET_BOUND);
    if (!(low < high)) throw new InvalidArgumentError('options.options.low', low, `is not below high = ${high}`, 'pass low < high, e.g. { low: -0.05, high: 0.05 }');
    for (let i = 0; i < 4; i++) this.s[i] = low + (high - low) * this.rng.uniform();
    return [this.s.slice(), {}];
  }

  protected stepEpisode(action: number): StepResult<Float64Array> {
    cartPoleStep(this.s, action, this.s);
    return [this.s.slice(), 1, cartPoleTerminal(this.s), false, {}];
  }
}

/** gym.make('CartPole-v1'): the environment inside its 500-step TimeLimit. */
export function makeCartPole(options: { readonly maxEpisodeSteps?: number } = {}): TimeLimit<Float64Array, number> {
  rejectUnknownOptions('options', options, ['maxEpisodeSteps']);
  return new TimeLimit(new CartPoleEnv(), options.maxEpisodeSteps ?? CARTPOLE_MAX_EPISODE_STEPS);
}

function bound(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidArgumentError(argument, value, 'must be a finite number', 'pass a bound such as 0.05');
  return value;
}
