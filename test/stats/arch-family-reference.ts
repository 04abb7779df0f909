// Golden values from Python arch 8.0.0 (the project's .venv), computed when the tests run, for the
// GARCH family. For every configuration below the script runs
//   am = arch_model(y, **KW[name]); res = am.fit(disp='off')            # cov_type='robust' (default)
// and, at OUR estimates (passed in), am.compute_param_cov(ours) (robust standard errors at our point),
// resF = am.fix(ours) for the log-likelihood and
//   resF.forecast(horizon=H, reindex=False)                             # method='analytic'
//   resF.forecast(horizon=H, start=len(y)-START_BACK, reindex=False)   # arch's start=
//   resF.forecast(horizon=SIM_H, method='simulation', simulations=SIMS, reindex=False)
// Data: y = 100 * sp500/nasdaq.load()['Adj Close'].pct_change().dropna() (arch.data), or a seeded
// series passed in.
import { runPython } from '../helpers/python';

export const ARCH_KWARGS = {
  'GARCH(1,1)-normal': "mean='Constant', vol='GARCH', p=1, q=1, dist='normal'",
  'GARCH(1,1)-t': "mean='Constant', vol='GARCH', p=1, q=1, dist='t'",
  'GJR(1,1,1)-t': "mean='Constant', vol='GARCH', p=1, o=1, q=1, dist='t'",
  'EGARCH(1,1,1)-normal': "mean='Constant', vol='EGARCH', p=1, o=1, q=1, dist='normal'",
  'GARCH(1,1)-skewt': "mean='Constant', vol='GARCH', p=1, q=1, dist='skewt'",
  'AR(1)-GARCH(1,1)': "mean='AR', lags=1, vol='GARCH', p=1, q=1, dist='normal'",
  'ConstantVariance': "mean='Constant', vol='Constant', dist='normal'",
  'ZeroMean-GARCH(2,2)': "mean='Zero', vol='GARCH', p=2, q=2, dist='normal'",
} as const;
export type ArchConfigName = keyof typeof ARCH_KWARGS;

export const FORECAST_HORIZON = 5;
export const START_BACK = 10;
export const SIM_HORIZON = 10;
export const SIMULATIONS = 20000;

export interface ArchFamilyReference {
  /** In arch's order, which is ours (arch names the AR lag after the series, e.g. 'Adj ...ose[1]'). */
  params: number[];
  paramNames: string[];
  robustStdErr: number[];
  /** am.compute_param_cov(ours) (robust), i.e. arch's estimator at our point. */
  robustStdErrAtOurs: number[];
  logLikelihood: number;
  /** arch's log-likelihood evaluated at our parameters (am.fix). */
  logLikelihoodAtOurs: number;
  aic: number;
  bic: number;
  nobs: number;
  /** At our parameters; null where arch has no analytic multi-step forecast (EGARCH). */
  forecastVariance: number[] | null;
  forecastResidualVariance: number[] | null;
  forecastMean: number[] | null;
  forecastStartVariance: number[][] | null;
  simulationVariance: number[] | null;
  conditionalVolatility: number[];
}

const SCRIPT = `
import numpy as np, warnings
from arch import arch_model
from arch.data import sp500, nasdaq
warnings.simplefilter('ignore')
src = inp['data']
if src == 'sp500': y = 100 * sp500.load()['Adj Close'].pct_change().dropna()
elif src == 'nasdaq': y = 100 * nasdaq.load()['Adj Close'].pct_change().dropna()
else: y = np.array(src)
out = {}
for name, kw in inp['kwargs'].items():
    am = eval('arch_model(y, ' + kw + ')')
    res = am.fit(disp='off')
    fx = am.fix(np.array(inp['ours'][name]))
    ours = np.array(inp['ours'][name])
    at_ours = am.compute_param_cov(ours) if len(ours) and 'Constant' not in kw.split('vol=')[1][:12] else res.param_cov.values
    r = {'params': res.params.values.tolist(), 'paramNames': list(res.params.index),
         'robustStdErr': res.std_err.values.tolist(),
         'robustStdErrAtOurs': np.sqrt(np.diag(at_ours)).tolist(),
         'logLikelihood': res.loglikelihood, 'logLikelihoodAtOurs': fx.loglikelihood,
         'aic': res.aic, 'bic': res.bic, 'nobs': int(res.nobs),
         'conditionalVolatility': np.asarray(fx.conditional_volatility)[am._hold_back if hasattr(am, '_hold_back') else 0:].tolist()}
    egarch = 'EGARCH' in kw
    if egarch:
        r['forecastVariance'] = r['forecastResidualVariance'] = r['forecastMean'] = r['forecastStartVariance'] = None
    else:
        f = fx.forecast(horizon=inp['h'], reindex=False)
        r['forecastVariance'] = f.variance.values[-1].tolist()
        r['forecastResidualVariance'] = f.residual_variance.values[-1].tolist()
        r['forecastMean'] = f.mean.values[-1].tolist()
        fs = fx.forecast(horizon=inp['h'], start=len(y) - inp['startBack'], reindex=False)
        r['forecastStartVariance'] = fs.variance.values.tolist()
    if name in inp['simulate']:
        fsim = fx.forecast(horizon=inp['simH'], method='simulation', simulations=inp['sims'], reindex=False)
        r['simulationVariance'] = fsim.residual_variance.values[-1].tolist()
    else:
        r['simulationVariance'] = None
    out[name] = r
print(json.dumps(out))
`;

/** Runs arch on `data` ('sp500', 'nasdaq' or the values) for every configuration. */
export function archFamilyReference(
  data: 'sp500' | 'nasdaq' | number[], ours: Record<ArchConfigName, number[]>, simulate: readonly ArchConfigName[],
): Record<ArchConfigName, ArchFamilyReference> {
  return runPython(SCRIPT, {
    data, ours, kwargs: ARCH_KWARGS, h: FORECAST_HORIZON, startBack: START_BACK, simH: SIM_HORIZON, sims: SIMULATIONS, simulate,
  });
}

/** The arch wheel's samples as our inputs. */
export function archSample(name: 'sp500' | 'nasdaq'): number[] {
  return runPython<number[]>(`
from arch.data import sp500, nasdaq
d = sp500 if inp == 'sp500' else nasdaq
print(json.dumps((100 * d.load()['Adj Close'].pct_change().dropna()).values.tolist()))
`, name);
}
