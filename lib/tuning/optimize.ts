// The optimize loop: start trials while the budget (trial count, wall time) lasts and the
// sampler has points left, at most nJobs at a time, each on its own slot (a worker thread, or a
// concurrent promise for in-process objectives). The first objective error stops new starts;
// it is rethrown once the trials in flight have ended.
import type { TrialOutcome } from './study-state';
import { TrialPruned, type FrozenTrial, type Trial } from './trial';

export interface Scheduler {
  ask(): Promise<Trial>;
  tell(number: number, outcome: TrialOutcome): Promise<FrozenTrial>;
  /** True when the study was stopped or the sampler has nothing left. */
  done(): boolean;
}

export interface ScheduleOptions {
  readonly nTrials?: number;
  readonly timeoutMs?: number;
  readonly nJobs: number;
  readonly catchErrors: boolean;
  readonly onTrial: (trial: FrozenTrial) => void;
}

export async function schedule(scheduler: Scheduler, run: (trial: Trial, slot: number) => Promise<TrialOutcome>, options: ScheduleOptions): Promise<void> {
  const started = Date.now();
  const free = Array.from({ length: options.nJobs }, (_, i) => options.nJobs - 1 - i);
  const inFlight = new Set<Promise<void>>();
  let launched = 0;
  let failure: { error: unknown } | undefined;
  for (;;) {
    if (failure || scheduler.done()) break;
    if (options.nTrials !== undefined && launched >= options.nTrials) break;
    if (options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs) break;
    if (free.length === 0) {
      await Promise.race(inFlight);
      continue;
    }
    const slot = free.pop()!;
    launched++;
    const job = (async () => {
      const trial = await scheduler.ask();
      const outcome = await run(trial, slot);
      const frozen = await scheduler.tell(trial.number, outcome);
      options.onTrial(frozen);
      if (outcome.kind === 'failed' && !options.catchErrors) failure ??= { error: outcome.error ?? new Error(outcome.reason) };
    })()
      .catch((error: unknown) => { failure ??= { error }; })
      .finally(() => { free.push(slot); inFlight.delete(job); });
    inFlight.add(job);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
}

/** Runs an in-process objective and classifies how it ended. */
export async function runInProcess(objective: (trial: Trial) => unknown, trial: Trial): Promise<TrialOutcome> {
  try {
    return { kind: 'value', value: await objective(trial) };
  } catch (error) {
    if (error instanceof TrialPruned || (error instanceof Error && error.name === 'TrialPruned')) return { kind: 'pruned' };
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error), error };
  }
}
