// Reads Yahoo-style daily OHLCV CSV (plain or gzip) into Bars. Parsing is strict: a row that
// cannot be read fails with its line number, because silently dropping rows shifts every later
// feature. Missing values written in the file's own convention ("" or "null" by default) become
// NaN and are left for validateBars to report, so a researcher sees them counted, not hidden.
import { DataFormatError, InvalidArgumentError } from '../util/errors';
import { parseNumber, parseTimestamp, readText, splitFields } from './csv-fields';
import type { Bars } from './bars';
import { rejectUnknownOptions } from '../util/options';
import { assertTimeZone, DISAMBIGUATIONS, type Disambiguation } from './timezone';

export interface ReadBarsCsvOptions {
  readonly symbol: string;
  /** Field texts (compared case-insensitively, trimmed) that mean "missing". */
  readonly missingValues?: readonly string[];
  /**
   * IANA zone of the exchange. Without it a date is stored as UTC midnight and a date-time
   * without offset is read as UTC; with it both are local to this zone (a date becomes the
   * instant of local midnight) and the bars carry the zone. Offsets written in the file win.
   */
  readonly timezone?: string;
  /** How local times that daylight saving skips or repeats are read (see Disambiguation). */
  readonly disambiguation?: Disambiguation;
}

export const DEFAULT_MISSING_VALUES: readonly string[] = ['', 'null'];

type ColumnKey = 'date' | 'open' | 'high' | 'low' | 'close' | 'adjclose' | 'volume';
const REQUIRED: readonly ColumnKey[] = ['date', 'open', 'high', 'low', 'close', 'volume'];
const DISPLAY: Record<ColumnKey, string> = {
  date: 'Date', open: 'Open', high: 'High', low: 'Low', close: 'Close', adjclose: 'Adj Close', volume: 'Volume',
};
// Intraday exports name the time column differently (yfinance: Datetime); all mean `date`.
const ALIASES: Record<string, ColumnKey> = { datetime: 'date', timestamp: 'date', time: 'date' };

export function readBarsCsv(path: string, options: ReadBarsCsvOptions): Bars {
  rejectUnknownOptions('options', options, ['symbol', 'missingValues', 'timezone', 'disambiguation']);
  if (typeof options?.symbol !== 'string' || options.symbol.trim() === '') {
    throw new InvalidArgumentError('options.symbol', options?.symbol, 'must be a non-empty string', "pass the ticker, e.g. { symbol: 'SPX' }");
  }
  const timezone = options.timezone === undefined ? undefined : assertTimeZone(options.timezone, 'options.timezone');
  const { disambiguation } = options;
  if (disambiguation !== undefined && !DISAMBIGUATIONS.includes(disambiguation)) {
    throw new InvalidArgumentError('options.disambiguation', disambiguation, 'is not a disambiguation mode', `use one of ${DISAMBIGUATIONS.join(', ')}`);
  }
  const missing = new Set((options.missingValues ?? DEFAULT_MISSING_VALUES).map((m) => m.trim().toLowerCase()));
  const lines = readText(path).split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new DataFormatError(path, 1, 'the file is empty', 'export the CSV again with a header row');

  const header = splitFields(lines[0]!.replace(/^\uFEFF/, ''));
  const index = locateColumns(path, header);
  const n = lines.length - 1;
  const cols = {
    time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n),
    close: new Float64Array(n), volume: new Float64Array(n),
  };
  const adjClose = index.adjclose === undefined ? undefined : new Float64Array(n);
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const lineNo = i + 1;
    const fields = splitFields(text);
    if (fields.length !== header.length) {
      throw new DataFormatError(path, lineNo, `expected ${header.length} fields, found ${fields.length} in ${JSON.stringify(text)}`, 'repair or remove the row');
    }
    const num = (key: ColumnKey): number => parseNumber(path, lineNo, DISPLAY[key], fields[index[key]!]!, missing);
    cols.time[rows] = parseTimestamp(path, lineNo, fields[index.date!]!, timezone, disambiguation);
    cols.open[rows] = num('open');
    cols.high[rows] = num('high');
    cols.low[rows] = num('low');
    cols.close[rows] = num('close');
    cols.volume[rows] = num('volume');
    if (adjClose) adjClose[rows] = num('adjclose');
    rows++;
  }
  // Blank lines inside the file were skipped, so the columns may be longer than the rows read.
  const trim = (a: Float64Array): Float64Array => (rows === n ? a : a.slice(0, rows));
  return {
    symbol: options.symbol,
    time: trim(cols.time), open: trim(cols.open), high: trim(cols.high), low: trim(cols.low),
    close: trim(cols.close), volume: trim(cols.volume),
    ...(adjClose ? { adjClose: trim(adjClose) } : {}),
    ...(timezone !== undefined ? { timezone } : {}),
  };
}

function locateColumns(path: string, header: string[]): Partial<Record<ColumnKey, number>> {
  const index: Partial<Record<ColumnKey, number>> = {};
  header.forEach((name, i) => {
    const folded = name.toLowerCase().replace(/[\s_]/g, '');
    const key = (ALIASES[folded] ?? folded) as ColumnKey;
    if (!(key in DISPLAY)) return; // extra columns are allowed and ignored
    if (index[key] !== undefined) {
      throw new DataFormatError(path, 1, `column "${DISPLAY[key]}" appears twice in the header`, 'remove the duplicate column');
    }
    index[key] = i;
  });
  for (const key of REQUIRED) {
    if (index[key] === undefined) {
      throw new DataFormatError(path, 1, `the header lacks the required column "${DISPLAY[key]}" (found: ${header.join(', ')})`,
        'export with the columns Date,Open,High,Low,Close,[Adj Close,]Volume');
    }
  }
  return index;
}
