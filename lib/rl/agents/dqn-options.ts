// DQN's options, stable-baselines3 2.x's defaults (DQN + its MlpPolicy), and their validation.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { checkSchedule, numberIn, positiveInteger, type Schedule } from './common';

export interface DqnOptions {
  readonly learningRate?: Schedule;
  /** Transitions the replay buffer holds. */
  readonly bufferSize?: number;
  /** Environment steps of uniformly random actions before learning starts. */
  readonly learningStarts?: number;
  readonly batchSize?: number;
  /** Soft-update coefficient of the target network (1: hard copy). */
  readonly tau?: number;
  readonly gamma?: number;
  /** Vector-environment steps between training phases. */
  readonly trainFreq?: number;
  /** Gradient steps per training phase. */
  readonly gradientSteps?: number;
  /** Environment steps between target-network updates. */
  readonly targetUpdateInterval?: number;
  /** Share of training over which epsilon falls from explorationInitialEps to explorationFinalEps. */
  readonly explorationFraction?: number;
  readonly explorationInitialEps?: number;
  readonly explorationFinalEps?: number;
  readonly maxGradNorm?: number;
  readonly hiddenSizes?: readonly number[];
  readonly adamEpsilon?: number;
}

export const DEFAULT_DQN_LEARNING_RATE = 1e-4;
export const DEFAULT_DQN_BUFFER_SIZE = 1_000_000;
export const DEFAULT_DQN_LEARNING_STARTS = 100;
export const DEFAULT_DQN_BATCH_SIZE = 32;
export const DEFAULT_DQN_TAU = 1;
export const DEFAULT_DQN_GAMMA = 0.99;
export const DEFAULT_DQN_TRAIN_FREQ = 4;
export const DEFAULT_DQN_GRADIENT_STEPS = 1;
export const DEFAULT_DQN_TARGET_UPDATE_INTERVAL = 10_000;
export const DEFAULT_DQN_EXPLORATION_FRACTION = 0.1;
export const DEFAULT_DQN_EXPLORATION_INITIAL_EPS = 1;
export const DEFAULT_DQN_EXPLORATION_FINAL_EPS = 0.05;
export const DEFAULT_DQN_MAX_GRAD_NORM = 10;
export const DEFAULT_DQN_HIDDEN_SIZES: readonly number[] = [64, 64];
/** torch.optim.Adam's default (stable-baselines3's DQN does not change it). */
export const DEFAULT_DQN_ADAM_EPSILON = 1e-8;

export interface DqnConfig {
  readonly learningRate: Schedule;
  readonly bufferSize: number;
  readonly learningStarts: number;
  readonly batchSize: number;
  readonly tau: number;
  readonly gamma: number;
  readonly trainFreq: number;
  readonly gradientSteps: number;
  readonly targetUpdateInterval: number;
  readonly explorationFraction: number;
  readonly explorationInitialEps: number;
  readonly explorationFinalEps: number;
  readonly maxGradNorm: number;
  readonly hiddenSizes: readonly number[];
  readonly adamEpsilon: number;
}

const OPTION_NAMES = ['learningRate', 'bufferSize', 'learningStarts', 'batchSize', 'tau', 'gamma', 'trainFreq', 'gradientSteps', 'targetUpdateInterval',
  'explorationFraction', 'explorationInitialEps', 'explorationFinalEps', 'maxGradNorm', 'hiddenSizes', 'adamEpsilon'] as const;

export function resolveDqnOptions(options: DqnOptions): DqnConfig {
  rejectUnknownOptions('options', options, OPTION_NAMES);
  const o = options ?? {};
  const hiddenSizes = o.hiddenSizes ?? DEFAULT_DQN_HIDDEN_SIZES;
  if (!Array.isArray(hiddenSizes) || hiddenSizes.length === 0 || !hiddenSizes.every((h) => Number.isSafeInteger(h) && h >= 1)) {
    throw new InvalidArgumentError('options.hiddenSizes', hiddenSizes, 'must be a non-empty array of whole numbers >= 1', 'pass e.g. [64, 64]');
  }
  const learningStarts = o.learningStarts ?? DEFAULT_DQN_LEARNING_STARTS;
  if (!Number.isSafeInteger(learningStarts) || learningStarts < 0) throw new InvalidArgumentError('options.learningStarts', learningStarts, 'must be a whole number >= 0', 'pass e.g. 100');
  return {
    learningRate: checkSchedule('options.learningRate', o.learningRate ?? DEFAULT_DQN_LEARNING_RATE, true),
    bufferSize: positiveInteger('options.bufferSize', o.bufferSize ?? DEFAULT_DQN_BUFFER_SIZE, '1_000_000 or 50_000'),
    learningStarts,
    batchSize: positiveInteger('options.batchSize', o.batchSize ?? DEFAULT_DQN_BATCH_SIZE, '32'),
    tau: numberIn('options.tau', o.tau ?? DEFAULT_DQN_TAU, 0, 1, '1 (hard update) or 0.005', true),
    gamma: numberIn('options.gamma', o.gamma ?? DEFAULT_DQN_GAMMA, 0, 1, '0.99'),
    trainFreq: positiveInteger('options.trainFreq', o.trainFreq ?? DEFAULT_DQN_TRAIN_FREQ, '4'),
    gradientSteps: positiveInteger('options.gradientSteps', o.gradientSteps ?? DEFAULT_DQN_GRADIENT_STEPS, '1'),
    targetUpdateInterval: positiveInteger('options.targetUpdateInterval', o.targetUpdateInterval ?? DEFAULT_DQN_TARGET_UPDATE_INTERVAL, '10_000'),
    explorationFraction: numberIn('options.explorationFraction', o.explorationFraction ?? DEFAULT_DQN_EXPLORATION_FRACTION, 0, 1, '0.1', true),
    explorationInitialEps: numberIn('options.explorationInitialEps', o.explorationInitialEps ?? DEFAULT_DQN_EXPLORATION_INITIAL_EPS, 0, 1, '1'),
    explorationFinalEps: numberIn('options.explorationFinalEps', o.explorationFinalEps ?? DEFAULT_DQN_EXPLORATION_FINAL_EPS, 0, 1, '0.05'),
    maxGradNorm: numberIn('options.maxGradNorm', o.maxGradNorm ?? DEFAULT_DQN_MAX_GRAD_NORM, 0, Infinity, '10', true),
    hiddenSizes: [...hiddenSizes],
    adamEpsilon: numberIn('options.adamEpsilon', o.adamEpsilon ?? DEFAULT_DQN_ADAM_EPSILON, 0, 1, '1e-8', true),
  };
}
