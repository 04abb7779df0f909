// TRANGE, ATR and NATR kinds: TA-Lib agreement on the S&P 500 sample, streaming = batch, no
// look-ahead, gap behaviour, NATR's zero-close difference, bad input. Reference: TA-Lib 0.8.2
// (PyPI ta-lib) talib.TRANGE / ATR / NATR on the same bars, computed in beforeAll.
import { beforeAll, describe, expect, it } from 'vitest';
import { atr, atrKind, AtrState, natr, natrKind, trangeKind, trueRange } from '../../lib/features/true-range';
import { runPython } from '../helpers/python';
import { barsJson, makeBars, PRINT_OUT, READ_BARS, withMissing, type Refs } from './indicator-helpers';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

const PERIODS = [1, 5, 14, 50];
const SMOOTHED = PERIODS.filter((p) => p > 1);
const GAP = 1200; // row whose close is missing in the gap test
const ZERO = makeBars([10, 11, 12, 1, 12, 13], [9, 10, 11, 0, 10, 12], [9.5, 10.5, 11.5, 0, 11, 12.5]);
let refs: Refs;

beforeAll(() => {
  refs = runPython<Refs>(`
import numpy as np, talib
${READ_BARS}
out = {'trange': talib.TRANGE(h, l, c)}
for p in ${JSON.stringify(PERIODS)}:
    out[f'atr{p}'] = talib.ATR(h, l, c, p)
    out[f'natr{p}'] = talib.NATR(h, l, c, p)
g = ${GAP}
out['atrAfterGap'] = talib.ATR(h[g + 1:], l[g + 1:], c[g + 1:], 14)
z = {k: np.array(inp['zero'][k], dtype=float) for k in ('high', 'low', 'close')}
out['natrZero'] = talib.NATR(z['high'], z['low'], z['close'], 2)
${PRINT_OUT}
`, { bars: barsJson(sp500Bars()), zero: barsJson(ZERO) });
});

describe('TRANGE / ATR / NATR kinds', () => {
  it('TRANGE matches TA-Lib to 1e-9 relative', () => {
    expectMatchesReference('trange', trangeKind.batch(sp500Bars(), trangeKind.params({}, 'trange'))[0]!, refs.trange!);
  });

  it.each(SMOOTHED)('ATR and NATR with period %i match TA-Lib to 1e-9 relative', (p) => {
    const bars = sp500Bars();
    expectMatchesReference(`atr${p}`, atrKind.batch(bars, atrKind.params({ period: p }, 'atr'))[0]!, refs[`atr${p}`]!);
    expectMatchesReference(`natr${p}`, natrKind.batch(bars, natrKind.params({ period: p }, 'natr'))[0]!, refs[`natr${p}`]!);
  });

  it('period 1: ATR is the true range, NATR is 100 * TR / close (TA-Lib NATR(1) returns the raw TRANGE)', () => {
    const bars = sp500Bars();
    expectMatchesReference('atr1', atrKind.batch(bars, atrKind.params({ period: 1 }, 'atr'))[0]!, refs.atr1!);
    expect(refs.natr1!.slice(1, 50)).toEqual(refs.trange!.slice(1, 50));
    const expected = refs.trange!.map((tr, t) => (tr === null ? null : (100 * tr) / bars.close[t]!));
    expectMatchesReference('natr1', natr(bars.high, bars.low, bars.close, 1), expected);
  });

  it('defaults are period 14 and the kernels equal the kinds', () => {
    const bars = sp500Bars();
    expect(atrKind.params({}, 'atr')).toEqual({ period: 14 });
    expectMatchesReference('atr default', atr(bars.high, bars.low, bars.close), refs.atr14!);
    expectMatchesReference('natr default', natr(bars.high, bars.low, bars.close), refs.natr14!);
    expectMatchesReference('trange kernel', trueRange(bars.high, bars.low, bars.close), refs.trange!);
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const kind of [atrKind, natrKind]) {
      const p = kind.params({ period: 14 }, kind.kind);
      expectStreamingEqualsBatch(kind, bars, p);
      expectNoLookAhead(kind, bars, p, [1, 2, 14, 15, 16, 777, 4000]);
    }
    expectStreamingEqualsBatch(trangeKind, bars, {});
    expectNoLookAhead(trangeKind, bars, {}, [1, 2, 100]);
  });

  it('a missing close makes that bar and the next true range NaN, then ATR restarts like TA-Lib on the bars after the gap', () => {
    const gapped = withMissing(sp500Bars(), ['close'], GAP);
    const tr = trueRange(gapped.high, gapped.low, gapped.close);
    expect(Number.isNaN(tr[GAP]!) && Number.isNaN(tr[GAP + 1]!)).toBe(true);
    expect(tr[GAP + 2]).toBeGreaterThan(0);
    const ours = atr(gapped.high, gapped.low, gapped.close, 14);
    const full = atr(sp500Bars().high, sp500Bars().low, sp500Bars().close, 14);
    expect(Array.from(ours.subarray(0, GAP))).toEqual(Array.from(full.subarray(0, GAP)));
    expectMatchesReference('atr after gap', ours.subarray(GAP + 1), refs.atrAfterGap!);
  });

  it('NATR is NaN where the close is 0 (TA-Lib reports 0 there)', () => {
    const ours = natr(ZERO.high, ZERO.low, ZERO.close, 2);
    expect(refs.natrZero![3]).toBe(0);
    expect(Number.isNaN(ours[3]!)).toBe(true);
    expectMatchesReference('natr around zero', ours.filter((_, t) => t !== 3), refs.natrZero!.filter((_, t) => t !== 3));
  });

  it('rejects bad parameters and inputs naming the argument, the value and the fix', () => {
    const b = sp500Bars();
    expect(() => atrKind.params({ period: 0 }, 'features.atr')).toThrow(/features\.atr\.period = 0: must be an integer >= 1\. Fix: pass e\.g\. 14/);
    expect(() => natrKind.params({ window: 14 } as never, 'natr')).toThrow(/natr\.window = 14: is not a known option\. Fix: use only: period/);
    expect(() => trangeKind.params({ period: 3 } as never, 'tr')).toThrow(/tr\.period = 3: is not a known option/);
    expect(() => new AtrState(2.5)).toThrow(/period = 2\.5: must be an integer >= 1\. Fix: pass a whole number/);
    const n = b.high.length;
    expect(() => atr(b.high, b.low.subarray(1), b.close)).toThrow(new RegExp(`low = array of length ${n - 1}: must have the length of high \\(${n}\\)\\. Fix: pass columns of the same bars`));
    expect(() => trueRange([1, 2] as never, b.low, b.close)).toThrow(/high = array of length 2: must be a Float64Array\. Fix: wrap the values: Float64Array\.from\(values\)/);
  });
});
