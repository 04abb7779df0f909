// A SequenceModel's inference graph as ONNX: the recurrent stack as ONNX LSTM/GRU nodes (one
// kernel per layer and direction, the whole sequence inside it), layer norm, attention or
// last-state pooling, the dense head and the output activation. The weights are the model's own,
// re-laid out: Keras stores kernels [in, gates * units] in gate order i, f, c, o (LSTM) or
// z, r, h (GRU, reset before the recurrent product); ONNX wants [gates * units, in] in order
// i, o, f, c (LSTM) or z, r, h (GRU with linear_before_reset = 0), and a separate recurrent bias.
import { InvalidArgumentError } from '../../util/errors';
import type { SequenceModel } from '../sequence';
import { LAYER_NORM_EPSILON } from '../sequence/options';
import { floatValueInfo, GraphBuilder } from './graph';
import { encodeOnnxModel, type OnnxModel } from './proto';

/** ONNX operator set the graph uses (LayerNormalization needs 17). */
export const ONNX_OPSET = 17;
const IR_VERSION = 8;
/** The graph's input, [batch, lookback, features] windows as SequenceModel.predict takes them. */
export const ONNX_INPUT = 'windows';
/** The graph's output, [batch, outputWidth]: what SequenceModel.predict returns, unflattened. */
export const ONNX_OUTPUT = 'output';

// For each ONNX gate block, the Keras block it comes from.
const LSTM_GATES = [0, 3, 1, 2];
const GRU_GATES = [0, 1, 2];

/** kernel [rows, gates * units] (Keras) -> [gates * units, rows] in ONNX gate order. */
function onnxGateMatrix(kernel: Float32Array, rows: number, units: number, order: number[]): Float32Array {
  const gates = order.length, width = gates * units;
  const out = new Float32Array(width * rows);
  order.forEach((from, to) => {
    for (let j = 0; j < units; j++) {
      const outRow = (to * units + j) * rows, column = from * units + j;
      for (let r = 0; r < rows; r++) out[outRow + r] = kernel[r * width + column]!;
    }
  });
  return out;
}

/** bias [gates * units] (Keras) -> [input bias in ONNX order, zero recurrent bias]. */
function onnxGateBias(bias: Float32Array, units: number, order: number[]): Float32Array {
  const gates = order.length;
  const out = new Float32Array(2 * gates * units);
  order.forEach((from, to) => out.set(bias.subarray(from * units, (from + 1) * units), to * units));
  return out;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export interface OnnxExportOptions {
  /** Stored in the model's doc string and metadata (e.g. the registry name and version). */
  readonly description?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The ONNX graph of `model`'s prediction (SequenceModel.predict), as .onnx file bytes. */
export function sequenceModelToOnnx(model: SequenceModel, options: OnnxExportOptions = {}): Uint8Array {
  return encodeOnnxModel(sequenceModelGraph(model, options));
}

export function sequenceModelGraph(model: SequenceModel, options: OnnxExportOptions = {}): OnnxModel {
  const c = model.config;
  const specs = model.weightSpecs();
  const weights = model.getWeights();
  if (weights.length !== specs.length) {
    throw new InvalidArgumentError('model', 'SequenceModel', `returned ${weights.length} weights for ${specs.length} specs`, 'export a model built by this version of the library');
  }
  let next = 0;
  const take = (suffix: string): Float32Array => {
    const spec = specs[next]!;
    if (!spec.name.endsWith(suffix)) throw new Error(`ONNX export: expected a weight ending in ${suffix}, found ${spec.name}`);
    return weights[next++]!;
  };
  const g = new GraphBuilder();
  const order = c.cell === 'lstm' ? LSTM_GATES : GRU_GATES;
  const gates = order.length;
  const directions = c.bidirectional ? 2 : 1;

  // Time-major, as ONNX recurrent nodes take their input by default.
  let h = g.op('Transpose', [ONNX_INPUT], { perm: [1, 0, 2] });
  let width = c.features;
  c.layers.forEach((units, l) => {
    const top = l === c.layers.length - 1;
    const last = top && c.pooling === 'last';
    const w: Float32Array[] = [], r: Float32Array[] = [], b: Float32Array[] = [];
    for (let d = 0; d < directions; d++) {
      w.push(onnxGateMatrix(take('/kernel'), width, units, order));
      r.push(onnxGateMatrix(take('/recurrent_kernel'), units, units, order));
      b.push(onnxGateBias(take('/bias'), units, order));
    }
    const name = `${c.cell}${l}`;
    const inputs = [h, g.floats(`${name}/W`, [directions, gates * units, width], concat(w)), g.floats(`${name}/R`, [directions, gates * units, units], concat(r)), g.floats(`${name}/B`, [directions, 2 * gates * units], concat(b))];
    const attributes = { hidden_size: units, direction: c.bidirectional ? 'bidirectional' : 'forward', ...(c.cell === 'gru' ? { linear_before_reset: 0 } : {}) };
    const [y, yLast] = g.node(c.cell === 'lstm' ? 'LSTM' : 'GRU', inputs, attributes, 2) as [string, string];
    width = directions * units;
    if (last) {
      // yLast [directions, batch, units] -> [batch, directions * units], forward half first.
      h = directions === 1
        ? g.op('Squeeze', [yLast, g.ints(`${name}/squeeze`, [0])])
        : g.op('Reshape', [g.op('Transpose', [yLast], { perm: [1, 0, 2] }), g.ints(`${name}/shape`, [0, -1])]);
    } else {
      // y [time, directions, batch, units] -> [time, batch, directions * units].
      h = directions === 1
        ? g.op('Squeeze', [y, g.ints(`${name}/squeeze`, [1])])
        : g.op('Reshape', [g.op('Transpose', [y], { perm: [0, 2, 1, 3] }), g.ints(`${name}/shape`, [0, 0, -1])]);
    }
    if (c.layerNorm) {
      const gamma = g.floats(`norm${l}/gamma`, [width], take('/gamma')), beta = g.floats(`norm${l}/beta`, [width], take('/beta'));
      h = g.op('LayerNormalization', [h, gamma, beta], { axis: -1, epsilon: { float: LAYER_NORM_EPSILON } });
    }
  });
  if (c.pooling === 'attention') {
    // Scores over time (axis 0 of the time-major h), softmaxed, weighting the states.
    const v = g.floats('attention/kernel', [width, 1], take('attention/kernel'));
    const weightsOverTime = g.op('Softmax', [g.op('MatMul', [h, v])], { axis: 0 });
    h = g.op('ReduceSum', [g.op('Mul', [h, weightsOverTime]), g.ints('attention/axes', [0])], { keepdims: 0 });
  }
  c.head.units.forEach((units, i) => {
    const kernel = g.floats(`dense${i}/kernel`, [width, units], take('/kernel')), bias = g.floats(`dense${i}/bias`, [units], take('/bias'));
    h = g.op(c.head.activation === 'relu' ? 'Relu' : 'Tanh', [g.op('Gemm', [h, kernel, bias])]);
    width = units;
  });
  const outputs = model.outputWidth;
  const logits = g.op('Gemm', [h, g.floats('output/kernel', [width, outputs], take('/kernel')), g.floats('output/bias', [outputs], take('/bias'))]);
  const head = c.task === 'regression' ? 'Identity' : outputs === 1 ? 'Sigmoid' : 'Softmax';
  g.node(head, [logits], head === 'Softmax' ? { axis: -1 } : {}, [ONNX_OUTPUT]);
  if (next !== specs.length) throw new Error(`ONNX export used ${next} of ${specs.length} weights`);

  return {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'quantlab',
    producerVersion: '1',
    docString: options.description ?? `quantlab SequenceModel (${c.cell}, layers ${c.layers.join('x')}, ${c.task})`,
    graph: {
      name: 'sequence_model',
      node: g.nodes,
      initializer: g.initializers,
      input: [floatValueInfo(ONNX_INPUT, ['batch', c.lookback, c.features])],
      output: [floatValueInfo(ONNX_OUTPUT, ['batch', outputs])],
    },
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
}
