// Portfolio simulation from target positions (vectorbt's Portfolio.from_orders with size_type
// targetpercent / targetvalue / targetamount). At each bar with a non-NaN target, the column trades
// the difference between the target and what it holds; NaN means "no order, let it drift". A
// weight is a fraction of the group's value (cash + positions at this bar's fill prices, taken
// once before the bar's orders), so weights 0.6 / 0.4 in one group rebalance a two-asset portfolio.
// Buys are cut to the cash there is (fees included); with direction 'longOnly' a sale never goes
// below zero units, with 'shortOnly' a purchase never goes above zero.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { Engine, type Intents, type OrderSource } from './engine';
import type { Holdings } from './execute';
import { columnCount, perColumnArrays, resolvePlan, SIMULATION_KEYS, type Plan } from './inputs';
import type { SimulationResult, TargetKind, TargetOptions } from './types';

export const DEFAULT_TARGET_KIND: TargetKind = 'weight';

const TARGET_KEYS = [...SIMULATION_KEYS, 'targets', 'targetKind'] as const;

export function simulateFromTargets(options: TargetOptions): SimulationResult {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', options, 'must be an options object', 'pass { prices, targets, ... }');
  }
  rejectUnknownOptions('options', options, TARGET_KEYS);
  const columns = columnCount(options, options.targets);
  const plan = resolvePlan(options, columns);
  const targets = perColumnArrays('options.targets', options.targets, Float64Array, plan.bars, columns);
  const kind = options.targetKind ?? DEFAULT_TARGET_KIND;
  if (kind !== 'weight' && kind !== 'value' && kind !== 'shares') {
    throw new InvalidArgumentError('options.targetKind', kind, "must be 'weight', 'value' or 'shares'", "pass 'weight' for fractions of the portfolio's value");
  }
  checkTargets(targets, plan, Array.isArray(options.targets));
  const engine = new Engine(plan);
  return engine.run(new TargetSource(plan, targets, kind, engine.holdings, engine.intents));
}

function checkTargets(targets: readonly Float64Array[], plan: Plan, listed: boolean): void {
  const sign = plan.direction === 'longOnly' ? 1 : plan.direction === 'shortOnly' ? -1 : 0;
  targets.forEach((column, c) => {
    for (let t = 0; t < column.length; t++) {
      const v = column[t]!;
      if (Number.isNaN(v)) continue;
      const name = listed ? `options.targets[${c}][${t}]` : `options.targets[${t}]`;
      if (!Number.isFinite(v)) throw new InvalidArgumentError(name, v, 'must be finite or NaN (no order)', 'replace infinities before simulating');
      if (sign * v < 0) {
        throw new InvalidArgumentError(name, v, `has the wrong sign for direction '${plan.direction}'`, "pass direction: 'both' to allow short targets, or clip the targets");
      }
    }
  });
}

export class TargetSource implements OrderSource {
  readonly needsGroupValue: boolean;

  constructor(
    private readonly plan: Plan,
    private readonly targets: readonly Float64Array[],
    private readonly kind: TargetKind,
    private readonly holdings: Holdings,
    private readonly intents: Intents,
  ) {
    this.needsGroupValue = kind === 'weight';
  }

  intent(col: number, s: number, price: number, groupValue: number): boolean {
    const target = this.targets[col]![s]!;
    if (Number.isNaN(target)) return false;
    if (this.kind === 'weight' && !(groupValue > 0)) return false; // nothing left to weigh (vectorbt rejects too)
    const units = this.kind === 'shares' ? target : this.kind === 'value' ? target / price : (target * groupValue) / price;
    const delta = units - this.holdings.position[col]!;
    if (delta === 0) return false;
    const direction = this.plan.direction;
    const it = this.intents;
    it.side[col] = delta > 0 ? 1 : -1;
    it.size[col] = Math.abs(delta);
    it.percent[col] = NaN;
    it.price[col] = price;
    it.slippage[col] = this.plan.slippage[col]!;
    it.reduceOnly[col] = (delta < 0 && direction === 'longOnly') || (delta > 0 && direction === 'shortOnly') ? 1 : 0;
    return true;
  }
}
