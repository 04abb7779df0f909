// Multi-timeframe features: weekly or monthly bars built from finer ones, and coarse values handed
// back to the fine bars without look-ahead. A week is the ISO week (Monday to Sunday) of the bar's
// session date, a month its calendar month; the session date is the UTC date, or with a calendar
// its sessionDateOf rule (00:00 UTC stamps are daily bars of that date, others local to the
// calendar's timezone).
//
// The rule that keeps this free of look-ahead: a coarse bar is used only once it is COMPLETE, and it
// is known complete when the first fine bar of a later period arrives. On Wednesday a weekly feature
// is last week's, never this week's partial bar, and on Friday too: from bars alone, Friday's bar
// cannot know it is the week's last (a holiday week may end on Thursday), so the finished week
// reaches the features on the next week's first bar. Batch and streaming follow the same rule.
import { assertBars, type Bars } from '../data/bars';
import { assertCalendar, type Calendar } from '../data/calendar';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkSeries, nanArray } from './check';
import type { BarValues, FeatureKind } from './kind';
import { CivilDate, LocalDayClock, sessionDay, weekdayOf } from './local-day';

export type Timeframe = 'week' | 'month';
export const TIMEFRAMES: readonly Timeframe[] = ['week', 'month'];

export interface TimeframeOptions {
  /** Whose session dates group the bars; the UTC date when absent. */
  readonly calendar?: Calendar;
}

function checkTimeframe(unit: unknown): asserts unit is Timeframe {
  if (!TIMEFRAMES.includes(unit as Timeframe)) throw new InvalidArgumentError('unit', unit, `must be one of ${TIMEFRAMES.join(', ')}`, "pass 'week' or 'month'");
}

function checkOptions(options: TimeframeOptions | undefined): Calendar | undefined {
  rejectUnknownOptions('options', options, ['calendar']);
  if (options?.calendar !== undefined) assertCalendar(options.calendar, 'options.calendar');
  return options?.calendar;
}

/** Maps a bar stamp to its period: the day number of the ISO week's Monday, or year * 12 + month - 1. */
class PeriodClock {
  private readonly clock: LocalDayClock;
  private readonly civil = new CivilDate();
  constructor(readonly unit: Timeframe, calendar: Calendar | undefined) {
    this.clock = new LocalDayClock(calendar ? calendar.timezone : 'UTC');
  }
  keyOf(ms: number): number {
    const day = sessionDay(this.clock, ms);
    if (this.unit === 'week') return day - weekdayOf(day);
    const c = this.civil.set(day);
    return c.year * 12 + c.month - 1;
  }
}

/** max/min where a NaN on either side wins: a missing value makes the period's value missing. */
function maxOf(a: number, b: number): number { return a !== a || b !== b ? Number.NaN : a > b ? a : b; }
function minOf(a: number, b: number): number { return a !== a || b !== b ? Number.NaN : a < b ? a : b; }

/**
 * The coarse bar being built: first open, highest high, lowest low, last close (and adjClose),
 * summed volume, stamped with the time of its first fine bar. A NaN in any fine bar makes that
 * field of the coarse bar NaN (max, min and sum propagate it; open and close are single values).
 */
class PeriodAggregator implements BarValues {
  key = Number.NaN;
  count = 0;
  time = Number.NaN;
  open = Number.NaN;
  high = Number.NaN;
  low = Number.NaN;
  close = Number.NaN;
  volume = Number.NaN;
  adjClose: number | undefined = undefined;

  add(key: number, bar: BarValues): void {
    this.addValues(key, bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.adjClose);
  }

  addValues(key: number, time: number, open: number, high: number, low: number, close: number, volume: number, adjClose: number | undefined): void {
    if (key !== this.key || this.count === 0) {
      this.key = key; this.count = 1; this.time = time; this.open = open;
      this.high = high; this.low = low; this.volume = volume;
    } else {
      this.count++;
      this.high = maxOf(this.high, high);
      this.low = minOf(this.low, low);
      this.volume += volume;
    }
    this.close = close;
    this.adjClose = adjClose;
  }
}

function checkIncreasing(argument: string, time: Float64Array): void {
  for (let i = 1; i < time.length; i++) {
    if (!(time[i]! > time[i - 1]!)) {
      throw new InvalidArgumentError(`${argument}[${i}]`, time[i], `is not after ${argument}[${i - 1}] (${time[i - 1]})`, 'sort and de-duplicate the bars first (validateBars lists the rows)');
    }
  }
  if (time.length > 0 && !Number.isFinite(time[0]!)) throw new InvalidArgumentError(`${argument}[0]`, time[0], 'is not a finite time', 'repair the bar stamps first');
}

/** Weekly or monthly OHLCV bars from finer bars; each coarse bar is stamped with its first fine bar's time. */
export function resampleBars(bars: Bars, unit: Timeframe, options: TimeframeOptions = {}): Bars {
  const n = assertBars(bars);
  checkTimeframe(unit);
  const periods = new PeriodClock(unit, checkOptions(options));
  checkIncreasing('bars.time', bars.time);
  // Columns sized for the worst case (one period per bar), trimmed at the end.
  const out = { time: nanArray(n), open: nanArray(n), high: nanArray(n), low: nanArray(n), close: nanArray(n), volume: nanArray(n), adjClose: nanArray(n) };
  const agg = new PeriodAggregator();
  let m = 0;
  const flush = (): void => {
    out.time[m] = agg.time; out.open[m] = agg.open; out.high[m] = agg.high; out.low[m] = agg.low;
    out.close[m] = agg.close; out.volume[m] = agg.volume; out.adjClose[m] = agg.adjClose ?? Number.NaN;
    m++;
  };
  const { time, open, high, low, close, volume, adjClose: adj } = bars;
  for (let t = 0; t < n; t++) {
    const key = periods.keyOf(time[t]!);
    if (agg.count > 0 && key !== agg.key) flush();
    agg.addValues(key, time[t]!, open[t]!, high[t]!, low[t]!, close[t]!, volume[t]!, adj ? adj[t]! : undefined);
  }
  if (agg.count > 0) flush();
  return {
    symbol: bars.symbol,
    time: out.time.slice(0, m), open: out.open.slice(0, m), high: out.high.slice(0, m), low: out.low.slice(0, m),
    close: out.close.slice(0, m), volume: out.volume.slice(0, m),
    ...(adj ? { adjClose: out.adjClose.slice(0, m) } : {}),
  };
}

export interface AlignOptions {
  /**
   * Must be true (the default): each fine bar gets the last coarse bar that was complete before the
   * fine bar's own period began. Handing a fine bar its own period's coarse bar would give Wednesday
   * the week's Friday close.
   */
  readonly completed?: true;
}

/**
 * Gives each fine bar the values of the last COMPLETED coarse bar. `coarseTime` are the coarse bars'
 * stamps as resampleBars makes them (the time of each period's first fine bar): a fine bar at time
 * t lies in the period of the last coarse stamp <= t, and gets the coarse bar before that one (NaN
 * when there is none). Fine bars from another series on the same calendar work too; where a stamp
 * differs the result can only be one period staler, never newer.
 */
export function alignToBars(coarseTime: Float64Array, coarseColumns: readonly Float64Array[], fineTime: Float64Array, options: AlignOptions = {}): Float64Array[] {
  checkSeries('coarseTime', coarseTime);
  checkSeries('fineTime', fineTime);
  rejectUnknownOptions('options', options, ['completed']);
  if (options.completed !== undefined && options.completed !== true) {
    throw new InvalidArgumentError('options.completed', options.completed, "must be true: a fine bar given its own, unfinished period's coarse values sees that period's future", 'leave completed out (or true); shift the coarse values yourself only if they are stamped when known');
  }
  if (!Array.isArray(coarseColumns)) throw new InvalidArgumentError('coarseColumns', coarseColumns, 'must be an array of Float64Array columns', 'pass e.g. [weeklySma]');
  coarseColumns.forEach((col, j) => {
    checkSeries(`coarseColumns[${j}]`, col);
    if (col.length !== coarseTime.length) {
      throw new InvalidArgumentError(`coarseColumns[${j}]`, col, `must have the length of coarseTime (${coarseTime.length})`, 'pass columns computed on the coarse bars');
    }
  });
  checkIncreasing('coarseTime', coarseTime);
  checkIncreasing('fineTime', fineTime);
  const out = coarseColumns.map(() => nanArray(fineTime.length));
  const m = coarseTime.length;
  let j = -1;
  for (let t = 0; t < fineTime.length; t++) {
    while (j + 1 < m && coarseTime[j + 1]! <= fineTime[t]!) j++;
    if (j < 1) continue;
    for (let c = 0; c < out.length; c++) out[c]![t] = coarseColumns[c]![j - 1]!;
  }
  return out;
}

/**
 * A feature kind computed on weekly or monthly bars and aligned to the bars it is given, with the
 * completed-period rule. Kind name: `${inner}_weekly` / `_monthly`, plus `_${calendar}` when a
 * calendar dates the bars. The streaming state keeps the partial period, feeds each finished
 * period to the inner kind's stream when the next period's first bar arrives, and emits the last
 * finished period's values: what the batch gives.
 */
export function timeframeKind<P extends object>(inner: FeatureKind<P>, unit: Timeframe, options: TimeframeOptions = {}): FeatureKind<P> {
  checkTimeframe(unit);
  const calendar = checkOptions(options);
  const adjective = unit === 'week' ? 'weekly' : 'monthly';
  return {
    kind: `${inner.kind}_${adjective}${calendar ? `_${calendar.name}` : ''}`,
    version: inner.version,
    description: `${inner.description}, on ${adjective} bars${calendar ? ` (${calendar.name} session dates)` : ''}; each bar sees the last completed ${unit}`,
    defaults: inner.defaults,
    params: (partial, argument) => inner.params(partial, argument),
    outputs: (params) => inner.outputs(params),
    batch(bars, params) {
      const coarse = resampleBars(bars, unit, calendar ? { calendar } : {});
      return alignToBars(coarse.time, inner.batch(coarse, params), bars.time);
    },
    stream(params) {
      const periods = new PeriodClock(unit, calendar);
      const agg = new PeriodAggregator();
      const innerStream = inner.stream(params);
      const out = nanArray(inner.outputs(params).length);
      return {
        update(bar) {
          const key = periods.keyOf(bar.time);
          if (agg.count > 0 && key !== agg.key) out.set(innerStream.update(agg));
          agg.add(key, bar);
          return out;
        },
      };
    },
  };
}
