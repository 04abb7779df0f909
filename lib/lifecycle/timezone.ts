// UTC offsets of IANA time zones from the runtime's Intl data (no bundled tz database), and the
// search for the instant an offset changes. Offsets are in milliseconds: local wall time = instant + offset.
import { InvalidArgumentError } from '../util/errors';

export const UTC = 'UTC';

/**
 * How far apart the offset is sampled to find its changes. It assumes a zone never changes its offset
 * twice within this span, which holds for every tz database zone in the modern era (changes are
 * months apart; the closest pairs are a few weeks, e.g. Morocco's Ramadan suspensions).
 */
const PROBE_MS = 6 * 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's canonical name ('Etc/UTC' -> 'UTC'); throws when the runtime does not know it. */
export function checkTimeZone(timeZone: unknown, argument = 'timezone'): string {
  if (typeof timeZone !== 'string' || timeZone.length === 0) {
    throw new InvalidArgumentError(argument, timeZone, 'must be an IANA time zone name', "pass e.g. 'America/New_York' or 'UTC'");
  }
  try {
    return formatterOf(timeZone).resolvedOptions().timeZone;
  } catch {
    throw new InvalidArgumentError(argument, timeZone, 'is not a time zone this runtime knows', "pass an IANA name such as 'America/New_York', 'Europe/London' or 'UTC'");
  }
}

const WALL = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/** The zone's UTC offset (ms) in force at `instant` (epoch ms). */
export function zoneOffset(timeZone: string, instant: number): number {
  if (timeZone === UTC) return 0;
  const f = formatterOf(timeZone);
  // format() and a regex are about 3x faster than formatToParts, which stays the fallback for odd years.
  const m = WALL.exec(f.format(instant));
  let wall: number;
  if (m) {
    wall = Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!, +m[6]!);
  } else {
    const parts = f.formatToParts(instant);
    const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)!.value);
    wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  }
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant the offset first differs from offset(lo), given that it differs at hi. */
function bisectChange(timeZone: string, lo: number, hi: number): number {
  const offset = zoneOffset(timeZone, lo);
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (zoneOffset(timeZone, mid) === offset) a = mid;
    else b = mid;
  }
  return b;
}

// Offset changes per zone and UTC year, found once by sampling, so a sparse schedule (a yearly job)
// does not re-sample years of offsets on every call.
const changeCache = new Map<string, Map<number, readonly number[]>>();

/** The offset changes in (start of `year`, start of `year + 1`], UTC. */
function changesInYear(timeZone: string, year: number): readonly number[] {
  let byYear = changeCache.get(timeZone);
  if (byYear === undefined) changeCache.set(timeZone, (byYear = new Map()));
  let changes = byYear.get(year);
  if (changes === undefined) {
    const found: number[] = [];
    const end = Date.UTC(year + 1, 0, 1);
    let lo = Date.UTC(year, 0, 1);
    let offset = zoneOffset(timeZone, lo);
    while (lo < end) {
      const hi = Math.min(lo + PROBE_MS, end);
      const next = zoneOffset(timeZone, hi);
      if (next !== offset) {
        lo = bisectChange(timeZone, lo, hi);
        found.push(lo);
        offset = zoneOffset(timeZone, lo);
      } else {
        lo = hi;
      }
    }
    changes = found;
    byYear.set(year, changes);
  }
  return changes;
}

/** The first instant in (from, to] at which the zone's offset changes; undefined when none does. */
export function firstOffsetChange(timeZone: string, from: number, to: number): number | undefined {
  if (timeZone === UTC || to <= from) return undefined;
  // A change exactly at 1 January 00:00 UTC belongs to the year before (the intervals are open at the start).
  const yearOf = (t: number): number => new Date(t - 1).getUTCFullYear();
  for (let year = yearOf(from + 1); year <= yearOf(to); year++) {
    for (const change of changesInYear(timeZone, year)) {
      if (change > from && change <= to) return change;
    }
  }
  return undefined;
}
