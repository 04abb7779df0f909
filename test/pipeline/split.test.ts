import { describe, expect, it } from 'vitest';
import { timeSplit } from '../../lib/pipeline/split';
import { InvalidArgumentError } from '../../lib/util/errors';

describe('timeSplit', () => {
  it('orders train < validation < test with no overlap and covers the range', () => {
    const s = timeSplit({ start: 10, end: 110 }, { trainFraction: 0.7, validationFraction: 0.15 });
    expect(s.train).toEqual({ start: 10, end: 80 });
    expect(s.validation).toEqual({ start: 80, end: 95 });
    expect(s.test).toEqual({ start: 95, end: 110 });
  });

  it('drops `gap` rows after each boundary', () => {
    const s = timeSplit({ start: 0, end: 100 }, { trainFraction: 0.6, validationFraction: 0.2, gap: 5 });
    expect(s.validation.start - s.train.end).toBe(5);
    expect(s.test.start - s.validation.end).toBe(5);
  });

  it('rejects fractions that leave no holdout, naming the argument', () => {
    expect(() => timeSplit({ start: 0, end: 100 }, { trainFraction: 0.8, validationFraction: 0.2 })).toThrow(InvalidArgumentError);
    expect(() => timeSplit({ start: 0, end: 3 }, { trainFraction: 0.5, validationFraction: 0.2, gap: 2 })).toThrow(/range/);
  });
});
