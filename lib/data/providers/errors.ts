// The one error a data provider throws when the remote side (or the network) fails, typed by kind
// so callers can decide: retry later, fix the symbol, fix the key. Messages name the provider, the
// symbol and the URL with its secrets already masked (see redact.ts); nothing here ever sees a key.
import { QuantlabError } from '../../util/errors';

export type ProviderErrorKind =
  /** A non-2xx status that retrying did not fix, or one not worth retrying (4xx). */
  | 'http'
  /** A 2xx answer whose body is not what the provider documents (bad CSV/JSON, HTML page). */
  | 'malformed'
  /** 429 after every attempt, a Retry-After too long to wait, or a quota message in the body. */
  | 'rate-limited'
  /** The provider says it has no data: an unknown symbol, or (the APIs cannot tell) a range with no trading day. */
  | 'unknown-symbol'
  /** Connection refused or reset, a timeout, or a body cut off mid-way, after every attempt. */
  | 'network'
  /** The API key is missing or refused. */
  | 'auth';

export interface ProviderErrorContext {
  readonly symbol?: string;
  /** The request URL with secrets masked. */
  readonly url?: string;
  readonly status?: number;
  readonly attempts?: number;
}

export class ProviderError extends QuantlabError {
  constructor(
    readonly kind: ProviderErrorKind,
    readonly provider: string,
    readonly problem: string,
    readonly fix: string,
    readonly context: ProviderErrorContext = {},
  ) {
    const subject = context.symbol === undefined ? provider : `${provider} ${context.symbol}`;
    const where = context.url === undefined ? '' : ` (GET ${context.url})`;
    super(`${subject}: ${problem}${where}. Fix: ${fix}`);
  }
}
