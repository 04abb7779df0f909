// StackedMlp: outputs against a plain double-precision forward pass, hand-written gradients against
// tf.js autodiff (tf.variableGrads over the same network built from tf ops), stable-baselines3's
// orthogonal initialisation, weight (de)serialisation, and no tensor left behind.
import type { Tensor } from '@tensorflow/tfjs-node';
import { describe, expect, it } from 'vitest';
import { StackedMlp, mlpParameterCount, type MlpLayout } from '../../../lib/rl/agents';
import { headWeights, initOrthogonalHead, initUniformFanIn, setHeadWeights } from '../../../lib/rl/agents/mlp';
import { createRng } from '../../../lib/util/random';
import { getTf } from '../../../lib/util/tf';

const ROWS = 7;

function randomMlp(layout: MlpLayout, seed: number): StackedMlp {
  const mlp = new StackedMlp(layout, new Float32Array(mlpParameterCount(layout)));
  initUniformFanIn(mlp, createRng(seed));
  return mlp;
}

/** Offsets of W [heads, in, out] and b [heads, out] of each layer in the flat parameters. */
function offsets(layout: MlpLayout) {
  const sizes = [layout.inputSize, ...layout.hiddenSizes, layout.outputSize];
  let o = 0;
  return sizes.slice(1).map((out, l) => {
    const inSize = sizes[l]!, w = o, b = o + layout.heads * inSize * out;
    o = b + layout.heads * out;
    return { inSize, out, w, b };
  });
}

function plainForward(mlp: StackedMlp, x: Float32Array, rows: number): Float64Array {
  const { layout, params } = mlp, layers = offsets(layout);
  const out = new Float64Array(layout.heads * rows * layout.outputSize);
  for (let h = 0; h < layout.heads; h++) {
    for (let r = 0; r < rows; r++) {
      let act = Array.from(x.subarray(r * layout.inputSize, (r + 1) * layout.inputSize));
      layers.forEach((l, i) => {
        const next = Array.from({ length: l.out }, (_, j) => {
          let s = params[l.b + h * l.out + j]!;
          for (let k = 0; k < l.inSize; k++) s += act[k]! * params[l.w + h * l.inSize * l.out + k * l.out + j]!;
          return i + 1 < layers.length ? (layout.activation === 'tanh' ? Math.tanh(s) : Math.max(0, s)) : s;
        });
        act = next;
      });
      act.forEach((v, j) => { out[(h * rows + r) * layout.outputSize + j] = v; });
    }
  }
  return out;
}

function autodiffGrads(mlp: StackedMlp, x: Float32Array, rows: number, dOut: Float64Array): Float64Array {
  const tf = getTf(), { layout, params } = mlp, layers = offsets(layout);
  const vars = layers.flatMap((l) => [
    tf.variable(tf.tensor3d(params.slice(l.w, l.b), [layout.heads, l.inSize, l.out])),
    tf.variable(tf.tensor3d(params.slice(l.b, l.b + layout.heads * l.out), [layout.heads, 1, l.out])),
  ]);
  const input = tf.tensor2d(x, [rows, layout.inputSize]), weight = tf.tensor3d(Float32Array.from(dOut), [layout.heads, rows, layout.outputSize]);
  const { value, grads } = tf.variableGrads(() => {
    let h: Tensor = input;
    layers.forEach((_, i) => {
      const z = tf.add(tf.matMul(h, vars[2 * i]!), vars[2 * i + 1]!);
      h = i + 1 < layers.length ? (layout.activation === 'tanh' ? tf.tanh(z) : tf.relu(z)) : z;
    });
    return tf.sum(tf.mul(h, weight)) as import('@tensorflow/tfjs-node').Scalar;
  }, vars);
  const flat = new Float64Array(params.length);
  layers.forEach((l, i) => {
    flat.set(grads[vars[2 * i]!.name]!.dataSync(), l.w);
    flat.set(grads[vars[2 * i + 1]!.name]!.dataSync(), l.b);
  });
  tf.dispose([value, input, weight, ...vars, ...Object.values(grads)]);
  return flat;
}

describe('StackedMlp', () => {
  const layouts: MlpLayout[] = [
    { inputSize: 4, hiddenSizes: [16, 8], outputSize: 3, heads: 2, activation: 'tanh' },
    { inputSize: 5, hiddenSizes: [12], outputSize: 2, heads: 1, activation: 'relu' },
  ];
  for (const layout of layouts) {
    it(`${layout.heads} head(s), ${layout.activation}: outputs match a plain forward pass, gradients match tf.js autodiff`, () => {
      const mlp = randomMlp(layout, 3), rng = createRng(4);
      const x = Float32Array.from({ length: ROWS * layout.inputSize }, () => rng.normal());
      const plain = plainForward(mlp, x, ROWS);
      const out = mlp.forward(x, ROWS);
      out.forEach((v, i) => expect(Math.abs(v - plain[i]!)).toBeLessThan(1e-5));
      const dOut = Float64Array.from({ length: out.length }, () => rng.normal());
      const { out: out2, grads } = mlp.forwardBackward(x, ROWS, (o) => {
        expect(Array.from(o)).toEqual(Array.from(out));
        return dOut;
      });
      expect(out2.length).toBe(out.length);
      const ref = autodiffGrads(mlp, x, ROWS, dOut);
      let worst = 0, largest = 0;
      ref.forEach((g, i) => { worst = Math.max(worst, Math.abs(grads[i]! - g)); largest = Math.max(largest, Math.abs(g)); });
      expect(largest).toBeGreaterThan(0.1);
      expect(worst).toBeLessThan(1e-5 * largest);
      mlp.dispose();
    });
  }

  it('leaves no tensor behind: uploads are replaced, passes are tidy', () => {
    const tf = getTf(), layout = layouts[0]!, mlp = randomMlp(layout, 5);
    const x = new Float32Array(ROWS * layout.inputSize).fill(0.1);
    mlp.forward(x, ROWS);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      mlp.forwardBackward(x, ROWS, (o) => new Float64Array(o.length).fill(1));
      mlp.params[0] = mlp.params[0]! + 0.1;
      mlp.invalidate();
      mlp.forward(x, ROWS);
    }
    expect(tf.memory().numTensors).toBe(before);
    mlp.dispose();
    expect(tf.memory().numTensors).toBe(before - 2 * (layout.hiddenSizes.length + 1));
  });

  it('orthogonal initialisation: hidden layers gain^2-orthogonal, narrow output columns, zero biases', () => {
    const layout: MlpLayout = { inputSize: 4, hiddenSizes: [64, 64], outputSize: 3, heads: 2, activation: 'tanh' };
    const mlp = new StackedMlp(layout, new Float32Array(mlpParameterCount(layout)));
    const rng = createRng(9);
    initOrthogonalHead(mlp, 0, [Math.SQRT2, Math.SQRT2, 0.01], 3, rng);
    initOrthogonalHead(mlp, 1, [Math.SQRT2, Math.SQRT2, 1], 1, rng);
    const [l0, l1, l2] = headWeights(mlp, 0);
    // [4, 64]: orthonormal rows scaled by sqrt(2): W W^T = 2 I.
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      let dot = 0;
      for (let c = 0; c < 64; c++) dot += l0!.weight[i * 64 + c]! * l0!.weight[j * 64 + c]!;
      expect(dot).toBeCloseTo(i === j ? 2 : 0, 5);
    }
    // [64, 64]: W^T W = 2 I.
    let diag = 0;
    for (let r = 0; r < 64; r++) diag += l1!.weight[r * 64 + 5]! ** 2;
    expect(diag).toBeCloseTo(2, 5);
    let col = 0;
    for (let r = 0; r < 64; r++) col += l2!.weight[r * 3 + 1]! ** 2;
    expect(col).toBeCloseTo(0.01 ** 2, 8);
    expect([...l0!.bias, ...l1!.bias, ...l2!.bias].every((b) => b === 0)).toBe(true);
    const value = headWeights(mlp, 1);
    let norm = 0;
    for (let r = 0; r < 64; r++) norm += value[2]!.weight[r * 3]! ** 2;
    expect(norm).toBeCloseTo(1, 5);
    for (let r = 0; r < 64; r++) expect([value[2]!.weight[r * 3 + 1], value[2]!.weight[r * 3 + 2]]).toEqual([0, 0]);
  });

  it('headWeights / setHeadWeights round-trip a narrow head and name bad fields', () => {
    const layout = layouts[0]!, a = randomMlp(layout, 6), b = randomMlp(layout, 7);
    setHeadWeights(b, 0, headWeights(a, 0), 'w0');
    setHeadWeights(b, 1, headWeights(a, 1, 1), 'w1', 1);
    const x = Float32Array.from({ length: ROWS * 4 }, (_, i) => Math.sin(i));
    const oa = a.forward(x, ROWS), ob = b.forward(x, ROWS);
    expect(Array.from(ob.subarray(0, ROWS * 3))).toEqual(Array.from(oa.subarray(0, ROWS * 3)));
    for (let r = 0; r < ROWS; r++) expect(ob[(ROWS + r) * 3]).toBe(oa[(ROWS + r) * 3]);
    const bad = headWeights(a, 0);
    bad[1]!.bias = [1, 2];
    expect(() => setHeadWeights(b, 0, bad, 'json.weights.policy')).toThrow(/json\.weights\.policy\[1\]\.bias = array of length 2: must be 8 finite numbers\. Fix: pass the weights written by toJSON\(\)/);
    expect(() => setHeadWeights(b, 0, [], 'json.weights.policy')).toThrow(/json\.weights\.policy = array of length 0: must be an array of 3 layers/);
    a.dispose(); b.dispose();
  });

  it('rejects a bad layout or parameter array, naming it', () => {
    const layout = layouts[0]!;
    expect(() => new StackedMlp({ ...layout, hiddenSizes: [16, 0] }, new Float32Array(10))).toThrow(/layout\.hiddenSizes = array of length 2: must be an array of whole numbers >= 1\. Fix: pass e\.g\. \[64, 64\]/);
    expect(() => new StackedMlp({ ...layout, activation: 'gelu' as 'tanh' }, new Float32Array(10))).toThrow(/layout\.activation = "gelu": must be "tanh" or "relu"/);
    expect(() => new StackedMlp(layout, new Float32Array(10))).toThrow(new RegExp(`params = array of length 10: must be a Float32Array of ${mlpParameterCount(layout)} parameters`));
  });
});
