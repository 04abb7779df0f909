// Simulation of a constant-mean GARCH(1,1) with normal innovations, started (as arch) at the
// unconditional variance and run through a burn-in that is discarded.
import type { Rng } from '../util/random';
import { InvalidArgumentError } from '../util/errors';
import { validateGarch11Params, type Garch11Params } from './garch11';
import { rejectUnknownOptions } from './validate';
import { garch11UnconditionalVariance } from './volatility';

export interface SimulateGarch11Options {
  /** Leading draws discarded so the start value is forgotten (default DEFAULT_SIMULATION_BURN). */
  readonly burn?: number;
}

export interface Garch11Simulation {
  readonly returns: Float64Array;
  readonly variance: Float64Array;
}

export const DEFAULT_SIMULATION_BURN = 500;

export function simulateGarch11(params: Garch11Params, n: number, rng: Rng, options: SimulateGarch11Options = {}): Garch11Simulation {
  validateGarch11Params('params', params);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('n', n, 'must be a positive integer', 'pass the number of observations to simulate');
  }
  if (!rng || typeof rng.normal !== 'function') {
    throw new InvalidArgumentError('rng', rng, 'must be an Rng', 'pass createRng(seed) from lib/util');
  }
  rejectUnknownOptions('options', options, ['burn']);
  const burn = options.burn ?? DEFAULT_SIMULATION_BURN;
  if (!Number.isInteger(burn) || burn < 0) {
    throw new InvalidArgumentError('options.burn', burn, 'must be a non-negative integer', 'omit it or pass e.g. 500');
  }
  const { mu, omega, alpha, beta } = params;
  const returns = new Float64Array(n), variance = new Float64Array(n);
  let s = garch11UnconditionalVariance(params);
  let e = Math.sqrt(s) * rng.normal();
  for (let t = 0; t < n + burn; t++) {
    if (t > 0) {
      s = omega + alpha * e * e + beta * s;
      e = Math.sqrt(s) * rng.normal();
    }
    if (t >= burn) {
      returns[t - burn] = mu + e;
      variance[t - burn] = s;
    }
  }
  return { returns, variance };
}
