// A registered model's lifecycle at a glance: champion, fallback, challenger, history and lease.
import { systemClock } from '../data/providers/clock';
import type { MlflowClient } from '../tracking/client';
import { DEFAULT_ALIAS } from '../tracking/registry';
import { rejectUnknownOptions } from '../util/options';
import { parseLease, type LeaseClock, type LeaseRecord } from './lease';
import { checkName, getModelOrRefuse, isNotFound, runOf } from './registry-io';
import { DEFAULT_CHALLENGER_ALIAS, fallbackOf, parseHistory, TAG_LOCK, type ChampionHistoryEntry } from './registry-state';
import type { Metrics } from './retrain';

export interface VersionSummary {
  readonly version: string;
  readonly runId: string;
  readonly status: string;
  readonly aliases: readonly string[];
  readonly metrics: Metrics;
  readonly tags: Readonly<Record<string, string>>;
}

export interface RegistryStatus {
  readonly model: string;
  readonly alias: string;
  readonly champion?: VersionSummary;
  /** What a rollback would restore. */
  readonly fallback?: VersionSummary;
  readonly challenger?: VersionSummary;
  /** Every alias of the model -> version. */
  readonly aliases: Readonly<Record<string, string>>;
  /** Oldest first. */
  readonly history: readonly ChampionHistoryEntry[];
  /** The lease tag, when one is there (expired: a crashed holder's, free to take). */
  readonly lease?: LeaseRecord & { readonly expired: boolean };
}

export interface RegistryStatusOptions {
  readonly alias?: string;
  readonly challengerAlias?: string;
  readonly clock?: Pick<LeaseClock, 'now'>;
}

async function summary(client: MlflowClient, model: string, version: string | undefined): Promise<VersionSummary | undefined> {
  if (version === undefined) return undefined;
  try {
    const mv = await client.getModelVersion(model, version);
    const run = await runOf(client, mv);
    return { version: mv.version, runId: mv.runId, status: mv.status, aliases: mv.aliases, metrics: run.metrics, tags: mv.tags };
  } catch (error) {
    if (isNotFound(error)) return undefined; // a fallback whose version was deleted since
    throw error;
  }
}

export async function registryStatus(client: MlflowClient, model: string, options: RegistryStatusOptions = {}): Promise<RegistryStatus> {
  checkName(model, 'model', 'name the registered model, e.g. "direction-lstm"');
  rejectUnknownOptions('options', options, ['alias', 'challengerAlias', 'clock']);
  const alias = options.alias === undefined ? DEFAULT_ALIAS : checkName(options.alias, 'options.alias', `leave it out for '${DEFAULT_ALIAS}'`);
  const challengerAlias = options.challengerAlias === undefined ? DEFAULT_CHALLENGER_ALIAS : checkName(options.challengerAlias, 'options.challengerAlias', `leave it out for '${DEFAULT_CHALLENGER_ALIAS}'`);
  const registered = await getModelOrRefuse(client, 'status', model);
  const current = registered.aliases[alias];
  const history = parseHistory(model, registered.tags, alias);
  const lease = parseLease(registered.tags[TAG_LOCK]);
  const [champion, fallback, challenger] = await Promise.all([
    summary(client, model, current),
    summary(client, model, fallbackOf(history, current)),
    summary(client, model, registered.aliases[challengerAlias]),
  ]);
  return {
    model, alias, aliases: registered.aliases, history,
    ...(champion ? { champion } : {}), ...(fallback ? { fallback } : {}), ...(challenger ? { challenger } : {}),
    ...(lease ? { lease: { ...lease, expired: lease.expires <= (options.clock ?? systemClock).now() } } : {}),
  };
}
