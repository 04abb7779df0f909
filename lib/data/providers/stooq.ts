// Stooq's daily CSV download, https://stooq.com/q/d/l/?s=<symbol>&d1=YYYYMMDD&d2=YYYYMMDD&i=d,
// answering "Date,Open,High,Low,Close,Volume" rows (indices and FX have no Volume column: NaN).
// Stooq reports trouble with HTTP 200 and a plain-text body: "No data" (unknown symbol, or no
// bar in the range), "Exceeded the daily hits limit" (quota), or, since 2026, an HTML page (a
// browser check, or a missing key: the download now accepts &apikey=, read from STOOQ_API_KEY
// when set). Each is told apart here rather than surfacing as a CSV parse error.
// In practice Stooq now needs STOOQ_API_KEY: since July 2026 it no longer serves CSV to
// non-browser clients without a key, answering an HTML proof-of-work page with HTTP 200
// (https://github.com/pydata/pandas-datareader/pull/1029,
// https://github.com/Verdenroz/finance-query/issues/263). The keyless provider is FredProvider
// (fred.ts), FRED's public graph CSV download.
import { DataFormatError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Bars } from '../bars';
import { parseDate, parseNumber, splitFields } from '../csv-fields';
import { ProviderError } from './errors';
import { HttpClient, excerpt, type HttpOptions } from './http';
import { barsFromRows, checkRange, checkSymbol, compactDate, statusError, type DailyRow, type DateRange, type Provider } from './provider';

export interface StooqOptions {
  /** Default STOOQ_BASE_URL; tests point it at a local server. */
  readonly baseUrl?: string;
  /** Where STOOQ_API_KEY is read (optional for Stooq). Default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly http?: HttpOptions;
}

export const STOOQ_BASE_URL = 'https://stooq.com';
export const STOOQ_API_KEY_ENV = 'STOOQ_API_KEY';
/** Stooq publishes no limit but blocks bursts; one request every two seconds stays clear of it. */
export const STOOQ_DEFAULT_REQUESTS_PER_MINUTE = 30;

const MISSING_NONE = new Set<string>();
const FIX_HTML = `Stooq served a web page instead of CSV (a browser check or a missing key): set ${STOOQ_API_KEY_ENV} (a free key from https://stooq.com/q/d/?s=spy.us&get_apikey), or use another provider`;

export class StooqProvider implements Provider {
  readonly name = 'stooq';
  private readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  private readonly http: HttpClient;

  constructor(options: StooqOptions = {}) {
    rejectUnknownOptions('options', options, ['baseUrl', 'env', 'http']);
    this.baseUrl = (options.baseUrl ?? STOOQ_BASE_URL).replace(/\/+$/, '');
    const key = (options.env ?? process.env)[STOOQ_API_KEY_ENV];
    this.apiKey = key === undefined || key.trim() === '' ? undefined : key.trim();
    this.http = new HttpClient(this.name, options.http, this.apiKey ? [this.apiKey] : [], STOOQ_DEFAULT_REQUESTS_PER_MINUTE);
  }

  async fetchDaily(symbol: string, range: DateRange, signal?: AbortSignal): Promise<Bars> {
    checkSymbol(symbol);
    const bounds = checkRange(range);
    const query = new URLSearchParams({ s: symbol.toLowerCase(), d1: compactDate(range.from), d2: compactDate(range.to), i: 'd' });
    if (this.apiKey) query.set('apikey', this.apiKey);
    const response = await this.http.get(`${this.baseUrl}/q/d/l/?${query}`, symbol, signal, 'text/csv');
    const url = response.url;
    if (response.status < 200 || response.status >= 300) throw statusError(this.name, response, symbol, (t) => this.http.mask(t));
    const body = response.body.replace(/^\uFEFF/, '').trim();
    const fail = (kind: 'malformed' | 'unknown-symbol' | 'rate-limited', problem: string, fix: string): never => {
      throw new ProviderError(kind, this.name, problem, fix, { symbol, url });
    };
    if (body === '') fail('malformed', 'the answer is empty (no CSV header)', 'try again; if it persists, Stooq is failing');
    if (/^no data$/i.test(body)) {
      fail('unknown-symbol', `Stooq has no data for ${symbol} in ${range.from}..${range.to}: the symbol is unknown, or the range holds no trading day`,
        "check the ticker as Stooq writes it (aapl.us, ^spx, eurusd) at https://stooq.com, or widen the range");
    }
    if (/exceeded the daily hits limit/i.test(body)) {
      fail('rate-limited', "Stooq's daily download quota is spent (\"Exceeded the daily hits limit\")", 'try again tomorrow; serve repeated requests from CachedProvider');
    }
    if (body.startsWith('<')) fail('malformed', `the answer is HTML, not CSV: ${this.http.mask(excerpt(body))}`, FIX_HTML);
    return barsFromRows(this.name, symbol, url, this.parseCsv(body, symbol, url), bounds);
  }

  private parseCsv(body: string, symbol: string, url: string): DailyRow[] {
    const lines = body.split(/\r?\n/);
    const names = splitFields(lines[0]!);
    const header = names.map((h) => h.toLowerCase());
    const at = (name: string): number => header.indexOf(name);
    if (['date', 'open', 'high', 'low', 'close'].some((c) => at(c) < 0)) {
      throw new ProviderError('malformed', this.name, `the header ${JSON.stringify(excerpt(lines[0]!))} is not Date,Open,High,Low,Close[,Volume]`,
        'Stooq changed its format or served an error page; check the URL in a browser', { symbol, url });
    }
    const rows: DailyRow[] = [];
    try {
      for (let i = 1; i < lines.length; i++) {
        const text = lines[i]!;
        if (text.trim() === '') continue;
        const fields = splitFields(text);
        if (fields.length !== header.length) {
          throw new DataFormatError(url, i + 1, `expected ${header.length} fields, found ${fields.length} in ${JSON.stringify(excerpt(text))} (a cut-off answer?)`, 'fetch again');
        }
        const num = (name: string): number => parseNumber(url, i + 1, names[at(name)]!, fields[at(name)]!, MISSING_NONE);
        rows.push({
          time: parseDate(url, i + 1, fields[at('date')]!),
          open: num('open'), high: num('high'), low: num('low'), close: num('close'),
          volume: at('volume') < 0 ? Number.NaN : num('volume'),
        });
      }
    } catch (error) {
      if (!(error instanceof DataFormatError)) throw error;
      throw new ProviderError('malformed', this.name, `CSV line ${error.line}: ${error.problem}`, 'fetch again; if it persists, Stooq is serving a broken file', { symbol, url });
    }
    return rows;
  }
}
