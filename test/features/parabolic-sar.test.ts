// Parabolic SAR kind: TA-Lib agreement on the S&P 500 sample (several acceleration/maximum pairs)
// and on hand-made starts (TA-Lib's -DM start rule), streaming = batch, no look-ahead, gap
// behaviour, bad input. Reference: TA-Lib 0.8.2 (PyPI ta-lib) talib.SAR, computed in beforeAll.
import { beforeAll, describe, expect, it } from 'vitest';
import { parabolicSar, SarState, sarKind } from '../../lib/features/parabolic-sar';
import { runPython } from '../helpers/python';
import { barsJson, makeBars, PRINT_OUT, READ_BARS, withMissing, type Refs } from './indicator-helpers';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

const SETTINGS: [number, number][] = [[0.02, 0.2], [0.01, 0.1], [0.05, 0.5], [0.02, 0.02], [0.1, 0.3]];
const GAP = 3000;
// Bar 1's low falls 3 below bar 0's while its high falls 0.2: -DM > 0, so the first trade is short.
const SHORT_START = makeBars([10, 9.8, 9.5, 9, 9.5, 9, 10, 12, 13], [9, 6, 8, 7.5, 7, 6.5, 7, 9, 11], [9.5, 7, 9, 8, 7.2, 7, 9.5, 11.5, 12.5]);
// Bar 1 is an inside bar: no -DM, so the first trade is long (TA-Lib's default, also on a tie).
const LONG_START = makeBars([10, 9.8, 11.5, 12, 11, 10, 9, 9.5], [9, 9.5, 9.5, 10, 9, 8, 7, 8], [9.5, 9.6, 11, 11.5, 9.5, 8.5, 7.5, 9]);
let refs: Refs;

beforeAll(() => {
  refs = runPython<Refs>(`
import numpy as np, talib
${READ_BARS}
out = {}
for a, m in ${JSON.stringify(SETTINGS)}:
    out[f'sar{a}_{m}'] = talib.SAR(h, l, a, m)
out['default'] = talib.SAR(h, l)
g = ${GAP}
out['afterGap'] = talib.SAR(h[g + 1:], l[g + 1:])
for name in ('short', 'long'):
    b = inp[name]
    out[name] = talib.SAR(np.array(b['high']), np.array(b['low']))
${PRINT_OUT}
`, { bars: barsJson(sp500Bars()), short: barsJson(SHORT_START), long: barsJson(LONG_START) });
});

describe('Parabolic SAR kind', () => {
  it.each(SETTINGS)('SAR(acceleration %f, maximum %f) matches TA-Lib to 1e-9 relative', (a, m) => {
    const got = sarKind.batch(sp500Bars(), sarKind.params({ acceleration: a, maximum: m }, 'sar'))[0]!;
    expectMatchesReference(`sar ${a}/${m}`, got, refs[`sar${a}_${m}`]!);
  });

  it('defaults are acceleration 0.02, maximum 0.2, as TA-Lib', () => {
    const b = sp500Bars();
    expect(sarKind.params({}, 'sar')).toEqual({ acceleration: 0.02, maximum: 0.2 });
    expectMatchesReference('sar default', parabolicSar(b.high, b.low), refs.default!);
  });

  it("starts short when bar 1's -DM is positive (SAR = bar 0's high), else long (SAR = bar 0's low), as TA-Lib", () => {
    const short = parabolicSar(SHORT_START.high, SHORT_START.low);
    expect(short[1]).toBe(10);
    expectMatchesReference('short start', short, refs.short!);
    const long = parabolicSar(LONG_START.high, LONG_START.low);
    expect(long[1]).toBe(9);
    expectMatchesReference('long start', long, refs.long!);
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    const p = sarKind.params({}, 'sar');
    expectStreamingEqualsBatch(sarKind, bars, p);
    expectNoLookAhead(sarKind, bars, p, [1, 2, 3, 50, 777, 4000]);
  });

  it('a missing low makes the bar NaN and the next bar starts over, as TA-Lib on the bars after the gap', () => {
    const gapped = withMissing(sp500Bars(), ['low'], GAP);
    const got = parabolicSar(gapped.high, gapped.low);
    const full = parabolicSar(sp500Bars().high, sp500Bars().low);
    expect(Array.from(got.subarray(0, GAP))).toEqual(Array.from(full.subarray(0, GAP)));
    expect(Number.isNaN(got[GAP]!) && Number.isNaN(got[GAP + 1]!)).toBe(true);
    expectMatchesReference('sar after gap', got.subarray(GAP + 1), refs.afterGap!);
  });

  it('rejects bad parameters and inputs naming the argument, the value and the fix (TA-Lib silently lowers acceleration > maximum)', () => {
    const b = sp500Bars();
    expect(() => sarKind.params({ acceleration: 0.3 }, 'features.sar')).toThrow(/features\.sar\.acceleration = 0\.3: must not exceed features\.sar\.maximum \(0\.2\)\. Fix: lower features\.sar\.acceleration or raise features\.sar\.maximum/);
    expect(() => sarKind.params({ maximum: 0 }, 'sar')).toThrow(/sar\.maximum = 0: must be a finite number > 0\. Fix: pass e\.g\. 0\.2/);
    expect(() => sarKind.params({ step: 0.02 } as never, 'sar')).toThrow(/sar\.step = 0\.02: is not a known option\. Fix: use only: acceleration, maximum/);
    expect(() => new SarState(Number.NaN)).toThrow(/acceleration = NaN: must be a finite number > 0\. Fix: pass e\.g\. 0\.02/);
    expect(() => parabolicSar(b.high, b.low.subarray(0, 10))).toThrow(/low = array of length 10: must have the length of high/);
  });
});
