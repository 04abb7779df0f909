// The study's working memory: every trial's record, and the synchronous decisions made on it
// (draw a parameter, record a report, judge pruning, close the trial). Storage and scheduling
// are the async layer above (study.ts); objectives reach this only through Trial handles.
import { describeValue, InvalidArgumentError } from '../util/errors';
import {
  contains, describeDistribution, incompatibility, isSingle, sameDistribution, toExternal,
  type Distribution, type ParamValue,
} from './distributions';
import type { Pruner } from './pruners/base';
import { RELATIVE_PARAMS_ATTR, type Sampler, type StudyView } from './samplers/base';
import type { Direction, FrozenTrial, JsonValue, TrialHost, TrialState } from './trial';

/** How an objective ended. */
export type TrialOutcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'pruned' }
  | { readonly kind: 'failed'; readonly reason: string; readonly error?: unknown };

interface TrialRecord {
  number: number;
  state: TrialState;
  value?: number;
  params: Record<string, ParamValue>;
  distributions: Record<string, Distribution>;
  intermediateValues: Record<number, number>;
  startedAt: number;
  completedAt?: number;
  systemAttrs: Record<string, JsonValue>;
  failReason?: string;
}

export class StudyState implements TrialHost, StudyView {
  private readonly records: TrialRecord[] = [];
  private readonly byNumber = new Map<number, TrialRecord>();
  private readonly relativeSpaces = new Map<number, Record<string, Distribution>>();
  /** The first distribution seen per parameter name, for the cross-trial compatibility rule. */
  private readonly known = new Map<string, Distribution>();
  private nextNumber = 0;

  constructor(readonly direction: Direction, readonly sampler: Sampler, readonly pruner: Pruner, loaded: readonly FrozenTrial[]) {
    for (const t of loaded) this.add(structuredClone(t) as TrialRecord);
  }

  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    return states ? this.records.filter((r) => states.includes(r.state)) : this.records;
  }

  /** A copy the caller may keep. */
  frozen(number: number): FrozenTrial {
    return structuredClone(this.record(number));
  }

  /** Opens the next trial: sampler bookkeeping and joint (relative) sampling happen here. */
  startTrial(now = Date.now()): FrozenTrial {
    const rec: TrialRecord = { number: this.nextNumber, state: 'running', params: {}, distributions: {}, intermediateValues: {}, startedAt: now, systemAttrs: {} };
    this.add(rec);
    Object.assign(rec.systemAttrs, this.sampler.beforeTrial?.(this, rec) ?? {});
    const space = this.sampler.inferRelativeSearchSpace?.(this, rec) ?? {};
    if (Object.keys(space).length > 0 && this.sampler.sampleRelative) {
      const relative = this.sampler.sampleRelative(this, rec, space);
      if (Object.keys(relative).length > 0) {
        this.relativeSpaces.set(rec.number, space);
        rec.systemAttrs[RELATIVE_PARAMS_ATTR] = relative;
      }
    }
    return rec;
  }

  suggest(number: number, name: string, distribution: Distribution): ParamValue {
    const rec = this.running(number);
    const before = rec.distributions[name];
    if (before) {
      if (!sameDistribution(before, distribution)) {
        throw new InvalidArgumentError('name', name, `was suggested in this trial as ${describeDistribution(before)}, now as ${describeDistribution(distribution)}`, 'use one distribution per parameter name, or another name');
      }
      return rec.params[name]!;
    }
    const first = this.known.get(name);
    const problem = first && incompatibility(first, distribution);
    if (problem) {
      throw new InvalidArgumentError('name', name, `${problem}, now ${describeDistribution(distribution)}`, 'keep the kind, log flag and choices of a parameter across trials, or use another name');
    }
    const internal = this.draw(rec, name, distribution);
    if (!contains(distribution, internal)) {
      throw new InvalidArgumentError('sampler', this.sampler.name, `drew ${describeValue(internal)} for "${name}", outside ${describeDistribution(distribution)}`, 'report this sampler bug');
    }
    const value = toExternal(distribution, internal);
    rec.params[name] = value;
    rec.distributions[name] = distribution;
    if (!first) this.known.set(name, distribution);
    return value;
  }

  report(number: number, value: number, step: number): void {
    const rec = this.running(number);
    if (step in rec.intermediateValues) {
      throw new InvalidArgumentError('step', step, `was already reported in trial ${number}`, 'report each step once, e.g. the epoch index');
    }
    rec.intermediateValues[step] = value;
  }

  shouldPrune(number: number): boolean {
    return this.pruner.prune(this, this.running(number));
  }

  params(number: number): Record<string, ParamValue> {
    return { ...this.record(number).params };
  }

  /** Closes a running trial with the objective's outcome; returns its final record. */
  finish(number: number, outcome: TrialOutcome, now = Date.now()): FrozenTrial {
    const rec = this.running(number);
    rec.completedAt = now;
    if (outcome.kind === 'value') {
      if (typeof outcome.value === 'number' && !Number.isNaN(outcome.value)) {
        rec.state = 'complete';
        rec.value = outcome.value;
      } else {
        rec.state = 'failed';
        rec.failReason = `the objective returned ${describeValue(outcome.value)}, not a number`;
      }
    } else if (outcome.kind === 'pruned') {
      rec.state = 'pruned';
      const steps = Object.keys(rec.intermediateValues).map(Number);
      const last = steps.length ? rec.intermediateValues[Math.max(...steps)]! : Number.NaN;
      if (!Number.isNaN(last)) rec.value = last;
    } else {
      rec.state = 'failed';
      rec.failReason = outcome.reason;
    }
    this.relativeSpaces.delete(number);
    return rec;
  }

  bestTrial(): FrozenTrial | undefined {
    let best: TrialRecord | undefined;
    for (const r of this.records) {
      if (r.state !== 'complete') continue;
      if (!best || (this.direction === 'minimize' ? r.value! < best.value! : r.value! > best.value!)) best = r;
    }
    return best;
  }

  isExhausted(): boolean {
    return this.sampler.isExhausted?.(this) ?? false;
  }

  private draw(rec: TrialRecord, name: string, distribution: Distribution): number {
    if (isSingle(distribution)) return distribution.kind === 'categorical' ? 0 : distribution.low;
    const relative = rec.systemAttrs[RELATIVE_PARAMS_ATTR] as Record<string, number> | undefined;
    const relativeDistribution = this.relativeSpaces.get(rec.number)?.[name];
    if (relative && name in relative && relativeDistribution && !incompatibility(relativeDistribution, distribution) && contains(distribution, relative[name]!)) {
      return relative[name]!;
    }
    return this.sampler.sampleIndependent(this, rec, name, distribution);
  }

  private add(rec: TrialRecord): void {
    if (this.byNumber.has(rec.number)) throw new InvalidArgumentError('trial.number', rec.number, 'is stored twice', 'repair the storage');
    this.records.push(rec);
    this.byNumber.set(rec.number, rec);
    this.nextNumber = Math.max(this.nextNumber, rec.number + 1);
    for (const [name, d] of Object.entries(rec.distributions)) if (!this.known.has(name)) this.known.set(name, d);
  }

  private record(number: number): TrialRecord {
    const rec = this.byNumber.get(number);
    if (!rec) throw new InvalidArgumentError('trial', number, 'is not a trial of this study', 'use a trial returned by study.ask()');
    return rec;
  }

  private running(number: number): TrialRecord {
    const rec = this.record(number);
    if (rec.state !== 'running') throw new InvalidArgumentError('trial', number, `is already ${rec.state}`, 'use the trial only inside its objective, before it returns');
    return rec;
  }
}

