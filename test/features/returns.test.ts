// log_return / simple_return kinds over 1, 5 and 20 bars. Reference: numpy from the definition,
// ln(c[t] / c[t-h]) and c[t] / c[t-h] - 1 (pandas' Series.pct_change(h) is the same formula).
import { beforeAll, describe, expect, it } from 'vitest';
import { logReturnKind, returnsOver, ReturnState, simpleReturnKind } from '../../lib/features/returns';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<string, (number | null)[]>;
let refs: Refs;
const HORIZONS = [1, 5, 20] as const;

beforeAll(() => {
  refs = runPython<Refs>(`
import numpy as np, pandas as pd
c = np.array(inp['close']); o = np.array(inp['open'])
def js(a): return [None if np.isnan(v) else float(v) for v in a]
out = {}
for h in (1, 5, 20):
    lr = np.full_like(c, np.nan); lr[h:] = np.log(c[h:] / c[:-h])
    out[f'log{h}'] = js(lr)
    out[f'simple{h}'] = js(pd.Series(c).pct_change(h).to_numpy())
    lo = np.full_like(o, np.nan); lo[h:] = np.log(o[h:] / o[:-h])
    out[f'logOpen{h}'] = js(lo)
print(json.dumps(out))
`, { close: Array.from(sp500Bars().close), open: Array.from(sp500Bars().open) });
});

describe('log_return and simple_return kinds', () => {
  it.each(HORIZONS)('over %i bars match numpy/pandas to 1e-9 relative (close, and open as source)', (h) => {
    const bars = sp500Bars();
    expectMatchesReference(`log${h}`, logReturnKind.batch(bars, logReturnKind.params({ horizon: h }, 'r'))[0]!, refs[`log${h}`]!);
    expectMatchesReference(`simple${h}`, simpleReturnKind.batch(bars, simpleReturnKind.params({ horizon: h }, 'r'))[0]!, refs[`simple${h}`]!);
    expectMatchesReference(`logOpen${h}`, logReturnKind.batch(bars, logReturnKind.params({ horizon: h, source: 'open' }, 'r'))[0]!, refs[`logOpen${h}`]!);
  });

  it('defaults to one bar of close', () => {
    expect(logReturnKind.params({}, 'r')).toEqual({ horizon: 1, source: 'close' });
    expectMatchesReference('log default', logReturnKind.batch(sp500Bars(), logReturnKind.params({}, 'r'))[0]!, refs.log1!);
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const kind of [logReturnKind, simpleReturnKind]) {
      for (const h of HORIZONS) {
        const p = kind.params({ horizon: h }, kind.kind);
        expectStreamingEqualsBatch(kind, bars, p);
        expectNoLookAhead(kind, bars, p, [1, 5, 6, 20, 21, 777]);
      }
    }
  });

  it('makes the returns that touch a missing price NaN, and resumes after it', () => {
    const p = Float64Array.from([100, 101, Number.NaN, 103, 104, 105, 106]);
    const r = returnsOver(p, 2, 'log');
    expect(Array.from(r.slice(0, 6), Number.isNaN)).toEqual([true, true, true, false, true, false]);
    expect(r[3]).toBeCloseTo(Math.log(103 / 101), 15);
    expect(r[6]).toBeCloseTo(Math.log(106 / 104), 15);
    // The live path cannot refuse a bar: a zero or negative price reads as missing there.
    const s = new ReturnState(1, false);
    expect([s.update(100), s.update(0), s.update(102), s.update(103)].map(Number.isNaN)).toEqual([true, true, true, false]);
  });

  it('rejects bad prices and parameters naming the argument, the value and the fix', () => {
    expect(() => returnsOver(Float64Array.from([1, 0, 2]), 1, 'log')).toThrow(/price\[1\] = 0: must be a positive price \(or NaN where missing\)\. Fix: repair the data/);
    expect(() => returnsOver(Float64Array.from([1, 2]), 1, 'pct' as never)).toThrow(/type = "pct": must be 'log' or 'simple'\. Fix: pass 'log'/);
    expect(() => returnsOver([1, 2] as never, 1, 'log')).toThrow(/price = array of length 2: must be a Float64Array\. Fix: wrap the values/);
    expect(() => logReturnKind.params({ horizon: 0 }, 'features.ret')).toThrow(/features\.ret\.horizon = 0: must be an integer >= 1\. Fix: pass e\.g\. 1/);
    expect(() => simpleReturnKind.params({ horizon: 2.5 }, 'ret')).toThrow(/ret\.horizon = 2\.5: must be an integer >= 1/);
    expect(() => logReturnKind.params({ source: 'volume' as never }, 'ret')).toThrow(/ret\.source = "volume": must be one of open, high, low, close, adjClose/);
    expect(() => logReturnKind.params({ horizons: 5 } as never, 'ret')).toThrow(/ret\.horizons = 5: is not a known option\. Fix: use only: horizon, source/);
  });
});
