// Monte Carlo resampling of a backtest's returns: how different could the Sharpe ratio, the worst
// drawdown, the final equity and the annual return have been with the same return distribution in
// another order? Each sample is a resampled return path (resample.ts); the result holds each
// statistic's distribution, a percentile confidence interval, and optionally a fan: quantiles of
// the equity paths at chosen steps.
//
// Memory: O(samples) per statistic; the fan stores one equity value per sample and fan point, so
// O(samples x points) with `points` (DEFAULT_FAN_POINTS) steps spread over the horizon, and
// O(samples x horizon) only with points: 'all'. Randomness comes from the Rng passed in: the same
// seed gives the same result.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { whole } from './check';
import type { Rng } from '../../util/random';
import { DEFAULT_PERIODS_PER_YEAR, DEFAULT_RISK_FREE } from '../metrics';
import { RESAMPLE_METHODS, resampleIndices, type ResampleMethod } from './resample';
import { MONTE_CARLO_STATISTICS, sampleStatistics, sortedQuantile, type MonteCarloStatistic, type SampleStatistics } from './statistics';

export const DEFAULT_MONTE_CARLO_SAMPLES = 1000;
/** Bar returns keep their serial dependence through blocks of random length. */
export const DEFAULT_RETURNS_METHOD: ResampleMethod = 'stationaryBootstrap';
/** Trades are treated as independent draws. */
export const DEFAULT_TRADES_METHOD: ResampleMethod = 'bootstrap';
export const DEFAULT_MONTE_CARLO_CONFIDENCE = 0.95;
export const DEFAULT_FAN_QUANTILES: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95];
/** Fan steps spread evenly over the horizon, step 0 (equity 1) included. */
export const DEFAULT_FAN_POINTS = 101;
/** Statistics defined per trade sequence without a calendar (annualising needs trades per year). */
export const DEFAULT_TRADE_STATISTICS: readonly MonteCarloStatistic[] = ['finalEquity', 'maxDrawdown'];

/** Block length when none is given: n^(1/3), the rate Hall, Horowitz & Jing (1995) found optimal. */
export function defaultBlockSize(n: number): number {
  return Math.max(1, Math.round(Math.cbrt(n)));
}

export interface MonteCarloFanOptions {
  /** Equity quantiles per step, ascending in (0, 1) (DEFAULT_FAN_QUANTILES). */
  readonly quantiles?: readonly number[];
  /** Steps at which quantiles are taken (DEFAULT_FAN_POINTS), or 'all' for every bar. */
  readonly points?: number | 'all';
}

export interface MonteCarloOptions {
  /** Per-bar returns (give this or tradeReturns). NaN bars are dropped before resampling. */
  readonly returns?: Float64Array;
  /** Per-trade returns, resampled as a sequence of trades. */
  readonly tradeReturns?: Float64Array;
  /** Resampling scheme (DEFAULT_RETURNS_METHOD for returns, DEFAULT_TRADES_METHOD for trades). */
  readonly method?: ResampleMethod;
  /** Block length (mean length for the stationary bootstrap); default defaultBlockSize(n). */
  readonly blockSize?: number;
  readonly samples?: number;
  readonly rng: Rng;
  /** Default all four for returns, DEFAULT_TRADE_STATISTICS for trades. */
  readonly statistics?: readonly MonteCarloStatistic[];
  /** More statistics: each is called with every resampled path (a reused buffer: copy to keep it). */
  readonly custom?: { readonly [name: string]: (sample: Float64Array) => number };
  /** Length of each resampled path (default n, the observed length). */
  readonly horizon?: number;
  /** Bars (or, for tradeReturns, trades) per year; required for sharpe/annualReturn of trades. */
  readonly periodsPerYear?: number;
  readonly riskFree?: number;
  /** Central coverage of the percentile confidence intervals (DEFAULT_MONTE_CARLO_CONFIDENCE). */
  readonly confidence?: number;
  /** Equity fan: true for the defaults, or its options; default none. */
  readonly fan?: boolean | MonteCarloFanOptions;
}

export interface StatisticDistribution {
  /** The statistic on the observed series. */
  readonly observed: number;
  /** One value per sample, in sample order. */
  readonly values: Float64Array;
  /** Mean and sample std over the non-NaN values. */
  readonly mean: number;
  readonly std: number;
  /** Percentile interval: quantiles (1 -/+ confidence) / 2 of the non-NaN values (numpy's linear rule). */
  readonly ci: { readonly lower: number; readonly upper: number; readonly confidence: number };
  /** Samples where the statistic is undefined (a flat path has no Sharpe ratio). */
  readonly nanCount: number;
}

export interface MonteCarloFan {
  /** Bars compounded at each point (0 = the start, equity 1). */
  readonly steps: Int32Array;
  readonly quantiles: readonly number[];
  /** bands[q][k]: the quantiles[q] quantile of equity after steps[k] bars. */
  readonly bands: readonly Float64Array[];
}

export interface MonteCarloResult {
  readonly method: ResampleMethod;
  readonly samples: number;
  /** undefined for the i.i.d. bootstrap. */
  readonly blockSize: number | undefined;
  readonly horizon: number;
  /** The generator's seed, to log with the result. */
  readonly seed: number;
  readonly statistics: { readonly [name: string]: StatisticDistribution };
  readonly fan?: MonteCarloFan;
}

const KEYS = ['returns', 'tradeReturns', 'method', 'blockSize', 'samples', 'rng', 'statistics', 'custom', 'horizon', 'periodsPerYear', 'riskFree', 'confidence', 'fan'] as const;

export function monteCarlo(options: MonteCarloOptions): MonteCarloResult {
  rejectUnknownOptions('options', options, KEYS);
  const s = checkOptions(options);
  const { pool, method, blockSize, samples, horizon, rng, names, custom, periodsPerYear, riskFree } = s;
  const n = pool.length;
  const values = new Map<string, Float64Array>();
  for (const name of [...names, ...Object.keys(custom)]) values.set(name, new Float64Array(samples));
  const fanSteps = s.fan ? s.fan.steps : undefined;
  const fanEquity = fanSteps ? new Float64Array(samples * fanSteps.length) : undefined;
  const indices = new Int32Array(horizon);
  const path = new Float64Array(horizon);
  const stats: SampleStatistics = { sharpe: 0, maxDrawdown: 0, finalEquity: 0, annualReturn: 0 };
  for (let k = 0; k < samples; k++) {
    resampleIndices(method, n, blockSize, rng, indices);
    for (let t = 0; t < horizon; t++) path[t] = pool[indices[t]!]!;
    sampleStatistics(path, periodsPerYear, riskFree, stats);
    for (const name of names) values.get(name)![k] = stats[name];
    for (const [name, f] of Object.entries(custom)) values.get(name)![k] = f(path);
    if (fanSteps && fanEquity) {
      let equity = 1, next = 0;
      const row = k * fanSteps.length;
      for (let t = 0; t <= horizon && next < fanSteps.length; t++) {
        if (t > 0) equity *= 1 + path[t - 1]!;
        if (fanSteps[next] === t) fanEquity[row + next++] = equity;
      }
    }
  }
  const observed = sampleStatistics(pool, periodsPerYear, riskFree, { ...stats });
  const statistics: Record<string, StatisticDistribution> = {};
  for (const [name, v] of values) {
    const value = name in custom ? custom[name]!(pool.slice()) : observed[name as MonteCarloStatistic];
    statistics[name] = summarise(value, v, s.confidence);
  }
  let fan: MonteCarloFan | undefined;
  if (fanSteps && fanEquity && s.fan) {
    const m = fanSteps.length;
    const bands = s.fan.quantiles.map(() => new Float64Array(m));
    const column = new Float64Array(samples);
    for (let j = 0; j < m; j++) {
      for (let k = 0; k < samples; k++) column[k] = fanEquity[k * m + j]!;
      column.sort();
      s.fan.quantiles.forEach((q, i) => { bands[i]![j] = sortedQuantile(column, q); });
    }
    fan = { steps: fanSteps, quantiles: [...s.fan.quantiles], bands };
  }
  return {
    method, samples, blockSize: method === 'bootstrap' ? undefined : blockSize, horizon, seed: rng.seed, statistics,
    ...(fan ? { fan } : {}),
  };
}

function summarise(observed: number, values: Float64Array, confidence: number): StatisticDistribution {
  const finite = values.filter((v) => !Number.isNaN(v)).sort();
  const m = finite.length;
  let mean = 0;
  for (const v of finite) mean += v;
  mean = m > 0 ? mean / m : NaN;
  let squares = 0;
  for (const v of finite) squares += (v - mean) ** 2;
  return {
    observed,
    values,
    mean,
    std: m > 1 ? Math.sqrt(squares / (m - 1)) : NaN,
    ci: { lower: sortedQuantile(finite, (1 - confidence) / 2), upper: sortedQuantile(finite, (1 + confidence) / 2), confidence },
    nanCount: values.length - m,
  };
}

interface Checked {
  readonly pool: Float64Array;
  readonly method: ResampleMethod;
  readonly blockSize: number;
  readonly samples: number;
  readonly horizon: number;
  readonly rng: Rng;
  readonly names: readonly MonteCarloStatistic[];
  readonly custom: { readonly [name: string]: (sample: Float64Array) => number };
  readonly periodsPerYear: number;
  readonly riskFree: number;
  readonly confidence: number;
  readonly fan: { readonly quantiles: readonly number[]; readonly steps: Int32Array } | undefined;
}

function checkOptions(o: MonteCarloOptions): Checked {
  const trades = o.tradeReturns !== undefined;
  if (trades === (o.returns !== undefined)) {
    throw new InvalidArgumentError(trades ? 'options.tradeReturns' : 'options.returns', trades ? o.tradeReturns : undefined, trades ? 'cannot be combined with options.returns' : 'is missing', 'pass either returns (per bar) or tradeReturns (per trade)');
  }
  const argument = trades ? 'options.tradeReturns' : 'options.returns';
  const series = trades ? o.tradeReturns : o.returns;
  if (!(series instanceof Float64Array)) throw new InvalidArgumentError(argument, series, 'must be a Float64Array', 'convert with Float64Array.from(values)');
  const bad = series.findIndex((r) => r === Infinity || r === -Infinity || r <= -1);
  if (bad >= 0) throw new InvalidArgumentError(`${argument}[${bad}]`, series[bad], 'is not a return above -100%', 'check the prices for a zero, or pass simple returns (not percent)');
  const pool = series.filter((r) => !Number.isNaN(r));
  if (pool.length < 2) throw new InvalidArgumentError(argument, series, `holds ${pool.length} non-NaN returns`, 'pass at least two (in practice hundreds)');
  const n = pool.length;

  const method = o.method ?? (trades ? DEFAULT_TRADES_METHOD : DEFAULT_RETURNS_METHOD);
  if (!RESAMPLE_METHODS.includes(method)) {
    throw new InvalidArgumentError('options.method', method, `must be one of ${RESAMPLE_METHODS.map((m) => `'${m}'`).join(', ')}`, "pass 'stationaryBootstrap' for bar returns, 'bootstrap' for independent trades");
  }
  if (method === 'bootstrap' && o.blockSize !== undefined) {
    throw new InvalidArgumentError('options.blockSize', o.blockSize, "has no effect with method 'bootstrap'", "leave it out, or pass method 'blockBootstrap' or 'stationaryBootstrap'");
  }
  const blockSize = whole('options.blockSize', o.blockSize ?? defaultBlockSize(n), 1, 'pass e.g. 20 bars (about the span of the serial dependence)');
  if (blockSize > n) throw new InvalidArgumentError('options.blockSize', blockSize, `exceeds the ${n} returns`, 'pass a block shorter than the series');
  const samples = whole('options.samples', o.samples ?? DEFAULT_MONTE_CARLO_SAMPLES, 1, 'pass e.g. 1000');
  const horizon = whole('options.horizon', o.horizon ?? n, 1, 'pass the path length in bars, or leave it out for the observed length');
  const rng = o.rng;
  if (rng === null || typeof rng !== 'object' || typeof rng.uniform !== 'function') {
    throw new InvalidArgumentError('options.rng', rng, 'must be an Rng', 'pass createRng(seed) from lib/util/random');
  }

  const names = o.statistics ?? (trades ? DEFAULT_TRADE_STATISTICS : MONTE_CARLO_STATISTICS);
  if (!Array.isArray(names)) throw new InvalidArgumentError('options.statistics', names, 'must be an array of statistic names', `pass some of ${MONTE_CARLO_STATISTICS.join(', ')}`);
  for (const name of names) {
    if (!MONTE_CARLO_STATISTICS.includes(name)) throw new InvalidArgumentError('options.statistics', name, 'is not a known statistic', `use ${MONTE_CARLO_STATISTICS.join(', ')}, or options.custom for your own`);
  }
  const calendar = names.filter((name) => name === 'sharpe' || name === 'annualReturn');
  if (trades && calendar.length > 0 && o.periodsPerYear === undefined) {
    throw new InvalidArgumentError('options.periodsPerYear', undefined, `is required for ${calendar.join(' and ')} of trade returns (trades per year)`, 'pass the number of trades per year, or ask only for finalEquity and maxDrawdown');
  }
  const custom = o.custom ?? {};
  if (custom === null || typeof custom !== 'object') throw new InvalidArgumentError('options.custom', custom, 'must be an object of functions', 'pass e.g. { mean: (r) => ... }');
  for (const [name, f] of Object.entries(custom)) {
    if (typeof f !== 'function') throw new InvalidArgumentError(`options.custom.${name}`, f, 'must be a function of the resampled returns', 'pass (sample: Float64Array) => number');
    if ((names as readonly string[]).includes(name)) throw new InvalidArgumentError(`options.custom.${name}`, name, 'has the name of a built-in statistic', 'rename it');
  }
  const periodsPerYear = o.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR;
  if (!(typeof periodsPerYear === 'number' && periodsPerYear > 0 && Number.isFinite(periodsPerYear))) {
    throw new InvalidArgumentError('options.periodsPerYear', periodsPerYear, 'must be a positive number', 'pass 252 for daily bars');
  }
  const riskFree = o.riskFree ?? DEFAULT_RISK_FREE;
  if (typeof riskFree !== 'number' || !Number.isFinite(riskFree)) throw new InvalidArgumentError('options.riskFree', riskFree, 'must be a finite per-period return', 'pass e.g. 0.02 / 252');
  const confidence = o.confidence ?? DEFAULT_MONTE_CARLO_CONFIDENCE;
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw new InvalidArgumentError('options.confidence', confidence, 'must be in (0, 1)', 'pass e.g. 0.95 for a 95% interval');
  }
  return { pool, method, blockSize, samples, horizon, rng, names, custom, periodsPerYear, riskFree, confidence, fan: checkFan(o.fan, horizon) };
}

function checkFan(fan: MonteCarloOptions['fan'], horizon: number): Checked['fan'] {
  if (fan === undefined || fan === false) return undefined;
  if (fan !== true && (fan === null || typeof fan !== 'object')) throw new InvalidArgumentError('options.fan', fan, 'must be true or a fan options object', 'pass true, or { quantiles, points }');
  const o: MonteCarloFanOptions = fan === true ? {} : fan;
  rejectUnknownOptions('options.fan', o, ['quantiles', 'points']);
  const quantiles = o.quantiles ?? DEFAULT_FAN_QUANTILES;
  if (!Array.isArray(quantiles) || quantiles.length === 0) throw new InvalidArgumentError('options.fan.quantiles', quantiles, 'must be a non-empty array', 'pass e.g. [0.05, 0.5, 0.95]');
  quantiles.forEach((q, i) => {
    if (typeof q !== 'number' || !(q > 0 && q < 1) || (i > 0 && !(q > quantiles[i - 1]!))) {
      throw new InvalidArgumentError(`options.fan.quantiles[${i}]`, q, 'must be in (0, 1) and above the previous one', 'pass ascending quantiles, e.g. [0.05, 0.5, 0.95]');
    }
  });
  const points = o.points ?? DEFAULT_FAN_POINTS;
  let steps: Int32Array;
  if (points === 'all') {
    steps = Int32Array.from({ length: horizon + 1 }, (_, t) => t);
  } else {
    whole('options.fan.points', points, 2, "pass e.g. 101, or 'all' for every bar");
    const chosen = new Set<number>();
    for (let k = 0; k < points; k++) chosen.add(Math.round((k * horizon) / (points - 1)));
    steps = Int32Array.from([...chosen].sort((a, b) => a - b));
  }
  return { quantiles, steps };
}
