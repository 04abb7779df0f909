// SequenceModel as plain JSON: the resolved options plus named weights, each as base64 of its
// little-endian float32 bytes (exact, and a third the size of number arrays). Number arrays are
// accepted on reading, for hand-written or foreign weights.
import { DataFormatError } from '../../util/errors';
import type { ResolvedSequenceOptions } from './options';

export const SEQUENCE_MODEL_FORMAT = 'quantlab/sequence-model';
export const SEQUENCE_MODEL_VERSION = 1;

export interface SerializedWeight {
  readonly name: string;
  readonly shape: number[];
  /** base64 of float32 little-endian bytes, or the values themselves. */
  readonly data: string | number[];
}

export interface SequenceModelJSON {
  readonly format: typeof SEQUENCE_MODEL_FORMAT;
  readonly version: typeof SEQUENCE_MODEL_VERSION;
  readonly config: ResolvedSequenceOptions;
  readonly weights: SerializedWeight[];
}

export interface WeightShape {
  readonly name: string;
  readonly shape: number[];
}

export function encodeWeight(spec: WeightShape, values: Float32Array): SerializedWeight {
  // A private copy: values may be a view into a larger buffer.
  return { name: spec.name, shape: [...spec.shape], data: Buffer.from(values.slice().buffer).toString('base64') };
}

export function checkEnvelope(json: SequenceModelJSON, source: string): void {
  if (json?.format !== SEQUENCE_MODEL_FORMAT || json.version !== SEQUENCE_MODEL_VERSION) {
    throw new DataFormatError(source, undefined,
      `is not a ${SEQUENCE_MODEL_FORMAT} v${SEQUENCE_MODEL_VERSION} document (format ${JSON.stringify(json?.format)}, version ${JSON.stringify(json?.version)})`,
      'pass the output of SequenceModel.toJSON()');
  }
  if (json.config == null || !Array.isArray(json.weights)) {
    throw new DataFormatError(source, undefined, 'lacks config or weights', 'pass the output of SequenceModel.toJSON()');
  }
}

/** Decodes the weights, checking names, shapes and sizes against what the model expects. */
export function decodeWeights(weights: readonly SerializedWeight[], expected: readonly WeightShape[], source: string): Float32Array[] {
  if (weights.length !== expected.length) {
    throw new DataFormatError(source, undefined, `holds ${weights.length} weights, the model needs ${expected.length}`, 'rebuild it from the JSON it was saved as; config and weights must belong together');
  }
  return expected.map((spec, i) => {
    const w = weights[i]!;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (w?.name !== spec.name || !Array.isArray(w.shape) || w.shape.join('x') !== spec.shape.join('x')) {
      throw new DataFormatError(source, undefined, `weight ${i} is ${JSON.stringify(w?.name)} [${w?.shape}], the model needs ${spec.name} [${spec.shape}]`, 'rebuild it from the JSON it was saved as');
    }
    const values = typeof w.data === 'string' ? fromBase64(w.data) : Array.isArray(w.data) ? Float32Array.from(w.data) : undefined;
    if (values === undefined || values.length !== size) {
      throw new DataFormatError(source, undefined, `weight ${spec.name} holds ${values?.length ?? 'no'} values, its shape needs ${size}`, 'save the model again');
    }
    return values;
  });
}

function fromBase64(data: string): Float32Array | undefined {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.byteLength % 4 !== 0) return undefined;
  // Copy into a fresh, aligned buffer: Buffer may sit at any offset in a pooled one.
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return new Float32Array(out.buffer);
}
