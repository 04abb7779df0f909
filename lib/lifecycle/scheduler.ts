// Runs jobs on cron schedules: one run at a time per job (a tick that finds the previous run still
// going is skipped and recorded), errors caught and recorded, and, with a state file, no second
// run of a slot after a restart, and optionally one catch-up run for slots missed while down.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { systemClock, type Clock } from '../data/providers/clock';
import { systemTimers, type Timers } from './clock';
import { DEFAULT_SCHEDULE_TIMEZONE, parseCron, type CronExpression } from './cron';
import { nextRun } from './next-run';
import { readSchedulerState, writeSchedulerState, type JobRecord } from './state';
import { checkTimeZone } from './timezone';

export interface SchedulerOptions {
  /** Default: the system clock. Tests pass a ManualClock as both clock and timers. */
  readonly clock?: Pick<Clock, 'now'>;
  readonly timers?: Timers;
  /** JSON file holding each job's last run; without one, a restart forgets what ran. */
  readonly stateFile?: string;
  /** Zone the jobs' schedules are read in, unless a job names its own (default DEFAULT_SCHEDULE_TIMEZONE). */
  readonly timezone?: string;
  /** Run a job once at start when its last recorded run is older than its latest slot (default false); a job with no recorded run waits for its next slot. */
  readonly catchUp?: boolean;
  /** How many events `events()` keeps, oldest dropped first (default DEFAULT_MAX_EVENTS). */
  readonly maxEvents?: number;
}

export interface JobContext {
  readonly job: string;
  /** The slot this run serves; for a catch-up run, the first slot missed. */
  readonly scheduledFor: number;
  readonly catchUp: boolean;
}

export interface JobSpec {
  readonly name: string;
  /** A cron expression (see parseCron), e.g. DEFAULT_DAILY_SCHEDULE. */
  readonly schedule: string;
  readonly run: (context: JobContext) => unknown;
  readonly timezone?: string;
  readonly catchUp?: boolean;
}

export type SchedulerEventKind = 'started' | 'succeeded' | 'failed' | 'skipped';

export interface SchedulerEvent {
  readonly time: number;
  readonly job: string;
  readonly kind: SchedulerEventKind;
  readonly scheduledFor: number;
  readonly catchUp: boolean;
  /** Why a slot was skipped: the previous run was still going, or it passed while the scheduler was down. */
  readonly reason?: 'overlap' | 'missed';
  readonly error?: string;
  readonly durationMs?: number;
}

export const DEFAULT_MAX_EVENTS = 1000;
/** setTimeout's largest delay (about 24.8 days); longer waits are chained. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

const OPTION_KEYS = ['clock', 'timers', 'stateFile', 'timezone', 'catchUp', 'maxEvents'];
const JOB_KEYS = ['name', 'schedule', 'run', 'timezone', 'catchUp'];

interface Job {
  readonly spec: JobSpec;
  readonly cron: CronExpression;
  readonly zone: string;
  readonly catchUp: boolean;
  timer?: unknown;
  due?: number;
  running?: Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export class Scheduler {
  private readonly clock: Pick<Clock, 'now'>;
  private readonly timers: Timers;
  private readonly stateFile: string | undefined;
  private readonly timezone: string;
  private readonly catchUp: boolean;
  private readonly maxEvents: number;
  private readonly jobs = new Map<string, Job>();
  private readonly log: SchedulerEvent[] = [];
  private state = new Map<string, JobRecord>();
  private started = false;

  constructor(options: SchedulerOptions = {}) {
    rejectUnknownOptions('options', options, OPTION_KEYS);
    for (const [key, methods] of [['clock', ['now']], ['timers', ['setTimeout', 'clearTimeout']]] as const) {
      const value = (options as Record<string, any>)[key];
      if (value !== undefined && methods.some((m) => typeof value?.[m] !== 'function')) {
        throw new InvalidArgumentError(`options.${key}`, value, `needs ${methods.join(' and ')} methods`, 'pass a ManualClock, or omit it for the system clock');
      }
    }
    if (options.stateFile !== undefined && (typeof options.stateFile !== 'string' || options.stateFile.length === 0)) {
      throw new InvalidArgumentError('options.stateFile', options.stateFile, 'must be a file path', "pass e.g. 'reports/scheduler-state.json'");
    }
    const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new InvalidArgumentError('options.maxEvents', maxEvents, 'must be a positive integer', `pass e.g. ${DEFAULT_MAX_EVENTS}`);
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.stateFile = options.stateFile;
    this.timezone = checkTimeZone(options.timezone ?? DEFAULT_SCHEDULE_TIMEZONE, 'options.timezone');
    this.catchUp = checkFlag(options.catchUp, 'options.catchUp') ?? false;
    this.maxEvents = maxEvents;
  }

  /** Registers a job; after start() it is armed at once. */
  add(spec: JobSpec): void {
    rejectUnknownOptions('job', spec, JOB_KEYS);
    if (typeof spec?.name !== 'string' || spec.name.length === 0) throw new InvalidArgumentError('job.name', spec?.name, 'must be a non-empty string', "name it, e.g. 'retrain-daily'");
    if (this.jobs.has(spec.name)) throw new InvalidArgumentError('job.name', spec.name, 'is already registered', 'give each job its own name');
    if (typeof spec.run !== 'function') throw new InvalidArgumentError('job.run', spec.run, 'must be a function', 'pass the work as (context) => ...');
    const job: Job = {
      spec,
      cron: parseCron(spec.schedule, 'job.schedule'),
      zone: spec.timezone === undefined ? this.timezone : checkTimeZone(spec.timezone, 'job.timezone'),
      catchUp: checkFlag(spec.catchUp, 'job.catchUp') ?? this.catchUp,
    };
    this.jobs.set(spec.name, job);
    if (this.started) this.begin(job);
  }

  /** Reads the state file and arms every job (catch-up runs start now). */
  start(): void {
    if (this.started) return;
    if (this.stateFile !== undefined) this.state = readSchedulerState(this.stateFile);
    this.started = true;
    for (const job of this.jobs.values()) this.begin(job);
  }

  /** Disarms every timer and waits for runs in progress to finish. */
  async stop(): Promise<void> {
    this.started = false;
    for (const job of this.jobs.values()) {
      if (job.timer !== undefined) this.timers.clearTimeout(job.timer);
      job.timer = undefined;
      job.due = undefined;
    }
    await this.idle();
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.jobs.values()].map((j) => j.running).filter((p): p is Promise<void> => p !== undefined);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Runs a job now, outside its schedule; resolves when it ends (at once when skipped as an overlap). */
  runNow(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (job === undefined) throw new InvalidArgumentError('name', name, 'is not a registered job', `use one of: ${[...this.jobs.keys()].join(', ') || '(none yet: add one)'}`);
    const now = this.clock.now();
    return this.fire(job, now, false, now) ?? Promise.resolve();
  }

  /** When the job next fires; undefined before start() or after stop(). */
  nextRunOf(name: string): number | undefined {
    return this.jobs.get(name)?.due;
  }

  /** What happened, oldest first (at most maxEvents). */
  events(job?: string): readonly SchedulerEvent[] {
    return job === undefined ? [...this.log] : this.log.filter((e) => e.job === job);
  }

  private begin(job: Job): void {
    const now = this.clock.now();
    const last = this.state.get(job.spec.name);
    if (last !== undefined) {
      const missed = nextRun(job.cron, last.lastSlot, { timezone: job.zone });
      if (missed <= now) {
        if (job.catchUp) this.fire(job, missed, true, now);
        else this.record({ time: now, job: job.spec.name, kind: 'skipped', scheduledFor: missed, catchUp: false, reason: 'missed' });
      }
    }
    this.arm(job, now);
  }

  private arm(job: Job, after: number): void {
    job.due = nextRun(job.cron, after, { timezone: job.zone });
    this.wait(job);
  }

  private wait(job: Job): void {
    const delay = Math.min(Math.max(job.due! - this.clock.now(), 0), MAX_TIMER_DELAY_MS);
    job.timer = this.timers.setTimeout(() => this.wake(job), delay);
  }

  private wake(job: Job): void {
    job.timer = undefined;
    if (!this.started || job.due === undefined) return;
    const now = this.clock.now();
    if (now < job.due) {
      this.wait(job); // a chained long wait, or a timer that fired early
      return;
    }
    this.fire(job, job.due, false, job.due);
    // After a long stall (a suspended machine) the slots in between are not replayed.
    this.arm(job, Math.max(now, job.due));
  }

  /** The run's promise; undefined when skipped. */
  private fire(job: Job, scheduledFor: number, catchUp: boolean, covers: number): Promise<void> | undefined {
    const name = job.spec.name;
    if (job.running !== undefined) {
      this.record({ time: this.clock.now(), job: name, kind: 'skipped', scheduledFor, catchUp, reason: 'overlap' });
      return undefined;
    }
    const run = this.execute(job, { job: name, scheduledFor, catchUp }, covers);
    job.running = run;
    void run.finally(() => {
      if (job.running === run) job.running = undefined;
    });
    return run;
  }

  private async execute(job: Job, context: JobContext, covers: number): Promise<void> {
    const name = job.spec.name;
    const startedAt = this.clock.now();
    this.record({ time: startedAt, job: name, kind: 'started', scheduledFor: context.scheduledFor, catchUp: context.catchUp });
    let failure: unknown;
    let failed = false;
    try {
      this.save(name, { lastSlot: covers, lastStartedAt: startedAt, lastStatus: 'running' });
      await job.spec.run(context);
    } catch (error) {
      failure = error;
      failed = true;
    }
    const finishedAt = this.clock.now();
    try {
      this.save(name, { lastSlot: covers, lastStartedAt: startedAt, lastFinishedAt: finishedAt, lastStatus: failed ? 'failed' : 'succeeded' });
    } catch (error) {
      if (!failed) failure = error;
      failed = true;
    }
    const base = { time: finishedAt, job: name, scheduledFor: context.scheduledFor, catchUp: context.catchUp, durationMs: finishedAt - startedAt };
    this.record(failed ? { ...base, kind: 'failed', error: messageOf(failure) } : { ...base, kind: 'succeeded' });
  }

  private save(name: string, record: JobRecord): void {
    this.state.set(name, record);
    if (this.stateFile !== undefined) writeSchedulerState(this.stateFile, this.state);
  }

  private record(event: SchedulerEvent): void {
    this.log.push(event);
    if (this.log.length > this.maxEvents) this.log.splice(0, this.log.length - this.maxEvents);
  }
}

function checkFlag(value: unknown, argument: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw new InvalidArgumentError(argument, value, 'must be true or false', 'pass a boolean');
  return value;
}
