// One contract, every provider (optuna's storage-test pattern): each answers from a real local
// HTTP server in its own wire format, and must return the same Bars and fail the same way.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBarsCsv } from '../../../lib/data';
import {
  FmpProvider, FredProvider, ProviderError, StooqProvider, type Clock, type HttpOptions, type Provider, type RetryEvent,
} from '../../../lib/data/providers';
import { startFakeServer, stooqCsv, weekdayBars, type DayBar, type FakeServer, type Format, type Recorded } from './fake-server';

const KEY = 'sk-test-9f8e7d6c5b4a';
const MARKET = weekdayBars('2024-01-01', '2024-03-29');

interface Backend {
  readonly name: Format;
  readonly symbol: string;
  /** Whether requests carry KEY (FRED is keyless). */
  readonly keyed: boolean;
  make(baseUrl: string, http: HttpOptions): Provider;
  range(request: Recorded): { from: string; to: string };
  /** The bars this backend returns for market bars (FRED: one value, the close, and volume 0). */
  expected(bars: readonly DayBar[]): readonly DayBar[];
  /** What the unknown-symbol error says after "<name> ZZZZ: ". */
  readonly noData: string;
}

const asIs = (bars: readonly DayBar[]): readonly DayBar[] => bars;
const NO_DATA = 'has no data for ZZZZ in 2024-02-01..2024-02-29: the symbol is unknown, or the range holds no trading day';

const dashed = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const BACKENDS: Backend[] = [
  {
    name: 'stooq', symbol: 'aapl.us', keyed: true, expected: asIs, noData: `Stooq ${NO_DATA}`,
    make: (baseUrl, http) => new StooqProvider({ baseUrl, env: { STOOQ_API_KEY: KEY }, http }),
    range: (r) => ({ from: dashed(r.query.d1!), to: dashed(r.query.d2!) }),
  },
  {
    name: 'fmp', symbol: 'AAPL', keyed: true, expected: asIs, noData: `FMP ${NO_DATA}`,
    make: (baseUrl, http) => new FmpProvider({ baseUrl, env: { FMP_API_KEY: KEY }, http }),
    range: (r) => ({ from: r.query.from!, to: r.query.to! }),
  },
  {
    name: 'fred', symbol: 'SP500', keyed: false, noData: 'FRED has no series ZZZZ (HTTP 404): the series id is unknown',
    make: (baseUrl, http) => new FredProvider({ baseUrl, http }),
    range: (r) => ({ from: r.query.cosd!, to: r.query.coed! }),
    expected: (bars) => bars.map((b) => ({ date: b.date, open: b.close, high: b.close, low: b.close, close: b.close, volume: 0 })),
  },
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-contract-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(BACKENDS)('Provider contract: $name', (backend) => {
  let server: FakeServer;
  let events: RetryEvent[];
  let sleeps: number[];
  // Real time for timestamps, no real waiting: retry delays are recorded instead of slept.
  const clock: Clock = { now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) };
  const provider = (extra: HttpOptions = {}): Provider =>
    backend.make(server.baseUrl, { maxAttempts: 3, baseDelayMs: 8, requestsPerMinute: Infinity, clock, onRetry: (e) => events.push(e), ...extra });
  const range = { from: '2024-02-01', to: '2024-02-29' };
  const caught = async (promise: Promise<unknown>): Promise<ProviderError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  };

  beforeAll(async () => {
    server = await startFakeServer({ format: backend.name, bars: { [backend.symbol]: MARKET }, ...(backend.name === 'fmp' ? { apiKey: KEY } : {}) });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.always(undefined);
    events = [];
    sleeps = [];
  });

  it('returns the range ascending, one bar per date, stamped like readBarsCsv (UTC midnight)', async () => {
    const bars = await provider().fetchDaily(backend.symbol, range);
    const expected = backend.expected(MARKET.filter((b) => b.date >= range.from && b.date <= range.to));
    const file = path.join(tmp, `${backend.name}.csv`);
    fs.writeFileSync(file, stooqCsv(expected));
    expect(bars).toEqual(readBarsCsv(file, { symbol: backend.symbol }));
    expect(bars.time.length).toBe(21);
    expect(server.requests).toHaveLength(1);
    expect(backend.range(server.requests[0]!)).toEqual(range);
    expect(server.requests[0]!.query.apikey).toBe(backend.keyed ? KEY : undefined);
  });

  it('retries HTTP 500 and succeeds, backing off with full jitter', async () => {
    server.script({ status: 500, body: 'Internal Server Error' }, { status: 502, body: '' });
    const bars = await provider().fetchDaily(backend.symbol, range);
    expect(bars.time.length).toBe(21);
    expect(server.requests).toHaveLength(3);
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([[1, 'HTTP 500'], [2, 'HTTP 502']]);
    expect(sleeps[0]).toBeGreaterThanOrEqual(0);
    expect(sleeps[0]).toBeLessThan(8);
    expect(sleeps[1]).toBeLessThan(16);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    server.script({ status: 429, headers: { 'retry-after': '7' }, body: '{"Error Message":"Limit Reach . Please upgrade your plan"}' });
    const bars = await provider().fetchDaily(backend.symbol, range);
    expect(bars.time.length).toBe(21);
    expect(sleeps).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxAttempts of HTTP 500, naming the status, the attempts and the body', async () => {
    server.always({ status: 500, body: 'upstream exploded' });
    const error = await caught(provider().fetchDaily(backend.symbol, range));
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(new RegExp(`^${backend.name} ${backend.symbol.replace('.', '\\.')}: HTTP 500 after 3 attempts: upstream exploded \\(GET http://127\\.0\\.0\\.1:\\d+/${backend.keyed ? '.*apikey=\\*\\*\\*' : ''}.*\\)\\. Fix: `));
    expect(error.context).toMatchObject({ status: 500, attempts: 3, symbol: backend.symbol });
    expect(server.requests).toHaveLength(3);
  });

  it('reports rate-limited after maxAttempts of 429 without Retry-After', async () => {
    server.always({ status: 429, body: 'Too Many Requests' });
    const error = await caught(provider().fetchDaily(backend.symbol, range));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('HTTP 429 Too Many Requests after 3 attempts: Too Many Requests');
    expect(error.message).toContain('Fix: wait and try again, lower options.http.requestsPerMinute');
  });

  it('fails at once when Retry-After asks for longer than maxRetryAfterMs', async () => {
    server.always({ status: 429, headers: { 'retry-after': '3600' } });
    const error = await caught(provider({ maxRetryAfterMs: 60_000 }).fetchDaily(backend.symbol, range));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('HTTP 429 asks to wait 3600 s (Retry-After: 3600), more than maxRetryAfterMs = 60000');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a body cut off mid-way (Content-Length longer than the body), and names it when it persists', async () => {
    server.script({ truncate: true, body: 'x'.repeat(400) });
    expect((await provider().fetchDaily(backend.symbol, range)).time.length).toBe(21);
    expect(events[0]!.reason).toMatch(/^the connection closed before the body was complete \(truncated body: /);
    server.always({ truncate: true, body: 'x'.repeat(400) });
    const error = await caught(provider().fetchDaily(backend.symbol, range));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/truncated body: .*\) after 3 attempts/);
  });

  it('times out a server that never answers', async () => {
    server.always({ hang: true });
    const error = await caught(provider({ timeoutMs: 50, maxAttempts: 2 }).fetchDaily(backend.symbol, range));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('no complete answer within timeoutMs = 50 after 2 attempts');
  });

  it('says unknown-symbol when the provider has no data', async () => {
    const error = await caught(provider().fetchDaily('ZZZZ', range));
    expect(error.kind).toBe('unknown-symbol');
    expect(error.message).toMatch(new RegExp(`^${backend.name} ZZZZ: `));
    expect(error.message).toContain(backend.noData);
    expect(server.requests).toHaveLength(1);
  });

  it('stops when the caller aborts, without further requests', async () => {
    server.always({ status: 503 });
    const controller = new AbortController();
    const slow: Clock = { now: () => Date.now(), sleep: (ms, signal) => new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason))) };
    const pending = backend.make(server.baseUrl, { clock: slow, requestsPerMinute: Infinity }).fetchDaily(backend.symbol, range, controller.signal);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
  });

  const failures = async (body: string): Promise<string[]> => {
    const messages: string[] = [];
    for (const reply of [{ status: 500, body: `echo ${body}` }, { status: 429 }, { truncate: true, body: 'xxxx' }, { status: 200, body: `<html>${body}</html>` }]) {
      server.always(reply);
      messages.push(await provider().fetchDaily(backend.symbol, range).then(() => 'resolved', (e: Error) => e.message));
    }
    return [...messages, ...events.map((e) => JSON.stringify(e))];
  };

  if (backend.keyed) {
    it('never lets the key into errors or retry events', async () => {
      const messages = await failures(KEY);
      expect(messages.length).toBeGreaterThan(8);
      for (const m of messages) {
        expect(m).not.toContain(KEY);
        expect(m).not.toBe('resolved');
      }
      expect(messages[0]).toContain('echo ***');
    });
  } else {
    it('needs no key: sends none, and fails the same way without one', async () => {
      const messages = await failures('no secret here');
      expect(messages.length).toBeGreaterThan(8);
      for (const m of messages) {
        expect(m).not.toMatch(/api_?key/i);
        expect(m).not.toBe('resolved');
      }
      expect(messages[0]).toContain('echo no secret here');
      expect(server.requests.every((r) => Object.keys(r.query).every((k) => !/key/i.test(k)))).toBe(true);
    });
  }
});
