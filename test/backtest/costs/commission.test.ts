import { describe, expect, it } from 'vitest';
import {
  bpsCommission, checkCommission, commissionFor, NO_COMMISSION, perShareCommission, perTradeCommission, sumCommissions,
  DEFAULT_PER_SHARE_RATE, DEFAULT_PER_SHARE_MINIMUM,
} from '../../../lib/backtest/costs';

describe('commission models', () => {
  it('per share: rate × shares, raised to the minimum, capped at the maximum', () => {
    const m = perShareCommission({ rate: 0.01, minimum: 1, maximum: 5 });
    expect(commissionFor(m, 10, 50)).toBe(1); // 0.10 → minimum 1
    expect(commissionFor(m, -300, 50)).toBe(3); // sign ignored: 300 × 0.01
    expect(commissionFor(m, 1000, 50)).toBe(5); // 10 → capped at 5
    expect(commissionFor(m, 0, 50)).toBe(0); // an empty fill pays nothing, not the minimum
    expect(perShareCommission()).toEqual({ kind: 'perShare', rate: DEFAULT_PER_SHARE_RATE, minimum: DEFAULT_PER_SHARE_MINIMUM });
    expect(commissionFor(perShareCommission(), 1000, 10)).toBe(5); // IB fixed tier: 1000 × 0.005
  });

  it('per trade: a fixed fee whatever the size', () => {
    const m = perTradeCommission({ fee: 2.5 });
    expect(commissionFor(m, 1, 10)).toBe(2.5);
    expect(commissionFor(m, 1e6, 10)).toBe(2.5);
    expect(commissionFor(NO_COMMISSION, 100, 10)).toBe(0);
  });

  it('basis points of notional with a minimum', () => {
    const m = bpsCommission({ bps: 10, minimum: 2 });
    expect(commissionFor(m, 10, 102)).toBe(2); // 1020 × 0.001 = 1.02 → minimum 2
    expect(commissionFor(m, 100, 102)).toBeCloseTo(10.2, 12);
  });

  it('sum: the parts added', () => {
    const m = sumCommissions(perShareCommission({ rate: 0.01, minimum: 1 }), perTradeCommission({ fee: 0.5 }), bpsCommission({ bps: 1, minimum: 0 }));
    // 200 shares at 50: 2 + 0.5 + 10000 × 0.0001 = 3.5
    expect(commissionFor(m, 200, 50)).toBeCloseTo(3.5, 12);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(checkCommission(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it('rejects bad specs naming the field, the value and the fix', () => {
    expect(() => perShareCommission({ rate: -1 })).toThrow('options.rate = -1: must be a finite number >= 0. Fix: pass the cash charged per share, e.g. 0.005');
    expect(() => perShareCommission({ minimum: 2, maximum: 1 })).toThrow(/options\.maximum = 1: must be a finite number >= 2\. Fix: pass a cap per order >= the minimum/);
    expect(() => bpsCommission({ bps: NaN })).toThrow(/options\.bps = NaN/);
    expect(() => perTradeCommission({ fees: 1 } as never)).toThrow(/options\.fees = 1: is not a known option\. Fix: use only: fee/);
    expect(() => sumCommissions()).toThrow(/parts = array of length 0: is empty/);
    expect(() => checkCommission({ kind: 'flat', fee: 1 })).toThrow(/commission\.kind = "flat": must be 'perShare', 'perTrade', 'bps' or 'sum'\. Fix: build one with/);
    expect(() => checkCommission({ kind: 'sum', parts: [{ kind: 'bps', bps: 1 }] })).toThrow(/commission\.parts\[0\]\.minimum = undefined/);
  });
});
