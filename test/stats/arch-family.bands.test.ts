// Simulated forecast bands: quantiles of the simulated residual-variance paths.
import { describe, expect, it } from 'vitest';
import { archModel, garch, studentT } from '../../lib/stats/arch';
import { createRng } from '../../lib/util/random';
import { InvalidArgumentError } from '../../lib/util/errors';

const truth = { mu: 0.03, omega: 0.02, 'alpha[1]': 0.05, 'gamma[1]': 0.08, 'beta[1]': 0.88, nu: 7 };
const spec = () => ({ volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() });
const y = archModel(new Float64Array(300).map((_, i) => Math.sin(i)), spec()).simulate(truth, 3000, createRng(5)).y;
const fit = archModel(y, spec()).fit();

describe('simulation forecast quantile bands', () => {
  const f = fit.forecast({ horizon: 10, method: 'simulation', simulations: 4000, rng: createRng(9), quantiles: [0.05, 0.5, 0.95] });
  const [lo, mid, hi] = f.residualVarianceQuantiles![0]!;
  const mean = f.residualVariance[0]!;

  it('collapses to the known one-step variance at h = 1 (it is determined at the origin)', () => {
    expect(lo!.values[0]).toBeCloseTo(mean[0]!, 10);
    expect(hi!.values[0]).toBeCloseTo(mean[0]!, 10);
  });

  it('orders the bands and brackets the mean path beyond one step, widening with the horizon', () => {
    for (let h = 1; h < 10; h++) {
      expect(lo!.values[h]).toBeLessThan(mid!.values[h]!);
      expect(mid!.values[h]).toBeLessThan(hi!.values[h]!);
      expect(lo!.values[h]).toBeLessThan(mean[h]!);
      expect(hi!.values[h]).toBeGreaterThan(mean[h]!);
    }
    expect(hi!.values[9]! - lo!.values[9]!).toBeGreaterThan(hi!.values[2]! - lo!.values[2]!);
    // Variance paths are right-skewed: the median sits below the mean.
    expect(mid!.values[9]).toBeLessThan(mean[9]!);
  });

  it('rejects levels outside (0, 1) and quantiles without simulation', () => {
    expect(() => fit.forecast({ horizon: 2, method: 'simulation', rng: createRng(1), quantiles: [1.2] })).toThrow(InvalidArgumentError);
    expect(() => fit.forecast({ horizon: 2, quantiles: [0.5] })).toThrow(/only applies to method 'simulation'/);
  });
});
