// Lagged values: the value of a series k bars ago, k = minLag..maxLag, as one kind with one output
// per lag ('lag1'..'lag5' by default). Lagged one-bar log returns are the usual model inputs, so
// that is the default source. The first k values of lag k are NaN.
import { InvalidArgumentError } from '../util/errors';
import { checkSeries, checkWindow, nanArray } from './check';
import { notInteger, type FeatureKind } from './kind';
import { seriesColumn, seriesParams, SeriesSourceReader, type SeriesSource } from './returns';

export const DEFAULT_MIN_LAG = 1;
export const DEFAULT_MAX_LAG = 5;

/** The last `length` values pushed; at(k) is the value pushed k pushes ago (0 = latest), NaN before it exists. */
export class DelayLine {
  private readonly ring: Float64Array;
  private next = 0;
  private seen = 0;
  constructor(readonly length: number) {
    checkWindow('length', length);
    this.ring = new Float64Array(length);
  }
  push(x: number): void {
    this.ring[this.next] = x;
    this.next = this.next + 1 === this.length ? 0 : this.next + 1;
    if (this.seen < this.length) this.seen++;
  }
  at(k: number): number {
    if (k >= this.seen) return Number.NaN;
    const i = this.next - 1 - k;
    return this.ring[i < 0 ? i + this.length : i]!;
  }
}

/** y[t] = x[t - k], NaN for t < k. */
export function lagged(x: Float64Array, k: number): Float64Array {
  checkSeries('x', x);
  checkWindow('k', k);
  return shifted(x, k);
}

// A lag is a shifted copy; copying the block gives exactly the values the DelayLine of the
// streaming path yields, at memcpy speed.
function shifted(x: Float64Array, k: number): Float64Array {
  const out = nanArray(x.length);
  if (k < x.length) out.set(x.subarray(0, x.length - k), k);
  return out;
}

export interface LagParams {
  readonly source: SeriesSource;
  readonly minLag: number;
  readonly maxLag: number;
}

const LAG_DEFAULTS: LagParams = { source: 'logReturn', minLag: DEFAULT_MIN_LAG, maxLag: DEFAULT_MAX_LAG };

function lagParams(partial: Partial<LagParams>, argument: string): LagParams {
  const p = seriesParams(partial, LAG_DEFAULTS, argument, (_key, value) => notInteger(value, 1));
  if (p.maxLag < p.minLag) {
    throw new InvalidArgumentError(`${argument}.maxLag`, p.maxLag, `must be >= minLag (${p.minLag})`, `pass maxLag ${p.minLag} for that lag alone, or lower minLag`);
  }
  return p;
}

export const lagKind: FeatureKind<LagParams> = {
  kind: 'lag', version: 1,
  description: 'Value of `source` (default: one-bar log return of close) k bars ago, one output per k in minLag..maxLag',
  defaults: LAG_DEFAULTS,
  params: lagParams,
  outputs: (p) => Array.from({ length: p.maxLag - p.minLag + 1 }, (_, i) => `lag${p.minLag + i}`),
  batch(bars, p) {
    const x = seriesColumn(bars, p.source);
    return Array.from({ length: p.maxLag - p.minLag + 1 }, (_, j) => shifted(x, p.minLag + j));
  },
  stream(p) {
    const reader = new SeriesSourceReader(p.source);
    const line = new DelayLine(p.maxLag + 1);
    const out = new Float64Array(p.maxLag - p.minLag + 1);
    return {
      update(bar) {
        line.push(reader.read(bar));
        for (let j = 0; j < out.length; j++) out[j] = line.at(p.minLag + j);
        return out;
      },
    };
  },
};
