// Price checks at the boundary of the trading environments: every price a fill or a mark can
// read inside the range must be finite and positive, so an episode never meets a NaN half-way.
import type { Bars } from '../../../data/bars';
import type { SlippageModel } from '../../../backtest/costs/slippage';
import { InvalidArgumentError } from '../../../util/errors';
import type { RowRange } from './episodes';

/** What a fill or a mark reads from traded bars: open and close, and the volume under volume-share slippage. */
export function checkTradedBars(argument: string, bars: Bars, range: RowRange, slippage: SlippageModel): void {
  checkPriceColumn(`${argument}.open`, bars.open, range);
  checkPriceColumn(`${argument}.close`, bars.close, range);
  if (slippage.kind === 'volumeShare') checkVolumeColumn(`${argument}.volume`, bars.volume, range);
}

export function checkPriceColumn(argument: string, prices: Float64Array, range: RowRange): void {
  for (let t = range.start; t < range.end; t++) {
    const p = prices[t]!;
    if (!(p > 0 && p < Infinity)) throw new InvalidArgumentError(`${argument}[${t}]`, p, 'must be a finite positive price inside options.range', 'repair or drop the bar (validateBars lists such problems), or move the range past it');
  }
}

export function checkVolumeColumn(argument: string, volume: Float64Array, range: RowRange): void {
  for (let t = range.start; t < range.end; t++) {
    const v = volume[t]!;
    if (!(v > 0 && v < Infinity)) throw new InvalidArgumentError(`${argument}[${t}]`, v, 'must be a finite positive volume for volume-share slippage', 'use fixedBpsSlippage, or repair the volume column');
  }
}

/** Two aligned time columns (the legs of a pair, the assets of a panel). */
export function checkSameTime(argument: string, time: Float64Array, reference: Float64Array, referenceName: string): void {
  if (time.length !== reference.length || time.some((x, t) => x !== reference[t])) {
    throw new InvalidArgumentError(argument, time, `is not the same calendar as ${referenceName}`, 'align the series on one time column first');
  }
}
