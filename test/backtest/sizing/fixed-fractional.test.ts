import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXED_FRACTIONAL_MAX_LEVERAGE, fixedFractionalSize } from '../../../lib/backtest/sizing';

describe('fixedFractionalSize', () => {
  it('holds the units that lose riskFraction of equity at the stop', () => {
    // 100,000 * 1% = 1,000 at risk; 2 per unit to the stop -> 500 units (50,000 of a 100 stock).
    const units = fixedFractionalSize({ equity: 100_000, price: 100, riskFraction: 0.01, stopDistance: 2 });
    expect(units).toBeCloseTo(500, 12);
    expect(units * 2).toBeCloseTo(100_000 * 0.01, 9);
  });

  it('caps the position value at maxLeverage * equity (default no borrowing)', () => {
    expect(DEFAULT_FIXED_FRACTIONAL_MAX_LEVERAGE).toBe(1);
    // A 0.5 stop would ask for 2,000 units = 200,000: capped at 100,000 / 100 = 1,000 units.
    expect(fixedFractionalSize({ equity: 100_000, price: 100, riskFraction: 0.01, stopDistance: 0.5 })).toBeCloseTo(1000, 9);
    expect(fixedFractionalSize({ equity: 100_000, price: 100, riskFraction: 0.01, stopDistance: 0.5, maxLeverage: 1.5 })).toBeCloseTo(1500, 9);
  });

  it('rounds down to whole lots, keeping exact multiples', () => {
    // 10,000 * 2% / 3 = 66.67 units.
    expect(fixedFractionalSize({ equity: 10_000, price: 50, riskFraction: 0.02, stopDistance: 3, lotSize: 1 })).toBe(66);
    expect(fixedFractionalSize({ equity: 10_000, price: 50, riskFraction: 0.02, stopDistance: 3, lotSize: 10 })).toBe(60);
    // 0.3 / 0.1 is 2.9999999999999996 in floating point: still three lots.
    expect(fixedFractionalSize({ equity: 30, price: 1, riskFraction: 0.01, stopDistance: 1, lotSize: 0.1 })).toBeCloseTo(0.3, 12);
    expect(fixedFractionalSize({ equity: 0, price: 50, riskFraction: 0.02, stopDistance: 3 })).toBe(0);
  });

  it('rejects bad input, naming the argument, the value and the fix', () => {
    const base = { equity: 1000, price: 10, riskFraction: 0.01, stopDistance: 1 };
    const cases: [object, RegExp][] = [
      [{ ...base, stopDistance: 0 }, /^input\.stopDistance = 0: must be a finite number > 0\. Fix: pass \|entry price - stop price\|/],
      [{ ...base, riskFraction: 2 }, /^input\.riskFraction = 2: must be a fraction of equity in \(0, 1\]\. Fix: pass e\.g\. 0\.01/],
      [{ ...base, equity: -5 }, /^input\.equity = -5: must be a finite number >= 0\. Fix:/],
      [{ ...base, price: NaN }, /^input\.price = NaN: must be a finite number > 0/],
      [{ ...base, lotSize: -1 }, /^input\.lotSize = -1: must be a finite number > 0\. Fix: pass 1 for whole shares/],
      [{ ...base, maxLeverage: 0 }, /^input\.maxLeverage = 0: must be a finite number > 0/],
      [{ ...base, stop: 9 }, /^input\.stop = 9: is not a known option\. Fix: use only: equity, price, riskFraction, stopDistance/],
    ];
    for (const [input, message] of cases) expect(() => fixedFractionalSize(input as never)).toThrow(message);
  });
});
