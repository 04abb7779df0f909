// When a cron expression next fires, in UTC or an IANA time zone.
//
// Daylight-saving semantics are croniter's (checked against croniter 7.0.0 in the tests):
// - a job fires at every instant whose local wall-clock time matches, so on a fall-back day a time
//   inside the repeated hour (01:30 in New York) fires twice, once at each offset;
// - a matching local time that does not exist (02:30 on a spring-forward day) fires once, at the
//   instant the clocks jump (03:00 local); several skipped matches collapse into that one run.
// Cronie differs: it runs a fixed-time job only once in a repeated hour. Daily retraining at
// 17:30 New York never meets either case; jobs placed between 01:00 and 03:00 local should.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { parseCron, type CronExpression } from './cron';
import { checkTimeZone, firstOffsetChange, UTC, zoneOffset } from './timezone';

export interface NextRunOptions {
  /** IANA zone the expression's fields are read in (default 'UTC'). */
  readonly timezone?: string;
}

const MINUTE = 60_000;
/** The Gregorian calendar repeats every 400 years, so a match that exists is found within one cycle. */
const SEARCH_YEARS = 400;

/** For each field, the first matching value at or after each index (-1: none left). */
interface Tables {
  readonly minute: Int8Array;
  readonly hour: Int8Array;
  readonly month: Int8Array;
  readonly dom: Uint8Array;
  readonly dow: Uint8Array;
  readonly either: boolean;
}

function nextTable(values: readonly number[], size: number): Int8Array {
  const table = new Int8Array(size).fill(-1);
  for (let i = size - 1, next = -1; i >= 0; i--) {
    if (values.includes(i)) next = i;
    table[i] = next;
  }
  return table;
}

function maskOf(values: readonly number[], size: number): Uint8Array {
  const mask = new Uint8Array(size);
  for (const v of values) mask[v] = 1;
  return mask;
}

function tablesOf(cron: CronExpression): Tables {
  return {
    minute: nextTable(cron.minutes, 60), hour: nextTable(cron.hours, 24), month: nextTable(cron.months, 13),
    dom: maskOf(cron.daysOfMonth, 32), dow: maskOf(cron.daysOfWeek, 7),
    either: cron.daysOfMonthRestricted && cron.daysOfWeekRestricted,
  };
}

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The first matching day in [day, end of month], or -1. */
function nextDay(t: Tables, y: number, mo: number, day: number): number {
  const last = daysInMonth(y, mo);
  const weekdayOfFirst = new Date(Date.UTC(y, mo - 1, 1)).getUTCDay();
  for (let d = day; d <= last; d++) {
    const dom = t.dom[d] === 1;
    const dow = t.dow[(weekdayOfFirst + d - 1) % 7] === 1;
    if (t.either ? dom || dow : dom && dow) return d;
  }
  return -1;
}

/** The first wall-clock time (naive ms: local fields written as if UTC) at or after `start` that matches. */
function nextWallMatch(t: Tables, start: number): number {
  const s = new Date(start);
  let y = s.getUTCFullYear();
  let mo = s.getUTCMonth() + 1;
  let day = s.getUTCDate();
  let h = s.getUTCHours();
  let mi = s.getUTCMinutes();
  const lastYear = y + SEARCH_YEARS;
  while (y <= lastYear) {
    const m = t.month[mo]!;
    if (m < 0) { y += 1; mo = 1; day = 1; h = 0; mi = 0; continue; }
    if (m !== mo) { mo = m; day = 1; h = 0; mi = 0; }
    const d = nextDay(t, y, mo, day);
    if (d < 0) { mo += 1; day = 1; h = 0; mi = 0; if (mo > 12) { mo = 1; y += 1; } continue; }
    if (d !== day) { day = d; h = 0; mi = 0; }
    const hh = h > 23 ? -1 : t.hour[h]!;
    if (hh < 0) { day += 1; h = 0; mi = 0; continue; }
    if (hh !== h) { h = hh; mi = 0; }
    const mm = t.minute[mi]!;
    if (mm < 0) { h += 1; mi = 0; continue; }
    return Date.UTC(y, mo - 1, day, h, mm);
  }
  // parseCron rejects expressions that can never match, so this is a bug, not a user error.
  throw new Error(`no match for cron fields within ${SEARCH_YEARS} years of ${new Date(start).toISOString()}`);
}

const floorMinute = (t: number): number => Math.floor(t / MINUTE) * MINUTE;
const ceilMinute = (t: number): number => Math.ceil(t / MINUTE) * MINUTE;

function instantOf(after: number | Date): number {
  const t = after instanceof Date ? after.getTime() : after;
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    throw new InvalidArgumentError('after', after, 'must be a Date or epoch milliseconds', 'pass e.g. Date.now() or new Date()');
  }
  return t;
}

/**
 * Walks the zone's offset segments: within one the wall clock is instant + offset, so the first
 * wall match converts straight back, unless the offset changes first; then a skipped wall interval
 * holding a match fires at the change, and the search resumes from the change at the new offset
 * (which revisits the repeated hour after a fall-back).
 */
function nextInZone(m: Tables, after: number, zone: string): number {
  let from = after;
  let inclusive = false;
  for (;;) {
    const offset = zoneOffset(zone, from);
    const wall = nextWallMatch(m, inclusive ? ceilMinute(from + offset) : floorMinute(from + offset) + MINUTE);
    const candidate = wall - offset;
    const change = firstOffsetChange(zone, from, candidate);
    if (change === undefined) return candidate;
    if (zoneOffset(zone, change) > offset && wall < change + zoneOffset(zone, change)) return change;
    from = change;
    inclusive = true;
  }
}

/** The first instant (epoch ms) strictly after `after` at which `expression` fires. */
export function nextRun(expression: string | CronExpression, after: number | Date, options: NextRunOptions = {}): number {
  rejectUnknownOptions('options', options, ['timezone']);
  const cron = typeof expression === 'string' ? parseCron(expression) : expression;
  const zone = checkTimeZone(options.timezone ?? UTC, 'options.timezone');
  return nextInZone(tablesOf(cron), instantOf(after), zone);
}

/** The next `count` firing instants after `after`, ascending. */
export function nextRuns(expression: string | CronExpression, after: number | Date, count: number, options: NextRunOptions = {}): number[] {
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('count', count, 'must be a non-negative integer', 'pass e.g. 10');
  rejectUnknownOptions('options', options, ['timezone']);
  const cron = typeof expression === 'string' ? parseCron(expression) : expression;
  const zone = checkTimeZone(options.timezone ?? UTC, 'options.timezone');
  const masks = tablesOf(cron);
  const out: number[] = [];
  let t = instantOf(after);
  for (let i = 0; i < count; i++) {
    t = nextInZone(masks, t, zone);
    out.push(t);
  }
  return out;
}
