// What every market-data source offers, and the checks and row handling they share. Daily bars
// follow readBarsCsv's convention: a date's bar is stamped at UTC midnight of that date.
import { DataFormatError, InvalidArgumentError } from '../../util/errors';
import type { Bars } from '../bars';
import { parseDate } from '../csv-fields';
import { ProviderError } from './errors';
import { excerpt, type HttpResponse } from './http';

/** Inclusive ISO dates (YYYY-MM-DD). */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

export interface Provider {
  /** Short lower-case name ('stooq'); names the cache folder and appears in errors. */
  readonly name: string;
  /**
   * Daily bars of `symbol` dated `from`..`to` inclusive, ascending, one per date. Empty when the
   * provider answers with a well-formed empty table. Throws ProviderError kind 'unknown-symbol'
   * when the provider says it has no data, which Stooq and FMP also answer for a range without a
   * trading day (CachedProvider reads it that way for a symbol it already holds).
   */
  fetchDaily(symbol: string, range: DateRange, signal?: AbortSignal): Promise<Bars>;
}

export interface DailyRow {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Validates `range` and returns its bounds as epoch ms (UTC midnights). */
export function checkRange(range: DateRange, argument = 'range'): { from: number; to: number } {
  if (range === null || typeof range !== 'object') {
    throw new InvalidArgumentError(argument, range, 'must be { from, to } with ISO dates', "pass e.g. { from: '2020-01-01', to: '2020-12-31' }");
  }
  const day = (key: 'from' | 'to'): number => {
    const text = range[key];
    if (typeof text === 'string' && ISO_DAY.test(text)) {
      try {
        return parseDate(argument, 0, text);
      } catch (error) {
        if (!(error instanceof DataFormatError)) throw error;
      }
    }
    throw new InvalidArgumentError(`${argument}.${key}`, text, 'must be an ISO calendar date (YYYY-MM-DD)', "pass e.g. '2020-01-31'");
  };
  const from = day('from'), to = day('to');
  if (from > to) throw new InvalidArgumentError(argument, range, 'has from after to', 'swap the dates');
  return { from, to };
}

export function checkSymbol(symbol: string): void {
  if (typeof symbol !== 'string' || symbol.trim() === '' || /[\s\u0000-\u001f]/.test(symbol)) {
    throw new InvalidArgumentError('symbol', symbol, 'must be a non-empty ticker without spaces', "pass the provider's ticker, e.g. 'aapl.us' (Stooq) or 'AAPL' (FMP)");
  }
}

/** YYYYMMDD, as Stooq's d1/d2 parameters want it. */
export function compactDate(iso: string): string {
  return iso.replaceAll('-', '');
}

/**
 * Rows (any order) as Bars: sorted ascending, rows outside the range dropped (the cache relies on
 * a fetch returning nothing it did not ask for), a date given twice rejected as malformed.
 */
export function barsFromRows(provider: string, symbol: string, url: string, rows: DailyRow[], range: { from: number; to: number }): Bars {
  const kept = rows.filter((r) => r.time >= range.from && r.time <= range.to).sort((a, b) => a.time - b.time);
  const n = kept.length;
  const cols = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = kept[i]!;
    if (i > 0 && r.time === kept[i - 1]!.time) {
      throw new ProviderError('malformed', provider, `the answer lists ${new Date(r.time).toISOString().slice(0, 10)} twice`, 'report it to the provider; fetch a narrower range meanwhile', { symbol, url });
    }
    cols.time[i] = r.time; cols.open[i] = r.open; cols.high[i] = r.high; cols.low[i] = r.low; cols.close[i] = r.close; cols.volume[i] = r.volume;
  }
  return { symbol, ...cols };
}

/** The error for a final non-2xx answer, with the start of its body. */
export function statusError(provider: string, response: HttpResponse, symbol: string, mask: (text: string) => string): ProviderError {
  const said = response.body.trim() === '' ? '' : `: ${mask(excerpt(response.body))}`;
  return new ProviderError('http', provider, `HTTP ${response.status}${said}`, 'check the symbol and the base URL; the status says what the server refused',
    { symbol, url: response.url, status: response.status });
}

