import { afterEach, describe, expect, it, vi } from 'vitest';
import { SequenceModel, type SequenceModelOptions } from '../../../lib/models/sequence';
import { clipByGlobalNorm, fitSequenceModel, type EpochLogs } from '../../../lib/models/train';
import { InvalidArgumentError } from '../../../lib/util/errors';
import { createRng } from '../../../lib/util/random';
import { getTf } from '../../../lib/util/tf';

const L = 6, F = 3;

/** Windows labelled by the sign of feature 0 at the last step: learnable, seeded. */
function signData(seed: number, n: number) {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * L * F }, () => rng.normal());
  const y = Float32Array.from({ length: n }, (_, i) => (x[(i * L + L - 1) * F]! > 0 ? 1 : 0));
  return { x, y };
}

/** Regression target scale * (sum of feature 0 over the window) / L. */
function sumData(seed: number, n: number, scale: number) {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * L * F }, () => rng.normal());
  const y = Float32Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let t = 0; t < L; t++) s += x[(i * L + t) * F]!;
    return (scale * s) / L;
  });
  return { x, y };
}

const small: SequenceModelOptions = { lookback: L, features: F, layers: [4], dropout: 0.2 };

afterEach(() => { vi.restoreAllMocks(); });

describe('fit', () => {
  it('is reproducible bit for bit: same seeds give the same weights and metrics, another seed does not', async () => {
    const train = signData(1, 96), validation = signData(2, 32);
    const run = async (initSeed: number, fitSeed: number) => {
      const m = new SequenceModel(small, createRng(initSeed));
      const h = await fitSequenceModel(m, { train, validation }, { epochs: 2, batchSize: 16, rng: createRng(fitSeed), clipNorm: 1 });
      const out = { weights: m.getWeights(), metrics: h.epochs.map(({ seconds: _, ...rest }) => rest) };
      m.dispose();
      return out;
    };
    const a = await run(1, 2), b = await run(1, 2), c = await run(1, 3);
    expect(b.weights).toEqual(a.weights);
    expect(b.metrics).toEqual(a.metrics);
    expect(c.metrics[0]!.loss).not.toBe(a.metrics[0]!.loss);
  });

  it('learns: a bidirectional LSTM with attention pooling reaches > 85 % validation accuracy', async () => {
    const m = new SequenceModel({ lookback: L, features: F, cell: 'lstm', layers: [8], bidirectional: true, pooling: 'attention', layerNorm: true }, createRng(4));
    const h = await fitSequenceModel(m, { train: signData(3, 512), validation: signData(4, 256) }, { epochs: 8, batchSize: 32, rng: createRng(5), learningRate: 1e-2 });
    expect(h.epochs.at(-1)!.loss).toBeLessThan(h.epochs[0]!.loss);
    expect(h.epochs.at(-1)!.valAccuracy!).toBeGreaterThan(0.85);
    m.dispose();
  });

  it('leaks no tensor: the count is the same after every epoch, and back to the start after fit', async () => {
    const tf = getTf();
    const m = new SequenceModel({ lookback: L, features: F, layers: [4, 3], bidirectional: true, pooling: 'attention', layerNorm: true, dropout: 0.3, head: { units: [3] } }, createRng(6));
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await fitSequenceModel(m, { train: signData(7, 64), validation: signData(8, 32) }, {
      epochs: 4, batchSize: 16, rng: createRng(1), clipNorm: 0.5, classWeights: [1, 2],
      schedule: { type: 'plateau', patience: 1 }, earlyStopping: { patience: 3 },
      onEpoch: () => { counts.push(tf.memory().numTensors); },
    });
    expect(counts).toHaveLength(4);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('stops early at the known validation minimum + patience and restores that epoch\'s weights', async () => {
    // Trained towards y = x-sum, validated against half of it: the validation error falls while
    // the output scale grows towards 1/2, then rises: an interior minimum, found by a full run.
    const train = sumData(9, 128, 1), validation = sumData(10, 64, 0.5);
    const options = { lookback: L, features: F, task: 'regression', layers: [6] } as const;
    const fitOptions = { epochs: 30, batchSize: 32, learningRate: 3e-3 };
    const full = new SequenceModel(options, createRng(11));
    const weightsByEpoch: Float32Array[][] = [];
    const h = await fitSequenceModel(full, { train, validation }, { ...fitOptions, rng: createRng(12), onEpoch: () => { weightsByEpoch.push(full.getWeights()); } });
    const valLoss = h.epochs.map((e) => e.valLoss!);
    const best = valLoss.indexOf(Math.min(...valLoss));
    const patience = 3;
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThan(30 - patience - 1);
    const stopped = new SequenceModel(options, createRng(11));
    const h2 = await fitSequenceModel(stopped, { train, validation }, { ...fitOptions, rng: createRng(12), earlyStopping: { metric: 'valLoss', patience } });
    expect(h2.epochs).toHaveLength(best + patience + 1);
    expect(h2.stoppedEarly).toBe(true);
    expect(h2.bestEpoch).toBe(best);
    expect(stopped.getWeights()).toEqual(weightsByEpoch[best]);
    expect(stopped.evaluate(validation).loss).toBe(valLoss[best]);
    // restoreBest: false keeps the last epoch's weights.
    const kept = new SequenceModel(options, createRng(11));
    await fitSequenceModel(kept, { train, validation }, { ...fitOptions, rng: createRng(12), earlyStopping: { patience, restoreBest: false } });
    expect(kept.getWeights()).toEqual(weightsByEpoch[best + patience]);
    [full, stopped, kept].forEach((m) => m.dispose());
  }, 30_000);

  it('applies the schedule: the logged learning rate per epoch follows it', async () => {
    const m = new SequenceModel(small, createRng(1));
    const h = await fitSequenceModel(m, { train: signData(1, 16) }, { epochs: 5, batchSize: 16, rng: createRng(1), learningRate: 0.01, schedule: { type: 'step', stepSize: 2, gamma: 0.5 } });
    expect(h.epochs.map((e) => e.learningRate)).toEqual([0.01, 0.01, 0.005, 0.005, 0.0025]);
    m.dispose();
  });

  it('weights the loss by class: the first batch loss equals sum(w[y] * bce) / n from the initial weights', async () => {
    const m = new SequenceModel({ lookback: L, features: F, layers: [4] }, createRng(2));
    const train = signData(3, 24);
    const p = m.predict(train.x);
    const w = [0.5, 3];
    let expected = 0;
    p.forEach((q, i) => { const y = train.y[i]!; expected -= w[y]! * (y * Math.log(q) + (1 - y) * Math.log(1 - q)); });
    expected /= 24;
    // One batch of all windows: the epoch's loss is computed before the only update.
    const h = await fitSequenceModel(m, { train }, { epochs: 1, batchSize: 24, rng: createRng(1), classWeights: w });
    expect(Math.abs(h.epochs[0]!.loss - expected)).toBeLessThan(1e-6);
    m.dispose();
  });

  it('reports the mean pre-clip gradient norm when clipping', async () => {
    const m = new SequenceModel(small, createRng(1));
    const h = await fitSequenceModel(m, { train: signData(1, 32) }, { epochs: 1, batchSize: 16, rng: createRng(1), clipNorm: 1e-3 });
    expect(h.epochs[0]!.gradNorm!).toBeGreaterThan(1e-3);
    m.dispose();
  });

  it('prints one line per epoch to stdout with progress terminal, nothing to stderr', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write');
    const m = new SequenceModel(small, createRng(1));
    const seen: EpochLogs[] = [];
    await fitSequenceModel(m, { train: signData(1, 16), validation: signData(2, 8) }, { epochs: 3, batchSize: 8, rng: createRng(1), progress: 'terminal', onEpoch: (_, logs) => { seen.push(logs); } });
    const lines = out.mock.calls.map((c) => String(c[0])).filter((s) => s.startsWith('epoch '));
    out.mockRestore();
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^epoch 3\/3 {2}loss \d\.\d{4} {2}valLoss \d\.\d{4} {2}valAccuracy \d\.\d{4} {2}lr 1\.00e-3 {2}\d+\.\d s\n$/);
    expect(lines[0]).toContain(`loss ${seen[0]!.loss.toFixed(4)}`);
    expect(err).not.toHaveBeenCalled();
    m.dispose();
  });
});

describe('clipByGlobalNorm', () => {
  it('scales all gradients by clipNorm / norm when the global norm exceeds clipNorm, and leaves them otherwise', () => {
    const tf = getTf();
    const grads = [tf.tensor2d([[3, 0], [0, 4]]), tf.tensor1d([12])];
    const { clipped, norm } = clipByGlobalNorm(grads, 6.5);
    expect(norm).toBe(13);
    const after = Math.sqrt(clipped.reduce((s, g) => s + (g.dataSync() as Float32Array).reduce((a, v) => a + v * v, 0), 0));
    expect(after).toBeLessThanOrEqual(6.5 + 1e-5);
    expect(Array.from(clipped[1]!.dataSync())).toEqual([6]);
    const kept = clipByGlobalNorm(grads, 20);
    expect(kept.norm).toBe(13);
    expect(kept.clipped[0]).toBe(grads[0]);
    tf.dispose([...grads, ...clipped]);
  });
});

describe('fit rejects bad input, naming the argument and the fix', () => {
  const m = () => new SequenceModel(small, createRng(1));
  const train = signData(1, 8);
  const base = { epochs: 1, batchSize: 4, rng: createRng(1) };
  it.each([
    [{ ...base, shuffle: true }, 'trainOptions.shuffle = true: is not a known option'],
    [{ ...base, epochs: 0 }, 'trainOptions.epochs = 0: must be a positive integer. Fix: pass the number of passes over the training set'],
    [{ ...base, rng: 3 }, 'trainOptions.rng = 3: is not an Rng. Fix: pass createRng(seed)'],
    [{ ...base, clipNorm: -1 }, 'trainOptions.clipNorm = -1: must be a positive finite number'],
    [{ ...base, classWeights: [1] }, 'trainOptions.classWeights = array of length 1: must be 2 finite weights >= 0, one per class index'],
    [{ ...base, progress: 'bar' }, 'trainOptions.progress = "bar": must be terminal, notebook or none'],
    [{ ...base, earlyStopping: { metric: 'auc' } }, 'trainOptions.earlyStopping.metric = "auc": must be loss, valLoss or valAccuracy'],
    [{ ...base, earlyStopping: { patience: 0, metric: 'loss' } }, 'trainOptions.earlyStopping.patience = 0: must be a positive integer'],
    [{ ...base, earlyStopping: {} }, 'data.validation = undefined: is needed: valLoss is watched by early stopping or the schedule. Fix: pass validation windows'],
    [{ ...base, schedule: { type: 'linear' } }, 'trainOptions.schedule.type = "linear": must be step, cosine or plateau'],
    [{ ...base, schedule: { type: 'step' } }, 'trainOptions.schedule.stepSize = undefined: must be a positive integer'],
    [{ ...base, schedule: { type: 'cosine', stepSize: 2 } }, 'trainOptions.schedule.stepSize = 2: is not a known option'],
  ])('%o', async (options, message) => {
    const model = m();
    await expect(fitSequenceModel(model, { train }, options as never)).rejects.toThrow(message);
    model.dispose();
  });

  it('rejects mis-shaped data and class weights on a regressor', async () => {
    const model = m();
    await expect(fitSequenceModel(model, { train: { x: train.x, y: train.y.subarray(1) } }, base)).rejects.toThrow('data.train.y = array of length 7: must be a Float32Array of 8 labels');
    await expect(fitSequenceModel(model, { train, validation: { x: new Float32Array(5), y: train.y } }, base)).rejects.toThrow(InvalidArgumentError);
    const reg = new SequenceModel({ lookback: L, features: F, layers: [2], task: 'regression' }, createRng(1));
    await expect(fitSequenceModel(reg, { train }, { ...base, classWeights: [1, 1] })).rejects.toThrow('trainOptions.classWeights = array of length 2: applies to classification only');
    [model, reg].forEach((x) => x.dispose());
  });
});
