// Performance statistics of a per-period return series, defined exactly as empyrical 0.7.1 defines
// them (cum_returns_final, annual_return, annual_volatility, sharpe_ratio, sortino_ratio,
// max_drawdown, calmar_ratio), so numbers agree with the Python tools researchers already trust.
// The arithmetic lives in ./performance (the kernels behind backtestMetrics); this is the short
// summary the vectorised backtest reports.
//
// NaN returns (a bar with no observation) follow empyrical too:
//   - compounding (totalReturn, annualReturn, maxDrawdown, calmar) treats NaN as a 0 return, and
//     the bar still counts towards the number of years;
//   - moment statistics (annualVolatility, sharpe, sortino) skip NaN bars.
// Fewer than 2 returns give NaN for volatility, sharpe and sortino; no drawdown gives calmar NaN.
import { InvalidArgumentError } from '../util/errors';
import { calmarFrom, drawdownSummary } from './performance/drawdown';
import { DEFAULT_PERIODS_PER_YEAR, DEFAULT_RISK_FREE } from './performance/options';
import { annualReturn, annualVolatility, sharpeRatio, sortinoRatio, totalReturn } from './performance/returns';
import { rejectUnknownOptions, requireFloat64Array } from './validate';

export { DEFAULT_PERIODS_PER_YEAR, DEFAULT_RISK_FREE };

export interface MetricsOptions {
  /** Bars per year used to annualise (252 for daily bars). */
  readonly periodsPerYear?: number;
  /** Risk-free return per period: Sharpe's risk-free rate and Sortino's required return. */
  readonly riskFree?: number;
}

export interface PerformanceMetrics {
  readonly totalReturn: number;
  /** Compound annual growth rate. */
  readonly annualReturn: number;
  readonly annualVolatility: number;
  readonly sharpe: number;
  readonly sortino: number;
  /** Deepest peak-to-trough loss of the equity curve (starting at 1), as a negative fraction. */
  readonly maxDrawdown: number;
  /** Longest run of consecutive bars spent below the previous equity peak. */
  readonly maxDrawdownDuration: number;
  readonly calmar: number;
}

export function performanceMetrics(returns: Float64Array, options: MetricsOptions = {}): PerformanceMetrics {
  rejectUnknownOptions('options', options, ['periodsPerYear', 'riskFree']);
  requireFloat64Array('returns', returns);
  const periodsPerYear = options.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR;
  const riskFree = options.riskFree ?? DEFAULT_RISK_FREE;
  if (!(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) {
    throw new InvalidArgumentError('options.periodsPerYear', periodsPerYear, 'must be a positive number', 'pass 252 for daily bars, 52 weekly, 12 monthly');
  }
  if (!Number.isFinite(riskFree)) {
    throw new InvalidArgumentError('options.riskFree', riskFree, 'must be a finite per-period return', 'pass e.g. 0.02 / 252 for 2% a year on daily bars');
  }
  if (returns.length === 0) {
    throw new InvalidArgumentError('returns', returns, 'is empty', 'pass at least one period return');
  }
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    if (r === Infinity || r === -Infinity) {
      throw new InvalidArgumentError(`returns[${t}]`, r, 'is infinite', 'check the price series for a zero price');
    }
  }

  const annual = annualReturn(returns, { periodsPerYear });
  const { maxDrawdown, maxDrawdownDuration } = drawdownSummary(returns);
  return {
    totalReturn: totalReturn(returns),
    annualReturn: annual,
    annualVolatility: annualVolatility(returns, { periodsPerYear }),
    sharpe: sharpeRatio(returns, { periodsPerYear, riskFree }),
    sortino: sortinoRatio(returns, { periodsPerYear, requiredReturn: riskFree }),
    maxDrawdown,
    maxDrawdownDuration,
    calmar: calmarFrom(annual, maxDrawdown),
  };
}
