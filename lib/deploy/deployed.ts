// A deployed model: one kind's network and feature code behind one checked entry point, raw input
// in and a probability for the last bar out, whatever the kind. Kinds implement a small core;
// the signature check, the registry version and disposal are added here once for all of them.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { InvalidArgumentError } from '../util/errors';
import type { ModelMetadata } from './metadata';
import type { NetworkRuntime } from './network';
import { PROBABILITY_OUTPUTS, readInput, type ColumnSpec, type InputColumns, type ModelSignature } from './signature';

export interface Prediction {
  /** Time (epoch ms) of the last input bar: the probability is for the bar after it. */
  readonly time: number;
  readonly probability: number;
  /** Registry version of the model, when it was loaded by a models:/ URI. */
  readonly version?: string;
}

/** What a kind implements: prediction from checked columns, its files, and freeing its memory. */
export interface ModelCore {
  /** The raw input's columns (time first). */
  readonly inputs: readonly ColumnSpec[];
  predict(input: InputColumns): { time: number; probability: number };
  /** What runs the network; 'tfjs' when left out. */
  readonly runtime?: NetworkRuntime;
  /** Writes the kind's files into `dir` (created if needed); returns their names. */
  writeFiles(dir: string): string[];
  dispose(): void;
}

/** A saved model's identity and, when it came from a tracking server, where from. */
export interface ModelOrigin {
  readonly modelUuid: string;
  /** `utc_time_created` of the MLmodel file. */
  readonly createdAt: string;
  readonly runId?: string;
  /** Registered model name and version, when loaded by a models:/ URI. */
  readonly name?: string;
  readonly version?: string;
  /** The URI it was loaded from. */
  readonly uri?: string;
  /** The local folder it was loaded from. */
  readonly dir?: string;
}

export interface DeployedModel {
  readonly kind: string;
  readonly formatVersion: number;
  readonly signature: ModelSignature;
  readonly metadata: ModelMetadata;
  readonly origin: ModelOrigin;
  /** Shorthand for origin.version. */
  readonly version?: string;
  /** What runs the network: ONNX Runtime or TensorFlow.js (loadModel's `runtime` option). */
  readonly runtime: NetworkRuntime;
  /** Checks `input` against the signature, then predicts for its last bar. */
  predict(input: unknown): Prediction;
  /** Writes the kind's files (not the MLmodel: saveModel writes that) into `dir`. */
  writeFiles(dir: string): string[];
  /** Frees the network (and a temporary download folder); the model is unusable afterwards. */
  dispose(): void;
  readonly disposed: boolean;
}

export interface DeployedParts {
  readonly kind: string;
  readonly formatVersion: number;
  readonly minHistory: number;
  readonly metadata: ModelMetadata;
  readonly origin?: Partial<ModelOrigin>;
  /** Runs after the core is disposed (removes a temporary download folder). */
  readonly cleanupDir?: string;
}

export const utcTimeCreated = (date = new Date()): string => date.toISOString().replace('T', ' ').replace('Z', '');

/** Wraps a kind's core into a DeployedModel; the model owns the core (disposing it disposes the core). */
export function deployedModel(core: ModelCore, parts: DeployedParts): DeployedModel {
  if (!Number.isInteger(parts.minHistory) || parts.minHistory < 1) {
    throw new InvalidArgumentError('minHistory', parts.minHistory, 'must be a positive integer', 'compute it from the training data (features warm-up plus lookback)');
  }
  const signature: ModelSignature = { inputs: core.inputs, outputs: PROBABILITY_OUTPUTS, minHistory: parts.minHistory };
  const origin: ModelOrigin = { modelUuid: crypto.randomUUID().replace(/-/g, ''), createdAt: utcTimeCreated(), ...parts.origin };
  let disposed = false;
  return {
    kind: parts.kind,
    formatVersion: parts.formatVersion,
    signature,
    metadata: parts.metadata,
    origin,
    ...(origin.version !== undefined ? { version: origin.version } : {}),
    runtime: core.runtime ?? 'tfjs',
    predict(input: unknown): Prediction {
      if (disposed) throw new InvalidArgumentError('model', `${parts.kind} ${origin.version ?? origin.modelUuid}`, 'was disposed', 'load the model again');
      const p = core.predict(readInput(input, signature));
      return origin.version !== undefined ? { time: p.time, probability: p.probability, version: origin.version } : { time: p.time, probability: p.probability };
    },
    writeFiles: (dir) => core.writeFiles(dir),
    dispose(): void {
      if (disposed) return;
      disposed = true;
      core.dispose();
      if (parts.cleanupDir) fs.rmSync(parts.cleanupDir, { recursive: true, force: true });
    },
    get disposed() {
      return disposed;
    },
  };
}
