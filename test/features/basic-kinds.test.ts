// SMA, EMA and RSI as registry kinds: TA-Lib agreement on the S&P 500 sample, streaming = batch,
// no look-ahead. Reference: TA-Lib 0.8.2 (PyPI ta-lib) SMA/EMA/RSI on the same closes.
import { beforeAll, describe, expect, it } from 'vitest';
import { emaKind, smaKind } from '../../lib/features/moving-average';
import { rsiKind } from '../../lib/features/rsi';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<string, (number | null)[]>;
let refs: Refs;

beforeAll(() => {
  const bars = sp500Bars();
  refs = runPython<Refs>(`
import numpy as np, talib
c = np.array(inp['close'])
out = {}
for w in (5, 20, 50, 200):
    out[f'sma{w}'] = talib.SMA(c, w).tolist()
    out[f'ema{w}'] = talib.EMA(c, w).tolist()
for p in (2, 14):
    out[f'rsi{p}'] = talib.RSI(c, p).tolist()
print(json.dumps({k: [None if np.isnan(v) else v for v in vals] for k, vals in out.items()}))
`, { close: Array.from(bars.close) });
});

describe('SMA/EMA/RSI kinds', () => {
  it.each([5, 20, 50, 200])('SMA(%i) and EMA(%i) match TA-Lib to 1e-9 relative', (w) => {
    const bars = sp500Bars();
    expectMatchesReference(`sma${w}`, smaKind.batch(bars, smaKind.params({ window: w }, 'sma'))[0]!, refs[`sma${w}`]!);
    expectMatchesReference(`ema${w}`, emaKind.batch(bars, emaKind.params({ window: w }, 'ema'))[0]!, refs[`ema${w}`]!);
  });

  it.each([2, 14])('RSI(%i) matches TA-Lib to 1e-9 relative', (p) => {
    expectMatchesReference(`rsi${p}`, rsiKind.batch(sp500Bars(), rsiKind.params({ period: p }, 'rsi'))[0]!, refs[`rsi${p}`]!);
  });

  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const [kind, params] of [[smaKind, { window: 20 }], [emaKind, { window: 50 }], [rsiKind, { period: 14 }]] as const) {
      const p = (kind as typeof smaKind).params(params as never, kind.kind);
      expectStreamingEqualsBatch(kind as typeof smaKind, bars, p);
      expectNoLookAhead(kind as typeof smaKind, bars, p, [1, 19, 20, 21, 777, 4000]);
    }
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => smaKind.params({ window: 0 }, 'features.sma20')).toThrow(/features\.sma20\.window = 0: must be an integer >= 1\. Fix: pass e\.g\. 20/);
    expect(() => emaKind.params({ source: 'vwap' as never }, 'ema')).toThrow(/ema\.source = "vwap": must be one of open, high, low, close, adjClose/);
    expect(() => rsiKind.params({ periods: 14 } as never, 'rsi')).toThrow(/rsi.*periods/);
  });
});
