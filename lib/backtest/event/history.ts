// Bars seen so far, one growable set of Float64Array columns per asset. The engine appends one
// row per bar, so the storage never holds a future bar: a strategy can only be shown the past,
// whether the engine is replaying a file or being fed live.
import type { BarValues } from '../../features/kind';
import { InvalidArgumentError } from '../../util/errors';
import { LookAheadError } from './errors';
import type { AssetHistory } from './types';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
type Column = (typeof COLUMNS)[number];

export class BarHistory implements AssetHistory {
  length = 0;
  private cols: Record<Column, Float64Array>;

  constructor(readonly asset: string, capacity: number) {
    const size = Math.max(16, capacity);
    this.cols = { time: new Float64Array(size), open: new Float64Array(size), high: new Float64Array(size), low: new Float64Array(size), close: new Float64Array(size), volume: new Float64Array(size) };
  }

  append(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.length === this.cols.time.length) this.grow();
    const i = this.length++;
    const c = this.cols;
    c.time[i] = time; c.open[i] = open; c.high[i] = high; c.low[i] = low; c.close[i] = close; c.volume[i] = volume;
  }

  open(k = 0): number { return this.cols.open[this.index('open', k)] ?? Number.NaN; }
  high(k = 0): number { return this.cols.high[this.index('high', k)] ?? Number.NaN; }
  low(k = 0): number { return this.cols.low[this.index('low', k)] ?? Number.NaN; }
  close(k = 0): number { return this.cols.close[this.index('close', k)] ?? Number.NaN; }
  volume(k = 0): number { return this.cols.volume[this.index('volume', k)] ?? Number.NaN; }
  time(k = 0): number { return this.cols.time[this.index('time', k)] ?? Number.NaN; }

  at(k = 0): BarValues {
    const i = this.index('at', k);
    const c = this.cols;
    if (i < 0) return { time: Number.NaN, open: Number.NaN, high: Number.NaN, low: Number.NaN, close: Number.NaN, volume: Number.NaN };
    return { time: c.time[i]!, open: c.open[i]!, high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, volume: c.volume[i]! };
  }

  window(column: Column, n: number): Float64Array {
    const col = this.cols[column];
    if (col === undefined) throw new InvalidArgumentError('column', column, 'is not a bar column', `use one of ${COLUMNS.join(', ')}`);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('n', n, 'must be a whole number >= 0', 'pass how many bars back to read, e.g. 20');
    return col.subarray(Math.max(0, this.length - n), this.length);
  }

  /** Row of the bar k back from the newest, -1 before the first; throws on a future read. */
  private index(read: string, k: number): number {
    if (k !== (k | 0)) throw new InvalidArgumentError(`${this.asset}.${read}(k)`, k, 'must be a whole number of bars back', 'pass 0 for the current bar, 1 for the previous one');
    const current = this.length - 1;
    if (k < 0) throw new LookAheadError(`${this.asset}.${read}(${k})`, current - k, current);
    return current - k;
  }

  private grow(): void {
    for (const name of COLUMNS) {
      const bigger = new Float64Array(this.cols[name].length * 2);
      bigger.set(this.cols[name]);
      this.cols[name] = bigger;
    }
  }
}

/** Values of one streaming indicator per bar (one column per output), read k bars back. */
export class IndicatorSeries {
  length = 0;
  private cols: Float64Array[];

  constructor(readonly name: string, readonly outputs: number, capacity: number) {
    this.cols = Array.from({ length: outputs }, () => new Float64Array(Math.max(16, capacity)));
  }

  push(values: ArrayLike<number>): void {
    if (this.length === this.cols[0]!.length) {
      this.cols = this.cols.map((c) => { const b = new Float64Array(c.length * 2); b.set(c); return b; });
    }
    for (let j = 0; j < this.outputs; j++) this.cols[j]![this.length] = values[j]!;
    this.length++;
  }

  value(k = 0, output = 0): number {
    if (k !== (k | 0)) throw new InvalidArgumentError(`${this.name}.value(k)`, k, 'must be a whole number of bars back', 'pass 0 for the current bar, 1 for the previous one');
    const current = this.length - 1;
    if (k < 0) throw new LookAheadError(`${this.name}.value(${k})`, current - k, current);
    const col = this.cols[output];
    if (col === undefined) throw new InvalidArgumentError(`${this.name}.value(k, output)`, output, `must be an output index below ${this.outputs}`, 'pass 0 for the first output');
    return current - k >= 0 ? col[current - k]! : Number.NaN;
  }
}
