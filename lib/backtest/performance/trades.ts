// Round-trip trade statistics, as backtesting.py 0.6.6 defines them (backtesting/_stats.py,
// compute_stats): one record per closed trade, produced by either backtest engine.
import { InvalidArgumentError } from '../../util/errors';

/** One closed trade (a round trip), the record both backtest engines produce. */
export interface TradeRecord {
  /** Entry bar timestamp, epoch ms UTC. */
  readonly entryTime: number;
  /** Exit bar timestamp, epoch ms UTC; not before entryTime. */
  readonly exitTime: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Signed size in units: > 0 long, < 0 short; never 0. */
  readonly quantity: number;
  /** Profit and loss in currency, net of commission. */
  readonly pnl: number;
  /** Return of the trade as a fraction (0.05 = +5%), net of commission (backtesting.py's ReturnPct). */
  readonly returnPct: number;
  /** Bars from entry to exit. */
  readonly barsHeld: number;
  /** Commission paid on the round trip, in currency. */
  readonly commission?: number;
}

export interface TradeStatistics {
  readonly tradeCount: number;
  /** Share of trades with pnl > 0 (backtesting.py 'Win Rate'). */
  readonly winRate: number;
  /** Sum of positive returnPct over |sum of negative returnPct|; NaN without a losing trade ('Profit Factor'). */
  readonly profitFactor: number;
  /** Mean pnl of winning trades over |mean pnl of losing trades|: the odds in backtesting.py's Kelly term. */
  readonly payoffRatio: number;
  /** Mean returnPct of the trades with returnPct > 0. */
  readonly averageWin: number;
  /** Mean returnPct of the trades with returnPct < 0 (negative). */
  readonly averageLoss: number;
  /** Mean returnPct ('Expectancy'). */
  readonly expectancy: number;
  /** Geometric mean of returnPct, 0 when a trade lost everything ('Avg. Trade'). */
  readonly averageTrade: number;
  /** Van Tharp's system quality number sqrt(n) mean(pnl) / std(pnl), ddof 1 ('SQN'). */
  readonly sqn: number;
  /** Largest and smallest returnPct ('Best Trade', 'Worst Trade'). */
  readonly bestTrade: number;
  readonly worstTrade: number;
  readonly averageHoldingBars: number;
  readonly maxHoldingBars: number;
  /** winRate - (1 - winRate) / payoffRatio ('Kelly Criterion'). */
  readonly kellyFraction: number;
  /** Sum of the commissions recorded (0 when none is). */
  readonly totalCommission: number;
}

const REQUIRED_FIELDS = ['entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'quantity', 'pnl', 'returnPct', 'barsHeld'] as const;

/** Throws InvalidArgumentError naming the first bad trade field. */
export function validateTrades(trades: unknown): asserts trades is readonly TradeRecord[] {
  if (!Array.isArray(trades)) {
    throw new InvalidArgumentError('trades', trades, 'must be an array of trade records', 'pass the trades list the backtest engine returned (or omit it)');
  }
  for (let i = 0; i < trades.length; i++) {
    const trade = trades[i] as Record<string, unknown> | null;
    if (trade === null || typeof trade !== 'object') {
      throw new InvalidArgumentError(`trades[${i}]`, trade, 'must be a trade record', `pass objects with ${REQUIRED_FIELDS.join(', ')}`);
    }
    for (const field of REQUIRED_FIELDS) {
      const v = trade[field];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidArgumentError(`trades[${i}].${field}`, v, 'must be a finite number', `fill ${field} on every trade record`);
      }
    }
    if (trade.quantity === 0) {
      throw new InvalidArgumentError(`trades[${i}].quantity`, 0, 'is 0', 'record the signed size traded: > 0 long, < 0 short');
    }
    const bars = trade.barsHeld as number;
    if (!Number.isInteger(bars) || bars < 0) {
      throw new InvalidArgumentError(`trades[${i}].barsHeld`, bars, 'must be an integer >= 0', 'pass the number of bars from entry to exit');
    }
    if ((trade.exitTime as number) < (trade.entryTime as number)) {
      throw new InvalidArgumentError(`trades[${i}].exitTime`, trade.exitTime, `is before entryTime ${trade.entryTime as number}`, 'swap or fix the timestamps');
    }
    if (trade.commission !== undefined && (typeof trade.commission !== 'number' || !Number.isFinite(trade.commission))) {
      throw new InvalidArgumentError(`trades[${i}].commission`, trade.commission, 'must be a finite number when given', 'pass the commission in currency, or leave it out');
    }
  }
}

/** backtesting.py's trade statistics; every field but tradeCount and totalCommission is NaN without trades. */
export function tradeStatistics(trades: readonly TradeRecord[]): TradeStatistics {
  validateTrades(trades);
  return computeTradeStatistics(trades);
}

/** tradeStatistics without the validation, for callers that have run validateTrades already. */
export function computeTradeStatistics(trades: readonly TradeRecord[]): TradeStatistics {
  const n = trades.length;
  let pnlWins = 0, pnlWinSum = 0, pnlLosses = 0, pnlLossSum = 0, pnlSum = 0;
  let retWins = 0, retWinSum = 0, retLosses = 0, retLossSum = 0, retSum = 0;
  let logGrowth = 0, wipedOut = false;
  let best = -Infinity, worst = Infinity, barsSum = 0, barsMax = 0, commission = 0;
  for (const trade of trades) {
    const { pnl, returnPct: r } = trade;
    pnlSum += pnl;
    if (pnl > 0) { pnlWins++; pnlWinSum += pnl; } else if (pnl < 0) { pnlLosses++; pnlLossSum += pnl; }
    retSum += r;
    if (r > 0) { retWins++; retWinSum += r; } else if (r < 0) { retLosses++; retLossSum += r; }
    if (1 + r <= 0) wipedOut = true;
    else logGrowth += Math.log(1 + r);
    if (r > best) best = r;
    if (r < worst) worst = r;
    barsSum += trade.barsHeld;
    if (trade.barsHeld > barsMax) barsMax = trade.barsHeld;
    commission += trade.commission ?? 0;
  }
  if (n === 0) {
    return {
      tradeCount: 0, winRate: NaN, profitFactor: NaN, payoffRatio: NaN, averageWin: NaN, averageLoss: NaN,
      expectancy: NaN, averageTrade: NaN, sqn: NaN, bestTrade: NaN, worstTrade: NaN,
      averageHoldingBars: NaN, maxHoldingBars: NaN, kellyFraction: NaN, totalCommission: 0,
    };
  }
  const pnlMean = pnlSum / n;
  let squares = 0;
  for (const trade of trades) squares += (trade.pnl - pnlMean) ** 2;
  const pnlStd = n < 2 ? NaN : Math.sqrt(squares / (n - 1));
  const winRate = pnlWins / n;
  // Means of empty sets are NaN, as pandas' mean of an empty selection.
  const payoffRatio = (pnlWins ? pnlWinSum / pnlWins : NaN) / (pnlLosses ? -pnlLossSum / pnlLosses : NaN);
  return {
    tradeCount: n,
    winRate,
    profitFactor: retLossSum === 0 ? NaN : retWinSum / Math.abs(retLossSum),
    payoffRatio,
    averageWin: retWins ? retWinSum / retWins : NaN,
    averageLoss: retLosses ? retLossSum / retLosses : NaN,
    expectancy: retSum / n,
    averageTrade: wipedOut ? 0 : Math.exp(logGrowth / n) - 1,
    // backtesting.py divides by (std or NaN): a zero spread gives NaN, not Infinity.
    sqn: pnlStd === 0 ? NaN : (Math.sqrt(n) * pnlMean) / pnlStd,
    bestTrade: best,
    worstTrade: worst,
    averageHoldingBars: barsSum / n,
    maxHoldingBars: barsMax,
    kellyFraction: winRate - (1 - winRate) / payoffRatio,
    totalCommission: commission,
  };
}
