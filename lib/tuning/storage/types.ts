// Where a study's trials live between processes. The study keeps the working copy in memory and
// writes through at trial boundaries (a trial is created before its objective runs and written
// once more when it ends), so a storage sees every trial at least as RUNNING.
import type { Direction, FrozenTrial, JsonValue } from '../trial';

export interface StudySpec {
  readonly name: string;
  readonly direction: Direction;
  /** The sampler's and pruner's describe(), stored for the record. */
  readonly sampler: Readonly<Record<string, JsonValue>>;
  readonly pruner: Readonly<Record<string, JsonValue>>;
}

export interface StoredStudy {
  readonly name: string;
  readonly direction: Direction;
  /**
   * The stored trials in number order. Trials a stopped process left RUNNING come back failed
   * (and are stored so): loading assumes no other process is optimizing the study.
   */
  readonly trials: readonly FrozenTrial[];
  createTrial(trial: FrozenTrial): Promise<void>;
  finishTrial(trial: FrozenTrial): Promise<void>;
  /** optimize() started ('running') or ended. */
  setStatus(status: 'running' | 'finished' | 'failed'): Promise<void>;
  /** `trial` improved on the best value so far. */
  recordBest(trial: FrozenTrial): Promise<void>;
}

export interface StudyStorage {
  readonly kind: string;
  /** Creates the study; with loadIfExists an existing one of that name (same direction) is opened. */
  createStudy(spec: StudySpec, loadIfExists: boolean): Promise<StoredStudy>;
  loadStudy(name: string): Promise<StoredStudy>;
}

export const INTERRUPTED_REASON = 'still RUNNING when the study was loaded: the process running it stopped';

/** The trial as it is stored when its process disappeared mid-run. */
export function interruptedTrial(t: FrozenTrial): FrozenTrial {
  return { ...t, state: 'failed', failReason: INTERRUPTED_REASON, completedAt: t.completedAt ?? Date.now() };
}
