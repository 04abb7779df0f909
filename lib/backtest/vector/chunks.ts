// The one allocation a sweep makes for its inputs: a buffer of chunkSize x bars slots, cut into
// per-set views and reused for every chunk. Peak memory of a sweep is therefore O(chunk x bars)
// for signals or targets, O(sets) for the summary table, and O(bars) per set only for the sets
// whose curves or trades were asked for.
import { InvalidArgumentError } from '../../util/errors';

export const DEFAULT_CHUNK_SIZE = 256;

export class ChunkBuffers<T extends Uint8Array | Float64Array> {
  /** Bytes held, fixed at construction. */
  readonly bytes: number;
  private readonly buffer: T;
  private readonly slots: T[];

  constructor(kind: new (length: number) => T, readonly chunkSize: number, readonly bars: number) {
    if (!(Number.isInteger(chunkSize) && chunkSize >= 1)) {
      throw new InvalidArgumentError('options.chunkSize', chunkSize, 'must be a positive integer', `pass a number of parameter sets per chunk, e.g. ${DEFAULT_CHUNK_SIZE}`);
    }
    this.buffer = new kind(chunkSize * bars);
    this.bytes = this.buffer.byteLength;
    this.slots = Array.from({ length: chunkSize }, (_, j) => this.buffer.subarray(j * bars, (j + 1) * bars) as T);
  }

  /** Views of the first `count` slots, each reset to `fill`; they share (and overwrite) the one buffer. */
  views(count: number, fill: number): T[] {
    if (count > this.chunkSize) throw new RangeError(`asked for ${count} slots, the chunk holds ${this.chunkSize}`);
    this.buffer.fill(fill, 0, count * this.bars);
    return this.slots.slice(0, count);
  }
}
