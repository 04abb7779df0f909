// Parkinson, Garman-Klass, Rogers-Satchell and Yang-Zhang kinds. Reference: numpy written from the
// papers' definitions (cited in lib/features/range-volatility.ts): per-bar terms averaged over each
// window (pandas rolling mean), Yang-Zhang's overnight and open-to-close parts as rolling sample
// variances (ddof 1), k = 0.34 / (1.34 + (N + 1) / (N - 1)).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  garmanKlassKind, parkinsonKind, rangeVolatility, rogersSatchellKind, yangZhangKind, YangZhangState,
} from '../../lib/features/range-volatility';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<string, (number | null)[]>;
let refs: Refs;
const KINDS = { parkinson: parkinsonKind, garman_klass: garmanKlassKind, rogers_satchell: rogersSatchellKind, yang_zhang: yangZhangKind };
const CASES = [[20, 1], [10, 252], [63, 252], [2, 1]] as const;

beforeAll(() => {
  const b = sp500Bars();
  refs = runPython<Refs>(`
import numpy as np, pandas as pd
o, h, l, c = (pd.Series(inp[k], dtype=float) for k in ('open', 'high', 'low', 'close'))
u = np.log(h / l); co = np.log(c / o)
park = u ** 2 / (4 * np.log(2))
gk = 0.5 * u ** 2 - (2 * np.log(2) - 1) * co ** 2
rs = np.log(h / c) * np.log(h / o) + np.log(l / c) * np.log(l / o)
overnight = np.log(o / c.shift(1))
def js(s): return [None if np.isnan(v) else float(v) for v in s]
out = {}
for n, ann in ((20, 1), (10, 252), (63, 252), (2, 1)):
    out[f'parkinson{n}_{ann}'] = js(np.sqrt(park.rolling(n).mean() * ann))
    out[f'garman_klass{n}_{ann}'] = js(np.sqrt(gk.rolling(n).mean() * ann))
    out[f'rogers_satchell{n}_{ann}'] = js(np.sqrt(rs.rolling(n).mean() * ann))
    k = 0.34 / (1.34 + (n + 1) / (n - 1))
    var = overnight.rolling(n).var(ddof=1) + k * co.rolling(n).var(ddof=1) + (1 - k) * rs.rolling(n).mean()
    out[f'yang_zhang{n}_{ann}'] = js(np.sqrt(var * ann))
print(json.dumps(out))
`, { open: Array.from(b.open), high: Array.from(b.high), low: Array.from(b.low), close: Array.from(b.close) });
});

describe('range-based volatility kinds', () => {
  for (const [name, kind] of Object.entries(KINDS)) {
    it.each(CASES)(`${name}: window %i, annualize %i matches numpy/pandas to 1e-9`, (window, annualize) => {
      const p = kind.params({ window, annualize }, name);
      expectMatchesReference(`${name}${window}`, kind.batch(sp500Bars(), p)[0]!, refs[`${name}${window}_${annualize}`]!);
    });
  }

  it('default to 20 bars, not annualised; Yang-Zhang starts one bar later (it needs the previous close)', () => {
    const bars = sp500Bars();
    for (const kind of Object.values(KINDS)) expect(kind.params({}, 'v')).toEqual({ window: 20, annualize: 1 });
    const park = parkinsonKind.batch(bars, parkinsonKind.params({}, 'v'))[0]!;
    const yz = yangZhangKind.batch(bars, yangZhangKind.params({}, 'v'))[0]!;
    expect([Number.isNaN(park[18]!), Number.isNaN(park[19]!), Number.isNaN(yz[19]!), Number.isNaN(yz[20]!)]).toEqual([true, false, true, false]);
  });

  it('stream exactly what the batch computes and never look ahead', () => {
    const bars = sp500Bars();
    for (const kind of Object.values(KINDS)) {
      const p = kind.params({ window: 10, annualize: 252 }, kind.kind);
      expectStreamingEqualsBatch(kind, bars, p);
      expectNoLookAhead(kind, bars, p, [1, 9, 10, 11, 12, 3000]);
    }
  });

  it('make windows holding a missing bar NaN (Yang-Zhang also the next bar, whose overnight gap is unknown)', () => {
    const b = sp500Bars();
    const n = 40;
    const cols = { open: b.open.slice(0, n), high: b.high.slice(0, n), low: b.low.slice(0, n), close: b.close.slice(0, n) };
    cols.close[20] = Number.NaN;
    const gk = rangeVolatility('garman_klass', cols, 5);
    expect(Array.from(gk.slice(19, 26), Number.isNaN)).toEqual([false, true, true, true, true, true, false]);
    const yz = rangeVolatility('yang_zhang', cols, 5);
    expect(Array.from(yz.slice(19, 27), Number.isNaN)).toEqual([false, true, true, true, true, true, true, false]);
    // Live bars cannot be refused: a zero price reads as missing in the stream.
    const s = new YangZhangState(2);
    expect([s.update(1, 1.1, 0.9, 1), s.update(1, 1.1, 0.9, 1.05), s.update(1, 1.1, 0.9, 1.02), s.update(0, 1.1, 0.9, 1)].map(Number.isNaN)).toEqual([true, true, false, true]);
  });

  it('reject bad parameters and prices naming the argument, the value and the fix', () => {
    expect(() => parkinsonKind.params({ window: 0 }, 'f.pk')).toThrow(/f\.pk\.window = 0: must be an integer >= 1\. Fix: pass e\.g\. 20/);
    expect(() => yangZhangKind.params({ window: 1 }, 'f.yz')).toThrow(/f\.yz\.window = 1: must be an integer >= 2/);
    expect(() => garmanKlassKind.params({ annualize: -252 }, 'gk')).toThrow(/gk\.annualize = -252: must be a finite number > 0/);
    expect(() => rogersSatchellKind.params({ periods: 252 } as never, 'rs')).toThrow(/rs\.periods = 252: is not a known option\. Fix: use only: window, annualize/);
    const b = sp500Bars();
    const low = b.low.slice(); low[7] = 0;
    expect(() => rangeVolatility('parkinson', { open: b.open, high: b.high, low, close: b.close }, 20)).toThrow(/bars\.low\[7\] = 0: must be a positive price/);
    expect(() => rangeVolatility('parkinson', { open: b.open, high: b.high.subarray(1), low: b.low, close: b.close }, 20)).toThrow(`bars.high = array of length ${b.close.length - 1}: must have the length of bars.close (${b.close.length})`);
    expect(() => rangeVolatility('atr' as never, b, 20)).toThrow(/estimator = "atr": is not a range volatility estimator/);
  });
});
