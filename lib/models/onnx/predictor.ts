// A SequenceModel's predictions run by ONNX Runtime: same input and output as
// SequenceModel.predict, from the same weights, about 2.5x faster per window at batch 1 on CPU
// (bench: serving-in-process). Float32 both ways; the two runtimes round differently, so the
// outputs agree to about 1e-7, not to the bit (test/models/onnx).
import type { SequenceModel } from '../sequence';
import { SEQUENCE_PREDICT_BATCH } from '../sequence/model';
import { ONNX_INPUT, ONNX_OUTPUT, sequenceModelToOnnx, type OnnxExportOptions } from './sequence';
import { OnnxSession, type OnnxSessionOptions } from './session';

/** What deployed models need of a network: windows in, outputs out (SequenceModel.predict's contract). */
export interface WindowPredictor {
  predict(x: Float32Array): Float32Array;
}

export class OnnxSequencePredictor implements WindowPredictor {
  /** The .onnx bytes the session runs (sequenceModelToOnnx of the model). */
  readonly bytes: Uint8Array;
  private readonly session: OnnxSession;
  private readonly step: number;
  private readonly width: number;
  private readonly lookback: number;
  private readonly features: number;

  /** Exports `model` (which stays the caller's) and opens a session on the graph. */
  constructor(private readonly model: SequenceModel, options: OnnxSessionOptions & OnnxExportOptions = {}) {
    this.bytes = sequenceModelToOnnx(model, options);
    this.session = new OnnxSession(this.bytes, options);
    this.lookback = model.config.lookback;
    this.features = model.config.features;
    this.step = this.lookback * this.features;
    this.width = model.outputWidth;
  }

  predict(x: Float32Array): Float32Array {
    const n = this.model.checkWindows('x', x);
    if (n <= SEQUENCE_PREDICT_BATCH) {
      return this.session.run(ONNX_INPUT, x, [n, this.lookback, this.features], ONNX_OUTPUT).data;
    }
    const out = new Float32Array(n * this.width);
    for (let from = 0; from < n; from += SEQUENCE_PREDICT_BATCH) {
      const size = Math.min(SEQUENCE_PREDICT_BATCH, n - from);
      const part = this.session.run(ONNX_INPUT, x.subarray(from * this.step, (from + size) * this.step), [size, this.lookback, this.features], ONNX_OUTPUT);
      out.set(part.data, from * this.width);
    }
    return out;
  }

  dispose(): void {
    this.session.dispose();
  }
}
