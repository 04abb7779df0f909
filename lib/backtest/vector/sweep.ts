// Parameter sweeps: every parameter set is one column of its own portfolio, simulated chunk by
// chunk. A chunk's signals (or targets) are written into one reusable buffer (chunks.ts), the
// chunk is simulated, and only its summary rows are kept, so 10,000 sets on 5,000 bars hold
// 2 x chunk x 5,000 bytes of signals and 8 x 10,000 x 8 bytes of results, never 10,000 curves.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { ChunkBuffers, DEFAULT_CHUNK_SIZE } from './chunks';
import { Engine } from './engine';
import { perColumnArrays, resolvePlan } from './inputs';
import { resolveSignalSize, resolveStops, SignalSource } from './from-signals';
import { DEFAULT_TARGET_KIND, TargetSource } from './from-targets';
import { createSummary } from './summary';
import type {
  Direction, FillPrice, GroupCurves, OrderRecord, PortfolioSummary, VectorPrices, SignalOptions, SignalSize,
  SimulationOptions, SimulationResult, StopExitPrice, TargetKind, TradeRecord,
} from './types';

export type ParamGrid = Readonly<Record<string, readonly number[]>>;
export type ParamValues<P extends ParamGrid> = { readonly [K in keyof P]: number };
/** A value for every set, or a function of the set's parameters (e.g. slStop: (p) => p.stop). */
export type PerSet<V> = number | ((params: V) => number);

export interface SignalBuffers {
  readonly entries: Uint8Array;
  readonly exits: Uint8Array;
}

export interface SweepSimulationOptions<V> {
  /** One asset. */
  readonly prices: VectorPrices;
  readonly initCash?: number;
  readonly fees?: PerSet<V>;
  readonly fixedFees?: PerSet<V>;
  readonly slippage?: PerSet<V>;
  readonly price?: FillPrice;
  readonly direction?: Direction;
  readonly periodsPerYear?: number;
  readonly size?: SignalSize;
  readonly slStop?: PerSet<V>;
  readonly trailStop?: PerSet<V>;
  readonly tpStop?: PerSet<V>;
  readonly stopExitPrice?: StopExitPrice;
  readonly targetKind?: TargetKind;
  /** Parameter sets simulated together (default DEFAULT_CHUNK_SIZE); the input buffer holds chunkSize x bars values. */
  readonly chunkSize?: number;
  /** Rows (parameter sets) whose per-bar cash, equity and position to keep. */
  readonly curves?: readonly number[];
  readonly recordTrades?: readonly number[];
  readonly recordOrders?: readonly number[];
}

export interface SweepOptions<P extends ParamGrid> extends SweepSimulationOptions<ParamValues<P>> {
  /** The grid: every combination of the listed values is one row (the last parameter varies fastest). */
  readonly params: P;
  /** Writes the set's entries/exits into `out` (zeroed), or returns arrays of its own. */
  readonly signals?: (params: ParamValues<P>, out: SignalBuffers) => SignalBuffers | void;
  /** Writes the set's targets into `out` (NaN-filled), or returns an array of its own. */
  readonly targets?: (params: ParamValues<P>, out: Float64Array) => Float64Array | void;
}

/** The sweep's result: one row per parameter set, columnar (parameter columns + summary columns). */
export interface SweepTable extends PortfolioSummary {
  readonly rows: number;
  readonly paramNames: readonly string[];
  readonly params: Readonly<Record<string, Float64Array>>;
  readonly curves: ReadonlyMap<number, GroupCurves>;
  /** Closed trades of the rows listed in recordTrades. */
  readonly tradeRecords: ReadonlyMap<number, readonly TradeRecord[]>;
  /** Filled orders of the rows listed in recordOrders (column = row). */
  readonly orderRecords: ReadonlyMap<number, readonly OrderRecord[]>;
  readonly chunkSize: number;
  /** Bytes of the reused input buffer (chunkSize x bars x 2 for signals, x 8 for targets): the sweep's O(chunk x bars) term. */
  readonly bufferBytes: number;
}

export const SWEEP_SIMULATION_KEYS = [
  'prices', 'initCash', 'fees', 'fixedFees', 'slippage', 'price', 'direction', 'periodsPerYear', 'size', 'slStop',
  'trailStop', 'tpStop', 'stopExitPrice', 'targetKind', 'chunkSize', 'curves', 'recordTrades', 'recordOrders',
] as const;

/** What a sweep simulates: `rows` sets, each filling its inputs on demand. */
export interface SweepJob<V> {
  readonly rows: number;
  readonly params: Readonly<Record<string, Float64Array>>;
  valuesOf(row: number): V;
  readonly signals?: (row: number, out: SignalBuffers) => SignalBuffers | void;
  readonly targets?: (row: number, out: Float64Array) => Float64Array | void;
}

export function sweep<P extends ParamGrid>(options: SweepOptions<P>): SweepTable {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', options, 'must be an options object', 'pass { prices, params, signals } or { prices, params, targets }');
  }
  rejectUnknownOptions('options', options, [...SWEEP_SIMULATION_KEYS, 'params', 'signals', 'targets']);
  const { names, params, rows } = productGrid(options.params);
  const valuesOf = (row: number): ParamValues<P> => {
    const values: Record<string, number> = {};
    for (const name of names) values[name] = params[name]![row]!;
    return values as ParamValues<P>;
  };
  const { signals, targets } = options;
  if ((signals === undefined) === (targets === undefined)) {
    throw new InvalidArgumentError('options.signals', signals, 'exactly one of signals and targets must be given', 'pass signals: (params, out) => ... for entries/exits, or targets: (params, out) => ...');
  }
  if (signals !== undefined && typeof signals !== 'function') {
    throw new InvalidArgumentError('options.signals', signals, 'must be a function (params, out) => void | { entries, exits }', 'write the entries/exits of one parameter set');
  }
  if (targets !== undefined && typeof targets !== 'function') {
    throw new InvalidArgumentError('options.targets', targets, 'must be a function (params, out) => void | Float64Array', 'write the targets of one parameter set');
  }
  return runSweep<ParamValues<P>>({
    rows,
    params,
    valuesOf,
    ...(signals !== undefined ? { signals: (row: number, out: SignalBuffers) => signals(valuesOf(row), out) } : {}),
    ...(targets !== undefined ? { targets: (row: number, out: Float64Array) => targets(valuesOf(row), out) } : {}),
  }, options);
}

function productGrid(grid: ParamGrid): { names: string[]; params: Record<string, Float64Array>; rows: number } {
  if (grid === null || typeof grid !== 'object' || Array.isArray(grid)) {
    throw new InvalidArgumentError('options.params', grid, 'must be an object of value lists', 'pass e.g. { fast: [5, 10], slow: [50, 100] }');
  }
  const names = Object.keys(grid);
  if (names.length === 0) throw new InvalidArgumentError('options.params', grid, 'has no parameter', 'pass at least one list, e.g. { window: [10, 20] }');
  let rows = 1;
  for (const name of names) {
    const values = grid[name];
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new InvalidArgumentError(`options.params.${name}`, values, 'must be a non-empty list of finite numbers', `pass e.g. ${name}: [10, 20, 30]`);
    }
    rows *= values.length;
  }
  const params: Record<string, Float64Array> = {};
  let stride = rows;
  for (const name of names) {
    const values = grid[name]!;
    stride /= values.length;
    const column = new Float64Array(rows);
    for (let r = 0; r < rows; r++) column[r] = values[Math.floor(r / stride) % values.length]!;
    params[name] = column;
  }
  return { names, params, rows };
}

/** Simulates every row of `job`, chunk by chunk; the engine behind sweep() and maCrossoverSweep(). */
export function runSweep<V>(job: SweepJob<V>, options: SweepSimulationOptions<V>): SweepTable {
  const prices = options.prices;
  if (Array.isArray(prices) || prices === null || typeof prices !== 'object') {
    throw new InvalidArgumentError('options.prices', prices, 'must be one asset { close, open?, high?, low?, time? }', 'sweep one asset at a time; use simulateFromSignals with asset/group for several');
  }
  const bars = prices.close?.length ?? 0;
  const requested = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!(Number.isInteger(requested) && requested >= 1)) {
    throw new InvalidArgumentError('options.chunkSize', requested, 'must be a positive integer', `pass a number of parameter sets per chunk, e.g. ${DEFAULT_CHUNK_SIZE}`);
  }
  const chunkSize = Math.min(requested, Math.max(job.rows, 1));
  const selected = (name: string, list: readonly number[] | undefined): Set<number> => {
    if (list === undefined) return new Set();
    if (!Array.isArray(list) || !list.every((r) => Number.isInteger(r) && r >= 0 && r < job.rows)) {
      throw new InvalidArgumentError(`options.${name}`, list, `must list row indices in [0, ${job.rows - 1}]`, 'pass the rows (parameter sets) to keep, e.g. [0]');
    }
    return new Set(list);
  };
  const keep = { curves: selected('curves', options.curves), trades: selected('recordTrades', options.recordTrades), orders: selected('recordOrders', options.recordOrders) };
  const useSignals = job.signals !== undefined;
  const entryBuffers = useSignals ? new ChunkBuffers(Uint8Array, chunkSize, bars) : undefined;
  const exitBuffers = useSignals ? new ChunkBuffers(Uint8Array, chunkSize, bars) : undefined;
  const targetBuffers = useSignals ? undefined : new ChunkBuffers(Float64Array, chunkSize, bars);

  const summary = createSummary(job.rows);
  const curves = new Map<number, GroupCurves>();
  const trades = new Map<number, readonly TradeRecord[]>();
  const orders = new Map<number, readonly OrderRecord[]>();
  for (let start = 0; start < job.rows; start += chunkSize) {
    const count = Math.min(chunkSize, job.rows - start);
    const local = (set: Set<number>): number[] => Array.from({ length: count }, (_, j) => j).filter((j) => set.has(start + j));
    const simOptions: SimulationOptions = {
      prices,
      ...(options.initCash !== undefined ? { initCash: options.initCash } : {}),
      fees: perSet('fees', options.fees, job, start, count, 0, 1),
      fixedFees: perSet('fixedFees', options.fixedFees, job, start, count, 0, Infinity),
      slippage: perSet('slippage', options.slippage, job, start, count, 0, 1),
      ...(options.price !== undefined ? { price: options.price } : {}),
      ...(options.direction !== undefined ? { direction: options.direction } : {}),
      ...(options.periodsPerYear !== undefined ? { periodsPerYear: options.periodsPerYear } : {}),
      curves: local(keep.curves),
      recordTrades: local(keep.trades),
      recordOrders: local(keep.orders),
    };
    const plan = resolvePlan(simOptions, count);
    let result: SimulationResult;
    if (useSignals) {
      const entries = entryBuffers!.views(count, 0);
      const exits = exitBuffers!.views(count, 0);
      for (let j = 0; j < count; j++) {
        const returned = job.signals!(start + j, { entries: entries[j]!, exits: exits[j]! });
        if (returned) {
          const label = `signals(row ${start + j})`;
          entries[j] = perColumnArrays(`${label}.entries`, returned.entries, Uint8Array, bars, 1)[0]!;
          exits[j] = perColumnArrays(`${label}.exits`, returned.exits, Uint8Array, bars, 1)[0]!;
        }
      }
      const stopOptions = {
        slStop: perSet('slStop', options.slStop, job, start, count, 0, 1, true),
        trailStop: perSet('trailStop', options.trailStop, job, start, count, 0, 1, true),
        tpStop: perSet('tpStop', options.tpStop, job, start, count, 0, Infinity, true),
        ...(options.stopExitPrice !== undefined ? { stopExitPrice: options.stopExitPrice } : {}),
      } as SignalOptions;
      const engine = new Engine(plan, resolveStops(stopOptions, plan));
      result = engine.run(new SignalSource(plan, entries, exits, resolveSignalSize(options.size, plan), engine.holdings, engine.intents));
    } else {
      const targets = targetBuffers!.views(count, NaN);
      for (let j = 0; j < count; j++) {
        const returned = job.targets!(start + j, targets[j]!);
        if (returned) targets[j] = perColumnArrays(`targets(row ${start + j})`, returned, Float64Array, bars, 1)[0]!;
      }
      const engine = new Engine(plan);
      result = engine.run(new TargetSource(plan, targets, options.targetKind ?? DEFAULT_TARGET_KIND, engine.holdings, engine.intents));
    }
    copyRows(result, summary, start, count);
    result.curves.forEach((c, j) => curves.set(start + j, { ...c, group: start + j, columns: [start + j] }));
    result.trades.forEach((rows, j) => trades.set(start + j, rows));
    result.orders.forEach((rows, j) => orders.set(start + j, rows.map((o) => ({ ...o, column: start + j }))));
  }
  return {
    rows: job.rows,
    paramNames: Object.keys(job.params),
    params: job.params,
    ...summary,
    curves,
    tradeRecords: trades,
    orderRecords: orders,
    chunkSize,
    bufferBytes: (entryBuffers?.bytes ?? 0) + (exitBuffers?.bytes ?? 0) + (targetBuffers?.bytes ?? 0),
  };
}

/** A per-set option resolved for rows start .. start + count - 1 (undefined stays undefined: the default). */
function perSet<V>(
  name: string, value: PerSet<V> | undefined, job: SweepJob<V>, start: number, count: number, min: number, max: number,
  allowNaN = false,
): number | Float64Array | undefined {
  if (value === undefined || typeof value === 'number') return value;
  if (typeof value !== 'function') {
    throw new InvalidArgumentError(`options.${name}`, value, 'must be a number or a function of the parameters', `pass e.g. ${name}: (p) => p.${name}`);
  }
  const out = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const v = value(job.valuesOf(start + j));
    if (!(typeof v === 'number' && ((allowNaN && Number.isNaN(v)) || (v >= min && v < max)))) {
      throw new InvalidArgumentError(`options.${name}(row ${start + j})`, v, `must return a number in [${min}, ${max})${allowNaN ? ' or NaN (off)' : ''}`, 'fix the function for that parameter set');
    }
    out[j] = v;
  }
  return out;
}

function copyRows(result: SimulationResult, into: PortfolioSummary, start: number, count: number): void {
  for (const key of Object.keys(into) as (keyof PortfolioSummary)[]) into[key].set(result.summary[key].subarray(0, count), start);
}
