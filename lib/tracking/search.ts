// Options of the client's searches and paged reads, their limits and their checks.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkPageSize } from './paging';

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface SearchRunsOptions {
  readonly experimentIds: readonly string[];
  /** MLflow filter syntax, e.g. "metrics.sharpe > 1 and params.lookback = '20'". */
  readonly filter?: string;
  readonly orderBy?: readonly string[];
  readonly maxResults?: number;
  readonly pageToken?: string;
  readonly runViewType?: ViewType;
}

export interface SearchAllRunsOptions {
  readonly experimentIds: readonly string[];
  readonly filter?: string;
  /** e.g. ['metrics.sharpe DESC', 'attributes.start_time ASC']. */
  readonly orderBy?: readonly string[];
  readonly runViewType?: ViewType;
  /** Runs fetched per request (default 1000, at most 50000). */
  readonly pageSize?: number;
}

export interface SearchExperimentsOptions {
  /** e.g. "name LIKE 'pairs-%'" or "tags.team = 'quant'". */
  readonly filter?: string;
  readonly orderBy?: readonly string[];
  readonly maxResults?: number;
  readonly pageToken?: string;
  readonly viewType?: ViewType;
}

/** Registered models take `name LIKE '...'`; model versions `name = '...'`, `run_id = '...'`, tags. */
export interface SearchRegistryOptions {
  readonly filter?: string;
  readonly orderBy?: readonly string[];
  readonly maxResults?: number;
  readonly pageToken?: string;
}

export interface MetricHistoryOptions {
  /** Points fetched per request (default 10000, at most 25000); every page is read. */
  readonly pageSize?: number;
}

export const DEFAULT_RUNS_PAGE_SIZE = 1_000;
export const MAX_RUNS_PAGE_SIZE = 50_000;
// experiments/search reads a missing max_results as 0 and refuses it, so a page size is always sent.
export const DEFAULT_EXPERIMENTS_PAGE_SIZE = 1_000;
export const MAX_EXPERIMENTS_PAGE_SIZE = 50_000;
export const MAX_REGISTERED_MODELS_PAGE_SIZE = 1_000;
export const MAX_MODEL_VERSIONS_PAGE_SIZE = 200_000;
export const DEFAULT_HISTORY_PAGE_SIZE = 10_000;
export const MAX_HISTORY_PAGE_SIZE = 25_000;

// The experiments endpoint validates view_type as an integer (the proto enum's number).
export const VIEW_TYPE_NUMBER: Readonly<Record<ViewType, number>> = { ACTIVE_ONLY: 1, DELETED_ONLY: 2, ALL: 3 };

export const SEARCH_KEYS = ['filter', 'orderBy', 'maxResults', 'pageToken'] as const;

/** Checks a search's options object against its `allowed` keys; `max` caps maxResults/pageSize. */
export function checkSearch(argument: string, options: object, allowed: readonly string[], max: number): void {
  rejectUnknownOptions(argument, options, allowed);
  const o = options as Record<string, unknown>;
  if (o.maxResults !== undefined) checkPageSize(`${argument}.maxResults`, o.maxResults, max);
  if (o.pageSize !== undefined) checkPageSize(`${argument}.pageSize`, o.pageSize, max);
  if (o.orderBy !== undefined && (!Array.isArray(o.orderBy) || o.orderBy.some((s) => typeof s !== 'string'))) {
    throw new InvalidArgumentError(`${argument}.orderBy`, o.orderBy, 'must be an array of strings', "pass e.g. ['metrics.sharpe DESC']");
  }
  for (const key of ['runViewType', 'viewType']) {
    const v = o[key];
    if (v !== undefined && !(typeof v === 'string' && Object.prototype.hasOwnProperty.call(VIEW_TYPE_NUMBER, v))) {
      throw new InvalidArgumentError(`${argument}.${key}`, v, 'is not a view type', `use one of ${Object.keys(VIEW_TYPE_NUMBER).join(', ')}`);
    }
  }
}
