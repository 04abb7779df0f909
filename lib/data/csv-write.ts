// Writes Bars as the Yahoo-style CSV that readBarsCsv reads, so that a write/read round trip is
// bit-exact: numbers in JavaScript's shortest round-trip form (String(x), '-0' kept), NaN as an
// empty field, times as plain dates when every bar starts a local day and as ISO 8601 with the
// zone's offset otherwise (an offset names the instant even inside a repeated DST hour).
import * as zlib from 'node:zlib';
import { InvalidArgumentError } from '../util/errors';
import { writeFileAtomic } from '../util/project';
import { assertBars, type Bars } from './bars';
import { formatZoned, isUtcZone, localParts, type LocalParts } from './timezone';

const DAY_MS = 86_400_000;

/** Writes `bars` to `path` atomically; gzip-compressed when the path ends in '.gz'. */
export function writeBarsCsv(path: string, bars: Bars): void {
  const text = barsToCsv(bars);
  writeFileAtomic(path, path.toLowerCase().endsWith('.gz') ? zlib.gzipSync(text) : text);
}

/** The CSV text writeBarsCsv writes (header Date,Open,High,Low,Close,[Adj Close,]Volume). */
export function barsToCsv(bars: Bars): string {
  const n = assertBars(bars);
  const dates = formatTimes(bars.time, bars.timezone ?? 'UTC');
  const columns: Array<[string, Float64Array]> = [
    ['Open', bars.open], ['High', bars.high], ['Low', bars.low], ['Close', bars.close],
    ...(bars.adjClose ? [['Adj Close', bars.adjClose] as [string, Float64Array]] : []),
    ['Volume', bars.volume],
  ];
  const key: Record<string, string> = { Open: 'open', High: 'high', Low: 'low', Close: 'close', 'Adj Close': 'adjClose', Volume: 'volume' };
  const lines = [['Date', ...columns.map(([name]) => name)].join(',')];
  for (let i = 0; i < n; i++) {
    let line = dates[i]!;
    for (const [name, col] of columns) line += ',' + formatNumber(col[i]!, `bars.${key[name]}[${i}]`);
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}

function formatNumber(x: number, argument: string): string {
  if (Number.isNaN(x)) return '';
  if (!Number.isFinite(x)) {
    throw new InvalidArgumentError(argument, x, 'is infinite, which the CSV readers reject', 'replace it with NaN (missing) or repair the source');
  }
  // String(-0) is '0'; the sign survives only when written out.
  return Object.is(x, -0) ? '-0' : String(x);
}

function formatTimes(time: Float64Array, timezone: string): string[] {
  const utc = isUtcZone(timezone);
  let dateOnly = true, millis = false;
  const parts: LocalParts[] = [];
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (!Number.isSafeInteger(t)) {
      throw new InvalidArgumentError(`bars.time[${i}]`, t, 'must be a whole number of epoch milliseconds', 'drop or repair rows with missing or fractional timestamps (validateBars lists them)');
    }
    if (t % 1000 !== 0) millis = true;
    if (!utc) {
      const p = localParts(t, timezone);
      parts.push(p);
      dateOnly &&= p.hour === 0 && p.minute === 0 && p.second === 0 && p.millisecond === 0;
    } else dateOnly &&= t % DAY_MS === 0;
  }
  const out = new Array<string>(time.length);
  for (let i = 0; i < time.length; i++) {
    if (!dateOnly) out[i] = formatZoned(time[i]!, timezone, millis);
    else if (utc) out[i] = new Date(time[i]!).toISOString().slice(0, 10);
    else out[i] = `${String(parts[i]!.year).padStart(4, '0')}-${String(parts[i]!.month).padStart(2, '0')}-${String(parts[i]!.day).padStart(2, '0')}`;
  }
  return out;
}
