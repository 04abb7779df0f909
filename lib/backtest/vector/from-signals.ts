// Portfolio simulation from entry/exit signals (vectorbt's Portfolio.from_signals with its
// defaults: no accumulation, an entry while in a position is ignored, an entry and an exit on the
// same bar cancel each other, and with direction 'both' an exit signal while long reverses into a
// short in one order, and an entry while short reverses into a long).
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { Engine, type Intents, type OrderSource, type StopSettings } from './engine';
import type { Holdings } from './execute';
import { columnCount, perColumn, perColumnArrays, resolvePlan, SIMULATION_KEYS, type Plan } from './inputs';
import type { SignalOptions, SignalSize, SimulationResult, StopExitPrice } from './types';

export const DEFAULT_SIGNAL_SIZE: SignalSize = { type: 'allCash' };
export const DEFAULT_STOP_EXIT_PRICE: StopExitPrice = 'stopLimit';

const SIGNAL_KEYS = [...SIMULATION_KEYS, 'entries', 'exits', 'size', 'slStop', 'trailStop', 'tpStop', 'stopExitPrice'] as const;

export function simulateFromSignals(options: SignalOptions): SimulationResult {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', options, 'must be an options object', 'pass { prices, entries, exits, ... }');
  }
  rejectUnknownOptions('options', options, SIGNAL_KEYS);
  const columns = columnCount(options, options.entries, options.exits);
  const plan = resolvePlan(options, columns);
  const entries = perColumnArrays('options.entries', options.entries, Uint8Array, plan.bars, columns);
  const exits = perColumnArrays('options.exits', options.exits, Uint8Array, plan.bars, columns);
  const size = resolveSignalSize(options.size, plan);
  const engine = new Engine(plan, resolveStops(options, plan));
  return engine.run(new SignalSource(plan, entries, exits, size, engine.holdings, engine.intents));
}

export function resolveSignalSize(size: SignalSize | undefined, plan: Plan): SignalSize {
  if (size === undefined) return DEFAULT_SIGNAL_SIZE;
  const fix = "pass { type: 'allCash' }, { type: 'shares', size: 10 }, { type: 'value', size: 1000 } or { type: 'percent', size: 0.5 }";
  if (size === null || typeof size !== 'object') throw new InvalidArgumentError('options.size', size, 'must be a sizing object', fix);
  rejectUnknownOptions('options.size', size, size.type === 'allCash' ? ['type'] : ['type', 'size']);
  switch (size.type) {
    case 'allCash':
      return size;
    case 'shares':
    case 'value':
      if (!(typeof size.size === 'number' && size.size > 0 && size.size < Infinity)) {
        throw new InvalidArgumentError('options.size.size', size.size, 'must be a finite positive number', fix);
      }
      return size;
    case 'percent':
      if (!(typeof size.size === 'number' && size.size > 0 && size.size <= 1)) {
        throw new InvalidArgumentError('options.size.size', size.size, 'must be a fraction in (0, 1]', 'pass e.g. 0.5 to use half the available cash');
      }
      if (plan.direction === 'both') {
        throw new InvalidArgumentError('options.size', size, "cannot size a reversal as a percent (direction 'both')", "use { type: 'allCash' } or { type: 'value', size }, or direction 'longOnly' / 'shortOnly'");
      }
      return size;
    default:
      throw new InvalidArgumentError('options.size.type', (size as { type: unknown }).type, "must be 'allCash', 'shares', 'value' or 'percent'", fix);
  }
}

export function resolveStops(options: SignalOptions, plan: Plan): StopSettings | undefined {
  const n = plan.columns;
  const sl = perColumn('options.slStop', options.slStop, n, NaN, 0, 1, 'pass a fraction in (0, 1), e.g. 0.05 for 5% below entry', true);
  const trail = perColumn('options.trailStop', options.trailStop, n, NaN, 0, 1, 'pass a fraction in (0, 1), e.g. 0.1 for 10% below the high', true);
  const tp = perColumn('options.tpStop', options.tpStop, n, NaN, 0, Infinity, 'pass a positive fraction, e.g. 0.2 for 20% above entry', true);
  for (const [name, values] of [['slStop', sl], ['trailStop', trail], ['tpStop', tp]] as const) {
    values.forEach((v, c) => {
      if (v === 0) throw new InvalidArgumentError(`options.${name}${typeof options[name] === 'number' ? '' : `[${c}]`}`, v, 'must be > 0', 'pass a positive fraction, or NaN / leave it out for no stop');
    });
  }
  const exitPrice = options.stopExitPrice ?? DEFAULT_STOP_EXIT_PRICE;
  if (exitPrice !== 'stopLimit' && exitPrice !== 'stopMarket') {
    throw new InvalidArgumentError('options.stopExitPrice', exitPrice, "must be 'stopLimit' or 'stopMarket'", "pass 'stopMarket' to apply slippage to stop exits");
  }
  const any = [sl, trail, tp].some((a) => a.some((v) => !Number.isNaN(v)));
  return any ? { sl, trail, tp, exitPrice } : undefined;
}

/** Reads entries/exits and states the order of each column (see the file comment for the rules). */
export class SignalSource implements OrderSource {
  readonly needsGroupValue = false;
  private readonly kind: number;
  private readonly amount: number;

  constructor(
    private readonly plan: Plan,
    private readonly entries: readonly Uint8Array[],
    private readonly exits: readonly Uint8Array[],
    size: SignalSize,
    private readonly holdings: Holdings,
    private readonly intents: Intents,
  ) {
    this.kind = size.type === 'allCash' ? 0 : size.type === 'shares' ? 1 : size.type === 'value' ? 2 : 3;
    this.amount = size.type === 'allCash' ? Infinity : size.size;
  }

  intent(col: number, s: number, price: number): boolean {
    const entry = this.entries[col]![s] !== 0;
    const exit = this.exits[col]![s] !== 0;
    if (entry === exit) return false; // none, or both: a conflict is ignored (vectorbt's upon_*_conflict='ignore')
    const direction = this.plan.direction;
    const position = this.holdings.position[col]!;
    const longEntry = entry && direction !== 'shortOnly';
    const shortEntry = (entry && direction === 'shortOnly') || (exit && direction === 'both');
    const longExit = exit && direction === 'longOnly';
    const shortExit = exit && direction === 'shortOnly';
    if (position > 0) {
      if (shortEntry) return this.open(col, -1, price, position);
      if (longExit) return this.set(col, -1, position, NaN, price, 1);
    } else if (position < 0) {
      if (longEntry) return this.open(col, 1, price, -position);
      if (shortExit) return this.set(col, 1, -position, NaN, price, 1);
    } else if (longEntry) {
      return this.open(col, 1, price, 0);
    } else if (shortEntry) {
      return this.open(col, -1, price, 0);
    }
    return false;
  }

  /** Opens a position on `side`, first closing `closing` units of the opposite one (a reversal). */
  private open(col: number, side: number, price: number, closing: number): boolean {
    switch (this.kind) {
      case 0: // all cash: a buy takes all the cash; a sale all the long plus a short of all free cash
        return this.set(col, side, Infinity, side > 0 ? NaN : 1, price, 0);
      case 1:
        return this.set(col, side, closing + this.amount, NaN, price, 0);
      case 2:
        return this.set(col, side, closing + this.amount / price, NaN, price, 0);
      default:
        return this.set(col, side, Infinity, this.amount, price, 0);
    }
  }

  private set(col: number, side: number, size: number, percent: number, price: number, reduceOnly: number): boolean {
    const it = this.intents;
    it.side[col] = side;
    it.size[col] = size;
    it.percent[col] = percent;
    it.price[col] = price;
    it.slippage[col] = this.plan.slippage[col]!;
    it.reduceOnly[col] = reduceOnly;
    return true;
  }
}
