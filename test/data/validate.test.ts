import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OUTLIER_IQR_K, DEFAULT_OUTLIER_Z, isoDate, nyse, readBarsCsv, sessions, sliceBars, validateBars, type Bars,
} from '../../lib/data';
import { DataValidationError, InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';
import { barsFromRows, dailyBars, SP500_GZ } from './fixtures';

const day = (d: number): number => Date.UTC(2020, 0, d);
function makeBars(rows: Array<[number, number, number, number, number, number]>): Bars {
  const col = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k]!);
  return { symbol: 'TEST', time: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
}
const good: Array<[number, number, number, number, number, number]> = [
  [day(2), 10, 11, 9, 10.5, 100],
  [day(3), 10.5, 12, 10, 11, 100],
  [day(6), 11, 11.5, 10.5, 11.2, 100],
  [day(7), 11.2, 11.6, 11, 11.1, 100],
];

describe('validateBars', () => {
  it('passes the real S&P 500 sample with no problems', () => {
    const report = validateBars(readBarsCsv(SP500_GZ, { symbol: 'SPX' }));
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.rows).toBe(5031);
    expect(report.missing.close!.count).toBe(0);
  });

  it('finds each defect and names its row dates', () => {
    const rows = good.map((r) => [...r] as typeof r);
    rows[1]![2] = 9.5;        // high below open and close on 2020-01-03
    rows[2]![0] = day(3);     // duplicate timestamp (2020-01-03 again)
    rows[3]![4] = -1;         // non-positive close on 2020-01-07 (also makes low > close)
    rows[0]![5] = -5;         // negative volume on 2020-01-02
    const report = validateBars(makeBars(rows));
    expect(report.ok).toBe(false);
    expect(report.duplicateTimestamps).toEqual([2]);
    expect(report.unsortedTimestamps).toEqual([]);
    expect(report.ohlcInconsistent).toEqual([1, 3]);
    expect(report.nonPositivePrices).toEqual([3]);
    expect(report.negativeVolume).toEqual([0]);
    expect(report.problems.join('\n')).toMatch(/duplicate timestamps on 2020-01-03/);
    expect(report.problems.join('\n')).toMatch(/OHLC inconsistent .* on 2020-01-03, 2020-01-07/);
    expect(report.problems.join('\n')).toMatch(/non-positive prices on 2020-01-07/);
    expect(report.problems.join('\n')).toMatch(/negative volume on 2020-01-02/);
  });

  it('flags timestamps out of order', () => {
    const rows = [good[0]!, good[2]!, good[1]!, good[3]!];
    const report = validateBars(makeBars(rows));
    expect(report.unsortedTimestamps).toEqual([2]);
    expect(report.problems.join('\n')).toMatch(/out of order .* on 2020-01-03/);
  });

  it('counts missing values per column and compares the fraction with the threshold', () => {
    const rows = good.map((r) => [...r] as typeof r);
    rows[2]![4] = Number.NaN; // 1 of 4 closes missing = 25%
    const bars = makeBars(rows);
    const lenient = validateBars(bars, { maxMissingFraction: 0.3 });
    expect(lenient.ok).toBe(true);
    expect(lenient.missing.close).toEqual({ count: 1, fraction: 0.25, indices: [2], exceedsThreshold: false });
    expect(lenient.warnings[0]).toMatch(/close: 1 missing value\(s\) \(25.00%, threshold 30.00%\) on 2020-01-06/);
    const strictThreshold = validateBars(bars);
    expect(strictThreshold.ok).toBe(false);
    expect(strictThreshold.problems[0]).toMatch(/close: 1 missing/);
    expect(strictThreshold.ohlcInconsistent).toEqual([]); // NaN rows are left to the missing check
  });

  it('strict mode throws DataValidationError naming the symbol, the rows and a fix', () => {
    const rows = good.map((r) => [...r] as typeof r);
    rows[1]![3] = 13; // low above high on 2020-01-03
    expect(() => validateBars(makeBars(rows), { strict: true })).toThrow(DataValidationError);
    expect(() => validateBars(makeBars(rows), { strict: true })).toThrow(/data for TEST failed validation: OHLC inconsistent .* 2020-01-03.*Fix:/);
    expect(validateBars(makeBars(good), { strict: true }).ok).toBe(true);
  });

  it('rejects a bad threshold, unknown options and ragged columns', () => {
    expect(() => validateBars(makeBars(good), { maxMissingFraction: 2 })).toThrow(InvalidArgumentError);
    expect(() => validateBars(makeBars(good), { strickt: true } as never)).toThrow(/options.strickt/);
    const ragged = { ...makeBars(good), close: new Float64Array(3) };
    expect(() => validateBars(ragged)).toThrow(/bars.close/);
  });
});

// Reference outliers: numpy/scipy on the same log returns. z-score with the sample sd (ddof = 1);
// IQR fences from np.percentile's default linear interpolation. Row = return index + 1.
const OUTLIER_REFERENCE = `
import numpy as np, pandas as pd
def flags(close, z, k):
    r = np.diff(np.log(np.asarray(close, dtype=float)))
    zs = (r - r.mean()) / r.std(ddof=1)
    q1, q3 = np.percentile(r, [25, 75])
    iqr = q3 - q1
    return {'z': [int(i) + 1 for i in np.flatnonzero(np.abs(zs) > z)],
            'iqr': [int(i) + 1 for i in np.flatnonzero((r < q1 - k * iqr) | (r > q3 + k * iqr))],
            'mean': float(r.mean()), 'sd': float(r.std(ddof=1)), 'lower': float(q1 - k * iqr), 'upper': float(q3 + k * iqr)}
spx = pd.read_csv(inp['spx'])['Close'].to_numpy()
print(json.dumps({'spx': flags(spx, inp['z'], inp['k']), 'synthetic': flags(inp['synthetic'], inp['z'], inp['k'])}))
`;

type Flags = { z: number[]; iqr: number[]; mean: number; sd: number; lower: number; upper: number };
const rng = createRng(7);
/** 300 NYSE sessions of a 1%-a-day random walk with a misplaced decimal on row 150 (x10 for one day). */
const SYN_DATES = sessions(nyse, '2023-01-03', '2024-06-28').slice(0, 300);
const SYN_CLOSES = (() => {
  const c: number[] = [100];
  for (let i = 1; i < SYN_DATES.length; i++) c.push(c[i - 1]! * Math.exp(0.01 * rng.normal()));
  return c.map((x, i) => (i === 150 ? x * 10 : x));
})();
let spx: Bars;
let ref: { spx: Flags; synthetic: Flags };
beforeAll(() => {
  spx = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
  ref = runPython(OUTLIER_REFERENCE, { spx: SP500_GZ, synthetic: SYN_CLOSES, z: DEFAULT_OUTLIER_Z, k: DEFAULT_OUTLIER_IQR_K });
});

/** Bars with the given rows left out. */
function without(bars: Bars, drop: readonly number[]): Bars {
  const keep = Array.from(bars.time, (_, i) => i).filter((i) => !drop.includes(i));
  const pick = (c: Float64Array): Float64Array => Float64Array.from(keep, (i) => c[i]!);
  return { symbol: bars.symbol, time: pick(bars.time), open: pick(bars.open), high: pick(bars.high), low: pick(bars.low), close: pick(bars.close), volume: pick(bars.volume) };
}

describe('validateBars: calendar, outliers, splits, staleness', () => {
  it('finds no missing or off-calendar bars in the S&P 500 sample against nyse, and the report is plain JSON', () => {
    const report = validateBars(spx, { calendar: nyse, asOf: '2019-01-02' });
    expect(report.ok).toBe(true);
    expect(report.calendar).toBe('nyse');
    expect(report.missingBars).toEqual({ calendar: 'nyse', expected: 5031, count: 0, fraction: 0, dates: [], exceedsThreshold: false });
    expect(report.offCalendar).toEqual([]);
    expect(report.splitLikeJumps).toEqual([]);
    expect(report.staleRuns).toEqual([]);
    // 2019-01-01 is a holiday: the 2018-12-31 bar is one session old on 2019-01-02.
    expect(report.staleness).toEqual({ asOf: '2019-01-02', calendar: 'nyse', lastBar: '2018-12-31', ageSessions: 1, maxAge: 1, stale: false, afterAsOf: false });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('flags the same log-return outliers as numpy (z-score and IQR fence), as warnings only', () => {
    const report = validateBars(spx);
    expect(report.returnOutliers.zScore.rows).toEqual(ref.spx.z);
    expect(report.returnOutliers.iqr.rows).toEqual(ref.spx.iqr);
    expect(report.returnOutliers.zScore.sd).toBeCloseTo(ref.spx.sd, 12);
    expect(report.returnOutliers.iqr.upper).toBeCloseTo(ref.spx.upper, 12);
    expect(ref.spx.z.length).toBeGreaterThan(0);
    expect(report.ok).toBe(true);
    const zWarning = report.warnings.find((w) => w.startsWith('log-return outliers by z-score'))!;
    expect(zWarning).toContain(`on ${isoDate(spx.time[ref.spx.z[0]!]!)} (z = `);
    expect(zWarning).toMatch(/check them against market events/);
  });

  it('catches a misplaced decimal in a synthetic walk by both rules, as numpy does', () => {
    const report = validateBars(dailyBars(SYN_DATES, SYN_CLOSES), { splitFactors: [] });
    expect(report.returnOutliers.zScore.rows).toEqual(ref.synthetic.z);
    expect(report.returnOutliers.iqr.rows).toEqual(ref.synthetic.iqr);
    expect(report.returnOutliers.zScore.rows).toEqual([150, 151]);
    expect(report.warnings.join('\n')).toMatch(new RegExp(`z-score .* on ${SYN_DATES[150]} \\(z = .*${SYN_DATES[151]}`));
    // The x10 jump is also near the reverse-split factor 10, so with the default factors it is a problem.
    const withSplits = validateBars(dailyBars(SYN_DATES, SYN_CLOSES));
    expect(withSplits.splitLikeJumps.map((j) => [j.row, j.factor, j.reverse])).toEqual([[150, 10, true], [151, 10, false]]);
  });

  it('reports sessions without a bar: a warning under the threshold, a problem above it', () => {
    const gappy = without(spx, [2457, 2458]);
    const report = validateBars(gappy, { calendar: nyse });
    expect(report.missingBars!.dates).toEqual([isoDate(spx.time[2457]!), isoDate(spx.time[2458]!)]);
    expect(report.missingBars!.count).toBe(2);
    expect(report.missingBars!.fraction).toBeCloseTo(2 / 5031, 15);
    expect(report.ok).toBe(true);
    expect(report.warnings.join('\n')).toContain(`missing bars: 2 nyse session(s) with no bar (0.04% of 5031, threshold 5.00%) on ${report.missingBars!.dates.join(', ')}`);
    expect(report.missingBars!.dates).toEqual(['2008-10-09', '2008-10-10']);

    const week = sessions(nyse, '2024-03-25', '2024-04-05'); // 9 sessions, Good Friday closed
    const short = dailyBars(week.filter((d) => d !== '2024-04-02'), [100, 101, 102, 101, 100, 101, 102, 103]);
    const failing = validateBars(short, { calendar: nyse });
    expect(failing.ok).toBe(false);
    expect(failing.problems.join('\n')).toMatch(/missing bars: 1 nyse session\(s\) with no bar \(11\.11% of 9, threshold 5\.00%\) on 2024-04-02/);
    expect(validateBars(short, { calendar: nyse, maxMissingFraction: 0.2 }).ok).toBe(true);
  });

  it('reports bars dated on days the calendar is closed', () => {
    const bars = dailyBars(['2024-03-27', '2024-03-28', '2024-03-29', '2024-04-01'], [100, 101, 102, 103]);
    const report = validateBars(bars, { calendar: nyse });
    expect(report.offCalendar).toEqual([2]);
    expect(report.problems.join('\n')).toMatch(/bars on days that are not nyse sessions on 2024-03-29/);
  });

  it('reports a halving with rising volume as a suspected unadjusted split, with the hint to use adjusted prices', () => {
    const dates = SYN_DATES.slice(0, 40);
    const closes = dates.map((_, i) => (i < 20 ? 100 + (i % 3) : 50.2 + (i % 3)));
    const rows = dates.map((d, i) => [Date.parse(`${d}T00:00:00Z`), closes[i]!, closes[i]! * 1.01, closes[i]! * 0.99, closes[i]!, i < 20 ? 1000 : 2100]);
    const report = validateBars(barsFromRows(rows));
    expect(report.splitLikeJumps).toEqual([{ row: 20, ratio: closes[20]! / closes[19]!, factor: 2, reverse: false, volumeRatio: 2.1, adjustedInAdjClose: false }]);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(new RegExp(`unadjusted splits on ${dates[20]} \\(ratio 0\\.517, near a 2:1 split, volume x2\\.10\\)`));
    expect(() => validateBars(barsFromRows(rows), { strict: true })).toThrow(/Fix: use split-adjusted prices \(adjClose\)/);

    // Volume falling with the price is a sell-off, not a split.
    const selloff = rows.map((r, i) => [...r.slice(0, 5), i < 20 ? 1000 : 500]);
    expect(validateBars(barsFromRows(selloff)).splitLikeJumps).toEqual([]);
    // A clean adjClose turns the problem into a warning pointing at adjClose.
    const adjusted = validateBars(barsFromRows(rows, 'TEST', closes.map((c, i) => (i < 20 ? c / 2 : c))));
    expect(adjusted.ok).toBe(true);
    expect(adjusted.warnings.join('\n')).toMatch(/but adjClose does not: compute returns from adjClose/);
    // A 1:10 reverse split: price x10, volume /10.
    const reverse = validateBars(barsFromRows(rows.map((r, i) => (i < 20 ? r : [r[0]!, ...r.slice(1, 5).map((p) => p * 20), 100]))));
    expect(reverse.splitLikeJumps.map((j) => [j.row, j.factor, j.reverse])).toEqual([[20, 10, true]]);
    expect(reverse.problems.join('\n')).toMatch(/near a 1:10 reverse split/);
    expect(validateBars(barsFromRows(rows), { splitFactors: [] }).splitLikeJumps).toEqual([]);
  });

  it('reports runs of identical closes as stale, from minStaleRun bars on', () => {
    const dates = SYN_DATES.slice(0, 20);
    const closes = dates.map((_, i) => (i >= 5 && i < 11 ? 100 : 100 + i));
    const report = validateBars(dailyBars(dates, closes));
    expect(report.staleRuns).toEqual([{ start: 5, end: 10, length: 6 }]);
    expect(report.problems.join('\n')).toMatch(new RegExp(`close unchanged \\(stale\\) for 6 bars from ${dates[5]} to ${dates[10]}`));
    expect(validateBars(dailyBars(dates, closes), { minStaleRun: 7 }).staleRuns).toEqual([]);
    expect(validateBars(dailyBars(dates, closes), { minStaleRun: Number.POSITIVE_INFINITY }).ok).toBe(true);
  });

  it('reports data older than asOf allows, and data from after asOf', () => {
    const late = validateBars(spx, { calendar: nyse, asOf: '2019-01-04' });
    expect(late.staleness!.ageSessions).toBe(3);
    expect(late.problems).toEqual(['stale: last bar 2018-12-31 is 3 nyse session(s) before asOf 2019-01-04 (maxAge 1)']);
    expect(validateBars(spx, { calendar: nyse, asOf: '2019-01-04', maxAge: 3 }).ok).toBe(true);
    // Without a calendar, sessions are weekdays: 2019-01-01 counts.
    expect(validateBars(spx, { asOf: '2019-01-04' }).staleness!.ageSessions).toBe(4);
    const ahead = validateBars(sliceBars(spx, 0, 100), { calendar: nyse, asOf: '1999-03-01' });
    expect(ahead.staleness!.afterAsOf).toBe(true);
    expect(ahead.problems.join('\n')).toMatch(/bars after asOf 1999-03-01 \(last bar 1999-05-26\): the data holds the future/);
  });

  it('strict mode names the symbol, the dates and a repair per defect', () => {
    const bars = dailyBars(['2024-03-27', '2024-03-28', '2024-03-28', '2024-03-29'], [100, 101, 102, 103], 1000, 'ACME');
    expect(() => validateBars(bars, { strict: true, calendar: nyse })).toThrow(DataValidationError);
    expect(() => validateBars(bars, { strict: true, calendar: nyse })).toThrow(
      /^data for ACME failed validation: duplicate timestamps on 2024-03-28; bars on days that are not nyse sessions on 2024-03-29\. Fix: repairBars\(bars, \{ duplicates: 'keep-first' \| 'keep-last' \| 'drop' \}\); .*offCalendar: 'drop'.*then validate again$/);
  });

  it('rejects bad values of the new options, naming the option, the value and the fix', () => {
    const bars = makeBars(good);
    expect(() => validateBars(bars, { outlierZ: 0 })).toThrow(/options\.outlierZ = 0: must be a positive number \(Infinity turns the check off\)\. Fix: pass e\.g\. 6/);
    expect(() => validateBars(bars, { outlierIqrK: -1 })).toThrow(/options\.outlierIqrK = -1: .*Fix: pass e\.g\. 3/);
    expect(() => validateBars(bars, { splitFactors: [0.5] })).toThrow(/options\.splitFactors = array of length 1: must be an array of finite factors > 1\. Fix:/);
    expect(() => validateBars(bars, { splitTolerance: 0.5 })).toThrow(/options\.splitTolerance = 0\.5: must be a relative tolerance in \(0, 0\.2\)/);
    expect(() => validateBars(bars, { minStaleRun: 1.5 })).toThrow(/options\.minStaleRun = 1\.5: must be an integer >= 2/);
    expect(() => validateBars(bars, { asOf: '2024-13-01' })).toThrow(/options\.asOf = "2024-13-01": must be an ISO date/);
    expect(() => validateBars(bars, { asOf: '2024-01-02', maxAge: -1 })).toThrow(/options\.maxAge = -1: must be a whole number of sessions >= 0/);
    expect(() => validateBars(bars, { maxAge: 2 })).toThrow(/options\.maxAge = 2: has no effect without options\.asOf\. Fix: pass asOf too/);
    expect(() => validateBars(bars, { calendar: {} as never })).toThrow(/options\.calendar = \{\}: must be a Calendar/);
  });
});
