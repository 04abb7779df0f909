// Streams per-epoch metrics to an MLflow run. Typed structurally, so the models domain does not
// import tracking (imports flow the other way): any client with logBatch fits, MlflowClient included.
import { InvalidArgumentError } from '../../util/errors';
import type { EpochLogs } from './options';

/** The part of MlflowClient this needs. */
export interface MetricBatchSink {
  logBatch(runId: string, batch: { metrics: { key: string; value: number; step: number; timestamp: number }[] }): Promise<void>;
}

/** An onEpoch callback that logs every numeric metric of the epoch in one batch, step = epoch. */
export function mlflowEpochLogger(client: MetricBatchSink, runId: string): (epoch: number, logs: EpochLogs) => Promise<void> {
  if (typeof client?.logBatch !== 'function') {
    throw new InvalidArgumentError('client', client, 'has no logBatch method', 'pass an MlflowClient from quantlab');
  }
  if (typeof runId !== 'string' || runId === '') {
    throw new InvalidArgumentError('runId', runId, 'must be a non-empty string', 'pass run.info.runId of a run created with client.createRun');
  }
  return async (epoch, logs) => {
    const timestamp = Date.now();
    const metrics = Object.entries(logs)
      .filter(([key, value]) => key !== 'epoch' && typeof value === 'number')
      .map(([key, value]) => ({ key, value: value as number, step: epoch, timestamp }));
    await client.logBatch(runId, { metrics });
  };
}
