// Simulation of a composed model, as arch's model.simulate(params, nobs, burn): standardised draws
// from the distribution, the volatility recursion started at its unconditional level, and the
// mean recursion started at zero, with the first `burn` values discarded.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Rng } from '../../util/random';
import { drawMany } from './distributions';
import type { Parts } from './estimate';
import { infeasibility } from './estimate';

export interface SimulateOptions {
  /** Leading draws discarded (default DEFAULT_ARCH_BURN, as arch). */
  readonly burn?: number;
}

export interface ArchSimulation {
  readonly y: Float64Array;
  readonly residuals: Float64Array;
  readonly variance: Float64Array;
}

export const DEFAULT_ARCH_BURN = 500;

/** Checks named params against the model; returns theta in model order. */
export function paramsToVector(parts: Parts, params: Readonly<Record<string, number>>, argument: string, checkFeasible: boolean): Float64Array {
  const names = [...parts.mean.paramNames, ...parts.volatility.paramNames, ...parts.distribution.paramNames];
  if (params === null || typeof params !== 'object') throw new InvalidArgumentError(argument, params, 'must be an object of named parameters', `pass { ${names.join(', ')} }`);
  const extra = Object.keys(params).filter((k) => !names.includes(k));
  if (extra.length) throw new InvalidArgumentError(`${argument}.${extra[0]}`, params[extra[0]], 'is not a parameter of this model', `use only: ${names.join(', ')}`);
  const theta = new Float64Array(names.length);
  names.forEach((nm, i) => {
    const v = params[nm];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidArgumentError(`${argument}.${nm}`, v, 'must be a finite number', `pass { ${names.join(', ')} }`);
    theta[i] = v;
  });
  if (checkFeasible) {
    const kv = parts.volatility.paramNames.length;
    const loose: Array<[number, number]> = Array.from({ length: kv }, () => [-Infinity, Infinity]);
    loose[0] = parts.volatility.spec.type === 'egarch' ? [-Infinity, Infinity] : [0, Infinity];
    const problem = infeasibility(parts, theta, loose);
    if (problem) throw new InvalidArgumentError(argument, params, `are infeasible: ${problem}`, 'pass parameters inside the bounds and constraints of the model');
  }
  return theta;
}

export function simulateArch(parts: Parts, params: Readonly<Record<string, number>>, n: number, rng: Rng, options: SimulateOptions = {}): ArchSimulation {
  rejectUnknownOptions('simulate options', options, ['burn']);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('n', n, 'must be a positive integer', 'pass the number of observations to simulate');
  if (!rng || typeof rng.normal !== 'function') throw new InvalidArgumentError('rng', rng, 'must be an Rng', 'pass createRng(seed) from quantlab');
  const burn = options.burn ?? DEFAULT_ARCH_BURN;
  if (!Number.isInteger(burn) || burn < 0) throw new InvalidArgumentError('simulate options.burn', burn, 'must be a non-negative integer', 'omit it or pass e.g. 500');
  if (parts.mean.spec.type === 'arx' && parts.mean.spec.exogenous > 0) {
    throw new InvalidArgumentError('model', 'mean with exogenous regressors', 'cannot be simulated without future regressors', 'simulate the model without x');
  }
  const theta = paramsToVector(parts, params, 'params', true);
  const km = parts.mean.paramNames.length, kv = parts.volatility.paramNames.length;
  const total = n + burn;
  const z = drawMany(parts.distribution, theta.subarray(km + kv), rng, total);
  const e = new Float64Array(total), s2 = new Float64Array(total), ys = new Float64Array(total);
  parts.volatility.simulate(theta.subarray(km, km + kv), z, e, s2);
  const beta = theta.subarray(0, km), lags = parts.mean.holdBack;
  for (let t = lags; t < total; t++) ys[t] = parts.mean.step(beta, ys, t, undefined) + e[t];
  return { y: ys.slice(burn), residuals: e.slice(burn), variance: s2.slice(burn) };
}
