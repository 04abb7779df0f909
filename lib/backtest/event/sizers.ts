// The trivial sizer: a fixed fraction of equity in the direction of the signal. Richer ones
// (Kelly, volatility targeting, risk parity) come from the sizing module through the same type.
import { InvalidArgumentError } from '../../util/errors';
import type { Sizer } from './types';

export const DEFAULT_SIZER_FRACTION = 0.1;

/** targetWeight = fraction × signal, with the signal clipped to [−1, 1] (0 = flat). */
export function fixedFractionSizer(fraction: number = DEFAULT_SIZER_FRACTION): Sizer {
  if (typeof fraction !== 'number' || !(fraction > 0) || !Number.isFinite(fraction)) {
    throw new InvalidArgumentError('fraction', fraction, 'must be a finite number > 0', 'pass the share of equity per full signal, e.g. 0.1');
  }
  return (_ctx, _asset, signal) => ({ targetWeight: fraction * Math.max(-1, Math.min(1, signal)) });
}
