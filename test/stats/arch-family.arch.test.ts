// The GARCH family against Python arch 8.0.0 (provenance and exact calls in arch-family-reference.ts)
// on the S&P 500 and NASDAQ samples of the arch wheel and on a seeded simulated GJR-t series.
// Tolerances (from the issue): log-likelihood at our optimum no worse than arch's by more than
// 1e-3; parameters within 1e-3 relative (1e-4 absolute near zero); robust standard errors within
// 2%; analytic forecasts within 1e-6 relative at the same parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/util/random';
import { archModel, garch, studentT, type ArchFit } from '../../lib/stats';
import { archFamilyReference, archSample, FORECAST_HORIZON, SIM_HORIZON, SIMULATIONS, START_BACK, type ArchConfigName, type ArchFamilyReference } from './arch-family-reference';
import { CONFIG_NAMES, fitAll } from './arch-configs';

const SIMULATED: ArchConfigName[] = ['GJR(1,1,1)-t', 'EGARCH(1,1,1)-normal', 'GARCH(1,1)-skewt'];
const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const measured: string[] = [];

function simulatedSeries(): number[] {
  // Seeded GJR(1,1,1)-t, mu 0.04, omega 0.02, alpha 0.05, gamma 0.1, beta 0.88, nu 7; 3000 points.
  const params = { mu: 0.04, omega: 0.02, 'alpha[1]': 0.05, 'gamma[1]': 0.1, 'beta[1]': 0.88, nu: 7 };
  const base = archModel(Float64Array.from({ length: 200 }, (_, i) => Math.sin(i)), { volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() });
  return Array.from(base.simulate(params, 3000, createRng(20240611)).y);
}

for (const dataset of ['sp500', 'nasdaq', 'simulated'] as const) {
  describe(`GARCH family on ${dataset} vs arch 8.0.0`, () => {
    let fits: Record<ArchConfigName, ArchFit>;
    let ref: Record<ArchConfigName, ArchFamilyReference>;

    beforeAll(() => {
      const values = dataset === 'simulated' ? simulatedSeries() : archSample(dataset);
      fits = fitAll(Float64Array.from(values));
      const ours = Object.fromEntries(CONFIG_NAMES.map((n) => [n, Array.from(fits[n].paramVector)])) as Record<ArchConfigName, number[]>;
      ref = archFamilyReference(dataset === 'simulated' ? values : dataset, ours, dataset === 'sp500' ? SIMULATED : []);
    }, 120_000);

    for (const name of CONFIG_NAMES) {
      describe(name, () => {
        it('converges to arch\'s optimum: llf >= arch - 1e-3; params 1e-3 rel or 1e-4 abs', () => {
          // Reference: arch_model(y, **ARCH_KWARGS[name]).fit(disp='off').
          const f = fits[name], r = ref[name];
          expect(f.converged).toBe(true);
          expect(f.nobs).toBe(r.nobs);
          expect(f.logLikelihood).toBeGreaterThanOrEqual(r.logLikelihood - 1e-3);
          // Same likelihood function: arch's am.fix(ours).loglikelihood equals ours (abs 1e-6).
          expect(Math.abs(f.logLikelihood - r.logLikelihoodAtOurs)).toBeLessThan(1e-6);
          let worst = 0;
          expect(f.paramNames.length).toBe(r.params.length);
          f.paramNames.forEach((p, i) => {
            const ours = f.paramVector[i], theirs = r.params[i];
            const ok = Math.abs(ours - theirs) <= 1e-4 || relDiff(ours, theirs) <= 1e-3;
            expect(ok, `${p} (arch ${r.paramNames[i]}): ours ${ours}, arch ${theirs}`).toBe(true);
            worst = Math.max(worst, Math.min(Math.abs(ours - theirs), relDiff(ours, theirs)));
          });
          expect(Math.abs(f.aic - r.aic)).toBeLessThan(2e-3 + 2 * Math.abs(f.logLikelihood - r.logLikelihood));
          measured.push(`${dataset} ${name}: dllf ${(f.logLikelihood - r.logLikelihood).toExponential(2)}, worst param diff ${worst.toExponential(2)}`);
        });

        it('matches arch\'s robust standard errors within 2% (at arch\'s optimum and at ours)', () => {
          // Reference: res.std_err (cov_type='robust', arch's default), and
          // sqrt(diag(am.compute_param_cov(ours))) — arch's estimator at our parameters.
          const f = fits[name], r = ref[name];
          let worst = 0, worstAtOurs = 0;
          f.paramNames.forEach((p, i) => {
            const ours = f.robust.stdErrors[p];
            expect(relDiff(ours, r.robustStdErrAtOurs[i]), `${p} at our point: ours ${ours}, arch ${r.robustStdErrAtOurs[i]}`).toBeLessThan(0.02);
            worstAtOurs = Math.max(worstAtOurs, relDiff(ours, r.robustStdErrAtOurs[i]));
            // A parameter on its bound (arch: ~0) has no meaningful standard error to compare; and
            // NASDAQ-EGARCH's optimum sits on a kink of the likelihood in mu (one return lies within
            // 1.3e-7 of mu, so |z| is not differentiable there): arch's own mu error changes 8%
            // between its optimum and ours (2e-6 apart), so that one is compared at our point only.
            if (Math.abs(r.params[i]) < 1e-6) return;
            if (dataset === 'nasdaq' && name === 'EGARCH(1,1,1)-normal' && p === 'mu') return;
            expect(relDiff(ours, r.robustStdErr[i]), `${p}: ours ${ours}, arch ${r.robustStdErr[i]}`).toBeLessThan(0.02);
            worst = Math.max(worst, relDiff(ours, r.robustStdErr[i]));
          });
          measured.push(`${dataset} ${name}: worst robust SE rel diff ${worst.toExponential(2)} (at our point ${worstAtOurs.toExponential(2)})`);
        });

        it('matches arch\'s analytic forecasts at the same parameters (rel 1e-6)', () => {
          // Reference: am.fix(ours).forecast(horizon=5, reindex=False) and with start=len(y)-10.
          const f = fits[name], r = ref[name];
          if (r.forecastVariance === null) {
            // EGARCH: arch has no analytic multi-step forecast, and neither do we.
            expect(() => f.forecast({ horizon: FORECAST_HORIZON })).toThrow(/analytic/);
            const one = f.forecast({ horizon: 1 });
            expect(one.variance[0][0]).toBeGreaterThan(0);
            return;
          }
          const fc = f.forecast({ horizon: FORECAST_HORIZON });
          let worst = 0;
          for (let h = 0; h < FORECAST_HORIZON; h++) {
            for (const [a, b] of [[fc.variance[0][h], r.forecastVariance[h]], [fc.residualVariance[0][h], r.forecastResidualVariance![h]]]) {
              expect(relDiff(a, b)).toBeLessThan(1e-6);
              worst = Math.max(worst, relDiff(a, b));
            }
            expect(Math.abs(fc.mean[0][h] - r.forecastMean![h])).toBeLessThan(1e-9 + 1e-6 * Math.abs(r.forecastMean![h]));
          }
          const y = f.firstIndex + f.nobs;
          const fs = f.forecast({ horizon: FORECAST_HORIZON, start: y - START_BACK });
          expect(fs.origins.length).toBe(START_BACK);
          fs.variance.forEach((row, i) => row.forEach((v, h) => expect(relDiff(v, r.forecastStartVariance![i][h])).toBeLessThan(1e-6)));
          measured.push(`${dataset} ${name}: worst analytic forecast rel diff ${worst.toExponential(2)}`);
        });
      });
    }

    if (dataset === 'sp500') {
      for (const name of SIMULATED) {
        it(`${name}: simulation forecasts agree with arch's method='simulation' in distribution`, () => {
          // Reference: am.fix(ours).forecast(horizon=10, method='simulation', simulations=20000).
          // Different generators, so compare mean variance paths statistically: within 3.5% (with
          // t and skew-t shocks the Monte Carlo standard error of each mean is up to ~1% at
          // 20000 paths; measured worst 0.4-2.3%).
          const f = fits[name], r = ref[name];
          const sim = f.forecast({ horizon: SIM_HORIZON, method: 'simulation', simulations: SIMULATIONS, rng: createRng(99) });
          let worst = 0;
          for (let h = 0; h < SIM_HORIZON; h++) {
            expect(relDiff(sim.residualVariance[0][h], r.simulationVariance![h])).toBeLessThan(0.035);
            worst = Math.max(worst, relDiff(sim.residualVariance[0][h], r.simulationVariance![h]));
          }
          measured.push(`${dataset} ${name}: simulation forecast worst rel diff ${worst.toExponential(2)}`);
        });
      }
    }
  });
}

afterAll(() => {
  if (process.env.ARCH_REPORT) console.log(measured.join('\n'));
});
