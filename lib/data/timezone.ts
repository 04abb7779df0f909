// Time zones for market data. Timestamps are always stored as epoch milliseconds (UTC); an IANA
// zone name ('America/New_York') only says how to read them as the exchange's local dates and
// clock times. Everything goes through Intl (the tz database Node ships with ICU), so there is no
// time-zone dependency and no offset table to keep up to date by hand.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';

/** Wall-clock fields of an instant in a zone. month is 1-12, weekday 0 (Sunday) - 6. */
export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly weekday: number;
}

/** Wall-clock fields to turn into an instant; the time of day defaults to midnight. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
  readonly millisecond?: number;
}

/**
 * How a wall-clock time that the zone skips (spring forward: 02:30 in New York on 2020-03-08) or
 * repeats (fall back: 01:30 on 2020-11-01) becomes one instant. The names and meanings are those
 * of Temporal's `disambiguation`: 'compatible' takes the earlier of a repeated time and moves a
 * skipped time forward by the gap (what Python's zoneinfo does with fold=0); 'reject' throws.
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';
export const DISAMBIGUATIONS: readonly Disambiguation[] = ['compatible', 'earlier', 'later', 'reject'];
export const DEFAULT_DISAMBIGUATION: Disambiguation = 'compatible';

export interface ZonedTimeOptions {
  readonly disambiguation?: Disambiguation;
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Z']);
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone names as given -> canonical spelling (resolvedOptions is slow enough to matter per row). */
const canonical = new Map<string, string>();
const DAY_MS = 86_400_000;

/** True for the names that mean UTC itself (no offset ever). */
export function isUtcZone(timezone: string): boolean {
  return UTC_NAMES.has(timezone);
}

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/**
 * Checks that `timezone` is an IANA zone name Intl knows and returns its canonical spelling
 * ('america/new_york' -> 'America/New_York'). The error suggests the nearest valid names.
 */
export function assertTimeZone(timezone: unknown, argument = 'timezone'): string {
  if (typeof timezone !== 'string' || timezone.trim() === '') {
    throw new InvalidArgumentError(argument, timezone, 'must be an IANA time-zone name', "pass e.g. 'America/New_York', 'Europe/London' or 'UTC'");
  }
  const known = canonical.get(timezone);
  if (known !== undefined) return known;
  try {
    const name = formatter(timezone).resolvedOptions().timeZone;
    canonical.set(timezone, name);
    return name;
  } catch {
    const near = nearestZones(timezone);
    throw new InvalidArgumentError(argument, timezone, 'is not an IANA time-zone name known to Intl',
      near.length ? `did you mean ${near.map((z) => `'${z}'`).join(' or ')}? (Intl.supportedValuesOf('timeZone') lists all)`
        : "pass a name from Intl.supportedValuesOf('timeZone'), e.g. 'America/New_York' or 'UTC'");
  }
}

function nearestZones(name: string): string[] {
  const target = name.toLowerCase();
  // supportedValuesOf is in Node >= 18 but not yet in TypeScript's ES2023 lib.
  const zones = (Intl as unknown as { supportedValuesOf(key: 'timeZone'): string[] }).supportedValuesOf('timeZone');
  const scored = [...zones, 'UTC'].map((zone) => ({ zone, d: editDistance(target, zone.toLowerCase()) }));
  scored.sort((a, b) => a.d - b.d || a.zone.localeCompare(b.zone));
  const best = scored[0]!.d;
  // A misspelling is a few edits away; beyond a third of the name the suggestion is noise.
  if (best > Math.max(2, Math.floor(target.length / 3))) return [];
  return scored.filter((s) => s.d === best).slice(0, 3).map((s) => s.zone);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Local calendar and clock fields of the instant `ms` (epoch ms) in `timezone`. */
export function localParts(ms: number, timezone: string): LocalParts {
  if (!Number.isFinite(ms)) {
    throw new InvalidArgumentError('ms', ms, 'must be a finite epoch-millisecond timestamp', 'drop or repair missing timestamps first');
  }
  const d = new Date(ms + utcOffsetMs(ms, timezone));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

function zoneOrThrow(timezone: string): string {
  if (!formatters.has(timezone)) assertTimeZone(timezone);
  return timezone;
}

const HOUR_MS = 3_600_000;
const MAX_CACHED = 200_000;
/** zone -> offsets at the start of UTC days and hours (by day and hour number). */
const bucketOffsets = new Map<string, { days: Map<number, number>; hours: Map<number, number> }>();

/**
 * Offset of local time from UTC at the instant `ms`, in milliseconds (New York in winter:
 * -18,000,000). Asking Intl costs microseconds, so offsets are cached per zone by UTC day, then
 * hour: when a day (or hour) starts and ends on the same offset, every instant inside it has that
 * offset, since no zone changes its offset twice within a day; near a change the instant itself
 * is asked about.
 */
export function utcOffsetMs(ms: number, timezone: string): number {
  if (!Number.isFinite(ms)) {
    throw new InvalidArgumentError('ms', ms, 'must be a finite epoch-millisecond timestamp', 'drop or repair missing timestamps first');
  }
  if (isUtcZone(timezone)) return 0;
  const zone = zoneOrThrow(timezone);
  let cache = bucketOffsets.get(zone);
  if (!cache || cache.days.size + cache.hours.size > MAX_CACHED) bucketOffsets.set(zone, cache = { days: new Map(), hours: new Map() });
  const day = Math.floor(ms / DAY_MS);
  const dayStart = cachedOffset(zone, cache.days, day, DAY_MS);
  if (dayStart === cachedOffset(zone, cache.days, day + 1, DAY_MS)) return dayStart;
  const hour = Math.floor(ms / HOUR_MS);
  const hourStart = cachedOffset(zone, cache.hours, hour, HOUR_MS);
  if (hourStart === cachedOffset(zone, cache.hours, hour + 1, HOUR_MS)) return hourStart;
  return intlOffset(ms, zone);
}

function cachedOffset(zone: string, cache: Map<number, number>, bucket: number, size: number): number {
  let offset = cache.get(bucket);
  if (offset === undefined) cache.set(bucket, offset = intlOffset(bucket * size, zone));
  return offset;
}

function intlOffset(ms: number, zone: string): number {
  const fields: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(ms)) fields[part.type] = part.value;
  const y = Number(fields.year);
  const wall = wallClockMs({
    year: fields.era === 'BC' ? 1 - y : y, month: Number(fields.month), day: Number(fields.day),
    hour: Number(fields.hour), minute: Number(fields.minute), second: Number(fields.second),
  });
  // Intl shows whole seconds; the offset is measured against the instant's whole second.
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The wall-clock fields read as if they were UTC: the instant minus nothing. */
function wallClockMs(p: LocalDateTime): number {
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour ?? 0, p.minute ?? 0, p.second ?? 0, p.millisecond ?? 0);
  return d.getTime();
}

/** The local date 'YYYY-MM-DD' of the instant `ms` in `timezone` (UTC by default). */
export function localDate(ms: number, timezone = 'UTC'): string {
  if (isUtcZone(timezone) && Number.isFinite(ms)) return new Date(ms).toISOString().slice(0, 10);
  const p = localParts(ms, timezone);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

/** The local date and time 'YYYY-MM-DDTHH:mm:ss.sss' (no offset) of the instant `ms` in `timezone`. */
export function localDateTime(ms: number, timezone = 'UTC'): string {
  const p = localParts(ms, timezone);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}.${pad(p.millisecond, 3)}`;
}

/**
 * ISO 8601 text with the zone's offset ('2020-11-01T01:30:00-04:00'), which names the instant
 * unambiguously even inside a repeated hour. Milliseconds are written only when asked or non-zero.
 */
export function formatZoned(ms: number, timezone = 'UTC', withMilliseconds = false): string {
  const p = localParts(ms, timezone);
  const offset = Math.round((wallClockMs(p) - ms) / 1000);
  const frac = withMilliseconds || p.millisecond !== 0 ? `.${pad(p.millisecond, 3)}` : '';
  const clock = `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${frac}`;
  if (isUtcZone(timezone)) return `${clock}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  // Historical local mean time carries seconds in its offset; ISO allows ±HH:MM:SS for it.
  const secs = abs % 60 ? `:${pad(abs % 60, 2)}` : '';
  return `${clock}${sign}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor(abs / 60) % 60, 2)}${secs}`;
}

function pad(n: number, width: number): string {
  return n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0');
}

/**
 * The instant at which clocks in `timezone` show the given wall-clock time. Skipped and repeated
 * times (daylight-saving changes) are resolved by `options.disambiguation`.
 */
export function zonedTimeToEpoch(local: LocalDateTime, timezone: string, options: ZonedTimeOptions = {}): number {
  rejectUnknownOptions('options', options, ['disambiguation']);
  const mode = options.disambiguation ?? DEFAULT_DISAMBIGUATION;
  if (!DISAMBIGUATIONS.includes(mode)) {
    throw new InvalidArgumentError('options.disambiguation', mode, 'is not a disambiguation mode', `use one of ${DISAMBIGUATIONS.join(', ')}`);
  }
  checkFields(local);
  const wall = wallClockMs(local);
  const zone = assertTimeZone(timezone);
  if (isUtcZone(zone)) return wall;
  // Offsets in force a day either side bracket any transition near this wall time (zones
  // change offset at most once a day); each candidate instant is kept if it shows this time.
  const before = utcOffsetMs(wall - DAY_MS, zone);
  const after = utcOffsetMs(wall + DAY_MS, zone);
  // The common case, no change within a day either side: one offset, one instant.
  if (before === after && wallClockMs(localParts(wall - before, zone)) === wall) return wall - before;
  const unique = [...new Set([before, after, utcOffsetMs(wall, zone)])]
    .map((offset) => wall - offset)
    .filter((t) => wallClockMs(localParts(t, zone)) === wall)
    .sort((a, b) => a - b);
  if (unique.length === 1) return unique[0]!;
  const text = `${pad(local.year, 4)}-${pad(local.month, 2)}-${pad(local.day, 2)} ${pad(local.hour ?? 0, 2)}:${pad(local.minute ?? 0, 2)}:${pad(local.second ?? 0, 2)}`;
  if (unique.length > 1) {
    if (mode === 'reject') {
      throw new InvalidArgumentError('local', text, `occurs twice in ${zone} (clocks fall back)`, "pass an explicit UTC offset, or options.disambiguation 'earlier' or 'later'");
    }
    return mode === 'later' ? unique[unique.length - 1]! : unique[0]!;
  }
  if (mode === 'reject') {
    throw new InvalidArgumentError('local', text, `does not exist in ${zone} (clocks spring forward)`, "correct the time, or pass options.disambiguation 'compatible' to move it past the gap");
  }
  // In a gap the offset before the change maps the time past the gap (the later instant), the
  // offset after it maps it before the gap.
  const early = wall - Math.max(before, after), late = wall - Math.min(before, after);
  return mode === 'earlier' ? early : late;
}

function checkFields(local: LocalDateTime): void {
  const limits: Array<[keyof LocalDateTime, number, number]> = [
    ['year', -271820, 275759], ['month', 1, 12], ['day', 1, 31], ['hour', 0, 23], ['minute', 0, 59], ['second', 0, 59], ['millisecond', 0, 999],
  ];
  for (const [key, lo, hi] of limits) {
    const v = local?.[key] ?? (key === 'year' || key === 'month' || key === 'day' ? undefined : 0);
    if (!Number.isInteger(v) || v! < lo || v! > hi) {
      throw new InvalidArgumentError(`local.${key}`, v, `must be an integer in [${lo}, ${hi}]`, 'pass calendar fields (month 1-12, day 1-31, hour 0-23)');
    }
  }
  const d = new Date(wallClockMs(local));
  if (d.getUTCDate() !== local.day) {
    throw new InvalidArgumentError('local.day', local.day, `is not a day of ${pad(local.year, 4)}-${pad(local.month, 2)}`, 'correct the date');
  }
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm[:ss[.fff]]' (T or space) and the same with an offset
 * ('Z', '+05:30', '-0400'). Text with an offset names its instant; text without one is a wall-clock
 * time in `timezone` (UTC when undefined, matching how dates are read without a zone). Digits
 * beyond milliseconds must be zero, because epoch milliseconds cannot hold them.
 */
export function parseZonedDateTime(text: string, timezone?: string, options: ZonedTimeOptions = {}): number {
  const m = DATE_TIME.exec(text.trim());
  if (!m) {
    throw new InvalidArgumentError('text', text, 'is not an ISO date or date-time', "write 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm:ss' or 'YYYY-MM-DDTHH:mm:ss+01:00'");
  }
  const frac = m[7] ?? '';
  if (/[1-9]/.test(frac.slice(3))) {
    throw new InvalidArgumentError('text', text, 'has sub-millisecond digits', 'round the timestamps to milliseconds');
  }
  const local: LocalDateTime = {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0),
    millisecond: Number(frac.slice(0, 3).padEnd(3, '0')),
  };
  const offsetText = m[8];
  if (offsetText === undefined) {
    if (timezone === undefined) {
      checkFields(local);
      return wallClockMs(local);
    }
    return zonedTimeToEpoch(local, timezone, options);
  }
  checkFields(local);
  if (offsetText.toUpperCase() === 'Z') return wallClockMs(local);
  const digits = offsetText.slice(1).replace(/:/g, '');
  const seconds = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || 0) * 60 + Number(digits.slice(4, 6) || 0);
  return wallClockMs(local) - (offsetText[0] === '-' ? -1 : 1) * seconds * 1000;
}

/** The instant of local midnight starting the day `date` ('YYYY-MM-DD') in `timezone`. */
export function startOfLocalDay(date: string, timezone: string): number {
  return parseZonedDateTime(date, assertTimeZone(timezone));
}
