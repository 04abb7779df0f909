// Exhaustive search over a grid: every combination once, visited in a seeded random order (so
// a study cut short still covers the grid evenly), after which the study stops. The point a
// trial evaluates is chosen when it starts and stored with it, so a resumed study skips the
// points already taken.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { createRng } from '../../util/random';
import { contains, describeDistribution, toInternal, type CategoricalChoice, type Distribution } from '../distributions';
import type { FrozenTrial, JsonValue } from '../trial';
import type { Sampler, StudyView } from './base';
import { DEFAULT_SAMPLER_SEED } from './random';

export interface GridSamplerOptions {
  /** Parameter name -> the values to try. */
  readonly searchSpace: Readonly<Record<string, readonly CategoricalChoice[]>>;
  /** Seed of the visiting order (default DEFAULT_SAMPLER_SEED). */
  readonly seed?: number;
}

const GRID_ID_ATTR = 'grid_id';

export class GridSampler implements Sampler {
  readonly name = 'GridSampler';
  readonly seed: number;
  /** Parameter names, sorted; each grid point lists its values in this order. */
  readonly paramNames: readonly string[];
  private readonly values: readonly (readonly CategoricalChoice[])[];
  private readonly order: readonly number[];

  constructor(options: GridSamplerOptions) {
    rejectUnknownOptions('options', options, ['searchSpace', 'seed']);
    const space = options?.searchSpace;
    if (space === null || typeof space !== 'object' || Array.isArray(space) || Object.keys(space).length === 0) {
      throw new InvalidArgumentError('options.searchSpace', space, 'must map parameter names to arrays of values', 'pass e.g. { searchSpace: { window: [10, 20, 50] } }');
    }
    this.paramNames = Object.keys(space).sort();
    this.values = this.paramNames.map((name) => {
      const vs = space[name];
      if (!Array.isArray(vs) || vs.length === 0) {
        throw new InvalidArgumentError(`options.searchSpace.${name}`, vs, 'must be a non-empty array', 'list the values to try');
      }
      return [...vs];
    });
    this.seed = options.seed ?? DEFAULT_SAMPLER_SEED;
    const size = this.values.reduce((n, vs) => n * vs.length, 1);
    this.order = createRng(this.seed).shuffled(Array.from({ length: size }, (_, i) => i));
  }

  get size(): number {
    return this.order.length;
  }

  /** The values of grid point `id`, by parameter name. */
  point(id: number): Record<string, CategoricalChoice> {
    const out: Record<string, CategoricalChoice> = {};
    let rest = id;
    for (let d = this.paramNames.length - 1; d >= 0; d--) {
      const vs = this.values[d]!;
      out[this.paramNames[d]!] = vs[rest % vs.length]!;
      rest = Math.floor(rest / vs.length);
    }
    return out;
  }

  beforeTrial(study: StudyView): Record<string, JsonValue> | undefined {
    const taken = this.takenIds(study);
    const next = this.order.find((id) => !taken.has(id));
    return next === undefined ? undefined : { [GRID_ID_ATTR]: next };
  }

  isExhausted(study: StudyView): boolean {
    return this.takenIds(study).size >= this.order.length;
  }

  sampleIndependent(_study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): number {
    const id = trial.systemAttrs[GRID_ID_ATTR];
    if (typeof id !== 'number') {
      throw new InvalidArgumentError('trial', trial.number, 'has no grid point: the grid was exhausted when it started', 'ask for at most sampler.size trials');
    }
    if (!this.paramNames.includes(name)) {
      throw new InvalidArgumentError('name', name, `is not in the grid (${this.paramNames.join(', ')})`, 'add it to GridSampler searchSpace or suggest only grid parameters');
    }
    const value = this.point(id)[name]!;
    const internal = toInternal(distribution, value);
    if (typeof value !== (distribution.kind === 'categorical' ? typeof value : 'number') || !contains(distribution, internal)) {
      throw new InvalidArgumentError(`options.searchSpace.${name}`, value, `holds a value outside the suggested ${describeDistribution(distribution)}`, 'make the grid values fit the suggest call');
    }
    return internal;
  }

  describe() {
    return { name: this.name, seed: this.seed, searchSpace: Object.fromEntries(this.paramNames.map((n, d) => [n, [...this.values[d]!]])) };
  }

  private takenIds(study: StudyView): Set<number> {
    const ids = new Set<number>();
    for (const t of study.getTrials()) {
      const id = t.systemAttrs[GRID_ID_ATTR];
      if (typeof id === 'number') ids.add(id);
    }
    return ids;
  }
}
