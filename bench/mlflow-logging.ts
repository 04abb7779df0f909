// Logging 10,000 metric values to a real MLflow server (SQLite, a private one on free ports in a
// temp dir): MlflowClient.logBatch (chunked to the server's 1,000-metric limit) next to the Python
// MLflow client's log_batch (which chunks the same way) on the same server, each into a fresh run.
import { median, result, type Benchmark } from './types';
import { runPeer } from './dataset';
import { withMlflowServer } from './mlflow-fixture';

const VALUES = 10_000, REPEATS = 5;

export const mlflowLogging: Benchmark = {
  name: 'mlflow-log-10000-metrics',
  async run() {
    return withMlflowServer(async (client, url) => {
      const experiment = await client.getOrCreateExperiment('bench-logging');
      const times: number[] = [];
      let lastRun = '';
      for (let i = 0; i < REPEATS; i++) {
        const run = await client.createRun({ experimentId: experiment.experimentId, runName: `ts-${i}` });
        const now = Date.now();
        const metrics = Array.from({ length: VALUES }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: now }));
        const start = performance.now();
        await client.logBatch(run.info.runId, { metrics });
        times.push(performance.now() - start);
        await client.endRun(run.info.runId);
        lastRun = run.info.runId;
      }
      const check = await client.getMetricHistory(lastRun, 'loss');
      if (check.length !== VALUES) throw new Error(`expected ${VALUES} logged values, the server holds ${check.length}`);
      const peer = runPeer<{ ms: number[]; version: string }>('mlflow_logging.py', [url, experiment.experimentId, String(VALUES), String(REPEATS)]);
      return result(`log ${VALUES} metric values (one key, steps 0..${VALUES - 1}) to MLflow over loopback`, median(times),
        `mlflow ${peer.version} MlflowClient.log_batch`, median(peer.ms),
        `median of ${REPEATS} runs each; SQLite backend, same server for both; ours [${times.map((t) => t.toFixed(0))}], peer [${peer.ms.map((t) => t.toFixed(0))}]`);
    });
  },
};
