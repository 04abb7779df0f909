// Walk-forward analysis of the SMA crossover: on each training window a vectorized sweep of every
// (fast, slow) pair picks the pair with the best in-sample objective; the next test window is then
// traded by the event-driven engine with that pair (next-open fills, the run's commission and
// slippage). Each test window starts flat, with the indicators warmed up on the bars before it,
// and its open position is valued at the window's last close. The stitched test returns are the
// out-of-sample record; `trials` (pairs tried per window) is what the deflated Sharpe corrects for.
import type { Bars } from '../../data/bars';
import { sliceBars } from '../../data/bars';
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { runEventBacktest } from '../event/backtest';
import type { EngineOptions, EventOrderRecord, OpenLot } from '../event/types';
import type { TradeRecord } from '../performance/trades';
import { walkForwardAnalysis, type WalkForwardResult } from '../validation/walk-forward';
import { maCrossoverSweep } from '../vector/ma-sweep';
import { smaCrossover } from './sma-crossover';

export type SweepObjective = 'sharpe' | 'totalReturn';

export interface WalkForwardSmaOptions {
  readonly trainBars: number;
  readonly testBars: number;
  readonly fast: readonly number[];
  readonly slow: readonly number[];
  /** What the sweep maximises on each training window (default 'sharpe'). */
  readonly objective?: SweepObjective;
  /** Proportional fees of the sweep (fraction of notional); set it to match the engine's costs. */
  readonly sweepFees?: number;
  /** Event engine options of the test runs (commission, slippage, initial cash, ...). */
  readonly engine?: EngineOptions;
  readonly weight?: number;
  readonly anchored?: boolean;
  readonly periodsPerYear?: number;
}

export interface SmaWindowParams {
  readonly fast: number;
  readonly slow: number;
  /** The objective's in-sample value of the chosen pair. */
  readonly inSample: number;
}

export interface WalkForwardSmaResult {
  readonly analysis: WalkForwardResult<SmaWindowParams>;
  /** Every test window's round trips, in time order. */
  readonly trades: readonly TradeRecord[];
  readonly orders: readonly EventOrderRecord[];
  /** Position value / equity at each stitched test bar's close (aligned with analysis.returns). */
  readonly exposure: Float64Array;
  /** Parameter pairs evaluated on each training window. */
  readonly trials: number;
}

const KEYS = ['trainBars', 'testBars', 'fast', 'slow', 'objective', 'sweepFees', 'engine', 'weight', 'anchored', 'periodsPerYear'] as const;

export function walkForwardSmaCrossover(bars: Bars, options: WalkForwardSmaOptions): WalkForwardSmaResult {
  rejectUnknownOptions('options', options, KEYS);
  const objective = options.objective ?? 'sharpe';
  if (objective !== 'sharpe' && objective !== 'totalReturn') {
    throw new InvalidArgumentError('options.objective', objective, "must be 'sharpe' or 'totalReturn'", "pass 'sharpe'");
  }
  const asset = bars.symbol ?? 'asset';
  const named: Bars = bars.symbol ? bars : { ...bars, symbol: asset };
  const trades: TradeRecord[] = [];
  const orders: EventOrderRecord[] = [];
  const exposure: number[] = [];
  let trials = 0;
  const analysis = walkForwardAnalysis<SmaWindowParams>({
    n: bars.time.length, trainBars: options.trainBars, testBars: options.testBars,
    ...(options.anchored !== undefined ? { anchored: options.anchored } : {}),
    ...(options.periodsPerYear !== undefined ? { metrics: { periodsPerYear: options.periodsPerYear } } : {}),
    fit(train) {
      const cut = (c: Float64Array) => c.subarray(train.start, train.end);
      const table = maCrossoverSweep({
        prices: { close: cut(bars.close), open: cut(bars.open), high: cut(bars.high), low: cut(bars.low) },
        fast: options.fast, slow: options.slow, price: 'nextOpen', fees: options.sweepFees ?? 0,
        ...(options.periodsPerYear !== undefined ? { periodsPerYear: options.periodsPerYear } : {}),
      });
      trials = table.rows;
      const score = objective === 'sharpe' ? table.sharpe : table.totalReturn;
      let best = -1;
      for (let r = 0; r < table.rows; r++) if (Number.isFinite(score[r]!) && (best < 0 || score[r]! > score[best]!)) best = r;
      if (best < 0) best = 0; // no pair traded in this window: any pair; the test window says what it is worth
      return { fast: table.params.fast![best]!, slow: table.params.slow![best]!, inSample: score[best]! };
    },
    run(test, params) {
      const from = Math.max(0, test.start - params.slow - 1);
      const sub = sliceBars(named, from, test.end);
      const result = runEventBacktest(
        smaCrossover({ asset, fast: params.fast, slow: params.slow, tradeFrom: test.start - from, ...(options.weight !== undefined ? { weight: options.weight } : {}) }),
        sub, options.engine ?? {},
      );
      trades.push(...result.trades, ...valuedAtEnd(result.openLots, result.time, sub.close));
      orders.push(...result.orders);
      for (let t = test.start - from; t < result.equity.length; t++) exposure.push((result.positions[t]! * bars.close[from + t]!) / result.equity[t]!);
      return result.returns.slice(test.start - from);
    },
  });
  return { analysis, trades, orders, exposure: Float64Array.from(exposure), trials };
}

/** Open lots as round trips closed at the last close (the valuation the stitched equity uses). */
function valuedAtEnd(lots: readonly OpenLot[], time: Float64Array, close: Float64Array): TradeRecord[] {
  const last = time.length - 1, exitPrice = close[last]!;
  return lots.map((lot) => {
    const pnl = lot.quantity * (exitPrice - lot.entryPrice) - lot.commission;
    return {
      entryTime: lot.entryTime, exitTime: time[last]!, entryPrice: lot.entryPrice, exitPrice, quantity: lot.quantity, pnl,
      returnPct: pnl / (Math.abs(lot.quantity) * lot.entryPrice), barsHeld: last - lot.entryBar, commission: lot.commission,
    };
  });
}
