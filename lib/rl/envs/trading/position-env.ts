// What the single-asset and the pairs environments share: three actions (0 short, 1 flat, 2 long)
// held as a position of -1, 0 or +1 in units bought through an Account, and one episode loop: the
// action chosen after bar t's close is traded at bar t+1's open when the position changes, the
// units are held, and equity is marked at t+1's close. Subclasses say what a position holds
// (trade), which closes mark the account (closes) and what info reports.
import { Discrete } from '../../core/discrete';
import type { Info, StepResult } from '../../core/types';
import type { Account } from './account';
import { TradingEnvBase } from './base';

export abstract class PositionTradingEnv extends TradingEnvBase<number> {
  readonly actionSpace = new Discrete(3);
  protected abstract readonly account: Account;
  /** The position held: -1 short, 0 flat, +1 long. */
  protected position = 0;

  /** Trades the account to position `target` (-1, 0, +1) at bar `next`'s open. */
  protected abstract trade(target: number, next: number): void;
  /** The closes of bar t that mark the account, one per asset. */
  protected abstract closes(t: number): number[];
  protected abstract info(equity: number): Info;

  protected resetEpisode(options: Readonly<Record<string, unknown>> | undefined): [Float64Array, Info] {
    this.startEpisode(options);
    this.position = 0;
    this.account.reset();
    return [this.observe([0]), this.info(this.account.initialCash)];
  }

  protected stepEpisode(action: number): StepResult<Float64Array> {
    const t = this.t, next = t + 1;
    const before = this.account.equity(this.closes(t));
    const target = action - 1;
    if (target !== this.position) {
      this.trade(target, next);
      this.position = target;
    }
    const truncated = this.advance();
    const after = this.account.equity(this.closes(next));
    const reward = this.rewardOf(before, after, this.account.initialCash);
    return [this.observe([this.position]), reward, after <= 0, truncated, this.info(after)];
  }
}
