// Slippage models as plain JSON specs plus pure functions: the price a fill gets and how much of
// an order a bar's volume can absorb. Buys pay up, sells receive less; a model never improves a
// price. The volume-share model follows zipline's VolumeShareSlippage (impact k × share^p with
// the participation capped), so an order larger than the cap fills over several bars.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { requireNumber, requireObject } from './check';

export const DEFAULT_SLIPPAGE_BPS = 5;
/** zipline's VolumeShareSlippage defaults: price_impact 0.1, quadratic, volume_limit 2.5%. */
export const DEFAULT_IMPACT = 0.1;
export const DEFAULT_IMPACT_EXPONENT = 2;
export const DEFAULT_MAX_PARTICIPATION = 0.025;

/** Every fill moves by `bps` basis points against the trader. */
export interface FixedBpsSlippage { readonly kind: 'fixedBps'; readonly bps: number }
/**
 * Impact fraction = impact × (|quantity| / volume)^exponent against the trader; at most
 * maxParticipation × volume fills in one bar (the rest stays working).
 */
export interface VolumeShareSlippage {
  readonly kind: 'volumeShare';
  readonly impact: number;
  readonly exponent: number;
  readonly maxParticipation: number;
}
export type SlippageModel = FixedBpsSlippage | VolumeShareSlippage;

export const NO_SLIPPAGE: FixedBpsSlippage = Object.freeze({ kind: 'fixedBps', bps: 0 });

export function fixedBpsSlippage(options: { readonly bps?: number } = {}): FixedBpsSlippage {
  rejectUnknownOptions('options', options, ['bps']);
  return { kind: 'fixedBps', bps: requireNumber('options.bps', options.bps ?? DEFAULT_SLIPPAGE_BPS, 0, 'pass basis points of price, e.g. 5') };
}

export interface VolumeShareOptions { readonly impact?: number; readonly exponent?: number; readonly maxParticipation?: number }
export function volumeShareSlippage(options: VolumeShareOptions = {}): VolumeShareSlippage {
  rejectUnknownOptions('options', options, ['impact', 'exponent', 'maxParticipation']);
  const impact = requireNumber('options.impact', options.impact ?? DEFAULT_IMPACT, 0, 'pass the impact coefficient k, e.g. 0.1');
  const exponent = requireNumber('options.exponent', options.exponent ?? DEFAULT_IMPACT_EXPONENT, 0, 'pass the exponent p, e.g. 2 (quadratic) or 0.5 (square-root law)', true);
  const maxParticipation = checkParticipation('options.maxParticipation', options.maxParticipation ?? DEFAULT_MAX_PARTICIPATION);
  return { kind: 'volumeShare', impact, exponent, maxParticipation };
}

/** The price a fill of `quantity` (signed: > 0 buys) gets when the reference price is `price`. */
export function slippedPrice(model: SlippageModel, price: number, quantity: number, volume: number): number {
  if (quantity === 0) return price;
  const side = quantity > 0 ? 1 : -1;
  if (model.kind === 'fixedBps') return price * (1 + (side * model.bps) / 1e4);
  const share = Math.abs(quantity) / volume;
  // No usable volume: the capacity below is 0 and nothing fills, so the price is never used.
  if (!(share < Infinity)) return Number.NaN;
  return price * (1 + side * model.impact * share ** model.exponent);
}

/** How many units one bar with `volume` can fill in total (Infinity when volume does not limit). */
export function fillCapacity(model: SlippageModel, volume: number): number {
  if (model.kind === 'fixedBps') return Infinity;
  return volume > 0 ? model.maxParticipation * volume : 0;
}

/** Validates a spec read from JSON or built by hand and returns it. */
export function checkSlippage(model: unknown, argument = 'slippage'): SlippageModel {
  const fix = 'build one with fixedBpsSlippage or volumeShareSlippage';
  const m = requireObject(argument, model, fix);
  if (m.kind === 'fixedBps') {
    rejectUnknownOptions(argument, m, ['kind', 'bps']);
    requireNumber(`${argument}.bps`, m.bps, 0, 'pass basis points of price, e.g. 5');
  } else if (m.kind === 'volumeShare') {
    rejectUnknownOptions(argument, m, ['kind', 'impact', 'exponent', 'maxParticipation']);
    requireNumber(`${argument}.impact`, m.impact, 0, 'pass the impact coefficient k, e.g. 0.1');
    requireNumber(`${argument}.exponent`, m.exponent, 0, 'pass the exponent p, e.g. 2', true);
    checkParticipation(`${argument}.maxParticipation`, m.maxParticipation);
  } else {
    throw new InvalidArgumentError(`${argument}.kind`, m.kind, "must be 'fixedBps' or 'volumeShare'", fix);
  }
  return m as unknown as SlippageModel;
}

function checkParticipation(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new InvalidArgumentError(argument, value, 'must be a fraction in (0, 1]', 'pass the largest share of a bar\'s volume one order may take, e.g. 0.025');
  }
  return value;
}
