// Engine options: defaults as named constants, every field checked once at construction.
import { DEFAULT_ATR_PERIOD } from '../../features/true-range';
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { checkCommission, NO_COMMISSION, type CommissionModel } from '../costs/commission';
import { checkSlippage, NO_SLIPPAGE, type SlippageModel } from '../costs/slippage';
import type { DrawdownBreaker, EngineOptions, FillModel, Sizer } from './types';

export const DEFAULT_INITIAL_CASH = 100_000;
export const DEFAULT_FILL_MODEL: FillModel = 'nextOpen';
/** 0: fractional units. */
export const DEFAULT_LOT_SIZE = 0;
export const DEFAULT_MAX_LEVERAGE = 1;
export const DEFAULT_INSUFFICIENT_CASH = 'reduce' as const;
export const DEFAULT_ALLOW_SHORT = true;
export const DEFAULT_ENGINE_ATR_PERIOD = DEFAULT_ATR_PERIOD;

export const ENGINE_OPTION_KEYS = [
  'initialCash', 'commission', 'slippage', 'fillModel', 'lotSize', 'maxLeverage', 'insufficientCash', 'allowShort',
  'maxPosition', 'drawdownBreaker', 'atrPeriod', 'sizer',
] as const;

export interface ResolvedOptions {
  readonly initialCash: number;
  readonly commission: CommissionModel;
  readonly slippage: SlippageModel;
  readonly fillModel: FillModel;
  readonly lotSize: number;
  readonly maxLeverage: number;
  readonly insufficientCash: 'reduce' | 'reject';
  readonly allowShort: boolean;
  readonly maxQuantity: number;
  readonly maxWeight: number;
  readonly breaker: DrawdownBreaker | undefined;
  readonly atrPeriod: number;
  readonly sizer: Sizer | undefined;
}

export function resolveOptions(options: EngineOptions, argument: string, extraKeys: readonly string[] = []): ResolvedOptions {
  rejectUnknownOptions(argument, options, [...ENGINE_OPTION_KEYS, ...extraKeys]);
  const o = options;
  const fillModel = o.fillModel ?? DEFAULT_FILL_MODEL;
  if (!['nextOpen', 'nextClose', 'sameClose'].includes(fillModel)) {
    throw new InvalidArgumentError(`${argument}.fillModel`, fillModel, "must be 'nextOpen', 'nextClose' or 'sameClose'", "pass 'nextOpen' (orders fill at the next bar's open)");
  }
  const insufficientCash = o.insufficientCash ?? DEFAULT_INSUFFICIENT_CASH;
  if (insufficientCash !== 'reduce' && insufficientCash !== 'reject') {
    throw new InvalidArgumentError(`${argument}.insufficientCash`, insufficientCash, "must be 'reduce' or 'reject'", "pass 'reduce' to shrink an order to what buying power allows");
  }
  if (o.allowShort !== undefined && typeof o.allowShort !== 'boolean') throw new InvalidArgumentError(`${argument}.allowShort`, o.allowShort, 'must be true or false', 'pass false for a long-only account');
  if (o.sizer !== undefined && typeof o.sizer !== 'function') throw new InvalidArgumentError(`${argument}.sizer`, o.sizer, 'must be a function (ctx, asset, signal) => size', 'pass e.g. fixedFractionSizer(0.1)');
  rejectUnknownOptions(`${argument}.maxPosition`, o.maxPosition, ['quantity', 'weight']);
  const maxQuantity = o.maxPosition?.quantity === undefined ? Infinity : positive(`${argument}.maxPosition.quantity`, o.maxPosition.quantity, 'pass the largest |position| in units, e.g. 1000');
  const maxWeight = o.maxPosition?.weight === undefined ? Infinity : positive(`${argument}.maxPosition.weight`, o.maxPosition.weight, 'pass the largest |position value| / equity, e.g. 0.25');
  return {
    initialCash: positive(`${argument}.initialCash`, o.initialCash ?? DEFAULT_INITIAL_CASH, 'pass the starting cash, e.g. 100000'),
    commission: o.commission === undefined ? NO_COMMISSION : checkCommission(o.commission, `${argument}.commission`),
    slippage: o.slippage === undefined ? NO_SLIPPAGE : checkSlippage(o.slippage, `${argument}.slippage`),
    fillModel,
    lotSize: nonNegative(`${argument}.lotSize`, o.lotSize ?? DEFAULT_LOT_SIZE, 'pass 1 for whole shares, 0 for fractional units'),
    maxLeverage: positive(`${argument}.maxLeverage`, o.maxLeverage ?? DEFAULT_MAX_LEVERAGE, 'pass the largest gross exposure / equity, e.g. 1 (cash account) or 2'),
    insufficientCash,
    allowShort: o.allowShort ?? DEFAULT_ALLOW_SHORT,
    maxQuantity, maxWeight,
    breaker: o.drawdownBreaker === undefined ? undefined : checkBreaker(`${argument}.drawdownBreaker`, o.drawdownBreaker),
    atrPeriod: wholeNumber(`${argument}.atrPeriod`, o.atrPeriod ?? DEFAULT_ENGINE_ATR_PERIOD, 1, 'pass the ATR period in bars, e.g. 14'),
    sizer: o.sizer,
  };
}

function checkBreaker(argument: string, b: DrawdownBreaker): DrawdownBreaker {
  rejectUnknownOptions(argument, b, ['maxDrawdown', 'rearmAfterBars']);
  const d = b.maxDrawdown;
  if (typeof d !== 'number' || !(d > 0 && d < 1)) throw new InvalidArgumentError(`${argument}.maxDrawdown`, d, 'must be a fraction in (0, 1)', 'pass e.g. 0.2 to halt after a 20% fall from the equity peak');
  if (b.rearmAfterBars === undefined) return { maxDrawdown: d };
  return { maxDrawdown: d, rearmAfterBars: wholeNumber(`${argument}.rearmAfterBars`, b.rearmAfterBars, 1, 'pass the bars to wait before trading again, or leave it out to stay halted') };
}

function positive(argument: string, value: unknown, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(argument, value, 'must be a finite number > 0', fix);
  return value;
}

function nonNegative(argument: string, value: unknown, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InvalidArgumentError(argument, value, 'must be a finite number >= 0', fix);
  return value;
}

function wholeNumber(argument: string, value: unknown, min: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new InvalidArgumentError(argument, value, `must be a whole number >= ${min}`, fix);
  return value;
}
