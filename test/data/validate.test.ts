import { describe, expect, it } from 'vitest';
import { readBarsCsv, validateBars, type Bars } from '../../lib/data';
import { DataValidationError, InvalidArgumentError } from '../../lib/util/errors';
import { SP500_GZ } from './fixtures';

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
