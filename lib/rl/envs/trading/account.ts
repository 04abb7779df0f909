// The cash account of the bar-based trading environments: cash plus units of each asset, filled
// at a reference price moved by the slippage model and charged the commission model, the same
// pure functions (lib/backtest/costs) and the same arithmetic as the event-driven backtester's
// broker, so an environment's equity can be checked against runEventBacktest.
import { checkCommission, commissionFor, NO_COMMISSION, type CommissionModel } from '../../../backtest/costs/commission';
import { checkSlippage, NO_SLIPPAGE, slippedPrice, type SlippageModel } from '../../../backtest/costs/slippage';
import { positiveNumber } from './checks';

export const DEFAULT_TRADING_CASH = 100_000;
/** A position this small relative to the fill that produced it is rounding dust: set to 0 (as the broker does). */
const CRUMB = 1e-9;

export interface TradingCosts { readonly commission: CommissionModel; readonly slippage: SlippageModel }

export function resolveCosts(commission: unknown, slippage: unknown): TradingCosts {
  return {
    commission: commission === undefined ? NO_COMMISSION : checkCommission(commission, 'options.commission'),
    slippage: slippage === undefined ? NO_SLIPPAGE : checkSlippage(slippage, 'options.slippage'),
  };
}

export function checkCash(value: unknown): number {
  return positiveNumber('options.initialCash', value ?? DEFAULT_TRADING_CASH, `pass the starting cash, e.g. ${DEFAULT_TRADING_CASH}`);
}

export class Account {
  cash: number;
  readonly units: Float64Array;
  /** Commission paid since the last takeCommission(). */
  private paid = 0;

  constructor(readonly initialCash: number, assets: number, readonly costs: TradingCosts) {
    this.cash = initialCash;
    this.units = new Float64Array(assets);
  }

  reset(): void {
    this.cash = this.initialCash;
    this.units.fill(0);
    this.paid = 0;
  }

  /** cash + Σ units × price (assets without a position are not marked, as in the broker). */
  equity(prices: readonly number[]): number {
    let e = this.cash;
    for (let a = 0; a < this.units.length; a++) if (this.units[a] !== 0) e += this.units[a]! * prices[a]!;
    return e;
  }

  /** Buys (q > 0) or sells q units of asset a at reference price `raw` in a bar with `volume`. */
  fill(a: number, q: number, raw: number, volume: number): void {
    if (q === 0) return;
    const price = slippedPrice(this.costs.slippage, raw, q, volume);
    const commission = commissionFor(this.costs.commission, q, price);
    this.cash -= q * price + commission;
    this.paid += commission;
    let next = this.units[a]! + q;
    if (Math.abs(next) <= CRUMB * Math.abs(q)) next = 0;
    this.units[a] = next;
  }

  /** Commission paid since the previous call. */
  takeCommission(): number {
    const c = this.paid;
    this.paid = 0;
    return c;
  }
}
