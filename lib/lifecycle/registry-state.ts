// What quantlab keeps in the MLflow registry beside the alias: tag names, and the champion history
// (a JSON list on the registered model) from which a rollback finds the version to restore.
import { DataFormatError, InvalidArgumentError } from '../util/errors';

export const TAG_LOCK = 'quantlab.lock';
export const TAG_FALLBACK = 'quantlab.fallback';
export const TAG_PROMOTED_AT = 'quantlab.promoted_at';
export const TAG_GATES = 'quantlab.gates';
export const TAG_ROLLED_BACK = 'quantlab.rolled_back';
/** A run tag naming the holdout its metrics were measured on (e.g. '2024-01-02..2024-06-28'). */
export const TAG_HOLDOUT = 'quantlab.holdout';
export const DEFAULT_CHALLENGER_ALIAS = 'challenger';
/**
 * Registered-model tag values are VARCHAR(5000) in MLflow's SQL schema (PostgreSQL enforces it),
 * so the history keeps its newest entries within that many characters.
 */
export const MAX_HISTORY_CHARS = 5000;
export const MAX_REASON_CHARS = 160;

/** `quantlab.champion_history` for the default alias; other aliases keep their own. */
export const historyTag = (alias: string): string => `quantlab.${alias}_history`;

export interface ChampionHistoryEntry {
  readonly action: 'promote' | 'rollback';
  /** The version holding the alias after this step. */
  readonly version: string;
  /** The version that held it before (null: none). */
  readonly previous: string | null;
  /** The version a rollback from this state restores (null: none). */
  readonly fallback: string | null;
  /** ISO time. */
  readonly at: string;
  readonly by: string;
  readonly reasons: readonly string[];
}

function isEntry(e: unknown): e is ChampionHistoryEntry {
  const r = e as Record<string, unknown>;
  const ver = (v: unknown): boolean => v === null || typeof v === 'string';
  return typeof e === 'object' && e !== null && (r.action === 'promote' || r.action === 'rollback') && typeof r.version === 'string'
    && ver(r.previous) && ver(r.fallback) && typeof r.at === 'string' && typeof r.by === 'string' && Array.isArray(r.reasons);
}

/** The history stored in a registered model's tags ([] when absent). */
export function parseHistory(model: string, tags: Readonly<Record<string, string>>, alias: string): ChampionHistoryEntry[] {
  const key = historyTag(alias);
  const raw = tags[key];
  if (raw === undefined || raw === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every(isEntry)) {
    throw new DataFormatError(`models:/${model} tag ${key}`, undefined, 'is not a JSON list of {action, version, previous, fallback, at, by, reasons}',
      `repair it, or delete the tag (history is lost, the alias is kept) with MlflowClient.deleteRegisteredModelTag('${model}', '${key}')`);
  }
  return parsed;
}

/** JSON of the newest entries that fit in MAX_HISTORY_CHARS (older ones are dropped, reasons shortened). */
export function serializeHistory(entries: readonly ChampionHistoryEntry[], maxChars = MAX_HISTORY_CHARS): string {
  const clip = (s: string): string => (s.length > MAX_REASON_CHARS ? `${s.slice(0, MAX_REASON_CHARS - 3)}...` : s);
  let kept = entries.map((e) => ({ ...e, reasons: e.reasons.map(clip) }));
  let json = JSON.stringify(kept);
  while (json.length > maxChars && kept.length > 1) {
    kept = kept.slice(1);
    json = JSON.stringify(kept);
  }
  if (json.length > maxChars) {
    throw new InvalidArgumentError('history entry', entries[entries.length - 1], `does not fit in ${maxChars} characters`, 'give fewer or shorter reasons');
  }
  return json;
}

/**
 * The version a rollback restores: the fallback recorded with the current champion; when the alias
 * was moved outside quantlab (it differs from the history's last version), the last champion the
 * history knows.
 */
export function fallbackOf(history: readonly ChampionHistoryEntry[], champion: string | undefined): string | undefined {
  const last = history[history.length - 1];
  if (last === undefined) return undefined;
  if (champion !== undefined && last.version !== champion) return last.version;
  return last.fallback ?? undefined;
}

/**
 * After a rollback to `version`, the fallback in force the last time `version` held the alias, so
 * repeated rollbacks walk back through the champions like a stack (undefined when unknown).
 */
export function fallbackWhenChampion(history: readonly ChampionHistoryEntry[], version: string): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.version === version) return e.fallback === version ? undefined : e.fallback ?? undefined;
  }
  return undefined;
}
