// N assets, continuous weights. The action (raw weights) is projected onto the simplex (long
// only, fully invested) or onto the gross-leverage ball Σ|w| <= maxLeverage (long/short, the rest
// in cash at zero interest); the portfolio is rebalanced to it at bar t's close, paying costBps
// on the turnover Σ|w − w_held| (w_held: the weights after the last bar's price moves), and held
// to t+1's close. Trading at the close just observed is the usual convention of portfolio RL
// (Jiang et al. 2017); the observation still holds nothing after t. Reward: the chosen equity
// reward minus turnoverPenalty × turnover. Observation: the feature window ending at t (default
// features: each asset's one-bar log return), then the held weights.
import type { ClosePanel } from '../../../data/panel';
import { logReturns } from '../../../features/returns';
import { InvalidArgumentError } from '../../../util/errors';
import { Box } from '../../core/box';
import type { Info, StepResult } from '../../core/types';
import { checkCash } from './account';
import { TRADING_OPTION_KEYS, TradingEnvBase, type TradingEnvOptions, type TradingInfo } from './base';
import { booleanOption, checkEnvOptions, nonNegativeNumber, positiveNumber } from './checks';
import { checkPriceColumn } from './prices';
import { projectOntoL1Ball, projectOntoSimplex } from './projection';
import { checkColumns } from './window';

export const DEFAULT_PORTFOLIO_COST_BPS = 10;
export const DEFAULT_TURNOVER_PENALTY = 0;
export const DEFAULT_PORTFOLIO_MAX_LEVERAGE = 1;

export interface PortfolioEnvOptions extends TradingEnvOptions {
  readonly panel: ClosePanel;
  /** Precomputed feature columns aligned with panel.time (default: each asset's log return). */
  readonly columns?: readonly Float64Array[];
  /** Cost in basis points of the traded value (turnover × equity). */
  readonly costBps?: number;
  /** Subtracted from the reward per unit of turnover. */
  readonly turnoverPenalty?: number;
  /** False: weights projected onto the simplex. True: onto Σ|w| <= maxLeverage. */
  readonly allowShort?: boolean;
  readonly maxLeverage?: number;
}

const OPTION_KEYS = ['panel', 'columns', 'costBps', 'turnoverPenalty', 'allowShort', 'maxLeverage', ...TRADING_OPTION_KEYS];

/** Step info of PortfolioEnv: the weights held after the bar, the turnover traded into them and its cost. */
export type PortfolioInfo = TradingInfo & { weights: Float64Array; turnover: number; cost: number };

export class PortfolioEnv extends TradingEnvBase<Float64Array> {
  readonly actionSpace: Box;
  readonly panel: ClosePanel;
  readonly assets: number;
  readonly costBps: number;
  readonly turnoverPenalty: number;
  readonly allowShort: boolean;
  readonly maxLeverage: number;
  readonly initialCash: number;
  private readonly held: Float64Array;
  private equity = 0;

  constructor(options: PortfolioEnvOptions) {
    checkEnvOptions(options, OPTION_KEYS, '{ panel, ... }');
    const panel = checkPanel(options.panel);
    const rows = panel.time.length, n = panel.symbols.length;
    const columns = options.columns === undefined ? panel.close.map((c) => logReturns(c)) : checkColumns('options.columns', options.columns, rows);
    // Long-only weights (held ones too, after price moves) stay in [0, 1]; long/short ones drift beyond any limit.
    const longOnly = options.allowShort !== true;
    super({
      columns, rows, window: options.window, episodes: options, reward: options.reward, eta: options.eta,
      tailLow: new Array<number>(n).fill(longOnly ? 0 : -Infinity), tailHigh: new Array<number>(n).fill(longOnly ? 1 : Infinity),
    });
    this.panel = panel;
    this.assets = n;
    this.initialCash = checkCash(options.initialCash);
    this.costBps = nonNegativeNumber('options.costBps', options.costBps ?? DEFAULT_PORTFOLIO_COST_BPS, 'pass basis points of traded value, e.g. 10');
    this.turnoverPenalty = nonNegativeNumber('options.turnoverPenalty', options.turnoverPenalty ?? DEFAULT_TURNOVER_PENALTY, 'pass the reward given up per unit of turnover, e.g. 0.001 (0 for none)');
    const allowShort = booleanOption('options.allowShort', options.allowShort ?? false, 'pass true for long/short weights under a gross-leverage limit');
    this.allowShort = allowShort;
    if (!allowShort && options.maxLeverage !== undefined) throw new InvalidArgumentError('options.maxLeverage', options.maxLeverage, 'only applies with allowShort: true (long-only weights sum to 1)', 'leave it out, or pass allowShort: true');
    const lev = positiveNumber('options.maxLeverage', options.maxLeverage ?? DEFAULT_PORTFOLIO_MAX_LEVERAGE, 'pass the largest Σ|w|, e.g. 1 or 2');
    this.maxLeverage = lev;
    panel.close.forEach((c, a) => checkPriceColumn(`options.panel.close[${a}]`, c, this.plan.range));
    this.held = new Float64Array(n);
    this.actionSpace = allowShort ? new Box(-lev, lev, [n]) : new Box(0, 1, [n]);
  }

  /** The weights an action becomes (the projection the environment applies). */
  weightsOf(action: Float64Array): Float64Array {
    return this.allowShort ? projectOntoL1Ball(action, this.maxLeverage) : projectOntoSimplex(action);
  }

  protected resetEpisode(options: Readonly<Record<string, unknown>> | undefined): [Float64Array, Info] {
    this.startEpisode(options);
    this.equity = this.initialCash;
    this.held.fill(0);
    return [this.observe(this.held), this.info(0, 0)];
  }

  protected stepEpisode(action: Float64Array): StepResult<Float64Array> {
    const w = this.weightsOf(action);
    let turnover = 0;
    for (let a = 0; a < this.assets; a++) turnover += Math.abs(w[a]! - this.held[a]!);
    const cost = (this.equity * this.costBps * turnover) / 1e4;
    const before = this.equity;
    const t = this.t, next = t + 1;
    let growth = 1;
    for (let a = 0; a < this.assets; a++) {
      const c = this.panel.close[a]!;
      const r = c[next]! / c[t]! - 1;
      growth += w[a]! * r;
      this.held[a] = w[a]! * (1 + r);
    }
    for (let a = 0; a < this.assets; a++) this.held[a] = growth > 0 ? this.held[a]! / growth : 0;
    this.equity = (before - cost) * growth;
    const truncated = this.advance();
    const reward = this.rewardOf(before, this.equity, this.initialCash) - this.turnoverPenalty * turnover;
    return [this.observe(this.held), reward, this.equity <= 0, truncated, this.info(turnover, cost)];
  }

  private info(turnover: number, cost: number): PortfolioInfo {
    return { bar: this.t, time: this.panel.time[this.t]!, equity: this.equity, weights: this.held.slice(), turnover, cost };
  }
}

function checkPanel(panel: ClosePanel): ClosePanel {
  const ok = panel !== null && typeof panel === 'object' && panel.time instanceof Float64Array && Array.isArray(panel.symbols) && Array.isArray(panel.close);
  if (!ok) throw new InvalidArgumentError('options.panel', panel, 'must be a ClosePanel { time, symbols, close }', 'read one with readClosePanelCsv');
  if (panel.symbols.length === 0 || panel.close.length !== panel.symbols.length) throw new InvalidArgumentError('options.panel.close', panel.close, `must hold one Float64Array per symbol (${panel.symbols.length})`, 'pass a panel with at least one symbol');
  panel.close.forEach((c, a) => {
    if (!(c instanceof Float64Array) || c.length !== panel.time.length) throw new InvalidArgumentError(`options.panel.close[${a}]`, c, `must be a Float64Array of ${panel.time.length} closes`, 'align every symbol with panel.time');
  });
  return panel;
}
