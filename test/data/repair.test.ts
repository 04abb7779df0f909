import { describe, expect, it } from 'vitest';
import {
  isoDate, nyse, readBarsCsv, repairBars, sessions, validateBars, weekdays, type Bars, type RepairAction, type RepairBarsOptions,
  type ValidateBarsOptions,
} from '../../lib/data';
import { InvalidArgumentError } from '../../lib/util/errors';
import { barsFromRows, SP500_GZ } from './fixtures';

const DATES = sessions(nyse, '2024-03-20', '2024-04-03'); // 10 sessions; Good Friday 2024-03-29 closed
const ms = (d: string): number => Date.parse(`${d}T00:00:00Z`);
/** Consistent, gently moving bars: [time, open, high, low, close, volume]; each low is above the previous close. */
function baseRows(): number[][] {
  return DATES.map((d, i) => [ms(d), 100 + i, 101.5 + i, 99.8 + i, 100.5 + i, 1000 + 10 * i]);
}
// A dropped row leaves a session without a bar, so drop repairs are checked without a calendar
// (the gap is the honest result; missingBars: 'forward-fill' is the separate repair for it).
const WITH_CALENDAR: ValidateBarsOptions = { calendar: nyse, maxMissingFraction: 0 };
const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

function snapshot(bars: Bars): number[][] {
  return COLUMNS.map((c) => Array.from(bars[c]));
}
function dropped(log: readonly RepairAction[]): number {
  return log.filter((a) => a.effect === 'dropped').reduce((s, a) => s + a.count, 0);
}
function inserted(log: readonly RepairAction[]): number {
  return log.filter((a) => a.effect === 'inserted').reduce((s, a) => s + a.count, 0);
}

interface Case {
  readonly name: string;
  readonly defect: (rows: number[][]) => number[][];
  readonly options: RepairBarsOptions;
  readonly log: ReadonlyArray<Pick<RepairAction, 'defect' | 'action' | 'effect' | 'count' | 'dates'>>;
  readonly check?: (bars: Bars) => void;
  readonly validate?: ValidateBarsOptions;
}

const CASES: Case[] = [
  {
    name: 'duplicates keep-first',
    defect: (r) => [...r.slice(0, 3), [r[2]![0]!, 1, 1.5, 0.5, 1.2, 5], ...r.slice(3)],
    options: { duplicates: 'keep-first' },
    log: [{ defect: 'duplicates', action: 'keep-first', effect: 'dropped', count: 1, dates: ['2024-03-22'] }],
    check: (b) => expect(b.close[2]).toBe(102.5),
  },
  {
    name: 'duplicates keep-last',
    defect: (r) => [...r.slice(0, 3), [r[2]![0]!, 102, 104, 101, 103, 5], ...r.slice(3)],
    options: { duplicates: 'keep-last' },
    log: [{ defect: 'duplicates', action: 'keep-last', effect: 'dropped', count: 1, dates: ['2024-03-22'] }],
    check: (b) => expect(b.close[2]).toBe(103),
  },
  {
    name: 'duplicates drop',
    defect: (r) => [...r.slice(0, 3), [r[2]![0]!, 102, 104, 101, 103, 5], ...r.slice(3)],
    options: { duplicates: 'drop' },
    log: [{ defect: 'duplicates', action: 'drop', effect: 'dropped', count: 2, dates: ['2024-03-22', '2024-03-22'] }],
  },
  {
    name: 'unsorted sort',
    defect: (r) => [r[0]!, r[2]!, r[1]!, ...r.slice(3)],
    options: { unsorted: 'sort' },
    log: [{ defect: 'unsorted', action: 'sort', effect: 'reordered', count: 2, dates: ['2024-03-21', '2024-03-22'] }],
    check: (b) => expect(Array.from(b.time)).toEqual(DATES.map(ms)),
  },
  {
    name: 'missing values drop',
    defect: (r) => r.map((x, i) => (i === 4 ? [x[0]!, x[1]!, x[2]!, x[3]!, Number.NaN, x[5]!] : x)),
    options: { missingValues: 'drop' },
    log: [{ defect: 'missingValues', action: 'drop', effect: 'dropped', count: 1, dates: ['2024-03-26'] }],
  },
  {
    name: 'missing values forward-fill',
    // Row 0 has no earlier value and row 6 no timestamp: both dropped; rows 4 (close) and 5 (volume) filled.
    defect: (r) => r.map((x, i) => (i === 0 ? [x[0]!, Number.NaN, ...x.slice(2)] : i === 4 ? [...x.slice(0, 4), Number.NaN, x[5]!] : i === 5 ? [...x.slice(0, 5), Number.NaN] : i === 6 ? [Number.NaN, ...x.slice(1)] : x)),
    options: { missingValues: 'forward-fill', ohlc: 'clip' },
    log: [
      { defect: 'missingValues', action: 'forward-fill', effect: 'dropped', count: 1, dates: ['row 6'] },
      { defect: 'missingValues', action: 'forward-fill', effect: 'dropped', count: 1, dates: ['2024-03-20'] },
      { defect: 'missingValues', action: 'forward-fill', effect: 'modified', count: 2, dates: ['2024-03-26', '2024-03-27'] },
      // Row 4's close carried from 2024-03-25 (103.5) sits below its low: the clip repairs the bar.
      { defect: 'ohlc', action: 'clip', effect: 'modified', count: 1, dates: ['2024-03-26'] },
    ],
    check: (b) => {
      expect(b.close[3]).toBe(103.5);
      expect(b.low[3]).toBe(103.5); // was 103.8
      expect(b.volume[4]).toBe(1040);
    },
  },
  {
    name: 'non-positive prices drop',
    defect: (r) => r.map((x, i) => (i === 3 ? [x[0]!, 0, x[2]!, 0, x[4]!, x[5]!] : x)),
    options: { nonPositivePrices: 'drop' },
    log: [{ defect: 'nonPositivePrices', action: 'drop', effect: 'dropped', count: 1, dates: ['2024-03-25'] }],
  },
  {
    name: 'negative volume drop',
    defect: (r) => r.map((x, i) => (i === 7 ? [...x.slice(0, 5), -3] : x)),
    options: { negativeVolume: 'drop' },
    log: [{ defect: 'negativeVolume', action: 'drop', effect: 'dropped', count: 1, dates: ['2024-04-01'] }],
  },
  {
    name: 'OHLC drop',
    defect: (r) => r.map((x, i) => (i === 2 ? [x[0]!, x[1]!, 100, x[3]!, x[4]!, x[5]!] : x)),
    options: { ohlc: 'drop' },
    log: [{ defect: 'ohlc', action: 'drop', effect: 'dropped', count: 1, dates: ['2024-03-22'] }],
  },
  {
    name: 'OHLC clip',
    defect: (r) => r.map((x, i) => (i === 2 ? [x[0]!, x[1]!, 100, 103, x[4]!, x[5]!] : x)),
    options: { ohlc: 'clip' },
    log: [{ defect: 'ohlc', action: 'clip', effect: 'modified', count: 1, dates: ['2024-03-22'] }],
    check: (b) => expect([b.high[2], b.low[2]]).toEqual([103, 100]), // max/min of open 102, high 100, low 103, close 102.5
  },
  {
    name: 'off-calendar drop',
    defect: (r) => [...r.slice(0, 7), [ms('2024-03-29'), 106, 107, 105, 106, 1], ...r.slice(7)],
    options: { offCalendar: 'drop', calendar: nyse },
    log: [{ defect: 'offCalendar', action: 'drop', effect: 'dropped', count: 1, dates: ['2024-03-29'] }],
    validate: WITH_CALENDAR,
  },
  {
    name: 'missing bars forward-fill',
    defect: (r) => r.filter((_, i) => i !== 3 && i !== 4),
    options: { missingBars: 'forward-fill', calendar: nyse },
    log: [{ defect: 'missingBars', action: 'forward-fill', effect: 'inserted', count: 2, dates: ['2024-03-25', '2024-03-26'] }],
    check: (b) => {
      expect(Array.from(b.time)).toEqual(DATES.map(ms));
      expect([b.open[3], b.high[3], b.low[3], b.close[3], b.volume[3]]).toEqual([102.5, 102.5, 102.5, 102.5, 0]);
      expect(b.close[4]).toBe(102.5);
    },
    validate: WITH_CALENDAR,
  },
];

describe('repairBars', () => {
  for (const c of CASES) {
    it(`${c.name}: the repaired bars validate, the log names the rows, counts add up, input untouched`, () => {
      const defective = barsFromRows(c.defect(baseRows()));
      const validateOptions = { maxMissingFraction: 0, ...c.validate };
      expect(validateBars(barsFromRows(baseRows()), WITH_CALENDAR).problems).toEqual([]);
      expect(validateBars(defective, validateOptions).ok).toBe(false);
      const before = snapshot(defective);
      const { bars, log } = repairBars(defective, c.options);
      expect(snapshot(defective)).toEqual(before);
      expect(log.map(({ defect, action, effect, count, dates }) => ({ defect, action, effect, count, dates }))).toEqual(c.log);
      for (const a of log) expect(a.rows.length).toBe(a.effect === 'inserted' ? 0 : a.count);
      expect(bars.time.length).toBe(defective.time.length - dropped(log) + inserted(log));
      const report = validateBars(bars, validateOptions);
      expect(report.problems).toEqual([]);
      c.check?.(bars);
    });
  }

  it('leaves every defect alone that no option names', () => {
    const defective = barsFromRows([...baseRows().slice(0, 3), baseRows()[1]!, ...baseRows().slice(3)]);
    const { bars, log } = repairBars(defective, { missingValues: 'drop' });
    expect(snapshot(bars)).toEqual(snapshot(defective));
    expect(log).toEqual([{ defect: 'missingValues', action: 'drop', effect: 'dropped', count: 0, rows: [], dates: [], message: 'missingValues: drop: dropped 0 row(s)' }]);
    expect(validateBars(bars).duplicateTimestamps).toEqual([3]);
    expect(repairBars(defective, {}).log).toEqual([]);
  });

  it('repairs every defect at once on the S&P 500 sample, and the log is plain JSON with dated messages', () => {
    const spx = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
    const rows = Array.from(spx.time, (t, i) => [t, spx.open[i]!, spx.high[i]!, spx.low[i]!, spx.close[i]!, spx.volume[i]!]);
    const on = (i: number): string => isoDate(spx.time[i]!);
    rows[100]![4] = Number.NaN;              // a missing close
    rows[200]![2] = rows[200]![3]! - 1;       // high below low
    rows[300]![5] = -1;                       // negative volume
    rows.splice(400, 2);                      // two missing sessions
    rows.push([...rows[500]!]);               // a duplicate, out of order at the end
    const messy = barsFromRows(rows, 'SPX');
    const options: RepairBarsOptions = {
      unsorted: 'sort', duplicates: 'keep-first', missingValues: 'forward-fill', negativeVolume: 'drop', ohlc: 'clip',
      missingBars: 'forward-fill', calendar: nyse,
    };
    const started = performance.now();
    const { bars, log } = repairBars(messy, options);
    const elapsed = performance.now() - started;
    expect(validateBars(bars, WITH_CALENDAR).problems).toEqual([]);
    expect(bars.time.length).toBe(messy.time.length - dropped(log) + inserted(log));
    expect(bars.time.length).toBe(5031);
    const moved = log[0]!;
    expect(moved.message).toMatch(new RegExp(`^unsorted: sort: moved ${moved.count} row\\(s\\) on ${on(502)}, `));
    expect(log.slice(1).map((a) => a.message)).toEqual([
      `duplicates: keep-first: dropped 1 row(s) on ${on(502)}`,
      `missingValues: forward-fill: filled from the previous row 1 row(s) on ${on(100)}`,
      `negativeVolume: drop: dropped 1 row(s) on ${on(300)}`,
      `ohlc: clip: widened high/low of 1 row(s) on ${on(200)}`,
      `missingBars: forward-fill: inserted 3 nyse session(s) as flat bars at the previous close with volume 0 on ${on(300)}, ${on(400)}, ${on(401)}`,
    ]);
    expect(bars.close[100]).toBe(spx.close[99]);
    expect(bars.volume[300]).toBe(0);
    expect(JSON.parse(JSON.stringify(log))).toEqual(log);
    expect(elapsed).toBeLessThan(1000);
  });

  it('rejects unknown options, unknown choices and missing prerequisites, naming the option and the fix', () => {
    const bars = barsFromRows(baseRows());
    expect(() => repairBars(bars, { duplicate: 'drop' } as never)).toThrow(/options\.duplicate = "drop": is not a known option\. Fix: use only:/);
    expect(() => repairBars(bars, { ohlc: 'fix' } as never)).toThrow(InvalidArgumentError);
    expect(() => repairBars(bars, { ohlc: 'fix' } as never)).toThrow(/options\.ohlc = "fix": must be one of 'drop', 'clip'\. Fix: pass one of them, or leave ohlc out to keep that defect/);
    expect(() => repairBars(bars, { missingBars: 'forward-fill' })).toThrow(/options\.calendar = undefined: is required by options\.missingBars\. Fix: pass the venue calendar/);
    expect(() => repairBars(bars, { calendar: weekdays, ohlc: 'clip' })).toThrow(/options\.calendar = .*is only used by offCalendar and missingBars/);
    const shuffled = barsFromRows([baseRows()[1]!, baseRows()[0]!]);
    expect(() => repairBars(shuffled, { missingValues: 'forward-fill' })).toThrow(/options\.missingValues = "forward-fill": needs rows in time order, but the row dated 2024-03-20 comes after 2024-03-21\. Fix: add unsorted: 'sort'/);
    expect(() => repairBars(shuffled, { missingBars: 'forward-fill', calendar: nyse })).toThrow(/options\.missingBars = "forward-fill": needs unique timestamps in time order.*Fix: add unsorted: 'sort' and a duplicates choice/);
    const intraday = barsFromRows([[Date.UTC(2024, 2, 20, 14, 30), 1, 1, 1, 1, 1]]);
    expect(() => repairBars(intraday, { missingBars: 'forward-fill', calendar: nyse })).toThrow(/row 0 is stamped 2024-03-20T14:30:00\.000Z \(intraday\)\. Fix: resample to daily bars/);
    expect(() => repairBars({ ...bars, close: new Float64Array(2) }, { ohlc: 'clip' })).toThrow(/bars\.close/);
  });

  it('fills adjClose on inserted sessions and keeps it aligned', () => {
    const rows = baseRows().filter((_, i) => i !== 5);
    const adj = rows.map((r) => r[4]! * 0.9);
    const { bars } = repairBars(barsFromRows(rows, 'TEST', adj), { missingBars: 'forward-fill', calendar: nyse });
    expect(isoDate(bars.time[5]!)).toBe(DATES[5]);
    expect(bars.adjClose![5]).toBe(bars.adjClose![4]);
    expect(Array.from(bars.adjClose!).filter((_, i) => i !== 5)).toEqual(adj);
  });
});
