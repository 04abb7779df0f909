// The recurrent models next to PyTorch (CPU, 2 threads), the moonshot peer: the same
// data, model and training setup as the Keras benchmarks (gru-epoch, fused-rnn), one entry per
// comparison (names end in 'vs PyTorch') so reports/benchmarks.json keeps one peer per row.
import { backendInfo } from 'quantlab';
import { median, result, type Benchmark, type BenchResult } from './types';
import { removeDataset, runPeer, writeDataset } from './dataset';
import { gruClassifierEpochs } from './gru-epoch';
import {
  BATCH, Classifier, FEATURES, LOOKBACK, PREDICT_REPEATS, PREDICT_WARMUP, SAMPLES, TIMED_EPOCHS, UNITS, WARMUP_EPOCHS, predictTimes, type Kind,
} from './fused-rnn';

type PeerEpochs = { epoch_ms: number[]; versions: string };
type PeerLatency = { ms: number[]; versions: string };

function epochBench(kind: Kind): Benchmark {
  return {
    name: `torch-${kind}-epoch`,
    async run(): Promise<BenchResult> {
      const data = writeDataset(20_240_601, SAMPLES, LOOKBACK, FEATURES);
      try {
        // The GRU row times the library's model (GruClassifier: the seed configuration); the LSTM
        // row the fused LSTM layer with the same head, as fused-lstm-epoch does.
        let epochMs: number[];
        if (kind === 'gru') {
          epochMs = await gruClassifierEpochs(data);
        } else {
          const model = new Classifier(kind, 1);
          epochMs = model.fit(data, WARMUP_EPOCHS + TIMED_EPOCHS);
          model.dispose();
        }
        const peer = runPeer<PeerEpochs>('torch_rnn.py', ['epoch', kind, data.dir, String(UNITS), String(BATCH), String(WARMUP_EPOCHS + TIMED_EPOCHS)]);
        return result(
          `${kind === 'gru' ? 'GruClassifier' : 'fused LSTM'}(${UNITS}) train epoch, ${SAMPLES} x ${LOOKBACK} x ${FEATURES}, batch ${BATCH}, vs PyTorch`,
          median(epochMs.slice(WARMUP_EPOCHS)), `PyTorch (${peer.versions})`, median(peer.epoch_ms.slice(WARMUP_EPOCHS)),
          `median of ${TIMED_EPOCHS} epochs after ${WARMUP_EPOCHS} warm-up; Adam 1e-3, BCE, per-epoch shuffle; ` +
            `tfjs backend ${backendInfo().backend}; ours [${epochMs.map((v) => v.toFixed(0))}], peer [${peer.epoch_ms.map((v) => v.toFixed(0))}]`,
        );
      } finally {
        removeDataset(data);
      }
    },
  };
}

function inferenceBench(kind: Kind, samples: number): Benchmark {
  return {
    name: `torch-${kind}-inference-${samples}`,
    async run(): Promise<BenchResult> {
      const data = writeDataset(20_240_602, samples, LOOKBACK, FEATURES);
      try {
        const times = predictTimes(kind, data, samples);
        const peer = runPeer<PeerLatency>('torch_rnn.py', ['predict', kind, data.dir, String(UNITS), String(PREDICT_WARMUP), String(PREDICT_REPEATS)]);
        return result(
          `fused ${kind.toUpperCase()}(${UNITS}) inference, batch ${samples} x ${LOOKBACK} x ${FEATURES}, vs PyTorch`,
          median(times), `PyTorch inference_mode (${peer.versions})`, median(peer.ms),
          `median of ${PREDICT_REPEATS} calls after ${PREDICT_WARMUP} warm-up, float32 in / out on both sides; tfjs backend ${backendInfo().backend}`,
        );
      } finally {
        removeDataset(data);
      }
    },
  };
}

export const torchRnnBenchmarks: readonly Benchmark[] = [
  epochBench('gru'), epochBench('lstm'),
  inferenceBench('gru', 1), inferenceBench('gru', 1_024), inferenceBench('lstm', 1), inferenceBench('lstm', 1_024),
];
