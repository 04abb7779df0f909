// Public shapes of the event-driven engine: what a strategy sends (OrderRequest), what it sees
// (StrategyContext), and what a run leaves behind (order log, trade list, series). Everything a
// run returns is plain data, so it serialises to JSON (see eventResultToJSON).
import type { TradeRecord as PerformanceTradeRecord } from '../performance/trades';
import type { BarValues, FeatureKind } from '../../features/kind';
import type { CommissionModel } from '../costs/commission';
import type { SlippageModel } from '../costs/slippage';

/** A bar column an indicator can be fed. */
export type BarSource = 'open' | 'high' | 'low' | 'close' | 'volume';

export type OrderType = 'market' | 'limit' | 'stop' | 'stopLimit';
/**
 * gtc: until filled or cancelled. day: the first bar it may fill on, then expired. ioc: whatever
 * fills on that first bar, the rest cancelled. { bars: n }: expired after n bars it could fill on.
 * Bars where the asset has no data do not count.
 */
export type TimeInForce = 'gtc' | 'day' | 'ioc' | { readonly bars: number };
/** An exit level: an absolute price, or a fraction of the entry fill price (0.05 = 5% away). */
export type ExitLevel = { readonly price: number } | { readonly fraction: number };
/**
 * A stop that follows the best price since entry: `fraction` below the highest high (above the
 * lowest low for shorts), or `atrMultiple` × the engine's ATR (options.atrPeriod) away from it.
 */
export type TrailingStop = { readonly fraction: number } | { readonly atrMultiple: number };

export interface OrderRequest {
  readonly asset: string;
  /** Units; signed in order() (> 0 buys), positive in buy()/sell(). */
  readonly quantity?: number;
  /** Position as a fraction of equity, resolved at the fill price (negative = short). */
  readonly targetWeight?: number;
  /** Position in units (signed), resolved against the position at fill time. */
  readonly targetQuantity?: number;
  readonly type?: OrderType;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly timeInForce?: TimeInForce;
  readonly stopLoss?: ExitLevel;
  readonly takeProfit?: ExitLevel;
  readonly trailingStop?: TrailingStop;
  readonly tag?: string;
}

export type OrderStatus = 'submitted' | 'partiallyFilled' | 'filled' | 'cancelled' | 'expired' | 'rejected';
/** Why an order exists: the strategy's own, an exit attached to a fill, or the engine's. */
export type OrderRole = 'order' | 'close' | 'pairLeg' | 'stopLoss' | 'takeProfit' | 'trailingStop' | 'circuitBreaker';

export interface OrderEvent {
  readonly bar: number;
  readonly time: number;
  readonly status: OrderStatus;
  /** Units filled by this event (signed). */
  readonly quantity?: number;
  readonly price?: number;
  readonly commission?: number;
  readonly reason?: string;
}

/** One order and every status change it went through. */
export interface EventOrderRecord {
  readonly id: number;
  readonly asset: string;
  readonly role: OrderRole;
  readonly parentId?: number;
  readonly linkedId?: number;
  readonly type: OrderType;
  readonly side: 'buy' | 'sell';
  readonly quantity?: number;
  readonly targetWeight?: number;
  readonly targetQuantity?: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly timeInForce: TimeInForce;
  readonly stopLoss?: ExitLevel;
  readonly takeProfit?: ExitLevel;
  readonly trailingStop?: TrailingStop;
  readonly tag?: string;
  readonly submittedBar: number;
  readonly submittedTime: number;
  status: OrderStatus;
  filledQuantity: number;
  /** Volume-weighted fill price; null before any fill. */
  averagePrice: number | null;
  commission: number;
  readonly events: OrderEvent[];
}

/** One event as push() reports it. */
export interface OrderLogEntry extends OrderEvent { readonly orderId: number; readonly asset: string }

/** A closed FIFO round trip: the performance module's TradeRecord (one shape for both engines and the metrics). */
export type TradeRecord = PerformanceTradeRecord & { readonly commission: number };

/** A position still open at the end: its FIFO lots, marked at the last close. */
export interface OpenLot {
  readonly asset: string;
  readonly entryTime: number;
  readonly entryBar: number;
  readonly entryPrice: number;
  readonly quantity: number;
  readonly commission: number;
}

/** k bars back from the current bar (0 = current); k < 0 throws LookAheadError. */
export interface AssetHistory {
  readonly asset: string;
  /** Bars seen so far, the current one included. */
  readonly length: number;
  open(k?: number): number;
  high(k?: number): number;
  low(k?: number): number;
  close(k?: number): number;
  volume(k?: number): number;
  time(k?: number): number;
  at(k?: number): BarValues;
  /** The last n values of a column up to the current bar, oldest first (a view: copy to keep). */
  window(column: 'open' | 'high' | 'low' | 'close' | 'volume' | 'time', n: number): Float64Array;
}

/** A streaming indicator's outputs so far; value(k) reads k bars back (k < 0 throws). */
export interface IndicatorHandle {
  readonly outputs: number;
  value(k?: number, output?: number): number;
}

export interface PortfolioView {
  readonly cash: number;
  /** cash + Σ position × last price. */
  readonly equity: number;
  position(asset: string): number;
  /** position × last price. */
  value(asset: string): number;
  /** value / equity. */
  weight(asset: string): number;
  /** A fresh { asset: units } object of the non-zero positions. */
  positions(): Record<string, number>;
}

export type SizeDecision = { readonly targetWeight: number } | { readonly targetQuantity: number } | { readonly quantity: number };
/** Turns a signal into an order size; the sizing module's functions plug in through this. */
export type Sizer = (ctx: StrategyContext, asset: string, signal: number) => SizeDecision;

export interface PairOrder {
  readonly y: string;
  readonly x: string;
  /** Units of x per unit of y: the x leg is −hedgeRatio × units. */
  readonly hedgeRatio: number;
  /** Units of y, > 0 long the spread (long y, short hedgeRatio x). */
  readonly units: number;
  readonly tag?: string;
}

export interface StrategyContext {
  readonly assets: readonly string[];
  /** Index of the current bar; -1 inside init. */
  readonly bar: number;
  /** Timestamp of the current bar (epoch ms); NaN inside init. */
  readonly time: number;
  readonly portfolio: PortfolioView;
  /** True while the drawdown circuit breaker halts trading: new orders are rejected. */
  readonly halted: boolean;
  data(asset: string): AssetHistory;
  /** Wilder ATR (options.atrPeriod) of the bars seen so far; NaN during warm-up. */
  atr(asset: string): number;
  /** init only: a state fed one value of `source` per bar, before each onBar. */
  indicator(asset: string, state: { update(x: number): number }, source?: BarSource): IndicatorHandle;
  /** init only: a feature kind's streaming state fed every bar (params completed by the kind). */
  feature<P extends object>(asset: string, kind: FeatureKind<P>, params?: Partial<P>): IndicatorHandle;
  buy(request: OrderRequest): number;
  sell(request: OrderRequest): number;
  order(request: OrderRequest): number;
  /** Sizes `signal` with options.sizer and places a market order (extra fields are added to it). */
  orderSignal(asset: string, signal: number, extra?: Omit<OrderRequest, 'asset' | 'quantity' | 'targetWeight' | 'targetQuantity'>): number;
  /** Market order to a flat position. */
  closePosition(asset: string): number;
  /** Two market legs: y gets `units`, x gets −hedgeRatio × units. Returns [yId, xId]. */
  orderPair(pair: PairOrder): [number, number];
  /** Cancels a working order; false when it is no longer working. */
  cancel(id: number): boolean;
  /** Working orders (copies of their records), of one asset or all. */
  openOrders(asset?: string): EventOrderRecord[];
}

export interface Strategy {
  init?(ctx: StrategyContext): void;
  onBar(ctx: StrategyContext): void;
}

/**
 * nextOpen: market orders placed at bar t fill at bar t+1's open (default). nextClose: at bar
 * t+1's close. sameClose: at bar t's own close, right after onBar (research only: the strategy
 * saw that close before deciding). Limit and stop orders always work from the next bar's range.
 */
export type FillModel = 'nextOpen' | 'nextClose' | 'sameClose';

export interface DrawdownBreaker {
  /** Trip when equity falls this fraction below its peak (0.2 = 20%). */
  readonly maxDrawdown: number;
  /** Bars after a trip before trading resumes with the peak reset to equity then; absent: never. */
  readonly rearmAfterBars?: number;
}

export interface EngineOptions {
  readonly initialCash?: number;
  readonly commission?: CommissionModel;
  readonly slippage?: SlippageModel;
  readonly fillModel?: FillModel;
  /** Fills are rounded toward zero to multiples of this (1 = whole shares); 0 = fractional. */
  readonly lotSize?: number;
  /** Gross exposure after a fill that adds exposure must stay <= maxLeverage × equity. */
  readonly maxLeverage?: number;
  /** What a fill beyond buying power does: shrink to what fits, or be rejected. */
  readonly insufficientCash?: 'reduce' | 'reject';
  readonly allowShort?: boolean;
  /** Caps |position| per asset: units and/or a fraction of equity at the fill price. */
  readonly maxPosition?: { readonly quantity?: number; readonly weight?: number };
  readonly drawdownBreaker?: DrawdownBreaker;
  readonly atrPeriod?: number;
  readonly sizer?: Sizer;
}

export interface StreamingEngineOptions extends EngineOptions {
  readonly assets: readonly string[];
  /** Bars expected (storage grows past it). */
  readonly capacity?: number;
}

export interface BreakerTrip { readonly bar: number; readonly time: number; readonly equity: number; readonly peak: number }

export interface EventBacktestResult {
  readonly assets: readonly string[];
  readonly initialCash: number;
  readonly time: Float64Array;
  /** Equity at each bar's close. */
  readonly equity: Float64Array;
  readonly cash: Float64Array;
  /** returns[t] = equity[t] / equity[t−1] − 1, with equity[−1] = initialCash. */
  readonly returns: Float64Array;
  /** Units held at each close, row-major: positions[t × assets.length + a]. */
  readonly positions: Float64Array;
  readonly trades: readonly TradeRecord[];
  /** The asset of each trade, aligned with `trades`. */
  readonly tradeAssets: readonly string[];
  readonly openLots: readonly OpenLot[];
  readonly orders: readonly EventOrderRecord[];
  readonly breakerTrips: readonly BreakerTrip[];
  readonly finalEquity: number;
}
