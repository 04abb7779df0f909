import { describe, expect, it } from 'vitest';
import { pairsPositions } from '../../lib/pipeline/pairs-positions';

const f = (...v: number[]) => Float64Array.from(v);

describe('pairsPositions', () => {
  it('bets on reversion against the sign of z, sized to the target volatility and capped', () => {
    const target = (100 * 0.1) / Math.sqrt(252); // 0.63% a day
    const pos = pairsPositions(f(0.9, 0.9, 0.4, 0.9, 0.9, Number.NaN), f(2, -1.5, 2, 2, 0, 1), f(1, 0.5, 1, 0.01, 1, 1));
    expect(pos[0]).toBeCloseTo(-target / 1, 14);
    expect(pos[1]).toBeCloseTo(target / 0.5, 14);
    expect(pos[2]).toBe(0); // below the threshold
    expect(pos[3]).toBe(-2); // capped at maxLeverage
    expect(pos[4]).toBe(0); // z exactly at the mean: no side
    expect(pos[5]).toBe(0); // missing probability: flat
  });

  it('names bad input', () => {
    expect(() => pairsPositions(f(0.5), f(1, 2), f(1))).toThrow(/z = array of length 2: must be a Float64Array of length 1/);
    expect(() => pairsPositions(f(0.5), f(1), f(1), { threshold: 1 })).toThrow(/options\.threshold = 1: must be in \[0, 1\)/);
    expect(() => pairsPositions(f(0.5), f(1), f(1), { leverage: 2 } as never)).toThrow(/options\.leverage = 2: is not a known option/);
  });
});
