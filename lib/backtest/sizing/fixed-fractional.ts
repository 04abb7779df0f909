// Fixed-fractional sizing: hold as many units as lose `riskFraction` of equity if the stop is hit.
// The stop, not the price, sets the size, so a wide stop means a small position and the loss per
// trade stays the same fraction of equity however volatile the instrument is.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { requirePositive } from './check';

/** Largest position value as a multiple of equity: 1 is no borrowing, as in backtesting.py. */
export const DEFAULT_FIXED_FRACTIONAL_MAX_LEVERAGE = 1;

export interface FixedFractionalInput {
  /** Account equity now, in currency. */
  readonly equity: number;
  /** Entry price per unit. */
  readonly price: number;
  /** Fraction of equity lost if the stop is hit (0.01 = 1%). */
  readonly riskFraction: number;
  /** Distance from entry to stop per unit, in price units: |price - stop|. */
  readonly stopDistance: number;
  /** Position value at most maxLeverage * equity (DEFAULT_FIXED_FRACTIONAL_MAX_LEVERAGE). */
  readonly maxLeverage?: number;
  /** Round the units down to a multiple of this (1 for whole shares); default fractional units. */
  readonly lotSize?: number;
}

const KEYS = ['equity', 'price', 'riskFraction', 'stopDistance', 'maxLeverage', 'lotSize'] as const;

/** Units to hold (>= 0): equity * riskFraction / stopDistance, capped by leverage, rounded down to lots. */
export function fixedFractionalSize(input: FixedFractionalInput): number {
  rejectUnknownOptions('input', input, KEYS);
  const equity = requirePositive('input.equity', input.equity, 'pass the account equity in currency, e.g. 100000', true);
  const price = requirePositive('input.price', input.price, 'pass the entry price per unit');
  const stopDistance = requirePositive('input.stopDistance', input.stopDistance, 'pass |entry price - stop price| per unit, e.g. 2 * ATR');
  const riskFraction = input.riskFraction;
  if (typeof riskFraction !== 'number' || !(riskFraction > 0 && riskFraction <= 1)) {
    throw new InvalidArgumentError('input.riskFraction', riskFraction, 'must be a fraction of equity in (0, 1]', 'pass e.g. 0.01 to risk 1% of equity per trade');
  }
  const maxLeverage = requirePositive('input.maxLeverage', input.maxLeverage ?? DEFAULT_FIXED_FRACTIONAL_MAX_LEVERAGE, 'pass e.g. 1 (no borrowing) or 2');
  if (input.lotSize !== undefined) requirePositive('input.lotSize', input.lotSize, 'pass 1 for whole shares, 100 for round lots, or leave it out');
  let units = Math.min((equity * riskFraction) / stopDistance, (maxLeverage * equity) / price);
  if (input.lotSize !== undefined) {
    // The relative nudge keeps an exact multiple such as 3 * 0.1 from rounding down a whole lot.
    units = Math.floor(units / input.lotSize + 1e-9) * input.lotSize;
  }
  return units;
}
