// A typed client for MLflow's REST API: experiments, runs, batched logging, streamed artifacts,
// the model registry, and an optional offline journal. Tracking URI: options.trackingUri, else
// $MLFLOW_TRACKING_URI, else configs/mlflow.json.
//
// Offline journal (opt-in with `offlineDir`): when the server is out of reach (isOutage: no answer
// after retries, or a gateway's 502/503/504), the logging calls - logBatch, logMetrics, logParams,
// setTags, setTag, updateRun/endRun, and logArtifactBytes up to offlineMaxArtifactBytes - are
// appended to a durable journal instead of failing, and replayed in order, exactly once, by
// flushOffline() or automatically before the client's next request. createRun is not journaled: it
// fails with MlflowUnavailableError, because a placeholder run id would leak into artifact URIs
// and registry sources that cannot be rewritten later. Reads never come from the journal: they
// replay it first and fail while the server is down. Entries left when a process ends are replayed
// by the next client on the same offlineDir and tracking URI; end a script with flushOffline().
import { InvalidArgumentError } from '../util/errors';
import { artifactIo, downloadTree, joinArtifactPath, proxyPathOf, uploadDir, uploadFile, type ArtifactIo } from './artifacts';
import { chunkBatch, toMetricEntries, toStringRecord } from './batch';
import { loadMlflowConfig, trackingUriOf } from './config';
import { MlflowApiError, MlflowUnavailableError } from './errors';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY, Http, type RetryOptions } from './http';
import { parseModelUri } from './modelUri';
import type { OfflineOp, OfflineStatus } from './offline';
import { NO_FLUSH, OfflineBuffer } from './offline-buffer';
import { collectPages } from './paging';
import { sleep } from './proc';
import type { OfflineFlushReport, ReplayTarget } from './replay';
import {
  checkSearch, DEFAULT_EXPERIMENTS_PAGE_SIZE, DEFAULT_HISTORY_PAGE_SIZE, DEFAULT_RUNS_PAGE_SIZE, MAX_EXPERIMENTS_PAGE_SIZE, MAX_HISTORY_PAGE_SIZE, MAX_MODEL_VERSIONS_PAGE_SIZE,
  MAX_REGISTERED_MODELS_PAGE_SIZE, MAX_RUNS_PAGE_SIZE, SEARCH_KEYS, VIEW_TYPE_NUMBER,
  type MetricHistoryOptions, type SearchAllRunsOptions, type SearchExperimentsOptions, type SearchRegistryOptions, type SearchRunsOptions,
} from './search';
import { Transport } from './transport';
import {
  toExperiment, toMetricPoint, toModelVersion, toRegisteredModel, toRun, toRunInfo,
  type ArtifactFile, type Experiment, type MetricEntry, type MetricPoint, type ModelVersion, type RegisteredModel, type Run, type RunInfo, type RunStatus,
} from './types';
import { restUrl } from './urls';

export type { SearchRunsOptions } from './search';

export interface MlflowClientOptions {
  readonly trackingUri?: string;
  readonly retry?: RetryOptions;
  /** Per-request timeout (default 60 s). */
  readonly timeoutMs?: number;
  /** How long createModelVersion waits for PENDING_REGISTRATION to clear (default 60 s). */
  readonly registrationTimeoutMs?: number;
  /**
   * Turns the offline journal on: the folder for it (relative paths are under the project root;
   * DEFAULT_OFFLINE_DIR is `.mlflow/offline`). Off when absent.
   */
  readonly offlineDir?: string;
  /** After an outage, logging calls skip the network for this long (default 5 s); needs offlineDir. */
  readonly offlineProbeMs?: number;
  /** Largest logArtifactBytes content journaled (default 1 MiB); needs offlineDir. */
  readonly offlineMaxArtifactBytes?: number;
}

export interface ResolvedModel {
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly runId: string;
}

export const DEFAULT_REGISTRATION_TIMEOUT_MS = 60_000;
const OPTION_KEYS = ['trackingUri', 'retry', 'timeoutMs', 'registrationTimeoutMs', 'offlineDir', 'offlineProbeMs', 'offlineMaxArtifactBytes'];
type Json = Record<string, any>;

export class MlflowClient {
  readonly trackingUri: string;
  /** Requests made on the caller's behalf: each first replays a pending offline journal. */
  private readonly t: Transport;
  private readonly io: ArtifactIo;
  private readonly http: Http;
  /** Requests that must not wait for the journal: its replay, and logging calls (which replay it themselves). */
  private readonly raw: Transport;
  private readonly rawIo: ArtifactIo;
  private readonly registrationTimeoutMs: number;
  private readonly offline: OfflineBuffer | undefined;

  constructor(options: MlflowClientOptions = {}) {
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.includes(key)) throw new InvalidArgumentError(`options.${key}`, (options as Json)[key], 'is not a client option', `use only ${OPTION_KEYS.join(', ')}`);
    }
    const uri = (options.trackingUri ?? process.env.MLFLOW_TRACKING_URI ?? trackingUriOf(loadMlflowConfig())).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(uri)) {
      throw new InvalidArgumentError('trackingUri', uri, 'must be an http(s) URL of a tracking server', 'use e.g. http://127.0.0.1:5055 (file and database URIs need the Python client)');
    }
    this.trackingUri = uri;
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const rawHttp = new Http(retry, timeoutMs);
    this.raw = new Transport(uri, rawHttp);
    this.rawIo = artifactIo(rawHttp, uri);
    this.offline = OfflineBuffer.fromOptions(options, uri, this.replayTarget());
    const offline = this.offline;
    this.http = offline ? new Http(retry, timeoutMs, () => offline.replayPending()) : rawHttp;
    this.t = new Transport(uri, this.http);
    this.io = artifactIo(this.http, uri);
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

  async getExperiment(experimentId: string): Promise<Experiment> {
    return toExperiment((await this.t.get<Json>('experiments/get', { experiment_id: experimentId })).experiment);
  }

  async createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    const body = { name, tags: kvList(tags) };
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

  /** One page of experiments (active ones unless viewType says otherwise). */
  async searchExperiments(options: SearchExperimentsOptions = {}): Promise<{ experiments: Experiment[]; nextPageToken?: string }> {
    checkSearch('options', options, [...SEARCH_KEYS, 'viewType'], MAX_EXPERIMENTS_PAGE_SIZE);
    const body = {
      filter: options.filter, order_by: options.orderBy, max_results: options.maxResults ?? DEFAULT_EXPERIMENTS_PAGE_SIZE, page_token: options.pageToken,
      view_type: options.viewType === undefined ? undefined : VIEW_TYPE_NUMBER[options.viewType],
    };
    const response = await this.t.post<Json>('experiments/search', body);
    return { experiments: (response.experiments ?? []).map(toExperiment), ...nextToken(response) };
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    await this.t.post('experiments/set-experiment-tag', { experiment_id: experimentId, key, value });
  }

  async deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    await this.t.post('experiments/delete-experiment-tag', { experiment_id: experimentId, key });
  }

  /** Moves the experiment (and its runs) to the `deleted` lifecycle stage; restoreExperiment undoes it. */
  async deleteExperiment(experimentId: string): Promise<void> {
    await this.t.post('experiments/delete', { experiment_id: experimentId });
  }

  async restoreExperiment(experimentId: string): Promise<void> {
    await this.t.post('experiments/restore', { experiment_id: experimentId });
  }

  // ---- runs --------------------------------------------------------------------------------

  /** Not journaled: fails with MlflowUnavailableError while the server is out of reach. */
  async createRun(options: { experimentId: string; runName?: string; tags?: Record<string, string>; startTime?: number }): Promise<Run> {
    const body = {
      experiment_id: options.experimentId, run_name: options.runName, start_time: options.startTime ?? Date.now(),
      tags: kvList(options.tags ?? {}),
    };
    try {
      return toRun((await this.t.post<Json>('runs/create', body)).run);
    } catch (error) {
      // With a journal, the outage may surface from its replay, naming another endpoint.
      if (!this.offline || !(error instanceof MlflowUnavailableError)) throw error;
      throw new MlflowUnavailableError(`${this.trackingUri}/api/2.0/mlflow/runs/create`,
        `${error.reason}; runs are never created offline, only logging calls to existing runs are journaled`);
    }
  }

  /**
   * Journaled when offline; the RunInfo returned then holds only what this call set (status,
   * endTime, runName), with the other fields empty.
   */
  async updateRun(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
    const body = { run_id: runId, status: update.status, end_time: update.endTime, run_name: update.runName };
    let info: RunInfo | undefined;
    // Ending a run is often a script's last call: it tries the server even right after an outage,
    // so a run does not stay RUNNING until some later session flushes the journal.
    const ending = update.status !== undefined && update.status !== 'RUNNING' && update.status !== 'SCHEDULED';
    await this.logged(() => ({ kind: 'post', endpoint: 'runs/update', body }), async () => {
      info = toRunInfo((await this.raw.post<Json>('runs/update', body)).run_info);
    }, ending);
    return info ?? {
      runId, experimentId: '', runName: update.runName ?? '', status: update.status ?? 'RUNNING', startTime: 0,
      ...(update.endTime === undefined ? {} : { endTime: update.endTime }), artifactUri: '', lifecycleStage: '',
    };
  }

  /** Marks the run terminated now with `status`. */
  endRun(runId: string, status: Exclude<RunStatus, 'RUNNING' | 'SCHEDULED'> = 'FINISHED'): Promise<RunInfo> {
    return this.updateRun(runId, { status, endTime: Date.now() });
  }

  async getRun(runId: string): Promise<Run> {
    return toRun((await this.t.get<Json>('runs/get', { run_id: runId })).run);
  }

  /** Moves the run to the `deleted` lifecycle stage (searches skip it); restoreRun undoes it. */
  async deleteRun(runId: string): Promise<void> {
    await this.t.post('runs/delete', { run_id: runId });
  }

  async restoreRun(runId: string): Promise<void> {
    await this.t.post('runs/restore', { run_id: runId });
  }

  /** One page of runs. */
  async searchRuns(options: SearchRunsOptions): Promise<{ runs: Run[]; nextPageToken?: string }> {
    const body = {
      experiment_ids: options.experimentIds, filter: options.filter, order_by: options.orderBy,
      max_results: options.maxResults, page_token: options.pageToken, run_view_type: options.runViewType,
    };
    const response = await this.t.post<Json>('runs/search', body);
    return { runs: (response.runs ?? []).map(toRun), ...nextToken(response) };
  }

  /** Every matching run, following page tokens to the end, in `orderBy` order. */
  async searchAllRuns(options: SearchAllRunsOptions): Promise<Run[]> {
    checkSearch('options', options, ['experimentIds', 'filter', 'orderBy', 'runViewType', 'pageSize'], MAX_RUNS_PAGE_SIZE);
    const { pageSize = DEFAULT_RUNS_PAGE_SIZE, ...rest } = options;
    return collectPages('runs/search', async (pageToken) => {
      const page = await this.searchRuns({ ...rest, maxResults: pageSize, ...(pageToken ? { pageToken } : {}) });
      return { items: page.runs, ...nextToken({ next_page_token: page.nextPageToken }) };
    });
  }

  /** Every stored value of one metric, oldest first (all pages). */
  async getMetricHistory(runId: string, key: string, options: MetricHistoryOptions = {}): Promise<MetricPoint[]> {
    checkSearch('options', options, ['pageSize'], MAX_HISTORY_PAGE_SIZE);
    return this.metricHistory(this.t, runId, key, options.pageSize ?? DEFAULT_HISTORY_PAGE_SIZE);
  }

  /** Logs any mix in as many `runs/log-batch` requests as MLflow's per-request limits require; journaled when offline. */
  async logBatch(runId: string, batch: { metrics?: readonly MetricEntry[]; params?: Record<string, unknown>; tags?: Record<string, unknown> }): Promise<void> {
    const now = Date.now();
    const metrics = (batch.metrics ?? []).map((m) => ({ key: m.key, value: wireNumber(m.value), timestamp: m.timestamp ?? now, step: m.step ?? 0 }));
    for (const chunk of chunkBatch(metrics, kvList(toStringRecord('params', batch.params ?? {})), kvList(toStringRecord('tags', batch.tags ?? {})))) {
      const body = { run_id: runId, ...chunk };
      await this.logged(() => ({ kind: 'post', endpoint: 'runs/log-batch', body }), () => this.raw.post('runs/log-batch', body));
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

  /** One tag (`runs/set-tag`); journaled when offline. */
  async setTag(runId: string, key: string, value: string): Promise<void> {
    const body = { run_id: runId, key, value };
    await this.logged(() => ({ kind: 'post', endpoint: 'runs/set-tag', body }), () => this.raw.post('runs/set-tag', body));
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.t.post('runs/delete-tag', { run_id: runId, key });
  }

  // ---- artifacts ---------------------------------------------------------------------------

  /** Streams every file under `localDir` to `artifactPath` in the run; returns the artifact paths. */
  async logArtifactDir(runId: string, localDir: string, artifactPath?: string): Promise<string[]> {
    return uploadDir(this.io, proxyPathOf((await this.getRun(runId)).info.artifactUri), localDir, artifactPath);
  }

  /**
   * Streams one file (of any size: it is read in chunks, never whole) into the folder
   * `artifactPath` of the run, under its own name; returns its artifact path.
   */
  async logArtifactFile(runId: string, localFile: string, artifactPath?: string): Promise<string> {
    return uploadFile(this.io, proxyPathOf((await this.getRun(runId)).info.artifactUri), localFile, artifactPath);
  }

  /** Uploads bytes (or a string) as one artifact file at `artifactPath`; journaled when offline if small. */
  async logArtifactBytes(runId: string, artifactPath: string, content: Uint8Array | string): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const op = (): OfflineOp | undefined => (this.offline && bytes.length <= this.offline.maxArtifactBytes
      ? { kind: 'artifact', runId, artifactPath, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') }
      : undefined);
    await this.logged(op, () => this.putArtifactBytes(this.raw, this.rawIo, runId, artifactPath, bytes));
  }

  async listArtifacts(runId: string, artifactPath?: string): Promise<ArtifactFile[]> {
    return this.io.list(joinArtifactPath(proxyPathOf((await this.getRun(runId)).info.artifactUri), artifactPath));
  }

  /**
   * Downloads `mlflow-artifacts:/...`, `runs:/RUN_ID/path` or `models:/NAME@ALIAS|/VERSION` into
   * `localDir` (a folder's contents land directly in it), streaming each file to disk; returns the
   * local files written.
   */
  async downloadArtifacts(uri: string, localDir: string): Promise<string[]> {
    return downloadTree(this.io, await this.proxyPathOfUri(uri), localDir);
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
      const body = { name, description: options.description, tags: kvList(options.tags ?? {}) };
      return toRegisteredModel((await this.t.post<Json>('registered-models/create', body)).registered_model);
    } catch (error) {
      if (error instanceof MlflowApiError && error.isAlreadyExists) return this.getRegisteredModel(name);
      throw error;
    }
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    return toRegisteredModel((await this.t.get<Json>('registered-models/get', { name })).registered_model);
  }

  /** One page of registered models, e.g. filter "name LIKE 'pairs-%'". */
  async searchRegisteredModels(options: SearchRegistryOptions = {}): Promise<{ registeredModels: RegisteredModel[]; nextPageToken?: string }> {
    checkSearch('options', options, SEARCH_KEYS, MAX_REGISTERED_MODELS_PAGE_SIZE);
    const response = await this.http.json<Json>({ method: 'GET', url: restUrl(this.trackingUri, 'registered-models/search', registryQuery(options)) });
    return { registeredModels: (response.registered_models ?? []).map(toRegisteredModel), ...nextToken(response) };
  }

  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    return toRegisteredModel((await this.t.post<Json>('registered-models/rename', { name, new_name: newName })).registered_model);
  }

  async updateRegisteredModel(name: string, update: { description: string }): Promise<RegisteredModel> {
    return toRegisteredModel((await this.http.json<Json>({
      method: 'PATCH', url: restUrl(this.trackingUri, 'registered-models/update'), json: { name, description: update.description },
    })).registered_model);
  }

  /** Deletes the model with all its versions. */
  async deleteRegisteredModel(name: string): Promise<void> {
    await this.t.delete('registered-models/delete', { name });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    await this.t.post('registered-models/set-tag', { name, key, value });
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.t.delete('registered-models/delete-tag', { name, key });
  }

  /** Creates a version and waits until the registry has finished registering it. */
  async createModelVersion(name: string, source: string, runId?: string, options: { tags?: Record<string, string>; description?: string } = {}): Promise<ModelVersion> {
    const body = { name, source, run_id: runId, description: options.description, tags: kvList(options.tags ?? {}) };
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

  /** One page of model versions, e.g. filter "name = 'spread-gru'" or "run_id = '...'". */
  async searchModelVersions(options: SearchRegistryOptions = {}): Promise<{ modelVersions: ModelVersion[]; nextPageToken?: string }> {
    checkSearch('options', options, SEARCH_KEYS, MAX_MODEL_VERSIONS_PAGE_SIZE);
    const response = await this.http.json<Json>({ method: 'GET', url: restUrl(this.trackingUri, 'model-versions/search', registryQuery(options)) });
    return { modelVersions: (response.model_versions ?? []).map(toModelVersion), ...nextToken(response) };
  }

  async updateModelVersion(name: string, version: string | number, update: { description: string }): Promise<ModelVersion> {
    return toModelVersion((await this.http.json<Json>({
      method: 'PATCH', url: restUrl(this.trackingUri, 'model-versions/update'), json: { name, version: String(version), description: update.description },
    })).model_version);
  }

  async deleteModelVersion(name: string, version: string | number): Promise<void> {
    await this.t.delete('model-versions/delete', { name, version: String(version) });
  }

  async setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void> {
    await this.t.post('model-versions/set-tag', { name, version: String(version), key, value });
  }

  async deleteModelVersionTag(name: string, version: string | number, key: string): Promise<void> {
    await this.t.delete('model-versions/delete-tag', { name, version: String(version), key });
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

  // ---- offline journal ---------------------------------------------------------------------

  /**
   * Replays the offline journal in order; throws MlflowUnavailableError (keeping what is left)
   * while the server is still out of reach. Without offlineDir there is nothing to flush.
   */
  flushOffline(): Promise<OfflineFlushReport> {
    return this.offline ? this.offline.flush() : Promise.resolve(NO_FLUSH);
  }

  /** The journal's file and counts, or undefined without offlineDir. */
  offlineStatus(): OfflineStatus | undefined {
    return this.offline?.status();
  }

  private async logged(op: () => OfflineOp | undefined, send: () => Promise<unknown>, tryServerNow = false): Promise<void> {
    if (this.offline) await this.offline.log(op, send, tryServerNow);
    else await send();
  }

  private replayTarget(): ReplayTarget {
    return {
      post: (endpoint, body) => this.raw.post(endpoint, body),
      getRun: async (runId) => (await this.raw.get<Json>('runs/get', { run_id: runId })).run,
      metricHistory: (runId, key) => this.metricHistory(this.raw, runId, key, MAX_HISTORY_PAGE_SIZE),
      putArtifact: (runId, artifactPath, bytes) => this.putArtifactBytes(this.raw, this.rawIo, runId, artifactPath, bytes),
    };
  }

  private metricHistory(t: Transport, runId: string, key: string, pageSize: number): Promise<MetricPoint[]> {
    return collectPages(`metrics/get-history ${key}`, async (pageToken) => {
      const response = await t.get<Json>('metrics/get-history', { run_id: runId, metric_key: key, max_results: pageSize, page_token: pageToken });
      return { items: (response.metrics ?? []).map(toMetricPoint), ...nextToken(response) };
    });
  }

  private async putArtifactBytes(t: Transport, io: ArtifactIo, runId: string, artifactPath: string, bytes: Uint8Array): Promise<void> {
    const root = proxyPathOf(toRun((await t.get<Json>('runs/get', { run_id: runId })).run).info.artifactUri);
    await io.putBytes(joinArtifactPath(root, artifactPath), bytes);
  }
}

const registryQuery = (o: SearchRegistryOptions) => ({ filter: o.filter, order_by: o.orderBy, max_results: o.maxResults, page_token: o.pageToken });
const nextToken = (response: Json): { nextPageToken?: string } => (response.next_page_token ? { nextPageToken: String(response.next_page_token) } : {});
const kvList = (record: Record<string, string>): { key: string; value: string }[] => Object.entries(record).map(([key, value]) => ({ key, value }));
// JSON has no NaN or infinities; MLflow's protobuf parser accepts them as these strings.
const wireNumber = (v: number): number | string => (Number.isFinite(v) ? v : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');
