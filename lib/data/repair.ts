// Repairs the defects validateBars reports, but only those the caller names: an option left out
// means that defect stays and shows up in the next report. Every change is logged with the input
// rows (and dates) it touched, so input rows = output rows + dropped - inserted, always.
//
// Steps run in a fixed order because later ones depend on earlier ones: sort before de-duplicating
// (keep-first means first in time order), fill or drop missing values before judging OHLC (NaN
// bars cannot be judged), and insert missing sessions last, from the bars that survived.
import { InvalidArgumentError } from '../util/errors';
import { assertBars, isoDate, type Bars } from './bars';
import { assertCalendar, dayNumber, sessionDateOf, type Calendar } from './calendar';
import { calendarCoverage } from './validate-calendar';
import { rejectUnknownOptions } from '../util/options';

export interface RepairBarsOptions {
  /** keep-first / keep-last: keep one row per timestamp; drop: drop every row of a duplicated timestamp. */
  readonly duplicates?: 'keep-first' | 'keep-last' | 'drop';
  /** Stable sort by timestamp (rows without one go last). */
  readonly unsorted?: 'sort';
  /** forward-fill: each NaN takes the previous row's value in its column; rows with no previous value or no timestamp are dropped. */
  readonly missingValues?: 'drop' | 'forward-fill';
  /** Rows with a price (open, high, low, close, adjClose) <= 0. */
  readonly nonPositivePrices?: 'drop';
  readonly negativeVolume?: 'drop';
  /** clip: widen high and low to hold open, close and each other. */
  readonly ohlc?: 'drop' | 'clip';
  /** Rows dated on days that are not sessions of `calendar`. */
  readonly offCalendar?: 'drop';
  /** Insert each session of `calendar` without a bar as a flat bar at the previous close, volume 0 (daily bars). */
  readonly missingBars?: 'forward-fill';
  /** Needed by offCalendar and missingBars. */
  readonly calendar?: Calendar;
}

export type RepairDefect =
  | 'unsorted' | 'duplicates' | 'missingValues' | 'nonPositivePrices' | 'negativeVolume' | 'ohlc' | 'offCalendar' | 'missingBars';

export interface RepairAction {
  readonly defect: RepairDefect;
  readonly action: string;
  /** dropped and inserted change the row count; modified and reordered do not. */
  readonly effect: 'dropped' | 'inserted' | 'modified' | 'reordered';
  readonly count: number;
  /** Input row indices (none for inserted bars). */
  readonly rows: readonly number[];
  readonly dates: readonly string[];
  readonly message: string;
}

export interface RepairResult {
  readonly bars: Bars;
  readonly log: readonly RepairAction[];
}

const CHOICES: Record<Exclude<keyof RepairBarsOptions, 'calendar'>, readonly string[]> = {
  duplicates: ['keep-first', 'keep-last', 'drop'],
  unsorted: ['sort'],
  missingValues: ['drop', 'forward-fill'],
  nonPositivePrices: ['drop'],
  negativeVolume: ['drop'],
  ohlc: ['drop', 'clip'],
  offCalendar: ['drop'],
  missingBars: ['forward-fill'],
};
const MAX_LISTED = 5;
type Column = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'adjClose';

export function repairBars(bars: Bars, options: RepairBarsOptions): RepairResult {
  rejectUnknownOptions('options', options, [...Object.keys(CHOICES), 'calendar']);
  for (const [name, allowed] of Object.entries(CHOICES)) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && !allowed.includes(value as string)) {
      throw new InvalidArgumentError(`options.${name}`, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`, `pass one of them, or leave ${name} out to keep that defect`);
    }
  }
  const needsCalendar = options.offCalendar !== undefined ? 'offCalendar' : options.missingBars !== undefined ? 'missingBars' : undefined;
  if (needsCalendar && options.calendar === undefined) {
    throw new InvalidArgumentError('options.calendar', undefined, `is required by options.${needsCalendar}`, 'pass the venue calendar, e.g. { calendar: nyse }');
  }
  if (options.calendar !== undefined) {
    if (!needsCalendar) {
      throw new InvalidArgumentError('options.calendar', options.calendar, 'is only used by offCalendar and missingBars, and neither is given', 'leave calendar out, or add the repair that needs it');
    }
    assertCalendar(options.calendar, 'options.calendar');
  }
  const n = assertBars(bars);

  // Working copies indexed by input row; `rows` is the current selection, in output order.
  const cols: Record<Column, Float64Array | undefined> = {
    time: bars.time.slice(), open: bars.open.slice(), high: bars.high.slice(), low: bars.low.slice(),
    close: bars.close.slice(), volume: bars.volume.slice(), adjClose: bars.adjClose?.slice(),
  };
  const time = cols.time!;
  const prices = (['open', 'high', 'low', 'close', 'adjClose'] as const).map((c) => cols[c]).filter((c): c is Float64Array => c !== undefined);
  const all = (Object.values(cols) as Array<Float64Array | undefined>).filter((c): c is Float64Array => c !== undefined);
  let rows = Array.from({ length: n }, (_, i) => i);
  const log: RepairAction[] = [];
  const dateOf = (i: number): string => (Number.isFinite(bars.time[i]) ? isoDate(bars.time[i]!) : `row ${i}`);
  const record = (defect: RepairDefect, action: string, effect: RepairAction['effect'], affected: number[], what: string): void => {
    const dates = affected.map(dateOf);
    const listed = dates.slice(0, MAX_LISTED).join(', ') + (dates.length > MAX_LISTED ? ` and ${dates.length - MAX_LISTED} more` : '');
    const message = `${defect}: ${action}: ${what} ${affected.length} row(s)${affected.length ? ` on ${listed}` : ''}`;
    log.push({ defect, action, effect, count: affected.length, rows: affected, dates, message });
  };
  // Secondary drops (rows a fill cannot reach) are logged only when they happen; the main action always is.
  const drop = (defect: RepairDefect, action: string, bad: (i: number) => boolean, what = 'dropped'): void => {
    const dropped = rows.filter(bad);
    const gone = new Set(dropped);
    rows = rows.filter((i) => !gone.has(i));
    if (what === 'dropped' || dropped.length > 0) record(defect, action, 'dropped', dropped, what);
  };

  if (options.unsorted === 'sort') {
    const key = (i: number): number => (Number.isNaN(time[i]) ? Number.POSITIVE_INFINITY : time[i]!);
    const sorted = [...rows].sort((a, b) => key(a) - key(b) || a - b);
    const moved = sorted.filter((row, k) => rows[k] !== row);
    rows = sorted;
    record('unsorted', 'sort', 'reordered', moved, 'moved');
  }

  if (options.duplicates !== undefined) {
    const byTime = new Map<number, number[]>();
    for (const i of rows) if (!Number.isNaN(time[i])) byTime.set(time[i]!, [...(byTime.get(time[i]!) ?? []), i]);
    const bad = new Set<number>();
    for (const group of byTime.values()) {
      if (group.length < 2) continue;
      const keep = options.duplicates === 'keep-first' ? group[0] : options.duplicates === 'keep-last' ? group[group.length - 1] : undefined;
      for (const i of group) if (i !== keep) bad.add(i);
    }
    drop('duplicates', options.duplicates, (i) => bad.has(i));
  }

  const hasNaN = (i: number): boolean => all.some((c) => Number.isNaN(c[i]));
  if (options.missingValues === 'drop') drop('missingValues', 'drop', hasNaN);
  if (options.missingValues === 'forward-fill') {
    requireOrdered(rows, time, 'missingValues', options.missingValues);
    drop('missingValues', 'forward-fill', (i) => Number.isNaN(time[i]), 'dropped (a timestamp cannot be forward-filled)');
    const filled: number[] = [];
    const unfillable = new Set<number>();
    let prev = -1;
    for (const i of rows) {
      if (hasNaN(i)) {
        if (prev < 0) {
          unfillable.add(i);
          continue;
        }
        for (const c of all) if (Number.isNaN(c[i])) c[i] = c[prev]!;
        filled.push(i);
      }
      prev = i;
    }
    drop('missingValues', 'forward-fill', (i) => unfillable.has(i), 'dropped (no earlier value to carry forward)');
    record('missingValues', 'forward-fill', 'modified', filled, 'filled from the previous row');
  }

  if (options.nonPositivePrices === 'drop') drop('nonPositivePrices', 'drop', (i) => prices.some((c) => c[i]! <= 0));
  if (options.negativeVolume === 'drop') drop('negativeVolume', 'drop', (i) => cols.volume![i]! < 0);

  if (options.ohlc !== undefined) {
    const { open, high, low, close } = cols as Record<Column, Float64Array>;
    const bad = (i: number): boolean => high[i]! < Math.max(open[i]!, close[i]!) || low[i]! > Math.min(open[i]!, close[i]!) || high[i]! < low[i]!;
    if (options.ohlc === 'drop') drop('ohlc', 'drop', bad);
    else {
      const clipped = rows.filter(bad);
      for (const i of clipped) {
        const o = open[i]!, h = high[i]!, l = low[i]!, c = close[i]!;
        high[i] = Math.max(o, h, l, c);
        low[i] = Math.min(o, h, l, c);
      }
      record('ohlc', 'clip', 'modified', clipped, 'widened high/low of');
    }
  }

  const calendar = options.calendar;
  if (options.offCalendar === 'drop') {
    drop('offCalendar', 'drop', (i) => Number.isFinite(time[i]) && !calendar!.isSession(sessionDateOf(calendar!, time[i]!)));
  }

  const out = gather(bars, cols, rows);
  if (options.missingBars !== 'forward-fill') return { bars: out, log };
  return { bars: insertMissingSessions(out, calendar!, rows, log), log };
}

function requireOrdered(rows: readonly number[], time: Float64Array, option: string, value: string): void {
  for (let k = 1; k < rows.length; k++) {
    if (time[rows[k]!]! < time[rows[k - 1]!]!) {
      throw new InvalidArgumentError(`options.${option}`, value, `needs rows in time order, but the row dated ${isoDate(time[rows[k]!]!)} comes after ${isoDate(time[rows[k - 1]!]!)}`, "add unsorted: 'sort'");
    }
  }
}

function gather(bars: Bars, cols: Record<Column, Float64Array | undefined>, rows: readonly number[]): Bars {
  const pick = (c: Float64Array): Float64Array => Float64Array.from(rows, (i) => c[i]!);
  return {
    symbol: bars.symbol,
    time: pick(cols.time!), open: pick(cols.open!), high: pick(cols.high!), low: pick(cols.low!),
    close: pick(cols.close!), volume: pick(cols.volume!),
    ...(cols.adjClose ? { adjClose: pick(cols.adjClose) } : {}),
  };
}

/** Flat bars (OHLC = previous close, volume 0) on every session between the first and last bar that has none. */
function insertMissingSessions(bars: Bars, calendar: Calendar, inputRows: readonly number[], log: RepairAction[]): Bars {
  const { time } = bars;
  for (let k = 0; k < time.length; k++) {
    if (Number.isNaN(time[k])) {
      throw new InvalidArgumentError('options.missingBars', 'forward-fill', `needs a timestamp on every row, but row ${inputRows[k]} has none`, "add missingValues: 'drop' (or 'forward-fill')");
    }
    if (time[k]! % 86_400_000 !== 0) {
      throw new InvalidArgumentError('options.missingBars', 'forward-fill', `inserts daily bars, but row ${inputRows[k]} is stamped ${new Date(time[k]!).toISOString()} (intraday)`, 'resample to daily bars stamped 00:00 UTC first, or leave missingBars out');
    }
    if (k > 0 && !(time[k]! > time[k - 1]!)) {
      throw new InvalidArgumentError('options.missingBars', 'forward-fill', `needs unique timestamps in time order, but rows ${inputRows[k - 1]} and ${inputRows[k]} are not (${isoDate(time[k - 1]!)}, ${isoDate(time[k]!)})`, "add unsorted: 'sort' and a duplicates choice");
    }
  }
  const missing = calendarCoverage(time, calendar).missingDates;
  const m = time.length + missing.length;
  const col = (): Float64Array => new Float64Array(m);
  const o = { time: col(), open: col(), high: col(), low: col(), close: col(), volume: col(), adjClose: bars.adjClose ? col() : undefined };
  let src = 0, dst = 0;
  for (const date of missing) {
    const t = dayNumber(date) * 86_400_000;
    while (time[src]! < t) copyRow(bars, src++, o, dst++);
    // Coverage spans first..last bar, so a missing session always has a previous bar.
    const prevClose = o.close[dst - 1]!;
    o.time[dst] = t;
    o.open[dst] = o.high[dst] = o.low[dst] = o.close[dst] = prevClose;
    o.volume[dst] = 0;
    if (o.adjClose) o.adjClose[dst] = o.adjClose[dst - 1]!;
    dst++;
  }
  while (src < time.length) copyRow(bars, src++, o, dst++);
  const listed = missing.slice(0, MAX_LISTED).join(', ') + (missing.length > MAX_LISTED ? ` and ${missing.length - MAX_LISTED} more` : '');
  log.push({
    defect: 'missingBars', action: 'forward-fill', effect: 'inserted', count: missing.length, rows: [], dates: missing,
    message: `missingBars: forward-fill: inserted ${missing.length} ${calendar.name} session(s) as flat bars at the previous close with volume 0${missing.length ? ` on ${listed}` : ''}`,
  });
  return {
    symbol: bars.symbol, time: o.time, open: o.open, high: o.high, low: o.low, close: o.close, volume: o.volume,
    ...(o.adjClose ? { adjClose: o.adjClose } : {}),
  };
}

function copyRow(bars: Bars, from: number, o: Record<'time' | 'open' | 'high' | 'low' | 'close' | 'volume', Float64Array> & { adjClose?: Float64Array }, to: number): void {
  o.time[to] = bars.time[from]!;
  o.open[to] = bars.open[from]!;
  o.high[to] = bars.high[from]!;
  o.low[to] = bars.low[from]!;
  o.close[to] = bars.close[from]!;
  o.volume[to] = bars.volume[from]!;
  if (o.adjClose) o.adjClose[to] = bars.adjClose![from]!;
}
