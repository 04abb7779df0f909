import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_ATTEMPTS, HttpClient, ProviderError, TokenBucket, maskSecrets, parseRetryAfter, type Clock, type RetryEvent,
} from '../../../lib/data/providers';
import { InvalidArgumentError } from '../../../lib/util/errors';
import { createRng } from '../../../lib/util/random';
import { startFakeServer, type FakeServer } from './fake-server';

/** A clock that only moves when someone sleeps on it. */
function fakeClock(start = 0): Clock & { readonly slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      slept.push(ms);
      now += ms;
    },
  };
}

describe('HttpClient', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer({ format: 'stooq', bars: {} });
  });
  afterAll(() => server.close());
  const url = (): string => `${server.baseUrl}/q/d/l/?s=x&d1=20240101&d2=20240102&i=d`;

  it('draws full-jitter delays from the Rng it is given: uniform * min(maxDelay, base * 2^(attempt-1))', async () => {
    server.always({ status: 503 });
    const clock = fakeClock(1e12);
    const client = new HttpClient('test', { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300, rng: createRng(11), clock, requestsPerMinute: Infinity });
    await expect(client.get(url(), 'X')).rejects.toThrow('HTTP 503 after 5 attempts');
    const reference = createRng(11);
    expect(clock.slept).toEqual([100, 200, 300, 300].map((cap) => reference.uniform() * cap));
    server.always(undefined);
  });

  it('returns a 404 at once for the provider to read, without retrying', async () => {
    const before = server.requests.length;
    const response = await new HttpClient('test', { clock: fakeClock() }).get(`${server.baseUrl}/elsewhere`, 'X');
    expect([response.status, response.body, server.requests.length - before]).toEqual([404, '<html>404</html>', 1]);
  });

  it('names a refused connection after its attempts', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const events: RetryEvent[] = [];
    const client = new HttpClient('test', { maxAttempts: 2, clock: fakeClock(), onRetry: (e) => events.push(e) });
    const error = (await client.get(`http://127.0.0.1:${port}/q?apikey=k-123`, 'X').catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('network');
    expect(error.message).toBe(`test X: the request failed (ECONNREFUSED) after 2 attempts (GET http://127.0.0.1:${port}/q?apikey=k-123). Fix: check the network and try again later, or raise options.http.maxAttempts / timeoutMs`);
    expect(events.map((e) => e.reason)).toEqual(['the request failed (ECONNREFUSED)']);
  });

  it('masks every secret given to it, plain and URL-encoded', () => {
    const client = new HttpClient('test', {}, ['a+b/c']);
    expect(client.mask('x?apikey=a%2Bb%2Fc&y=a+b/c')).toBe('x?apikey=***&y=***');
    expect(maskSecrets('no secret here', ['', 'zzz'])).toBe('no secret here');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('rejects bad options naming the option, the value and the fix', () => {
    expect(DEFAULT_MAX_ATTEMPTS).toBe(4);
    expect(() => new HttpClient('t', { maxAttempts: 0 })).toThrow('options.http.maxAttempts = 0: must be an integer >= 1. Fix: omit it for the default, or pass e.g. 3');
    expect(() => new HttpClient('t', { timeoutMs: -5 })).toThrow('options.http.timeoutMs = -5: must be a number >= 0. Fix:');
    expect(() => new HttpClient('t', { retries: 3 } as never)).toThrow('options.http.retries = 3: is not a known option. Fix: use only: maxAttempts, baseDelayMs');
    expect(() => new HttpClient('t', { requestsPerMinute: 0 })).toThrow(InvalidArgumentError);
  });
});

describe('TokenBucket', () => {
  it('spaces requests evenly at the configured rate once the burst is spent', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ requestsPerMinute: 60, burst: 3, clock });
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await bucket.acquire());
    expect(waits).toEqual([0, 0, 0, 1000, 1000, 1000]);
    expect(clock.now()).toBe(3000);
  });

  it('banks at most `burst` tokens while idle', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ requestsPerMinute: 120, burst: 2, clock });
    await bucket.acquire();
    await bucket.acquire();
    await clock.sleep(60_000); // idle for a minute: 120 tokens dripped, 2 kept
    const waits = [await bucket.acquire(), await bucket.acquire(), await bucket.acquire()];
    expect(waits).toEqual([0, 0, 500]);
  });

  it('queues concurrent callers in arrival order', async () => {
    // Time stands still while all three ask, as when they arrive together.
    const clock: Clock = { now: () => 0, sleep: async () => undefined };
    const bucket = new TokenBucket({ requestsPerMinute: 30, clock });
    const waits = await Promise.all([bucket.acquire(), bucket.acquire(), bucket.acquire()]);
    expect(waits).toEqual([0, 2000, 4000]);
  });

  it('gives the token back when the waiting caller aborts', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ requestsPerMinute: 60, clock });
    await bucket.acquire();
    const controller = new AbortController();
    controller.abort();
    await expect(bucket.acquire(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(await bucket.acquire()).toBe(1000); // not 2000: the aborted reservation was returned
  });

  it('rejects a missing or non-positive rate and a bad burst', () => {
    expect(() => new TokenBucket({} as never)).toThrow('options.requestsPerMinute = undefined: must be a positive number. Fix: pass the limit the provider documents');
    expect(() => new TokenBucket({ requestsPerMinute: 10, burst: 0.5 })).toThrow('options.burst = 0.5: must be an integer >= 1');
  });
});
