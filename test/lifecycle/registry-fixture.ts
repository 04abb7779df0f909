// Registers model versions whose runs carry given holdout metrics, for the promotion and CLI tests.
import type { Metrics } from '../../lib/lifecycle';
import type { MlflowClient } from '../../lib/tracking';

/** Metrics that clear every default gate (f1 > 0.65, accuracy > 0.70, a sane prediction spread, f1 > baseline_f1). */
export const GOOD: Metrics = { f1: 0.72, accuracy: 0.75, pred_positive_rate: 0.48, pred_std: 0.18, baseline_f1: 0.55 };

/** A run with `metrics` (and run tags), and a new version of `model` pointing at it; returns the version. */
export async function addVersion(client: MlflowClient, model: string, metrics: Metrics, tags: Record<string, string> = {}): Promise<string> {
  const experimentId = experiments.get(client) ?? (await client.getOrCreateExperiment('promotion-tests')).experimentId;
  experiments.set(client, experimentId);
  const run = await client.createRun({ experimentId, tags });
  // The gates read only the run's metrics, so no model files are uploaded.
  await client.logMetrics(run.info.runId, metrics);
  if (!models.has(model)) await client.createRegisteredModel(model);
  models.add(model);
  return (await client.createModelVersion(model, `${run.info.artifactUri}/model`, run.info.runId)).version;
}

const experiments = new WeakMap<MlflowClient, string>();
const models = new Set<string>();

/** The version holding `alias`, straight from the registered model (undefined when none). */
export async function holderOf(client: MlflowClient, model: string, alias = 'champion'): Promise<string | undefined> {
  return (await client.getRegisteredModel(model)).aliases[alias];
}

/** Versions of `model` listing `alias` among their aliases: MLflow's own view, to count champions. */
export async function versionsWithAlias(client: MlflowClient, model: string, alias = 'champion'): Promise<string[]> {
  const page = await client.searchModelVersions({ filter: `name='${model}'`, maxResults: 200 });
  const all = await Promise.all(page.modelVersions.map((v) => client.getModelVersion(model, v.version)));
  return all.filter((v) => v.aliases.includes(alias)).map((v) => v.version);
}
