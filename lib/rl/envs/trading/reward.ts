// Trading rewards from the equity before and after a step: the P&L in cash, the log return, or
// Moody & Saffell's (1998) differential Sharpe ratio, the first-order effect of this step's
// return on an exponentially weighted Sharpe ratio with adaptation rate eta:
//   D_t = (B_{t-1} ΔA_t − ½ A_{t-1} ΔB_t) / (B_{t-1} − A_{t-1}²)^{3/2},
//   ΔA_t = R_t − A_{t-1}, ΔB_t = R_t² − B_{t-1}, then A_t = A_{t-1} + η ΔA_t, B_t = B_{t-1} + η ΔB_t,
// with A = B = 0 at the start of an episode and D = 0 while the variance B − A² is not positive.
import { InvalidArgumentError } from '../../../util/errors';

export type TradingReward = 'pnl' | 'logReturn' | 'differentialSharpe';
export const DEFAULT_TRADING_REWARD: TradingReward = 'logReturn';
export const DEFAULT_DSR_ETA = 0.01;
/** Equity floor (a fraction of the initial cash) for the log return of a bankrupt step. */
export const BANKRUPT_EQUITY_FRACTION = 1e-12;

export class DifferentialSharpe {
  private a = 0;
  private b = 0;

  constructor(readonly eta: number) {}

  reset(): void {
    this.a = 0;
    this.b = 0;
  }

  /** D_t for the simple return R_t, then the moving averages take R_t in. */
  update(r: number): number {
    const dA = r - this.a, dB = r * r - this.b;
    const variance = this.b - this.a * this.a;
    const d = variance > 0 ? (this.b * dA - 0.5 * this.a * dB) / variance ** 1.5 : 0;
    this.a += this.eta * dA;
    this.b += this.eta * dB;
    return d;
  }
}

export interface RewardSpec {
  readonly kind: TradingReward;
  readonly dsr: DifferentialSharpe | undefined;
}

/** Checks reward/eta options: eta only goes with the differential Sharpe ratio. */
export function rewardSpec(kind: unknown, eta: unknown): RewardSpec {
  const k = kind ?? DEFAULT_TRADING_REWARD;
  if (k !== 'pnl' && k !== 'logReturn' && k !== 'differentialSharpe') {
    throw new InvalidArgumentError('options.reward', k, "must be 'pnl', 'logReturn' or 'differentialSharpe'", "pass 'logReturn' (log of the equity ratio per step)");
  }
  if (k !== 'differentialSharpe') {
    if (eta !== undefined) throw new InvalidArgumentError('options.eta', eta, `only applies to reward 'differentialSharpe', not '${k}'`, "leave it out, or pass reward: 'differentialSharpe'");
    return { kind: k, dsr: undefined };
  }
  const e = eta ?? DEFAULT_DSR_ETA;
  if (typeof e !== 'number' || !(e > 0 && e < 1)) throw new InvalidArgumentError('options.eta', e, 'must be in (0, 1)', `pass the adaptation rate of the moving averages, e.g. ${DEFAULT_DSR_ETA} (about a 100-step memory)`);
  return { kind: k, dsr: new DifferentialSharpe(e) };
}

/** The reward of a step from equity `before` to `after` (after <= 0 only on a bankrupt step). */
export function tradingReward(spec: RewardSpec, before: number, after: number, initialCash: number): number {
  if (spec.kind === 'pnl') return after - before;
  if (spec.kind === 'logReturn') return Math.log(Math.max(after, BANKRUPT_EQUITY_FRACTION * initialCash) / before);
  return spec.dsr!.update(after / before - 1);
}
