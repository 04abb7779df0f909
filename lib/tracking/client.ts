// A typed client for MLflow's REST API: experiments, runs, batched logging, proxied artifacts and
// the model registry. Tracking URI: options.trackingUri, else $MLFLOW_TRACKING_URI, else
// configs/mlflow.json.
import { InvalidArgumentError } from '../util/errors';
import { downloadTree, joinArtifactPath, listArtifacts, proxyPathOf, uploadDir } from './artifacts';
import { loadMlflowConfig, trackingUriOf } from './config';
import { MlflowApiError } from './errors';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY, Http, type RetryOptions } from './http';
import { chunkBatch, toMetricEntries, toStringRecord } from './batch';
import { parseModelUri } from './modelUri';
import { sleep } from './proc';
import { Transport } from './transport';
import {
  toExperiment, toModelVersion, toRegisteredModel, toRun, toRunInfo,
  type ArtifactFile, type Experiment, type MetricEntry, type ModelVersion, type RegisteredModel, type Run, type RunInfo, type RunStatus,
} from './types';

export interface MlflowClientOptions {
  readonly trackingUri?: string;
  readonly retry?: RetryOptions;
  /** Per-request timeout (default 60 s). */
  readonly timeoutMs?: number;
  /** How long createModelVersion waits for PENDING_REGISTRATION to clear (default 60 s). */
  readonly registrationTimeoutMs?: number;
}

export interface ResolvedModel {
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly runId: string;
}

export interface SearchRunsOptions {
  readonly experimentIds: readonly string[];
  /** MLflow filter syntax, e.g. "metrics.sharpe > 1 and params.lookback = '20'". */
  readonly filter?: string;
  readonly orderBy?: readonly string[];
  readonly maxResults?: number;
  readonly pageToken?: string;
  readonly runViewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
}

export const DEFAULT_REGISTRATION_TIMEOUT_MS = 60_000;
const OPTION_KEYS = ['trackingUri', 'retry', 'timeoutMs', 'registrationTimeoutMs'];
type Json = Record<string, any>;

export class MlflowClient {
  readonly trackingUri: string;
  private readonly t: Transport;
  private readonly registrationTimeoutMs: number;

  constructor(options: MlflowClientOptions = {}) {
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.includes(key)) throw new InvalidArgumentError(`options.${key}`, (options as Json)[key], 'is not a client option', `use only ${OPTION_KEYS.join(', ')}`);
    }
    const uri = (options.trackingUri ?? process.env.MLFLOW_TRACKING_URI ?? trackingUriOf(loadMlflowConfig())).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(uri)) {
      throw new InvalidArgumentError('trackingUri', uri, 'must be an http(s) URL of a tracking server', 'use e.g. http://127.0.0.1:5055 (file and database URIs need the Python client)');
    }
    this.trackingUri = uri;
    this.t = new Transport(uri, new Http({ ...DEFAULT_RETRY, ...options.retry }, options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS));
    this.registrationTimeoutMs = options.registrationTimeoutMs ?? DEFAULT_REGISTRATION_TIMEOUT_MS;
  }

  // ---- experiments -------------------------------------------------------------------------

  /** The experiment, or undefined when none has that name. */
  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    try {
      return toExperiment((await this.t.get<Json>('experiments/get-by-name', { experiment_name: name })).experiment);
    } catch (error) {
      if (error instanceof MlflowApiError && error.isNotFound) return undefined;
      throw error;
    }
  }

  async createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    const body = { name, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) };
    return (await this.t.post<Json>('experiments/create', body)).experiment_id;
  }

  /** Get-or-create; a concurrent creator winning the race is not an error. */
  async getOrCreateExperiment(name: string): Promise<Experiment> {
    const existing = await this.getExperimentByName(name);
    if (existing) return existing;
    try {
      await this.createExperiment(name);
    } catch (error) {
      if (!(error instanceof MlflowApiError && error.isAlreadyExists)) throw error;
    }
    return (await this.getExperimentByName(name))!;
  }

  // ---- runs --------------------------------------------------------------------------------

  async createRun(options: { experimentId: string; runName?: string; tags?: Record<string, string>; startTime?: number }): Promise<Run> {
    const body = {
      experiment_id: options.experimentId, run_name: options.runName, start_time: options.startTime ?? Date.now(),
      tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
    };
    return toRun((await this.t.post<Json>('runs/create', body)).run);
  }

  async updateRun(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
    const body = { run_id: runId, status: update.status, end_time: update.endTime, run_name: update.runName };
    return toRunInfo((await this.t.post<Json>('runs/update', body)).run_info);
  }

  /** Marks the run terminated now with `status`. */
  endRun(runId: string, status: Exclude<RunStatus, 'RUNNING' | 'SCHEDULED'> = 'FINISHED'): Promise<RunInfo> {
    return this.updateRun(runId, { status, endTime: Date.now() });
  }

  async getRun(runId: string): Promise<Run> {
    return toRun((await this.t.get<Json>('runs/get', { run_id: runId })).run);
  }

  async searchRuns(options: SearchRunsOptions): Promise<{ runs: Run[]; nextPageToken?: string }> {
    const body = {
      experiment_ids: options.experimentIds, filter: options.filter, order_by: options.orderBy,
      max_results: options.maxResults, page_token: options.pageToken, run_view_type: options.runViewType,
    };
    const response = await this.t.post<Json>('runs/search', body);
    return { runs: (response.runs ?? []).map(toRun), ...(response.next_page_token ? { nextPageToken: response.next_page_token } : {}) };
  }

  /** Logs any mix in as many `runs/log-batch` requests as MLflow's per-request limits require. */
  async logBatch(runId: string, batch: { metrics?: readonly MetricEntry[]; params?: Record<string, unknown>; tags?: Record<string, unknown> }): Promise<void> {
    const now = Date.now();
    const metrics = (batch.metrics ?? []).map((m) => ({ key: m.key, value: wireNumber(m.value), timestamp: m.timestamp ?? now, step: m.step ?? 0 }));
    for (const chunk of chunkBatch(metrics, kvList(toStringRecord('params', batch.params ?? {})), kvList(toStringRecord('tags', batch.tags ?? {})))) {
      await this.t.post('runs/log-batch', { run_id: runId, ...chunk });
    }
  }

  logMetrics(runId: string, metrics: Record<string, number> | readonly MetricEntry[], options: { step?: number; timestamp?: number } = {}): Promise<void> {
    return this.logBatch(runId, { metrics: toMetricEntries(metrics, options) });
  }

  logParams(runId: string, params: Record<string, unknown>): Promise<void> {
    return this.logBatch(runId, { params });
  }

  setTags(runId: string, tags: Record<string, unknown>): Promise<void> {
    return this.logBatch(runId, { tags });
  }

  // ---- artifacts ---------------------------------------------------------------------------

  /** Uploads every file under `localDir` to `artifactPath` in the run; returns the artifact paths. */
  async logArtifactDir(runId: string, localDir: string, artifactPath?: string): Promise<string[]> {
    return uploadDir(this.t, proxyPathOf((await this.getRun(runId)).info.artifactUri), localDir, artifactPath);
  }

  /** Uploads bytes (or a string) as one artifact file at `artifactPath`. */
  async logArtifactBytes(runId: string, artifactPath: string, content: Uint8Array | string): Promise<void> {
    const root = proxyPathOf((await this.getRun(runId)).info.artifactUri);
    await this.t.putArtifact(joinArtifactPath(root, artifactPath), typeof content === 'string' ? Buffer.from(content) : content);
  }

  async listArtifacts(runId: string, artifactPath?: string): Promise<ArtifactFile[]> {
    return listArtifacts(this.t, joinArtifactPath(proxyPathOf((await this.getRun(runId)).info.artifactUri), artifactPath));
  }

  /**
   * Downloads `mlflow-artifacts:/...`, `runs:/RUN_ID/path` or `models:/NAME@ALIAS|/VERSION` into
   * `localDir` (a folder's contents land directly in it); returns the local files written.
   */
  async downloadArtifacts(uri: string, localDir: string): Promise<string[]> {
    return downloadTree(this.t, await this.proxyPathOfUri(uri), localDir);
  }

  private async proxyPathOfUri(uri: string): Promise<string> {
    if (uri.startsWith('models:/')) return this.proxyPathOfUri((await this.resolveModelUri(uri)).source);
    const runs = /^runs:\/+([^/]+)(?:\/(.*))?$/.exec(uri);
    if (runs) return joinArtifactPath(proxyPathOf((await this.getRun(runs[1]!)).info.artifactUri), runs[2]);
    return proxyPathOf(uri);
  }

  // ---- model registry ----------------------------------------------------------------------

  /** Get-or-create. */
  async createRegisteredModel(name: string, options: { tags?: Record<string, string>; description?: string } = {}): Promise<RegisteredModel> {
    try {
      const body = { name, description: options.description, tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })) };
      return toRegisteredModel((await this.t.post<Json>('registered-models/create', body)).registered_model);
    } catch (error) {
      if (error instanceof MlflowApiError && error.isAlreadyExists) return this.getRegisteredModel(name);
      throw error;
    }
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    return toRegisteredModel((await this.t.get<Json>('registered-models/get', { name })).registered_model);
  }

  /** Creates a version and waits until the registry has finished registering it. */
  async createModelVersion(name: string, source: string, runId?: string, options: { tags?: Record<string, string>; description?: string } = {}): Promise<ModelVersion> {
    const body = {
      name, source, run_id: runId, description: options.description,
      tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
    };
    let version = toModelVersion((await this.t.post<Json>('model-versions/create', body)).model_version);
    const deadline = Date.now() + this.registrationTimeoutMs;
    while (version.status === 'PENDING_REGISTRATION' && Date.now() < deadline) {
      await sleep(250);
      version = await this.getModelVersion(name, version.version);
    }
    if (version.status !== 'READY') {
      throw new MlflowApiError(`${this.trackingUri} model ${name} v${version.version}`, 0, version.status || 'UNKNOWN', 'model version did not become READY');
    }
    return version;
  }

  async getModelVersion(name: string, version: string | number): Promise<ModelVersion> {
    return toModelVersion((await this.t.get<Json>('model-versions/get', { name, version: String(version) })).model_version);
  }

  async setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void> {
    await this.t.post('model-versions/set-tag', { name, version: String(version), key, value });
  }

  async setAlias(name: string, alias: string, version: string | number): Promise<void> {
    await this.t.post('registered-models/alias', { name, alias, version: String(version) });
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return toModelVersion((await this.t.get<Json>('registered-models/alias', { name, alias })).model_version);
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.t.delete('registered-models/alias', { name, alias });
  }

  /** `models:/NAME@ALIAS` or `models:/NAME/VERSION` -> the version's name, number, source and run. */
  async resolveModelUri(uri: string): Promise<ResolvedModel> {
    const ref = parseModelUri(uri);
    const v = ref.kind === 'alias' ? await this.getModelVersionByAlias(ref.name, ref.alias) : await this.getModelVersion(ref.name, ref.version);
    return { name: v.name, version: v.version, source: v.source, runId: v.runId };
  }
}

const kvList = (record: Record<string, string>): { key: string; value: string }[] => Object.entries(record).map(([key, value]) => ({ key, value }));
// JSON has no NaN or infinities; MLflow's protobuf parser accepts them as these strings.
const wireNumber = (v: number): number | string => (Number.isFinite(v) ? v : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');
