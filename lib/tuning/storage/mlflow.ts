// Studies in MLflow: the study is a parent run, each trial a child run (tag mlflow.parentRunId)
// with its params, the objective as metric `value`, intermediate values as the history of
// metric `intermediate_value` by step, and its state as a tag. The exact trial record (typed
// params, distributions, every intermediate value, sampler bookkeeping) rides along as JSON in
// tags, so a study can be reloaded and resumed from MLflow alone.
import { InvalidArgumentError } from '../../util/errors';
import { mlflowKey, type MetricEntry, type MlflowClient, type Run, type RunStatus } from '../../tracking';
import { rejectUnknownOptions } from '../../util/options';
import type { FrozenTrial } from '../trial';
import { chunk, decodeTrial, encodeTrial } from './codec';
import { checkDirection } from './memory';
import { interruptedTrial, type StoredStudy, type StudySpec, type StudyStorage } from './types';

export interface MlflowStorageOptions {
  readonly client: MlflowClient;
  /** Experiment holding the study runs (created if missing). */
  readonly experiment: string;
}

export const TAG_ROLE = 'quantlab.tuning.role';
export const TAG_STUDY = 'quantlab.tuning.study';
export const TAG_DIRECTION = 'quantlab.tuning.direction';
export const TAG_SAMPLER = 'quantlab.tuning.sampler';
export const TAG_PRUNER = 'quantlab.tuning.pruner';
export const TAG_NUMBER = 'quantlab.tuning.trial_number';
export const TAG_STATE = 'quantlab.tuning.state';
export const TAG_FAIL_REASON = 'quantlab.tuning.fail_reason';
export const TAG_RECORD = 'quantlab.tuning.record';
export const TAG_PARENT = 'mlflow.parentRunId';
export const METRIC_VALUE = 'value';
export const METRIC_INTERMEDIATE = 'intermediate_value';
export const METRIC_BEST = 'best_value';
// Under MLflow's 8,000-character tag limit with room to spare.
const RECORD_CHUNK = 7000;
const PAGE = 1000;
const MLFLOW_STATE: Record<FrozenTrial['state'], string> = { running: 'RUNNING', complete: 'COMPLETE', pruned: 'PRUNED', failed: 'FAIL' };
const RUN_STATUS: Record<FrozenTrial['state'], RunStatus> = { running: 'RUNNING', complete: 'FINISHED', pruned: 'KILLED', failed: 'FAILED' };

export class MlflowStorage implements StudyStorage {
  readonly kind = 'mlflow';
  readonly client: MlflowClient;
  readonly experiment: string;

  constructor(options: MlflowStorageOptions) {
    rejectUnknownOptions('options', options, ['client', 'experiment']);
    if (!options.client || typeof options.client.createRun !== 'function') {
      throw new InvalidArgumentError('options.client', options.client, 'must be an MlflowClient', 'pass new MlflowClient({ trackingUri })');
    }
    if (typeof options.experiment !== 'string' || options.experiment.length === 0) {
      throw new InvalidArgumentError('options.experiment', options.experiment, 'must be a non-empty string', 'name the MLflow experiment, e.g. "tuning"');
    }
    this.client = options.client;
    this.experiment = options.experiment;
  }

  async createStudy(spec: StudySpec, loadIfExists: boolean): Promise<StoredStudy> {
    checkQuotable(spec.name);
    const experimentId = (await this.client.getOrCreateExperiment(this.experiment)).experimentId;
    const existing = await this.findStudyRun(experimentId, spec.name);
    if (existing) {
      if (!loadIfExists) throw new InvalidArgumentError('name', spec.name, `names an existing study in MLflow experiment "${this.experiment}"`, 'pass loadIfExists: true, use loadStudy, or choose another name');
      checkDirection(spec.name, existing.data.tags[TAG_DIRECTION] as StudySpec['direction'], spec.direction);
      return this.open(experimentId, existing);
    }
    const run = await this.client.createRun({
      experimentId, runName: spec.name,
      tags: { [TAG_ROLE]: 'study', [TAG_STUDY]: spec.name, [TAG_DIRECTION]: spec.direction, [TAG_SAMPLER]: JSON.stringify(spec.sampler).slice(0, RECORD_CHUNK), [TAG_PRUNER]: JSON.stringify(spec.pruner).slice(0, RECORD_CHUNK) },
    });
    return this.handle(experimentId, run, spec.direction, [], new Map());
  }

  async loadStudy(name: string): Promise<StoredStudy> {
    checkQuotable(name);
    const experiment = await this.client.getExperimentByName(this.experiment);
    const run = experiment && await this.findStudyRun(experiment.experimentId, name);
    if (!experiment || !run) {
      throw new InvalidArgumentError('name', name, `names no study in MLflow experiment "${this.experiment}" at ${this.client.trackingUri}`, 'check the name and experiment, or create the study with createStudy');
    }
    return this.open(experiment.experimentId, run);
  }

  private async open(experimentId: string, studyRun: Run): Promise<StoredStudy> {
    const direction = studyRun.data.tags[TAG_DIRECTION];
    if (direction !== 'minimize' && direction !== 'maximize') {
      throw new InvalidArgumentError(`tags.${TAG_DIRECTION}`, direction, `of study run ${studyRun.info.runId} is not minimize or maximize`, 'repair the tag in MLflow');
    }
    const runIds = new Map<number, string>();
    const trials: FrozenTrial[] = [];
    for (const run of await this.childRuns(experimentId, studyRun.info.runId)) {
      let trial = readRecord(run);
      if (!trial) continue;
      if (trial.state === 'running') {
        trial = interruptedTrial(trial);
        await this.writeFinished(run.info.runId, trial, false);
      }
      runIds.set(trial.number, run.info.runId);
      trials.push(trial);
    }
    trials.sort((a, b) => a.number - b.number);
    return this.handle(experimentId, studyRun, direction, trials, runIds);
  }

  private handle(experimentId: string, studyRun: Run, direction: StudySpec['direction'], trials: FrozenTrial[], runIds: Map<number, string>): StoredStudy {
    const studyRunId = studyRun.info.runId;
    const name = studyRun.data.tags[TAG_STUDY]!;
    return {
      name, direction, trials,
      createTrial: async (trial) => {
        const run = await this.client.createRun({
          experimentId, runName: `${name}-trial-${trial.number}`, startTime: trial.startedAt,
          tags: { [TAG_PARENT]: studyRunId, [TAG_ROLE]: 'trial', [TAG_STUDY]: name, [TAG_NUMBER]: String(trial.number), [TAG_STATE]: MLFLOW_STATE.running, ...recordTags(trial) },
        });
        runIds.set(trial.number, run.info.runId);
      },
      finishTrial: async (trial) => {
        const runId = runIds.get(trial.number);
        if (runId === undefined) throw new InvalidArgumentError('trial.number', trial.number, 'has no MLflow run in this study', 'create trials with study.ask()');
        await this.writeFinished(runId, trial, true);
      },
      setStatus: async (status) => {
        await this.client.updateRun(studyRunId, status === 'running' ? { status: 'RUNNING' } : { status: status === 'finished' ? 'FINISHED' : 'FAILED', endTime: Date.now() });
      },
      recordBest: async (trial) => {
        await this.client.logBatch(studyRunId, { metrics: [{ key: METRIC_BEST, value: trial.value!, step: trial.number, timestamp: trial.completedAt }] });
      },
    };
  }

  private async writeFinished(runId: string, trial: FrozenTrial, withData: boolean): Promise<void> {
    const metrics: MetricEntry[] = [];
    const params: Record<string, string> = {};
    if (withData) {
      if (trial.value !== undefined) metrics.push({ key: METRIC_VALUE, value: trial.value, step: trial.number, timestamp: trial.completedAt });
      for (const [step, value] of Object.entries(trial.intermediateValues)) metrics.push({ key: METRIC_INTERMEDIATE, value, step: Number(step), timestamp: trial.completedAt });
      for (const [name, value] of Object.entries(trial.params)) {
        const key = mlflowKey(name);
        if (!(key in params)) params[key] = String(value).slice(0, 6000);
      }
    }
    const tags = { [TAG_STATE]: MLFLOW_STATE[trial.state], ...recordTags(trial), ...(trial.failReason ? { [TAG_FAIL_REASON]: trial.failReason.slice(0, RECORD_CHUNK) } : {}) };
    await this.client.logBatch(runId, { metrics, params, tags });
    await this.client.updateRun(runId, { status: RUN_STATUS[trial.state], endTime: trial.completedAt ?? Date.now() });
  }

  private async findStudyRun(experimentId: string, name: string): Promise<Run | undefined> {
    const { runs } = await this.client.searchRuns({
      experimentIds: [experimentId], maxResults: 1, orderBy: ['attributes.start_time ASC'],
      filter: `tags.\`${TAG_ROLE}\` = 'study' and tags.\`${TAG_STUDY}\` = '${name}'`,
    });
    return runs[0];
  }

  private async childRuns(experimentId: string, parentRunId: string): Promise<Run[]> {
    const out: Run[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.client.searchRuns({
        experimentIds: [experimentId], maxResults: PAGE, filter: `tags.\`${TAG_PARENT}\` = '${parentRunId}'`, ...(pageToken ? { pageToken } : {}),
      });
      out.push(...page.runs);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return out;
  }
}

function recordTags(trial: FrozenTrial): Record<string, string> {
  const pieces = chunk(encodeTrial(trial), RECORD_CHUNK);
  return { [`${TAG_RECORD}.chunks`]: String(pieces.length), ...Object.fromEntries(pieces.map((p, i) => [`${TAG_RECORD}.${i}`, p])) };
}

function readRecord(run: Run): FrozenTrial | undefined {
  const tags = run.data.tags;
  const n = Number(tags[`${TAG_RECORD}.chunks`]);
  if (!Number.isSafeInteger(n) || n < 1) return undefined;
  const text = Array.from({ length: n }, (_, i) => tags[`${TAG_RECORD}.${i}`] ?? '').join('');
  return decodeTrial(text, `MLflow run ${run.info.runId}`);
}

function checkQuotable(name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.includes("'")) {
    throw new InvalidArgumentError('name', name, "must be a non-empty string without single quotes (it is matched in MLflow's filter syntax)", 'rename the study');
  }
}
