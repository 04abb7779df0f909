// A token bucket: `requestsPerMinute` tokens drip in evenly, at most `burst` are banked, and each
// request takes one. A caller that finds the bucket empty reserves the next token (the count goes
// negative) and sleeps until it drips in, so concurrent callers queue in arrival order without
// polling, and a burst after a quiet spell is served at once.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { systemClock, type Clock } from './clock';

export interface TokenBucketOptions {
  readonly requestsPerMinute: number;
  /** Tokens banked while idle, i.e. requests allowed back to back. Default DEFAULT_BURST. */
  readonly burst?: number;
  readonly clock?: Clock;
}

export const DEFAULT_BURST = 1;

export class TokenBucket {
  readonly requestsPerMinute: number;
  readonly burst: number;
  private readonly clock: Clock;
  private readonly perMs: number;
  private tokens: number;
  private last: number;

  constructor(options: TokenBucketOptions) {
    rejectUnknownOptions('options', options, ['requestsPerMinute', 'burst', 'clock']);
    const rpm = options?.requestsPerMinute;
    if (typeof rpm !== 'number' || !(rpm > 0)) {
      throw new InvalidArgumentError('options.requestsPerMinute', rpm, 'must be a positive number', 'pass the limit the provider documents, e.g. 300 (Infinity for no limit)');
    }
    const burst = options.burst ?? DEFAULT_BURST;
    if (!Number.isInteger(burst) || burst < 1) {
      throw new InvalidArgumentError('options.burst', burst, 'must be an integer >= 1', 'pass 1 to space every request evenly');
    }
    this.requestsPerMinute = rpm;
    this.burst = burst;
    this.clock = options.clock ?? systemClock;
    this.perMs = rpm / 60_000;
    this.tokens = burst;
    this.last = this.clock.now();
  }

  /** Waits for a token (the wait in ms is returned, for logging); aborting gives the token back. */
  async acquire(signal?: AbortSignal): Promise<number> {
    if (this.requestsPerMinute === Infinity) return 0;
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    const wait = -this.tokens / this.perMs;
    try {
      await this.clock.sleep(wait, signal);
    } catch (error) {
      this.tokens += 1;
      throw error;
    }
    return wait;
  }
}
