// Studies held in this process only: the default storage, and the reference the MLflow storage
// is tested against.
import { InvalidArgumentError } from '../../util/errors';
import type { Direction, FrozenTrial } from '../trial';
import { interruptedTrial, type StoredStudy, type StudySpec, type StudyStorage } from './types';

interface Entry {
  readonly spec: StudySpec;
  readonly trials: Map<number, FrozenTrial>;
  status: string;
}

export class MemoryStorage implements StudyStorage {
  readonly kind = 'memory';
  private readonly studies = new Map<string, Entry>();

  async createStudy(spec: StudySpec, loadIfExists: boolean): Promise<StoredStudy> {
    const existing = this.studies.get(spec.name);
    if (existing) {
      if (!loadIfExists) throw new InvalidArgumentError('name', spec.name, 'names an existing study', 'pass loadIfExists: true, use loadStudy, or choose another name');
      checkDirection(spec.name, existing.spec.direction, spec.direction);
      return this.loadStudy(spec.name);
    }
    this.studies.set(spec.name, { spec: structuredClone(spec), trials: new Map(), status: 'created' });
    return handle(spec.name, spec.direction, this.studies.get(spec.name)!);
  }

  async loadStudy(name: string): Promise<StoredStudy> {
    const entry = this.studies.get(name);
    if (!entry) throw new InvalidArgumentError('name', name, 'names no study in this storage', `create it first; known: ${[...this.studies.keys()].join(', ') || 'none'}`);
    for (const [n, t] of entry.trials) if (t.state === 'running') entry.trials.set(n, interruptedTrial(t));
    return handle(name, entry.spec.direction, entry);
  }

  /** Names of the stored studies. */
  studyNames(): string[] {
    return [...this.studies.keys()];
  }
}

function handle(name: string, direction: Direction, entry: Entry): StoredStudy {
  return {
    name,
    direction,
    trials: [...entry.trials.values()].sort((a, b) => a.number - b.number).map((t) => structuredClone(t)),
    async createTrial(trial) { entry.trials.set(trial.number, structuredClone(trial)); },
    async finishTrial(trial) { entry.trials.set(trial.number, structuredClone(trial)); },
    async setStatus(status) { entry.status = status; },
    async recordBest() { /* the trials themselves say which is best */ },
  };
}

export function checkDirection(name: string, stored: Direction, requested: Direction): void {
  if (stored !== requested) {
    throw new InvalidArgumentError('direction', requested, `differs from the stored study "${name}" (${stored})`, `pass direction: '${stored}' or choose another name`);
  }
}
