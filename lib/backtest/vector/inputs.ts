// Boundary checks of the simulator: every input is validated once, here, and resolved into a flat
// plan (per-column arrays, group membership) that the kernels read without further checks.
// Inputs are only read; per-column option arrays are fresh copies.
import { InvalidArgumentError } from '../../util/errors';
import { DEFAULT_PERIODS_PER_YEAR } from '../metrics';
import type { Direction, FillPrice, PerColumn, VectorPrices, Selection, SimulationOptions } from './types';

export const DEFAULT_INIT_CASH = 100;
export const DEFAULT_FILL_PRICE: FillPrice = 'close';
export const DEFAULT_DIRECTION: Direction = 'longOnly';

/** Option keys every simulation entry point accepts. */
export const SIMULATION_KEYS = [
  'prices', 'asset', 'group', 'initCash', 'fees', 'fixedFees', 'slippage', 'price', 'direction', 'periodsPerYear',
  'recordOrders', 'recordTrades', 'curves',
] as const;

export interface Plan {
  readonly bars: number;
  readonly columns: number;
  readonly groups: number;
  /** Per column: its asset's arrays (shared, never copied). */
  readonly close: readonly Float64Array[];
  readonly open: readonly (Float64Array | undefined)[];
  readonly high: readonly (Float64Array | undefined)[];
  readonly low: readonly (Float64Array | undefined)[];
  readonly time: readonly (Float64Array | undefined)[];
  /** Columns ordered by group, then column index; group g owns members[groupStart[g] .. groupStart[g + 1]). */
  readonly members: Int32Array;
  readonly groupStart: Int32Array;
  readonly initCash: Float64Array;
  readonly fees: Float64Array;
  readonly fixedFees: Float64Array;
  readonly slippage: Float64Array;
  readonly fillPrice: FillPrice;
  readonly direction: Direction;
  readonly periodsPerYear: number;
  readonly recordOrders: Uint8Array;
  readonly recordTrades: Uint8Array;
  readonly curves: Uint8Array;
}

/** Resolves the options shared by every simulation; `columns` comes from the signal/target arrays. */
export function resolvePlan(options: SimulationOptions, columns: number): Plan {
  const assets = resolvePrices(options.prices);
  const bars = assets[0]!.close.length;
  const asset = resolveAsset(options.asset, columns, assets.length);
  const group = options.group === undefined ? Int32Array.from({ length: columns }, (_, c) => c) : resolveGroup(options.group, columns);
  const groups = columns === 0 ? 0 : Math.max(...group) + 1;
  const { members, groupStart } = membership(group, groups);
  const fillPrice = options.price ?? DEFAULT_FILL_PRICE;
  if (fillPrice !== 'close' && fillPrice !== 'nextOpen') {
    throw new InvalidArgumentError('options.price', fillPrice, "must be 'close' or 'nextOpen'", "pass 'close' to fill at the signal bar's close, 'nextOpen' for the next bar's open");
  }
  if (fillPrice === 'nextOpen') {
    asset.forEach((a) => {
      if (assets[a]!.open === undefined) {
        const name = Array.isArray(options.prices) ? `options.prices[${a}].open` : 'options.prices.open';
        throw new InvalidArgumentError(name, undefined, "is required with price 'nextOpen'", "pass the open prices, or use price: 'close'");
      }
    });
  }
  const direction = options.direction ?? DEFAULT_DIRECTION;
  if (direction !== 'longOnly' && direction !== 'shortOnly' && direction !== 'both') {
    throw new InvalidArgumentError('options.direction', direction, "must be 'longOnly', 'shortOnly' or 'both'", "pass 'longOnly' for long/flat strategies");
  }
  const periodsPerYear = options.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR;
  if (!(typeof periodsPerYear === 'number' && Number.isFinite(periodsPerYear) && periodsPerYear > 0)) {
    throw new InvalidArgumentError('options.periodsPerYear', periodsPerYear, 'must be a positive number', 'pass 252 for daily bars, 52 weekly, 12 monthly');
  }
  return {
    bars,
    columns,
    groups,
    close: Array.from(asset, (a) => assets[a]!.close),
    open: Array.from(asset, (a) => assets[a]!.open),
    high: Array.from(asset, (a) => assets[a]!.high),
    low: Array.from(asset, (a) => assets[a]!.low),
    time: Array.from(asset, (a) => assets[a]!.time),
    members,
    groupStart,
    initCash: perGroupCash(options.initCash, groups),
    fees: perColumn('options.fees', options.fees, columns, 0, 0, 1, 'pass fees as a fraction of notional, e.g. 0.001 for 0.1%'),
    fixedFees: perColumn('options.fixedFees', options.fixedFees, columns, 0, 0, Infinity, 'pass a fixed cash fee per order, e.g. 1'),
    slippage: perColumn('options.slippage', options.slippage, columns, 0, 0, 1, 'pass slippage as a fraction of the price, e.g. 0.0005'),
    fillPrice,
    direction,
    periodsPerYear,
    recordOrders: selection('options.recordOrders', options.recordOrders, columns, 'column'),
    recordTrades: selection('options.recordTrades', options.recordTrades, columns, 'column'),
    curves: selection('options.curves', options.curves, groups, 'group'),
  };
}

function resolvePrices(prices: unknown): VectorPrices[] {
  const list = Array.isArray(prices) ? (prices as unknown[]) : [prices];
  if (list.length === 0) {
    throw new InvalidArgumentError('options.prices', prices, 'is empty', 'pass { close } for one asset or an array of them');
  }
  const n = (list[0] as VectorPrices | undefined)?.close?.length;
  return list.map((p, a) => {
    const name = Array.isArray(prices) ? `options.prices[${a}]` : 'options.prices';
    if (p === null || typeof p !== 'object') {
      throw new InvalidArgumentError(name, p, 'must be an object { close, open?, high?, low?, time? }', 'pass the asset bars (a Bars object works)');
    }
    const s = p as VectorPrices;
    requirePrices(`${name}.close`, s.close, n ?? 0);
    if (s.close.length < 2) {
      throw new InvalidArgumentError(`${name}.close`, s.close, 'needs at least 2 bars', 'pass a longer price series');
    }
    for (const key of ['open', 'high', 'low'] as const) if (s[key] !== undefined) requirePrices(`${name}.${key}`, s[key], n!);
    if (s.time !== undefined) {
      if (!(s.time instanceof Float64Array) || s.time.length !== n) {
        throw new InvalidArgumentError(`${name}.time`, s.time, `must be a Float64Array of length ${n}`, 'pass one epoch-ms timestamp per bar');
      }
    }
    return s;
  });
}

function requirePrices(name: string, values: unknown, n: number): void {
  if (!(values instanceof Float64Array)) {
    throw new InvalidArgumentError(name, values, 'must be a Float64Array', 'convert with Float64Array.from(values)');
  }
  if (values.length !== n) {
    throw new InvalidArgumentError(name, values, `has length ${values.length} but the first asset has ${n} bars`, 'align every price array of every asset to the same bars');
  }
  for (let t = 0; t < values.length; t++) {
    const v = values[t]!;
    if (!(v > 0 && v < Infinity)) {
      throw new InvalidArgumentError(`${name}[${t}]`, v, 'must be a finite positive price', 'drop or forward-fill missing bars before simulating');
    }
  }
}

function resolveAsset(asset: readonly number[] | undefined, columns: number, assets: number): Int32Array {
  if (asset === undefined) {
    if (assets === 1) return new Int32Array(columns);
    if (assets === columns) return Int32Array.from({ length: columns }, (_, c) => c);
    throw new InvalidArgumentError('options.asset', undefined, `is needed: ${columns} columns but ${assets} assets`, 'pass asset: one asset index per column');
  }
  if (!Array.isArray(asset) || asset.length !== columns) {
    throw new InvalidArgumentError('options.asset', asset, `must be an array of ${columns} asset indices (one per column)`, 'pass asset[c] = index into prices for column c');
  }
  return Int32Array.from(asset, (a, c) => {
    if (!(Number.isInteger(a) && a >= 0 && a < assets)) {
      throw new InvalidArgumentError(`options.asset[${c}]`, a, `must be an integer in [0, ${assets - 1}]`, 'index into the prices array');
    }
    return a;
  });
}

function resolveGroup(group: readonly number[], columns: number): Int32Array {
  if (!Array.isArray(group) || group.length !== columns) {
    throw new InvalidArgumentError('options.group', group, `must be an array of ${columns} group indices (one per column)`, 'pass group[c] = the portfolio column c belongs to, 0-based');
  }
  const out = Int32Array.from(group, (g, c) => {
    if (!(Number.isInteger(g) && g >= 0 && g < columns)) {
      throw new InvalidArgumentError(`options.group[${c}]`, g, `must be an integer in [0, ${columns - 1}]`, 'number groups 0, 1, 2, ... without gaps');
    }
    return g;
  });
  const used = new Uint8Array(columns);
  out.forEach((g) => (used[g] = 1));
  const groups = Math.max(...out) + 1;
  for (let g = 0; g < groups; g++) {
    if (!used[g]) throw new InvalidArgumentError('options.group', group, `has no column in group ${g}`, 'number groups 0, 1, 2, ... without gaps');
  }
  return out;
}

function membership(group: Int32Array, groups: number): { members: Int32Array; groupStart: Int32Array } {
  const groupStart = new Int32Array(groups + 1);
  for (const g of group) groupStart[g + 1]++;
  for (let g = 0; g < groups; g++) groupStart[g + 1] += groupStart[g]!;
  const next = groupStart.slice(0, groups);
  const members = new Int32Array(group.length);
  group.forEach((g, c) => (members[next[g]++] = c));
  return { members, groupStart };
}

function perGroupCash(initCash: number | readonly number[] | undefined, groups: number): Float64Array {
  const fix = 'pass the starting cash, e.g. 10000, or one value per group';
  if (initCash === undefined) return new Float64Array(groups).fill(DEFAULT_INIT_CASH);
  const values = typeof initCash === 'number' ? new Array<number>(groups).fill(initCash) : initCash;
  if (!Array.isArray(values) || values.length !== groups) {
    throw new InvalidArgumentError('options.initCash', initCash, `must be a number or an array of ${groups} numbers (one per group)`, fix);
  }
  return Float64Array.from(values, (v, g) => {
    if (!(typeof v === 'number' && v > 0 && v < Infinity)) {
      throw new InvalidArgumentError(typeof initCash === 'number' ? 'options.initCash' : `options.initCash[${g}]`, v, 'must be a finite positive number', fix);
    }
    return v;
  });
}

/**
 * A scalar or one value per column, each in [min, max) (NaN allowed where `allowNaN`); the result
 * is a fresh array.
 */
export function perColumn(
  name: string, value: PerColumn | undefined, columns: number, fallback: number, min: number, max: number, fix: string,
  allowNaN = false,
): Float64Array {
  const out = new Float64Array(columns);
  if (value === undefined) return out.fill(fallback);
  const check = (v: unknown, label: string): number => {
    if (typeof v === 'number' && Number.isNaN(v) && allowNaN) return v;
    if (!(typeof v === 'number' && v >= min && v < max)) {
      throw new InvalidArgumentError(label, v, `must be a number in [${min}, ${max})${allowNaN ? ' or NaN (off)' : ''}`, fix);
    }
    return v;
  };
  if (typeof value === 'number') return out.fill(check(value, name));
  if (!(Array.isArray(value) || value instanceof Float64Array) || value.length !== columns) {
    throw new InvalidArgumentError(name, value, `must be a number or ${columns} numbers (one per column)`, fix);
  }
  for (let c = 0; c < columns; c++) out[c] = check(value[c], `${name}[${c}]`);
  return out;
}

function selection(name: string, value: Selection | undefined, count: number, what: string): Uint8Array {
  const out = new Uint8Array(count);
  if (value === undefined || value === false) return out;
  if (value === true) return out.fill(1);
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError(name, value, `must be true, false or a list of ${what} indices`, `pass e.g. [0] to keep ${what} 0 only`);
  }
  for (const i of value) {
    if (!(Number.isInteger(i) && i >= 0 && i < count)) {
      throw new InvalidArgumentError(name, value, `holds ${i}, not a ${what} index in [0, ${count - 1}]`, `pass ${what} indices between 0 and ${count - 1}`);
    }
    out[i] = 1;
  }
  return out;
}

/** One array per column from a single broadcast array or a list of `columns`; every array has `bars` elements. */
export function perColumnArrays<T extends Uint8Array | Float64Array>(
  name: string, value: T | readonly T[], kind: new (n: number) => T, bars: number, columns: number,
): T[] {
  const expected = kind.name;
  if (!Array.isArray(value)) {
    if (!(value instanceof kind)) throw new InvalidArgumentError(name, value, `must be a ${expected} or one per column`, `convert with ${expected}.from(values)`);
    if (value.length !== bars) {
      throw new InvalidArgumentError(name, value, `has length ${value.length} but the prices have ${bars} bars`, 'pass one value per bar, aligned with close');
    }
    return new Array<T>(columns).fill(value as T);
  }
  const list = value as readonly T[];
  if (list.length !== columns) {
    throw new InvalidArgumentError(name, value, `holds ${list.length} arrays but there are ${columns} columns`, 'pass one array per column, or a single array for all');
  }
  list.forEach((a, c) => {
    if (!(a instanceof kind)) throw new InvalidArgumentError(`${name}[${c}]`, a, `must be a ${expected}`, `convert with ${expected}.from(values)`);
    if (a.length !== bars) {
      throw new InvalidArgumentError(`${name}[${c}]`, a, `has length ${a.length} but the prices have ${bars} bars`, 'pass one value per bar, aligned with close');
    }
  });
  return [...list];
}

/** Number of columns implied by the per-column arrays, the asset map or the assets. */
export function columnCount(options: SimulationOptions, ...arrays: unknown[]): number {
  for (const a of arrays) if (Array.isArray(a)) return a.length;
  if (Array.isArray(options.asset)) return options.asset.length;
  if (Array.isArray(options.group)) return options.group.length;
  return Array.isArray(options.prices) ? options.prices.length : 1;
}
