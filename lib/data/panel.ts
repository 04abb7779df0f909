// A panel of closing prices: one row per date, one column per symbol, as multi-asset research
// (pairs screening, portfolios) needs them. Read strictly from a wide CSV ("Date,AAPL,AMD,...").
import { DataFormatError, InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { DEFAULT_MISSING_VALUES } from './csv';
import { parseDate, parseNumber, readText, splitFields } from './csv-fields';

export interface ClosePanel {
  /** Epoch ms (UTC), strictly increasing. */
  readonly time: Float64Array;
  readonly symbols: readonly string[];
  /** close[i] is the series of symbols[i]; NaN where the file has a missing value. */
  readonly close: readonly Float64Array[];
}

export interface ReadClosePanelOptions {
  readonly missingValues?: readonly string[];
}

export function readClosePanelCsv(path: string, options: ReadClosePanelOptions = {}): ClosePanel {
  rejectUnknownOptions('options', options, ['missingValues']);
  const missing = new Set((options.missingValues ?? DEFAULT_MISSING_VALUES).map((m) => m.trim().toLowerCase()));
  const lines = readText(path).split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length < 2) throw new DataFormatError(path, undefined, 'has no data rows', 'export a header and at least one row');
  const header = splitFields(lines[0]!);
  if (header[0]!.toLowerCase() !== 'date') {
    throw new DataFormatError(path, 1, `the first column is "${header[0]}", not Date`, 'write the header as Date,SYMBOL1,SYMBOL2,...');
  }
  const symbols = header.slice(1);
  if (symbols.length === 0) throw new DataFormatError(path, 1, 'the header names no symbol', 'add one column per symbol');
  const seen = new Set<string>();
  for (const s of symbols) {
    if (s === '' || seen.has(s)) throw new DataFormatError(path, 1, `symbol column ${JSON.stringify(s)} is empty or repeated`, 'give every column a unique symbol');
    seen.add(s);
  }
  const rows = lines.length - 1;
  const time = new Float64Array(rows);
  const close = symbols.map(() => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    const lineNo = r + 2;
    const fields = splitFields(lines[r + 1]!);
    if (fields.length !== header.length) {
      throw new DataFormatError(path, lineNo, `has ${fields.length} fields, the header has ${header.length}: ${JSON.stringify(lines[r + 1]!.slice(0, 120))}`, 'repair or remove the row');
    }
    time[r] = parseDate(path, lineNo, fields[0]!);
    if (r > 0 && !(time[r]! > time[r - 1]!)) {
      throw new DataFormatError(path, lineNo, `date ${fields[0]} is not after the previous row's`, 'sort the file by date and remove duplicate dates');
    }
    for (let c = 0; c < symbols.length; c++) close[c]![r] = parseNumber(path, lineNo, symbols[c]!, fields[c + 1]!, missing);
  }
  return { time, symbols, close };
}

/** The close series of one symbol of a panel. */
export function panelSeries(panel: ClosePanel, symbol: string): Float64Array {
  const i = panel.symbols.indexOf(symbol);
  if (i < 0) throw new InvalidArgumentError('symbol', symbol, 'is not in the panel', `use one of ${panel.symbols.join(', ')}`);
  return panel.close[i]!;
}
