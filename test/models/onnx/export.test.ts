// The ONNX export of SequenceModel: every architecture the model builds runs on ONNX Runtime and
// gives what TensorFlow.js gives from the same weights, to float32 rounding; the graph passes the
// official onnx checker and Python's onnxruntime computes the same outputs.
import { describe, expect, it } from 'vitest';
import { sequenceNetwork } from '../../../lib/deploy/network';
import { decodeOnnxModel, OnnxRuntimeUnavailableError, OnnxSequencePredictor, sequenceModelToOnnx } from '../../../lib/models/onnx';
import { SEQUENCE_PREDICT_BATCH, SequenceModel, type SequenceModelOptions } from '../../../lib/models/sequence';
import { createRng } from '../../../lib/util/random';
import { runPython } from '../../helpers/python';

/** A model whose weights (biases included) are all non-zero, so a mis-ordered gate block shows. */
function model(options: SequenceModelOptions, seed = 1): SequenceModel {
  const m = new SequenceModel(options, createRng(seed));
  const rng = createRng(seed + 100);
  m.setWeights(m.getWeights().map((w) => w.map((v) => v + 0.3 * (rng.uniform() - 0.5))));
  return m;
}

function windows(o: SequenceModelOptions, n: number, seed = 5): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * o.lookback * o.features }, () => 4 * rng.uniform() - 2);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(b.length).toBe(a.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

const ARCHITECTURES: [string, SequenceModelOptions][] = [
  ['LSTM, 2 stacked layers', { lookback: 20, features: 5, cell: 'lstm', layers: [16, 8] }],
  ['GRU, 2 stacked layers', { lookback: 20, features: 5, cell: 'gru', layers: [16, 8] }],
  ['bidirectional LSTM, layer norm, attention, relu head', { lookback: 12, features: 4, cell: 'lstm', layers: [8, 6], bidirectional: true, layerNorm: true, pooling: 'attention', head: { units: [7], activation: 'relu' } }],
  ['bidirectional GRU, 3 classes, tanh head', { lookback: 12, features: 4, cell: 'gru', layers: [8], bidirectional: true, head: { units: [5, 3], activation: 'tanh' }, classes: 3 }],
  ['GRU regression, 2 outputs', { lookback: 12, features: 4, cell: 'gru', layers: [8], task: 'regression', outputs: 2 }],
  ['GRU, layer norm, attention', { lookback: 9, features: 3, cell: 'gru', layers: [6, 6], layerNorm: true, pooling: 'attention' }],
  ['the served network: LSTM 2 x 128 over 60 steps of 25 features', { lookback: 60, features: 25, cell: 'lstm', layers: [128, 128] }],
];

describe('sequenceModelToOnnx on ONNX Runtime', () => {
  it.each(ARCHITECTURES)('%s: the outputs of TensorFlow.js to 1e-6', (_name, options) => {
    const m = model(options);
    const onnx = new OnnxSequencePredictor(m);
    try {
      const x = windows(options, 33);
      // Observed 2.4e-7 at most: float32 summation order differs between the two runtimes.
      expect(maxAbsDiff(m.predict(x), onnx.predict(x))).toBeLessThan(1e-6);
    } finally {
      onnx.dispose();
      m.dispose();
    }
  });

  it('splits more windows than one pass takes, as SequenceModel.predict does', () => {
    const options: SequenceModelOptions = { lookback: 4, features: 2, cell: 'gru', layers: [3] };
    const m = model(options);
    const onnx = new OnnxSequencePredictor(m);
    try {
      const x = windows(options, SEQUENCE_PREDICT_BATCH + 7);
      const a = m.predict(x), b = onnx.predict(x);
      expect(b.length).toBe(SEQUENCE_PREDICT_BATCH + 7);
      expect(maxAbsDiff(a, b)).toBeLessThan(1e-6);
    } finally {
      onnx.dispose();
      m.dispose();
    }
  });

  it('writes the same bytes for the same weights, and the graph of the stack it exports', () => {
    const m = model({ lookback: 6, features: 3, cell: 'lstm', layers: [4, 2] });
    try {
      const bytes = sequenceModelToOnnx(m);
      expect(sequenceModelToOnnx(m)).toEqual(bytes);
      const decoded = decodeOnnxModel(bytes);
      expect(decoded.opsetImport).toEqual([{ domain: '', version: 17 }]);
      expect(decoded.graph.node.map((n) => n.opType)).toEqual(['Transpose', 'LSTM', 'Squeeze', 'LSTM', 'Squeeze', 'Gemm', 'Sigmoid']);
      const dims = Object.fromEntries(decoded.graph.initializer.map((t) => [t.name, t.dims]));
      expect(dims).toMatchObject({ 'lstm0/W': [1, 16, 3], 'lstm0/R': [1, 16, 4], 'lstm0/B': [1, 32], 'lstm1/W': [1, 8, 4], 'output/kernel': [2, 1] });
      // Gate blocks re-ordered i, f, c, o -> i, o, f, c: ONNX's o block is Keras' block 3.
      const w = decoded.graph.initializer.find((t) => t.name === 'lstm0/W')!;
      const onnxW = new Float32Array(new Uint8Array(w.rawData!).buffer);
      const kernel = m.getWeights()[0]!; // [3 features, 16]: column 3 * 4 + j is the o gate's unit j
      for (let j = 0; j < 4; j++) for (let r = 0; r < 3; r++) expect(onnxW[(4 + j) * 3 + r]).toBe(kernel[r * 16 + 12 + j]);
    } finally {
      m.dispose();
    }
  });

  it("passes the onnx checker, and Python's onnxruntime gives the same outputs", () => {
    const options = ARCHITECTURES[2]![1];
    const m = model(options);
    const onnx = new OnnxSequencePredictor(m);
    try {
      const x = windows(options, 5);
      const ours = onnx.predict(x);
      const py = runPython<{ out: number[] }>(`
import base64, numpy as np, onnx, onnxruntime as ort
proto = onnx.load_from_string(base64.b64decode(inp['model']))
onnx.checker.check_model(proto, full_check=True)
session = ort.InferenceSession(proto.SerializeToString(), providers=['CPUExecutionProvider'])
x = np.asarray(inp['x'], dtype=np.float32).reshape(5, inp['lookback'], inp['features'])
print(json.dumps({'out': session.run(['output'], {'windows': x})[0].reshape(-1).tolist()}))`,
      { model: Buffer.from(onnx.bytes).toString('base64'), x: Array.from(x), lookback: options.lookback, features: options.features });
      expect(maxAbsDiff(ours, Float32Array.from(py.out))).toBeLessThan(1e-6);
    } finally {
      onnx.dispose();
      m.dispose();
    }
  });

  it('checks the windows as SequenceModel.predict does, and refuses a disposed session', () => {
    const m = model({ lookback: 4, features: 2, cell: 'gru', layers: [3] });
    const onnx = new OnnxSequencePredictor(m);
    try {
      expect(() => onnx.predict(new Float32Array(7))).toThrow(/^x = .*must be a non-empty Float32Array whose length is a multiple of lookback \* features = 8/);
      onnx.dispose();
      expect(() => onnx.predict(new Float32Array(8))).toThrow(/disposed; load the model again/);
    } finally {
      onnx.dispose();
      m.dispose();
    }
  });
});

describe('sequenceNetwork', () => {
  it("runs on ONNX Runtime by default and on TensorFlow.js when asked, and owns the model", () => {
    const options: SequenceModelOptions = { lookback: 4, features: 2, cell: 'lstm', layers: [3] };
    const x = windows(options, 3);
    const auto = sequenceNetwork(model(options), 'auto'), tfjs = sequenceNetwork(model(options), 'tfjs');
    expect(auto.runtime).toBe('onnx');
    expect(tfjs.runtime).toBe('tfjs');
    expect(maxAbsDiff(auto.predict(x), tfjs.predict(x))).toBeLessThan(1e-6);
    auto.dispose();
    tfjs.dispose();
    expect(() => auto.predict(x)).toThrow(/disposed/);
  });

  it("falls back to TensorFlow.js under 'auto' when ONNX Runtime cannot load, and says why under 'onnx'", () => {
    const options: SequenceModelOptions = { lookback: 4, features: 2, cell: 'gru', layers: [3] };
    const unavailable = (): never => { throw new OnnxRuntimeUnavailableError('no binary for this platform'); };
    const auto = sequenceNetwork(model(options), 'auto', unavailable);
    expect(auto.runtime).toBe('tfjs');
    expect(auto.predict(windows(options, 2)).length).toBe(2);
    auto.dispose();
    const m = model(options);
    expect(() => sequenceNetwork(m, 'onnx', unavailable)).toThrow(/^ONNX Runtime \(onnxruntime-node\) could not be loaded: no binary for this platform\. Fix: run `npm run setup`.*runtime: 'tfjs'/);
    expect(() => m.predict(windows(options, 1))).toThrow(); // the model was freed with the failure
  });
});
