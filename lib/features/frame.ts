// The model-ready table: one row per bar, feature columns that use only bars up to and including
// t, and a label that is the one forward-looking column (the NEXT bar's direction) by design.
// Keeping them in separate fields makes it hard to feed the target to a model as a feature.
import { assertBars, isoDate, type Bars } from '../data/bars';
import { rejectUnknownOptions } from '../util/options';
import { InvalidArgumentError } from '../util/errors';
import { checkPositivePrices, checkWindow, nanArray } from './check';
import { sma } from './moving-average';
import { logReturns } from './returns';
import { rollingStd } from './rolling-std';
import { rsi } from './rsi';

export interface FeatureFrameOptions {
  readonly smaWindow: number;
  readonly rsiPeriod: number;
  /** Window of the rolling (sample, ddof = 1, not annualised) std of log returns. */
  readonly volatilityWindow: number;
  /** Price column the features and label use; adjClose keeps dividends and splits out of returns. */
  readonly price?: 'close' | 'adjClose';
}

export interface FeatureFrame {
  readonly symbol: string;
  readonly time: Float64Array;
  /** Feature names, parallel to columns. */
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  /**
   * TARGET, not a feature: label[t] = 1 if price[t+1] > price[t] else 0, NaN for the last bar and
   * where either price is missing. It is the only column that looks at t+1.
   */
  readonly label: Float64Array;
}

/** Feature names in column order. */
export const FEATURE_NAMES = ['logReturn', 'priceToSma', 'rsi', 'volatility', 'logReturnLag1', 'logRange'] as const;

export function buildFeatureFrame(bars: Bars, options: FeatureFrameOptions): FeatureFrame {
  const n = assertBars(bars);
  if (options === undefined) {
    throw new InvalidArgumentError('options', options, 'is required', 'pass { smaWindow: 20, rsiPeriod: 14, volatilityWindow: 20 }');
  }
  rejectUnknownOptions('options', options, ['smaWindow', 'rsiPeriod', 'volatilityWindow', 'price']);
  checkWindow('options.smaWindow', options.smaWindow);
  checkWindow('options.rsiPeriod', options.rsiPeriod, 2);
  checkWindow('options.volatilityWindow', options.volatilityWindow, 2);
  const priceName = options.price ?? 'close';
  const price = priceName === 'close' ? bars.close : priceName === 'adjClose' ? bars.adjClose : undefined;
  if (!price) {
    throw new InvalidArgumentError('options.price', options.price, priceName === 'adjClose' ? 'the bars have no adjClose column' : "must be 'close' or 'adjClose'", "use 'close', or read a file with an Adj Close column");
  }
  for (let i = 1; i < n; i++) {
    if (!(bars.time[i]! > bars.time[i - 1]!)) {
      throw new InvalidArgumentError(`bars.time[${i}]`, bars.time[i], `is not after the previous bar (${isoDate(bars.time[i - 1]!)})`, 'sort and de-duplicate the bars first (validateBars lists the rows)');
    }
  }
  checkPositivePrices('bars.high', bars.high);
  checkPositivePrices('bars.low', bars.low);

  const logRet = logReturns(price);
  const average = sma(price, options.smaWindow);
  const priceToSma = nanArray(n);
  for (let t = 0; t < n; t++) priceToSma[t] = price[t]! / average[t]! - 1;
  const strength = rsi(price, options.rsiPeriod).map((v) => v / 100);
  const volatility = rollingStd(logRet, options.volatilityWindow, { ddof: 1 });
  const lag1 = nanArray(n);
  for (let t = 1; t < n; t++) lag1[t] = logRet[t - 1]!;
  const logRange = nanArray(n);
  for (let t = 0; t < n; t++) logRange[t] = Math.log(bars.high[t]! / bars.low[t]!);

  const label = nanArray(n);
  for (let t = 0; t + 1 < n; t++) {
    const now = price[t]!, next = price[t + 1]!;
    if (Number.isFinite(now) && Number.isFinite(next)) label[t] = next > now ? 1 : 0;
  }
  return {
    symbol: bars.symbol,
    time: bars.time.slice(),
    names: [...FEATURE_NAMES],
    columns: [logRet, priceToSma, strength, volatility, lag1, logRange],
    label,
  };
}

/** First row where every feature is finite (the end of the warm-up), or -1 if there is none. */
export function firstCompleteRow(frame: Pick<FeatureFrame, 'time' | 'columns'>): number {
  const n = frame.time.length;
  for (let t = 0; t < n; t++) {
    if (frame.columns.every((col) => Number.isFinite(col[t]!))) return t;
  }
  return -1;
}
