// Financial Modeling Prep's end-of-day prices, the "stable" API:
//   GET /stable/historical-price-eod/full?symbol=AAPL&from=YYYY-MM-DD&to=YYYY-MM-DD&apikey=KEY
// answers a JSON array, newest first, of {symbol, date, open, high, low, close, volume, change,
// changePercent, vwap} (split-adjusted prices); an unknown symbol (or a range without a trading
// day) gives []. The legacy /api/v3/historical-price-full/AAPL shape {symbol, historical: [...]}
// is read too. Errors come as {"Error Message": "..."}: "Invalid API KEY..." (401), "Limit
// Reach ..." (429, or 200 on some plans), "Premium Query Parameter..." (402). The key is read from
// the FMP_API_KEY environment variable, never from a file, and masked in every message.
import { rejectUnknownOptions } from '../../util/options';
import type { Bars } from '../bars';
import { parseDate } from '../csv-fields';
import { DataFormatError } from '../../util/errors';
import { ProviderError } from './errors';
import { HttpClient, excerpt, type HttpOptions, type HttpResponse } from './http';
import { barsFromRows, checkRange, checkSymbol, statusError, type DailyRow, type DateRange, type Provider } from './provider';

export interface FmpOptions {
  /** Default FMP_BASE_URL; tests point it at a local server. */
  readonly baseUrl?: string;
  /** Where FMP_API_KEY is read. Default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly http?: HttpOptions;
}

export const FMP_BASE_URL = 'https://financialmodelingprep.com';
export const FMP_API_KEY_ENV = 'FMP_API_KEY';
/** FMP's Starter plan allows 300 calls a minute; lower it for the free plan's daily 250. */
export const FMP_DEFAULT_REQUESTS_PER_MINUTE = 300;

const FIX_KEY = `set ${FMP_API_KEY_ENV} to your key (free at https://site.financialmodelingprep.com/developer/docs) in the shell that starts Node or Jupyter, e.g. export ${FMP_API_KEY_ENV}=...; never write the key into a committed file`;
const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

export class FmpProvider implements Provider {
  readonly name = 'fmp';
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly http: HttpClient;

  constructor(options: FmpOptions = {}) {
    rejectUnknownOptions('options', options, ['baseUrl', 'env', 'http']);
    const key = (options.env ?? process.env)[FMP_API_KEY_ENV];
    if (key === undefined || key.trim() === '') {
      throw new ProviderError('auth', this.name, `the environment variable ${FMP_API_KEY_ENV} is not set`, FIX_KEY);
    }
    this.apiKey = key.trim();
    this.baseUrl = (options.baseUrl ?? FMP_BASE_URL).replace(/\/+$/, '');
    this.http = new HttpClient(this.name, options.http, [this.apiKey], FMP_DEFAULT_REQUESTS_PER_MINUTE);
  }

  async fetchDaily(symbol: string, range: DateRange, signal?: AbortSignal): Promise<Bars> {
    checkSymbol(symbol);
    const bounds = checkRange(range);
    const query = new URLSearchParams({ symbol, from: range.from, to: range.to, apikey: this.apiKey });
    const response = await this.http.get(`${this.baseUrl}/stable/historical-price-eod/full?${query}`, symbol, signal, 'application/json');
    const fail = (kind: 'malformed' | 'unknown-symbol' | 'rate-limited' | 'auth', problem: string, fix: string): never => {
      throw new ProviderError(kind, this.name, problem, fix, { symbol, url: response.url, status: response.status });
    };
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch (error) {
      if (response.status >= 200 && response.status < 300) {
        fail('malformed', `the answer is not JSON (${(error as Error).message}): ${JSON.stringify(this.http.mask(excerpt(response.body)))}`, 'fetch again; if it persists, FMP is failing');
      }
      throw statusError(this.name, response, symbol, (t) => this.http.mask(t));
    }
    const message = errorMessage(json);
    if (message !== undefined) this.raiseErrorMessage(response, this.http.mask(message), fail);
    if (response.status < 200 || response.status >= 300) throw statusError(this.name, response, symbol, (t) => this.http.mask(t));
    const rows: unknown = Array.isArray(json) ? json : (json as { historical?: unknown } | null)?.historical;
    if (!Array.isArray(rows)) {
      return fail('malformed', `the JSON is neither an array of bars nor {historical: [...]}: ${JSON.stringify(this.http.mask(excerpt(response.body)))}`, 'check the base URL and endpoint');
    }
    if (rows.length === 0) {
      fail('unknown-symbol', `FMP has no data for ${symbol} in ${range.from}..${range.to}: the symbol is unknown, or the range holds no trading day`,
        'check the ticker as FMP writes it (AAPL, BRK-B, ^GSPC), or widen the range');
    }
    return barsFromRows(this.name, symbol, response.url, rows.map((row: unknown, i: number) => this.parseRow(row, i, symbol, response.url)), bounds);
  }

  private raiseErrorMessage(response: HttpResponse, message: string, fail: (kind: 'rate-limited' | 'auth' | 'malformed', problem: string, fix: string) => never): never {
    const quoted = `"Error Message": ${JSON.stringify(excerpt(message))}`;
    if (/invalid api key/i.test(message) || response.status === 401 || response.status === 403) fail('auth', `FMP refused the key (HTTP ${response.status}, ${quoted})`, FIX_KEY);
    if (/limit reach/i.test(message) || response.status === 429) fail('rate-limited', `FMP's quota is spent (HTTP ${response.status}, ${quoted})`, 'wait for the quota to reset or upgrade the plan; serve repeated requests from CachedProvider');
    throw new ProviderError('http', this.name, `HTTP ${response.status}, ${quoted}`, 'the message says what FMP refused (a premium symbol or parameter needs a higher plan)',
      { url: response.url, status: response.status });
  }

  private parseRow(row: unknown, index: number, symbol: string, url: string): DailyRow {
    const bad = (problem: string): never => {
      throw new ProviderError('malformed', this.name, `bar [${index}] ${problem}`, 'fetch again; if it persists, FMP changed its format', { symbol, url });
    };
    if (row === null || typeof row !== 'object') bad(`is ${JSON.stringify(row)}, not an object`);
    const r = row as Record<string, unknown>;
    let time = Number.NaN;
    try {
      // ISO only: parseDate would also take M/D/YYYY, which FMP never sends.
      time = typeof r.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.date) ? parseDate(url, index, r.date) : Number.NaN;
    } catch (error) {
      if (!(error instanceof DataFormatError)) throw error;
    }
    if (Number.isNaN(time)) bad(`has date = ${JSON.stringify(r.date)}, not YYYY-MM-DD`);
    const out: DailyRow = { time, open: 0, high: 0, low: 0, close: 0, volume: 0 };
    for (const field of PRICE_FIELDS) {
      const value = r[field];
      // A missing volume is missing data (NaN), a missing price is a broken answer.
      if (typeof value === 'number') out[field] = value;
      else if (field === 'volume' && (value === null || value === undefined)) out[field] = Number.NaN;
      else bad(`has ${field} = ${JSON.stringify(value)}, not a number`);
    }
    return out;
  }
}

/** FMP's {"Error Message": ...} (also as a one-element array), else undefined. */
function errorMessage(json: unknown): string | undefined {
  const candidate = Array.isArray(json) && json.length === 1 ? json[0] : json;
  if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) return undefined;
  const message = (candidate as Record<string, unknown>)['Error Message'];
  return typeof message === 'string' ? message : undefined;
}
