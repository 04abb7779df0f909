import { beforeAll, describe, expect, it } from 'vitest';
import { volatilityTarget } from '../../../lib/backtest/sizing';
import { fitGarch11 } from '../../../lib/stats/garch11';
import { filterGarch11 } from '../../../lib/stats/filter';
import { sp500Bars } from '../../features/kind-contract';
import { runPython } from '../../helpers/python';

// References on the S&P 500 sample (arch's, 5,030 daily closes), simple returns with NaN bars:
//   realized: pandas 3.1 r.rolling(20).std()                                    (tolerance 1e-10 rel)
//   ewma:     sqrt((r**2).ewm(alpha=0.06, adjust=True, ignore_na=True, min_periods=20).mean())  (1e-12 rel)
//   garch:    arch 8.0 arch_model(100 r[1:], mean='Constant', vol='GARCH', p=1, q=1).fit(last_obs=F-1)
//             .forecast(horizon=1, start=F-2, reindex=False): the fit sees the formation window only
//             and the variance is filtered forward with fixed parameters, as volatilityTarget does.
//             Our optimiser and arch's stop at slightly different points: 2e-4 relative (3e-5 seen).
const F = 1000;
const NAN_AT = [300, 301, 2500];
let returns: Float64Array;
let ref: { realized: (number | null)[]; ewma: (number | null)[]; garch: number[] };

beforeAll(() => {
  const close = sp500Bars().close;
  returns = new Float64Array(close.length).fill(NaN);
  for (let t = 1; t < close.length; t++) returns[t] = close[t]! / close[t - 1]! - 1;
  const withGaps = returns.slice();
  for (const t of NAN_AT) withGaps[t] = NaN;
  ref = runPython(`
import numpy as np, pandas as pd
from arch import arch_model
r = pd.Series(np.array(inp['gaps'], dtype=float))
realized = r.rolling(20).std()
ewma = np.sqrt((r ** 2).ewm(alpha=0.06, adjust=True, ignore_na=True, min_periods=20).mean())
y = 100 * np.array(inp['clean'][1:], dtype=float)
res = arch_model(y, mean='Constant', vol='GARCH', p=1, q=1).fit(last_obs=inp['F'] - 1, disp='off')
var = res.forecast(horizon=1, start=inp['F'] - 2, reindex=False).variance.values[:, 0]
nn = lambda a: [None if np.isnan(v) else float(v) for v in a]
print(json.dumps({'realized': nn(realized), 'ewma': nn(ewma), 'garch': np.sqrt(var).tolist()}))
`, { gaps: Array.from(withGaps, (v) => (Number.isNaN(v) ? null : v)), clean: Array.from(returns, (v) => (Number.isNaN(v) ? null : v)), F });
  returns = withGaps;
});

function expectClose(ours: Float64Array, theirs: readonly (number | null)[], rtol: number): void {
  expect(ours.length).toBe(theirs.length);
  for (let t = 0; t < ours.length; t++) {
    const e = theirs[t];
    if (e === null || e === undefined) expect(ours[t], `t=${t}`).toBeNaN();
    else expect(Math.abs(ours[t]! - e), `t=${t}`).toBeLessThanOrEqual(rtol * Math.abs(e));
  }
}

describe('volatilityTarget estimators against pandas and arch', () => {
  it("'realized' is the rolling sample std, NaN for windows with a gap", () => {
    const { volatility, weights } = volatilityTarget({ targetAnnualVol: 0.1, returns, method: 'realized', window: 20 });
    expectClose(volatility, ref.realized, 1e-10);
    expect(Number.isNaN(volatility[310])).toBe(true);
    // weight = min(2, 0.1 / sqrt(252) / sigma)
    for (const t of [100, 1500, 4000]) expect(weights[t]).toBeCloseTo(Math.min(2, 0.1 / Math.sqrt(252) / volatility[t]!), 14);
    expect(weights.some((w) => w === 2)).toBe(true);
  });

  it("'ewma' is RiskMetrics' adjusted mean of squared returns; a NaN bar holds it", () => {
    const { volatility } = volatilityTarget({ targetAnnualVol: 0.1, returns, method: 'ewma' });
    expectClose(volatility, ref.ewma, 1e-12);
    expect(volatility[300]).toBe(volatility[299]);
  });

  it("'garch' fits on the formation window only and filters forward (arch's last_obs forecast)", () => {
    const { volatility } = volatilityTarget({ targetAnnualVol: 0.1, returns: cleanReturns(), method: 'garch', formationBars: F });
    for (let t = 0; t < F - 1; t++) expect(volatility[t]).toBeNaN();
    expect(ref.garch.length).toBe(returns.length - F + 1);
    let worst = 0;
    for (let k = 0; k < ref.garch.length; k++) worst = Math.max(worst, Math.abs(100 * volatility[F - 1 + k]! / ref.garch[k]! - 1));
    expect(worst).toBeLessThan(2e-4);
  });

  it("'garch' with a given fit equals filterGarch11's one-step forecast", () => {
    const clean = cleanReturns().subarray(1);
    const fit = fitGarch11(Float64Array.from(clean.subarray(0, 800), (r) => 100 * r));
    const ours = volatilityTarget({ targetAnnualVol: 0.1, returns: clean, method: 'garch', garchFit: fit }).volatility;
    const theirs = filterGarch11(Float64Array.from(clean, (r) => 100 * r), fit.params, fit.backcast).nextVolatility;
    for (let t = 0; t < clean.length; t++) expect(Math.abs(100 * ours[t]! - theirs[t]!)).toBeLessThanOrEqual(1e-12 * theirs[t]!);
  });
});

function cleanReturns(): Float64Array {
  const close = sp500Bars().close;
  const r = new Float64Array(close.length).fill(NaN);
  for (let t = 1; t < close.length; t++) r[t] = close[t]! / close[t - 1]! - 1;
  return r;
}

describe('volatilityTarget has no look-ahead', () => {
  const cases = [
    { method: 'realized' as const },
    { method: 'ewma' as const, window: 30, decay: 0.97 },
    { method: 'garch' as const, formationBars: 600 },
  ];
  for (const c of cases) {
    it(`${c.method}: cutting the series after t changes no weight up to t`, () => {
      const full = volatilityTarget({ targetAnnualVol: 0.15, returns, ...c }).weights;
      for (const cut of [700, 1234, 3000]) {
        const part = volatilityTarget({ targetAnnualVol: 0.15, returns: returns.subarray(0, cut), ...c }).weights;
        expect(Array.from(part).map(String)).toEqual(Array.from(full.subarray(0, cut)).map(String));
      }
    });
  }

  it('own forecasts are used as they are, and the input is not mutated', () => {
    const forecastVol = Float64Array.of(NaN, 0.01, 0.02, 0);
    const copy = forecastVol.slice();
    const { weights } = volatilityTarget({ targetAnnualVol: 0.16, forecastVol, periodsPerYear: 256, maxLeverage: 3 });
    expect(Array.from(weights)).toEqual([NaN, 1, 0.5, 3]);
    expect(Array.from(forecastVol)).toEqual(Array.from(copy));
  });
});

describe('volatilityTarget rejects bad input', () => {
  it('names the argument, the value and the fix', () => {
    const r = Float64Array.of(0.01, -0.02, 0.005);
    const cases: [object, RegExp][] = [
      [{ returns: r }, /^options\.targetAnnualVol = undefined: must be a finite number > 0\. Fix: pass an annual volatility as a fraction/],
      [{ targetAnnualVol: 0.1 }, /^options\.returns = undefined: is missing\. Fix: pass per-period returns/],
      [{ targetAnnualVol: 0.1, returns: r, method: 'parkinson' }, /^options\.method = "parkinson": must be 'realized', 'ewma' or 'garch'/],
      [{ targetAnnualVol: 0.1, returns: r, method: 'realized', decay: 0.9 }, /^options\.decay = 0\.9: applies to method 'ewma', not 'realized'\. Fix: leave decay out or pass method: 'ewma'/],
      [{ targetAnnualVol: 0.1, returns: r, method: 'ewma', decay: 1 }, /^options\.decay = 1: must be in \(0, 1\)/],
      [{ targetAnnualVol: 0.1, returns: r, window: 1 }, /^options\.window = 1: must be a whole number >= 2/],
      [{ targetAnnualVol: 0.1, returns: r, method: 'garch' }, /^options\.formationBars = undefined: is required for method 'garch'\. Fix: pass the number of leading returns to fit on/],
      [{ targetAnnualVol: 0.1, returns: r, method: 'garch', formationBars: 3 }, /^options\.formationBars = 3: leaves 3 non-NaN returns to fit on, fewer than 100/],
      [{ targetAnnualVol: 0.1, returns: r, method: 'garch', formationBars: 9 }, /^options\.formationBars = 9: exceeds the 3 returns/],
      [{ targetAnnualVol: 0.1, returns: r, method: 'garch', garchFit: { params: { mu: 0, omega: 0.1, alpha: 0.5, beta: 0.6 }, backcast: 1 } }, /^options\.garchFit\.params = .*alpha \+ beta < 1/],
      [{ targetAnnualVol: 0.1, returns: r, forecastVol: r }, /^options\.returns = array of length 3: cannot be combined with options\.forecastVol/],
      [{ targetAnnualVol: 0.1, forecastVol: r, method: 'ewma' }, /^options\.method = "ewma": has no effect with options\.forecastVol/],
      [{ targetAnnualVol: 0.1, forecastVol: Float64Array.of(0.01, -0.01) }, /^options\.forecastVol\[1\] = -0\.01: is negative/],
      [{ targetAnnualVol: 0.1, returns: Float64Array.of(0.1, -Infinity) }, /^options\.returns\[1\] = -Infinity: is infinite/],
      [{ targetAnnualVol: 0.1, returns: r, lookback: 20 }, /^options\.lookback = 20: is not a known option/],
    ];
    for (const [options, message] of cases) expect(() => volatilityTarget(options as never)).toThrow(message);
  });
});
