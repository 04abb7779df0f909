// One asset, three actions: short, flat, long (positions -1, 0, +1 of equity). The observation at
// bar t is the window of feature rows ending at t, then the current position. Fill convention,
// the backtester's 'nextOpen': the action chosen after bar t's close is traded at bar t+1's open
// (target units = position × equity at that open / open, through the slippage and commission
// models), the units are held unchanged until the position changes, and equity is marked at
// t+1's close. So with the same positions and costs the equity equals runEventBacktest's with
// targetWeightsStrategy (tested). The reward compares the equity at t+1's close with t's.
import type { Bars } from '../../../data/bars';
import { assertBars } from '../../../data/bars';
import { featureRegistry } from '../../../features/catalog';
import { computeFeatures, type FeatureRegistry, type FeatureSet } from '../../../features/registry';
import { InvalidArgumentError } from '../../../util/errors';
import type { MaskableEnv } from '../../core/wrappers/action-masking';
import type { StepResult } from '../../core/types';
import { Account, checkCash, resolveCosts } from './account';
import { COST_OPTION_KEYS, TRADING_OPTION_KEYS, type TradingCostOptions, type TradingEnvOptions, type TradingInfo } from './base';
import { booleanOption, checkEnvOptions } from './checks';
import { PositionTradingEnv } from './position-env';
import { checkTradedBars } from './prices';
import { checkColumns } from './window';

export const DEFAULT_TRADING_ALLOW_SHORT = true;
/** Action index of each position: 0 short, 1 flat, 2 long. */
export const SHORT = 0, FLAT = 1, LONG = 2;

export interface SingleAssetTradingOptions extends TradingEnvOptions, TradingCostOptions {
  readonly bars: Bars;
  /** Features computed from `bars` with computeFeatures (or pass `columns`). */
  readonly featureSet?: FeatureSet;
  /** The registry for featureSet (default: the built-in kinds). */
  readonly registry?: FeatureRegistry;
  /** Precomputed feature columns aligned with the bars (each value known at its bar's close). */
  readonly columns?: readonly Float64Array[];
  /** False: the short action is masked (actionMask) and refused. */
  readonly allowShort?: boolean;
}

const OPTION_KEYS = ['bars', 'featureSet', 'registry', 'columns', 'allowShort', ...TRADING_OPTION_KEYS, ...COST_OPTION_KEYS];

/** Step info of SingleAssetTradingEnv: the account after the bar, the position held, the commission paid on it. */
export type SingleAssetInfo = TradingInfo & { cash: number; units: number; position: number; commission: number };

export class SingleAssetTradingEnv extends PositionTradingEnv implements MaskableEnv {
  readonly bars: Bars;
  readonly featureNames: readonly string[];
  readonly allowShort: boolean;
  protected readonly account: Account;

  constructor(options: SingleAssetTradingOptions) {
    checkEnvOptions(options, OPTION_KEYS, '{ bars, featureSet or columns, ... }');
    const rows = assertBars(options.bars, 'options.bars');
    const { names, columns } = featureColumns(options, rows);
    super({ columns, rows, window: options.window, episodes: options, reward: options.reward, eta: options.eta, tailLow: [-1], tailHigh: [1] });
    this.bars = options.bars;
    this.featureNames = names;
    const costs = resolveCosts(options.commission, options.slippage);
    this.account = new Account(checkCash(options.initialCash), 1, costs);
    this.allowShort = booleanOption('options.allowShort', options.allowShort ?? DEFAULT_TRADING_ALLOW_SHORT, 'pass false for a long-only account');
    checkTradedBars('options.bars', this.bars, this.plan.range, costs.slippage);
  }

  /** 1 for each allowed action: short is masked when options.allowShort is false. */
  actionMask(): Uint8Array {
    return Uint8Array.of(this.allowShort ? 1 : 0, 1, 1);
  }

  protected override stepEpisode(action: number): StepResult<Float64Array> {
    if (action === SHORT && !this.allowShort) {
      throw new InvalidArgumentError('action', action, 'is short, but options.allowShort is false', 'choose 1 (flat) or 2 (long), or wrap the environment in ActionMasking');
    }
    return super.stepEpisode(action);
  }

  protected closes(t: number): number[] {
    return [this.bars.close[t]!];
  }

  protected trade(target: number, next: number): void {
    const raw = this.bars.open[next]!, units = this.account.units[0]!;
    const q = target === 0 ? -units : (target * this.account.equity([raw])) / raw - units;
    this.account.fill(0, q, raw, this.bars.volume[next]!);
  }

  protected info(equity: number): SingleAssetInfo {
    return {
      bar: this.t, time: this.bars.time[this.t]!, equity, cash: this.account.cash, units: this.account.units[0]!,
      position: this.position, commission: this.account.takeCommission(),
    };
  }
}

function featureColumns(options: SingleAssetTradingOptions, rows: number): { names: string[]; columns: Float64Array[] } {
  const { featureSet, registry, columns } = options;
  if (featureSet !== undefined && columns !== undefined) throw new InvalidArgumentError('options.columns', 'columns', 'was given together with options.featureSet', 'pass one of featureSet (computed here) or columns (precomputed)');
  if (columns !== undefined) {
    if (registry !== undefined) throw new InvalidArgumentError('options.registry', 'a registry', 'only applies with options.featureSet', 'leave it out when passing columns');
    const checked = checkColumns('options.columns', columns, rows);
    return { names: checked.map((_, i) => `column${i}`), columns: checked };
  }
  if (featureSet === undefined) throw new InvalidArgumentError('options.featureSet', featureSet, 'is missing (and so are options.columns)', 'pass a FeatureSet from defineFeatureSet, or precomputed columns');
  const table = computeFeatures(options.bars, featureSet, registry ?? featureRegistry());
  return { names: [...table.names], columns: [...table.columns] };
}
