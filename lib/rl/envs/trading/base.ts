// What the three trading environments share: a feature window per observation followed by the
// account's own state (a position, weights), an episode plan over a row range, a reward kind,
// and the clock (current bar, steps taken). Subclasses price their trades.
import { rejectUnknownOptions } from '../../../util/options';
import { Box } from '../../core/box';
import { BaseEnv } from '../../core/env';
import type { CommissionModel } from '../../../backtest/costs/commission';
import type { SlippageModel } from '../../../backtest/costs/slippage';
import { EpisodePlan, type EpisodeOptions } from './episodes';
import { rewardSpec, tradingReward, type RewardSpec, type TradingReward } from './reward';
import { DEFAULT_TRADING_WINDOW, FeatureWindow } from './window';

/** Options every trading environment takes: the feature window, where episodes run, the reward, the cash. */
/** What every trading environment reports in its step info: the bar, its time and the equity marked at its close. */
export type TradingInfo = { bar: number; time: number; equity: number };

export interface TradingEnvOptions extends EpisodeOptions {
  readonly window?: number;
  readonly reward?: TradingReward;
  /** Adaptation rate of the differential Sharpe ratio (reward 'differentialSharpe' only). */
  readonly eta?: number;
  readonly initialCash?: number;
}
export const TRADING_OPTION_KEYS: readonly string[] = ['window', 'range', 'mode', 'episodeLength', 'reward', 'eta', 'initialCash'];

/** The cost models of the environments that trade units at bar prices. */
export interface TradingCostOptions {
  readonly commission?: CommissionModel;
  readonly slippage?: SlippageModel;
}
export const COST_OPTION_KEYS: readonly string[] = ['commission', 'slippage'];

export interface TradingBaseSpec {
  readonly columns: readonly Float64Array[];
  readonly rows: number;
  readonly window: number | undefined;
  readonly episodes: EpisodeOptions;
  readonly reward: unknown;
  readonly eta: unknown;
  /** Bounds of the values after the feature window (the position, the weights). */
  readonly tailLow: readonly number[];
  readonly tailHigh: readonly number[];
}

export abstract class TradingEnvBase<Act> extends BaseEnv<Float64Array, Act> {
  readonly observationSpace: Box;
  readonly plan: EpisodePlan;
  protected readonly windows: FeatureWindow;
  private readonly rewardKind: RewardSpec;
  /** The current bar: the last one the agent has seen. */
  protected t = 0;
  protected steps = 0;

  protected constructor(spec: TradingBaseSpec) {
    super();
    this.windows = new FeatureWindow(spec.columns, spec.window ?? DEFAULT_TRADING_WINDOW, spec.rows);
    this.plan = new EpisodePlan(spec.episodes, spec.rows, this.windows);
    this.rewardKind = rewardSpec(spec.reward, spec.eta);
    const size = this.windows.size;
    const low = new Float64Array(size + spec.tailLow.length).fill(-Infinity), high = new Float64Array(size + spec.tailHigh.length).fill(Infinity);
    low.set(spec.tailLow, size);
    high.set(spec.tailHigh, size);
    this.observationSpace = new Box(low, high);
  }

  /** Moves to the next episode's start bar (no environment-specific reset options exist). */
  protected startEpisode(options: Readonly<Record<string, unknown>> | undefined): void {
    rejectUnknownOptions('options.options', options, []);
    this.t = this.plan.nextStart(this.rng);
    this.steps = 0;
    this.rewardKind.dsr?.reset();
  }

  /** Advances the clock one bar; true when the episode is now truncated. */
  protected advance(): boolean {
    this.t++;
    this.steps++;
    return this.steps >= this.plan.length;
  }

  protected rewardOf(before: number, after: number, initialCash: number): number {
    return tradingReward(this.rewardKind, before, after, initialCash);
  }

  /** The window ending at the current bar, then `tail`. */
  protected observe(tail: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.windows.size + tail.length);
    this.windows.write(this.t, out);
    out.set(tail as ArrayLike<number>, this.windows.size);
    return out;
  }
}
