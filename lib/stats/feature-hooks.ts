// Statistics that feed the feature registry. A GARCH volatility feature is fitted once on the
// training window (archModel) and then only filtered forward bar by bar with the fitted
// parameters, so a value at t uses bars up to t alone; a pair spread becomes a Bars series of its
// own so that any registered feature (z-score, RSI, ...) applies to it unchanged.
import { assertBars, type Bars } from '../data/bars';
import {
  completeParams, notNumberAbove, notSource, sourceColumn, sourceValue, type FeatureKind, type PriceSource,
} from '../features/kind';
import { InvalidArgumentError } from '../util/errors';
import type { ArchFit } from './arch';
import { ewmaBackcast } from './volatility';

export interface GarchVolatilityParams {
  /** Constant mean of the scaled log returns (0 for a zero-mean model). */
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  /** Asymmetric (GJR) term; 0 for plain GARCH(1,1). */
  readonly gamma: number;
  readonly beta: number;
  /**
   * sigma^2 of the first return. From a fit: omega + (alpha + gamma/2 + beta) * backcast, arch's
   * start of the recursion (the backcast stands in for the unseen squared residual and variance),
   * with the backcast of the residuals at the fitted mean as arch's forecast() computes it (the
   * fit itself backcasts at the starting mean, a difference of ~0.2% in the first values).
   */
  readonly initialVariance: number;
  /** Returns are scale * ln(p_t / p_{t-1}); arch fits are usually on percent returns (100). */
  readonly scale: number;
  /**
   * 'log': scale * ln(p_t / p_{t-1}) for prices; 'difference': scale * (x_t - x_{t-1}) for series
   * that can be zero or negative, such as a pair's log spread.
   */
  readonly returns: 'log' | 'difference';
  readonly source: PriceSource;
}

/** Streaming GJR-GARCH(1,1) variance filter over log returns of one price column. */
export class GarchVolatilityState {
  /** sigma_t: the volatility of this bar's return, known at t-1. */
  conditional = Number.NaN;
  /** sigma_{t+1|t}: next bar's volatility, known at this bar's close. */
  forecast = Number.NaN;
  /** (r_t - mu) / sigma_t: this bar's standardized residual. */
  standardized = Number.NaN;
  private lastPrice = Number.NaN;
  private nextVariance: number;

  constructor(private readonly p: GarchVolatilityParams) {
    this.nextVariance = p.initialVariance;
  }

  update(price: number): void {
    const prev = this.lastPrice;
    this.lastPrice = price;
    const log = this.p.returns === 'log';
    if (log ? !(prev > 0) || !(price > 0) : !Number.isFinite(prev) || !Number.isFinite(price)) {
      // No return this bar: the variance recursion has nothing to update with, so hold its state.
      this.conditional = Number.NaN;
      this.forecast = Number.NaN;
      this.standardized = Number.NaN;
      return;
    }
    const sigma2 = this.nextVariance;
    const e = this.p.scale * (log ? Math.log(price / prev) : price - prev) - this.p.mu;
    const e2 = e * e;
    this.nextVariance = this.p.omega + (this.p.alpha + (e < 0 ? this.p.gamma : 0)) * e2 + this.p.beta * sigma2;
    this.conditional = Math.sqrt(sigma2);
    this.forecast = Math.sqrt(this.nextVariance);
    this.standardized = e / this.conditional;
  }
}

const GARCH_DEFAULTS: GarchVolatilityParams = {
  mu: 0, omega: 0.02, alpha: 0.1, gamma: 0, beta: 0.88, initialVariance: 1, scale: 100, returns: 'log', source: 'close',
};

export const garchVolatilityKind: FeatureKind<GarchVolatilityParams> = {
  kind: 'garch_volatility',
  version: 1,
  description: 'GJR-GARCH(1,1) filtered forward with fixed (fitted) parameters: sigma_t, the one-step forecast sigma_{t+1|t} and the standardized residual',
  defaults: GARCH_DEFAULTS,
  params(partial, argument) {
    const p = completeParams(partial, GARCH_DEFAULTS, argument, (key, value) => {
      if (key === 'source') return notSource(value);
      if (key === 'returns') return value === 'log' || value === 'difference' ? undefined : ["must be 'log' or 'difference'", "use 'difference' for a spread, 'log' for prices"];
      if (key === 'mu') return notNumberAbove(value, -Infinity);
      if (key === 'omega' || key === 'initialVariance' || key === 'scale') return notNumberAbove(value, 0);
      return notNumberAbove(value, 0, true);
    });
    if (p.alpha + p.gamma / 2 + p.beta >= 1) {
      throw new InvalidArgumentError(`${argument}.beta`, p.beta, `alpha + gamma/2 + beta = ${p.alpha + p.gamma / 2 + p.beta} is not below 1 (the variance would not be stationary)`, 'use parameters from a converged fit (garchFeatureParams)');
    }
    return p;
  },
  outputs: () => ['conditional', 'forecast', 'standardized'],
  batch(bars, p) {
    const x = sourceColumn(bars, p.source);
    const n = x.length;
    const conditional = new Float64Array(n), forecast = new Float64Array(n), standardized = new Float64Array(n);
    const state = new GarchVolatilityState(p);
    for (let t = 0; t < n; t++) {
      state.update(x[t]!);
      conditional[t] = state.conditional;
      forecast[t] = state.forecast;
      standardized[t] = state.standardized;
    }
    return [conditional, forecast, standardized];
  },
  stream(p) {
    const state = new GarchVolatilityState(p);
    const out = new Float64Array(3);
    return {
      update(bar) {
        state.update(sourceValue(bar, p.source));
        out[0] = state.conditional;
        out[1] = state.forecast;
        out[2] = state.standardized;
        return out;
      },
    };
  },
};

/**
 * Feature parameters from an archModel fit of a GARCH(1,1) or GJR-GARCH(1,1,1) with a constant or
 * zero mean on `scale` * log returns. The distribution does not enter the variance recursion.
 */
export function garchFeatureParams(fit: ArchFit, options: { scale?: number; source?: PriceSource; returns?: 'log' | 'difference' } = {}): GarchVolatilityParams {
  const json = fit.toJSON();
  const vol = json.volatility as { type?: string; p?: number; o?: number; q?: number };
  if (vol.type !== 'garch' || vol.p !== 1 || (vol.o ?? 0) > 1 || vol.q !== 1) {
    throw new InvalidArgumentError('fit', `${fit.volatilityName} ${JSON.stringify(vol)}`, 'must be a GARCH(1,1) or GJR-GARCH(1,1,1) fit', 'fit archModel(y, { volatility: garch({ p: 1, q: 1 }) }) (o: 1 for GJR)');
  }
  const meanType = (json.mean as { type?: string }).type;
  if (meanType !== 'constant' && meanType !== 'zero') {
    throw new InvalidArgumentError('fit', fit.meanName, 'must have a constant or zero mean', 'fit with mean: constantMean() or zeroMean()');
  }
  const params = fit.params;
  const omega = params['omega']!, alpha = params['alpha[1]']!, gamma = params['gamma[1]'] ?? 0, beta = params['beta[1]']!;
  return {
    mu: params['mu'] ?? 0, omega, alpha, gamma, beta,
    initialVariance: omega + (alpha + gamma / 2 + beta) * ewmaBackcast(fit.residuals),
    scale: options.scale ?? 100,
    returns: options.returns ?? 'log',
    source: options.source ?? 'close',
  };
}

/**
 * The log-price spread ln(y) - hedgeRatio * ln(x) - intercept of two symbols as Bars (open = high
 * = low = close = spread, volume 0) on the timestamps both have, so registry features apply to it.
 */
export function spreadBars(y: Bars, x: Bars, hedge: { hedgeRatio: number; intercept?: number; symbol?: string }): Bars {
  assertBars(y, 'y');
  assertBars(x, 'x');
  if (!Number.isFinite(hedge?.hedgeRatio)) {
    throw new InvalidArgumentError('hedge.hedgeRatio', hedge?.hedgeRatio, 'must be a finite number', 'pass the OLS or Johansen hedge ratio of ln(y) on ln(x)');
  }
  const intercept = hedge.intercept ?? 0;
  const time: number[] = [], spread: number[] = [];
  let j = 0;
  for (let i = 0; i < y.time.length; i++) {
    const t = y.time[i]!;
    while (j < x.time.length && x.time[j]! < t) j++;
    if (j === x.time.length || x.time[j] !== t) continue;
    const py = y.close[i]!, px = x.close[j]!;
    if (!(py > 0) || !(px > 0)) {
      if (Number.isNaN(py) || Number.isNaN(px)) { time.push(t); spread.push(Number.NaN); continue; }
      throw new InvalidArgumentError(!(py > 0) ? `y.close[${i}]` : `x.close[${j}]`, !(py > 0) ? py : px, 'must be a positive price (logs are taken)', 'repair the data; validateBars lists non-positive prices');
    }
    time.push(t);
    spread.push(Math.log(py) - hedge.hedgeRatio * Math.log(px) - intercept);
  }
  if (time.length === 0) {
    throw new InvalidArgumentError('x.time', `${x.symbol} vs ${y.symbol}`, 'shares no timestamp with y', 'pass two symbols observed on the same dates');
  }
  const close = Float64Array.from(spread);
  return {
    symbol: hedge.symbol ?? `${y.symbol}~${x.symbol}`,
    time: Float64Array.from(time), open: close.slice(), high: close.slice(), low: close.slice(), close,
    volume: new Float64Array(close.length),
  };
}
