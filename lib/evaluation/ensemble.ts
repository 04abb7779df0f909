// Soft voting: the weighted mean of the members' probabilities, exactly sklearn VotingClassifier's
// np.average(probas, axis=0, weights=weights). Weights are normalised, so only their ratios matter.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkProbabilities, type Numbers } from './check';

export const ENSEMBLE_FORMAT = 'quantlab.soft-voting-ensemble';

/** Weighted mean of probability arrays; weights default to equal. */
export function softVote(probabilities: readonly Numbers[], weights?: readonly number[]): Float64Array {
  if (!Array.isArray(probabilities) || probabilities.length === 0) {
    throw new InvalidArgumentError('probabilities', probabilities, 'must be a non-empty array of probability arrays', 'pass one array of positive-class probabilities per member');
  }
  const n = probabilities[0]?.length;
  if (typeof n !== 'number' || n === 0) {
    throw new InvalidArgumentError('probabilities[0]', probabilities[0], 'must be a non-empty array of probabilities', "pass each member's predictions on the same rows");
  }
  probabilities.forEach((p, m) => checkProbabilities(`probabilities[${m}]`, p, n));
  const w = weights ?? probabilities.map(() => 1);
  const total = checkWeights(w, probabilities.length, 'weights');
  // Sum of w * p, then one division by the weight total: the order np.average uses.
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let m = 0; m < probabilities.length; m++) sum += w[m]! * probabilities[m]![i]!;
    out[i] = sum / total;
  }
  return out;
}

/** Finite, non-negative, summing to more than 0; returns their sum. */
function checkWeights(weights: readonly number[], members: number, argument: string): number {
  if (!Array.isArray(weights) || weights.length !== members) {
    throw new InvalidArgumentError(argument, weights, `must be an array of ${members} weights, one per member`, 'pass e.g. [2, 1], or leave it out for equal weights');
  }
  let total = 0;
  weights.forEach((w, m) => {
    if (typeof w !== 'number' || !(w >= 0 && w < Infinity)) {
      throw new InvalidArgumentError(`${argument}[${m}]`, w, 'must be a finite number >= 0', 'use relative weights such as 1 and 2');
    }
    total += w;
  });
  if (!(total > 0)) throw new InvalidArgumentError(argument, weights, 'sum to 0', 'give at least one member a positive weight');
  return total;
}

export interface SoftVotingOptions {
  /** Member names, in the order their weights are given; unique. */
  readonly members: readonly string[];
  /** Relative weights; default equal. Stored normalised. */
  readonly weights?: readonly number[];
}

export interface SoftVotingJSON {
  readonly format: typeof ENSEMBLE_FORMAT;
  readonly members: string[];
  readonly weights: number[];
}

/** A named, serialisable soft vote: the config that goes into a run or the registry. */
export class SoftVotingEnsemble {
  readonly members: readonly string[];
  readonly weights: Float64Array;

  constructor(options: SoftVotingOptions) {
    rejectUnknownOptions('options', options, ['members', 'weights']);
    const members = options?.members;
    if (!Array.isArray(members) || members.length === 0 || members.some((m) => typeof m !== 'string' || m === '')) {
      throw new InvalidArgumentError('options.members', members, 'must be a non-empty array of member names', "pass e.g. ['gru', 'logistic']");
    }
    const duplicate = members.find((m, i) => members.indexOf(m) !== i);
    if (duplicate !== undefined) throw new InvalidArgumentError('options.members', members, `names '${duplicate}' twice`, 'give each member a unique name');
    this.members = [...members];
    const weights = options.weights ?? members.map(() => 1);
    const total = checkWeights(weights, members.length, 'options.weights');
    this.weights = Float64Array.from(weights, (w) => w / total);
  }

  /** Soft vote of the members' probabilities, looked up by name; extra names are rejected. */
  predict(byMember: Readonly<Record<string, Numbers>>): Float64Array {
    if (byMember == null || typeof byMember !== 'object') {
      throw new InvalidArgumentError('byMember', byMember, 'must map member names to probabilities', `pass { ${this.members.join(', ')} }`);
    }
    for (const name of Object.keys(byMember)) {
      if (!this.members.includes(name)) throw new InvalidArgumentError(`byMember.${name}`, byMember[name], 'is not a member of this ensemble', `use only: ${this.members.join(', ')}`);
    }
    const missing = this.members.find((m) => byMember[m] === undefined);
    if (missing !== undefined) throw new InvalidArgumentError(`byMember.${missing}`, undefined, 'is missing', `pass probabilities for every member: ${this.members.join(', ')}`);
    return softVote(this.members.map((m) => byMember[m]!), Array.from(this.weights));
  }

  toJSON(): SoftVotingJSON {
    return { format: ENSEMBLE_FORMAT, members: [...this.members], weights: Array.from(this.weights) };
  }

  static fromJSON(json: SoftVotingJSON): SoftVotingEnsemble {
    if (json == null || json.format !== ENSEMBLE_FORMAT) {
      throw new InvalidArgumentError('json.format', (json as { format?: unknown } | null)?.format, `must be '${ENSEMBLE_FORMAT}'`, 'pass the output of ensemble.toJSON()');
    }
    return new SoftVotingEnsemble({ members: json.members, weights: json.weights });
  }
}
