// Small registry reads and checks shared by promote, rollback and status: option validation,
// not-found translation, and a version's run metrics.
import * as os from 'node:os';
import type { MlflowClient } from '../tracking/client';
import { MlflowApiError } from '../tracking/errors';
import type { ModelVersion, RegisteredModel } from '../tracking/types';
import { InvalidArgumentError } from '../util/errors';
import { PromotionRefusedError, type RegistryAction } from './errors';
import type { Metrics } from './retrain';

export const isNotFound = (error: unknown): boolean => error instanceof MlflowApiError && error.isNotFound;

export function checkName(value: unknown, argument: string, fix: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new InvalidArgumentError(argument, value, 'must be a non-empty string', fix);
  return value;
}

export function checkVersion(value: unknown, argument = 'options.version'): string {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string' || !/^[1-9][0-9]*$/.test(s)) {
    throw new InvalidArgumentError(argument, value, 'must be a registered version number (1, 2, ...)', 'pass the version as shown by `quantlab status MODEL`, e.g. 3');
  }
  return s;
}

export function checkMetrics(value: unknown, argument: string): Metrics {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'number')) {
    throw new InvalidArgumentError(argument, value, 'must be an object of metric -> number', 'pass e.g. { f1: 0.7, accuracy: 0.74 }');
  }
  return value as Metrics;
}

/** Who acts, for the history: user@host. */
export function defaultActor(): string {
  let user = process.env.USER ?? 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): keep $USER.
  }
  return `${user}@${os.hostname()}`;
}

/** Runs `read` (a read of the registered model), turning "no such model" into a PromotionRefusedError. */
export async function refuseMissingModel<T>(action: RegistryAction, model: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new PromotionRefusedError(action, 'model_missing', model, undefined, `no registered model is named ${JSON.stringify(model)}`,
      'check the name (MlflowClient.searchRegisteredModels lists them) or register a version first with registerModel');
  }
}

/** The model's version numbers, oldest first (empty when they cannot be listed). */
export async function listVersions(client: MlflowClient, model: string): Promise<string[]> {
  try {
    const page = await client.searchModelVersions({ filter: `name = '${model.replace(/'/g, "\\'")}'`, maxResults: 200 });
    return page.modelVersions.map((v) => v.version).sort((a, b) => Number(a) - Number(b));
  } catch {
    return [];
  }
}

export function getModelOrRefuse(client: MlflowClient, action: RegistryAction, model: string): Promise<RegisteredModel> {
  return refuseMissingModel(action, model, () => client.getRegisteredModel(model));
}

export async function getVersionOrRefuse(client: MlflowClient, action: RegistryAction, model: string, version: string): Promise<ModelVersion> {
  let mv: ModelVersion;
  try {
    mv = await client.getModelVersion(model, version);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const versions = await listVersions(client, model);
    throw new PromotionRefusedError(action, 'version_missing', model, version, `model ${model} has no version ${version}`
      + (versions.length > 0 ? ` (it has ${versions.join(', ')})` : ''), 'pick an existing version, see `quantlab status MODEL`');
  }
  if (mv.status !== 'READY') {
    throw new PromotionRefusedError(action, 'version_not_ready', model, version, `version ${version} is ${mv.status || 'not READY'}`, 'wait for its registration to finish, or register it again');
  }
  return mv;
}

/** The latest metrics and the tags of a version's run ({} when it has no run or the run is gone). */
export async function runOf(client: MlflowClient, mv: ModelVersion): Promise<{ metrics: Metrics; tags: Readonly<Record<string, string>> }> {
  if (!mv.runId) return { metrics: {}, tags: {} };
  try {
    const run = await client.getRun(mv.runId);
    return { metrics: run.data.metrics, tags: run.data.tags };
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return { metrics: {}, tags: {} };
  }
}

/** Deletes a version tag that may not be there. */
export async function dropVersionTag(client: MlflowClient, model: string, version: string, key: string): Promise<void> {
  try {
    await client.deleteModelVersionTag(model, version, key);
  } catch (error) {
    if (!(error instanceof MlflowApiError && (error.isNotFound || error.status === 400))) throw error;
  }
}
