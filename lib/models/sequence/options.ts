// Options of SequenceModel: one typed object, defaults as named constants, every field checked at
// the boundary and options that do not apply to the chosen task rejected, never ignored.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';

export type RecurrentCell = 'gru' | 'lstm';
export type SequenceTask = 'classification' | 'regression';
export type SequencePooling = 'last' | 'attention';
export type HeadActivation = 'relu' | 'tanh';

export const DEFAULT_CELL: RecurrentCell = 'gru';
export const DEFAULT_TASK: SequenceTask = 'classification';
export const DEFAULT_LAYERS: readonly number[] = [32];
export const DEFAULT_POOLING: SequencePooling = 'last';
export const DEFAULT_SEQUENCE_DROPOUT = 0;
export const DEFAULT_RECURRENT_DROPOUT = 0;
export const DEFAULT_CLASSES = 2;
export const DEFAULT_OUTPUTS = 1;
export const DEFAULT_HEAD_ACTIVATION: HeadActivation = 'relu';
/** Keras' LayerNormalization epsilon, so weights move between the two unchanged. */
export const LAYER_NORM_EPSILON = 1e-3;

export interface HeadOptions {
  /** Hidden dense layers between the pooled state and the output layer; none by default. */
  readonly units?: readonly number[];
  readonly activation?: HeadActivation;
}

export interface SequenceModelOptions {
  /** Rows per input window. */
  readonly lookback: number;
  /** Feature columns per row. */
  readonly features: number;
  readonly cell?: RecurrentCell;
  readonly task?: SequenceTask;
  /** Units of each stacked recurrent layer, bottom first; each returns its sequence to the next. */
  readonly layers?: readonly number[];
  /** Adds a second layer per level over the time-reversed input; outputs are concatenated. */
  readonly bidirectional?: boolean;
  /** 'last': the top layer's final state; 'attention': a softmax-weighted sum over time steps. */
  readonly pooling?: SequencePooling;
  /** Input dropout of every recurrent layer, in [0, 1); one mask per sequence, shared over time (Keras). */
  readonly dropout?: number;
  /**
   * Dropout of h(t-1) in every recurrent layer, in [0, 1): one mask per gate and sequence, shared
   * over time (Keras 3). Above 0, training runs a per-step loop (slower); prediction stays fused.
   */
  readonly recurrentDropout?: number;
  /** Layer normalisation (Keras epsilon 1e-3) of every recurrent layer's output. */
  readonly layerNorm?: boolean;
  readonly head?: HeadOptions;
  /** Classification only: 2 gives one sigmoid output, more a softmax over the classes. */
  readonly classes?: number;
  /** Regression only: targets per window. */
  readonly outputs?: number;
}

export interface ResolvedSequenceOptions {
  readonly lookback: number;
  readonly features: number;
  readonly cell: RecurrentCell;
  readonly task: SequenceTask;
  readonly layers: readonly number[];
  readonly bidirectional: boolean;
  readonly pooling: SequencePooling;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly layerNorm: boolean;
  readonly head: { readonly units: readonly number[]; readonly activation: HeadActivation };
  /** Classes for classification, targets for regression. */
  readonly classes?: number;
  readonly outputs?: number;
}

const KEYS = ['lookback', 'features', 'cell', 'task', 'layers', 'bidirectional', 'pooling', 'dropout', 'recurrentDropout', 'layerNorm', 'head', 'classes', 'outputs'];
const HEAD_KEYS = ['units', 'activation'];
const WHERE = 'SequenceModel options';

export function resolveSequenceOptions(options: SequenceModelOptions): ResolvedSequenceOptions {
  rejectUnknownOptions(WHERE, options, KEYS);
  rejectUnknownOptions(`${WHERE}.head`, options.head, HEAD_KEYS);
  positiveInteger('lookback', options.lookback, 'the window length used by makeSequences, e.g. 10');
  positiveInteger('features', options.features, 'the number of feature columns');
  const cell = oneOf('cell', options.cell ?? DEFAULT_CELL, ['gru', 'lstm']);
  const task = oneOf('task', options.task ?? DEFAULT_TASK, ['classification', 'regression']);
  const pooling = oneOf('pooling', options.pooling ?? DEFAULT_POOLING, ['last', 'attention']);
  const layers = unitList('layers', options.layers ?? DEFAULT_LAYERS, false);
  const headUnits = unitList('head.units', options.head?.units ?? [], true);
  const activation = oneOf('head.activation', options.head?.activation ?? DEFAULT_HEAD_ACTIVATION, ['relu', 'tanh']);
  const dropout = rate('dropout', options.dropout ?? DEFAULT_SEQUENCE_DROPOUT);
  const recurrentDropout = rate('recurrentDropout', options.recurrentDropout ?? DEFAULT_RECURRENT_DROPOUT);
  for (const name of ['bidirectional', 'layerNorm'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') {
      throw new InvalidArgumentError(`${WHERE}.${name}`, options[name], 'must be a boolean', 'pass true or false');
    }
  }
  const common = {
    lookback: options.lookback, features: options.features, cell, task, layers, pooling, dropout,
    bidirectional: options.bidirectional ?? false, recurrentDropout, layerNorm: options.layerNorm ?? false,
    head: { units: headUnits, activation },
  };
  if (task === 'classification') {
    if (options.outputs !== undefined) {
      throw new InvalidArgumentError(`${WHERE}.outputs`, options.outputs, 'applies to regression only', 'leave it out, or set classes for a classifier');
    }
    const classes = options.classes ?? DEFAULT_CLASSES;
    if (!Number.isInteger(classes) || classes < 2) {
      throw new InvalidArgumentError(`${WHERE}.classes`, classes, 'must be an integer >= 2', 'pass 2 for a binary classifier');
    }
    return { ...common, classes };
  }
  if (options.classes !== undefined) {
    throw new InvalidArgumentError(`${WHERE}.classes`, options.classes, 'applies to classification only', 'leave it out, or set outputs for a regressor');
  }
  const outputs = options.outputs ?? DEFAULT_OUTPUTS;
  positiveInteger('outputs', outputs, 'the number of targets per window, e.g. 1');
  return { ...common, outputs };
}

/** A dropout rate: a number in [0, 1); 1 would drop every unit and scale by infinity. */
function rate(name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new InvalidArgumentError(`${WHERE}.${name}`, value, 'must lie in [0, 1)', 'pass a rate such as 0.2, or 0 for none');
  }
  return value;
}

function positiveInteger(name: string, value: unknown, what: string): void {
  if (!Number.isInteger(value) || (value as number) < 1) throw new InvalidArgumentError(`${WHERE}.${name}`, value, 'must be a positive integer', `pass ${what}`);
}

function oneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw new InvalidArgumentError(`${WHERE}.${name}`, value, `must be one of ${allowed.join(', ')}`, `pass '${allowed[0]}'`);
  return value;
}

function unitList(name: string, value: readonly number[], emptyOk: boolean): readonly number[] {
  if (!Array.isArray(value) || (!emptyOk && value.length === 0) || value.some((u) => !Number.isInteger(u) || u < 1)) {
    throw new InvalidArgumentError(`${WHERE}.${name}`, value, `must be an array of positive integers${emptyOk ? '' : ', at least one'}`, 'pass e.g. [64, 32]');
  }
  return [...value];
}
