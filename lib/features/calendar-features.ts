// Calendar features of each bar's session date. They read the trading calendar, which is known in
// advance (holidays are published a year or more ahead), and never the bars after t: "is month
// end" means "no later session of this month on the calendar", not "the next bar is in another
// month", which would peek at the next bar. The session date follows calendar.ts's sessionDateOf:
// a 00:00 UTC stamp is a daily bar of that date, other stamps are dated in the calendar's timezone.
//
// Outputs: dayOfWeek (0 = Monday .. 6 = Sunday, as pandas), month (1-12), quarter (1-4),
// dayOfMonth, isMonthEnd / isQuarterEnd (1 on the last session of the month / quarter, else 0),
// daysToNextHoliday / daysSinceLastHoliday (calendar days to the next holiday after the date /
// since the last one before it; a holiday is a Monday-Friday non-session day, as holidays() in
// calendar.ts; NaN when this and the next (previous) calendar year have none, as for weekdays or
// crypto247), isPreHoliday / isPostHoliday (1 when a holiday falls between this session and the
// next / previous session).
import { assertCalendar, crypto247, dayToIso, nyse, weekdays, type Calendar } from '../data/calendar';
import { InvalidArgumentError } from '../util/errors';
import { checkSeries, nanArray } from './check';
import { completeParams, type FeatureKind } from './kind';
import { CivilDate, DAY_MS, LocalDayClock, sessionDay, weekdayOf } from './local-day';

export const CALENDAR_OUTPUTS = [
  'dayOfWeek', 'month', 'quarter', 'dayOfMonth', 'isMonthEnd', 'isQuarterEnd',
  'daysToNextHoliday', 'daysSinceLastHoliday', 'isPreHoliday', 'isPostHoliday',
] as const;

/** Longest run of closed days searched for the neighbouring session (9/11 closed four weekdays). */
const MAX_CLOSED_RUN = 14;

interface YearInfo {
  readonly firstDay: number;
  /** 1 where the day (firstDay + i) is a session. */
  readonly session: Uint8Array;
  /** Holidays of the year as day numbers, ascending. */
  readonly holidays: Float64Array;
  /** Day number of the last session of each month, NaN where a month has none. */
  readonly lastSessionOfMonth: Float64Array;
}

/**
 * Session flags and holidays of a calendar per year, built once per year on first use: per-bar
 * questions become array lookups instead of string-dated isSession calls.
 */
class CalendarDays {
  private readonly years = new Map<number, YearInfo | null>();
  private readonly civil = new CivilDate();
  constructor(readonly calendar: Calendar) {}

  /** The year's table; null when the calendar has no rules for it (unless `required`: then it throws). */
  year(y: number, required: boolean): YearInfo | null {
    let info = this.years.get(y);
    if (info === undefined) {
      try {
        info = this.build(y);
      } catch (error) {
        if (required || !(error instanceof InvalidArgumentError)) throw error;
        info = null;
      }
      this.years.set(y, info);
    }
    if (info === null && required) this.build(y); // rethrows the calendar's own message
    return info;
  }

  private build(y: number): YearInfo {
    const firstDay = Date.UTC(y, 0, 1) / DAY_MS;
    const length = Date.UTC(y + 1, 0, 1) / DAY_MS - firstDay;
    const session = new Uint8Array(length);
    const holidays: number[] = [];
    const lastSessionOfMonth = nanArray(12);
    for (let i = 0; i < length; i++) {
      const day = firstDay + i;
      const open = this.calendar.isSession(dayToIso(day));
      session[i] = open ? 1 : 0;
      if (open) lastSessionOfMonth[this.civil.set(day).month - 1] = day;
      else if (weekdayOf(day) < 5) holidays.push(day);
    }
    return { firstDay, session, holidays: Float64Array.from(holidays), lastSessionOfMonth };
  }

  isSession(day: number): boolean | undefined {
    const info = this.year(this.civil.set(day).year, false);
    return info ? info.session[day - info.firstDay] === 1 : undefined;
  }

  /** First holiday after `day` in its year or the next, else NaN. */
  nextHoliday(day: number, y: number): number {
    for (let year = y; year <= y + 1; year++) {
      const h = this.year(year, year === y)?.holidays;
      if (!h) return Number.NaN;
      for (let i = 0; i < h.length; i++) if (h[i]! > day) return h[i]!;
    }
    return Number.NaN;
  }

  /** Last holiday before `day` in its year or the previous, else NaN. */
  previousHoliday(day: number, y: number): number {
    for (let year = y; year >= y - 1; year--) {
      const h = this.year(year, year === y)?.holidays;
      if (!h) return Number.NaN;
      for (let i = h.length - 1; i >= 0; i--) if (h[i]! < day) return h[i]!;
    }
    return Number.NaN;
  }

  /** The nearest session after (step 1) or before (step -1) `day`, NaN if none is known nearby. */
  neighbourSession(day: number, step: 1 | -1): number {
    for (let k = 1; k <= MAX_CLOSED_RUN; k++) {
      const open = this.isSession(day + step * k);
      if (open === undefined) return Number.NaN;
      if (open) return day + step * k;
    }
    return Number.NaN;
  }
}

const WIDTH = CALENDAR_OUTPUTS.length;

/** Writes the features of `day` (of `year`) at out[at .. at + WIDTH). */
function dayFeatures(days: CalendarDays, info: YearInfo, day: number, civil: CivilDate, out: Float64Array, at: number): void {
  const { year, month, dayOfMonth } = civil.set(day);
  const monthEnd = info.lastSessionOfMonth[month - 1] === day ? 1 : 0;
  const next = days.nextHoliday(day, year), previous = days.previousHoliday(day, year);
  out[at] = weekdayOf(day);
  out[at + 1] = month;
  out[at + 2] = Math.ceil(month / 3);
  out[at + 3] = dayOfMonth;
  out[at + 4] = monthEnd;
  out[at + 5] = monthEnd === 1 && month % 3 === 0 ? 1 : 0;
  out[at + 6] = next - day;
  out[at + 7] = day - previous;
  out[at + 8] = next < days.neighbourSession(day, 1) ? 1 : 0;
  out[at + 9] = previous > days.neighbourSession(day, -1) ? 1 : 0;
}

// Calendars are immutable (the built-ins and makeCalendar's are frozen), so their tables are
// shared by every state over the same calendar: 20 symbols do not rebuild 20 copies, and a bar
// costs one lookup in a table of the year's features (computed once per calendar and year).
const shared = new WeakMap<Calendar, { days: CalendarDays; features: Map<number, Float64Array> }>();

function yearFeatures(calendar: Calendar, year: number): Float64Array {
  let entry = shared.get(calendar);
  if (!entry) { entry = { days: new CalendarDays(calendar), features: new Map() }; shared.set(calendar, entry); }
  let table = entry.features.get(year);
  if (!table) {
    const info = entry.days.year(year, true)!;
    const civil = new CivilDate();
    table = new Float64Array(info.session.length * WIDTH);
    for (let i = 0; i < info.session.length; i++) dayFeatures(entry.days, info, info.firstDay + i, civil, table, i * WIDTH);
    entry.features.set(year, table);
  }
  return table;
}

/** Streaming calendar features; a day's values are looked up once and reused by its other bars. */
export class CalendarFeatureState {
  private readonly clock: LocalDayClock;
  private readonly civil = new CivilDate();
  private day = Number.NaN;
  private table = new Float64Array(0);
  private tableFirst = 0; // day number of the table's 1 January
  /** This bar's features, in CALENDAR_OUTPUTS order. */
  readonly values = nanArray(WIDTH);

  constructor(readonly calendar: Calendar) {
    assertCalendar(calendar);
    this.clock = new LocalDayClock(calendar.timezone);
  }

  update(time: number): Float64Array {
    const v = this.values;
    if (time !== time) { this.day = Number.NaN; v.fill(Number.NaN); return v; }
    const day = sessionDay(this.clock, time);
    if (day === this.day) return v;
    this.day = day;
    let i = (day - this.tableFirst) * WIDTH;
    if (!(i >= 0 && i < this.table.length)) {
      const year = this.civil.set(day).year;
      this.table = yearFeatures(this.calendar, year);
      this.tableFirst = Date.UTC(year, 0, 1) / DAY_MS;
      i = (day - this.tableFirst) * WIDTH;
    }
    for (let j = 0; j < WIDTH; j++) v[j] = this.table[i + j]!;
    return v;
  }
}

/** Calendar features of bar stamps `time` (epoch ms), one column per CALENDAR_OUTPUTS entry. */
export function calendarFeatures(time: Float64Array, calendar: Calendar): Float64Array[] {
  checkSeries('time', time);
  const state = new CalendarFeatureState(calendar);
  const cols = CALENDAR_OUTPUTS.map(() => nanArray(time.length));
  // Unrolled: one named column per output keeps the hot loop free of an array-of-arrays lookup.
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  for (let t = 0; t < time.length; t++) {
    const v = state.update(time[t]!);
    c0[t] = v[0]!; c1[t] = v[1]!; c2[t] = v[2]!; c3[t] = v[3]!; c4[t] = v[4]!;
    c5[t] = v[5]!; c6[t] = v[6]!; c7[t] = v[7]!; c8[t] = v[8]!; c9[t] = v[9]!;
  }
  return cols;
}

/** Calendars a feature set can name in its JSON parameters. */
export const BUILT_IN_CALENDARS: Readonly<Record<string, Calendar>> = { nyse, weekdays, crypto247 };

export interface CalendarFeatureParams { readonly calendar: string }
const CALENDAR_DEFAULTS: CalendarFeatureParams = { calendar: 'nyse' };

export const calendarKind: FeatureKind<CalendarFeatureParams> = {
  kind: 'calendar', version: 1,
  description: 'Day of week, month, quarter, day of month, month/quarter end, days to/since holidays, pre/post holiday, from the trading calendar',
  defaults: CALENDAR_DEFAULTS,
  params: (partial, argument) => completeParams(partial, CALENDAR_DEFAULTS, argument, (_key, value) =>
    typeof value === 'string' && Object.hasOwn(BUILT_IN_CALENDARS, value)
      ? undefined
      : [`must name a built-in calendar (${Object.keys(BUILT_IN_CALENDARS).join(', ')})`, "pass 'nyse', or call calendarFeatures(time, calendar) with your own Calendar"]),
  outputs: () => CALENDAR_OUTPUTS,
  batch: (bars, p) => calendarFeatures(bars.time, BUILT_IN_CALENDARS[p.calendar]!),
  stream(p) {
    const state = new CalendarFeatureState(BUILT_IN_CALENDARS[p.calendar]!);
    return { update: (bar) => state.update(bar.time) };
  },
};
