// One training epoch of the GRU classifier against the same Keras model on the same data.
import { GruClassifier, backendInfo, createRng } from 'quantlab';
import { median, result, type Benchmark } from './types';
import { removeDataset, runPeer, writeDataset, type BenchData } from './dataset';

export const SAMPLES = 5_000, LOOKBACK = 10, FEATURES = 8, UNITS = 64, BATCH = 32;
export const WARMUP_EPOCHS = 1, TIMED_EPOCHS = 3;

/** Epoch wall times (ms) of the library's GRU classifier, seed configuration, on `data`. */
export async function gruClassifierEpochs(data: BenchData): Promise<number[]> {
  const model = new GruClassifier({ lookback: LOOKBACK, features: FEATURES, units: UNITS, learningRate: 1e-3, seed: 1 });
  const epochMs: number[] = [];
  let last = performance.now();
  await model.fit({ x: data.x, y: data.y }, {
    epochs: WARMUP_EPOCHS + TIMED_EPOCHS, batchSize: BATCH, rng: createRng(2),
    onEpochEnd: () => { const now = performance.now(); epochMs.push(now - last); last = now; },
  });
  model.dispose();
  return epochMs;
}

export const gruEpoch: Benchmark = {
  name: 'gru-epoch',
  async run() {
    const data = writeDataset(20_240_601, SAMPLES, LOOKBACK, FEATURES);
    try {
      const epochMs = await gruClassifierEpochs(data);
      const peer = runPeer<{ epoch_ms: number[]; versions: string }>('keras_gru_epoch.py', [
        data.dir, String(UNITS), String(BATCH), String(WARMUP_EPOCHS + TIMED_EPOCHS),
      ]);
      const ours = median(epochMs.slice(WARMUP_EPOCHS));
      const theirs = median(peer.epoch_ms.slice(WARMUP_EPOCHS));
      return result(
        `GRU(${UNITS}) train epoch, ${SAMPLES} x ${LOOKBACK} x ${FEATURES}, batch ${BATCH}`,
        ours, `Keras model.fit (${peer.versions})`, theirs,
        `median of ${TIMED_EPOCHS} epochs after ${WARMUP_EPOCHS} warm-up; Adam 1e-3, BCE, per-epoch shuffle; ` +
          `tfjs backend ${backendInfo().backend}; ours epochs ms [${epochMs.map((v) => v.toFixed(0))}], ` +
          `peer [${peer.epoch_ms.map((v) => v.toFixed(0))}]`,
      );
    } finally {
      removeDataset(data);
    }
  },
};
