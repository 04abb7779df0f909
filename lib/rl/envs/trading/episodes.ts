// Where episodes run. Training: each reset draws a start bar uniformly (from the environment's
// generator) among the bars of the range where a whole episode of `length` steps fits with
// complete feature windows. Evaluation: every reset starts at the range's first bar and runs to
// its last, once. A range is rows [start, end) of the data: decisions and fills happen inside
// it, while feature windows may reach back before it (that is history, not look-ahead).
import { InvalidArgumentError } from '../../../util/errors';
import { rejectUnknownOptions } from '../../../util/options';
import type { Rng } from '../../../util/random';
import type { RowRange } from '../../../dataset/check';
import type { FeatureWindow } from './window';

export const DEFAULT_EPISODE_LENGTH = 252;
export type EpisodeMode = 'train' | 'evaluate';
export const DEFAULT_EPISODE_MODE: EpisodeMode = 'train';

/** Rows [start, end) of the data (rowsBetween(time, from, to) turns dates into one). */
export type { RowRange };

export interface EpisodeOptions {
  readonly range?: RowRange;
  readonly mode?: EpisodeMode;
  readonly episodeLength?: number;
}

export class EpisodePlan {
  readonly mode: EpisodeMode;
  readonly range: RowRange;
  /** Steps per episode. */
  readonly length: number;
  /** Training: the start bars an episode may use. */
  private readonly starts: Int32Array;

  constructor(options: EpisodeOptions, rows: number, windows: FeatureWindow) {
    const mode = options.mode ?? DEFAULT_EPISODE_MODE;
    if (mode !== 'train' && mode !== 'evaluate') throw new InvalidArgumentError('options.mode', mode, "must be 'train' or 'evaluate'", "pass 'train' (random episode starts) or 'evaluate' (one pass over the range)");
    this.mode = mode;
    this.range = checkRange(options.range ?? { start: 0, end: rows }, rows);
    const { start, end } = this.range;
    if (mode === 'evaluate') {
      if (options.episodeLength !== undefined) throw new InvalidArgumentError('options.episodeLength', options.episodeLength, "does not apply in 'evaluate' mode (the episode is the whole range)", 'leave it out, or shorten options.range');
      if (end - start < 2) throw new InvalidArgumentError('options.range', this.range, 'holds fewer than 2 bars', 'pass a range of at least 2 bars (one step)');
      if (!windows.complete(start, end - 1)) {
        const first = windows.firstComplete(start);
        throw new InvalidArgumentError('options.range.start', start, `leaves feature windows with missing values inside the range (the first bar with a complete window is ${first})`,
          first < 0 ? 'check the feature columns: no bar has a complete window' : `start the range at bar ${first} or later, or remove the missing values`);
      }
      this.length = end - 1 - start;
      this.starts = Int32Array.of(start);
      return;
    }
    const length = options.episodeLength ?? DEFAULT_EPISODE_LENGTH;
    if (!Number.isSafeInteger(length) || length < 1) throw new InvalidArgumentError('options.episodeLength', length, 'must be a whole number >= 1', `pass the steps per training episode, e.g. ${DEFAULT_EPISODE_LENGTH}`);
    this.length = length;
    const starts: number[] = [];
    for (let t = start; t + length <= end - 1; t++) if (windows.complete(t, t + length)) starts.push(t);
    if (starts.length === 0) {
      throw new InvalidArgumentError('options.episodeLength', length, `leaves no start bar in rows [${start}, ${end}) with complete feature windows for a whole episode`, 'shorten the episode, widen options.range, or use features with a shorter warm-up');
    }
    this.starts = Int32Array.from(starts);
  }

  /** The number of start bars training episodes draw from. */
  get startCount(): number {
    return this.starts.length;
  }

  /** The start bar of the next episode. */
  nextStart(rng: Rng): number {
    return this.mode === 'evaluate' ? this.starts[0]! : this.starts[rng.int(this.starts.length)]!;
  }
}

function checkRange(range: RowRange, rows: number): RowRange {
  rejectUnknownOptions('options.range', range, ['start', 'end']);
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || start >= rows) throw new InvalidArgumentError('options.range.start', start, `must be a row index in [0, ${rows})`, 'pass row indices, e.g. from rowsBetween(bars.time, from, to)');
  if (!Number.isSafeInteger(end) || end <= start || end > rows) throw new InvalidArgumentError('options.range.end', end, `must be a row index in (${start}, ${rows}] (exclusive end)`, 'pass the row after the last bar of the range');
  return { start, end };
}
