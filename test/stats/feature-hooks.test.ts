// The statistics hooks of the feature registry. Reference: arch 8.0.0,
// arch_model(100 * diff(log(close)), mean='Constant', vol='GARCH', p=1, o=1, q=1, dist='t')
// .fit(last_obs=4000).forecast(horizon=1, start=0): out-of-sample one-step variance forecasts with
// parameters from the first 4,000 returns and the backcast forecast() uses (residuals at the fitted mean), which is exactly what the feature computes.
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceBars } from '../../lib/data/bars';
import { garchFeatureParams, garchVolatilityKind, spreadBars } from '../../lib/stats/feature-hooks';
import { archModel, garch, studentT } from '../../lib/stats/arch';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from '../features/kind-contract';

const TRAIN = 4000;
let ref: { params: Record<string, number>; backcast: number; forecast: (number | null)[] };

beforeAll(() => {
  ref = runPython(`
import numpy as np
from arch import arch_model
c = np.array(inp['close'])
y = 100 * np.diff(np.log(c))
res = arch_model(y, mean='Constant', vol='GARCH', p=1, o=1, q=1, dist='t').fit(last_obs=${TRAIN}, disp='off')
f = res.forecast(horizon=1, start=0, reindex=True).variance.values[:, 0]
print(json.dumps({'params': {k: float(v) for k, v in res.params.items()},
  'backcast': float(res.model.volatility.backcast(y[:${TRAIN}] - res.params['mu'])),
  'forecast': [None if np.isnan(v) else float(np.sqrt(v)) for v in f]}))
`, { close: Array.from(sp500Bars().close) });
});

describe('garch_volatility feature', () => {
  it("filters forward with fitted parameters exactly as arch's out-of-sample one-step forecasts (1e-10 relative)", () => {
    const bars = sp500Bars();
    const p = ref.params;
    const params = garchVolatilityKind.params({ mu: p['mu'], omega: p['omega'], alpha: p['alpha[1]'], gamma: p['gamma[1]'], beta: p['beta[1]'],
      initialVariance: p['omega']! + (p['alpha[1]']! + p['gamma[1]']! / 2 + p['beta[1]']!) * ref.backcast }, 'garch');
    const [conditional, forecast] = garchVolatilityKind.batch(bars, params);
    // Bar t's forecast is sigma_{t+1|t}; arch's row t-1 (returns start at bar 1).
    const ours = forecast!.subarray(1);
    expectMatchesReference('forecast', ours, ref.forecast, 1e-10);
    // sigma_t is the forecast made one bar earlier.
    for (let t = 2; t < bars.time.length; t++) expect(conditional![t]).toBe(forecast![t - 1]);
    expect(Number.isNaN(conditional![0]!)).toBe(true);
  });

  it('takes its parameters from our own GJR-t fit of the training window, close to arch (1e-4)', () => {
    const bars = sp500Bars();
    const c = bars.close;
    const y = new Float64Array(TRAIN);
    for (let t = 0; t < TRAIN; t++) y[t] = 100 * Math.log(c[t + 1]! / c[t]!);
    const fit = archModel(y, { volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() }).fit();
    const params = garchVolatilityKind.params(garchFeatureParams(fit), 'garch');
    expect(params.gamma).toBeCloseTo(ref.params['gamma[1]']!, 4);
    const forecast = garchVolatilityKind.batch(bars, params)[1]!;
    expectMatchesReference('forecast from our fit', forecast.subarray(1), ref.forecast, 1e-4);
  });

  it("gives each bar's standardized residual, and filters differences of a series that can be negative", () => {
    const bars = sliceBars(sp500Bars(), 0, 800);
    const logMode = garchVolatilityKind.params({ mu: 0.03 }, 'garch');
    const [conditional, , standardized] = garchVolatilityKind.batch(bars, logMode);
    for (let t = 1; t < 800; t++) {
      const e = 100 * Math.log(bars.close[t]! / bars.close[t - 1]!) - 0.03;
      expect(standardized![t]).toBeCloseTo(e / conditional![t]!, 12);
    }
    // ln(exp(s_t) / exp(s_{t-1})) = s_t - s_{t-1}: difference mode on s equals log mode on exp(s).
    const s = bars.close.map((c) => Math.log(c) - 7); // a log spread-like series, negative
    const spread = { ...bars, close: s };
    const expBars = { ...bars, close: s.map(Math.exp) };
    const diff = garchVolatilityKind.batch(spread, garchVolatilityKind.params({ returns: 'difference' }, 'g'));
    const viaLog = garchVolatilityKind.batch(expBars, garchVolatilityKind.params({}, 'g'));
    for (let t = 1; t < 800; t++) expect(diff[1]![t]).toBeCloseTo(viaLog[1]![t]!, 10);
    expect(() => garchVolatilityKind.params({ returns: 'pct' as never }, 'g')).toThrow(/g\.returns = "pct": must be 'log' or 'difference'\. Fix: use 'difference' for a spread/);
  });

  it('streams what the batch computes and never looks ahead', () => {
    const params = garchVolatilityKind.params({}, 'garch');
    expectStreamingEqualsBatch(garchVolatilityKind, sp500Bars(), params);
    expectNoLookAhead(garchVolatilityKind, sp500Bars(), params, [1, 2, 100, 3333]);
  });

  it('refuses a non-stationary parameter set and non-GARCH(1,1) fits', () => {
    expect(() => garchVolatilityKind.params({ alpha: 0.2, beta: 0.85 }, 'f.garch')).toThrow(/f\.garch\.beta = 0\.85: alpha \+ gamma\/2 \+ beta = 1\.05 is not below 1.*Fix: use parameters from a converged fit/);
    expect(() => garchVolatilityKind.params({ omega: -1 }, 'g')).toThrow(/g\.omega = -1: must be a finite number > 0/);
    const y = new Float64Array(600).map((_, i) => Math.sin(i * 1.3) + Math.cos(i * 0.7));
    const fit22 = archModel(y, { volatility: garch({ p: 2, q: 1 }) }).fit();
    expect(() => garchFeatureParams(fit22)).toThrow(/fit = .*must be a GARCH\(1,1\) or GJR-GARCH\(1,1,1\) fit/);
  });
});

describe('spreadBars', () => {
  it('is ln(y) - b ln(x) - a on the common timestamps', () => {
    const y = sliceBars(sp500Bars(), 0, 50);
    const x = { ...sliceBars(sp500Bars(), 10, 60), symbol: 'X' };
    const s = spreadBars(y, x, { hedgeRatio: 0.5, intercept: 0.1 });
    expect(s.time.length).toBe(40);
    expect(s.symbol).toBe('SPX~X');
    expect(s.close[0]).toBeCloseTo(Math.log(y.close[10]!) - 0.5 * Math.log(x.close[0]!) - 0.1, 14);
    expect(Array.from(s.high)).toEqual(Array.from(s.close));
  });

  it('names the bad argument', () => {
    const y = sliceBars(sp500Bars(), 0, 5), x = sliceBars(sp500Bars(), 10, 15);
    expect(() => spreadBars(y, y, { hedgeRatio: Number.NaN })).toThrow(/hedge\.hedgeRatio = NaN: must be a finite number/);
    expect(() => spreadBars(y, x, { hedgeRatio: 1 })).toThrow(/x\.time = .*shares no timestamp with y/);
  });
});
