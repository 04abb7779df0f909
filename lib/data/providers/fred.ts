// The St. Louis Fed's FRED graph download, keyless and public:
//   GET https://fred.stlouisfed.org/graph/fredgraph.csv?id=SP500&cosd=YYYY-MM-DD&coed=YYYY-MM-DD
// answers "observation_date,SP500" (before late 2024 "DATE,SP500"; FinanceData/FinanceDataReader
// issue 238) and one "YYYY-MM-DD,value" row per date, oldest first. A missing observation (a
// holiday) is written "." or, in newer answers, an empty field; such rows are dropped, not kept as
// NaN, and counted through options.onNote. An unknown series id gives HTTP 404 (older answers: an
// HTML error page). FRED series are single values (an index level, a rate), so a bar is
// open = high = low = close = the value, with volume 0: FRED publishes no volume, and 0 rather
// than NaN keeps validateBars' missing-value check quiet for a column that is empty by nature.
import { DataFormatError, InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Bars } from '../bars';
import { parseDate, parseNumber, splitFields } from '../csv-fields';
import { ProviderError } from './errors';
import { HttpClient, excerpt, type HttpOptions, type HttpResponse } from './http';
import { barsFromRows, checkRange, checkSymbol, statusError, type DailyRow, type DateRange, type Provider } from './provider';

export interface FredOptions {
  /** Default FRED_BASE_URL; tests point it at a local server. */
  readonly baseUrl?: string;
  readonly http?: HttpOptions;
  /** Told about each answer that had missing observations ('.' or empty), which are dropped. */
  readonly onNote?: (note: FredNote) => void;
}

/** Missing observations dropped from one answer (only dates inside the requested range). */
export interface FredNote {
  readonly provider: 'fred';
  readonly symbol: string;
  /** The request URL. */
  readonly url: string;
  /** ISO dates whose value was '.' or empty, ascending. */
  readonly missing: readonly string[];
  readonly message: string;
}

export const FRED_BASE_URL = 'https://fred.stlouisfed.org';
/** FRED publishes no limit for the graph download; its keyed API allows 120 a minute, so half that. */
export const FRED_DEFAULT_REQUESTS_PER_MINUTE = 60;

const DATE_HEADERS = new Set(['observation_date', 'date']);
const MISSING = new Set(['.', '']);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const SAYS_UNKNOWN = /series does not exist|series (?:was )?not found|not a valid series/i;
const FIX_SERIES = 'check the series id as FRED writes it (SP500, DGS10, DEXUSEU) at https://fred.stlouisfed.org';

export class FredProvider implements Provider {
  readonly name = 'fred';
  private readonly baseUrl: string;
  private readonly http: HttpClient;
  private readonly onNote: ((note: FredNote) => void) | undefined;

  constructor(options: FredOptions = {}) {
    rejectUnknownOptions('options', options, ['baseUrl', 'http', 'onNote']);
    if (options.onNote !== undefined && typeof options.onNote !== 'function') {
      throw new InvalidArgumentError('options.onNote', options.onNote, 'must be a function', 'pass e.g. (note) => console.warn(note.message), or omit it');
    }
    this.baseUrl = (options.baseUrl ?? FRED_BASE_URL).replace(/\/+$/, '');
    this.http = new HttpClient(this.name, options.http, [], FRED_DEFAULT_REQUESTS_PER_MINUTE);
    this.onNote = options.onNote;
  }

  /** `symbol` is a FRED series id (case-insensitive; sent upper-cased). */
  async fetchDaily(symbol: string, range: DateRange, signal?: AbortSignal): Promise<Bars> {
    checkSymbol(symbol);
    const bounds = checkRange(range);
    const id = symbol.toUpperCase();
    const query = new URLSearchParams({ id, cosd: range.from, coed: range.to });
    const response = await this.http.get(`${this.baseUrl}/graph/fredgraph.csv?${query}`, symbol, signal, 'text/csv');
    const url = response.url;
    const body = response.body.replace(/^\uFEFF/, '').trim();
    const fail = (kind: 'malformed' | 'unknown-symbol', problem: string, fix: string): never => {
      throw new ProviderError(kind, this.name, problem, fix, { symbol, url, status: response.status });
    };
    const unknown = (how: string): never =>
      fail('unknown-symbol', `FRED has no series ${id} (${how}): the series id is unknown`, FIX_SERIES);
    if (response.status === 404) unknown('HTTP 404');
    if (response.status < 200 || response.status >= 300) {
      if (SAYS_UNKNOWN.test(body)) unknown(`HTTP ${response.status}: ${excerpt(body)}`);
      throw statusError(this.name, response, symbol, (t) => this.http.mask(t));
    }
    if (body === '') fail('malformed', 'the answer is empty (no CSV header)', 'try again; if it persists, FRED is failing');
    if (body.startsWith('<')) {
      if (SAYS_UNKNOWN.test(body)) unknown(`an HTML error page: ${excerpt(body)}`);
      fail('malformed', `the answer is HTML, not CSV: ${excerpt(body)}`,
        'FRED served a web page instead of the CSV download: check options.baseUrl (the path must be /graph/fredgraph.csv) and open the URL in a browser');
    }
    const { rows, missing } = this.parseCsv(body, id, symbol, response, bounds);
    if (missing.length > 0) this.note(symbol, url, missing);
    return barsFromRows(this.name, symbol, url, rows, bounds);
  }

  private note(symbol: string, url: string, missing: string[]): void {
    if (!this.onNote) return;
    missing.sort();
    const listed = missing.length > 5 ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more` : missing.join(', ');
    this.onNote({
      provider: 'fred', symbol, url, missing,
      message: `fred ${symbol}: dropped ${missing.length} missing observation${missing.length === 1 ? '' : 's'} ('.' or empty, usually holidays): ${listed}`,
    });
  }

  private parseCsv(body: string, id: string, symbol: string, response: HttpResponse, bounds: { from: number; to: number }): { rows: DailyRow[]; missing: string[] } {
    const url = response.url;
    const lines = body.split(/\r?\n/);
    const names = splitFields(lines[0]!);
    if (names.length !== 2 || !DATE_HEADERS.has(names[0]!.toLowerCase()) || names[1]!.toUpperCase() !== id) {
      throw new ProviderError('malformed', this.name, `the header ${JSON.stringify(excerpt(lines[0]!))} is not observation_date,${id} (or DATE,${id})`,
        'FRED changed its format or answered for another series; open the URL in a browser', { symbol, url, status: response.status });
    }
    const rows: DailyRow[] = [];
    const missing: string[] = [];
    try {
      for (let i = 1; i < lines.length; i++) {
        const text = lines[i]!;
        if (text.trim() === '') continue;
        const fields = splitFields(text);
        if (fields.length !== 2) {
          throw new DataFormatError(url, i + 1, `expected 2 fields, found ${fields.length} in ${JSON.stringify(excerpt(text))} (a cut-off answer?)`, 'fetch again');
        }
        const [date, value] = fields as [string, string];
        // ISO only: parseDate would also take M/D/YYYY, which FRED never sends.
        if (!ISO_DAY.test(date)) throw new DataFormatError(url, i + 1, `${names[0]} = ${JSON.stringify(date)} is not YYYY-MM-DD (a cut-off answer?)`, 'fetch again');
        const time = parseDate(url, i + 1, date);
        if (MISSING.has(value)) {
          if (time >= bounds.from && time <= bounds.to) missing.push(date);
          continue;
        }
        const v = parseNumber(url, i + 1, names[1]!, value, MISSING);
        rows.push({ time, open: v, high: v, low: v, close: v, volume: 0 });
      }
    } catch (error) {
      if (!(error instanceof DataFormatError)) throw error;
      throw new ProviderError('malformed', this.name, `CSV line ${error.line}: ${error.problem}`, 'fetch again; if it persists, FRED is serving a broken file',
        { symbol, url, status: response.status });
    }
    return { rows, missing };
  }
}
