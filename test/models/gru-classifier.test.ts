import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GruClassifier, makeSequences, Standardizer } from '../../lib/models';
import { writeArtifact } from '../../lib/models/artifact';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { getTf } from '../../lib/util/tf';
import { runPython } from '../helpers/python';

const L = 6, F = 3, N = 192;

/** Windows whose label is the sign of feature 0 at the last step: learnable, seeded. */
function dataset(seed: number, n = N) {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * L * F }, () => rng.normal());
  const y = Float32Array.from({ length: n }, (_, i) => (x[(i * L + L - 1) * F]! > 0 ? 1 : 0));
  return { x, y };
}

const small = { lookback: L, features: F, units: 8, seed: 7 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-models-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('GruClassifier', () => {
  it('is reproducible: same seeds give identical weights and losses, another seed does not', async () => {
    const train = dataset(1);
    const run = async (modelSeed: number, fitSeed: number) => {
      const m = new GruClassifier({ ...small, seed: modelSeed, dropout: 0.2 });
      const initial = m.getWeights();
      const h = await m.fit(train, { epochs: 2, batchSize: 32, rng: createRng(fitSeed) });
      const result = { initial, final: m.getWeights(), loss: h.loss };
      m.dispose();
      return result;
    };
    const a = await run(7, 3), b = await run(7, 3), c = await run(8, 3), d = await run(7, 4);
    expect(b.initial).toEqual(a.initial);
    expect(b.final).toEqual(a.final);
    expect(b.loss).toEqual(a.loss);
    expect(c.initial[0]).not.toEqual(a.initial[0]);
    // Same initial weights, other batch order and dropout masks.
    expect(d.initial).toEqual(a.initial);
    expect(d.loss).not.toEqual(a.loss);
  });

  it('learns a simple signal and reports validation loss and accuracy per epoch', async () => {
    const m = new GruClassifier({ ...small, units: 16, learningRate: 1e-2 });
    const seen: number[] = [];
    const h = await m.fit(dataset(2, 512), {
      epochs: 8, batchSize: 32, rng: createRng(5), validation: dataset(3, 256), onEpochEnd: (epoch) => { seen.push(epoch); },
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(h.valLoss).toHaveLength(8);
    expect(h.loss[7]!).toBeLessThan(h.loss[0]!);
    expect(h.valAccuracy[7]!).toBeGreaterThan(0.85);
    m.dispose();
  });

  it('leaks no tensors in fit, predictProba, save and load', async () => {
    const tf = getTf();
    const m = new GruClassifier({ ...small, dropout: 0.3 });
    const train = dataset(4);
    const before = tf.memory().numTensors;
    await m.fit(train, { epochs: 2, batchSize: 50, rng: createRng(1), validation: dataset(5, 40) });
    expect(tf.memory().numTensors).toBe(before);
    m.predictProba(train.x);
    expect(tf.memory().numTensors).toBe(before);
    m.save(path.join(tmp, 'leak'));
    expect(tf.memory().numTensors).toBe(before);
    const loaded = GruClassifier.load(path.join(tmp, 'leak'));
    loaded.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('round-trips through save/load and toArtifact/fromArtifact with identical predictions', async () => {
    const m = new GruClassifier({ ...small, dropout: 0.1 });
    await m.fit(dataset(6), { epochs: 1, batchSize: 32, rng: createRng(2) });
    const cols = [0, 1, 2].map((f) => Float64Array.from({ length: 30 }, (_, r) => f + Math.sin(r)));
    m.standardizer = Standardizer.fit(cols, { start: 0, end: 20 });
    const x = dataset(7, 64).x;
    const expected = m.predictProba(x);
    const dir = path.join(tmp, 'roundtrip');
    m.save(dir);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect(json.config.options).toEqual({ ...small, dropout: 0.1, learningRate: 1e-3 });
    expect(json.config.standardizer.mean).toEqual(Array.from(m.standardizer.mean));
    const loaded = GruClassifier.load(dir);
    expect(loaded.predictProba(x)).toEqual(expected);
    expect(Array.from(loaded.standardizer!.std)).toEqual(Array.from(m.standardizer.std));
    // The config and specs survive plain JSON (what goes into a model registry); weights stay bytes.
    const art = m.toArtifact();
    const viaArtifact = GruClassifier.fromArtifact({
      config: JSON.parse(JSON.stringify(art.config)), weightSpecs: JSON.parse(JSON.stringify(art.weightSpecs)), weightData: art.weightData.slice(),
    });
    expect(viaArtifact.predictProba(x)).toEqual(expected);
    [m, loaded, viaArtifact].forEach((model) => model.dispose());
  });

  it('computes the same function as Keras 3 GRU(reset_after=False) -> Dense(sigmoid) given its weights (1e-5)', () => {
    const m = new GruClassifier(small);
    const { x } = dataset(8, 16);
    const ours = m.predictProba(x);
    // Reference: keras 3.15 / tensorflow-cpu 2.21, model.set_weights(ours); model.predict_on_batch(x).
    const ref = runPython<number[]>(
      `import numpy as np, keras
L, F, U = inp["shape"]
model = keras.Sequential([keras.Input((L, F)), keras.layers.GRU(U, reset_after=False), keras.layers.Dense(1, activation="sigmoid")])
model.set_weights([np.array(w, dtype=np.float32).reshape(s) for w, s in zip(inp["weights"], inp["shapes"])])
print(json.dumps(np.asarray(model.predict_on_batch(np.array(inp["x"], dtype=np.float32).reshape(-1, L, F))).ravel().tolist()))`,
      { shape: [L, F, small.units], weights: m.getWeights().map((w) => Array.from(w)), shapes: m.toArtifact().weightSpecs.map((s) => s.shape), x: Array.from(x) },
    );
    expect(ref).toHaveLength(16);
    ref.forEach((p, i) => expect(Math.abs(ours[i]! - p)).toBeLessThan(1e-5));
    m.dispose();
  });

  it('loads a v1 artifact written by the tf.layers implementation and predicts as tf.layers does (1e-5)', () => {
    // The artifact the pre-fused GruClassifier wrote: a tf.layers gru -> dense(sigmoid) model's
    // weights in layer order, under these names, with its resolved options.
    const tf = getTf();
    const layers = tf.sequential({ layers: [
      tf.layers.gru({ units: 8, inputShape: [L, F], recurrentActivation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), recurrentInitializer: 'glorotUniform', biasInitializer: tf.initializers.randomNormal({ seed: 2 }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }), biasInitializer: 'ones' }),
    ] });
    const names = ['gru/kernel', 'gru/recurrent_kernel', 'gru/bias', 'dense/kernel', 'dense/bias'];
    const values = layers.getWeights().map((w) => w.dataSync() as Float32Array);
    const dir = path.join(tmp, 'tf-layers-v1');
    writeArtifact(dir, {
      config: { format: 'quantlab/gru-classifier', version: 1, options: { ...small, dropout: 0, learningRate: 1e-3 } },
      weightSpecs: layers.getWeights().map((w, i) => ({ name: names[i]!, shape: w.shape.map(Number), dtype: 'float32' as const })),
      weightData: new Uint8Array(Float32Array.from(values.flatMap((v) => Array.from(v))).buffer),
    });
    const { x } = dataset(10, 20);
    const expected = tf.tidy(() => (layers.predict(tf.tensor3d(x, [20, L, F])) as ReturnType<typeof tf.tensor>).dataSync() as Float32Array);
    const loaded = GruClassifier.load(dir);
    const got = loaded.predictProba(x);
    expected.forEach((p, i) => expect(Math.abs(got[i]! - p)).toBeLessThan(1e-5));
    loaded.dispose();
    layers.dispose();
  });

  it('passes trainer options through: early stopping, schedule, class weights, clipping', async () => {
    const m = new GruClassifier({ ...small, learningRate: 1e-2 });
    const h = await m.fit(dataset(11, 64), {
      epochs: 3, batchSize: 32, rng: createRng(1), validation: dataset(12, 32),
      earlyStopping: { metric: 'valLoss', patience: 5 }, schedule: { type: 'step', stepSize: 1, gamma: 0.5 }, classWeights: [1, 2], clipNorm: 1,
    });
    expect(h.epochs.map((e) => e.learningRate)).toEqual([1e-2, 5e-3, 2.5e-3]);
    expect(h.epochs.every((e) => e.gradNorm !== undefined)).toBe(true);
    expect(h.bestEpoch).toBe(h.valLoss.indexOf(Math.min(...h.valLoss)));
    expect(h.stoppedEarly).toBe(false);
    m.dispose();
  });

  it('windows from makeSequences feed straight into predictProba', () => {
    const cols = [0, 1, 2].map((f) => Float64Array.from({ length: 40 }, (_, r) => Math.cos(r + f)));
    const seq = makeSequences(cols, new Float64Array(40).fill(1), L, { start: 0, end: 40 });
    const m = new GruClassifier(small);
    const p = m.predictProba(seq.x);
    expect(p).toHaveLength(seq.samples);
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
    m.dispose();
  });

  it('rejects unknown or bad options and mis-shaped data, naming the argument', async () => {
    expect(() => new GruClassifier({ ...small, unit: 4 } as never)).toThrow(/options\.unit/);
    expect(() => new GruClassifier({ ...small, dropout: 1 })).toThrow(/options\.dropout/);
    expect(() => new GruClassifier({ lookback: L, features: F } as never)).toThrow(/options\.seed/);
    const m = new GruClassifier(small);
    const train = dataset(9, 10);
    await expect(m.fit(train, { epochs: 1, batchSize: 4, rng: createRng(1), shuffle: true } as never)).rejects.toThrow(/fitOptions\.shuffle/);
    await expect(m.fit(train, { epochs: 0, batchSize: 4, rng: createRng(1) })).rejects.toThrow(InvalidArgumentError);
    await expect(m.fit({ x: train.x, y: train.y.subarray(1) }, { epochs: 1, batchSize: 4, rng: createRng(1) })).rejects.toThrow(/train\.y/);
    expect(() => m.predictProba(new Float32Array(L * F + 1))).toThrow(/lookback \* features = 18/);
    expect(() => GruClassifier.load(path.join(tmp, 'missing'))).toThrow(FileNotFoundError);
    const other = new GruClassifier({ ...small, units: 4 });
    const art = other.toArtifact();
    expect(() => GruClassifier.fromArtifact({ ...art, config: { ...art.config, options: { ...art.config.options, units: 8 } } })).toThrow(DataFormatError);
    [m, other].forEach((model) => model.dispose());
  });
});
