// A pair y, x with a hedge ratio h: three actions, short / flat / long the spread y − h·x. A
// position p of ±1 holds u units of y and −h·u of x, with u = p × leverage × equity /
// (open_y + |h| × open_x): the gross value of both legs is `leverage` × equity when entered.
// Fills follow the single-asset convention: chosen after bar t's close, both legs traded at bar
// t+1's open through the slippage and commission models (y first), held until the position
// changes, marked at the close. Observation: the feature window ending at t (default: the
// z-score of the spread y − h·x over zWindow bars), then the position.
import type { Bars } from '../../../data/bars';
import { assertBars } from '../../../data/bars';
import { rollingZScore, DEFAULT_ZSCORE_WINDOW } from '../../../features/zscore';
import { InvalidArgumentError } from '../../../util/errors';
import { Account, checkCash, resolveCosts } from './account';
import { COST_OPTION_KEYS, TRADING_OPTION_KEYS, type TradingCostOptions, type TradingEnvOptions, type TradingInfo } from './base';
import { checkEnvOptions, positiveNumber } from './checks';
import { PositionTradingEnv } from './position-env';
import { checkSameTime, checkTradedBars } from './prices';
import { checkColumns } from './window';

export const DEFAULT_PAIR_LEVERAGE = 1;

export interface PairsTradingOptions extends TradingEnvOptions, TradingCostOptions {
  readonly y: Bars;
  readonly x: Bars;
  /** Units of x per unit of y (e.g. the Engle-Granger slope); non-zero. */
  readonly hedgeRatio: number;
  /** Precomputed feature columns aligned with the bars (default: the spread's z-score). */
  readonly columns?: readonly Float64Array[];
  /** Window of the default spread z-score. */
  readonly zWindow?: number;
  /** Gross value of the two legs at entry, as a multiple of equity. */
  readonly leverage?: number;
}

const OPTION_KEYS = ['y', 'x', 'hedgeRatio', 'columns', 'zWindow', 'leverage', ...TRADING_OPTION_KEYS, ...COST_OPTION_KEYS];

/** Step info of PairsTradingEnv: the account after the bar, units of each leg, the spread position, the commission paid. */
export type PairsInfo = TradingInfo & { cash: number; unitsY: number; unitsX: number; position: number; commission: number };

export class PairsTradingEnv extends PositionTradingEnv {
  readonly y: Bars;
  readonly x: Bars;
  readonly hedgeRatio: number;
  readonly leverage: number;
  protected readonly account: Account;

  constructor(options: PairsTradingOptions) {
    checkEnvOptions(options, OPTION_KEYS, '{ y, x, hedgeRatio, ... }');
    const rows = assertBars(options.y, 'options.y');
    assertBars(options.x, 'options.x');
    checkSameTime('options.x.time', options.x.time, options.y.time, 'options.y.time');
    const h = options.hedgeRatio;
    if (typeof h !== 'number' || !Number.isFinite(h) || h === 0) throw new InvalidArgumentError('options.hedgeRatio', h, 'must be a finite non-zero number', 'pass the units of x per unit of y, e.g. the Engle-Granger slope');
    super({ columns: pairColumns(options, rows), rows, window: options.window, episodes: options, reward: options.reward, eta: options.eta, tailLow: [-1], tailHigh: [1] });
    this.y = options.y;
    this.x = options.x;
    this.hedgeRatio = h;
    this.leverage = positiveNumber('options.leverage', options.leverage ?? DEFAULT_PAIR_LEVERAGE, 'pass the gross value of both legs as a multiple of equity, e.g. 1');
    const costs = resolveCosts(options.commission, options.slippage);
    this.account = new Account(checkCash(options.initialCash), 2, costs);
    checkTradedBars('options.y', this.y, this.plan.range, costs.slippage);
    checkTradedBars('options.x', this.x, this.plan.range, costs.slippage);
  }

  protected closes(t: number): number[] {
    return [this.y.close[t]!, this.x.close[t]!];
  }

  protected trade(target: number, next: number): void {
    const oy = this.y.open[next]!, ox = this.x.open[next]!;
    const [uy, ux] = this.account.units;
    let u = 0;
    if (target !== 0) u = (target * this.leverage * this.account.equity([oy, ox])) / (oy + Math.abs(this.hedgeRatio) * ox);
    this.account.fill(0, u - uy!, oy, this.y.volume[next]!);
    this.account.fill(1, -this.hedgeRatio * u - ux!, ox, this.x.volume[next]!);
  }

  protected info(equity: number): PairsInfo {
    const [uy, ux] = this.account.units;
    return {
      bar: this.t, time: this.y.time[this.t]!, equity, cash: this.account.cash, unitsY: uy!, unitsX: ux!,
      position: this.position, commission: this.account.takeCommission(),
    };
  }
}

/** The feature columns: precomputed ones, or the spread y − h·x's rolling z-score. */
function pairColumns(options: PairsTradingOptions, rows: number): Float64Array[] {
  if (options.columns !== undefined) {
    if (options.zWindow !== undefined) throw new InvalidArgumentError('options.zWindow', options.zWindow, 'only applies to the default spread z-score feature', 'leave it out when passing columns');
    return checkColumns('options.columns', options.columns, rows);
  }
  const h = options.hedgeRatio;
  const spread = Float64Array.from(options.y.close, (c, t) => c - h * options.x.close[t]!);
  return [rollingZScore(spread, options.zWindow ?? DEFAULT_ZSCORE_WINDOW)];
}
