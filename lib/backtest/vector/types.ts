// Public shapes of the vectorised portfolio simulator: what goes in (prices, signals or targets,
// costs, stops, sizing) and what comes out (a summary row per portfolio, counts per column, and,
// only on request, order/trade records and per-bar curves).
import type { TradeRecord as PerformanceTradeRecord } from '../performance/trades';

/** One asset's bars. Only close is required; open/high/low make stops intrabar and allow next-open fills. */
export interface VectorPrices {
  readonly close: Float64Array;
  readonly open?: Float64Array;
  readonly high?: Float64Array;
  readonly low?: Float64Array;
  /** Bar timestamps (epoch ms); trade and order records carry them. Without it they carry bar indices. */
  readonly time?: Float64Array;
}

/** Which side a column may hold. 'both': an exit signal reverses a long into a short (vectorbt's Direction.Both). */
export type Direction = 'longOnly' | 'shortOnly' | 'both';

/** 'close': an order decided at bar t fills at close[t]; 'nextOpen': it fills at open[t + 1]. */
export type FillPrice = 'close' | 'nextOpen';

/**
 * 'stopLimit': a stop exit fills at the stop level (or at the open when the bar gaps through it),
 * without slippage, as vectorbt's default stop_exit_price='stoplimit'. 'stopMarket': the same
 * price with slippage applied.
 */
export type StopExitPrice = 'stopLimit' | 'stopMarket';

/**
 * How many units an entry signal buys or sells.
 * - allCash: all available cash (long) or all free cash (short) after fees, vectorbt's size=np.inf.
 * - shares: a fixed number of units (buys are cut to what the cash pays for).
 * - value: a fixed cash amount at the order price.
 * - percent: a fraction in (0, 1] of the available cash (long) or free cash (short); not with direction 'both'.
 */
export type SignalSize =
  | { readonly type: 'allCash' }
  | { readonly type: 'shares'; readonly size: number }
  | { readonly type: 'value'; readonly size: number }
  | { readonly type: 'percent'; readonly size: number };

/** What a target means: a fraction of the portfolio's value, a cash value, or a number of units. */
export type TargetKind = 'weight' | 'value' | 'shares';

/** A scalar for every column, or one value per column (NaN turns a stop off for that column). */
export type PerColumn = number | readonly number[] | Float64Array;

/** Which columns (or groups, for curves) to keep records for: true = all, a list = those. */
export type Selection = boolean | readonly number[];

export interface SimulationOptions {
  /** One asset, or one per asset; every asset has the same number of bars. */
  readonly prices: VectorPrices | readonly VectorPrices[];
  /** Column -> asset index. Default: column c trades asset c, or asset 0 for every column when there is one asset. */
  readonly asset?: readonly number[];
  /** Column -> group index (0-based, every group used). Columns of one group share cash: one portfolio. Default: one group per column. */
  readonly group?: readonly number[];
  /** Starting cash of each group (default DEFAULT_INIT_CASH). */
  readonly initCash?: number | readonly number[];
  /** Fees as a fraction of each order's notional (0.001 = 0.1%). */
  readonly fees?: PerColumn;
  /** A fixed fee per order, in cash. */
  readonly fixedFees?: PerColumn;
  /** Slippage as a fraction of the price, against the trader: buys fill at price * (1 + s), sells at price * (1 - s). */
  readonly slippage?: PerColumn;
  /** When orders fill (default DEFAULT_FILL_PRICE). */
  readonly price?: FillPrice;
  readonly direction?: Direction;
  /** Bars per year for the Sharpe ratio (default 252). */
  readonly periodsPerYear?: number;
  /** Keep the list of filled orders for these columns. */
  readonly recordOrders?: Selection;
  /** Keep the closed trades for these columns. */
  readonly recordTrades?: Selection;
  /** Keep per-bar cash, equity and positions for these groups. */
  readonly curves?: Selection;
}

export interface SignalOptions extends SimulationOptions {
  /** One Uint8Array per column (non-zero = signal); a single array is broadcast to every column. */
  readonly entries: Uint8Array | readonly Uint8Array[];
  readonly exits: Uint8Array | readonly Uint8Array[];
  /** Entry sizing (default allCash). */
  readonly size?: SignalSize;
  /** Stop-loss as a fraction below (long) / above (short) the entry price. */
  readonly slStop?: PerColumn;
  /** Trailing stop-loss as a fraction below the highest high (long) / above the lowest low (short) since entry. */
  readonly trailStop?: PerColumn;
  /** Take-profit as a fraction above (long) / below (short) the entry price. */
  readonly tpStop?: PerColumn;
  readonly stopExitPrice?: StopExitPrice;
}

export interface TargetOptions extends SimulationOptions {
  /** One Float64Array per column; NaN = no order at that bar. A single array is broadcast to every column. */
  readonly targets: Float64Array | readonly Float64Array[];
  /** What the targets mean (default 'weight'). */
  readonly targetKind?: TargetKind;
}

/** A filled order, as vectorbt's order records (size is positive; side says the sign). */
export interface OrderRecord {
  readonly column: number;
  readonly bar: number;
  /** time[bar] of the column's asset, or the bar index when no time column was given. */
  readonly time: number;
  readonly side: 'buy' | 'sell';
  readonly size: number;
  /** Fill price, slippage included. */
  readonly price: number;
  readonly fees: number;
}

/**
 * A closed trade: the performance module's TradeRecord (vectorbt's exit trades: one row per order
 * that reduces or closes a position; entry price is the size-weighted average of its entries).
 */
export type TradeRecord = PerformanceTradeRecord & { readonly commission: number };

/** One row per group (portfolio), columnar. Statistics are computed while simulating, from the per-bar value. */
export interface PortfolioSummary {
  readonly finalValue: Float64Array;
  readonly totalReturn: Float64Array;
  /** Annualised Sharpe ratio of per-bar value returns (sample std, risk-free 0); NaN for a flat curve. */
  readonly sharpe: Float64Array;
  /** Deepest fall from a running peak of value (initial cash included), as a negative fraction. */
  readonly maxDrawdown: Float64Array;
  /** Closed trades (exit-trade rows). */
  readonly trades: Float64Array;
  /** Fraction of closed trades with pnl > 0; NaN without trades. */
  readonly winRate: Float64Array;
  /** Fraction of bars that end with a non-zero position in some column of the group. */
  readonly exposure: Float64Array;
  readonly orders: Float64Array;
}

export interface GroupCurves {
  readonly group: number;
  /** The group's columns, in the order of `positions`. */
  readonly columns: readonly number[];
  /** Cash at each bar's end. */
  readonly cash: Float64Array;
  /** cash + sum of positions x close at each bar's end. */
  readonly equity: Float64Array;
  /** Units held at each bar's end, one array per column of the group. */
  readonly positions: readonly Float64Array[];
}

export interface SimulationResult {
  readonly bars: number;
  readonly columns: number;
  readonly groups: number;
  readonly summary: PortfolioSummary;
  /** Filled orders per column. */
  readonly columnOrders: Float64Array;
  /** Closed trades per column. */
  readonly columnTrades: Float64Array;
  /** Units held after the last bar, per column. */
  readonly finalPosition: Float64Array;
  readonly orders: ReadonlyMap<number, readonly OrderRecord[]>;
  readonly trades: ReadonlyMap<number, readonly TradeRecord[]>;
  readonly curves: ReadonlyMap<number, GroupCurves>;
}
