// Kalman-filter dynamic hedge ratio in E. Chan's formulation ("Algorithmic Trading", 2013, ch. 3):
// state theta_t = [beta_t, alpha_t] follows a random walk with covariance Vw = delta / (1 - delta) I,
// observation y_t = beta_t x_t + alpha_t + e_t with Var(e_t) = Ve. Per bar, with H = [x_t, 1]:
//   R = P + Vw (R = P0 on the first bar, as Chan starts from R = P = 0),
//   yhat = H theta, e = y - yhat, Q = H R H' + Ve, K = R H' / Q, theta += K e, P = R - K H R.
// The batch run and the streaming `update` share one step function, so they agree bit for bit, and
// the filter serialises to JSON (settings + state) to continue on new bars.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkNumber, checkPair } from './pairs-validate';

export const DEFAULT_KALMAN_DELTA = 1e-4;
export const DEFAULT_KALMAN_OBSERVATION_VARIANCE = 1e-3;
export const DEFAULT_KALMAN_INITIAL_STATE: readonly [number, number] = [0, 0];
export const DEFAULT_KALMAN_INITIAL_COVARIANCE: readonly [readonly [number, number], readonly [number, number]] = [[0, 0], [0, 0]];

export interface KalmanHedgeOptions {
  /** State-noise ratio in [0, 1): Vw = delta / (1 - delta) I. Default DEFAULT_KALMAN_DELTA (1e-4). */
  readonly delta?: number;
  /** Observation noise variance Ve > 0. Default DEFAULT_KALMAN_OBSERVATION_VARIANCE (1e-3). */
  readonly observationVariance?: number;
  /** [beta, alpha] before the first bar. Default [0, 0]. */
  readonly initialState?: readonly [number, number];
  /** Covariance of the initial state (symmetric, positive semi-definite). Default zeros (Chan). */
  readonly initialCovariance?: readonly [readonly [number, number], readonly [number, number]];
}

export interface KalmanHedgeSettings {
  readonly delta: number;
  readonly observationVariance: number;
  readonly initialState: [number, number];
  readonly initialCovariance: [[number, number], [number, number]];
}

/** Filter state after the last bar seen. */
export interface KalmanHedgeState {
  readonly beta: number;
  readonly alpha: number;
  /** Posterior covariance P of [beta, alpha]. */
  readonly covariance: [[number, number], [number, number]];
  /** Bars processed so far. */
  readonly bars: number;
}

export interface KalmanHedgeJSON {
  readonly kind: 'KalmanHedgeFilter';
  readonly version: 1;
  readonly settings: KalmanHedgeSettings;
  readonly state: KalmanHedgeState;
}

/** One bar's output. beta/alpha are filtered (they include y_t); the forecast error uses bars < t only. */
export interface KalmanHedgeStep {
  readonly beta: number;
  readonly alpha: number;
  /** y_t - (beta_{t|t-1} x_t + alpha_{t|t-1}). */
  readonly forecastError: number;
  /** Q_t = H R H' + Ve, the forecast error's variance. */
  readonly forecastVariance: number;
  /** forecastError / sqrt(forecastVariance). */
  readonly zScore: number;
}

export interface KalmanHedgeSeries {
  readonly beta: Float64Array;
  readonly alpha: Float64Array;
  readonly forecastError: Float64Array;
  readonly forecastVariance: Float64Array;
  readonly zScore: Float64Array;
}

// State vector layout for the kernel: [beta, alpha, p00, p01, p11, bars].
const S = 6;

/**
 * Kernel: advances `state` by one bar (in place) and writes [beta, alpha, e, Q, z] into `out` at
 * `at`, `at + stride`, ... (stride 1 for a small scratch array, the series length for batch output).
 */
export function kalmanHedgeStep(state: Float64Array, x: number, y: number, vw: number, ve: number, out: Float64Array, at: number, stride: number): void {
  let r00 = state[2], r01 = state[3], r11 = state[4];
  if (state[5] > 0) { r00 += vw; r11 += vw; }
  const beta = state[0], alpha = state[1];
  const e = y - (beta * x + alpha);
  const hr0 = r00 * x + r01, hr1 = r01 * x + r11; // H R (= (R H')' since R is symmetric)
  const q = hr0 * x + hr1 + ve;
  const k0 = hr0 / q, k1 = hr1 / q;
  state[0] = beta + k0 * e;
  state[1] = alpha + k1 * e;
  state[2] = r00 - k0 * hr0;
  state[3] = r01 - k0 * hr1;
  state[4] = r11 - k1 * hr1;
  state[5] += 1;
  out[at] = state[0];
  out[at + stride] = state[1];
  out[at + 2 * stride] = e;
  out[at + 3 * stride] = q;
  out[at + 4 * stride] = e / Math.sqrt(q);
}

export class KalmanHedgeFilter {
  readonly settings: KalmanHedgeSettings;
  private readonly s = new Float64Array(S);
  private readonly scratch = new Float64Array(5);

  constructor(options: KalmanHedgeOptions = {}) {
    this.settings = resolveSettings(options);
    const { initialState: [b, a], initialCovariance: [[p00, p01], [, p11]] } = this.settings;
    this.s.set([b, a, p00, p01, p11, 0]);
  }

  /** Rebuilds a filter, state included, from `toJSON()` output. */
  static fromJSON(json: KalmanHedgeJSON): KalmanHedgeFilter {
    if (!json || json.kind !== 'KalmanHedgeFilter' || json.version !== 1) {
      throw new InvalidArgumentError('json', json, "is not a KalmanHedgeFilter JSON document (kind 'KalmanHedgeFilter', version 1)", 'pass the output of filter.toJSON()');
    }
    const filter = new KalmanHedgeFilter(json.settings);
    const st = json.state;
    const values = [st?.beta, st?.alpha, st?.covariance?.[0]?.[0], st?.covariance?.[0]?.[1], st?.covariance?.[1]?.[1], st?.bars];
    if (!values.every((v) => typeof v === 'number' && Number.isFinite(v)) || !Number.isInteger(st.bars) || st.bars < 0) {
      throw new InvalidArgumentError('json.state', st, 'must hold finite beta, alpha, a 2x2 covariance and an integer bars >= 0', 'pass the output of filter.toJSON()');
    }
    filter.s.set(values as number[]);
    return filter;
  }

  get state(): KalmanHedgeState {
    const s = this.s;
    return { beta: s[0], alpha: s[1], covariance: [[s[2], s[3]], [s[3], s[4]]], bars: s[5] };
  }

  /** Processes one bar; identical to the batch `run` / `kalmanHedgeRatio` on the same bars. */
  update(x: number, y: number): KalmanHedgeStep {
    checkNumber('x', x, () => true, 'a finite number', 'skip or fill bars with missing prices');
    checkNumber('y', y, () => true, 'a finite number', 'skip or fill bars with missing prices');
    const { delta, observationVariance } = this.settings;
    kalmanHedgeStep(this.s, x, y, delta / (1 - delta), observationVariance, this.scratch, 0, 1);
    const o = this.scratch;
    return { beta: o[0], alpha: o[1], forecastError: o[2], forecastVariance: o[3], zScore: o[4] };
  }

  /** Processes a batch of bars (continuing from the current state). */
  run(x: Float64Array, y: Float64Array): KalmanHedgeSeries {
    checkPair(x, y, 1, 'at least one bar');
    const n = x.length, out = new Float64Array(5 * n);
    const { delta, observationVariance } = this.settings;
    const vw = delta / (1 - delta);
    for (let t = 0; t < n; t++) kalmanHedgeStep(this.s, x[t], y[t], vw, observationVariance, out, t, n);
    return {
      beta: out.subarray(0, n), alpha: out.subarray(n, 2 * n), forecastError: out.subarray(2 * n, 3 * n),
      forecastVariance: out.subarray(3 * n, 4 * n), zScore: out.subarray(4 * n, 5 * n),
    };
  }

  toJSON(): KalmanHedgeJSON {
    const st = this.settings;
    return {
      kind: 'KalmanHedgeFilter', version: 1,
      settings: {
        delta: st.delta, observationVariance: st.observationVariance,
        initialState: [...st.initialState], initialCovariance: [[...st.initialCovariance[0]], [...st.initialCovariance[1]]],
      },
      state: this.state,
    };
  }
}

/** Batch Kalman hedge ratio from the initial state; `model` continues the filter (KalmanHedgeFilter.fromJSON). */
export function kalmanHedgeRatio(x: Float64Array, y: Float64Array, options: KalmanHedgeOptions = {}): KalmanHedgeSeries & { readonly model: KalmanHedgeJSON } {
  const filter = new KalmanHedgeFilter(options);
  checkPair(x, y, 2, 'at least two bars');
  const series = filter.run(x, y);
  return { ...series, model: filter.toJSON() };
}

function resolveSettings(options: KalmanHedgeOptions): KalmanHedgeSettings {
  rejectUnknownOptions('options', options, ['delta', 'observationVariance', 'initialState', 'initialCovariance']);
  const delta = options.delta ?? DEFAULT_KALMAN_DELTA;
  const ve = options.observationVariance ?? DEFAULT_KALMAN_OBSERVATION_VARIANCE;
  checkNumber('options.delta', delta, (v) => v >= 0 && v < 1, 'in [0, 1)', 'pass a small ratio such as 1e-4 (larger adapts faster)');
  checkNumber('options.observationVariance', ve, (v) => v > 0, 'positive', 'pass the observation noise variance, such as 1e-3');
  const s0 = options.initialState ?? DEFAULT_KALMAN_INITIAL_STATE;
  if (!Array.isArray(s0) || s0.length !== 2 || !s0.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new InvalidArgumentError('options.initialState', s0, 'must be [beta, alpha] with finite numbers', 'pass e.g. [1, 0] or leave it out for [0, 0]');
  }
  const p0 = options.initialCovariance ?? DEFAULT_KALMAN_INITIAL_COVARIANCE;
  const flat = Array.isArray(p0) && p0.length === 2 && p0.every((r) => Array.isArray(r) && r.length === 2) ? p0.flat() : [];
  if (flat.length !== 4 || !flat.every((v) => typeof v === 'number' && Number.isFinite(v))
    || flat[1] !== flat[2] || flat[0] < 0 || flat[3] < 0 || flat[0] * flat[3] < flat[1] * flat[1]) {
    throw new InvalidArgumentError('options.initialCovariance', p0, 'must be a symmetric positive semi-definite 2x2 matrix [[p00, p01], [p01, p11]]', 'pass e.g. [[1, 0], [0, 1]] or leave it out for zeros');
  }
  return {
    delta, observationVariance: ve, initialState: [s0[0], s0[1]],
    initialCovariance: [[flat[0], flat[1]], [flat[2], flat[3]]],
  };
}
