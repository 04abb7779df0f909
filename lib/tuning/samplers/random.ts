// Independent uniform sampling: the baseline every other sampler must beat, and TPE's
// start-up phase.
import { createRng, type Rng } from '../../util/random';
import { rejectUnknownOptions } from '../../util/options';
import type { Distribution } from '../distributions';
import type { FrozenTrial } from '../trial';
import type { Sampler, StudyView } from './base';
import { sampleUniform } from './uniform';

export interface RandomSamplerOptions {
  /** Seed of the sampler's own generator (default DEFAULT_SAMPLER_SEED). */
  readonly seed?: number;
}

export const DEFAULT_SAMPLER_SEED = 0;

export class RandomSampler implements Sampler {
  readonly name = 'RandomSampler';
  readonly seed: number;
  private readonly rng: Rng;

  constructor(options: RandomSamplerOptions = {}) {
    rejectUnknownOptions('options', options, ['seed']);
    this.seed = options.seed ?? DEFAULT_SAMPLER_SEED;
    this.rng = createRng(this.seed);
  }

  sampleIndependent(_study: StudyView, _trial: FrozenTrial, _name: string, distribution: Distribution): number {
    return sampleUniform(distribution, this.rng);
  }

  describe() {
    return { name: this.name, seed: this.seed };
  }
}
