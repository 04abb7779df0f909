// Checks what a strategy asks for at the boundary (a misspelt field or a limit order without a
// limit price is a bug in the strategy, thrown at once, naming the field and the fix) and turns
// it into the order's record. Runtime refusals (no cash, trading halted) are not errors: they
// are logged as a `rejected` event instead.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { ExitLevel, EventOrderRecord, OrderRequest, OrderRole, OrderType, TimeInForce, TrailingStop } from './types';

const REQUEST_KEYS = ['asset', 'quantity', 'targetWeight', 'targetQuantity', 'type', 'limitPrice', 'stopPrice', 'timeInForce', 'stopLoss', 'takeProfit', 'trailingStop', 'tag'] as const;
const ORDER_TYPES: readonly OrderType[] = ['market', 'limit', 'stop', 'stopLimit'];

export type Sizing = 'quantity' | 'weight' | 'target';

/** A request after its checks: one sizing, prices as numbers (NaN when not used). */
export interface CheckedRequest {
  readonly request: OrderRequest;
  readonly type: OrderType;
  readonly sizing: Sizing;
  /** Signed quantity, target weight or target quantity, per `sizing`. */
  readonly amount: number;
  readonly limit: number;
  readonly stop: number;
  readonly tif: TimeInForce;
}

export function checkRequest(request: OrderRequest, argument: string, knownAsset: (asset: string) => boolean, assets: readonly string[]): CheckedRequest {
  if (request === null || typeof request !== 'object') {
    throw new InvalidArgumentError(argument, request, 'must be an order request object', "pass e.g. { asset: 'SPY', quantity: 10 }");
  }
  rejectUnknownOptions(argument, request, REQUEST_KEYS);
  if (typeof request.asset !== 'string' || !knownAsset(request.asset)) {
    throw new InvalidArgumentError(`${argument}.asset`, request.asset, "is not one of the engine's assets", `use one of ${assets.slice(0, 10).join(', ')}${assets.length > 10 ? ', ...' : ''}`);
  }
  const given = (['quantity', 'targetWeight', 'targetQuantity'] as const).filter((k) => request[k] !== undefined);
  if (given.length !== 1) {
    throw new InvalidArgumentError(argument, request, `must set exactly one of quantity, targetWeight, targetQuantity (got ${given.length === 0 ? 'none' : given.join(' and ')})`, 'say how much to trade in one way only');
  }
  const key = given[0]!;
  const amount = request[key] as unknown;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || (key === 'quantity' && amount === 0)) {
    throw new InvalidArgumentError(`${argument}.${key}`, amount, key === 'quantity' ? 'must be a finite non-zero number of units' : 'must be a finite number', key === 'quantity' ? 'pass the units to trade, e.g. 10' : 'pass e.g. 0.5 (targetWeight) or 100 (targetQuantity); 0 closes');
  }
  const type = request.type ?? 'market';
  if (!ORDER_TYPES.includes(type)) throw new InvalidArgumentError(`${argument}.type`, type, `must be one of ${ORDER_TYPES.join(', ')}`, "pass e.g. 'limit' with a limitPrice");
  const needsLimit = type === 'limit' || type === 'stopLimit';
  const needsStop = type === 'stop' || type === 'stopLimit';
  const limit = checkPrice(`${argument}.limitPrice`, request.limitPrice, needsLimit, type);
  const stop = checkPrice(`${argument}.stopPrice`, request.stopPrice, needsStop, type);
  const tif = checkTimeInForce(`${argument}.timeInForce`, request.timeInForce ?? 'gtc');
  if (request.stopLoss !== undefined) checkExitLevel(`${argument}.stopLoss`, request.stopLoss, true);
  if (request.takeProfit !== undefined) checkExitLevel(`${argument}.takeProfit`, request.takeProfit, false);
  if (request.trailingStop !== undefined) checkTrailing(`${argument}.trailingStop`, request.trailingStop);
  if (request.tag !== undefined && typeof request.tag !== 'string') throw new InvalidArgumentError(`${argument}.tag`, request.tag, 'must be a string', 'pass a label such as "breakout"');
  const sizing: Sizing = key === 'quantity' ? 'quantity' : key === 'targetWeight' ? 'weight' : 'target';
  return { request, type, sizing, amount, limit, stop, tif };
}

function checkPrice(argument: string, value: unknown, needed: boolean, type: OrderType): number {
  if (value === undefined) {
    if (needed) throw new InvalidArgumentError(argument, value, `is required by a ${type} order`, 'pass a positive price');
    return Number.NaN;
  }
  if (!needed) throw new InvalidArgumentError(argument, value, `does not apply to a ${type} order`, "leave it out, or pick a type that uses it ('limit', 'stop', 'stopLimit')");
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(argument, value, 'must be a finite positive price', 'pass e.g. 101.5');
  return value;
}

function checkTimeInForce(argument: string, tif: unknown): TimeInForce {
  if (tif === 'gtc' || tif === 'day' || tif === 'ioc') return tif;
  if (tif !== null && typeof tif === 'object' && !Array.isArray(tif)) {
    rejectUnknownOptions(argument, tif, ['bars']);
    const bars = (tif as { bars?: unknown }).bars;
    if (typeof bars === 'number' && Number.isInteger(bars) && bars >= 1) return { bars };
    throw new InvalidArgumentError(`${argument}.bars`, bars, 'must be a whole number >= 1', 'pass how many bars the order may work, e.g. { bars: 5 }');
  }
  throw new InvalidArgumentError(argument, tif, "must be 'gtc', 'day', 'ioc' or { bars: n }", "pass e.g. 'day'");
}

function checkExitLevel(argument: string, level: ExitLevel, isStop: boolean): void {
  if (level === null || typeof level !== 'object') throw new InvalidArgumentError(argument, level, 'must be { price } or { fraction }', 'pass e.g. { fraction: 0.05 } for 5% from the entry price');
  rejectUnknownOptions(argument, level, ['price', 'fraction']);
  const keys = Object.keys(level);
  if (keys.length !== 1) throw new InvalidArgumentError(argument, level, 'must set exactly one of price, fraction', 'pass e.g. { fraction: 0.05 }');
  if ('price' in level) {
    if (!(typeof level.price === 'number' && Number.isFinite(level.price) && level.price > 0)) throw new InvalidArgumentError(`${argument}.price`, level.price, 'must be a finite positive price', 'pass e.g. { price: 95 }');
  } else {
    const f = level.fraction;
    const ok = typeof f === 'number' && f > 0 && (isStop ? f < 1 : Number.isFinite(f));
    if (!ok) throw new InvalidArgumentError(`${argument}.fraction`, f, isStop ? 'must be a fraction in (0, 1)' : 'must be a finite number > 0', 'pass e.g. 0.05 for 5% from the entry price');
  }
}

function checkTrailing(argument: string, trailing: TrailingStop): void {
  if (trailing === null || typeof trailing !== 'object') throw new InvalidArgumentError(argument, trailing, 'must be { fraction } or { atrMultiple }', 'pass e.g. { fraction: 0.1 } or { atrMultiple: 3 }');
  rejectUnknownOptions(argument, trailing, ['fraction', 'atrMultiple']);
  if (Object.keys(trailing).length !== 1) throw new InvalidArgumentError(argument, trailing, 'must set exactly one of fraction, atrMultiple', 'pass e.g. { atrMultiple: 3 }');
  if ('fraction' in trailing) {
    const f = trailing.fraction;
    if (!(typeof f === 'number' && f > 0 && f < 1)) throw new InvalidArgumentError(`${argument}.fraction`, f, 'must be a fraction in (0, 1)', 'pass e.g. 0.1 to trail 10% behind the best price');
  } else if (!(typeof trailing.atrMultiple === 'number' && Number.isFinite(trailing.atrMultiple) && trailing.atrMultiple > 0)) {
    throw new InvalidArgumentError(`${argument}.atrMultiple`, trailing.atrMultiple, 'must be a finite number > 0', 'pass e.g. 3 to trail 3 ATRs behind the best price');
  }
}

/** The log record of a new order, with its `submitted` event. */
export function newRecord(
  id: number, asset: string, role: OrderRole, checked: CheckedRequest, side: 1 | -1, bar: number, time: number,
  links: { parentId?: number; linkedId?: number } = {},
): EventOrderRecord {
  const r = checked.request;
  return {
    id, asset, role, ...links, type: checked.type, side: side > 0 ? 'buy' : 'sell',
    ...(checked.sizing === 'quantity' ? { quantity: checked.amount } : checked.sizing === 'weight' ? { targetWeight: checked.amount } : { targetQuantity: checked.amount }),
    ...(checked.limit === checked.limit ? { limitPrice: checked.limit } : {}),
    ...(checked.stop === checked.stop ? { stopPrice: checked.stop } : {}),
    timeInForce: checked.tif,
    ...(r.stopLoss ? { stopLoss: r.stopLoss } : {}),
    ...(r.takeProfit ? { takeProfit: r.takeProfit } : {}),
    ...(r.trailingStop ? { trailingStop: r.trailingStop } : {}),
    ...(r.tag !== undefined ? { tag: r.tag } : {}),
    submittedBar: bar, submittedTime: time,
    status: 'submitted', filledQuantity: 0, averagePrice: null, commission: 0,
    events: [{ bar, time, status: 'submitted' }],
  };
}
