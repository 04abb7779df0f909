// Episode return, length and wall time (Gymnasium's RecordEpisodeStatistics): when an episode
// ends, info.episode = { r, l, t } (t in seconds, rounded to microseconds), and the last
// `bufferLength` episodes are kept for a training log.
import { InvalidArgumentError } from '../../../util/errors';
import { rejectUnknownOptions } from '../../../util/options';
import type { Env, Info, ResetOptions, StepResult } from '../types';
import { Wrapper } from '../wrapper';

export const DEFAULT_EPISODE_BUFFER = 100;

export interface EpisodeStatistics { readonly r: number; readonly l: number; readonly t: number }

export interface RecordEpisodeStatisticsOptions {
  readonly bufferLength?: number;
  /** Clock in milliseconds (default performance.now); pass a fake one for reproducible tests. */
  readonly now?: () => number;
}

export class RecordEpisodeStatistics<Obs = Float64Array, Act = number> extends Wrapper<Obs, Act> {
  readonly bufferLength: number;
  /** The last episodes, oldest first. */
  readonly episodes: EpisodeStatistics[] = [];
  private readonly now: () => number;
  private episodeReturn = 0;
  private episodeLength = 0;
  private start = 0;

  constructor(env: Env<Obs, Act>, options: RecordEpisodeStatisticsOptions = {}) {
    super(env);
    rejectUnknownOptions('options', options, ['bufferLength', 'now']);
    const n = options.bufferLength ?? DEFAULT_EPISODE_BUFFER;
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('options.bufferLength', n, 'must be a whole number >= 1', 'pass how many finished episodes to keep, e.g. 100');
    if (options.now !== undefined && typeof options.now !== 'function') throw new InvalidArgumentError('options.now', options.now, 'must be a function returning milliseconds', 'leave it out to use performance.now');
    this.bufferLength = n;
    this.now = options.now ?? (() => performance.now());
  }

  protected wrapReset(options: ResetOptions): [Obs, Info] {
    const out = this.env.reset(options);
    this.episodeReturn = 0;
    this.episodeLength = 0;
    this.start = this.now();
    return out;
  }

  protected wrapStep(action: Act): StepResult<Obs> {
    const out = this.env.step(action);
    this.episodeReturn += out[1];
    this.episodeLength++;
    if (out[2] || out[3]) {
      const episode = { r: this.episodeReturn, l: this.episodeLength, t: Math.round((this.now() - this.start) * 1e3) / 1e6 };
      this.episodes.push(episode);
      if (this.episodes.length > this.bufferLength) this.episodes.shift();
      out[4] = { ...out[4], episode };
    }
    return out;
  }
}
