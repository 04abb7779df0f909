import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-node';
import { FusedGru, FusedLstm, gruFusedToLayers, lstmFusedToLayers, type LayersRnnWeights } from '../../../lib/models/fused';
import { maskedRnn } from '../../../lib/models/fused/masked-rnn';
import { SequenceModel, type SequenceModelJSON, type SequenceModelOptions } from '../../../lib/models/sequence';
import { recurrentMasks } from '../../../lib/models/sequence/recurrent-dropout';
import { fitSequenceModel } from '../../../lib/models/train';
import { createRng } from '../../../lib/util/random';
import { getTf } from '../../../lib/util/tf';
import { runPython } from '../../helpers/python';

type Cell = 'gru' | 'lstm';
const B = 5, T = 4, F = 3, H = 4;
const tf = getTf();

function normals(seed: number, n: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

/** Keras layout weights (kernel, recurrent kernel, bias, gate blocks z r h / i f c o), all random. */
function layersWeights(cell: Cell, seed: number, features = F, units = H): LayersRnnWeights {
  const g = cell === 'gru' ? 3 : 4;
  return { kernel: normals(seed, features * g * units, 0.5), recurrentKernel: normals(seed + 1, units * g * units, 0.5), bias: normals(seed + 2, g * units, 0.5) };
}

/**
 * The plain tf.js reference, written from keras/src/layers/rnn/{gru,lstm}.py (Keras 3.15,
 * implementation 1, reset_after=False): Keras layout weights, one recurrent mask per gate in Keras
 * gate order (GRU z, r, h; LSTM i, f, c, o) multiplied into h(t-1) before that gate's matMul.
 */
function reference(cell: Cell, x: Tensor3D, kernel: Tensor2D, recurrent: Tensor2D, bias: Tensor, masks: Tensor[], output: 'last' | 'sequence'): Tensor {
  const units = recurrent.shape[0];
  const cols = (m: Tensor, g: number) => tf.slice(m, [0, g * units], [-1, units]) as Tensor2D;
  const bs = (g: number) => tf.slice(bias, [g * units], [units]);
  const xs = tf.unstack(x, 1);
  let h: Tensor = tf.zeros([x.shape[0], units]), c: Tensor = h;
  const states: Tensor[] = [];
  for (const xt of xs) {
    const inp = (g: number) => tf.add(tf.matMul(xt as Tensor2D, cols(kernel, g)), bs(g));
    const rec = (g: number, hm: Tensor) => tf.matMul(hm as Tensor2D, cols(recurrent, g));
    if (cell === 'gru') {
      const z = tf.sigmoid(tf.add(inp(0), rec(0, tf.mul(h, masks[0]!))));
      const r = tf.sigmoid(tf.add(inp(1), rec(1, tf.mul(h, masks[1]!))));
      const hh = tf.tanh(tf.add(inp(2), rec(2, tf.mul(r, tf.mul(h, masks[2]!)))));
      h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh));
    } else {
      const [i, f, g, o] = [0, 1, 2, 3].map((k) => {
        const a = tf.add(inp(k), rec(k, tf.mul(h, masks[k]!)));
        return k === 2 ? tf.tanh(a) : tf.sigmoid(a);
      }) as [Tensor, Tensor, Tensor, Tensor];
      c = tf.add(tf.mul(f, c), tf.mul(i, g));
      h = tf.mul(o, tf.tanh(c));
    }
    states.push(h);
  }
  return output === 'last' ? h : tf.stack(states, 1);
}

/** Fused mask order (GRU r, u, c; LSTM i, f, c, o) to Keras order (GRU z, r, h). */
function kerasMasks(cell: Cell, fused: Tensor3D): Tensor[] {
  const m = tf.unstack(fused, 0);
  return cell === 'gru' ? [m[1]!, m[0]!, m[2]!] : m;
}

function layer(cell: Cell, seed: number, features = F, units = H): FusedGru | FusedLstm {
  const l = cell === 'gru' ? new FusedGru({ features, units, rng: createRng(seed) }) : new FusedLstm({ features, units, rng: createRng(seed) });
  const w = layersWeights(cell, seed + 10, features, units);
  l.setWeights([w.kernel, w.recurrentKernel, w.bias]);
  return l;
}

const toLayers = (cell: Cell, w: Float32Array, b: Float32Array, features = F, units = H) =>
  (cell === 'gru' ? gruFusedToLayers : lstmFusedToLayers)({ w, b }, features, units);

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)));
  expect(worst).toBeLessThan(tol);
}

interface StepCase { out: Float32Array; grads: Float32Array[] }
const CELLS: Cell[] = ['gru', 'lstm'];
const RATE = 0.4;

/** Ours: output and gradients of sum(out * weights) for x, kernel, recurrent kernel, bias (Keras layout). */
function oursStep(cell: Cell, output: 'last' | 'sequence'): StepCase {
  const l = layer(cell, 1);
  const [w, b] = l.variables as unknown as [Tensor2D, Tensor];
  const x = tf.tensor3d(normals(2, B * T * F), [B, T, F]);
  const masks = recurrentMasks(cell, B, H, RATE, createRng(3));
  const weights = tf.tensor(normals(4, output === 'last' ? B * H : B * T * H), output === 'last' ? [B, H] : [B, T, H]);
  const out = maskedRnn(cell, x, w as Tensor2D, b as never, masks, output);
  const [dx, dw, db] = tf.grads((xi: Tensor, wi: Tensor, bi: Tensor) => tf.sum(tf.mul(maskedRnn(cell, xi as Tensor3D, wi as Tensor2D, bi as never, masks, output), weights)))([x, w, b]);
  const g = toLayers(cell, dw!.dataSync() as Float32Array, db!.dataSync() as Float32Array);
  const result = { out: out.dataSync() as Float32Array, grads: [dx!.dataSync() as Float32Array, g.kernel, g.recurrentKernel, g.bias] };
  tf.dispose([x, masks, weights, out, dx!, dw!, db!]);
  l.dispose();
  return result;
}

function referenceStep(cell: Cell, output: 'last' | 'sequence'): StepCase {
  return tf.tidy(() => {
    const lw = layersWeights(cell, 11);
    const g = cell === 'gru' ? 3 : 4;
    const x = tf.tensor3d(normals(2, B * T * F), [B, T, F]);
    const k = tf.tensor2d(lw.kernel, [F, g * H]), rk = tf.tensor2d(lw.recurrentKernel, [H, g * H]), bias = tf.tensor1d(lw.bias);
    const masks = kerasMasks(cell, recurrentMasks(cell, B, H, RATE, createRng(3)));
    const weights = tf.tensor(normals(4, output === 'last' ? B * H : B * T * H), output === 'last' ? [B, H] : [B, T, H]);
    const out = reference(cell, x, k, rk, bias, masks, output);
    const grads = tf.grads((xi: Tensor, ki: Tensor, rki: Tensor, bi: Tensor) =>
      tf.sum(tf.mul(reference(cell, xi as Tensor3D, ki as Tensor2D, rki as Tensor2D, bi, masks, output), weights)))([x, k, rk, bias]);
    return { out: out.dataSync() as Float32Array, grads: grads.map((t) => t.dataSync() as Float32Array) };
  });
}

const keras: Record<Cell, { out: number[]; grads: number[][] }> = {} as never;

beforeAll(() => {
  // Keras itself with the masks injected (get_recurrent_dropout_mask patched): checks the
  // reference's reading of where Keras applies them. Keras 3.15 / TensorFlow 2.21.
  const cases = CELLS.map((cell) => {
    const lw = layersWeights(cell, 11);
    const masks = tf.tidy(() => kerasMasks(cell, recurrentMasks(cell, B, H, RATE, createRng(3))).map((m) => Array.from(m.dataSync())));
    return { cell, kernel: Array.from(lw.kernel), recurrent: Array.from(lw.recurrentKernel), bias: Array.from(lw.bias), masks, x: Array.from(normals(2, B * T * F)), w: Array.from(normals(4, B * T * H)) };
  });
  const out = runPython<{ out: number[]; grads: number[][] }[]>(`import numpy as np, keras, tensorflow as tf
B, T, F, H = inp["shape"]
res = []
for c in inp["cases"]:
    g = 3 if c["cell"] == "gru" else 4
    layer = (keras.layers.GRU(H, return_sequences=True, reset_after=False, recurrent_dropout=0.5) if c["cell"] == "gru"
             else keras.layers.LSTM(H, return_sequences=True, recurrent_dropout=0.5))
    layer.build((B, T, F))
    layer.set_weights([np.array(c["kernel"], np.float32).reshape(F, g * H), np.array(c["recurrent"], np.float32).reshape(H, g * H), np.array(c["bias"], np.float32)])
    masks = [tf.constant(np.array(m, np.float32).reshape(B, H)) for m in c["masks"]]
    layer.cell.get_recurrent_dropout_mask = lambda step_input, masks=masks: masks
    x = tf.constant(np.array(c["x"], np.float32).reshape(B, T, F))
    w = tf.constant(np.array(c["w"], np.float32).reshape(B, T, H))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x, training=True)
        loss = tf.reduce_sum(y * w)
    grads = tape.gradient(loss, [x] + [v.value for v in layer.trainable_variables])
    res.append({"out": np.asarray(y).ravel().tolist(), "grads": [np.asarray(t).ravel().tolist() for t in grads]})
print(json.dumps(res))`, { shape: [B, T, F, H], cases });
  CELLS.forEach((cell, i) => { keras[cell] = out[i]!; });
}, 120_000);

describe('maskedRnn: the per-step recurrent-dropout pass with fixed masks', () => {
  for (const cell of CELLS) {
    for (const output of ['last', 'sequence'] as const) {
      it(`${cell}, ${output}: output and gradients (x, kernel, recurrent kernel, bias) equal the plain tf.js reference (rel 1e-5)`, () => {
        const ours = oursStep(cell, output), ref = referenceStep(cell, output);
        expectClose(ours.out, ref.out, 1e-5);
        ours.grads.forEach((g, k) => expectClose(g, ref.grads[k]!, 1e-5));
      });
    }
    it(`${cell}: output and gradients equal Keras 3 with the same masks injected (rel 2e-5)`, () => {
      const ours = oursStep(cell, 'sequence'), ref = keras[cell];
      expectClose(ours.out, ref.out, 2e-5);
      ours.grads.forEach((g, k) => expectClose(g, ref.grads[k]!, 2e-5));
    });
  }

  it('with all-ones masks equals the fused layer: output and weight gradients (rel 1e-5)', () => {
    for (const cell of CELLS) {
      const l = layer(cell, 5);
      const [w, b] = l.variables as unknown as [Tensor2D, Tensor];
      const x = tf.tensor3d(normals(6, B * T * F), [B, T, F]);
      const ones = tf.ones([cell === 'gru' ? 3 : 4, B, H]) as Tensor3D;
      const run = (f: () => Tensor) => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(f())) as never, l.variables);
        const out = [value.dataSync() as Float32Array, ...l.variables.map((v) => grads[v.name]!.dataSync() as Float32Array)];
        tf.dispose([value, ...Object.values(grads)]);
        return out;
      };
      const fused = run(() => l.apply(x, 'sequence'));
      const masked = run(() => maskedRnn(cell, x, w, b as never, ones, 'sequence'));
      masked.forEach((v, k) => expectClose(v, fused[k]!, 1e-5));
      tf.dispose([x, ones]);
      l.dispose();
    }
  });

  it('rejects masks or weights that do not fit, naming the shapes and the fix', () => {
    const l = layer('gru', 1);
    const [w, b] = l.variables as unknown as [Tensor2D, Tensor];
    const x = tf.zeros([B, T, F]) as Tensor3D;
    const wrong = tf.ones([3, B + 1, H]) as Tensor3D, right = tf.ones([3, B, H]) as Tensor3D;
    expect(() => maskedRnn('gru', x, w, b as never, wrong)).toThrow(`masks = "tensor of shape [3,${B + 1},${H}]": must be [3,${B},${H}] (gates, batch, units). Fix: draw them with recurrentMasks(cell, batch, units, rate, rng)`);
    expect(() => maskedRnn('gru', tf.zeros([B, T, F + 1]) as Tensor3D, w, b as never, right)).toThrow(`x, w, b = "shapes [${B},${T},${F + 1}], [${F + H},${3 * H}], [${3 * H}]": must be [batch, time, features], [features + units, 3 * units], [3 * units]`);
    tf.dispose([x, wrong, right]);
    l.dispose();
  });

  it('draws masks of 0 and 1 / (1 - rate), the same from the same seed', () => {
    const a = recurrentMasks('lstm', 50, 20, 0.25, createRng(9)), b = recurrentMasks('lstm', 50, 20, 0.25, createRng(9));
    const values = a.dataSync();
    expect(a.shape).toEqual([4, 50, 20]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(values));
    expect(new Set(values)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    const dropped = values.filter((v) => v === 0).length / values.length;
    expect(Math.abs(dropped - 0.25)).toBeLessThan(0.03);
    tf.dispose([a, b]);
  });
});

const L = 6, NF = 3;

/** Windows labelled by the sign of feature 0 at the last step: learnable, seeded. */
function signData(seed: number, n: number) {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * L * NF }, () => rng.normal());
  const y = Float32Array.from({ length: n }, (_, i) => (x[(i * L + L - 1) * NF]! > 0 ? 1 : 0));
  return { x, y };
}

describe('SequenceModel with recurrentDropout', () => {
  for (const cell of CELLS) {
    it(`bidirectional ${cell} with input and recurrent dropout: loss and every gradient equal the tf.js reference with the masks the rng draws (rel 1e-5)`, () => {
      const options: SequenceModelOptions = { lookback: T, features: F, cell, layers: [H], bidirectional: true, task: 'regression', dropout: 0.3, recurrentDropout: 0.4 };
      const m = new SequenceModel(options, createRng(1));
      const noise = createRng(2);
      m.setWeights(m.getWeights().map((w) => w.map(() => 0.5 * noise.normal())));
      const values = m.getWeights();
      const x = tf.tensor3d(normals(3, B * T * F), [B, T, F]), y = normals(4, B);
      const { value, grads } = tf.variableGrads(() => m.loss(x, y, { dropoutRng: createRng(21) }), m.variables);
      const ours = m.variables.map((v) => grads[v.name]!.dataSync() as Float32Array);
      // Back to the Keras layout: fused [w, b] pairs of the two directions, then the output layer.
      const oursLayers = [0, 2].flatMap((k) => { const g = toLayers(cell, ours[k]!, ours[k + 1]!); return [g.kernel, g.recurrentKernel, g.bias]; });
      oursLayers.push(ours[4]!, ours[5]!);
      const ref = tf.tidy(() => {
        // The draw order the model documents: input mask, forward masks, backward masks.
        const rng = createRng(21);
        const inputMask = tf.tensor3d(Float32Array.from({ length: B * F }, () => (rng.uniform() < 0.7 ? 1 / 0.7 : 0)), [B, 1, F]);
        const forwardMasks = kerasMasks(cell, recurrentMasks(cell, B, H, 0.4, rng));
        const backwardMasks = kerasMasks(cell, recurrentMasks(cell, B, H, 0.4, rng));
        const g = cell === 'gru' ? 3 : 4;
        const shapes = [[F, g * H], [H, g * H], [g * H], [F, g * H], [H, g * H], [g * H], [2 * H, 1], [1]];
        const weights = values.map((v, k) => tf.tensor(v, shapes[k]!));
        const loss = (...w: Tensor[]) => {
          const input = tf.mul(x, inputMask) as Tensor3D;
          const forward = reference(cell, input, w[0] as Tensor2D, w[1] as Tensor2D, w[2]!, forwardMasks, 'last');
          const backward = reference(cell, tf.reverse(input, 1), w[3] as Tensor2D, w[4] as Tensor2D, w[5]!, backwardMasks, 'last');
          const out = tf.add(tf.matMul(tf.concat([forward, backward], 1) as Tensor2D, w[6] as Tensor2D), w[7]!);
          return tf.mean(tf.square(tf.sub(tf.reshape(out, [-1]), tf.tensor1d(y))));
        };
        return { loss: loss(...weights).dataSync()[0]!, grads: tf.grads(loss)(weights).map((t) => t.dataSync() as Float32Array) };
      });
      expectClose([value.dataSync()[0]!], [ref.loss], 1e-5);
      oursLayers.forEach((g, k) => expectClose(g, ref.grads[k]!, 1e-5));
      tf.dispose([x, value, ...Object.values(grads)]);
      m.dispose();
    });
  }

  it('trains reproducibly: same seeds give the same weights and losses; the masks are applied, and only in training', async () => {
    const train = signData(1, 128);
    const run = async (fitSeed: number, recurrentDropout: number) => {
      const m = new SequenceModel({ lookback: L, features: NF, layers: [6], recurrentDropout }, createRng(1));
      const h = await fitSequenceModel(m, { train }, { epochs: 3, batchSize: 16, rng: createRng(fitSeed), progress: 'none' });
      const out = { weights: m.getWeights(), losses: h.epochs.map((e) => e.loss) };
      m.dispose();
      return out;
    };
    const a = await run(2, 0.3), b = await run(2, 0.3), other = await run(3, 0.3), none = await run(2, 0);
    expect(b.weights).toEqual(a.weights);
    expect(b.losses).toEqual(a.losses);
    expect(other.losses[0]).not.toBe(a.losses[0]);
    expect(none.losses[0]).not.toBe(a.losses[0]);
    expect(a.losses[2]!).toBeLessThan(a.losses[0]!);
  });

  it('learns: a bidirectional LSTM with recurrent dropout 0.2 reaches > 85 % validation accuracy', async () => {
    const m = new SequenceModel({ lookback: L, features: NF, cell: 'lstm', layers: [8], bidirectional: true, recurrentDropout: 0.2 }, createRng(4));
    const h = await fitSequenceModel(m, { train: signData(3, 512), validation: signData(4, 256) }, { epochs: 6, batchSize: 32, rng: createRng(5), learningRate: 1e-2, progress: 'none' });
    expect(h.epochs.at(-1)!.loss).toBeLessThan(h.epochs[0]!.loss);
    expect(h.epochs.at(-1)!.valAccuracy!).toBeGreaterThan(0.85);
    m.dispose();
  });

  it('predicts through the fused path: bit for bit the model without recurrent dropout holding the same weights', () => {
    for (const cell of CELLS) {
      const base: SequenceModelOptions = { lookback: L, features: NF, cell, layers: [5, 4], bidirectional: true, pooling: 'attention', classes: 3 };
      const m = new SequenceModel({ ...base, recurrentDropout: 0.5 }, createRng(6));
      const plain = new SequenceModel(base, createRng(7));
      plain.setWeights(m.getWeights());
      const { x, y } = signData(8, 20);
      expect(m.predict(x)).toEqual(plain.predict(x));
      expect(m.evaluate({ x, y })).toEqual(plain.evaluate({ x, y }));
      const xt = tf.tensor3d(x, [20, L, NF]);
      const loss = (model: SequenceModel, rng?: number) => tf.tidy(() => model.loss(xt, y, rng === undefined ? {} : { dropoutRng: createRng(rng) }).dataSync()[0]!);
      expect(loss(m)).toBe(loss(plain));
      expect(loss(m, 1)).not.toBe(loss(plain, 1));
      expect(loss(m, 1)).toBe(loss(m, 1));
      tf.dispose(xt);
      [m, plain].forEach((model) => model.dispose());
    }
  });

  it('round-trips through JSON text keeping recurrentDropout: same predictions, same training loss for the same rng', () => {
    const m = new SequenceModel({ lookback: L, features: NF, cell: 'lstm', layers: [4], recurrentDropout: 0.25, dropout: 0.1 }, createRng(9));
    const json = JSON.parse(JSON.stringify(m.toJSON())) as SequenceModelJSON;
    expect(json.config.recurrentDropout).toBe(0.25);
    const back = SequenceModel.fromJSON(json);
    expect(back.config).toEqual(m.config);
    const { x, y } = signData(10, 8);
    expect(back.predict(x)).toEqual(m.predict(x));
    const xt = tf.tensor3d(x, [8, L, NF]);
    const loss = (model: SequenceModel) => tf.tidy(() => model.loss(xt, y, { dropoutRng: createRng(3) }).dataSync()[0]!);
    expect(loss(back)).toBe(loss(m));
    tf.dispose(xt);
    [m, back].forEach((model) => model.dispose());
  });

  it('leaks no tensor: the count is the same after every epoch, and back to the start after fit', async () => {
    for (const cell of CELLS) {
      const m = new SequenceModel({ lookback: L, features: NF, cell, layers: [4, 3], bidirectional: true, pooling: 'attention', layerNorm: true, dropout: 0.2, recurrentDropout: 0.3 }, createRng(6));
      const before = tf.memory().numTensors;
      const counts: number[] = [];
      await fitSequenceModel(m, { train: signData(7, 48), validation: signData(8, 16) }, {
        epochs: 3, batchSize: 16, rng: createRng(1), clipNorm: 0.5, progress: 'none',
        onEpoch: () => { counts.push(tf.memory().numTensors); },
      });
      expect(counts).toHaveLength(3);
      expect(new Set(counts).size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
      m.dispose();
    }
  });

  it('rejects a rate outside [0, 1), naming the option, the value and the fix', () => {
    const build = (recurrentDropout: unknown) => () => new SequenceModel({ lookback: L, features: NF, recurrentDropout } as SequenceModelOptions, createRng(1));
    expect(build(1)).toThrow('SequenceModel options.recurrentDropout = 1: must lie in [0, 1). Fix: pass a rate such as 0.2, or 0 for none');
    expect(build(-0.1)).toThrow('SequenceModel options.recurrentDropout = -0.1: must lie in [0, 1)');
    expect(build(Number.NaN)).toThrow('SequenceModel options.recurrentDropout = NaN: must lie in [0, 1)');
    expect(build('0.2')).toThrow('SequenceModel options.recurrentDropout = "0.2": must lie in [0, 1)');
    expect(new SequenceModel({ lookback: L, features: NF }, createRng(1)).config.recurrentDropout).toBe(0);
  });
});
