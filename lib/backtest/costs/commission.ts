// Commission models as plain JSON specs plus one pure function that prices a fill, so the event
// engine, the vectorized engine and an RL environment charge the very same cost and a model
// travels inside a run's config. Every model is non-decreasing in |quantity| (the engine's
// buying-power reduction relies on it) and charges nothing for an empty fill.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { requireNumber, requireObject } from './check';

/** Interactive Brokers' fixed US-equity tier: $0.005 a share, $1 minimum an order. */
export const DEFAULT_PER_SHARE_RATE = 0.005;
export const DEFAULT_PER_SHARE_MINIMUM = 1;
export const DEFAULT_PER_TRADE_FEE = 1;
export const DEFAULT_COMMISSION_BPS = 10;
export const DEFAULT_BPS_MINIMUM = 0;

/** rate × |shares|, then raised to `minimum` and capped at `maximum` (cash, per order fill). */
export interface PerShareCommission {
  readonly kind: 'perShare';
  readonly rate: number;
  readonly minimum: number;
  /** Absent: no cap. */
  readonly maximum?: number;
}
/** A fixed fee per fill, whatever its size. */
export interface PerTradeCommission { readonly kind: 'perTrade'; readonly fee: number }
/** bps / 1e4 × |notional|, raised to `minimum`. */
export interface BpsCommission { readonly kind: 'bps'; readonly bps: number; readonly minimum: number }
/** The sum of its parts (e.g. a broker's per-share fee plus an exchange's bps fee). */
export interface CompositeCommission { readonly kind: 'sum'; readonly parts: readonly CommissionModel[] }
export type CommissionModel = PerShareCommission | PerTradeCommission | BpsCommission | CompositeCommission;

export const NO_COMMISSION: PerTradeCommission = Object.freeze({ kind: 'perTrade', fee: 0 });

export interface PerShareOptions { readonly rate?: number; readonly minimum?: number; readonly maximum?: number }
export function perShareCommission(options: PerShareOptions = {}): PerShareCommission {
  rejectUnknownOptions('options', options, ['rate', 'minimum', 'maximum']);
  const rate = requireNumber('options.rate', options.rate ?? DEFAULT_PER_SHARE_RATE, 0, 'pass the cash charged per share, e.g. 0.005');
  const minimum = requireNumber('options.minimum', options.minimum ?? DEFAULT_PER_SHARE_MINIMUM, 0, 'pass the minimum charge per order in cash, e.g. 1 (0 for none)');
  if (options.maximum === undefined) return { kind: 'perShare', rate, minimum };
  const maximum = requireNumber('options.maximum', options.maximum, minimum, `pass a cap per order >= the minimum (${minimum}), or leave it out for no cap`);
  return { kind: 'perShare', rate, minimum, maximum };
}

export function perTradeCommission(options: { readonly fee?: number } = {}): PerTradeCommission {
  rejectUnknownOptions('options', options, ['fee']);
  return { kind: 'perTrade', fee: requireNumber('options.fee', options.fee ?? DEFAULT_PER_TRADE_FEE, 0, 'pass the cash charged per fill, e.g. 1') };
}

export function bpsCommission(options: { readonly bps?: number; readonly minimum?: number } = {}): BpsCommission {
  rejectUnknownOptions('options', options, ['bps', 'minimum']);
  const bps = requireNumber('options.bps', options.bps ?? DEFAULT_COMMISSION_BPS, 0, 'pass basis points of the traded notional, e.g. 10 (= 0.1%)');
  const minimum = requireNumber('options.minimum', options.minimum ?? DEFAULT_BPS_MINIMUM, 0, 'pass the minimum charge per order in cash (0 for none)');
  return { kind: 'bps', bps, minimum };
}

/** The sum of several models; each part is checked like a model passed on its own. */
export function sumCommissions(...parts: CommissionModel[]): CompositeCommission {
  if (parts.length === 0) throw new InvalidArgumentError('parts', parts, 'is empty', 'pass at least one commission model, or use NO_COMMISSION');
  parts.forEach((part, i) => checkCommission(part, `parts[${i}]`));
  return { kind: 'sum', parts: [...parts] };
}

/** Cash charged for a fill of `quantity` units (sign ignored) at `price`; 0 for an empty fill. */
export function commissionFor(model: CommissionModel, quantity: number, price: number): number {
  const q = Math.abs(quantity);
  if (q === 0) return 0;
  switch (model.kind) {
    case 'perTrade':
      return model.fee;
    case 'perShare': {
      const c = Math.max(model.rate * q, model.minimum);
      return model.maximum === undefined ? c : Math.min(c, model.maximum);
    }
    case 'bps':
      return Math.max((model.bps / 1e4) * q * Math.abs(price), model.minimum);
    case 'sum': {
      let total = 0;
      for (const part of model.parts) total += commissionFor(part, q, price);
      return total;
    }
  }
}

/**
 * Validates a spec read from JSON or built by hand (the factories above already return valid
 * ones) and returns it; throws InvalidArgumentError naming `argument.<field>`.
 */
export function checkCommission(model: unknown, argument = 'commission'): CommissionModel {
  const fix = "build one with perShareCommission, perTradeCommission, bpsCommission or sumCommissions";
  const m = requireObject(argument, model, fix);
  switch (m.kind) {
    case 'perShare':
      rejectUnknownOptions(argument, m, ['kind', 'rate', 'minimum', 'maximum']);
      requireNumber(`${argument}.rate`, m.rate, 0, 'pass the cash charged per share, e.g. 0.005');
      requireNumber(`${argument}.minimum`, m.minimum, 0, 'pass the minimum charge per order (0 for none)');
      if (m.maximum !== undefined) requireNumber(`${argument}.maximum`, m.maximum, m.minimum as number, 'pass a cap >= the minimum, or leave it out');
      break;
    case 'perTrade':
      rejectUnknownOptions(argument, m, ['kind', 'fee']);
      requireNumber(`${argument}.fee`, m.fee, 0, 'pass the cash charged per fill, e.g. 1');
      break;
    case 'bps':
      rejectUnknownOptions(argument, m, ['kind', 'bps', 'minimum']);
      requireNumber(`${argument}.bps`, m.bps, 0, 'pass basis points of notional, e.g. 10');
      requireNumber(`${argument}.minimum`, m.minimum, 0, 'pass the minimum charge per order (0 for none)');
      break;
    case 'sum':
      rejectUnknownOptions(argument, m, ['kind', 'parts']);
      if (!Array.isArray(m.parts) || m.parts.length === 0) throw new InvalidArgumentError(`${argument}.parts`, m.parts, 'must be a non-empty array of commission models', fix);
      m.parts.forEach((part, i) => checkCommission(part, `${argument}.parts[${i}]`));
      break;
    default:
      throw new InvalidArgumentError(`${argument}.kind`, m.kind, "must be 'perShare', 'perTrade', 'bps' or 'sum'", fix);
  }
  return m as unknown as CommissionModel;
}
