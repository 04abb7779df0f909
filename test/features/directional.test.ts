// Directional movement kinds (dm, adx with +DI/-DI, dx, adxr): TA-Lib agreement on the S&P 500
// sample and on hand-made flat stretches (TA-Lib's zero rules), streaming = batch, no look-ahead,
// gap behaviour, bad input. Reference: TA-Lib 0.8.2 (PyPI ta-lib) talib.PLUS_DM / MINUS_DM /
// PLUS_DI / MINUS_DI / DX / ADX / ADXR on the same bars, computed in beforeAll.
import { beforeAll, describe, expect, it } from 'vitest';
import { adx, adxKind, adxr, adxrKind, directionalMovement, DirectionalState, dmKind, dx, dxKind } from '../../lib/features/directional';
import { runPython } from '../helpers/python';
import { barsJson, makeBars, PRINT_OUT, READ_BARS, withMissing, type Refs } from './indicator-helpers';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

const PERIODS = [2, 5, 14, 30];
const GAP = 2500;
const FUNCS = ['PLUS_DM', 'MINUS_DM', 'PLUS_DI', 'MINUS_DI', 'DX', 'ADX', 'ADXR'] as const;

/**
 * Bars with zero range first (true range 0: DI 0), then unchanging inside bars (range but no
 * directional movement: +DI + -DI = 0, DX undefined), then movement, then 80 flat bars where the
 * smoothed range decays towards 1e-23 without reaching 0.
 */
function flatStretchBars() {
  const h: number[] = [], l: number[] = [], c: number[] = [];
  for (let t = 0; t < 200; t++) {
    const mid = 100 + 5 * Math.sin(t / 7) + (t % 3);
    if (t < 12 || (t >= 60 && t < 140)) { h.push(100); l.push(100); c.push(100); }
    else if (t < 30) { h.push(101); l.push(99); c.push(100); }
    else { h.push(mid + 1 + (t % 5) / 4); l.push(mid - 1 - (t % 4) / 3); c.push(mid + ((t % 7) - 3) / 4); }
  }
  return makeBars(h, l, c);
}
const FLAT = flatStretchBars();
let refs: Refs;

function ours(bars: ReturnType<typeof sp500Bars>, p: number): Record<(typeof FUNCS)[number], Float64Array> {
  const dm = dmKind.batch(bars, dmKind.params({ period: p }, 'dm'));
  const a = adxKind.batch(bars, adxKind.params({ period: p }, 'adx'));
  return {
    PLUS_DM: dm[0]!, MINUS_DM: dm[1]!, PLUS_DI: a[1]!, MINUS_DI: a[2]!, ADX: a[0]!,
    DX: dxKind.batch(bars, { period: p })[0]!, ADXR: adxrKind.batch(bars, { period: p })[0]!,
  };
}

beforeAll(() => {
  refs = runPython<Refs>(`
import numpy as np, talib
${READ_BARS}
out = {}
f = {k: np.array(inp['flat'][k], dtype=float) for k in ('high', 'low', 'close')}
g = ${GAP}
for name in ${JSON.stringify(FUNCS)}:
    fn = getattr(talib, name)
    for p in ${JSON.stringify(PERIODS)}:
        out[f'{name}{p}'] = fn(h, l, c, p) if name.endswith('I') or name in ('DX', 'ADX', 'ADXR') else fn(h, l, p)
    for p in (2, 5):
        out[f'flat{name}{p}'] = fn(f['high'], f['low'], f['close'], p) if name.endswith('I') or name in ('DX', 'ADX', 'ADXR') else fn(f['high'], f['low'], p)
    out[f'gap{name}'] = fn(h[g + 1:], l[g + 1:], c[g + 1:], 14) if name.endswith('I') or name in ('DX', 'ADX', 'ADXR') else fn(h[g + 1:], l[g + 1:], 14)
${PRINT_OUT}
`, { bars: barsJson(sp500Bars()), flat: barsJson(FLAT) });
});

describe('directional movement kinds', () => {
  it.each(PERIODS)('+DM, -DM, +DI, -DI, DX, ADX and ADXR with period %i match TA-Lib to 1e-9 relative', (p) => {
    const got = ours(sp500Bars(), p);
    for (const name of FUNCS) expectMatchesReference(`${name}(${p})`, got[name], refs[`${name}${p}`]!);
  });

  it("follows TA-Lib's zero rules over flat stretches (DI 0, undefined DX held, ADX held)", () => {
    for (const p of [2, 5]) {
      const got = ours(FLAT, p);
      for (const name of FUNCS) expectMatchesReference(`flat ${name}(${p})`, got[name], refs[`flat${name}${p}`]!);
    }
    // The stretches really reach the zero rules: zero range, then DX undefined (held at its first 0).
    const got5 = ours(FLAT, 5);
    expect([got5.PLUS_DI[5], got5.MINUS_DI[5], got5.DX[5]]).toEqual([0, 0, 0]);
    expect([got5.PLUS_DI[25], got5.DX[25], got5.ADX[25]]).toEqual([0, 0, 0]);
    expect(got5.DX[40]).toBeGreaterThan(0);
    // Exact zero tests: the decayed range of the long flat run still gives TA-Lib's nonzero DI.
    expect(ours(FLAT, 2).PLUS_DI[139]).toBeGreaterThan(1);
  });

  it('kernels equal the kinds and default to period 14', () => {
    const b = sp500Bars();
    expect(adxKind.params({}, 'adx')).toEqual({ period: 14 });
    const got = ours(b, 14);
    const a = adx(b.high, b.low, b.close);
    const dm = directionalMovement(b.high, b.low, b.close);
    expect(Array.from(a.adx)).toEqual(Array.from(got.ADX));
    expect(Array.from(a.plusDi)).toEqual(Array.from(got.PLUS_DI));
    expect(Array.from(dm.minusDm)).toEqual(Array.from(got.MINUS_DM));
    expect(Array.from(dx(b.high, b.low, b.close))).toEqual(Array.from(got.DX));
    expect(Array.from(adxr(b.high, b.low, b.close))).toEqual(Array.from(got.ADXR));
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const kind of [adxKind, dmKind, dxKind, adxrKind]) {
      const p = kind.params({ period: 14 }, kind.kind);
      expectStreamingEqualsBatch(kind, bars, p);
      expectNoLookAhead(kind, bars, p, [1, 13, 14, 15, 27, 28, 40, 41, 777, 4000]);
    }
  });

  it('a missing high makes the bar NaN and the next bar starts a new history, as TA-Lib on the bars after the gap', () => {
    const gapped = withMissing(sp500Bars(), ['high'], GAP);
    const got = ours(gapped, 14);
    const full = ours(sp500Bars(), 14);
    for (const name of FUNCS) {
      expect(Number.isNaN(got[name][GAP]!), `${name} at the gap`).toBe(true);
      expect(Array.from(got[name].subarray(0, GAP))).toEqual(Array.from(full[name].subarray(0, GAP)));
      expectMatchesReference(`${name} after gap`, got[name].subarray(GAP + 1), refs[`gap${name}`]!);
    }
  });

  it('rejects bad parameters and inputs naming the argument, the value and the fix', () => {
    const b = sp500Bars();
    expect(() => adxKind.params({ period: 1 }, 'features.adx')).toThrow(/features\.adx\.period = 1: must be an integer >= 2\. Fix: pass e\.g\. 14/);
    expect(() => dxKind.params({ period: '14' } as never, 'dx')).toThrow(/dx\.period = "14": must be an integer >= 2/);
    expect(() => adxrKind.params({ window: 14 } as never, 'adxr')).toThrow(/adxr\.window = 14: is not a known option\. Fix: use only: period/);
    expect(() => new DirectionalState(0)).toThrow(/period = 0: must be an integer >= 2\. Fix: pass a whole number/);
    expect(() => adx(b.high, b.low, b.close.subarray(5))).toThrow(/close = array of length \d+: must have the length of high/);
    expect(() => dx(b.high, [1] as never, b.close)).toThrow(/low = array of length 1: must be a Float64Array/);
  });
});
