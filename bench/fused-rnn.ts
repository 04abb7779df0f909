// Training and inference speed of the fused recurrent layers (lib/models/fused) next to Keras on
// the same CPU, the same data and the same model: RNN(64) -> Dense(1, sigmoid), Adam 1e-3,
// binary cross-entropy, batch 32, per-epoch shuffle (the gru-epoch / gru-inference setup).
import type { Scalar, Tensor, Tensor1D, Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs-node';
import { FusedAdam, FusedGru, FusedLstm, backendInfo, createRng, getTf, glorotUniform, sigmoidCrossEntropyHead } from 'quantlab';
import { median, result, type Benchmark, type BenchResult } from './types';
import { removeDataset, runPeer, writeDataset, type BenchData } from './dataset';

export const SAMPLES = 5_000, LOOKBACK = 10, FEATURES = 8, UNITS = 64, BATCH = 32;
export const WARMUP_EPOCHS = 1, TIMED_EPOCHS = 3;
export const PREDICT_WARMUP = 5, PREDICT_REPEATS = 50;

export type Kind = 'gru' | 'lstm';

/** The benchmarked classifier: a fused RNN and a dense sigmoid head, trained as GruClassifier.fit does. */
export class Classifier {
  readonly rnn: FusedGru | FusedLstm;
  readonly head: Variable[];

  constructor(kind: Kind, seed: number) {
    const tf = getTf(), rng = createRng(seed);
    const options = { features: FEATURES, units: UNITS, rng };
    this.rnn = kind === 'gru' ? new FusedGru(options) : new FusedLstm(options);
    this.head = tf.tidy(() => [tf.variable(tf.tensor2d(glorotUniform(UNITS, 1, rng), [UNITS, 1])), tf.variable(tf.zeros([1]))]);
  }

  probabilities(x: Tensor3D): Tensor {
    const tf = getTf();
    return tf.sigmoid(tf.add(tf.matMul(this.rnn.apply(x), this.head[0]!), this.head[1]!));
  }

  /** Mean binary cross-entropy through the fused head (same value as tf.metrics.binaryCrossentropy). */
  loss(x: Tensor3D, y: Float32Array): Scalar {
    return sigmoidCrossEntropyHead(this.rnn.apply(x) as Tensor2D, this.head[0] as Tensor2D, this.head[1] as Tensor1D, y);
  }

  /** Epoch wall times, ms. */
  fit(data: BenchData, epochs: number): number[] {
    const tf = getTf(), rng = createRng(2);
    const variables = [...this.rnn.variables, ...this.head], step = LOOKBACK * FEATURES;
    // tf.train.adam's update (tested equal to 1e-6) in one kernel chain for all four variables.
    const optimizer = new FusedAdam(variables, { learningRate: 1e-3 });
    const ms: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      const start = performance.now();
      const order = rng.shuffled(Array.from({ length: data.samples }, (_, i) => i));
      for (let from = 0; from < data.samples; from += BATCH) {
        const size = Math.min(BATCH, data.samples - from);
        const xb = new Float32Array(size * step), yb = new Float32Array(size);
        for (let j = 0; j < size; j++) {
          const i = order[from + j]!;
          xb.set(data.x.subarray(i * step, (i + 1) * step), j * step);
          yb[j] = data.y[i]!;
        }
        const cost = tf.tidy(() => {
          const xt = tf.tensor3d(xb, [size, LOOKBACK, FEATURES]);
          return optimizer.minimize(() => this.loss(xt, yb));
        });
        cost.dataSync();
        cost.dispose();
      }
      ms.push(performance.now() - start);
    }
    optimizer.dispose();
    return ms;
  }

  predict(x: Float32Array, n: number): Float32Array {
    const tf = getTf();
    // The values are read outside tidy: tidy walks whatever it returns looking for tensors, one
    // element at a time, which costs ~0.4 us per element of a returned typed array.
    const p = tf.tidy(() => this.probabilities(tf.tensor3d(x, [n, LOOKBACK, FEATURES])));
    const out = p.dataSync() as Float32Array;
    p.dispose();
    return out;
  }

  dispose(): void {
    this.rnn.dispose();
    getTf().dispose(this.head);
  }
}

function epochBench(kind: Kind, peerScript: string): Benchmark {
  return {
    name: `fused-${kind}-epoch`,
    async run(): Promise<BenchResult> {
      const data = writeDataset(20_240_601, SAMPLES, LOOKBACK, FEATURES);
      try {
        const model = new Classifier(kind, 1);
        const epochMs = model.fit(data, WARMUP_EPOCHS + TIMED_EPOCHS);
        model.dispose();
        const peer = runPeer<{ epoch_ms: number[]; versions: string }>(peerScript, [
          data.dir, String(UNITS), String(BATCH), String(WARMUP_EPOCHS + TIMED_EPOCHS),
        ]);
        return result(
          `fused ${kind.toUpperCase()}(${UNITS}) train epoch, ${SAMPLES} x ${LOOKBACK} x ${FEATURES}, batch ${BATCH}`,
          median(epochMs.slice(WARMUP_EPOCHS)), `Keras model.fit (${peer.versions})`, median(peer.epoch_ms.slice(WARMUP_EPOCHS)),
          `median of ${TIMED_EPOCHS} epochs after ${WARMUP_EPOCHS} warm-up; Adam 1e-3, BCE, per-epoch shuffle; ` +
            `tfjs backend ${backendInfo().backend}; ours epochs ms [${epochMs.map((v) => v.toFixed(0))}], ` +
            `peer [${peer.epoch_ms.map((v) => v.toFixed(0))}]`,
        );
      } finally {
        removeDataset(data);
      }
    },
  };
}

/** Wall times (ms) of PREDICT_REPEATS predictions of `samples` windows after PREDICT_WARMUP. */
export function predictTimes(kind: Kind, data: BenchData, samples: number): number[] {
  const model = new Classifier(kind, 1);
  const times: number[] = [];
  for (let i = 0; i < PREDICT_WARMUP + PREDICT_REPEATS; i++) {
    const start = performance.now();
    model.predict(data.x, samples);
    if (i >= PREDICT_WARMUP) times.push(performance.now() - start);
  }
  model.dispose();
  return times;
}

function inferenceBench(kind: Kind, samples: number): Benchmark {
  return {
    name: `fused-${kind}-inference-${samples}`,
    async run(): Promise<BenchResult> {
      const data = writeDataset(20_240_602, samples, LOOKBACK, FEATURES);
      try {
        const times = predictTimes(kind, data, samples);
        const peer = runPeer<{ ms: number[]; versions: string }>(`keras_${kind}_predict.py`, [
          data.dir, String(UNITS), String(PREDICT_WARMUP), String(PREDICT_REPEATS),
        ]);
        return result(
          `fused ${kind.toUpperCase()}(${UNITS}) inference, batch ${samples} x ${LOOKBACK} x ${FEATURES}`,
          median(times), `Keras predict_on_batch (${peer.versions})`, median(peer.ms),
          `median of ${PREDICT_REPEATS} calls after ${PREDICT_WARMUP} warm-up, Float32Array in / out on both sides; ` +
            `tfjs backend ${backendInfo().backend}; TF_NUM_INTRAOP_THREADS=${process.env.TF_NUM_INTRAOP_THREADS ?? 'default'} on both sides`,
        );
      } finally {
        removeDataset(data);
      }
    },
  };
}

export const fusedRnnBenchmarks: readonly Benchmark[] = [
  epochBench('gru', 'keras_gru_epoch.py'),
  epochBench('lstm', 'keras_lstm_epoch.py'),
  inferenceBench('gru', 1),
  inferenceBench('gru', 1_024),
  inferenceBench('lstm', 1),
  inferenceBench('lstm', 1_024),
];
