// PPO's options, stable-baselines3 2.x's defaults (PPO and MlpPolicy), and their validation.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { checkSchedule, numberIn, positiveInteger, type Schedule } from './common';

export interface PpoOptions {
  /** Steps per environment per rollout; the rollout holds nSteps x numEnvs transitions. */
  readonly nSteps?: number;
  /** Minibatch size. */
  readonly batchSize?: number;
  /** Passes over each rollout. */
  readonly nEpochs?: number;
  readonly gamma?: number;
  readonly gaeLambda?: number;
  /** Surrogate clip range; a linear schedule decays with the training progress. */
  readonly clipRange?: Schedule;
  readonly entCoef?: number;
  readonly vfCoef?: number;
  readonly maxGradNorm?: number;
  readonly learningRate?: Schedule;
  readonly normalizeAdvantage?: boolean;
  /** Stop a rollout's epochs once the approximate KL passes 1.5 x this (null: never). */
  readonly targetKl?: number | null;
  /** Hidden layers of both the policy and the value network (separate weights). */
  readonly hiddenSizes?: readonly number[];
  /** Initial log standard deviation of the Gaussian policy (Box actions). */
  readonly logStdInit?: number;
  readonly adamEpsilon?: number;
}

export const DEFAULT_PPO_N_STEPS = 2048;
export const DEFAULT_PPO_BATCH_SIZE = 64;
export const DEFAULT_PPO_N_EPOCHS = 10;
export const DEFAULT_PPO_GAMMA = 0.99;
export const DEFAULT_PPO_GAE_LAMBDA = 0.95;
export const DEFAULT_PPO_CLIP_RANGE = 0.2;
export const DEFAULT_PPO_ENT_COEF = 0;
export const DEFAULT_PPO_VF_COEF = 0.5;
export const DEFAULT_PPO_MAX_GRAD_NORM = 0.5;
export const DEFAULT_PPO_LEARNING_RATE = 3e-4;
export const DEFAULT_PPO_HIDDEN_SIZES: readonly number[] = [64, 64];
export const DEFAULT_PPO_LOG_STD_INIT = 0;
/** stable-baselines3's ActorCriticPolicy sets Adam's eps to 1e-5 (torch's default is 1e-8). */
export const DEFAULT_PPO_ADAM_EPSILON = 1e-5;

/** Every option resolved: what toJSON writes and fromJSON reads. */
export interface PpoConfig {
  readonly nSteps: number;
  readonly batchSize: number;
  readonly nEpochs: number;
  readonly gamma: number;
  readonly gaeLambda: number;
  readonly clipRange: Schedule;
  readonly entCoef: number;
  readonly vfCoef: number;
  readonly maxGradNorm: number;
  readonly learningRate: Schedule;
  readonly normalizeAdvantage: boolean;
  readonly targetKl: number | null;
  readonly hiddenSizes: readonly number[];
  readonly logStdInit: number;
  readonly adamEpsilon: number;
}

const OPTION_NAMES = ['nSteps', 'batchSize', 'nEpochs', 'gamma', 'gaeLambda', 'clipRange', 'entCoef', 'vfCoef', 'maxGradNorm', 'learningRate',
  'normalizeAdvantage', 'targetKl', 'hiddenSizes', 'logStdInit', 'adamEpsilon'] as const;

export function resolvePpoOptions(options: PpoOptions): PpoConfig {
  rejectUnknownOptions('options', options, OPTION_NAMES);
  const o = options ?? {};
  const normalizeAdvantage = o.normalizeAdvantage ?? true;
  if (typeof normalizeAdvantage !== 'boolean') throw new InvalidArgumentError('options.normalizeAdvantage', normalizeAdvantage, 'must be a boolean', 'pass true (the default) or false');
  const hiddenSizes = o.hiddenSizes ?? DEFAULT_PPO_HIDDEN_SIZES;
  if (!Array.isArray(hiddenSizes) || hiddenSizes.length === 0 || !hiddenSizes.every((h) => Number.isSafeInteger(h) && h >= 1)) {
    throw new InvalidArgumentError('options.hiddenSizes', hiddenSizes, 'must be a non-empty array of whole numbers >= 1', 'pass e.g. [64, 64]');
  }
  const targetKl = o.targetKl ?? null;
  return {
    nSteps: positiveInteger('options.nSteps', o.nSteps ?? DEFAULT_PPO_N_STEPS, '2048'),
    batchSize: positiveInteger('options.batchSize', o.batchSize ?? DEFAULT_PPO_BATCH_SIZE, '64'),
    nEpochs: positiveInteger('options.nEpochs', o.nEpochs ?? DEFAULT_PPO_N_EPOCHS, '10'),
    gamma: numberIn('options.gamma', o.gamma ?? DEFAULT_PPO_GAMMA, 0, 1, '0.99'),
    gaeLambda: numberIn('options.gaeLambda', o.gaeLambda ?? DEFAULT_PPO_GAE_LAMBDA, 0, 1, '0.95'),
    clipRange: checkSchedule('options.clipRange', o.clipRange ?? DEFAULT_PPO_CLIP_RANGE, true),
    entCoef: numberIn('options.entCoef', o.entCoef ?? DEFAULT_PPO_ENT_COEF, 0, Infinity, '0 or 0.01'),
    vfCoef: numberIn('options.vfCoef', o.vfCoef ?? DEFAULT_PPO_VF_COEF, 0, Infinity, '0.5'),
    maxGradNorm: numberIn('options.maxGradNorm', o.maxGradNorm ?? DEFAULT_PPO_MAX_GRAD_NORM, 0, Infinity, '0.5', true),
    learningRate: checkSchedule('options.learningRate', o.learningRate ?? DEFAULT_PPO_LEARNING_RATE, true),
    normalizeAdvantage,
    targetKl: targetKl === null ? null : numberIn('options.targetKl', targetKl, 0, Infinity, '0.01 or null', true),
    hiddenSizes: [...hiddenSizes],
    logStdInit: numberIn('options.logStdInit', o.logStdInit ?? DEFAULT_PPO_LOG_STD_INIT, -20, 2, '0'),
    adamEpsilon: numberIn('options.adamEpsilon', o.adamEpsilon ?? DEFAULT_PPO_ADAM_EPSILON, 0, 1, '1e-5', true),
  };
}

/**
 * rl-baselines3-zoo's tuned PPO hyperparameters for CartPole-v1 (hyperparams/ppo.yml): 8
 * environments, 100,000 steps, linear decay of the learning rate and clip range.
 */
export const PPO_CARTPOLE_ZOO = Object.freeze({
  nEnvs: 8,
  totalTimesteps: 100_000,
  options: Object.freeze({
    nSteps: 32, batchSize: 256, gaeLambda: 0.8, gamma: 0.98, nEpochs: 20, entCoef: 0,
    learningRate: Object.freeze({ kind: 'linear', start: 1e-3 }), clipRange: Object.freeze({ kind: 'linear', start: 0.2 }),
  }) as PpoOptions,
});
