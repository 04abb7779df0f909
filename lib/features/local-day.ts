// Local calendar days of bar timestamps, cheap enough to ask once per bar. Features that reset or
// group by day, week or month (session VWAP, calendar features, weekly bars) need the local date of
// every bar; Intl formatting costs about a microsecond, so the clock formats once per local day and
// answers the other bars of that day from the cached [start, end) interval.
import { InvalidArgumentError } from '../util/errors';

export const DAY_MS = 86_400_000;

/** Throws naming `argument` unless `timezone` is an IANA name this runtime knows. */
export function checkTimezone(argument: string, timezone: unknown): asserts timezone is string {
  try {
    if (typeof timezone !== 'string') throw new RangeError('not a string');
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new InvalidArgumentError(argument, timezone, 'must be an IANA timezone name', "pass e.g. 'America/New_York' or 'UTC'");
  }
}

/** Day number (days since 1970-01-01) of `ms` in `timezone`, with a per-day cache. */
export class LocalDayClock {
  private readonly utc: boolean;
  private readonly format: Intl.DateTimeFormat | undefined;
  private start = Number.POSITIVE_INFINITY;
  private end = Number.NEGATIVE_INFINITY;
  private day = Number.NaN;

  constructor(readonly timezone: string) {
    checkTimezone('timezone', timezone);
    this.utc = timezone === 'UTC' || timezone === 'Etc/UTC';
    this.format = this.utc ? undefined : new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  dayOf(ms: number): number {
    if (this.utc) return Math.floor(ms / DAY_MS);
    if (ms >= this.start && ms < this.end) return this.day;
    const offset = this.offset(ms);
    const day = Math.floor((Math.floor(ms / 1000) * 1000 + offset) / DAY_MS);
    // The next local midnight is wall time (day + 1) at the offset then in force. When the offset
    // there is still today's, no clock change lies between (zones change at most once a day):
    // that instant is the end of the day. On a day with a change, try the offset at that first
    // guess too, and keep a candidate only if it really is the first instant of the next day;
    // failing that, cache just this instant.
    const first = (day + 1) * DAY_MS - offset;
    const later = this.offset(first);
    let end = ms + 1;
    if (later === offset) end = first;
    else {
      for (const candidate of [first, (day + 1) * DAY_MS - later]) {
        if (candidate > ms && this.compute(candidate) === day + 1 && this.compute(candidate - 1) === day) { end = candidate; break; }
      }
    }
    this.start = ms;
    this.end = end;
    this.day = day;
    return day;
  }

  /** Wall-clock time in the zone, read as if it were UTC, minus the instant: the zone's offset. */
  private offset(ms: number): number {
    return this.wall(ms) - Math.floor(ms / 1000) * 1000;
  }

  private compute(ms: number): number {
    return Math.floor(this.wall(ms) / DAY_MS);
  }

  private wall(ms: number): number {
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    for (const part of this.format!.formatToParts(ms)) {
      switch (part.type) {
        case 'year': y = Number(part.value); break;
        case 'month': mo = Number(part.value); break;
        case 'day': d = Number(part.value); break;
        case 'hour': h = Number(part.value); break;
        case 'minute': mi = Number(part.value); break;
        case 'second': s = Number(part.value); break;
        default: break;
      }
    }
    return Date.UTC(y, mo - 1, d, h, mi, s);
  }
}

/**
 * The session day of a bar stamp, by calendar.ts's sessionDateOf rule: daily bars are stamped 00:00
 * UTC of their date, so such a stamp is that date; any other stamp is intraday and is dated in the
 * clock's timezone. (An intraday bar stamped exactly at 00:00 UTC is therefore read as a daily one.)
 */
export function sessionDay(clock: LocalDayClock, ms: number): number {
  return ms % DAY_MS === 0 ? ms / DAY_MS : clock.dayOf(ms);
}

/** Monday = 0 ... Sunday = 6 (pandas' dayofweek; 1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Proleptic Gregorian year, month (1-12) and day of month of a day number, set in place so per-bar
 * callers allocate nothing (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", civil_from_days).
 */
export class CivilDate {
  year = 1970;
  month = 1;
  dayOfMonth = 1;

  set(day: number): this {
    const z = day + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    this.dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
    this.month = mp < 10 ? mp + 3 : mp - 9;
    this.year = yoe + era * 400 + (this.month <= 2 ? 1 : 0);
    return this;
  }
}
