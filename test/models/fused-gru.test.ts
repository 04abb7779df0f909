import { describe, expect, it } from 'vitest';
import { FusedGru, gruFusedToLayers, gruLayersToFused, glorotUniform, orthogonal } from '../../lib/models/fused';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { getTf } from '../../lib/util/tf';
import { checkInferenceMatchesTraining, checkMatchesLayers, checkNoLeak, type RnnCase } from './fused-rnn-contract';

const gru: RnnCase = {
  kind: 'gru',
  create: (features, units, seed) => new FusedGru({ features, units, rng: createRng(seed) }),
  gradsToLayers: ([w, b], features, units) => gruFusedToLayers({ w: w!, b: b! }, features, units),
};

describe('FusedGru matches tf.layers.gru (same weights)', () => {
  it('forward and gradients, B=5 T=7 F=3 H=4, last state', () => checkMatchesLayers(gru, 5, 7, 3, 4, false, 1));
  it('forward and gradients, B=5 T=7 F=3 H=4, whole sequence', () => checkMatchesLayers(gru, 5, 7, 3, 4, true, 2));
  it('forward and gradients at the seed size B=32 T=10 F=8 H=64', () => checkMatchesLayers(gru, 32, 10, 8, 64, false, 3));
  it('forward and gradients with two time steps, batch 1', () => checkMatchesLayers(gru, 1, 2, 3, 4, true, 4));
});

describe('FusedGru prediction path (no gradient tape)', () => {
  it('equals the training forward, last state, at batch 1,024', () => checkInferenceMatchesTraining(gru, 1024, 10, 8, 64, false, 5));
  it('equals the training forward, whole sequence', () => checkInferenceMatchesTraining(gru, 5, 7, 3, 4, true, 6));
  it('equals the training forward with one time step', () => checkInferenceMatchesTraining(gru, 2, 1, 3, 4, false, 7));
});

describe('FusedGru', () => {
  it('leaks no tensor across training steps and inference', () => checkNoLeak(gru));

  it('draws reproducible initial weights from its Rng, Keras-style', () => {
    const a = new FusedGru({ features: 8, units: 16, rng: createRng(5) });
    const b = new FusedGru({ features: 8, units: 16, rng: createRng(5) });
    const c = new FusedGru({ features: 8, units: 16, rng: createRng(6) });
    const [kernel, recurrent, bias] = a.getWeights();
    expect(b.getWeights()).toEqual(a.getWeights());
    expect(c.getWeights()[0]).not.toEqual(kernel);
    const limit = Math.sqrt(6 / (8 + 48));
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...kernel.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    // Orthogonal [16, 48]: rows orthonormal.
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) {
      let dot = 0;
      for (let k = 0; k < 48; k++) dot += recurrent[i * 48 + k]! * recurrent[j * 48 + k]!;
      expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
    }
    expect(bias.every((v) => v === 0)).toBe(true);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('round-trips weights through the fused layout', () => {
    const rng = createRng(3);
    const w = { kernel: glorotUniform(3, 12, rng), recurrentKernel: orthogonal(4, 12, rng), bias: Float32Array.from({ length: 12 }, (_, i) => i) };
    expect(gruFusedToLayers(gruLayersToFused(w, 3, 4), 3, 4)).toEqual(w);
    const layer = new FusedGru({ features: 3, units: 4, rng });
    layer.setWeights([w.kernel, w.recurrentKernel, w.bias]);
    expect(layer.getWeights()).toEqual([w.kernel, w.recurrentKernel, w.bias]);
    layer.dispose();
  });

  it('rejects bad options, inputs and weights, naming the argument and the fix', () => {
    const rng = createRng(1);
    expect(() => new FusedGru({ features: 0, units: 4, rng })).toThrow(InvalidArgumentError);
    expect(() => new FusedGru({ features: 0, units: 4, rng })).toThrow('FusedGru options.features = 0: must be a positive integer. Fix: pass e.g. 8');
    expect(() => new FusedGru({ features: 3, units: 2.5, rng })).toThrow('FusedGru options.units = 2.5: must be a positive integer. Fix: pass e.g. 64');
    expect(() => new FusedGru({ features: 3, units: 4, rng: undefined as never })).toThrow('FusedGru options.rng = undefined: must be an Rng. Fix: pass createRng(seed)');
    expect(() => new FusedGru({ features: 3, units: 4, rng, unit: 4 } as never)).toThrow('FusedGru options.unit = 4: is not a known option. Fix: use only: features, units, rng');
    const layer = new FusedGru({ features: 3, units: 4, rng });
    const tf = getTf();
    const x = tf.zeros([2, 5, 2]) as never;
    expect(() => layer.apply(x)).toThrow('x = "tensor of shape [2,5,2]": must be [batch, time, 3]. Fix: reshape the windows to [batch, lookback, features]');
    tf.dispose(x);
    expect(() => layer.setWeights([new Float32Array(36)])).toThrow('weights = array of length 1: must be [kernel, recurrentKernel, bias]. Fix: pass the three arrays');
    expect(() => layer.setWeights([new Float32Array(36), new Float32Array(47), new Float32Array(12)]))
      .toThrow('weights[1] (recurrentKernel) = array of length 47: must be a Float32Array of length 48. Fix: pass the recurrentKernel of a GRU with 3 features and 4 units');
    layer.dispose();
  });
});
