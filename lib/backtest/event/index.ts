// Event-driven backtesting: a streaming engine that runs a Strategy bar by bar, live or over
// history, with a broker simulation (order types, time in force, costs, exits, risk limits).
export { StreamingEngine } from './engine';
export { runEventBacktest } from './backtest';
export { LookAheadError } from './errors';
export { fixedFractionSizer, DEFAULT_SIZER_FRACTION } from './sizers';
export { eventResultToJSON, eventResultFromJSON, type EventBacktestJSON } from './json';
export { limitFillPrice, stopFillPrice, stopLimitFill } from './fills';
export {
  DEFAULT_INITIAL_CASH, DEFAULT_FILL_MODEL, DEFAULT_LOT_SIZE, DEFAULT_MAX_LEVERAGE, DEFAULT_INSUFFICIENT_CASH,
  DEFAULT_ALLOW_SHORT, DEFAULT_ENGINE_ATR_PERIOD,
} from './config';
// TradeRecord (the trade list's row) is the performance module's type, exported from there.
export type {
  Strategy, StrategyContext, OrderRequest, OrderType, TimeInForce, ExitLevel, TrailingStop, OrderStatus, OrderRole,
  OrderEvent, EventOrderRecord, OrderLogEntry, OpenLot, AssetHistory, IndicatorHandle, PortfolioView,
  SizeDecision, Sizer, PairOrder, FillModel, DrawdownBreaker, EngineOptions, StreamingEngineOptions, BreakerTrip,
  EventBacktestResult, BarSource,
} from './types';
export { fixedFractionalSizer, kellySizer, volatilityTargetSizer, riskParitySizer, DEFAULT_SIZER_LOOKBACK } from './sizing-sizers';
