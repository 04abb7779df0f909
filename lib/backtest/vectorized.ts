// Vectorised long/flat backtest over one instrument's closes.
//
// Timing convention (the one thing a backtest must get right):
//   position[t] in [0, 1] is decided with information up to and including the close of bar t and
//   is held over the return from close t to close t+1. NaN means flat (0).
//   returns[0] = 0 (nothing is held before the first close), and for t >= 0
//     returns[t+1] = position[t] * (close[t+1] / close[t] - 1)
//                    - costBps / 1e4 * |position[t] - position[t-1]|,   position[-1] = 0,
//   i.e. the cost of changing the position at close t is paid in the period it opens.
//   So returns[0..t] and equity[0..t] depend only on close[0..t] and position[0..t-1]: nothing
//   the strategy decides at t, and no later price, reaches an earlier value.
//   position[n-1] is decided at the last close and never held inside the sample, so it trades
//   nothing and costs nothing here; trades, turnover and exposure cover the n-1 held periods.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions, requireFiniteNumber, requireFloat64Array } from './validate';

export const DEFAULT_COST_BPS = 0;

export interface LongFlatInput {
  readonly close: Float64Array;
  readonly position: Float64Array;
  /** One-way cost in basis points of equity per unit of position changed. */
  readonly costBps: number;
  /** Bar timestamps (epoch ms), carried into the result for plotting; not used in the arithmetic. */
  readonly time?: Float64Array;
}

export interface BacktestResult {
  /**
   * Per-bar strategy returns; returns[0] = 0 because nothing is held before the first close
   * (performanceMetrics(returns.subarray(1)) leaves that placeholder bar out of the year count).
   */
  readonly returns: Float64Array;
  /** Equity curve starting at 1: equity[t] = prod_{s<=t} (1 + returns[s]). */
  readonly equity: Float64Array;
  /** The position held from close t to close t+1, NaN replaced by 0. */
  readonly positions: Float64Array;
  /** Number of held periods whose position differs from the previous one (entering counts). */
  readonly trades: number;
  /** Total one-way turnover: sum of |positions[t] - positions[t-1]| over the held periods. */
  readonly turnover: number;
  /** Fraction of the n-1 held periods with a non-zero position. */
  readonly exposure: number;
  /** The time column passed in, when one was. */
  readonly time?: Float64Array;
}

const LONG_FLAT_KEYS = ['close', 'position', 'costBps', 'time'] as const;

export function backtestLongFlat(input: LongFlatInput): BacktestResult {
  rejectUnknownOptions('input', input, LONG_FLAT_KEYS);
  const close = requireFloat64Array('close', input.close);
  const position = requireFloat64Array('position', input.position);
  const costBps = requireFiniteNumber('costBps', input.costBps, 0, 'pass the one-way cost in basis points, e.g. 5 (0 for none)');
  const n = close.length;
  validateClose(close);
  if (position.length !== n) {
    throw new InvalidArgumentError('position', position, `has length ${position.length} but close has length ${n}`, 'pass one position per bar, aligned with close');
  }
  if (input.time !== undefined) {
    const time = requireFloat64Array('time', input.time);
    if (time.length !== n) {
      throw new InvalidArgumentError('time', time, `has length ${time.length} but close has length ${n}`, 'pass one timestamp per bar, aligned with close');
    }
  }

  const positions = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const p = position[t]!;
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) {
      throw new InvalidArgumentError(`position[${t}]`, p, 'must lie in [0, 1] (long/flat) or be NaN (flat)', 'clip the signal to [0, 1]; short positions need another backtester');
    }
    positions[t] = p;
  }

  const cost = costBps / 1e4;
  const returns = new Float64Array(n);
  const equity = new Float64Array(n);
  equity[0] = 1;
  let trades = 0;
  let turnover = 0;
  let invested = 0;
  let previous = 0;
  for (let t = 0; t < n - 1; t++) {
    const p = positions[t]!;
    const change = Math.abs(p - previous);
    if (change !== 0) trades++;
    turnover += change;
    if (p !== 0) invested++;
    returns[t + 1] = p * (close[t + 1]! / close[t]! - 1) - cost * change;
    equity[t + 1] = equity[t]! * (1 + returns[t + 1]!);
    previous = p;
  }

  return {
    returns,
    equity,
    positions,
    trades,
    turnover,
    exposure: invested / (n - 1),
    ...(input.time !== undefined ? { time: input.time } : {}),
  };
}

export interface BuyAndHoldOptions {
  /** Cost of the single entry at the first close, in basis points (default DEFAULT_COST_BPS). */
  readonly costBps?: number;
  readonly time?: Float64Array;
}

/** Fully invested from the first close to the last: the benchmark for a long/flat strategy. */
export function buyAndHold(close: Float64Array, options: BuyAndHoldOptions = {}): BacktestResult {
  rejectUnknownOptions('options', options, ['costBps', 'time']);
  requireFloat64Array('close', close);
  return backtestLongFlat({
    close,
    position: new Float64Array(close.length).fill(1),
    costBps: options.costBps ?? DEFAULT_COST_BPS,
    ...(options.time !== undefined ? { time: options.time } : {}),
  });
}

function validateClose(close: Float64Array): void {
  if (close.length < 2) {
    throw new InvalidArgumentError('close', close, 'needs at least 2 bars to produce one return', 'pass a longer price series');
  }
  for (let t = 0; t < close.length; t++) {
    const c = close[t]!;
    if (!(Number.isFinite(c) && c > 0)) {
      throw new InvalidArgumentError(`close[${t}]`, c, 'must be a finite positive price', 'drop or forward-fill missing bars before backtesting');
    }
  }
}
