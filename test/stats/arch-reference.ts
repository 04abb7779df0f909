// Golden values from Python arch 8.0.0 (the project's .venv), computed when the tests run.
// Reference call: arch_model(y, mean='Constant', vol='GARCH', p=1, q=1, dist='normal')
//   .fit(disp='off', cov_type='classic'), y = 100 * sp500.load()['Adj Close'].pct_change().dropna()
// (arch.data.sp500, 5030 daily returns), then res.forecast(horizon=5).variance.iloc[-1].
import { runPython } from '../helpers/python';

export interface ArchSp500Reference {
  y: number[];
  params: { mu: number; omega: number; alpha: number; beta: number };
  stdErr: { mu: number; omega: number; alpha: number; beta: number };
  logLikelihood: number;
  aic: number;
  bic: number;
  conditionalVolatility: number[];
  standardizedResiduals: number[];
  forecast5: number[];
  backcast: number;
  varLower: number[];
  varUpper: number[];
  /** compute_variance at the fixed parameters below, to test the kernel alone. */
  kernelParams: [number, number, number];
  kernelSigma2: number[];
}

const SCRIPT = `
import numpy as np
from arch import arch_model
from arch.data import sp500
y = 100 * sp500.load()['Adj Close'].pct_change().dropna()
am = arch_model(y, mean='Constant', vol='GARCH', p=1, q=1, dist='normal')
res = am.fit(disp='off', cov_type='classic')
resids0 = y.values - y.values.mean()
v = am.volatility
bc = v.backcast(resids0)
vb = v.variance_bounds(resids0)
kp = np.array([0.02, 0.08, 0.9])
s2 = np.zeros(len(y))
v.compute_variance(kp, resids0, s2, bc, vb)
print(json.dumps({
  'y': y.values.tolist(),
  'params': dict(zip(['mu', 'omega', 'alpha', 'beta'], res.params.values.tolist())),
  'stdErr': dict(zip(['mu', 'omega', 'alpha', 'beta'], res.std_err.values.tolist())),
  'logLikelihood': res.loglikelihood, 'aic': res.aic, 'bic': res.bic,
  'conditionalVolatility': res.conditional_volatility.values.tolist(),
  'standardizedResiduals': res.std_resid.values.tolist(),
  'forecast5': res.forecast(horizon=5, reindex=False).variance.values[-1].tolist(),
  'backcast': bc, 'varLower': vb[:, 0].tolist(), 'varUpper': vb[:, 1].tolist(),
  'kernelParams': kp.tolist(), 'kernelSigma2': s2.tolist(),
}))
`;

let cached: ArchSp500Reference | undefined;

export function archSp500Reference(): ArchSp500Reference {
  cached ??= runPython<ArchSp500Reference>(SCRIPT);
  return cached;
}

/** arch's log-likelihood of the same model and data at the given parameters (backcast as in fit). */
export function archLogLikelihoodAt(params: [number, number, number, number]): number {
  return runPython<number>(`
import numpy as np
from arch import arch_model
from arch.data import sp500
y = 100 * sp500.load()['Adj Close'].pct_change().dropna()
am = arch_model(y, mean='Constant', vol='GARCH', p=1, q=1, dist='normal')
r = am.resids(np.array(inp[:1]))
r0 = y.values - y.values.mean()
s2 = np.zeros(len(y))
am.volatility.compute_variance(np.array(inp[1:]), r, s2, am.volatility.backcast(r0), am.volatility.variance_bounds(r0))
print(json.dumps(float(-0.5 * np.sum(np.log(2 * np.pi) + np.log(s2) + r ** 2 / s2))))
`, params);
}
