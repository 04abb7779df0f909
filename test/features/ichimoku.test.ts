// ichimoku kind. Reference: pandas from the definition (StockCharts ChartSchool "Ichimoku Cloud"):
// midpoints of rolling(n).max() of high and rolling(n).min() of low; the chart's spans at t are the
// lead values of t - displacement (Series.shift(displacement)); no chikou (it is look-ahead).
import { beforeAll, describe, expect, it } from 'vitest';
import { ichimoku, ichimokuKind, IchimokuState } from '../../lib/features/ichimoku';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<string, (number | null)[]>;
let refs: Refs;
const SETS = { classic: { tenkan: 9, kijun: 26, senkouB: 52, displacement: 26 }, fast: { tenkan: 7, kijun: 22, senkouB: 44, displacement: 22 }, tiny: { tenkan: 1, kijun: 2, senkouB: 3, displacement: 1 } };

beforeAll(() => {
  const b = sp500Bars();
  refs = runPython<Refs>(`
import numpy as np, pandas as pd
h = pd.Series(inp['high'], dtype=float); l = pd.Series(inp['low'], dtype=float)
def mid(n): return (h.rolling(n).max() + l.rolling(n).min()) / 2
def js(s): return [None if np.isnan(v) else float(v) for v in s]
out = {}
for name, p in inp['sets'].items():
    tenkan, kijun, lead_b = mid(p['tenkan']), mid(p['kijun']), mid(p['senkouB'])
    lead_a = (tenkan + kijun) / 2
    d = p['displacement']
    for key, s in (('tenkan', tenkan), ('kijun', kijun), ('senkouA', lead_a.shift(d)), ('senkouB', lead_b.shift(d)), ('senkouALead', lead_a), ('senkouBLead', lead_b)):
        out[f'{name}.{key}'] = js(s)
print(json.dumps(out))
`, { high: Array.from(b.high), low: Array.from(b.low), sets: SETS });
});

describe('ichimoku kind', () => {
  it.each(Object.keys(SETS))('%s parameters: all six lines match pandas to 1e-9', (name) => {
    const p = ichimokuKind.params(SETS[name as keyof typeof SETS], 'ichimoku');
    const outputs = ichimokuKind.outputs(p);
    ichimokuKind.batch(sp500Bars(), p).forEach((col, j) => expectMatchesReference(`${name}.${outputs[j]}`, col, refs[`${name}.${outputs[j]}`]!));
  });

  it('defaults to 9/26/52 displaced 26, has no chikou, and the cloud at t is the lead of t - 26', () => {
    const p = ichimokuKind.params({}, 'ichimoku');
    expect(p).toEqual(SETS.classic);
    expect(ichimokuKind.outputs(p)).toEqual(['tenkan', 'kijun', 'senkouA', 'senkouB', 'senkouALead', 'senkouBLead']);
    const [, , a, b, aLead, bLead] = ichimoku(sp500Bars());
    expect(a![1000]).toBe(aLead![974]);
    expect(b![1000]).toBe(bLead![974]);
    // First values: tenkan at 8, kijun and lead A at 25, lead B at 51, chart spans 26 later.
    expect([Number.isNaN(aLead![24]!), Number.isNaN(aLead![25]!), Number.isNaN(a![50]!), Number.isNaN(a![51]!), Number.isNaN(b![76]!), Number.isNaN(b![77]!)]).toEqual([true, false, true, false, true, false]);
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const set of Object.values(SETS)) {
      const p = ichimokuKind.params(set, 'ichimoku');
      expectStreamingEqualsBatch(ichimokuKind, bars, p);
      expectNoLookAhead(ichimokuKind, bars, p, [1, 2, 8, 9, 25, 26, 51, 52, 77, 78, 2000]);
    }
  });

  it('makes windows holding a missing high NaN, and the spans NaN displacement bars later', () => {
    const s = new IchimokuState({ tenkan: 2, kijun: 3, senkouB: 3, displacement: 2 });
    const rows: number[][] = [];
    for (const [h, l] of [[2, 1], [3, 1], [Number.NaN, 1], [4, 2], [5, 3], [6, 4], [7, 5], [8, 6]]) {
      s.update(h!, l!);
      rows.push([s.tenkan, s.kijun, s.senkouA]);
    }
    expect(rows.map((r) => r.map(Number.isNaN))).toEqual([
      [true, true, true], [false, true, true], [true, true, true], [true, true, true],
      [false, true, true], [false, false, true], [false, false, true], [false, false, false],
    ]);
    expect(rows[7]![2]).toBe(((6 + 3) / 2 + (6 + 2) / 2) / 2); // lead A of bar 5: tenkan over bars 4-5, kijun over 3-5
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => ichimokuKind.params({ tenkan: 0 }, 'f.ichi')).toThrow(/f\.ichi\.tenkan = 0: must be an integer >= 1\. Fix: pass e\.g\. 9/);
    expect(() => ichimokuKind.params({ displacement: 1.5 }, 'f.ichi')).toThrow(/f\.ichi\.displacement = 1\.5: must be an integer >= 1\. Fix: pass e\.g\. 26/);
    expect(() => ichimokuKind.params({ chikou: 26 } as never, 'ichi')).toThrow(/ichi\.chikou = 26: is not a known option\. Fix: use only: tenkan, kijun, senkouB, displacement/);
    const b = sp500Bars();
    expect(() => ichimoku({ high: b.high, low: b.low.subarray(2) })).toThrow(`bars.low = array of length ${b.low.length - 2}: must have the length of bars.high (${b.high.length})`);
    expect(() => new IchimokuState({ tenkan: 9, kijun: 0, senkouB: 52, displacement: 26 })).toThrow(/params\.kijun = 0: must be an integer >= 1/);
  });
});
