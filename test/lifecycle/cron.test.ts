// Cron parsing and nextRun. Sequences are checked against croniter 7.0.0 (Python, .venv) in UTC and
// in zones with daylight saving, around every offset change of 2023-2025; the cases where we
// deliberately differ from croniter (Vixie's `*` rule, sub-hour DST shifts) are hand-computed.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CRON_MACROS, DEFAULT_DAILY_SCHEDULE, DEFAULT_SCHEDULE_TIMEZONE, DEFAULT_WEEKLY_SCHEDULE, nextRun, nextRuns, parseCron,
} from '../../lib/lifecycle';
import { firstOffsetChange } from '../../lib/lifecycle/timezone';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng, type Rng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

const iso = (t: number): string => new Date(t).toISOString();
const utc = (s: string): number => Date.parse(s);

describe('parseCron', () => {
  it('expands lists, ranges, steps, names and * into ascending values', () => {
    const c = parseCron('*/15 9-17/4 1,15,31 jan-MAR,Dec mon-FRI');
    expect(c.minutes).toEqual([0, 15, 30, 45]);
    expect(c.hours).toEqual([9, 13, 17]);
    expect(c.daysOfMonth).toEqual([1, 15, 31]);
    expect(c.months).toEqual([1, 2, 3, 12]);
    expect(c.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect([c.daysOfMonthRestricted, c.daysOfWeekRestricted]).toEqual([true, true]);
  });

  it('reads 7 as Sunday, N/step as N-max/step, and * in the day fields as unrestricted even with a step', () => {
    expect(parseCron('0 0 * * 5-7').daysOfWeek).toEqual([0, 5, 6]);
    expect(parseCron('5/20 * * * 3/2').minutes).toEqual([5, 25, 45]);
    expect(parseCron('5/20 * * * 3/2').daysOfWeek).toEqual([3, 5]);
    const c = parseCron('0 0 */2 * MON');
    expect([c.daysOfMonthRestricted, c.daysOfWeekRestricted]).toEqual([false, true]);
  });

  it('expands the macros', () => {
    for (const [macro, fields] of Object.entries(CRON_MACROS)) {
      const { source: _a, ...m } = parseCron(macro);
      const { source: _b, ...f } = parseCron(fields);
      expect(m, macro).toEqual(f);
    }
    expect(parseCron('@Daily').minutes).toEqual([0]);
  });

  const bad: [string, RegExp][] = [
    ['60 * * * *', /minute 60 is outside 0-59\. Fix: use a minute in 0-59/],
    ['0 24 * * *', /hour 24 is outside 0-23/],
    ['0 0 0 * *', /day-of-month 0 is outside 1-31/],
    ['0 0 * 13 *', /month 13 is outside 1-12/],
    ['0 0 * * 8', /day-of-week 8 is outside 0-7/],
    ['* * * *', /has 4 fields, not 5\. Fix: write minute hour day-of-month month day-of-week/],
    ['0 0 0 * * *', /has 6 fields, not 5 \(a seconds or year field, as in Quartz, is not supported\)/],
    ['@reboot', /is not a supported macro\. Fix: use one of @yearly/],
    ['0 0 30 2 *', /day-of-month 30 never occurs in month FEB\. Fix: pick a day that exists/],
    ['0 0 31 APR,JUN *', /day-of-month 31 never occurs in month APR,JUN/],
    ['0 0 * * FRI-MON', /range "FRI-MON" runs backwards \(5 > 1\)\. Fix: .*two items when it wraps \(e\.g\. FRI-SAT,SUN-MON\)/],
    ['*/0 * * * *', /minute step "0" in "\*\/0" is not a positive integer\. Fix: write a step of 1 or more/],
    ['0 0 L * *', /Quartz's \?, L, W and # are not cron syntax/],
    ['0 0 ? * MON', /Quartz's/],
    ['0 0 * * 5#3', /Quartz's/],
    ['1,,2 * * * *', /empty list item\. Fix: remove the doubled or trailing comma/],
    ['0 0 * JANUARY *', /month field has "JANUARY", which is not a number or a name \(JAN FEB/],
    ['1-2-3 * * * *', /minute range "1-2-3" is malformed/],
    ['*/5/2 * * * *', /has two steps/],
  ];
  it.each(bad)('rejects %j, naming the argument, the value and the fix', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(InvalidArgumentError);
    expect(() => parseCron(expression)).toThrow(`expression = ${JSON.stringify(expression)}: `);
    expect(() => parseCron(expression)).toThrow(message);
  });

  it('rejects a non-string under the caller-given argument name', () => {
    expect(() => parseCron(5 as never, 'job.schedule')).toThrow(/^job\.schedule = 5: must be a cron expression string\. Fix: write e\.g\./);
  });
});

describe('nextRun options and inputs', () => {
  it('rejects an unknown zone, an unknown option, a bad instant and a bad count', () => {
    expect(() => nextRun('0 0 * * *', 0, { timezone: 'Mars/Olympus' })).toThrow(/options\.timezone = "Mars\/Olympus": is not a time zone this runtime knows\. Fix: pass an IANA name/);
    expect(() => nextRun('0 0 * * *', 0, { tz: 'UTC' } as never)).toThrow(/options\.tz = "UTC": is not a known option\. Fix: use only: timezone/);
    expect(() => nextRun('0 0 * * *', Number.NaN)).toThrow(/after = NaN: must be a Date or epoch milliseconds/);
    expect(() => nextRuns('0 0 * * *', 0, -1)).toThrow(/count = -1: must be a non-negative integer/);
  });

  it('is strictly after `after`, takes Dates, and reads Etc/UTC as UTC', () => {
    expect(iso(nextRun('0 * * * *', utc('2024-01-01T01:00:00Z')))).toBe('2024-01-01T02:00:00.000Z');
    expect(iso(nextRun('0 * * * *', new Date('2024-01-01T00:59:59.999Z'), { timezone: 'Etc/UTC' }))).toBe('2024-01-01T01:00:00.000Z');
  });

  it('finds Feb 29 across a skipped century leap year', () => {
    expect(nextRuns('0 0 29 2 *', utc('2096-03-01T00:00:00Z'), 2).map(iso)).toEqual(['2104-02-29T00:00:00.000Z', '2108-02-29T00:00:00.000Z']);
  });
});

describe('day-of-month and day-of-week (Vixie cron)', () => {
  it('ORs them when both are restricted: the 13th or any Friday', () => {
    // January 2024: Fridays 5, 12, 19, 26; the 13th is a Saturday.
    expect(nextRuns('0 0 13 * FRI', utc('2024-01-01T00:00:00Z'), 5).map((t) => iso(t).slice(0, 10))).toEqual(['2024-01-05', '2024-01-12', '2024-01-13', '2024-01-19', '2024-01-26']);
  });

  it('ANDs them when one starts with * (croniter ORs here): odd days that are Mondays', () => {
    // Mondays of early 2024: Jan 1, 8, 15, 22, 29, Feb 5, 12, 19, 26, Mar 4, 11.
    expect(nextRuns('0 0 */2 * MON', utc('2024-01-01T00:00:00Z'), 5).map((t) => iso(t).slice(0, 10))).toEqual(['2024-01-15', '2024-01-29', '2024-02-05', '2024-02-19', '2024-03-11']);
  });
});

describe('daylight saving in America/New_York (hand-computed)', () => {
  const ny = { timezone: 'America/New_York' };

  it('runs a 02:30 job at 03:00 EDT on the spring-forward day (2024-03-10)', () => {
    expect(nextRuns('30 2 * * *', utc('2024-03-08T12:00:00Z'), 3, ny).map(iso)).toEqual([
      '2024-03-09T07:30:00.000Z', // 02:30 EST
      '2024-03-10T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT, the moment the clocks jump
      '2024-03-11T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  it('collapses every skipped match into one run at the jump', () => {
    expect(nextRuns('*/30 * * * *', utc('2024-03-10T06:10:00Z'), 3, ny).map(iso)).toEqual([
      '2024-03-10T06:30:00.000Z', '2024-03-10T07:00:00.000Z', '2024-03-10T07:30:00.000Z', // 01:30 EST, 03:00 and 03:30 EDT
    ]);
  });

  it('runs a 01:30 job twice on the fall-back day (2024-11-03), once at each offset', () => {
    expect(nextRuns('30 1 * * *', utc('2024-11-02T12:00:00Z'), 4, ny).map(iso)).toEqual([
      '2024-11-03T05:30:00.000Z', '2024-11-03T06:30:00.000Z', '2024-11-04T06:30:00.000Z', '2024-11-05T06:30:00.000Z',
    ]);
  });

  it('revisits the repeated hour when asked from inside its first pass', () => {
    // 01:40 EDT: the next :00/:30 is 01:00 EST, an hour of wall time "earlier".
    expect(nextRuns('*/30 * * * *', utc('2024-11-03T05:40:00Z'), 3, ny).map(iso)).toEqual(['2024-11-03T06:00:00.000Z', '2024-11-03T06:30:00.000Z', '2024-11-03T07:00:00.000Z']);
  });

  it('keeps the default daily schedule at 17:30 local across the change: 21:30 UTC in EDT, 22:30 UTC in EST', () => {
    const runs = nextRuns(DEFAULT_DAILY_SCHEDULE, utc('2024-10-31T00:00:00Z'), 4, { timezone: DEFAULT_SCHEDULE_TIMEZONE });
    expect(runs.map(iso)).toEqual(['2024-10-31T21:30:00.000Z', '2024-11-01T21:30:00.000Z', '2024-11-04T22:30:00.000Z', '2024-11-05T22:30:00.000Z']);
    expect(iso(nextRun(DEFAULT_WEEKLY_SCHEDULE, utc('2024-11-01T00:00:00Z'), { timezone: DEFAULT_SCHEDULE_TIMEZONE }))).toBe('2024-11-02T10:00:00.000Z');
  });
});

describe('sub-hour daylight saving (where croniter 7.0.0 rounds to the next whole hour)', () => {
  it('Lord Howe springs forward 30 minutes at 02:00: the skipped 02:00 runs at the jump', () => {
    // 2021-10-03 02:00 +10:30 -> 02:30 +11:00 at 15:30 UTC; croniter gives 16:00 UTC (03:00 local).
    expect(nextRuns('0 * * * *', utc('2021-10-02T15:25:00Z'), 2, { timezone: 'Australia/Lord_Howe' }).map(iso)).toEqual(['2021-10-02T15:30:00.000Z', '2021-10-02T16:00:00.000Z']);
  });

  it('Lord Howe falls back 30 minutes: the repeated half hour runs again', () => {
    // 2021-04-04 02:00 +11:00 -> 01:30 +10:30 at 15:00 UTC. After 01:56 +11:00 comes 01:35 +10:30;
    // croniter goes on to 02:00 +10:30 (15:30 UTC), skipping the repeat it keeps for a lone '35 1 * * *'.
    expect(nextRuns('*/7 0-4 * * *', utc('2021-04-03T14:55:17Z'), 3, { timezone: 'Australia/Lord_Howe' }).map(iso)).toEqual([
      '2021-04-03T14:56:00.000Z', '2021-04-03T15:05:00.000Z', '2021-04-03T15:12:00.000Z',
    ]);
    expect(nextRuns('35 1 * * *', utc('2021-04-03T14:00:00Z'), 2, { timezone: 'Australia/Lord_Howe' }).map(iso)).toEqual(['2021-04-03T14:35:00.000Z', '2021-04-03T15:05:00.000Z']);
  });
});

interface Case { expr: string; tz: string; start: number; n: number }

function field(rng: Rng, min: number, max: number, dayField: boolean): string {
  const v = (): number => min + rng.int(max - min + 1);
  // croniter reads a one-value range "a-a" as "*", so ranges here always span two values or more.
  const range = (): [number, number] => {
    const a = min + rng.int(max - min);
    return [a, a + 1 + rng.int(max - a)];
  };
  switch (rng.int(8)) {
    case 0: case 1: return '*';
    case 2: return String(v());
    case 3: return [v(), v(), v()].join(',');
    case 4: return range().join('-');
    // croniter treats `*/n` in a day field as restricted (Vixie does not): day fields use `a/n`.
    case 5: return dayField ? `${v()}/${1 + rng.int(5)}` : `*/${1 + rng.int(20)}`;
    case 6: return `${range().join('-')}/${1 + rng.int(4)}`;
    default: { const [a] = range(); return `${v()},${a}-${max}`; }
  }
}

function randomCases(): Case[] {
  const rng = createRng(20240310);
  const zones = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns'];
  return Array.from({ length: 250 }, () => ({
    expr: [field(rng, 0, 59, false), field(rng, 0, 23, false), field(rng, 1, 28, true), field(rng, 1, 12, false), field(rng, 0, 6, true)].join(' '),
    tz: zones[rng.int(zones.length)]!,
    start: Date.UTC(2020, 0, 1) + Math.floor(rng.uniform() * 10 * 365 * 86_400_000),
    n: 12,
  }));
}

/** Starts just before every offset change of 2023-2025, with schedules that hit the changed hours. */
function dstCases(): Case[] {
  const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'America/Santiago', 'America/St_Johns'];
  const exprs = ['*/30 * * * *', '30 2 * * *', '0,15,45 1-3 * * *', '*/7 0-4 * * *', '30 1 * * *', '0 * * * *', '45 23 * * *', '0 0 * * *', '*/20 22-23,0-3 * * *'];
  const cases: Case[] = [];
  for (const tz of zones) {
    for (let t = Date.UTC(2023, 0, 1); ; ) {
      const change = firstOffsetChange(tz, t, Date.UTC(2026, 0, 1));
      if (change === undefined) break;
      for (const expr of exprs) for (const minutesBefore of [5, 90, 1500]) cases.push({ expr, tz, start: change - minutesBefore * 60_000 + 17_000, n: 10 });
      t = change;
    }
  }
  return cases;
}

describe('nextRuns against croniter 7.0.0', () => {
  const random = randomCases();
  const dst = dstCases();
  let reference: number[][];
  beforeAll(() => {
    reference = runPython<number[][]>(`
from datetime import datetime
from zoneinfo import ZoneInfo
from croniter import croniter
out = []
for c in inp:
    it = croniter(c['expr'], datetime.fromtimestamp(c['start'] / 1000, ZoneInfo(c['tz'])))
    out.append([round(it.get_next(datetime).timestamp() * 1000) for _ in range(c['n'])])
print(json.dumps(out))
`, [...random, ...dst]);
  });

  const check = (cases: Case[], offset: number): void => {
    const mismatches = cases.flatMap((c, i) => {
      const ours = nextRuns(c.expr, c.start, c.n, { timezone: c.tz });
      return JSON.stringify(ours) === JSON.stringify(reference[offset + i]) ? [] : [{ ...c, ours: ours.map(iso), croniter: reference[offset + i]!.map(iso) }];
    });
    expect(mismatches).toEqual([]);
  };

  it('agrees exactly on 250 random expressions in 6 zones, 12 runs each', () => {
    check(random, 0);
  });

  it(`agrees exactly around every offset change of 2023-2025 in 5 zones`, () => {
    expect(dst.length).toBeGreaterThan(700);
    check(dst, random.length);
  });
});
