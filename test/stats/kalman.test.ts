// Kalman-filter hedge ratio (Chan's formulation) vs an independent, literal numpy implementation of
// the same equations (script below, numpy 2.4), tolerance 1e-10; a known-truth simulation; streaming
// update and JSON round trip identical to the batch run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KalmanHedgeFilter, kalmanHedgeRatio, type KalmanHedgeOptions } from '../../lib/stats';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';
import { maxScaledDiff, spNasdaqLogPrices } from './pairs-reference';

const measured: string[] = [];
afterAll(() => { if (process.env.PAIRS_REPORT) console.log(measured.join('\n')); });

interface NumpyKalman { beta: number[]; alpha: number[]; e: number[]; Q: number[]; z: number[] }

/** The filter written out with numpy matrices, line by line as in Chan (2013), Example 3.3. */
function numpyKalman(x: ArrayLike<number>, y: ArrayLike<number>, delta: number, ve: number, theta0: number[], p0: number[][]): NumpyKalman {
  return runPython(`
import numpy as np
x, y = np.asarray(inp['x']), np.asarray(inp['y'])
delta, Ve = inp['delta'], inp['ve']
Vw = delta / (1 - delta) * np.eye(2)
theta = np.array(inp['theta0'], float).reshape(2, 1)
P = np.array(inp['p0'], float)
R = P.copy()
out = {k: [] for k in ('beta', 'alpha', 'e', 'Q', 'z')}
for t in range(len(x)):
    H = np.array([[x[t], 1.0]])
    if t > 0:
        R = P + Vw
    yhat = (H @ theta).item()
    Q = (H @ R @ H.T).item() + Ve
    e = y[t] - yhat
    K = R @ H.T / Q
    theta = theta + K * e
    P = R - K @ H @ R
    for k, v in (('beta', theta[0, 0]), ('alpha', theta[1, 0]), ('e', e), ('Q', Q), ('z', e / np.sqrt(Q))):
        out[k].append(float(v))
print(json.dumps(out))
`, { x: Array.from(x), y: Array.from(y), delta, ve, theta0: theta0, p0 });
}

describe('kalmanHedgeRatio vs a literal numpy implementation (1e-10)', () => {
  let x: Float64Array, y: Float64Array;
  beforeAll(() => { const d = spNasdaqLogPrices(); x = Float64Array.from(d.x); y = Float64Array.from(d.y); });

  it.each([
    { label: 'Chan defaults (delta 1e-4, Ve 1e-3, zero prior)', options: {} as KalmanHedgeOptions },
    { label: 'delta 1e-3, Ve 1e-4, prior [1, 0] with covariance [[1, 0.1], [0.1, 2]]', options: { delta: 1e-3, observationVariance: 1e-4, initialState: [1, 0], initialCovariance: [[1, 0.1], [0.1, 2]] } as KalmanHedgeOptions },
  ])('log S&P 500 / NASDAQ, $label', ({ label, options }) => {
    const ours = kalmanHedgeRatio(x, y, options);
    const s = ours.model.settings;
    const ref = numpyKalman(x, y, s.delta, s.observationVariance, s.initialState, s.initialCovariance);
    const errs = {
      beta: maxScaledDiff(ours.beta, ref.beta, 1), alpha: maxScaledDiff(ours.alpha, ref.alpha, 1),
      e: maxScaledDiff(ours.forecastError, ref.e, 1), Q: maxScaledDiff(ours.forecastVariance, ref.Q, 1e-3),
      z: maxScaledDiff(ours.zScore, ref.z, 1),
    };
    measured.push(`kalman ${label}: ${Object.entries(errs).map(([k, v]) => `${k} ${v.toExponential(2)}`).join(', ')}`);
    for (const [k, v] of Object.entries(errs)) expect(v, k).toBeLessThan(1e-10);
  });
});

describe('kalmanHedgeRatio recovers a known time-varying hedge ratio', () => {
  it('tracks beta_t = 1 + 0.5 sin(2 pi t / 1500) and alpha = 2 (simulated, seed 7)', () => {
    const rng = createRng(7), n = 4000, ve = 0.01;
    const x = new Float64Array(n), y = new Float64Array(n), beta = new Float64Array(n);
    let level = 50;
    for (let t = 0; t < n; t++) {
      level += 0.5 * rng.normal();
      x[t] = level;
      beta[t] = 1 + 0.5 * Math.sin((2 * Math.PI * t) / 1500);
      y[t] = beta[t] * x[t] + 2 + Math.sqrt(ve) * rng.normal();
    }
    const fit = kalmanHedgeRatio(x, y, { delta: 1e-5, observationVariance: ve, initialState: [1, 0], initialCovariance: [[1, 0], [0, 100]] });
    let sse = 0, zz = 0, count = 0;
    for (let t = 500; t < n; t++) { sse += (fit.beta[t] - beta[t]) ** 2; zz += fit.zScore[t] ** 2; count++; }
    const rmse = Math.sqrt(sse / count);
    measured.push(`kalman known truth: beta RMSE ${rmse.toExponential(2)} (beta range 0.5..1.5), mean z^2 ${(zz / count).toFixed(3)}`);
    expect(rmse).toBeLessThan(0.01);
    expect(Math.abs(fit.alpha[n - 1] - 2)).toBeLessThan(1);
    expect(Math.abs(zz / count - 1)).toBeLessThan(0.5);
    // A static OLS ratio cannot follow it: its error is far larger.
    const staticErr = Math.sqrt(beta.reduce((s, b) => s + (b - 1) ** 2, 0) / n);
    expect(rmse).toBeLessThan(staticErr / 10);
  });
});

describe('KalmanHedgeFilter streaming and serialisation', () => {
  it('update(x, y) bar by bar after a JSON round trip gives results identical to one batch run', () => {
    const d = spNasdaqLogPrices();
    const x = Float64Array.from(d.x), y = Float64Array.from(d.y), split = 3000;
    const options: KalmanHedgeOptions = { delta: 2e-4, observationVariance: 5e-4 };
    const batch = kalmanHedgeRatio(x, y, options);
    const head = kalmanHedgeRatio(x.slice(0, split), y.slice(0, split), options);
    const json = JSON.parse(JSON.stringify(head.model));
    const filter = KalmanHedgeFilter.fromJSON(json);
    expect(filter.toJSON()).toEqual(head.model);
    for (let t = split; t < x.length; t++) {
      const step = filter.update(x[t], y[t]);
      if (step.beta !== batch.beta[t] || step.alpha !== batch.alpha[t] || step.zScore !== batch.zScore[t]
        || step.forecastError !== batch.forecastError[t] || step.forecastVariance !== batch.forecastVariance[t]) {
        throw new Error(`streaming differs from batch at bar ${t}`);
      }
    }
    expect(filter.toJSON()).toEqual(batch.model);
    expect(filter.state.bars).toBe(x.length);
    const fresh = new KalmanHedgeFilter(options);
    for (let t = 0; t < 10; t++) expect(fresh.update(x[t], y[t]).beta).toBe(batch.beta[t]);
  });

  it('rejects bad settings, bad bars and foreign JSON with the argument named', () => {
    const arg = (fn: () => unknown) => { try { fn(); } catch (e) { if (e instanceof InvalidArgumentError) return e.argument; throw e; } return 'no error'; };
    expect(arg(() => new KalmanHedgeFilter({ delta: 1 }))).toBe('options.delta');
    expect(arg(() => new KalmanHedgeFilter({ observationVariance: 0 }))).toBe('options.observationVariance');
    expect(arg(() => new KalmanHedgeFilter({ initialCovariance: [[1, 2], [2, 1]] }))).toBe('options.initialCovariance');
    expect(arg(() => new KalmanHedgeFilter({ initialState: [NaN, 0] }))).toBe('options.initialState');
    expect(arg(() => new KalmanHedgeFilter({ delat: 1e-4 } as never))).toBe('options.delat');
    expect(arg(() => new KalmanHedgeFilter().update(NaN, 1))).toBe('x');
    expect(arg(() => new KalmanHedgeFilter().update(1, Infinity))).toBe('y');
    expect(arg(() => KalmanHedgeFilter.fromJSON({ kind: 'Other' } as never))).toBe('json');
  });
});
