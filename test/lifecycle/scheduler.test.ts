// The scheduler in simulated time: a ManualClock is both clock and timer source, so a week passes in
// milliseconds and every run time is exact.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DAILY_SCHEDULE, DEFAULT_WEEKLY_SCHEDULE, ManualClock, MAX_TIMER_DELAY_MS, readSchedulerState, Scheduler, type JobContext,
} from '../../lib/lifecycle';
import { DataFormatError, InvalidArgumentError } from '../../lib/util/errors';

const iso = (t: number): string => new Date(t).toISOString();
const DAY = 86_400_000;
// Monday 2024-11-04 00:00 in New York (EST, UTC-5).
const MONDAY = Date.parse('2024-11-04T05:00:00Z');

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-scheduler-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Scheduler on the default schedules', () => {
  it('runs the weekday job 5 times and the weekend job once in a simulated week, at 17:30 and Saturday 06:00 New York', async () => {
    const clock = new ManualClock(MONDAY);
    const daily: JobContext[] = [];
    const weekly: number[] = [];
    const s = new Scheduler({ clock, timers: clock });
    s.add({ name: 'retrain-daily', schedule: DEFAULT_DAILY_SCHEDULE, run: (ctx) => { daily.push(ctx); } });
    s.add({ name: 'retrain-weekly', schedule: DEFAULT_WEEKLY_SCHEDULE, run: () => { weekly.push(clock.now()); } });
    s.start();
    expect(iso(s.nextRunOf('retrain-daily')!)).toBe('2024-11-04T22:30:00.000Z');
    await clock.advance(7 * DAY);
    expect(daily.map((c) => iso(c.scheduledFor))).toEqual([4, 5, 6, 7, 8].map((d) => `2024-11-0${d}T22:30:00.000Z`));
    expect(daily.every((c) => c.job === 'retrain-daily' && !c.catchUp)).toBe(true);
    expect(weekly.map(iso)).toEqual(['2024-11-09T11:00:00.000Z']);
    expect(s.events('retrain-daily').map((e) => e.kind)).toEqual(Array(5).fill(['started', 'succeeded']).flat());
    await s.stop();
    expect(s.nextRunOf('retrain-daily')).toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('Scheduler runs', () => {
  it('skips and records a tick that finds the previous run still going', async () => {
    const clock = new ManualClock(Date.parse('2024-01-01T00:00:00Z'));
    const gate = deferred();
    let runs = 0;
    const s = new Scheduler({ clock, timers: clock, timezone: 'UTC' });
    s.add({ name: 'slow', schedule: '*/10 * * * *', run: async () => { runs += 1; if (runs === 1) await gate.promise; } });
    s.start();
    await clock.advance(25 * 60_000); // :10 starts and hangs; :20 finds it running
    expect(runs).toBe(1);
    gate.resolve();
    await clock.advance(10 * 60_000); // :30 runs again
    expect(runs).toBe(2);
    expect(s.events().map((e) => [e.kind, iso(e.scheduledFor).slice(11, 16), e.reason ?? ''])).toEqual([
      ['started', '00:10', ''], ['skipped', '00:20', 'overlap'], ['succeeded', '00:10', ''], ['started', '00:30', ''], ['succeeded', '00:30', ''],
    ]);
    expect(s.events()[2]!.durationMs).toBe(15 * 60_000); // resolved at 00:25
    await s.stop();
  });

  it('catches and records errors (thrown or rejected) and keeps the schedule', async () => {
    const clock = new ManualClock(Date.parse('2024-01-01T00:00:00Z'));
    let n = 0;
    const s = new Scheduler({ clock, timers: clock, timezone: 'UTC' });
    s.add({
      name: 'flaky', schedule: '@hourly', run: async () => {
        n += 1;
        if (n === 1) throw new RangeError('no data for 2024-01-01');
        if (n === 2) return Promise.reject('vendor timeout');
      },
    });
    s.start();
    await clock.advance(3 * 3_600_000);
    const finished = s.events().filter((e) => e.kind !== 'started');
    expect(finished.map((e) => [e.kind, e.error])).toEqual([
      ['failed', 'RangeError: no data for 2024-01-01'], ['failed', 'vendor timeout'], ['succeeded', undefined],
    ]);
    await s.stop();
  });

  it('chains waits longer than setTimeout allows and runs a yearly job once', async () => {
    const clock = new ManualClock(Date.parse('2024-01-01T00:00:00Z'));
    const delays: number[] = [];
    const timers = { setTimeout: (cb: () => void, ms: number) => { delays.push(ms); return clock.setTimeout(cb, ms); }, clearTimeout: (h: unknown) => clock.clearTimeout(h) };
    const ran: number[] = [];
    const s = new Scheduler({ clock, timers, timezone: 'UTC' });
    s.add({ name: 'yearly', schedule: '@yearly', run: () => { ran.push(clock.now()); } });
    s.start();
    await clock.advanceTo(Date.parse('2025-06-01T00:00:00Z'));
    expect(ran.map(iso)).toEqual(['2025-01-01T00:00:00.000Z']);
    expect(Math.max(...delays)).toBe(MAX_TIMER_DELAY_MS);
    await s.stop();
  });

  it('stop() waits for the run in progress and no timer fires after it', async () => {
    const clock = new ManualClock(Date.parse('2024-01-01T00:00:00Z'));
    const gate = deferred();
    let finished = false;
    const s = new Scheduler({ clock, timers: clock, timezone: 'UTC' });
    s.add({ name: 'j', schedule: '* * * * *', run: async () => { await gate.promise; finished = true; } });
    s.start();
    await clock.advance(60_000);
    const stopped = s.stop();
    gate.resolve();
    await stopped;
    expect(finished).toBe(true);
    await clock.advance(10 * 60_000);
    expect(s.events().filter((e) => e.kind === 'started')).toHaveLength(1);
  });

  it('runNow runs at once, or records an overlap', async () => {
    const clock = new ManualClock(Date.parse('2024-01-01T00:00:00Z'));
    const gate = deferred();
    const s = new Scheduler({ clock, timers: clock, timezone: 'UTC' });
    s.add({ name: 'j', schedule: '@daily', run: () => gate.promise });
    const first = s.runNow('j');
    await s.runNow('j');
    gate.resolve();
    await first;
    expect(s.events().map((e) => [e.kind, e.reason])).toEqual([['started', undefined], ['skipped', 'overlap'], ['succeeded', undefined]]);
  });

  it('keeps only the last maxEvents events', async () => {
    const clock = new ManualClock(Date.parse('2024-01-01T00:00:00Z'));
    const s = new Scheduler({ clock, timers: clock, timezone: 'UTC', maxEvents: 3 });
    s.add({ name: 'j', schedule: '* * * * *', run: () => undefined });
    s.start();
    await clock.advance(5 * 60_000);
    expect(s.events().map((e) => `${e.kind} ${iso(e.scheduledFor).slice(14, 16)}`)).toEqual(['succeeded 04', 'started 05', 'succeeded 05']);
    await s.stop();
  });
});

describe('Scheduler state across restarts', () => {
  const daily = (run: (ctx: JobContext) => void, catchUp?: boolean) => ({ name: 'retrain-daily', schedule: DEFAULT_DAILY_SCHEDULE, run, ...(catchUp === undefined ? {} : { catchUp }) });

  async function ranMonday(stateFile: string): Promise<void> {
    const clock = new ManualClock(MONDAY);
    const s = new Scheduler({ clock, timers: clock, stateFile });
    s.add(daily(() => undefined));
    s.start();
    await clock.advanceTo(Date.parse('2024-11-04T23:00:00Z')); // Monday 18:00, after the 17:30 run
    await s.stop();
  }

  it('writes the last run and does not run the slot again after a restart in the same period', async () => {
    const stateFile = path.join(dir, 'state.json');
    await ranMonday(stateFile);
    expect(readSchedulerState(stateFile).get('retrain-daily')).toMatchObject({ lastSlot: Date.parse('2024-11-04T22:30:00Z'), lastStatus: 'succeeded' });
    const clock = new ManualClock(Date.parse('2024-11-04T23:00:00Z'));
    const runs: JobContext[] = [];
    const s = new Scheduler({ clock, timers: clock, stateFile, catchUp: true });
    s.add(daily((ctx) => { runs.push(ctx); }));
    s.start();
    await clock.advanceTo(Date.parse('2024-11-05T23:00:00Z'));
    expect(runs.map((c) => [iso(c.scheduledFor), c.catchUp])).toEqual([['2024-11-05T22:30:00.000Z', false]]);
    await s.stop();
  });

  it('records a slot missed while down, and runs it once on start with catchUp', async () => {
    const stateFile = path.join(dir, 'state.json');
    await ranMonday(stateFile);
    const wednesdayNoon = Date.parse('2024-11-06T17:00:00Z');

    const off = new Scheduler({ clock: new ManualClock(wednesdayNoon), timers: new ManualClock(wednesdayNoon), stateFile });
    off.add(daily(() => undefined));
    off.start();
    expect(off.events().map((e) => [e.kind, e.reason, iso(e.scheduledFor)])).toEqual([['skipped', 'missed', '2024-11-05T22:30:00.000Z']]);
    await off.stop();

    const clock = new ManualClock(wednesdayNoon);
    const runs: JobContext[] = [];
    const on = new Scheduler({ clock, timers: clock, stateFile });
    on.add(daily((ctx) => { runs.push(ctx); }, true));
    on.start();
    await on.idle();
    expect(runs.map((c) => [iso(c.scheduledFor), c.catchUp])).toEqual([['2024-11-05T22:30:00.000Z', true]]);
    expect(readSchedulerState(stateFile).get('retrain-daily')!.lastSlot).toBe(wednesdayNoon); // covers every slot up to its start
    await on.stop();

    // A second restart an hour later finds nothing missed; Wednesday's own slot still runs.
    const later = new ManualClock(wednesdayNoon + 3_600_000);
    const again = new Scheduler({ clock: later, timers: later, stateFile, catchUp: true });
    again.add(daily((ctx) => { runs.push(ctx); }));
    again.start();
    await later.advanceTo(Date.parse('2024-11-06T23:00:00Z'));
    expect(runs.map((c) => [iso(c.scheduledFor), c.catchUp])).toEqual([['2024-11-05T22:30:00.000Z', true], ['2024-11-06T22:30:00.000Z', false]]);
    await again.stop();
  });

  it('treats a run cut off by a crash as taken, and keeps other jobs in the file', async () => {
    const stateFile = path.join(dir, 'state.json');
    fs.writeFileSync(stateFile, JSON.stringify({
      version: 1,
      jobs: {
        'retrain-daily': { lastSlot: '2024-11-04T22:30:00.000Z', lastStartedAt: '2024-11-04T22:30:00.000Z', lastStatus: 'running' },
        other: { lastSlot: '2024-01-01T00:00:00.000Z', lastStartedAt: '2024-01-01T00:00:00.000Z', lastFinishedAt: '2024-01-01T00:01:00.000Z', lastStatus: 'failed' },
      },
    }));
    const clock = new ManualClock(Date.parse('2024-11-04T22:45:00Z'));
    let runs = 0;
    const s = new Scheduler({ clock, timers: clock, stateFile, catchUp: true });
    s.add(daily(() => { runs += 1; }));
    s.start();
    await s.idle();
    expect(runs).toBe(0);
    await clock.advanceTo(Date.parse('2024-11-05T23:00:00Z'));
    expect(runs).toBe(1);
    expect([...readSchedulerState(stateFile).keys()]).toEqual(['other', 'retrain-daily']);
    await s.stop();
  });

  it('rejects a damaged state file with the fix', () => {
    const stateFile = path.join(dir, 'state.json');
    const s = (): Scheduler => new Scheduler({ clock: new ManualClock(MONDAY), timers: new ManualClock(MONDAY), stateFile });
    fs.writeFileSync(stateFile, '{"version": 1, "jobs": ');
    expect(() => s().start()).toThrow(DataFormatError);
    expect(() => s().start()).toThrow(/state\.json: is not valid JSON .*Fix: delete the file to start afresh/);
    fs.writeFileSync(stateFile, JSON.stringify({ version: 2, jobs: {} }));
    expect(() => s().start()).toThrow(/is not a version-1 scheduler state file/);
    fs.writeFileSync(stateFile, JSON.stringify({ version: 1, jobs: { j: { lastSlot: 'yesterday', lastStartedAt: '2024-01-01T00:00:00Z', lastStatus: 'succeeded' } } }));
    expect(() => s().start()).toThrow(/job "j" needs ISO times lastSlot and lastStartedAt/);
  });
});

describe('ManualClock', () => {
  it('fires timers in due order, each at its own time, and resolves or aborts sleeps in simulated time', async () => {
    const clock = new ManualClock(0);
    const seen: [string, number][] = [];
    clock.setTimeout(() => seen.push(['b', clock.now()]), 20);
    const a = clock.setTimeout(() => seen.push(['x', clock.now()]), 5);
    clock.setTimeout(() => { seen.push(['a', clock.now()]); clock.setTimeout(() => seen.push(['c', clock.now()]), 15); }, 10);
    clock.clearTimeout(a);
    const slept = clock.sleep(30).then(() => seen.push(['slept', clock.now()]));
    const abort = new AbortController();
    const aborted = clock.sleep(100, abort.signal).catch((e: unknown) => seen.push([String(e), clock.now()]));
    await clock.advance(40);
    abort.abort('stopped');
    await Promise.all([slept, aborted]);
    expect(seen).toEqual([['a', 10], ['b', 20], ['c', 25], ['slept', 30], ['stopped', 40]]);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('Scheduler arguments', () => {
  const clock = new ManualClock(MONDAY);
  const ok = { name: 'j', schedule: '@daily', run: () => undefined };

  it('rejects bad options, naming the argument, the value and the fix', () => {
    expect(() => new Scheduler({ clok: clock } as never)).toThrow(/options\.clok = .*is not a known option\. Fix: use only: clock, timers/);
    expect(() => new Scheduler({ clock: {} as never })).toThrow(/options\.clock = \{\}: needs now methods\. Fix: pass a ManualClock/);
    expect(() => new Scheduler({ timers: { setTimeout: () => 0 } as never })).toThrow(/options\.timers = .*needs setTimeout and clearTimeout methods/);
    expect(() => new Scheduler({ timezone: 'EST5' })).toThrow(/options\.timezone = "EST5": is not a time zone/);
    expect(() => new Scheduler({ maxEvents: 0 })).toThrow(/options\.maxEvents = 0: must be a positive integer/);
    expect(() => new Scheduler({ catchUp: 'yes' as never })).toThrow(/options\.catchUp = "yes": must be true or false/);
    expect(() => new Scheduler({ stateFile: '' })).toThrow(/options\.stateFile = "": must be a file path/);
  });

  it('rejects bad jobs', () => {
    const s = new Scheduler({ clock, timers: clock });
    s.add(ok);
    expect(() => s.add(ok)).toThrow(/job\.name = "j": is already registered\. Fix: give each job its own name/);
    expect(() => s.add({ ...ok, name: '' })).toThrow(/job\.name = "": must be a non-empty string/);
    expect(() => s.add({ ...ok, name: 'k', schedule: '0 0 * *' })).toThrow(/job\.schedule = "0 0 \* \*": has 4 fields, not 5/);
    expect(() => s.add({ ...ok, name: 'k', run: 'retrain' as never })).toThrow(/job\.run = "retrain": must be a function/);
    expect(() => s.add({ ...ok, name: 'k', timezone: 'Nowhere' })).toThrow(/job\.timezone = "Nowhere"/);
    expect(() => s.add({ ...ok, name: 'k', every: 'day' } as never)).toThrow(/job\.every = "day": is not a known option/);
    expect(() => s.runNow('nope')).toThrow(InvalidArgumentError);
    expect(() => s.runNow('nope')).toThrow(/name = "nope": is not a registered job\. Fix: use one of: j/);
  });
});
