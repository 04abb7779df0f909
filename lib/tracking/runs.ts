// One MLflow run as a unit of work: created, filled, and always ended — FINISHED when the work
// completes, FAILED when it throws — so no run is left dangling as RUNNING in the UI.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import type { MlflowClient } from './client';
import type { Run } from './types';

export interface RunSpec {
  readonly experiment: string;
  readonly runName?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface LogRunOptions extends RunSpec {
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  readonly metrics?: Readonly<Record<string, number>>;
  /** JSON documents to store as artifacts: relative path (e.g. `fits/garch.json`) -> value. */
  readonly json?: Readonly<Record<string, unknown>>;
}

export interface LoggedRun {
  readonly runId: string;
  readonly experimentId: string;
  readonly artifactUri: string;
}

/** Runs `work` inside a new run of `spec.experiment` (created if missing) and ends the run. */
export async function withRun<T>(client: MlflowClient, spec: RunSpec, work: (run: Run) => Promise<T>): Promise<LoggedRun & { result: T }> {
  if (typeof spec.experiment !== 'string' || spec.experiment.length === 0) {
    throw new InvalidArgumentError('spec.experiment', spec.experiment, 'must be a non-empty string', 'name the experiment');
  }
  const experiment = await client.getOrCreateExperiment(spec.experiment);
  const run = await client.createRun({
    experimentId: experiment.experimentId, ...(spec.runName ? { runName: spec.runName } : {}), tags: { ...spec.tags },
  });
  try {
    const result = await work(run);
    await client.endRun(run.info.runId, 'FINISHED');
    return { runId: run.info.runId, experimentId: experiment.experimentId, artifactUri: run.info.artifactUri, result };
  } catch (error) {
    await client.endRun(run.info.runId, 'FAILED').catch(() => undefined); // the original error matters more
    throw error;
  }
}

/** Logs params, metrics, tags and JSON artifacts as one finished run. */
export async function logRun(client: MlflowClient, options: LogRunOptions): Promise<LoggedRun> {
  rejectUnknownOptions('options', options, ['experiment', 'runName', 'tags', 'params', 'metrics', 'json']);
  const { result: _, ...logged } = await withRun(client, options, async (run) => {
    await client.logBatch(run.info.runId, {
      params: options.params ?? {},
      metrics: Object.entries(options.metrics ?? {}).map(([key, value]) => ({ key, value })),
    });
    for (const [name, value] of Object.entries(options.json ?? {})) {
      await client.logArtifactBytes(run.info.runId, name, JSON.stringify(value, null, 2) + '\n');
    }
  });
  return logged;
}
