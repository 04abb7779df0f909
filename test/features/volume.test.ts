// OBV, AD and ADOSC kinds: TA-Lib agreement on the S&P 500 sample, streaming = batch, no
// look-ahead, gap behaviour (running totals carry over a missing bar), bad input. Reference:
// TA-Lib 0.8.2 (PyPI ta-lib) talib.OBV / AD / ADOSC on the same bars, computed in beforeAll.
import { beforeAll, describe, expect, it } from 'vitest';
import { accumulationDistribution, adKind, AdOscState, adOscillator, adoscKind, obv, obvKind } from '../../lib/features/volume';
import { runPython } from '../helpers/python';
import { barsJson, PRINT_OUT, READ_BARS, withMissing, type Refs } from './indicator-helpers';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

const ADOSC_PERIODS: [number, number][] = [[3, 10], [5, 20], [10, 3], [2, 2]];
const GAP = 2222;
let refs: Refs;

beforeAll(() => {
  refs = runPython<Refs>(`
import numpy as np, talib
${READ_BARS}
out = {'obv': talib.OBV(c, v), 'obvOpen': talib.OBV(o, v), 'ad': talib.AD(h, l, c, v)}
for f, s in ${JSON.stringify(ADOSC_PERIODS)}:
    out[f'adosc{f}_{s}'] = talib.ADOSC(h, l, c, v, f, s)
g = ${GAP}
drop = lambda x: np.delete(x, g)
out['obvWithoutGap'] = talib.OBV(drop(c), drop(v))
out['adWithoutGap'] = talib.AD(drop(h), drop(l), drop(c), drop(v))
out['adoscAfterGap'] = talib.ADOSC(h[g + 1:], l[g + 1:], c[g + 1:], v[g + 1:], 3, 10)
${PRINT_OUT}
`, { bars: barsJson(sp500Bars()) });
});

describe('OBV / AD / ADOSC kinds', () => {
  it("OBV matches TA-Lib to 1e-9 relative and starts at the first bar's volume", () => {
    const bars = sp500Bars();
    const got = obvKind.batch(bars, obvKind.params({}, 'obv'))[0]!;
    expect(got[0]).toBe(bars.volume[0]);
    expectMatchesReference('obv', got, refs.obv!);
    expectMatchesReference('obv(open)', obvKind.batch(bars, obvKind.params({ source: 'open' }, 'obv'))[0]!, refs.obvOpen!);
  });

  it('AD matches TA-Lib to 1e-9 relative', () => {
    expectMatchesReference('ad', adKind.batch(sp500Bars(), adKind.params({}, 'ad'))[0]!, refs.ad!);
  });

  it.each(ADOSC_PERIODS)('ADOSC(%i, %i) matches TA-Lib to 1e-9 of max(|ref|, 1e-6 |AD|max) (fast > slow allowed, as TA-Lib)', (f, s) => {
    const got = adoscKind.batch(sp500Bars(), adoscKind.params({ fastPeriod: f, slowPeriod: s }, 'adosc'))[0]!;
    // TA-Lib's build fuses the EMA step into an FMA; the roundings differ by a few ulps of the A/D
    // level, so near a zero crossing the oscillator is compared on 1e-6 of that level (1e-15 absolute).
    const adLevel = refs.ad!.reduce((m: number, r) => (r === null ? m : Math.max(m, Math.abs(r))), 0);
    expectMatchesReference(`adosc ${f}/${s}`, got, refs[`adosc${f}_${s}`]!, 1e-9, 1e-6 * adLevel);
  });

  it('kernels equal the kinds; ADOSC defaults to 3 and 10', () => {
    const b = sp500Bars();
    expect(adoscKind.params({}, 'adosc')).toEqual({ fastPeriod: 3, slowPeriod: 10 });
    expect(Array.from(adOscillator(b.high, b.low, b.close, b.volume))).toEqual(Array.from(adoscKind.batch(b, adoscKind.params({}, 'adosc'))[0]!));
    expectMatchesReference('ad kernel', accumulationDistribution(b.high, b.low, b.close, b.volume), refs.ad!);
    expectMatchesReference('obv kernel', obv(b.close, b.volume), refs.obv!);
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const [kind, params] of [[obvKind, {}], [adKind, {}], [adoscKind, { fastPeriod: 3, slowPeriod: 10 }]] as const) {
      const p = (kind as typeof adoscKind).params(params as never, kind.kind);
      expectStreamingEqualsBatch(kind as typeof adoscKind, bars, p);
      expectNoLookAhead(kind as typeof adoscKind, bars, p, [1, 2, 9, 10, 11, 777, 4000]);
    }
  });

  it('a missing volume is NaN and adds nothing: OBV and AD carry on as TA-Lib without that bar; ADOSC restarts its EMAs', () => {
    const gapped = withMissing(sp500Bars(), ['volume'], GAP);
    const skip = (x: Float64Array) => Float64Array.from([...x.subarray(0, GAP), ...x.subarray(GAP + 1)]);
    const o = obv(gapped.close, gapped.volume);
    const a = accumulationDistribution(gapped.high, gapped.low, gapped.close, gapped.volume);
    expect(Number.isNaN(o[GAP]!) && Number.isNaN(a[GAP]!)).toBe(true);
    expectMatchesReference('obv without the gap bar', skip(o), refs.obvWithoutGap!);
    expectMatchesReference('ad without the gap bar', skip(a), refs.adWithoutGap!);
    // The A/D level differs from TA-Lib's restart at 0 after the gap, which the EMA difference cancels
    // up to the rounding of that level (|AD| ~ 1e11): compare against the oscillator's own scale.
    const osc = adOscillator(gapped.high, gapped.low, gapped.close, gapped.volume);
    expect(Number.isNaN(osc[GAP + 9]!)).toBe(true);
    const ref = refs.adoscAfterGap!;
    const scale = ref.reduce((m: number, r) => (r === null ? m : Math.max(m, Math.abs(r))), 0);
    expectMatchesReference('adosc after gap', osc.subarray(GAP + 1), ref, 1e-9, scale);
  });

  it('rejects bad parameters and inputs naming the argument, the value and the fix', () => {
    const b = sp500Bars();
    expect(() => adoscKind.params({ fastPeriod: 1 }, 'features.adosc')).toThrow(/features\.adosc\.fastPeriod = 1: must be an integer >= 2\. Fix: pass e\.g\. 3/);
    expect(() => adoscKind.params({ fast: 3 } as never, 'adosc')).toThrow(/adosc\.fast = 3: is not a known option\. Fix: use only: fastPeriod, slowPeriod/);
    expect(() => obvKind.params({ source: 'volume' } as never, 'obv')).toThrow(/obv\.source = "volume": must be one of open, high, low, close, adjClose/);
    expect(() => adKind.params({ period: 3 } as never, 'ad')).toThrow(/ad\.period = 3: is not a known option/);
    expect(() => new AdOscState(3, 0.5)).toThrow(/slowPeriod = 0\.5: must be an integer >= 2/);
    expect(() => obv(b.close, b.volume.subarray(3))).toThrow(/volume = array of length \d+: must have the length of price/);
    const { adjClose: _unused, ...noAdj } = b;
    expect(() => obvKind.batch(noAdj, { source: 'adjClose' })).toThrow(/source = "adjClose": bars of SPX have no adjClose column\. Fix: read a file with that column or use source 'close'/);
  });
});
