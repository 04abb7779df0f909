// Shared pieces of the TA-Lib-compatible indicator families (weighted averages, MACD, momentum,
// stochastics, oscillators): input checks for kernels that read several bar columns, parameter
// checks the families have in common, and an SMA that restarts cleanly after a gap.
// Zero tests are exact (x === 0) or relative (isZeroScaled), never an absolute band such as
// TA-Lib 0.4's 1e-8: TA-Lib 0.8 dropped those bands too, so series quoted in tiny units keep
// their values.
import { InvalidArgumentError } from '../util/errors';
import { checkSeries, checkWindow } from './check';
import { notInteger, notSource } from './kind';

/**
 * Checks kernel inputs that are columns of the same bars: each a Float64Array, all one length.
 * Returns that length.
 */
export function checkColumns(columns: Readonly<Record<string, unknown>>): number {
  let n = -1;
  let first = '';
  for (const [name, column] of Object.entries(columns)) {
    checkSeries(name, column);
    if (n < 0) { n = column.length; first = name; continue; }
    if (column.length !== n) {
      throw new InvalidArgumentError(name, column, `must have the length of ${first} (${n})`, 'pass columns of the same bars, e.g. bars.high, bars.low, bars.close');
    }
  }
  return n;
}

/** Parameter check shared by the families: 'source' is a price column, everything else a period >= min. */
export function periodOrSource(min: number) {
  return (key: string, value: unknown): string | undefined => (key === 'source' ? notSource(value) : notInteger(value, min));
}

/** Throws when `shorter` is not below `longer` (fast/slow pairs), naming the fix. */
export function checkShorter(argument: string, shorterKey: string, shorter: number, longerKey: string, longer: number): void {
  if (!(shorter < longer)) {
    throw new InvalidArgumentError(`${argument}.${shorterKey}`, shorter, `must be less than ${longerKey} (${longer})`, `pass a ${shorterKey} below ${longer}, e.g. ${Math.max(1, Math.floor(longer / 2))}`);
  }
}

/**
 * Simple moving average that restarts after a missing value: the running sum starts again from
 * zero, so the values after a gap are bit for bit those of a series starting after it (the shared
 * SmaState keeps its sum across the gap, which differs in the last bits; near-zero differences
 * such as APO would show them). Same operation order as TA-Lib's SMA.
 */
export class RestartingSma {
  private readonly ring: Float64Array;
  private next = 0;
  private run = 0;
  private sum = 0;
  constructor(readonly window: number) {
    checkWindow('window', window);
    this.ring = new Float64Array(window);
  }
  update(x: number): number {
    if (x !== x) { this.run = 0; this.sum = 0; return Number.NaN; }
    const w = this.window;
    const old = this.ring[this.next]!;
    this.ring[this.next] = x;
    this.next = this.next + 1 === w ? 0 : this.next + 1;
    if (++this.run > w) this.sum -= old;
    this.sum += x;
    return this.run >= w ? this.sum / w : Number.NaN;
  }
}

/**
 * TA-Lib 0.8's relative zero test (TA_IS_ZERO_SCALED): |v| within 1e-14 of `scale` (~90 ulp), for
 * a difference of two comparable numbers whose sum of magnitudes is `scale`.
 */
export function isZeroScaled(v: number, scale: number): boolean {
  return Math.abs(v) <= 1e-14 * scale;
}
