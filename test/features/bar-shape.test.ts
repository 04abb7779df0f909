// ibs and volume_percentile kinds. Reference: numpy (C - L) / (H - L) (the sample has no bar with
// H == L; the 0.5 chosen there is tested on made-up bars), and pandas
// Series.rolling(N).rank(pct=True) (method 'average'), the semantics the volume percentile
// promises, on the real volumes and on coarsened ones full of ties.
import { beforeAll, describe, expect, it } from 'vitest';
import { ibs, ibsKind, volumePercentile, volumePercentileKind } from '../../lib/features/bar-shape';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<string, (number | null)[]>;
let refs: Refs;
// Volumes rounded to 5e8 shares: every window holds many ties.
const coarse = (): Float64Array => sp500Bars().volume.map((v) => Math.round(v / 5e8) * 5e8);

beforeAll(() => {
  const b = sp500Bars();
  refs = runPython<Refs>(`
import numpy as np, pandas as pd
h, l, c = (np.array(inp[k], dtype=float) for k in ('high', 'low', 'close'))
v = pd.Series(inp['volume'], dtype=float); vc = pd.Series(inp['coarse'], dtype=float)
def js(s): return [None if np.isnan(x) else float(x) for x in s]
rng = h - l
out = {'ibs': js((c - l) / rng)}
for n in (20, 252, 1, 2):
    out[f'vp{n}'] = js(v.rolling(n).rank(pct=True))
    out[f'coarse{n}'] = js(vc.rolling(n).rank(pct=True))
print(json.dumps(out))
`, { high: Array.from(b.high), low: Array.from(b.low), close: Array.from(b.close), volume: Array.from(b.volume), coarse: Array.from(coarse()) });
});

describe('ibs kind', () => {
  it('matches numpy (C - L) / (H - L) to 1e-9', () => {
    expectMatchesReference('ibs', ibsKind.batch(sp500Bars(), ibsKind.params({}, 'ibs'))[0]!, refs.ibs!);
  });

  it('streams what the batch computes, never looks ahead; 0.5 where high == low, NaN where a price is missing', () => {
    const bars = sp500Bars();
    expectStreamingEqualsBatch(ibsKind, bars, {});
    expectNoLookAhead(ibsKind, bars, {}, [1, 100]);
    const out = ibs({ high: Float64Array.from([2, 2, Number.NaN, 2]), low: Float64Array.from([1, 2, 1, 1]), close: Float64Array.from([1.25, 2, 1.5, Number.NaN]) });
    expect(Array.from(out)).toEqual([0.25, 0.5, Number.NaN, Number.NaN]);
  });

  it('takes no parameters and says so', () => {
    expect(() => ibsKind.params({ window: 1 } as never, 'f.ibs')).toThrow(/f\.ibs\.window = 1: is not a known option\. Fix: use only: /);
    expect(() => ibs({ high: Float64Array.from([1]), low: Float64Array.from([1, 2]), close: Float64Array.from([1]) })).toThrow(/bars\.low = array of length 2: must have the length of bars\.close \(1\)/);
  });
});

describe('volume_percentile kind', () => {
  it.each([20, 252, 1, 2])('window %i matches pandas rolling rank(pct=True), real and tied volumes, to 1e-9', (window) => {
    const p = volumePercentileKind.params({ window }, 'vp');
    expectMatchesReference(`vp${window}`, volumePercentileKind.batch(sp500Bars(), p)[0]!, refs[`vp${window}`]!);
    expectMatchesReference(`coarse${window}`, volumePercentile(coarse(), window), refs[`coarse${window}`]!);
  });

  it('defaults to 20 bars; streams what the batch computes; never looks ahead', () => {
    const bars = sp500Bars();
    const p = volumePercentileKind.params({}, 'vp');
    expect(p).toEqual({ window: 20 });
    expectStreamingEqualsBatch(volumePercentileKind, bars, p);
    expectNoLookAhead(volumePercentileKind, bars, p, [1, 19, 20, 21, 3333]);
  });

  it('is NaN while a missing volume is in the window', () => {
    const out = volumePercentile(Float64Array.from([1, 2, Number.NaN, 3, 4, 5, 5]), 2);
    expect(Array.from(out)).toEqual([Number.NaN, 1, Number.NaN, Number.NaN, 1, 1, 0.75]);
  });

  it('keeps its sorted window right through ties and gaps (against a scan of each window)', () => {
    let seed = 7;
    const next = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const x = Float64Array.from({ length: 3000 }, () => (next() < 0.03 ? Number.NaN : Math.floor(next() * 6)));
    for (const w of [1, 3, 7, 40]) {
      const scan = Array.from(x, (v, t) => {
        if (t < w - 1) return Number.NaN;
        const win = Array.from(x.subarray(t - w + 1, t + 1));
        if (win.some(Number.isNaN)) return Number.NaN;
        return (win.filter((u) => u < v).length + (win.filter((u) => u === v).length + 1) / 2) / w;
      });
      expect(Array.from(volumePercentile(x, w))).toEqual(scan);
    }
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => volumePercentileKind.params({ window: 0 }, 'f.vp')).toThrow(/f\.vp\.window = 0: must be an integer >= 1\. Fix: pass e\.g\. 20/);
    expect(() => volumePercentileKind.params({ method: 'min' } as never, 'vp')).toThrow(/vp\.method = "min": is not a known option\. Fix: use only: window/);
    expect(() => volumePercentile([1, 2] as never)).toThrow(/volume = array of length 2: must be a Float64Array/);
  });
});
