// Inference latency for one batch of 1,024 windows: predictProba vs Keras predict_on_batch.
import { GruClassifier, backendInfo } from 'quantlab';
import { median, result, type Benchmark } from './types';
import { removeDataset, runPeer, writeDataset } from './dataset';

const SAMPLES = 1_024, LOOKBACK = 10, FEATURES = 8, UNITS = 64;
const WARMUP = 3, REPEATS = 20;

export const gruInference: Benchmark = {
  name: 'gru-inference',
  async run() {
    const data = writeDataset(20_240_602, SAMPLES, LOOKBACK, FEATURES);
    try {
      const model = new GruClassifier({ lookback: LOOKBACK, features: FEATURES, units: UNITS, seed: 1 });
      const times: number[] = [];
      for (let i = 0; i < WARMUP + REPEATS; i++) {
        const start = performance.now();
        model.predictProba(data.x);
        if (i >= WARMUP) times.push(performance.now() - start);
      }
      model.dispose();
      const peer = runPeer<{ ms: number[]; versions: string }>('keras_gru_predict.py', [
        data.dir, String(UNITS), String(WARMUP), String(REPEATS),
      ]);
      return result(
        `GRU(${UNITS}) inference, batch ${SAMPLES} x ${LOOKBACK} x ${FEATURES}`,
        median(times), `Keras predict_on_batch (${peer.versions})`, median(peer.ms),
        `median of ${REPEATS} calls after ${WARMUP} warm-up, Float32Array in / out on both sides; tfjs backend ${backendInfo().backend}`,
      );
    } finally {
      removeDataset(data);
    }
  },
};
