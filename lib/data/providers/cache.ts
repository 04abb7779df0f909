// An on-disk cache in front of any Provider: one Parquet file per provider, interval and symbol
// (<dir>/<provider>/1d/<symbol>.parquet) holding every bar fetched so far, with the covered date
// range in the file's key-value metadata, so bars and coverage are replaced together by one atomic
// rename. A request inside the covered range is served from disk without a network call; one
// reaching beyond it fetches only the missing head and/or tail (a request that does not touch the
// covered range also fetches the days between, so coverage stays one interval) and merges them in.
// Merging keys bars by timestamp: no date appears twice, and on a date both hold, the newer fetch
// wins, which is how a revised or completed bar replaces the old one. Days from today (UTC) on are
// stored but never recorded as covered: today's bar may still be forming, so the next request
// fetches it again. `refresh` refetches the whole requested range.
import * as path from 'node:path';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { projectPath } from '../../util/project';
import type { Bars } from '../bars';
import { readBarsParquet, writeBarsParquet } from '../parquet';
import { systemClock, type Clock } from './clock';
import { ProviderError } from './errors';
import { checkRange, checkSymbol, type DateRange, type Provider } from './provider';

export interface CachedProviderOptions {
  /** Cache folder. Default <project>/data/cache (git-ignored). */
  readonly dir?: string;
  /** Fetch the requested range again even where covered; the fresh bars replace the stored ones. */
  readonly refresh?: boolean;
  /** Decides what "today" is. Default the system clock. */
  readonly clock?: Clock;
}

/** Folder of the default cache, relative to the project root. */
export const DEFAULT_CACHE_DIR = path.join('data', 'cache');
/** Interval folder and metadata value for daily bars. */
export const DAILY_INTERVAL = '1d';

const DAY_MS = 86_400_000;
const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

interface Cached {
  readonly bars: Bars;
  readonly from: number;
  readonly to: number;
}

export class CachedProvider implements Provider {
  readonly name: string;
  readonly dir: string;
  private readonly refresh: boolean;
  private readonly clock: Clock;
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(private readonly provider: Provider, options: CachedProviderOptions = {}) {
    rejectUnknownOptions('options', options, ['dir', 'refresh', 'clock']);
    if (!provider || typeof provider.fetchDaily !== 'function' || typeof provider.name !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/i.test(provider.name)) {
      throw new InvalidArgumentError('provider', provider, 'must be a Provider whose name is a plain word (letters, digits, - and _)', 'pass e.g. new StooqProvider()');
    }
    if (options.dir !== undefined && (typeof options.dir !== 'string' || options.dir === '')) {
      throw new InvalidArgumentError('options.dir', options.dir, 'must be a folder path', "pass e.g. 'data/cache', or omit it for <project>/data/cache");
    }
    this.name = provider.name;
    this.dir = path.resolve(options.dir ?? projectPath(DEFAULT_CACHE_DIR));
    this.refresh = options.refresh ?? false;
    this.clock = options.clock ?? systemClock;
  }

  /** The Parquet file that holds `symbol`'s daily bars. */
  cacheFile(symbol: string): string {
    checkSymbol(symbol);
    // Percent-encoding keeps any ticker ('^spx', 'BRK/B') a single, portable file name.
    const safe = encodeURIComponent(symbol).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/^\./, '%2E');
    return path.join(this.dir, this.name, DAILY_INTERVAL, `${safe}.parquet`);
  }

  /** The date range the cache holds for `symbol`, if any. */
  coverage(symbol: string): DateRange | undefined {
    const cached = this.load(this.cacheFile(symbol));
    return cached && { from: iso(cached.from), to: iso(cached.to) };
  }

  fetchDaily(symbol: string, range: DateRange, signal?: AbortSignal): Promise<Bars> {
    checkSymbol(symbol);
    const bounds = checkRange(range);
    const file = this.cacheFile(symbol);
    // One request per file at a time, so two concurrent calls do not both fetch the same gap.
    return this.exclusive(file, () => this.serve(file, symbol, bounds, signal));
  }

  private async serve(file: string, symbol: string, request: { from: number; to: number }, signal?: AbortSignal): Promise<Bars> {
    const cached = this.load(file);
    const gaps = this.plan(cached, request);
    if (gaps.length === 0) return between(cached!.bars, request);
    const fetched: Bars[] = [];
    for (const gap of gaps) {
      try {
        fetched.push(await this.provider.fetchDaily(symbol, { from: iso(gap.from), to: iso(gap.to) }, signal));
      } catch (error) {
        // A symbol the cache already holds is known, so "no data" only means no trading day in the gap.
        if (!(cached && error instanceof ProviderError && error.kind === 'unknown-symbol')) throw error;
      }
    }
    const merged = merge(symbol, [...(cached ? [cached.bars] : []), ...fetched]);
    const lastSettled = Math.floor(this.clock.now() / DAY_MS) * DAY_MS - DAY_MS;
    const from = Math.min(cached?.from ?? Infinity, ...gaps.map((g) => g.from));
    const to = Math.max(cached?.to ?? -Infinity, Math.min(lastSettled, Math.max(...gaps.map((g) => g.to))));
    if (to >= from) {
      writeBarsParquet(file, merged, {
        provider: this.name, interval: DAILY_INTERVAL, coveredFrom: iso(from), coveredTo: iso(to), updatedAt: new Date(this.clock.now()).toISOString(),
      });
    }
    return between(merged, request);
  }

  /** The ranges to fetch so the cache covers `request`, as one interval with what it holds. */
  private plan(cached: Cached | undefined, request: { from: number; to: number }): Array<{ from: number; to: number }> {
    if (!cached) return [request];
    if (this.refresh) {
      return [{ from: request.from > cached.to ? cached.to + DAY_MS : request.from, to: request.to < cached.from ? cached.from - DAY_MS : request.to }];
    }
    const gaps: Array<{ from: number; to: number }> = [];
    if (request.from < cached.from) gaps.push({ from: request.from, to: cached.from - DAY_MS });
    if (request.to > cached.to) gaps.push({ from: cached.to + DAY_MS, to: request.to });
    return gaps;
  }

  /** The cached bars and coverage, or undefined when absent or unreadable (a cache can always be refetched). */
  private load(file: string): Cached | undefined {
    let read: ReturnType<typeof readBarsParquet>;
    try {
      read = readBarsParquet(file);
    } catch (error) {
      if (error instanceof DataFormatError || error instanceof FileNotFoundError) return undefined;
      throw error;
    }
    const { coveredFrom, coveredTo, provider, interval } = read.metadata;
    if (provider !== this.name || interval !== DAILY_INTERVAL || coveredFrom === undefined || coveredTo === undefined) return undefined;
    const from = Date.parse(`${coveredFrom}T00:00:00Z`), to = Date.parse(`${coveredTo}T00:00:00Z`);
    return Number.isFinite(from) && Number.isFinite(to) && from <= to ? { bars: read.bars, from, to } : undefined;
  }

  private async exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.pending.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(task);
    this.pending.set(key, run);
    try {
      return await run;
    } finally {
      if (this.pending.get(key) === run) this.pending.delete(key);
    }
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * One Bars from several, ascending by time; where timestamps collide the later source wins.
 * adjClose is kept when any source has it (NaN where a source lacks it).
 */
export function merge(symbol: string, sources: readonly Bars[]): Bars {
  const winner = new Map<number, [number, number]>();
  sources.forEach((bars, s) => bars.time.forEach((t, i) => winner.set(t, [s, i])));
  const times = [...winner.keys()].sort((a, b) => a - b);
  const n = times.length;
  const withAdj = sources.some((b) => b.adjClose !== undefined);
  const out = {
    time: Float64Array.from(times),
    ...Object.fromEntries(VALUE_COLUMNS.map((c) => [c, new Float64Array(n)])) as Record<(typeof VALUE_COLUMNS)[number], Float64Array>,
  };
  const adjClose = withAdj ? new Float64Array(n) : undefined;
  times.forEach((t, k) => {
    const [s, i] = winner.get(t)!;
    const src = sources[s]!;
    for (const c of VALUE_COLUMNS) out[c][k] = src[c][i]!;
    if (adjClose) adjClose[k] = src.adjClose ? src.adjClose[i]! : Number.NaN;
  });
  const timezone = [...sources].reverse().find((b) => b.timezone !== undefined)?.timezone;
  return { symbol, ...out, ...(adjClose ? { adjClose } : {}), ...(timezone !== undefined ? { timezone } : {}) };
}

/** The rows of `bars` dated within `request` (copies: the caller owns them). */
function between(bars: Bars, request: { from: number; to: number }): Bars {
  let start = 0;
  while (start < bars.time.length && bars.time[start]! < request.from) start++;
  let end = start;
  while (end < bars.time.length && bars.time[end]! <= request.to) end++;
  const pick = (a: Float64Array): Float64Array => a.slice(start, end);
  return {
    symbol: bars.symbol, time: pick(bars.time), open: pick(bars.open), high: pick(bars.high), low: pick(bars.low),
    close: pick(bars.close), volume: pick(bars.volume),
    ...(bars.adjClose ? { adjClose: pick(bars.adjClose) } : {}),
    ...(bars.timezone !== undefined ? { timezone: bars.timezone } : {}),
  };
}
