export type { Provider, DateRange } from './provider';
export { ProviderError, type ProviderErrorKind, type ProviderErrorContext } from './errors';
export { systemClock, type Clock } from './clock';
export { TokenBucket, DEFAULT_BURST, type TokenBucketOptions } from './rate-limiter';
export {
  HttpClient, maskSecrets, parseRetryAfter, DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_RETRY_AFTER_MS, DEFAULT_TIMEOUT_MS, DEFAULT_JITTER_SEED, type HttpOptions, type RetryEvent, type HttpResponse,
} from './http';
export { StooqProvider, STOOQ_BASE_URL, STOOQ_API_KEY_ENV, STOOQ_DEFAULT_REQUESTS_PER_MINUTE, type StooqOptions } from './stooq';
export { FmpProvider, FMP_BASE_URL, FMP_API_KEY_ENV, FMP_DEFAULT_REQUESTS_PER_MINUTE, type FmpOptions } from './fmp';
export { FredProvider, FRED_BASE_URL, FRED_DEFAULT_REQUESTS_PER_MINUTE, type FredOptions, type FredNote } from './fred';
export { CachedProvider, DEFAULT_CACHE_DIR, DAILY_INTERVAL, type CachedProviderOptions } from './cache';
