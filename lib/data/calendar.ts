// Explicit trading calendars. A research result that silently assumes "every weekday trades" counts
// holidays as missing bars, shifts day-of-week features and misjudges staleness, so every check that
// needs sessions takes a Calendar argument instead of guessing one.
//
// Dates are ISO strings (YYYY-MM-DD) in the calendar's own timezone; internally they are day numbers
// (days since 1970-01-01) so the arithmetic has no timezone or DST in it.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';

export interface Calendar {
  readonly name: string;
  /** IANA timezone the session dates are local to (e.g. 'America/New_York'). */
  readonly timezone: string;
  /** Days of the week never traded, 0 = Sunday ... 6 = Saturday; Saturday and Sunday when absent. */
  readonly weekendDays?: readonly number[];
  /** Whether the exchange trades (a full or shortened day) on this ISO date. */
  isSession(date: string): boolean;
  /** Why a weekday is closed ('Good Friday', 'Hurricane Sandy'), when the calendar knows. */
  closureName?(date: string): string | undefined;
}

/** Saturday and Sunday (0 = Sunday ... 6 = Saturday). */
export const DEFAULT_WEEKEND_DAYS: readonly number[] = Object.freeze([0, 6]);

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of an ISO date; throws naming `argument` if it is not one. */
export function dayNumber(date: string, argument = 'date'): number {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    // Date.UTC rolls 2021-02-30 over to March; a real date survives the round trip unchanged.
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / DAY_MS;
  }
  throw new InvalidArgumentError(argument, date, 'must be an ISO date (YYYY-MM-DD) that exists', "pass e.g. '2012-10-29'");
}

/** ISO date of a day number. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

function ymd(year: number, month: number, d: number): number {
  return Date.UTC(year, month - 1, d) / DAY_MS;
}

/** The n-th (1-based) `wd` weekday of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, wd: number, n: number): number {
  if (n > 0) {
    const first = ymd(year, month, 1);
    return first + ((wd - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = ymd(year, month + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

/** Western Easter Sunday: the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayToIso(ymd(year, month, dayOfMonth));
}

/** Saturday holidays move to Friday, Sunday ones to Monday (NYSE Rule 7.2). */
function nearestWeekday(day: number): number {
  const w = weekday(day);
  return w === 6 ? day - 1 : w === 0 ? day + 1 : day;
}

/** First year the NYSE rules below describe: Monday holidays (Uniform Monday Holiday Act) began in 1971. */
export const NYSE_FIRST_YEAR = 1971;

/**
 * Unscheduled full-day NYSE closures since 1971. Source: NYSE closings history as collected in
 * pandas_market_calendars (holidays_nyse.py), and NYSE notices for 2025-01-09.
 */
const NYSE_SPECIAL_CLOSURES: ReadonlyArray<readonly [string, string]> = [
  ['1972-11-07', 'Presidential Election Day'],
  ['1972-12-28', 'Funeral of President Truman'],
  ['1973-01-25', 'Funeral of President Johnson'],
  ['1976-11-02', 'Presidential Election Day'],
  ['1977-07-14', 'New York City blackout'],
  ['1980-11-04', 'Presidential Election Day'],
  ['1985-09-27', 'Hurricane Gloria'],
  ['1994-04-27', 'Funeral of President Nixon'],
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'National Day of Mourning for President Reagan'],
  ['2007-01-02', 'National Day of Mourning for President Ford'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'National Day of Mourning for President George H. W. Bush'],
  ['2025-01-09', 'National Day of Mourning for President Carter'],
];

function nyseScheduledHolidays(year: number): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  // New Year's Day on a Saturday is not observed on the Friday before (the year-end close stays open).
  const newYear = ymd(year, 1, 1);
  if (weekday(newYear) !== 6) out.push([nearestWeekday(newYear), "New Year's Day"]);
  if (year >= 1998) out.push([nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day']);
  out.push([nthWeekday(year, 2, 1, 3), "Washington's Birthday"]);
  out.push([dayNumber(easterSunday(year)) - 2, 'Good Friday']);
  out.push([nthWeekday(year, 5, 1, -1), 'Memorial Day']);
  if (year >= 2022) out.push([nearestWeekday(ymd(year, 6, 19)), 'Juneteenth']);
  out.push([nearestWeekday(ymd(year, 7, 4)), 'Independence Day']);
  out.push([nthWeekday(year, 9, 1, 1), 'Labor Day']);
  out.push([nthWeekday(year, 11, 4, 4), 'Thanksgiving Day']);
  out.push([nearestWeekday(ymd(year, 12, 25)), 'Christmas Day']);
  return out;
}

const nyseYears = new Map<number, ReadonlyMap<number, string>>();

function nyseClosures(year: number, date: string): ReadonlyMap<number, string> {
  if (year < NYSE_FIRST_YEAR) {
    throw new InvalidArgumentError('date', date, `is before ${NYSE_FIRST_YEAR}, where the nyse calendar's holiday rules start`, 'use dates from 1971 on, or the weekdays calendar for older data');
  }
  let closures = nyseYears.get(year);
  if (!closures) {
    const map = new Map<number, string>(nyseScheduledHolidays(year));
    for (const [iso, name] of NYSE_SPECIAL_CLOSURES) if (iso.startsWith(`${year}-`)) map.set(dayNumber(iso), name);
    closures = map;
    nyseYears.set(year, closures);
  }
  return closures;
}

/** New York Stock Exchange full trading days (early closes count as sessions), from 1971 on. */
export const nyse: Calendar = Object.freeze({
  name: 'nyse',
  timezone: 'America/New_York',
  isSession(date: string): boolean {
    const day = dayNumber(date);
    return !isWeekend(day) && !nyseClosures(Number(date.slice(0, 4)), date).has(day);
  },
  closureName(date: string): string | undefined {
    const day = dayNumber(date);
    if (isWeekend(day)) return undefined;
    return nyseClosures(Number(date.slice(0, 4)), date).get(day);
  },
});

/** Monday to Friday, no holidays: the plain business-day calendar. */
export const weekdays: Calendar = Object.freeze({
  name: 'weekdays',
  timezone: 'UTC',
  isSession: (date: string): boolean => !isWeekend(dayNumber(date)),
});

/** Every day trades (crypto venues); dates are UTC days. */
export const crypto247: Calendar = Object.freeze({
  name: 'crypto247',
  timezone: 'UTC',
  weekendDays: Object.freeze([]),
  isSession: (date: string): boolean => (dayNumber(date), true),
});

export interface MakeCalendarOptions {
  readonly name: string;
  readonly timezone: string;
  /** ISO dates on which the venue is closed although they are not weekend days. */
  readonly closures: readonly string[];
  /** Days of the week never traded, 0 = Sunday ... 6 = Saturday. */
  readonly weekendDays?: readonly number[];
}

/** A calendar from an explicit list of closures, for venues without a built-in calendar. */
export function makeCalendar(options: MakeCalendarOptions): Calendar {
  rejectUnknownOptions('options', options, ['name', 'timezone', 'closures', 'weekendDays']);
  if (typeof options?.name !== 'string' || options.name.trim() === '') {
    throw new InvalidArgumentError('options.name', options?.name, 'must be a non-empty string', "name the venue, e.g. 'xlon'");
  }
  assertTimezone('options.timezone', options.timezone);
  if (!Array.isArray(options.closures)) {
    throw new InvalidArgumentError('options.closures', options.closures, 'must be an array of ISO dates', "pass e.g. ['2024-12-25'] (or [] for none)");
  }
  const closed = new Set(options.closures.map((d, i) => dayNumber(d, `options.closures[${i}]`)));
  const weekend = options.weekendDays ?? DEFAULT_WEEKEND_DAYS;
  if (!Array.isArray(weekend) || weekend.some((w) => !Number.isInteger(w) || w < 0 || w > 6) || weekend.length >= 7) {
    throw new InvalidArgumentError('options.weekendDays', weekend, 'must list fewer than 7 distinct weekdays as integers 0 (Sunday) .. 6 (Saturday)', 'pass e.g. [5, 6] for a Friday-Saturday weekend');
  }
  const weekendSet = new Set(weekend);
  return Object.freeze({
    name: options.name,
    timezone: options.timezone,
    weekendDays: Object.freeze([...weekendSet]),
    isSession: (date: string): boolean => {
      const day = dayNumber(date);
      return !weekendSet.has(weekday(day)) && !closed.has(day);
    },
  });
}

function assertTimezone(argument: string, timezone: unknown): void {
  try {
    if (typeof timezone !== 'string') throw new RangeError('not a string');
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new InvalidArgumentError(argument, timezone, 'must be an IANA timezone name', "pass e.g. 'America/New_York' or 'UTC'");
  }
}

/** Throws unless `calendar` has the Calendar shape; a plain object with isSession is accepted. */
export function assertCalendar(calendar: unknown, argument = 'calendar'): asserts calendar is Calendar {
  const c = calendar as Partial<Calendar> | null;
  if (!c || typeof c !== 'object' || typeof c.name !== 'string' || typeof c.timezone !== 'string' || typeof c.isSession !== 'function') {
    throw new InvalidArgumentError(argument, calendar, 'must be a Calendar { name, timezone, isSession(date) }', 'pass nyse, weekdays or crypto247, or build one with makeCalendar');
  }
}

function dayRange(from: string, to: string): { first: number; last: number } {
  const first = dayNumber(from, 'from'), last = dayNumber(to, 'to');
  if (first > last) throw new InvalidArgumentError('from/to', `${from} .. ${to}`, 'from is after to', 'pass from <= to');
  return { first, last };
}

/** Every session of `calendar` from `from` to `to` (inclusive ISO dates), in order. */
export function sessions(calendar: Calendar, from: string, to: string): string[] {
  assertCalendar(calendar);
  const { first, last } = dayRange(from, to);
  const out: string[] = [];
  for (let day = first; day <= last; day++) {
    const iso = dayToIso(day);
    if (calendar.isSession(iso)) out.push(iso);
  }
  return out;
}

/**
 * Dates from `from` to `to` (inclusive) that are not weekend days of `calendar` (Saturday and
 * Sunday unless it says otherwise) and yet not sessions: its holidays and unscheduled closures.
 */
export function nonSessionWeekdays(calendar: Calendar, from: string, to: string): string[] {
  assertCalendar(calendar);
  const { first, last } = dayRange(from, to);
  const weekend = new Set(calendar.weekendDays ?? DEFAULT_WEEKEND_DAYS);
  const out: string[] = [];
  for (let day = first; day <= last; day++) {
    if (weekend.has(weekday(day))) continue;
    const iso = dayToIso(day);
    if (!calendar.isSession(iso)) out.push(iso);
  }
  return out;
}

/** The holidays (non-session weekdays, see nonSessionWeekdays) of one calendar year. */
export function holidays(calendar: Calendar, year: number): string[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new InvalidArgumentError('year', year, 'must be an integer year', 'pass e.g. 2024');
  }
  const y = String(year).padStart(4, '0');
  return nonSessionWeekdays(calendar, `${y}-01-01`, `${y}-12-31`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The session date a bar timestamp belongs to. Daily bars are stamped 00:00 UTC of their session
 * date (readBarsCsv, readBarsArrow), so a midnight-UTC stamp is read as that date; converting it to
 * New York time would move every daily bar to the day before. Other stamps are intraday and are
 * dated in the calendar's timezone.
 */
export function sessionDateOf(calendar: Calendar, ms: number): string {
  if (ms % DAY_MS === 0) return dayToIso(ms / DAY_MS);
  let fmt = formatters.get(calendar.timezone);
  if (!fmt) {
    // en-CA formats dates as YYYY-MM-DD.
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(calendar.timezone, fmt);
  }
  return fmt.format(new Date(ms));
}
