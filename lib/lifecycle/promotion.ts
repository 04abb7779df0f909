// Promotion and rollback of a registered model's `champion` alias, through the gates, under a
// lease (./lease.ts), with a history on the registered model that a rollback walks back.
//
// The alias is the truth and is only ever moved (setAlias), never deleted and set again, so the
// model always has exactly one champion once it has had one. It moves first; the history and the
// version tags follow. Should those later writes fail, the alias has still moved and the error
// says so; a rollback then restores the history's last champion (see fallbackOf).
import { systemClock } from '../data/providers/clock';
import type { MlflowClient } from '../tracking/client';
import { DEFAULT_ALIAS } from '../tracking/registry';
import { rejectUnknownOptions } from '../util/options';
import { PromotionRefusedError, RegistryBusyError } from './errors';
import { resolvePromotionGates, type PromotionGates, type PromotionGatesInput } from './gates-config';
import { checkLeaseOptions, ModelLease, type LeaseClock, type LeaseOptions } from './lease';
import { evaluatePromotionGates, fmt, type ChampionEvidence, type PromotionGateReport } from './promotion-gates';
import { checkMetrics, checkName, checkVersion, defaultActor, dropVersionTag, getVersionOrRefuse, refuseMissingModel, runOf } from './registry-io';
import {
  fallbackOf, fallbackWhenChampion, historyTag, parseHistory, serializeHistory, TAG_FALLBACK, TAG_GATES, TAG_HOLDOUT, TAG_PROMOTED_AT, TAG_ROLLED_BACK,
  type ChampionHistoryEntry,
} from './registry-state';
import type { Metrics } from './retrain';

/** Metrics measured on one holdout; each side defaults to the metrics logged on that version's run. */
export interface HoldoutMetrics {
  readonly candidate?: Metrics;
  /** The champion re-evaluated on the candidate's holdout. */
  readonly champion?: Metrics;
}

interface CommonOptions {
  readonly model: string;
  /** Default 'champion'. */
  readonly alias?: string;
  /** Who acts, for the history (default user@host). */
  readonly by?: string;
  readonly lease?: LeaseOptions;
  readonly clock?: LeaseClock;
}

export interface PromoteOptions extends CommonOptions {
  readonly version: string | number;
  /** Default DEFAULT_PROMOTION_GATES; a partial object keeps the defaults of what it leaves out. */
  readonly gates?: PromotionGatesInput;
  readonly holdout?: HoldoutMetrics;
  /** Put first in the history entry's reasons. */
  readonly reason?: string;
}

export interface RollbackOptions extends CommonOptions {
  readonly reason: string;
}

export interface PromoteResult {
  readonly model: string;
  readonly alias: string;
  readonly version: string;
  readonly previous: string | undefined;
  readonly report: PromotionGateReport;
  readonly entry: ChampionHistoryEntry;
}

export interface RollbackResult {
  readonly model: string;
  readonly alias: string;
  /** The restored champion. */
  readonly version: string;
  readonly demoted: string;
  /** What a further rollback would restore. */
  readonly fallback: string | undefined;
  readonly entry: ChampionHistoryEntry;
}

const COMMON_KEYS = ['model', 'alias', 'by', 'lease', 'clock'];
const PROMOTE_KEYS = [...COMMON_KEYS, 'version', 'gates', 'holdout', 'reason'];
const ROLLBACK_KEYS = [...COMMON_KEYS, 'reason'];

function common(options: CommonOptions) {
  return {
    model: checkName(options.model, 'options.model', 'name the registered model, e.g. "direction-lstm"'),
    alias: options.alias === undefined ? DEFAULT_ALIAS : checkName(options.alias, 'options.alias', `leave it out for '${DEFAULT_ALIAS}'`),
    by: options.by === undefined ? defaultActor() : checkName(options.by, 'options.by', 'name who acts, e.g. "alice@research"'),
    lease: checkLeaseOptions(options.lease),
    clock: options.clock ?? systemClock,
  };
}

function checkHoldout(h: unknown): HoldoutMetrics | undefined {
  if (h === undefined) return undefined;
  rejectUnknownOptions('options.holdout', h as object, ['candidate', 'champion']);
  const o = h as HoldoutMetrics;
  return {
    ...(o.candidate === undefined ? {} : { candidate: checkMetrics(o.candidate, 'options.holdout.candidate') }),
    ...(o.champion === undefined ? {} : { champion: checkMetrics(o.champion, 'options.holdout.champion') }),
  };
}

async function championEvidence(client: MlflowClient, model: string, champion: string, candidateHoldout: string | undefined, given: Metrics | undefined): Promise<ChampionEvidence> {
  if (given !== undefined) return { version: champion, metrics: given };
  const run = await runOf(client, await client.getModelVersion(model, champion));
  const theirs = run.tags[TAG_HOLDOUT];
  if (candidateHoldout !== undefined && theirs !== undefined && theirs !== candidateHoldout) {
    return {
      version: champion, metrics: run.metrics,
      holdoutMismatch: `champion v${champion} was measured on holdout ${theirs}, the candidate on ${candidateHoldout}: not comparable; `
        + 're-evaluate the champion on the candidate\'s holdout and pass holdout.champion',
    };
  }
  return { version: champion, metrics: run.metrics };
}

const gateSummary = (report: PromotionGateReport): string[] => report.results.map((r) => `${r.gate}: ${r.value === undefined ? 'n/a' : fmt(r.value)}`);

/**
 * Moves the alias to `version` when every gate passes; refuses (PromotionRefusedError, nothing
 * changed) when a gate fails, the version does not exist or already holds the alias.
 */
export async function promote(client: MlflowClient, options: PromoteOptions): Promise<PromoteResult> {
  rejectUnknownOptions('options', options, PROMOTE_KEYS);
  const { model, alias, by, lease: leaseOptions, clock } = common(options);
  const version = checkVersion(options.version);
  const gates: PromotionGates = resolvePromotionGates(options.gates ?? {});
  const holdout = checkHoldout(options.holdout);
  const reason = options.reason === undefined ? undefined : checkName(options.reason, 'options.reason', 'say why in a few words, or leave it out');
  return retrySuperseded(leaseOptions.waitMs, clock, async () => {
    const lease = await refuseMissingModel('promote', model, () => ModelLease.acquire(client, model, by, leaseOptions, clock));
    try {
      const mv = await getVersionOrRefuse(client, 'promote', model, version);
      const registered = lease.snapshot;
      const current = registered.aliases[alias];
      if (current === version) {
        throw new PromotionRefusedError('promote', 'already_champion', model, version, `version ${version} already holds the alias '${alias}'`, 'nothing to do; promote another version');
      }
      const candidateRun = await runOf(client, mv);
      const candidate = holdout?.candidate ?? candidateRun.metrics;
      const champion = current === undefined ? undefined : await championEvidence(client, model, current, candidateRun.tags[TAG_HOLDOUT], holdout?.champion);
      const report = evaluatePromotionGates(gates, candidate, champion);
      if (!report.passed) {
        const failed = report.results.filter((r) => !r.passed);
        throw new PromotionRefusedError('promote', 'gates_failed', model, version, `${failed.length} of ${report.results.length} gates failed: ${failed.map((r) => `${r.gate} (${r.reason})`).join('; ')}`,
          'improve the model, or change the gates (configs/gates.json) if they are wrong; the champion is unchanged', report);
      }
      const history = parseHistory(model, registered.tags, alias);
      const oldFallback = fallbackOf(history, current);
      const at = new Date(clock.now()).toISOString();
      const entry: ChampionHistoryEntry = {
        action: 'promote', version, previous: current ?? null, fallback: current ?? null, at, by, reasons: [...(reason ? [reason] : []), ...gateSummary(report)],
      };
      await lease.assertHeld();
      await client.setAlias(model, alias, version);
      await client.setRegisteredModelTag(model, historyTag(alias), serializeHistory([...history, entry]));
      await client.setModelVersionTag(model, version, TAG_PROMOTED_AT, at);
      await client.setModelVersionTag(model, version, TAG_GATES, JSON.stringify(report));
      for (const key of [TAG_FALLBACK, TAG_ROLLED_BACK]) if (mv.tags[key] !== undefined) await dropVersionTag(client, model, version, key);
      if (current !== undefined) await client.setModelVersionTag(model, current, TAG_FALLBACK, 'true');
      if (oldFallback !== undefined && oldFallback !== current && oldFallback !== version) await dropVersionTag(client, model, oldFallback, TAG_FALLBACK);
      return { model, alias, version, previous: current, report, entry };
    } finally {
      await lease.release();
    }
  });
}

/**
 * Moves the alias back to the fallback recorded in the history and marks the demoted version
 * `quantlab.rolled_back=<reason>`; refuses when there is no champion or no previous one.
 */
export async function rollback(client: MlflowClient, options: RollbackOptions): Promise<RollbackResult> {
  rejectUnknownOptions('options', options, ROLLBACK_KEYS);
  const { model, alias, by, lease: leaseOptions, clock } = common(options);
  const reason = checkName(options.reason, 'options.reason', 'say why the champion is rolled back, e.g. "live hit rate fell to 0.45"');
  return retrySuperseded(leaseOptions.waitMs, clock, async () => {
    const lease = await refuseMissingModel('rollback', model, () => ModelLease.acquire(client, model, by, leaseOptions, clock));
    try {
      const registered = lease.snapshot;
      const current = registered.aliases[alias];
      if (current === undefined) {
        throw new PromotionRefusedError('rollback', 'no_champion', model, undefined, `no version holds the alias '${alias}'`, 'promote a version first with `quantlab promote`');
      }
      const history = parseHistory(model, registered.tags, alias);
      const target = fallbackOf(history, current);
      if (target === undefined || target === current) {
        throw new PromotionRefusedError('rollback', 'no_fallback', model, current, `the history (tag ${historyTag(alias)}) records no champion before v${current}`,
          'promote the version you want with `quantlab promote MODEL VERSION` instead');
      }
      await getVersionOrRefuse(client, 'rollback', model, target);
      const fallback = fallbackWhenChampion(history, target);
      const newFallback = fallback === current ? undefined : fallback;
      const entry: ChampionHistoryEntry = {
        action: 'rollback', version: target, previous: current, fallback: newFallback ?? null, at: new Date(clock.now()).toISOString(), by, reasons: [reason],
      };
      await lease.assertHeld();
      await client.setAlias(model, alias, target);
      await client.setRegisteredModelTag(model, historyTag(alias), serializeHistory([...history, entry]));
      await client.setModelVersionTag(model, current, TAG_ROLLED_BACK, reason);
      await dropVersionTag(client, model, target, TAG_FALLBACK);
      if (newFallback !== undefined) await client.setModelVersionTag(model, newFallback, TAG_FALLBACK, 'true');
      return { model, alias, version: target, demoted: current, fallback: newFallback, entry };
    } finally {
      await lease.release();
    }
  });
}

/**
 * A fence failure ('superseded': another writer took the lease after this one confirmed it, so
 * this one stopped before changing anything) is retried from the start while the caller's wait
 * allows; a slow write under load then costs a retry, not a failed promotion.
 */
async function retrySuperseded<T>(waitMs: number, clock: LeaseClock, step: () => Promise<T>): Promise<T> {
  const deadline = clock.now() + waitMs;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof RegistryBusyError && error.code === 'superseded') || clock.now() >= deadline) throw error;
    }
  }
}
