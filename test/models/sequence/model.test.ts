import { beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, type SequenceModelJSON, type SequenceModelOptions } from '../../../lib/models/sequence';
import { DataFormatError, InvalidArgumentError } from '../../../lib/util/errors';
import { createRng } from '../../../lib/util/random';
import { getTf } from '../../../lib/util/tf';
import { runPython } from '../../helpers/python';

const L = 5, F = 3;

function windows(seed: number, n: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * L * F }, () => rng.normal());
}

/** A model whose every weight (biases, gammas included) is random, so no term hides behind a zero. */
function randomised(options: SequenceModelOptions, seed: number): SequenceModel {
  const m = new SequenceModel(options, createRng(seed));
  const rng = createRng(seed + 100);
  m.setWeights(m.getWeights().map((w) => w.map(() => 0.6 * rng.normal())));
  return m;
}

const CASES: Record<string, SequenceModelOptions> = {
  'stacked bidirectional GRU, layer norm, relu head, binary': {
    lookback: L, features: F, cell: 'gru', layers: [5, 4], bidirectional: true, layerNorm: true, head: { units: [3] },
  },
  'LSTM with attention pooling, 3 classes': {
    lookback: L, features: F, cell: 'lstm', layers: [4], pooling: 'attention', classes: 3,
  },
  'bidirectional GRU regressor, attention, layer norm, tanh head, 2 targets': {
    lookback: L, features: F, cell: 'gru', task: 'regression', outputs: 2, layers: [4], bidirectional: true,
    pooling: 'attention', layerNorm: true, head: { units: [3], activation: 'tanh' },
  },
  'stacked bidirectional LSTM regressor, last state': {
    lookback: L, features: F, cell: 'lstm', task: 'regression', layers: [3, 4], bidirectional: true,
  },
};

const ours: Record<string, Float32Array> = {};
let keras: number[][] = [];

beforeAll(() => {
  const x = windows(1, 7);
  const cases = Object.entries(CASES).map(([name, options], i) => {
    const m = randomised(options, 10 + i);
    ours[name] = m.predict(x);
    const json = m.toJSON();
    m.dispose();
    return { config: json.config, weights: m.weightSpecs().map((_, j) => Array.from(decode(json, j))), shapes: json.weights.map((w) => w.shape), x: Array.from(x) };
  });
  // Reference: keras 3.15 / tensorflow-cpu 2.21 for the recurrent stack (GRU reset_after=False,
  // Bidirectional concat, LayerNormalization epsilon 1e-3), numpy float64 for pooling and head.
  keras = runPython<number[][]>(`import numpy as np, keras
out = []
for case in inp["cases"]:
    c = case["config"]
    W = [np.array(w, dtype=np.float32).reshape(s) for w, s in zip(case["weights"], case["shapes"])]
    x = np.array(case["x"], dtype=np.float32).reshape(-1, c["lookback"], c["features"])
    inputs = keras.Input((c["lookback"], c["features"])); h = inputs; k = 0
    for l, units in enumerate(c["layers"]):
        seq = l < len(c["layers"]) - 1 or c["pooling"] == "attention"
        layer = keras.layers.GRU(units, return_sequences=seq, reset_after=False) if c["cell"] == "gru" else keras.layers.LSTM(units, return_sequences=seq)
        if c["bidirectional"]: layer = keras.layers.Bidirectional(layer)
        h = layer(h); n = 6 if c["bidirectional"] else 3
        layer.set_weights(W[k:k + n]); k += n
        if c["layerNorm"]:
            ln = keras.layers.LayerNormalization(epsilon=1e-3); h = ln(h); ln.set_weights(W[k:k + 2]); k += 2
    z = np.asarray(keras.Model(inputs, h).predict_on_batch(x), dtype=np.float64)
    W = [w.astype(np.float64) for w in W]
    if c["pooling"] == "attention":
        s = z @ W[k]; k += 1
        a = np.exp(s - s.max(axis=1, keepdims=True)); a /= a.sum(axis=1, keepdims=True)
        z = (a * z).sum(axis=1)
    for _ in c["head"]["units"]:
        z = z @ W[k] + W[k + 1]; k += 2
        z = np.maximum(z, 0) if c["head"]["activation"] == "relu" else np.tanh(z)
    z = z @ W[k] + W[k + 1]
    if c["task"] == "classification":
        if z.shape[1] == 1: z = 1 / (1 + np.exp(-z))
        else: z = np.exp(z - z.max(axis=1, keepdims=True)); z /= z.sum(axis=1, keepdims=True)
    out.append(z.ravel().tolist())
print(json.dumps(out))`, { cases });
}, 120_000);

function decode(json: SequenceModelJSON, i: number): Float32Array {
  const bytes = Buffer.from(json.weights[i]!.data as string, 'base64');
  return new Float32Array(new Uint8Array(bytes).buffer);
}

describe('SequenceModel computes the same function as Keras given its weights (abs 2e-5)', () => {
  Object.keys(CASES).forEach((name, i) => {
    it(name, () => {
      const ref = keras[i]!, got = ours[name]!;
      expect(got.length).toBe(ref.length);
      ref.forEach((v, j) => expect(Math.abs(got[j]! - v)).toBeLessThan(2e-5));
    });
  });
});

describe('SequenceModel', () => {
  it('round-trips through JSON text with bit-identical predictions, base64 or number-array weights', () => {
    const m = randomised(CASES['LSTM with attention pooling, 3 classes']!, 3);
    const x = windows(2, 9);
    const expected = m.predict(x);
    const json = JSON.parse(JSON.stringify(m.toJSON())) as SequenceModelJSON;
    const back = SequenceModel.fromJSON(json);
    expect(back.predict(x)).toEqual(expected);
    expect(back.config).toEqual(m.config);
    const asNumbers = { ...json, weights: json.weights.map((w, i) => ({ ...w, data: Array.from(decode(json, i)) })) };
    const back2 = SequenceModel.fromJSON(asNumbers);
    expect(back2.predict(x)).toEqual(expected);
    [m, back, back2].forEach((model) => model.dispose());
  });

  it('draws the same initial weights from the same seed, other weights from another', () => {
    const options = CASES['stacked bidirectional GRU, layer norm, relu head, binary']!;
    const [a, b, c] = [1, 1, 2].map((seed) => new SequenceModel(options, createRng(seed)));
    expect(b.getWeights()).toEqual(a.getWeights());
    expect(c.getWeights()[0]).not.toEqual(a.getWeights()[0]);
    expect(a.weightSpecs().map((s) => s.name)).toEqual([
      'gru0/forward/kernel', 'gru0/forward/recurrent_kernel', 'gru0/forward/bias',
      'gru0/backward/kernel', 'gru0/backward/recurrent_kernel', 'gru0/backward/bias', 'norm0/gamma', 'norm0/beta',
      'gru1/forward/kernel', 'gru1/forward/recurrent_kernel', 'gru1/forward/bias',
      'gru1/backward/kernel', 'gru1/backward/recurrent_kernel', 'gru1/backward/bias', 'norm1/gamma', 'norm1/beta',
      'dense0/kernel', 'dense0/bias', 'output/kernel', 'output/bias',
    ]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('trains through the fused head with the loss evaluate() reports; weighted loss is sum(w * l) / n', () => {
    const tf = getTf();
    const m = randomised({ lookback: L, features: F, layers: [4], head: { units: [3] } }, 4);
    const x = windows(5, 8);
    const y = Float32Array.from([0, 1, 1, 0, 1, 0, 0, 1]);
    const w = Float32Array.from(y, (label) => (label === 1 ? 3 : 0.5));
    const p = m.predict(x);
    const perSample = Array.from(p, (q, i) => -(y[i]! * Math.log(q) + (1 - y[i]!) * Math.log(1 - q)));
    const xt = tf.tensor3d(x, [8, L, F]);
    const fused = m.loss(xt, y).dataSync()[0]!;
    const weighted = m.loss(xt, y, { sampleWeights: w }).dataSync()[0]!;
    expect(Math.abs(fused - m.evaluate({ x, y }).loss)).toBeLessThan(1e-6);
    expect(Math.abs(weighted - perSample.reduce((s, l, i) => s + w[i]! * l, 0) / 8)).toBeLessThan(1e-5);
    xt.dispose();
    m.dispose();
  });

  it('draws dropout masks from the rng passed to loss(): reproducible, and off at inference', () => {
    const tf = getTf();
    const m = randomised({ lookback: L, features: F, layers: [4, 4], dropout: 0.5, task: 'regression' }, 6);
    const x = windows(7, 6), y = new Float32Array(6).fill(0.5);
    const xt = tf.tensor3d(x, [6, L, F]);
    const loss = (rng?: number) => m.loss(xt, y, rng === undefined ? {} : { dropoutRng: createRng(rng) }).dataSync()[0]!;
    expect(loss(1)).toBe(loss(1));
    expect(loss(1)).not.toBe(loss(2));
    expect(loss(1)).not.toBe(loss());
    expect(loss()).toBeCloseTo(m.evaluate({ x, y }).loss, 6);
    xt.dispose();
    m.dispose();
  });

  it('leaks no tensors in predict, loss, evaluate and JSON round trips', () => {
    const tf = getTf();
    const m = randomised(CASES['bidirectional GRU regressor, attention, layer norm, tanh head, 2 targets']!, 8);
    const x = windows(9, 4), y = new Float32Array(8);
    const before = tf.memory().numTensors;
    m.predict(x);
    m.evaluate({ x, y });
    tf.tidy(() => { m.loss(tf.tensor3d(x, [4, L, F]), y, { dropoutRng: createRng(1) }); });
    SequenceModel.fromJSON(m.toJSON()).dispose();
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('rejects bad options, naming the option, the value and the fix', () => {
    const base = { lookback: L, features: F };
    const build = (o: object) => () => new SequenceModel({ ...base, ...o } as SequenceModelOptions, createRng(1));
    expect(build({ recurrentDropout: 1 })).toThrow('SequenceModel options.recurrentDropout = 1: must lie in [0, 1). Fix: pass a rate such as 0.2, or 0 for none');
    expect(build({ unit: 4 })).toThrow('SequenceModel options.unit = 4: is not a known option');
    expect(build({ head: { unit: [3] } })).toThrow('SequenceModel options.head.unit');
    expect(build({ cell: 'rnn' })).toThrow('SequenceModel options.cell = "rnn": must be one of gru, lstm. Fix: pass \'gru\'');
    expect(build({ layers: [] })).toThrow('SequenceModel options.layers = array of length 0: must be an array of positive integers, at least one');
    expect(build({ dropout: 1 })).toThrow('SequenceModel options.dropout = 1: must lie in [0, 1)');
    expect(build({ task: 'regression', classes: 3 })).toThrow('SequenceModel options.classes = 3: applies to classification only');
    expect(build({ outputs: 2 })).toThrow('SequenceModel options.outputs = 2: applies to regression only');
    expect(build({ classes: 1 })).toThrow('SequenceModel options.classes = 1: must be an integer >= 2. Fix: pass 2');
    expect(build({ lookback: 0 })).toThrow('SequenceModel options.lookback = 0: must be a positive integer');
    expect(() => new SequenceModel(base, undefined as never)).toThrow('rng = undefined: must be an Rng');
  });

  it('rejects mis-shaped data and labels, and JSON that does not fit', () => {
    const m = new SequenceModel({ lookback: L, features: F, layers: [2], classes: 3 }, createRng(1));
    expect(() => m.predict(new Float32Array(L * F + 1))).toThrow('x = array of length 16: must be a non-empty Float32Array whose length is a multiple of lookback * features = 15');
    expect(() => m.evaluate({ x: windows(1, 2), y: Float32Array.from([0, 3]) }, 'validation')).toThrow('validation.y[1] = 3: is not a class index in 0..2. Fix: encode labels as 0-based class indices');
    expect(() => m.evaluate({ x: windows(1, 2), y: new Float32Array(3) })).toThrow('data.y = array of length 3: must be a Float32Array of 2 labels');
    const json = m.toJSON();
    expect(() => SequenceModel.fromJSON({ ...json, version: 2 } as never, 'model.json')).toThrow(DataFormatError);
    expect(() => SequenceModel.fromJSON({ ...json, version: 2 } as never, 'model.json')).toThrow('model.json: is not a quantlab/sequence-model v1 document (format "quantlab/sequence-model", version 2). Fix: pass the output of SequenceModel.toJSON()');
    const wider = { ...json, config: { ...json.config, layers: [3] } };
    expect(() => SequenceModel.fromJSON(wider)).toThrow('weight 0 is "gru0/forward/kernel" [3,6], the model needs gru0/forward/kernel [3,9]');
    expect(() => m.setWeights([new Float32Array(1)])).toThrow(InvalidArgumentError);
    m.dispose();
  });
});
