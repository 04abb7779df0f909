// Calendar-aware checks of validateBars: sessions without a bar, bars on days the venue is closed,
// and how many sessions old the last bar is on a given date.
import { dayNumber, dayToIso, sessionDateOf, sessions, type Calendar } from './calendar';

export interface CalendarCoverage {
  /** Sessions from the first to the last bar date (inclusive). */
  readonly expected: number;
  /** Sessions in that span with no bar, as ISO dates. */
  readonly missingDates: string[];
  /** Rows dated on a day that is not a session. */
  readonly offCalendar: number[];
}

/** Compares bar dates (rows with a timestamp) with the calendar's sessions over the bars' span. */
export function calendarCoverage(time: Float64Array, calendar: Calendar): CalendarCoverage {
  const seen = new Set<string>();
  const offCalendar: number[] = [];
  let first = '', last = '';
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i])) continue;
    const date = sessionDateOf(calendar, time[i]!);
    if (!calendar.isSession(date)) offCalendar.push(i);
    seen.add(date);
    if (first === '' || date < first) first = date;
    if (last === '' || date > last) last = date;
  }
  if (first === '') return { expected: 0, missingDates: [], offCalendar };
  const expectedDates = sessions(calendar, first, last);
  return { expected: expectedDates.length, missingDates: expectedDates.filter((d) => !seen.has(d)), offCalendar };
}

export interface BarAge {
  /** Date of the latest bar, null when no row has a timestamp. */
  readonly lastBar: string | null;
  /** Sessions after the last bar up to and including asOf (0 when the last bar is on or after asOf). */
  readonly ageSessions: number;
}

export function barAge(time: Float64Array, calendar: Calendar, asOf: string): BarAge {
  let lastMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < time.length; i++) if (time[i]! > lastMs) lastMs = time[i]!;
  if (lastMs === Number.NEGATIVE_INFINITY) return { lastBar: null, ageSessions: 0 };
  const lastBar = sessionDateOf(calendar, lastMs);
  const next = dayNumber(lastBar) + 1;
  if (next > dayNumber(asOf)) return { lastBar, ageSessions: 0 };
  return { lastBar, ageSessions: sessions(calendar, dayToIso(next), asOf).length };
}
