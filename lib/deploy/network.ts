// The network inside a deployed model and the runtime that runs it. ONNX Runtime runs the same
// weights about 2.5x faster than TensorFlow.js per prediction at batch 1 (what serving does), so it
// is the default where the kind's network exports to ONNX; 'tfjs' runs the training runtime itself.
// Every saved folder also carries the network as model.onnx (MLflow's onnx flavor), so tools
// outside this library can run it.
import * as path from 'node:path';
import { OnnxRuntimeUnavailableError, OnnxSequencePredictor, sequenceModelToOnnx, type WindowPredictor } from '../models/onnx';
import type { SequenceModel } from '../models/sequence';
import { InvalidArgumentError } from '../util/errors';
import { writeFileAtomic } from '../util/project';

/** What runs a deployed model's network. */
export type NetworkRuntime = 'onnx' | 'tfjs';
/** 'auto': ONNX Runtime when the network exports to ONNX and the runtime loads, else TensorFlow.js. */
export type RuntimeChoice = NetworkRuntime | 'auto';
export const RUNTIME_CHOICES: readonly RuntimeChoice[] = ['auto', 'onnx', 'tfjs'];
export const DEFAULT_RUNTIME: RuntimeChoice = 'auto';

/** The network file of a saved folder, named as MLflow's onnx flavor names it. */
export const ONNX_FILE = 'model.onnx';

export interface DeployOptions {
  /** What runs the network (default 'auto'). */
  readonly runtime?: RuntimeChoice;
}

export interface Network extends WindowPredictor {
  readonly runtime: NetworkRuntime;
  /** Frees the runtime's session and the model's tensors. */
  dispose(): void;
}

export function checkRuntime(argument: string, value: unknown): RuntimeChoice {
  if (value === undefined) return DEFAULT_RUNTIME;
  if (!RUNTIME_CHOICES.includes(value as RuntimeChoice)) {
    throw new InvalidArgumentError(argument, value, `is not one of ${RUNTIME_CHOICES.join(', ')}`, "leave it out (auto: ONNX Runtime where it loads), or pass 'tfjs' to predict with TensorFlow.js");
  }
  return value as RuntimeChoice;
}

/**
 * The network of a SequenceModel on the chosen runtime. The returned Network owns the model; when
 * none can be made the model is disposed and the error thrown.
 * `openOnnx` opens the ONNX session (tests pass one that fails, to see the fallback).
 */
export function sequenceNetwork(model: SequenceModel, choice: RuntimeChoice = DEFAULT_RUNTIME,
  openOnnx: (m: SequenceModel) => OnnxSequencePredictor = (m) => new OnnxSequencePredictor(m)): Network {
  if (choice !== 'tfjs') {
    try {
      const onnx = openOnnx(model);
      return { runtime: 'onnx', predict: (x) => onnx.predict(x), dispose: () => { onnx.dispose(); model.dispose(); } };
    } catch (error) {
      if (choice === 'onnx' || !(error instanceof OnnxRuntimeUnavailableError)) {
        model.dispose();
        throw error;
      }
    }
  }
  return { runtime: 'tfjs', predict: (x) => model.predict(x), dispose: () => model.dispose() };
}

/** Writes the model's network as model.onnx into `dir`; returns the file name. */
export function writeOnnxFile(dir: string, model: SequenceModel): string {
  writeFileAtomic(path.join(dir, ONNX_FILE), sequenceModelToOnnx(model));
  return ONNX_FILE;
}
