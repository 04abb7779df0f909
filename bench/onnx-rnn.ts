// Recurrent inference on ONNX Runtime (what deployed models and the server run) next to PyTorch,
// the fastest CPU peer here: the same data, the same architecture (RNN stack -> Linear(1) ->
// sigmoid) and float32 in and out on both sides. The TensorFlow.js time of the same model is in
// each note, so the gain of the serving runtime over the training one is visible in the same run.
import { createRng, OnnxSequencePredictor, SequenceModel } from 'quantlab';
import { median, result, type Benchmark, type BenchResult } from './types';
import { removeDataset, runPeer, writeDataset } from './dataset';
import { FEATURES, LOOKBACK, PREDICT_REPEATS, PREDICT_WARMUP, UNITS, type Kind } from './fused-rnn';

type PeerLatency = { ms: number[]; versions: string };

interface Shape { kind: Kind; samples: number; lookback: number; features: number; layers: number[]; threads: number }

function times(run: () => unknown, warmup: number, repeats: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < warmup + repeats; i++) {
    const start = performance.now();
    run();
    if (i >= warmup) out.push(performance.now() - start);
  }
  return out;
}

function onnxBench(name: string, s: Shape, label: string, warmup: number, repeats: number): Benchmark {
  return {
    name,
    async run(): Promise<BenchResult> {
      const data = writeDataset(20_240_603, s.samples, s.lookback, s.features);
      const model = new SequenceModel({ cell: s.kind, layers: s.layers, lookback: s.lookback, features: s.features }, createRng(1));
      const onnx = new OnnxSequencePredictor(model, { threads: s.threads });
      try {
        const ours = times(() => onnx.predict(data.x), warmup, repeats);
        const tfjs = times(() => model.predict(data.x), warmup, repeats);
        const peer = runPeer<PeerLatency>('torch_rnn.py', ['predict', s.kind, data.dir, String(s.layers[0]), String(warmup), String(repeats), String(s.layers.length)]);
        return result(`${label}, ONNX Runtime vs PyTorch`, median(ours), `PyTorch inference_mode (${peer.versions})`, median(peer.ms),
          `median of ${repeats} calls after ${warmup} warm-up; ONNX Runtime ${s.threads} intra-op thread(s); the same model on TensorFlow.js (fused kernels): ${median(tfjs).toFixed(3)} ms`);
      } finally {
        onnx.dispose();
        model.dispose();
        removeDataset(data);
      }
    },
  };
}

const small = (kind: Kind, samples: number): Benchmark => onnxBench(`onnx-${kind}-inference-${samples}`,
  // Large batches get both cores, as PyTorch does; one window one thread (the serving default).
  { kind, samples, lookback: LOOKBACK, features: FEATURES, layers: [UNITS], threads: samples > 1 ? 2 : 1 },
  `${kind.toUpperCase()}(${UNITS}) inference, batch ${samples} x ${LOOKBACK} x ${FEATURES}`, PREDICT_WARMUP, PREDICT_REPEATS);

export const onnxRnnBenchmarks: readonly Benchmark[] = [
  small('gru', 1), small('lstm', 1), small('gru', 1024), small('lstm', 1024),
  // The served network (issue 7): the direction LSTM's 2 x 128 over 60 steps of 25 features, one window.
  onnxBench('onnx-serving-network', { kind: 'lstm', samples: 1, lookback: 60, features: 25, layers: [128, 128], threads: 1 },
    'serving network LSTM 2x128, lookback 60, 25 features, batch 1', 50, 500),
];
