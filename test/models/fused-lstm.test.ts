import { describe, expect, it } from 'vitest';
import { FusedLstm, lstmFusedToLayers, lstmLayersToFused } from '../../lib/models/fused';
import { createRng } from '../../lib/util/random';
import { getTf } from '../../lib/util/tf';
import { checkInferenceMatchesTraining, checkMatchesLayers, checkNoLeak, type RnnCase } from './fused-rnn-contract';

const lstm: RnnCase = {
  kind: 'lstm',
  create: (features, units, seed) => new FusedLstm({ features, units, rng: createRng(seed) }),
  gradsToLayers: ([w, b], features, units) => lstmFusedToLayers({ w: w!, b: b! }, features, units),
};

describe('FusedLstm matches tf.layers.lstm (same weights)', () => {
  it('forward and gradients, B=5 T=7 F=3 H=4, last state', () => checkMatchesLayers(lstm, 5, 7, 3, 4, false, 1));
  it('forward and gradients, B=5 T=7 F=3 H=4, whole sequence', () => checkMatchesLayers(lstm, 5, 7, 3, 4, true, 2));
  it('forward and gradients at the seed size B=32 T=10 F=8 H=64', () => checkMatchesLayers(lstm, 32, 10, 8, 64, false, 3));
  it('forward and gradients with two time steps, batch 1', () => checkMatchesLayers(lstm, 1, 2, 3, 4, true, 4));
});

describe('FusedLstm prediction path (no gradient tape)', () => {
  it('equals the training forward, last state, at batch 1,024', () => checkInferenceMatchesTraining(lstm, 1024, 10, 8, 64, false, 5));
  it('equals the training forward, whole sequence', () => checkInferenceMatchesTraining(lstm, 5, 7, 3, 4, true, 6));
  it('equals the training forward with one time step', () => checkInferenceMatchesTraining(lstm, 2, 1, 3, 4, false, 7));
});

describe('FusedLstm', () => {
  it('leaks no tensor across training steps and inference', () => checkNoLeak(lstm));

  it('draws reproducible initial weights, forget-gate bias 1 (Keras unit_forget_bias)', () => {
    const a = new FusedLstm({ features: 3, units: 4, rng: createRng(5) });
    const b = new FusedLstm({ features: 3, units: 4, rng: createRng(5) });
    expect(b.getWeights()).toEqual(a.getWeights());
    const bias = a.getWeights()[2];
    expect(Array.from(bias)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const c = new FusedLstm({ features: 3, units: 4, rng: createRng(6) });
    expect(c.getWeights()[1]).not.toEqual(a.getWeights()[1]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('round-trips weights through the fused layout', () => {
    const rng = createRng(3);
    const w = { kernel: Float32Array.from({ length: 48 }, () => rng.normal()), recurrentKernel: Float32Array.from({ length: 64 }, () => rng.normal()), bias: Float32Array.from({ length: 16 }, (_, i) => i) };
    expect(lstmFusedToLayers(lstmLayersToFused(w, 3, 4), 3, 4)).toEqual(w);
    const layer = new FusedLstm({ features: 3, units: 4, rng });
    layer.setWeights([w.kernel, w.recurrentKernel, w.bias]);
    expect(layer.getWeights()).toEqual([w.kernel, w.recurrentKernel, w.bias]);
    layer.dispose();
  });

  it('rejects bad options and weights, naming the argument and the fix', () => {
    const rng = createRng(1);
    expect(() => new FusedLstm({ features: 3, units: -1, rng })).toThrow('FusedLstm options.units = -1: must be a positive integer. Fix: pass e.g. 64');
    expect(() => new FusedLstm({ features: 3, units: 4, rng, dropout: 0.1 } as never)).toThrow('FusedLstm options.dropout = 0.1: is not a known option. Fix: use only: features, units, rng');
    const layer = new FusedLstm({ features: 3, units: 4, rng });
    expect(() => layer.setWeights([new Float32Array(48), new Float32Array(64), new Float64Array(16) as never]))
      .toThrow('weights[2] (bias) = array of length 16: must be a Float32Array of length 16. Fix: pass the bias of a LSTM with 3 features and 4 units');
    const x = getTf().zeros([2, 5]) as never;
    expect(() => layer.apply(x)).toThrow('x = "tensor of shape [2,5]": must be [batch, time, 3]');
    getTf().dispose(x);
    layer.dispose();
  });
});
