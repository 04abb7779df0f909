import { describe, expect, it } from 'vitest';
import { SequenceModel } from '../../../lib/models/sequence';
import { fitSequenceModel, mlflowEpochLogger } from '../../../lib/models/train';
import { createRng } from '../../../lib/util/random';
import { useMlflowServer } from '../../helpers/mlflow-server';

const L = 4, F = 2;

describe('mlflowEpochLogger against a real MLflow server', () => {
  const fx = useMlflowServer('sqlite');

  it('streams every epoch metric with step = epoch', async () => {
    const exp = await fx.client.getOrCreateExperiment('sequence-training');
    const runId = (await fx.client.createRun({ experimentId: exp.experimentId })).info.runId;
    const rng = createRng(1);
    const x = Float32Array.from({ length: 32 * L * F }, () => rng.normal());
    const y = Float32Array.from({ length: 32 }, (_, i) => (x[i * L * F]! > 0 ? 1 : 0));
    const model = new SequenceModel({ lookback: L, features: F, layers: [3] }, createRng(2));
    const h = await fitSequenceModel(model, { train: { x, y }, validation: { x, y } }, {
      epochs: 3, batchSize: 16, rng: createRng(3), schedule: { type: 'step', stepSize: 1, gamma: 0.5 }, onEpoch: mlflowEpochLogger(fx.client, runId),
    });
    model.dispose();
    const run = await fx.client.getRun(runId);
    expect(Object.keys(run.data.metrics).sort()).toEqual(['learningRate', 'loss', 'seconds', 'valAccuracy', 'valLoss']);
    expect(run.data.metrics.loss).toBeCloseTo(h.epochs[2]!.loss, 12);
    const res = await fetch(`${fx.started.url}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=learningRate`);
    const history = ((await res.json()) as { metrics: { step: number; value: number }[] }).metrics;
    expect(history.map((m) => [m.step, m.value]).sort((a, b) => a[0]! - b[0]!)).toEqual([[0, 1e-3], [1, 5e-4], [2, 2.5e-4]]);
  });

  it('rejects a client without logBatch and an empty run id', () => {
    expect(() => mlflowEpochLogger({} as never, 'r')).toThrow('client = {}: has no logBatch method. Fix: pass an MlflowClient');
    expect(() => mlflowEpochLogger(fx.client, '')).toThrow('runId = "": must be a non-empty string');
  });
});
