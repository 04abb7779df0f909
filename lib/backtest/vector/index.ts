// Public API of the vectorised portfolio simulator (lib/backtest/vector).
export { simulateFromSignals, DEFAULT_SIGNAL_SIZE, DEFAULT_STOP_EXIT_PRICE } from './from-signals';
export { simulateFromTargets, DEFAULT_TARGET_KIND } from './from-targets';
export { DEFAULT_INIT_CASH, DEFAULT_FILL_PRICE, DEFAULT_DIRECTION } from './inputs';
export { MIN_ORDER_SIZE } from './execute';
export { sweep, type ParamGrid, type ParamValues, type PerSet, type SignalBuffers, type SweepOptions, type SweepSimulationOptions, type SweepTable } from './sweep';
export { maCrossoverSweep, DEFAULT_PAIR_FILTER, type MaCrossoverSweepOptions, type MaPair, type PairFilter } from './ma-sweep';
export { ChunkBuffers, DEFAULT_CHUNK_SIZE } from './chunks';
export { crossSignals, movingAverageFromSum, runningSum } from './crossover';
export { sweepColumns, sweepToArquero, SUMMARY_COLUMNS } from './table';
export type {
  Direction, FillPrice, GroupCurves, OrderRecord, PerColumn, PortfolioSummary, VectorPrices, Selection, SignalOptions,
  SignalSize, SimulationOptions, SimulationResult, StopExitPrice, TargetKind, TargetOptions,
} from './types';
