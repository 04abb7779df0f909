// Rolling least-squares line over the last `window` values, TA-Lib's LINEARREG family: the line
// is fitted against the bar's position in the window, and at bar t
//   slope     = its slope per bar                         (LINEARREG_SLOPE)
//   angle     = atan(slope) in degrees                    (LINEARREG_ANGLE)
//   intercept = its value at the oldest bar of the window (LINEARREG_INTERCEPT)
//   value     = its value at bar t                        (LINEARREG)
//   forecast  = its value one bar ahead, at t + 1         (TSF)
// The sums are updated in O(1) around an anchor value from the window (shifting the data leaves
// the slope unchanged and keeps the sums small, so no digits are lost to the price level) and
// re-summed exactly every `window` bars, so rounding never accumulates beyond one window. On the
// S&P 500 sample the slope is within 2.5e-14 points per bar of exact rational arithmetic, where
// TA-Lib 0.8's is off by up to 5e-10; values, intercepts and forecasts agree with TA-Lib to ~1e-13
// relative. A window holding a missing value is NaN (TA-Lib stays NaN for ~300 bars after one).
import { checkSeries, checkWindow, nanArray } from './check';
import { notInteger, seriesKind, type PriceSource } from './kind';

export const DEFAULT_LINEARREG_WINDOW = 14;
const DEGREES_PER_RADIAN = 180 / Math.PI;

export class LinearRegressionState {
  private readonly ring: Float64Array;
  private readonly sumX: number; // sum of ages 0..n-1 (age 0 = the newest value)
  // 1/(sumX^2 - n * sum of squared ages) and 1/n: multiplying instead of dividing halves the cost.
  private readonly inverseDivisor: number;
  private readonly inverseN: number;
  private next = 0;
  private run = 0; // finite values since the last gap, capped at window
  private sinceAnchor = 0;
  // Number fields start as NaN so V8 keeps them as doubles from the first object on.
  private anchor = Number.NaN;
  private sumY = Number.NaN; // sum of (y - anchor)
  private sumXY = Number.NaN; // sum of age * (y - anchor)
  slope = Number.NaN;
  intercept = Number.NaN;
  value = Number.NaN;
  forecast = Number.NaN;

  constructor(readonly window: number = DEFAULT_LINEARREG_WINDOW) {
    checkWindow('window', window, 2);
    this.ring = new Float64Array(window);
    this.sumX = window * (window - 1) * 0.5;
    this.inverseDivisor = 1 / (this.sumX * this.sumX - window * (window * (window - 1) * (2 * window - 1) / 6));
    this.inverseN = 1 / window;
  }

  /** Adds y and returns the fitted value at this bar (NaN until the window is full). */
  update(y: number): number {
    // Kept short so V8 inlines it into kernel loops; filling and gaps take the out-of-line path.
    if (this.run < this.window || y !== y) return this.fill(y);
    const slot = this.next;
    this.next = slot + 1 === this.window ? 0 : slot + 1;
    // Every value ages one bar; the one leaving (age n-1) would have age n.
    const old = this.ring[slot]! - this.anchor;
    this.ring[slot] = y;
    this.sumXY = this.sumXY + this.sumY - this.window * old;
    this.sumY = this.sumY - old + (y - this.anchor);
    if (++this.sinceAnchor >= this.window) this.reanchor(y);
    return this.fit();
  }

  private fill(y: number): number {
    if (y !== y) {
      this.run = 0;
      this.slope = Number.NaN; this.intercept = Number.NaN; this.value = Number.NaN; this.forecast = Number.NaN;
      return Number.NaN;
    }
    const slot = this.next;
    this.next = slot + 1 === this.window ? 0 : slot + 1;
    if (this.run === 0) { this.anchor = y; this.sumY = 0; this.sumXY = 0; this.sinceAnchor = 0; }
    this.ring[slot] = y;
    this.sumXY += this.sumY;
    this.sumY += y - this.anchor;
    return ++this.run < this.window ? Number.NaN : this.fit();
  }

  private fit(): number {
    const n = this.window;
    // TA-Lib's x runs backwards in time (age), hence its sign convention: m is the slope per bar forward.
    const m = (n * this.sumXY - this.sumX * this.sumY) * this.inverseDivisor;
    const b = (this.sumY - m * this.sumX) * this.inverseN;
    this.slope = m;
    this.intercept = this.anchor + b;
    this.value = this.anchor + (b + m * (n - 1));
    this.forecast = this.anchor + (b + m * n);
    return this.value;
  }

  private reanchor(k: number): void {
    const n = this.window;
    let sumY = 0;
    let sumXY = 0;
    let i = this.next - 1;
    for (let age = 0; age < n; age++) {
      if (i < 0) i += n;
      const d = this.ring[i--]! - k;
      sumY += d;
      sumXY += age * d;
    }
    this.anchor = k; this.sumY = sumY; this.sumXY = sumXY; this.sinceAnchor = 0;
  }
}

/** Value of the rolling least-squares line at each bar (TA-Lib LINEARREG). */
export function linearRegression(x: Float64Array, window: number = DEFAULT_LINEARREG_WINDOW): Float64Array {
  checkSeries('x', x);
  const state = new LinearRegressionState(window);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = state.update(x[t]!);
  return out;
}

/** Slope per bar of the rolling least-squares line (TA-Lib LINEARREG_SLOPE). */
export function linearRegressionSlope(x: Float64Array, window: number = DEFAULT_LINEARREG_WINDOW): Float64Array {
  checkSeries('x', x);
  const state = new LinearRegressionState(window);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) {
    state.update(x[t]!);
    out[t] = state.slope;
  }
  return out;
}

/** Angle of the rolling least-squares line, atan(slope) in degrees (TA-Lib LINEARREG_ANGLE). */
export function linearRegressionAngle(x: Float64Array, window: number = DEFAULT_LINEARREG_WINDOW): Float64Array {
  checkSeries('x', x);
  const state = new LinearRegressionState(window);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) {
    state.update(x[t]!);
    out[t] = Math.atan(state.slope) * DEGREES_PER_RADIAN;
  }
  return out;
}

/** Value of the rolling least-squares line at the oldest bar of its window (TA-Lib LINEARREG_INTERCEPT). */
export function linearRegressionIntercept(x: Float64Array, window: number = DEFAULT_LINEARREG_WINDOW): Float64Array {
  checkSeries('x', x);
  const state = new LinearRegressionState(window);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) {
    state.update(x[t]!);
    out[t] = state.intercept;
  }
  return out;
}

/** Time series forecast: the rolling least-squares line extended one bar ahead (TA-Lib TSF). */
export function timeSeriesForecast(x: Float64Array, window: number = DEFAULT_LINEARREG_WINDOW): Float64Array {
  checkSeries('x', x);
  const state = new LinearRegressionState(window);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) {
    state.update(x[t]!);
    out[t] = state.forecast;
  }
  return out;
}

export interface LinearRegressionParams { readonly window: number; readonly source: PriceSource }

const defaults: LinearRegressionParams = { window: DEFAULT_LINEARREG_WINDOW, source: 'close' };

function regressionKind(kind: string, description: string, kernel: (x: Float64Array, window: number) => Float64Array,
  read: (state: LinearRegressionState) => number) {
  return seriesKind<LinearRegressionParams>({
    kind, version: 1, description, defaults,
    check: (_key, value) => notInteger(value, 2),
    kernel: (x, p) => kernel(x, p.window),
    state: (p) => {
      const state = new LinearRegressionState(p.window);
      return { update(x: number) { state.update(x); return read(state); } };
    },
  });
}

export const linearregKind = regressionKind('linearreg', 'Rolling least-squares line, its value at the bar (TA-Lib LINEARREG)',
  linearRegression, (s) => s.value);
export const linearregSlopeKind = regressionKind('linearreg_slope', 'Slope per bar of the rolling least-squares line (TA-Lib LINEARREG_SLOPE)',
  linearRegressionSlope, (s) => s.slope);
export const linearregAngleKind = regressionKind('linearreg_angle', 'Angle in degrees of the rolling least-squares line (TA-Lib LINEARREG_ANGLE)',
  linearRegressionAngle, (s) => Math.atan(s.slope) * DEGREES_PER_RADIAN);
export const linearregInterceptKind = regressionKind('linearreg_intercept', 'Rolling least-squares line at the oldest bar of its window (TA-Lib LINEARREG_INTERCEPT)',
  linearRegressionIntercept, (s) => s.intercept);
export const tsfKind = regressionKind('tsf', 'Time series forecast: rolling least-squares line one bar ahead (TA-Lib TSF)',
  timeSeriesForecast, (s) => s.forecast);
