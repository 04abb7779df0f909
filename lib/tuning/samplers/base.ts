// What a sampler sees and does. Samplers work in the internal representation (a number per
// parameter: the value, or a categorical choice's index); the study converts to and from the
// values objectives receive.
import type { Distribution } from '../distributions';
import type { Direction, FrozenTrial, JsonValue, TrialState } from '../trial';

/** The read-only study a sampler or pruner decides from. */
export interface StudyView {
  readonly direction: Direction;
  /** Trials in number order, optionally only those in `states`. Views, not copies: do not keep them. */
  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[];
}

/** Where a trial's jointly sampled ("relative") parameters are kept, in internal representation. */
export const RELATIVE_PARAMS_ATTR = 'relative_params';

export interface Sampler {
  readonly name: string;
  /** Per-trial bookkeeping chosen when the trial starts (e.g. its grid point); stored with the trial. */
  beforeTrial?(study: StudyView, trial: FrozenTrial): Record<string, JsonValue> | undefined;
  /** The dimensions to sample jointly at the start of the trial (multivariate samplers). */
  inferRelativeSearchSpace?(study: StudyView, trial: FrozenTrial): Record<string, Distribution>;
  sampleRelative?(study: StudyView, trial: FrozenTrial, searchSpace: Record<string, Distribution>): Record<string, number>;
  /** One parameter on its own, internal representation. */
  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): number;
  /** True when no further trial can start (a grid whose every point is taken). */
  isExhausted?(study: StudyView): boolean;
  /** The sampler's name and options, logged with the study. */
  describe(): Record<string, JsonValue>;
}
