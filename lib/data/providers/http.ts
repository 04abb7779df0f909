// GET with the failure handling every provider needs: a per-provider token bucket, a timeout per
// attempt (AbortController, covering headers and body), and retries with exponential backoff and
// full jitter (delay uniform on [0, min(maxDelay, base * 2^(attempt-1))], AWS architecture blog
// "Exponential Backoff And Jitter") for network failures, cut-off bodies, 408/425/429/5xx. A
// Retry-After on 429/503 replaces the backoff delay. API keys are masked in every URL, body
// excerpt and retry event this file hands out.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { createRng, type Rng } from '../../util/random';
import { systemClock, type Clock } from './clock';
import { ProviderError } from './errors';
import { TokenBucket } from './rate-limiter';

export interface HttpOptions {
  /** Attempts per request, the first included. Default DEFAULT_MAX_ATTEMPTS. */
  readonly maxAttempts?: number;
  /** Backoff cap of the first retry; doubles per retry. Default DEFAULT_BASE_DELAY_MS. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A Retry-After longer than this fails at once (kind 'rate-limited') instead of blocking. */
  readonly maxRetryAfterMs?: number;
  /** Per attempt, until the whole body has arrived. Default DEFAULT_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** The provider's own default applies when absent; Infinity disables the limiter. */
  readonly requestsPerMinute?: number;
  readonly burst?: number;
  /** Draws the jitter. Default createRng(DEFAULT_JITTER_SEED): reproducible delays; pass your own to decorrelate processes. */
  readonly rng?: Rng;
  readonly clock?: Clock;
  /** Called before each retry's wait: the place to log. The URL in it is masked. */
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  readonly provider: string;
  readonly url: string;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
  /** The URL with secrets masked, for error messages. */
  readonly url: string;
}

export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_BASE_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 30_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_JITTER_SEED = 20_240_601;
export const HTTP_OPTION_KEYS = [
  'maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'timeoutMs', 'requestsPerMinute', 'burst', 'rng', 'clock', 'onRetry',
] as const;

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const EXCERPT_CHARS = 200;
const MASK = '***';

/** Replaces every secret (plain and URL-encoded) in `text` by ***. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(MASK);
  }
  return out;
}

/** The start of a body on one line, for error messages. */
export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}...` : flat;
}

type Attempt =
  | { readonly ok: true; readonly response: HttpResponse; readonly retryAfter: string | null }
  | { readonly ok: false; readonly reason: string };

export class HttpClient {
  readonly maxAttempts: number;
  private readonly options: HttpOptions;
  private readonly limiter: TokenBucket;
  private readonly rng: Rng;
  private readonly clock: Clock;

  constructor(readonly provider: string, options: HttpOptions = {}, private readonly secrets: readonly string[] = [], defaultRequestsPerMinute = Infinity) {
    rejectUnknownOptions('options.http', options, HTTP_OPTION_KEYS);
    const positive = (name: keyof HttpOptions, value: number | undefined, integer: boolean): void => {
      if (value === undefined) return;
      if (typeof value !== 'number' || !(value >= (integer ? 1 : 0)) || (integer && !Number.isInteger(value))) {
        throw new InvalidArgumentError(`options.http.${name}`, value, integer ? 'must be an integer >= 1' : 'must be a number >= 0', `omit it for the default, or pass e.g. ${integer ? 3 : 100}`);
      }
    };
    positive('maxAttempts', options.maxAttempts, true);
    for (const name of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'timeoutMs'] as const) positive(name, options[name], false);
    this.options = options;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.clock = options.clock ?? systemClock;
    this.rng = options.rng ?? createRng(DEFAULT_JITTER_SEED);
    this.limiter = new TokenBucket({
      requestsPerMinute: options.requestsPerMinute ?? defaultRequestsPerMinute,
      ...(options.burst !== undefined ? { burst: options.burst } : {}),
      clock: this.clock,
    });
  }

  /** Masks this client's secrets in `text`. */
  mask(text: string): string {
    return maskSecrets(text, this.secrets);
  }

  /**
   * GETs `url`, retrying transient failures. Resolves with the final response when it is 2xx or
   * a status not worth retrying (the provider reads its error body); throws ProviderError when
   * retries run out, and the signal's reason when `signal` aborts.
   */
  async get(url: string, symbol: string | undefined, signal?: AbortSignal, accept = '*/*'): Promise<HttpResponse> {
    const shown = this.mask(url);
    const context = { ...(symbol !== undefined ? { symbol } : {}), url: shown };
    let last: Attempt | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      await this.limiter.acquire(signal);
      last = await this.attempt(url, shown, signal, accept);
      let delay: number | undefined;
      if (last.ok) {
        const { status } = last.response;
        if (!RETRYABLE_STATUS.has(status)) return last.response;
        if ((status === 429 || status === 503) && last.retryAfter !== null) {
          delay = parseRetryAfter(last.retryAfter, this.clock.now());
          const cap = this.options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
          if (delay !== undefined && delay > cap) {
            throw new ProviderError('rate-limited', this.provider, `HTTP ${status} asks to wait ${Math.round(delay / 1000)} s (Retry-After: ${last.retryAfter}), more than maxRetryAfterMs = ${cap}`,
              'try again later, or raise options.http.maxRetryAfterMs', { ...context, status, attempts: attempt });
          }
        }
      }
      if (attempt === this.maxAttempts) break;
      delay ??= this.backoff(attempt);
      this.options.onRetry?.({ provider: this.provider, url: shown, attempt, delayMs: delay, reason: last.ok ? `HTTP ${last.response.status}` : last.reason });
      await this.clock.sleep(delay, signal);
    }
    throw this.exhausted(last!, context);
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS, (this.options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS) * 2 ** (attempt - 1));
    return this.rng.uniform() * cap;
  }

  private async attempt(url: string, shown: string, signal: AbortSignal | undefined, accept: string): Promise<Attempt> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    let headersArrived = false;
    try {
      const res = await fetch(url, { signal: combined, headers: { accept, 'user-agent': 'quantlab-workbench' } });
      headersArrived = true;
      const body = await res.text();
      return {
        ok: true,
        response: { status: res.status, body, contentType: res.headers.get('content-type') ?? '', url: shown },
        retryAfter: res.headers.get('retry-after'),
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.signal.aborted) return { ok: false, reason: `no complete answer within timeoutMs = ${timeoutMs}` };
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = this.mask(cause?.code ?? cause?.message ?? (error as Error).message);
      return {
        ok: false,
        reason: headersArrived ? `the connection closed before the body was complete (truncated body: ${detail})` : `the request failed (${detail})`,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private exhausted(last: Attempt, context: { symbol?: string; url: string }): ProviderError {
    const attempts = this.maxAttempts;
    const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
    if (!last.ok) {
      return new ProviderError('network', this.provider, `${last.reason} ${tries}`, 'check the network and try again later, or raise options.http.maxAttempts / timeoutMs', { ...context, attempts });
    }
    const { status, body } = last.response;
    const said = body.trim() === '' ? '' : `: ${this.mask(excerpt(body))}`;
    if (status === 429) {
      return new ProviderError('rate-limited', this.provider, `HTTP 429 Too Many Requests ${tries}${said}`,
        'wait and try again, lower options.http.requestsPerMinute, or cache the data with CachedProvider', { ...context, status, attempts });
    }
    return new ProviderError('http', this.provider, `HTTP ${status} ${tries}${said}`, 'the server is failing; try again later', { ...context, status, attempts });
  }
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date (RFC 9110 10.2.3). */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
