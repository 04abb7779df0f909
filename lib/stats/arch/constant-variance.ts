// Constant variance (arch's ConstantVariance): sigma2[t] = sigma2 for every t.
import { boxTransform } from './transform';
import type { VolatilityProcess } from './types';

function meanAndVariance(resids: Float64Array): [number, number] {
  let mean = 0;
  for (let t = 0; t < resids.length; t++) mean += resids[t];
  mean /= resids.length;
  let v = 0;
  for (let t = 0; t < resids.length; t++) v += (resids[t] - mean) ** 2;
  return [mean, v / resids.length];
}

export function constantVariance(): VolatilityProcess {
  return {
    spec: { type: 'constant' },
    name: 'Constant Variance',
    paramNames: ['sigma2'],
    maxLag: 0,
    backcast: (resids) => meanAndVariance(resids)[1],
    startingValues: (resids) => Float64Array.of(meanAndVariance(resids)[1]),
    bounds(resids) {
      const [mean, v] = meanAndVariance(resids);
      return [[v / 100000, 10 * (v + mean * mean)]];
    },
    infeasibility: (theta, bounds) => (theta[0] > bounds[0][0] && theta[0] < bounds[0][1] ? '' : `sigma2 must lie in (${bounds[0][0]}, ${bounds[0][1]})`),
    transform: (bounds) => boxTransform(bounds),
    variance(theta, e, _b, _vb, sigma2) { sigma2.fill(theta[0], 0, e.length); },
    varianceJacobian(theta, e, _dR, km, _b, _vb, sigma2, jac) {
      const K = 1 + km;
      sigma2.fill(theta[0], 0, e.length);
      jac.fill(0, 0, e.length * K);
      for (let t = 0; t < e.length; t++) jac[t * K] = 1;
    },
    simulate(theta, z, e, sigma2) {
      const sd = Math.sqrt(theta[0]);
      for (let t = 0; t < z.length; t++) { sigma2[t] = theta[0]; e[t] = sd * z[t]; }
    },
    analyticForecast(theta, _r, _s, _b, _i, horizon, out) { out.fill(theta[0], 0, horizon); return true; },
    simulateForecast(theta, _r, _s, _b, _i, horizon, z, nPaths, paths, shocks) {
      const sd = Math.sqrt(theta[0]);
      for (let k = 0; k < nPaths * horizon; k++) { paths[k] = theta[0]; shocks[k] = sd * z[k]; }
    },
  };
}
