import { describe, expect, it } from 'vitest';
import { checkSlippage, fillCapacity, fixedBpsSlippage, NO_SLIPPAGE, slippedPrice, volumeShareSlippage, DEFAULT_MAX_PARTICIPATION } from '../../../lib/backtest/costs';

describe('slippage models', () => {
  it('fixed bps: buys pay up, sells receive less', () => {
    const m = fixedBpsSlippage({ bps: 50 });
    expect(slippedPrice(m, 102, 10, 1000)).toBeCloseTo(102.51, 12);
    expect(slippedPrice(m, 102, -10, 1000)).toBeCloseTo(101.49, 12);
    expect(fillCapacity(m, 1000)).toBe(Infinity);
    expect(slippedPrice(NO_SLIPPAGE, 102, 10, NaN)).toBe(102);
  });

  it('volume share: impact k × (q / volume)^p, capacity maxParticipation × volume', () => {
    const m = volumeShareSlippage({ impact: 0.1, exponent: 2, maxParticipation: 0.02 });
    // 20 of 1000 = 2%: 0.1 × 0.02² = 0.00004
    expect(slippedPrice(m, 102, 20, 1000)).toBeCloseTo(102 * 1.00004, 12);
    expect(slippedPrice(m, 102, -20, 1000)).toBeCloseTo(102 * 0.99996, 12);
    const sqrt = volumeShareSlippage({ impact: 0.5, exponent: 0.5 });
    expect(slippedPrice(sqrt, 100, 25, 10_000)).toBeCloseTo(100 * (1 + 0.5 * 0.05), 12);
    expect(fillCapacity(m, 1000)).toBeCloseTo(20, 12);
    expect(fillCapacity(m, NaN)).toBe(0);
    expect(fillCapacity(m, 0)).toBe(0);
    expect(volumeShareSlippage().maxParticipation).toBe(DEFAULT_MAX_PARTICIPATION);
  });

  it('rejects bad specs naming the field, the value and the fix', () => {
    expect(() => volumeShareSlippage({ maxParticipation: 1.5 })).toThrow("options.maxParticipation = 1.5: must be a fraction in (0, 1]. Fix: pass the largest share of a bar's volume one order may take, e.g. 0.025");
    expect(() => volumeShareSlippage({ exponent: 0 })).toThrow(/options\.exponent = 0: must be a finite number > 0/);
    expect(() => fixedBpsSlippage({ bps: -2 })).toThrow(/options\.bps = -2/);
    expect(() => checkSlippage({ kind: 'spread' })).toThrow(/slippage\.kind = "spread": must be 'fixedBps' or 'volumeShare'/);
    expect(checkSlippage(JSON.parse(JSON.stringify(volumeShareSlippage())))).toEqual(volumeShareSlippage());
  });
});
