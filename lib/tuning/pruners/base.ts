// What a pruner decides from, and the pruner that never prunes.
import type { StudyView } from '../samplers/base';
import type { FrozenTrial, JsonValue } from '../trial';

export interface Pruner {
  readonly name: string;
  /** Whether `trial` (running, with its reports so far) should stop now. */
  prune(study: StudyView, trial: FrozenTrial): boolean;
  describe(): Record<string, JsonValue>;
}

/** Never prunes: the default. */
export class NopPruner implements Pruner {
  readonly name = 'NopPruner';
  prune(): boolean {
    return false;
  }
  describe() {
    return { name: this.name };
  }
}
