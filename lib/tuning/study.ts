// A hyperparameter study (Optuna's Study): trials drawn by a sampler, judged by a pruner, kept
// in a storage. `optimize` runs an objective for a budget of trials or time, sequentially, as
// concurrent promises, or in worker threads; `ask`/`tell` let a caller drive trials by hand.
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import type { ParamValue } from './distributions';
import { schedule, runInProcess } from './optimize';
import { WorkerPool, type ObjectiveModule } from './parallel';
import type { Pruner } from './pruners/base';
import { MedianPruner } from './pruners/median';
import type { Sampler } from './samplers/base';
import { TPESampler } from './samplers/tpe';
import { MemoryStorage } from './storage/memory';
import type { StoredStudy, StudyStorage } from './storage/types';
import { StudyState, type TrialOutcome } from './study-state';
import { Trial, type Direction, type FrozenTrial } from './trial';

export type StudyObjective = (trial: Trial) => number | Promise<number>;

export interface CreateStudyOptions {
  /** Default: "no-name-" + a random UUID. */
  readonly name?: string;
  /** Default 'minimize'. */
  readonly direction?: Direction;
  /** Default a TPESampler with seed 0. */
  readonly sampler?: Sampler;
  /** Default a MedianPruner (it acts only on trials that report intermediate values). */
  readonly pruner?: Pruner;
  /** Default a fresh MemoryStorage. */
  readonly storage?: StudyStorage;
  /** Open the stored study of that name instead of failing (default false). */
  readonly loadIfExists?: boolean;
}

export interface LoadStudyOptions {
  readonly name: string;
  readonly storage: StudyStorage;
  readonly sampler?: Sampler;
  readonly pruner?: Pruner;
}

export interface OptimizeOptions {
  readonly nTrials?: number;
  /** Start no trial after this much wall time (trials already running finish). */
  readonly timeoutMs?: number;
  /** Trials run at once (default 1): worker threads for an ObjectiveModule, promises for a function. */
  readonly nJobs?: number;
  /** Record objective errors as failed trials and carry on (default false: stop and rethrow). */
  readonly catchErrors?: boolean;
  /** Called after each trial ends; `study.stop()` from here ends the loop. */
  readonly callbacks?: readonly ((study: Study, trial: FrozenTrial) => void)[];
}

export type TellResult = number | { readonly state: 'pruned' } | { readonly state: 'failed'; readonly reason?: string };

/** One row per trial for tables and data frames: params flattened as params_<name>. */
export type TrialRow = Record<string, ParamValue>;

const CREATE_KEYS = ['name', 'direction', 'sampler', 'pruner', 'storage', 'loadIfExists'];
const OPTIMIZE_KEYS = ['nTrials', 'timeoutMs', 'nJobs', 'catchErrors', 'callbacks'];

export async function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  rejectUnknownOptions('options', options, CREATE_KEYS);
  const name = checkName(options.name ?? `no-name-${randomUUID()}`);
  const direction = options.direction ?? 'minimize';
  if (direction !== 'minimize' && direction !== 'maximize') {
    throw new InvalidArgumentError('options.direction', direction, "must be 'minimize' or 'maximize'", "pass direction: 'maximize' for scores such as Sharpe ratios");
  }
  const sampler = options.sampler ?? new TPESampler();
  const pruner = options.pruner ?? new MedianPruner();
  const storage = options.storage ?? new MemoryStorage();
  const stored = await storage.createStudy({ name, direction, sampler: sampler.describe(), pruner: pruner.describe() }, options.loadIfExists ?? false);
  return new Study(stored, sampler, pruner);
}

/** Reopens a stored study: finished trials feed the sampler, interrupted ones come back failed. */
export async function loadStudy(options: LoadStudyOptions): Promise<Study> {
  rejectUnknownOptions('options', options, ['name', 'storage', 'sampler', 'pruner']);
  if (!options.storage) throw new InvalidArgumentError('options.storage', options.storage, 'is required', 'pass the storage the study was created in');
  const stored = await options.storage.loadStudy(checkName(options.name));
  return new Study(stored, options.sampler ?? new TPESampler(), options.pruner ?? new MedianPruner());
}

export interface CopyStudyOptions {
  readonly fromStorage: StudyStorage;
  readonly fromName: string;
  readonly toStorage: StudyStorage;
  /** Default: the same name. */
  readonly toName?: string;
}

/**
 * Copies a study's finished trials into another storage (e.g. from MLflow into memory for
 * offline analysis). Loading the source fails its trials left running, as loadStudy does.
 */
export async function copyStudy(options: CopyStudyOptions): Promise<void> {
  rejectUnknownOptions('options', options, ['fromStorage', 'fromName', 'toStorage', 'toName']);
  const source = await options.fromStorage.loadStudy(checkName(options.fromName));
  const target = await options.toStorage.createStudy({ name: checkName(options.toName ?? options.fromName), direction: source.direction, sampler: {}, pruner: {} }, false);
  for (const trial of source.trials) {
    await target.createTrial(trial);
    await target.finishTrial(trial);
  }
}

export class Study {
  private readonly state: StudyState;
  private stopRequested = false;
  private optimizing = false;

  constructor(private readonly stored: StoredStudy, readonly sampler: Sampler, readonly pruner: Pruner) {
    this.state = new StudyState(stored.direction, sampler, pruner, stored.trials);
  }

  get name(): string {
    return this.stored.name;
  }

  get direction(): Direction {
    return this.stored.direction;
  }

  /** Copies of all trials, in number order. */
  get trials(): FrozenTrial[] {
    return this.state.getTrials().map((t) => structuredClone(t));
  }

  /** The best complete trial, or undefined before the first one completes. */
  get bestTrial(): FrozenTrial | undefined {
    const best = this.state.bestTrial();
    return best && structuredClone(best);
  }

  get bestValue(): number | undefined {
    return this.state.bestTrial()?.value;
  }

  get bestParams(): Record<string, ParamValue> | undefined {
    const best = this.state.bestTrial();
    return best && { ...best.params };
  }

  trialsTable(): TrialRow[] {
    const trials = this.state.getTrials();
    const names = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
    return trials.map((t) => ({
      number: t.number,
      state: t.state,
      value: t.value ?? null,
      startedAt: new Date(t.startedAt).toISOString(),
      completedAt: t.completedAt === undefined ? null : new Date(t.completedAt).toISOString(),
      durationMs: t.completedAt === undefined ? null : t.completedAt - t.startedAt,
      ...Object.fromEntries(names.map((n) => [`params_${n}`, n in t.params ? t.params[n]! : null])),
    }));
  }

  /** Starts a trial (stored as running) for the caller to evaluate and `tell`. */
  async ask(): Promise<Trial> {
    const started = this.state.startTrial();
    try {
      await this.stored.createTrial(this.state.frozen(started.number));
    } catch (error) {
      this.state.finish(started.number, { kind: 'failed', reason: `could not be stored: ${(error as Error).message}` });
      throw error;
    }
    return new Trial(started.number, this.state);
  }

  /** Ends a trial from `ask` with its value, or as pruned or failed. */
  async tell(trial: Trial | number, result: TellResult): Promise<FrozenTrial> {
    const number = typeof trial === 'number' ? trial : trial?.number;
    if (typeof result === 'number') return this.finish(number, { kind: 'value', value: result });
    if (result?.state === 'pruned') return this.finish(number, { kind: 'pruned' });
    if (result?.state === 'failed') return this.finish(number, { kind: 'failed', reason: result.reason ?? 'told failed' });
    throw new InvalidArgumentError('result', result, 'must be the objective value, { state: "pruned" } or { state: "failed" }', 'pass the number the objective computed');
  }

  /** Runs `objective` until the budget is spent, the sampler is exhausted or `stop()` is called. */
  async optimize(objective: StudyObjective | ObjectiveModule, options: OptimizeOptions = {}): Promise<void> {
    rejectUnknownOptions('options', options, OPTIMIZE_KEYS);
    const nJobs = checkCount('options.nJobs', options.nJobs ?? 1, 1);
    if (options.nTrials !== undefined) checkCount('options.nTrials', options.nTrials, 0);
    if (options.timeoutMs !== undefined && !(typeof options.timeoutMs === 'number' && options.timeoutMs > 0)) {
      throw new InvalidArgumentError('options.timeoutMs', options.timeoutMs, 'must be a positive number of milliseconds', 'pass e.g. timeoutMs: 60_000');
    }
    if (options.nTrials === undefined && options.timeoutMs === undefined && !this.sampler.isExhausted) {
      throw new InvalidArgumentError('options', options, 'sets no budget, so optimize would never end', 'pass nTrials or timeoutMs');
    }
    const isModule = typeof objective === 'object' && objective !== null && typeof (objective as ObjectiveModule).module === 'string';
    if (typeof objective !== 'function' && !isModule) {
      throw new InvalidArgumentError('objective', objective, 'must be a function or { module, exportName }', 'pass (trial) => value, or the module path for worker threads');
    }
    if (this.optimizing) throw new InvalidArgumentError('study', this.name, 'is already optimizing', 'await the running optimize() before starting another');
    this.optimizing = true;
    this.stopRequested = false;
    let pool: WorkerPool | undefined;
    try {
      await this.stored.setStatus('running');
      const run = typeof objective === 'function'
        ? (trial: Trial) => runInProcess(objective, trial)
        : await WorkerPool.start(nJobs, objective, this.state).then((p) => (pool = p, (trial: Trial, slot: number) => p.run(slot, trial.number)));
      await schedule({ ask: () => this.ask(), tell: (n, o) => this.finish(n, o), done: () => this.stopRequested || this.state.isExhausted() }, run, {
        nTrials: options.nTrials, timeoutMs: options.timeoutMs, nJobs, catchErrors: options.catchErrors ?? false,
        onTrial: (t) => { for (const callback of options.callbacks ?? []) callback(this, t); },
      });
      await this.stored.setStatus('finished');
    } catch (error) {
      await this.stored.setStatus('failed').catch(() => undefined); // the objective's error matters more
      throw error;
    } finally {
      this.optimizing = false;
      await pool?.close();
    }
  }

  /** Lets the running optimize() start no further trial. */
  stop(): void {
    this.stopRequested = true;
  }

  private async finish(number: number, outcome: TrialOutcome): Promise<FrozenTrial> {
    const before = this.state.bestTrial()?.value;
    this.state.finish(number, outcome);
    const trial = this.state.frozen(number);
    await this.stored.finishTrial(trial);
    const improved = trial.state === 'complete' && (before === undefined || (this.direction === 'minimize' ? trial.value! < before : trial.value! > before));
    if (improved) await this.stored.recordBest(trial);
    return trial;
  }
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('name', name, 'must be a non-empty string', 'name the study, e.g. "sma-crossover-v1"');
  return name;
}

function checkCount(argument: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new InvalidArgumentError(argument, value, `must be an integer >= ${min}`, 'pass a whole number');
  return value;
}
