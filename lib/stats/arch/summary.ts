// A text table in the layout of arch's ARCHModelResult.summary().
import type { ArchFit } from './result';

const fmt = (v: number) => (!Number.isFinite(v) ? 'nan' : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4));
const pad = (s: string, w: number) => s.padStart(w);

export function formatSummary(fit: ArchFit): string {
  const W = 78;
  const title = `${fit.meanName} - ${fit.volatilityName} Model Results`;
  const lines: string[] = [];
  lines.push(title.padStart(Math.floor((W + title.length) / 2)), '='.repeat(W));
  const left = [
    ['Mean Model:', fit.meanName], ['Vol Model:', fit.volatilityName], ['Distribution:', fit.distributionName],
    ['Method:', 'Maximum Likelihood'], ['Converged:', fit.converged ? 'yes' : 'NO'], ['', ''],
  ];
  const right = [
    ['Log-Likelihood:', fit.logLikelihood.toFixed(3)], ['AIC:', fit.aic.toFixed(3)], ['BIC:', fit.bic.toFixed(3)],
    ['No. Observations:', String(fit.nobs)], ['Df Model:', String(fit.paramNames.length)], ['', ''],
  ];
  for (let i = 0; i < left.length; i++) {
    lines.push(`${left[i][0].padEnd(16)}${left[i][1].padStart(22)}  ${right[i][0].padEnd(20)}${right[i][1].padStart(18)}`.trimEnd());
  }
  const header = `${''.padEnd(14)}${pad('coef', 12)}${pad('std err', 12)}${pad('t', 10)}${pad('P>|t|', 12)}   95.0% Conf. Int.`;
  const section = (label: string, names: readonly string[]) => {
    if (names.length === 0) return;
    lines.push(label.padStart(Math.floor((W + label.length) / 2)), '='.repeat(W), header, '-'.repeat(W));
    for (const nm of names) {
      const i = fit.paramNames.indexOf(nm);
      const coef = fit.paramVector[i], se = fit.robust.stdErrors[nm];
      lines.push(`${nm.padEnd(14)}${pad(fmt(coef), 12)}${pad(fmt(se), 12)}${pad(fmt(fit.robust.tStats[nm]), 10)}${pad(fmt(fit.robust.pValues[nm]), 12)}` +
        `   [${fmt(coef - 1.959963984540054 * se)}, ${fmt(coef + 1.959963984540054 * se)}]`);
    }
  };
  section('Mean Model', fit.meanParamNames);
  section('Volatility Model', fit.volatilityParamNames);
  section('Distribution', fit.distributionParamNames);
  lines.push('='.repeat(W), `Covariance estimator: robust (QMLE sandwich); classic errors in fit.classic.`, `Optimizer: ${fit.message}`);
  return lines.join('\n');
}
