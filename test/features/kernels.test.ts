import { describe, expect, it } from 'vitest';
import { readBarsCsv } from '../../lib/data';
import { ema, logReturns, rollingStd, rsi, simpleReturns, sma } from '../../lib/features';
import { InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { SP500_GZ } from '../data/fixtures';

const close = readBarsCsv(SP500_GZ, { symbol: 'SPX' }).close;
const closeCopy = close.slice();

// Reference values from TA-Lib 0.8.2 (talib.SMA/EMA/RSI/STDDEV) and pandas 3.1 rolling std on the
// same closes; NaN travels as null in JSON.
const ref = runPython<Record<string, Array<number | null>>>(
  `import numpy as np, pandas as pd, talib
c = np.asarray(inp, dtype=float)
lr = np.full_like(c, np.nan); lr[1:] = np.log(c[1:] / c[:-1])
def js(a): return [None if np.isnan(v) else float(v) for v in a]
print(json.dumps({
  'sma20': js(talib.SMA(c, timeperiod=20)),
  'ema20': js(talib.EMA(c, timeperiod=20)),
  'ema5': js(talib.EMA(c, timeperiod=5)),
  'rsi14': js(talib.RSI(c, timeperiod=14)),
  'rsi5': js(talib.RSI(c, timeperiod=5)),
  'std20_ddof0': js(talib.STDDEV(c, timeperiod=20, nbdev=1)),
  'std20_ddof1': js(pd.Series(c).rolling(20).std(ddof=1).to_numpy()),
  'vol21_lr': js(pd.Series(lr).rolling(21).std(ddof=1).to_numpy() * np.sqrt(252)),
  'simple': js(pd.Series(c).pct_change().to_numpy()),
  'log': js(lr),
}))`, Array.from(close));

function expectClose(actual: Float64Array, expected: Array<number | null>, tol: { rel?: number; abs?: number }, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (e === null) { expect(actual[i], `${what}[${i}]`).toBeNaN(); continue; }
    const err = Math.abs(actual[i]! - e);
    const bound = tol.rel !== undefined ? tol.rel * Math.abs(e) : tol.abs!;
    if (!(err <= bound)) expect.fail(`${what}[${i}] = ${actual[i]}, reference ${e}, error ${err} > ${bound}`);
  }
}

describe('kernels against TA-Lib / pandas on the S&P 500 closes', () => {
  it('simpleReturns and logReturns match pandas pct_change and numpy log ratios (1e-12 relative)', () => {
    expectClose(simpleReturns(close), ref.simple!, { rel: 1e-12 }, 'simpleReturns');
    expectClose(logReturns(close), ref.log!, { rel: 1e-12 }, 'logReturns');
  });

  it('sma matches talib.SMA(c, 20) to 1e-9 relative', () => {
    expectClose(sma(close, 20), ref.sma20!, { rel: 1e-9 }, 'sma20');
  });

  it('ema matches talib.EMA(c, 20) and EMA(c, 5) (SMA seed) to 1e-9 relative', () => {
    expectClose(ema(close, 20), ref.ema20!, { rel: 1e-9 }, 'ema20');
    expectClose(ema(close, 5), ref.ema5!, { rel: 1e-9 }, 'ema5');
    expect(Number.isNaN(ema(close, 20)[18]!) && !Number.isNaN(ema(close, 20)[19]!)).toBe(true);
  });

  it('rsi matches talib.RSI(c, 14) and RSI(c, 5) to 1e-8 absolute, first value at index period', () => {
    const r14 = rsi(close);
    expectClose(r14, ref.rsi14!, { abs: 1e-8 }, 'rsi14');
    expectClose(rsi(close, 5), ref.rsi5!, { abs: 1e-8 }, 'rsi5');
    expect(r14[13]).toBeNaN();
    expect(r14[14]).not.toBeNaN();
  });

  it('rollingStd ddof=0 matches talib.STDDEV and ddof=1 matches pandas rolling std (1e-9 relative)', () => {
    // Both references accumulate running sums (TA-Lib: x and x^2; pandas: online updates) while
    // rollingStd is two-pass per window; measured worst relative gaps on these closes: TA-Lib 4.7e-12,
    // pandas 1.7e-10, both inside the 1e-9 bound.
    expectClose(rollingStd(close, 20, { ddof: 0 }), ref.std20_ddof0!, { rel: 1e-9 }, 'std20 ddof0');
    expectClose(rollingStd(close, 20), ref.std20_ddof1!, { rel: 1e-9 }, 'std20 ddof1');
    // pandas: Series(log returns).rolling(21).std() * sqrt(252)
    expectClose(rollingStd(logReturns(close), 21, { annualize: 252 }), ref.vol21_lr!, { rel: 1e-9 }, 'vol21 annualised');
  });

  it('never mutates its input', () => {
    for (const f of [simpleReturns, logReturns, (x: Float64Array) => sma(x, 20), (x: Float64Array) => ema(x, 20), rsi, (x: Float64Array) => rollingStd(x, 20)]) f(close);
    expect(close).toEqual(closeCopy);
  });
});

describe('kernels on missing values and bad input', () => {
  const x = Float64Array.of(1, 2, 3, Number.NaN, 5, 6, 7, 8);

  it('sma and rollingStd are NaN for exactly the windows that contain a NaN', () => {
    expect(Array.from(sma(x, 3))).toEqual([NaN, NaN, 2, NaN, NaN, NaN, 6, 7]);
    const s = rollingStd(x, 3);
    expect(Array.from(s.map((v) => (Number.isNaN(v) ? 1 : 0)))).toEqual([1, 1, 0, 1, 1, 1, 0, 0]);
    expect(s[2]).toBeCloseTo(1, 15);
  });

  it('ema and rsi restart with a fresh warm-up after a gap instead of carrying NaN forever', () => {
    expect(Array.from(ema(x, 2))).toEqual([NaN, 1.5, 1.5 + (2 / 3) * 1.5, NaN, NaN, 5.5, 5.5 + (2 / 3) * 1.5, 6.5 + (2 / 3) * 1.5]);
    const r = rsi(Float64Array.of(1, 2, 1, 2, Number.NaN, 3, 4, 5, 4), 2);
    expect(Array.from(r.map((v) => (Number.isNaN(v) ? 1 : 0)))).toEqual([1, 1, 0, 0, 1, 1, 1, 0, 0]);
    expect(r[7]).toBe(100); // two gains, no loss
  });

  it('rsi is a neutral 50 on flat prices (TA-Lib would give 0)', () => {
    expect(rsi(new Float64Array(20).fill(100), 14)[19]).toBe(50);
  });

  it('simple and log returns: index 0 NaN, a missing price blanks the two returns that touch it', () => {
    const r = logReturns(Float64Array.of(100, 110, Number.NaN, 121));
    expect(r[0]).toBeNaN();
    expect(r[1]).toBeCloseTo(Math.log(1.1), 15);
    expect(r[2]).toBeNaN();
    expect(r[3]).toBeNaN();
    expect(simpleReturns(Float64Array.of(100, 110))[1]).toBeCloseTo(0.1, 15);
  });

  it('windows longer than the series give all-NaN, not an error', () => {
    expect(Array.from(sma(Float64Array.of(1, 2), 5))).toEqual([NaN, NaN]);
    expect(Array.from(rollingStd(Float64Array.of(1, 2), 5))).toEqual([NaN, NaN]);
  });

  it('rejects bad arguments with typed errors naming them', () => {
    expect(() => sma([1, 2, 3] as never, 2)).toThrow(/x = array of length 3: must be a Float64Array/);
    expect(() => sma(x, 0)).toThrow(InvalidArgumentError);
    expect(() => ema(x, 2.5)).toThrow(/window = 2.5/);
    expect(() => rsi(x, 1)).toThrow(/period = 1/);
    expect(() => rollingStd(x, 3, { ddof: 2 } as never)).toThrow(/options.ddof/);
    expect(() => rollingStd(x, 3, { annualize: -1 })).toThrow(/options.annualize/);
    expect(() => rollingStd(x, 3, { ddf: 0 } as never)).toThrow(/options.ddf/);
    expect(() => logReturns(Float64Array.of(1, 0, 2))).toThrow(/close\[1\] = 0/);
  });
});
