import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBarsParquet } from '../../../lib/data/parquet';
import { CachedProvider, ProviderError, StooqProvider, type Clock, type Provider } from '../../../lib/data/providers';
import { PROJECT_ROOT } from '../../helpers/python';
import { startFakeServer, weekdayBars, type FakeServer } from './fake-server';

const KEY = 'stooq-cache-secret-5150';
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

describe('CachedProvider', () => {
  let server: FakeServer;
  let dir: string;
  let now: number;
  const today: Clock = { now: () => now, sleep: async () => undefined };
  const noWait: Clock = { now: () => Date.now(), sleep: async () => undefined };
  const stooq = (): StooqProvider => new StooqProvider({ baseUrl: server.baseUrl, env: { STOOQ_API_KEY: KEY }, http: { clock: noWait, maxAttempts: 2, requestsPerMinute: Infinity } });
  const cached = (refresh = false): CachedProvider => new CachedProvider(stooq(), { dir, clock: today, refresh });
  const asked = (): Array<[string, string]> => server.requests.map((r) => [r.query.d1!, r.query.d2!]);

  beforeAll(async () => {
    server = await startFakeServer({ format: 'stooq', bars: { 'aapl.us': weekdayBars('2023-11-01', '2024-03-29') } });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-cache-'));
    now = Date.parse('2024-06-03T12:00:00Z');
    server.requests.length = 0;
    server.always(undefined);
    return () => fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves a covered range (or any part of it) from disk, with no network call', async () => {
    const provider = cached();
    const first = await provider.fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-01-31' });
    expect(asked()).toEqual([['20240101', '20240131']]);
    expect(await provider.fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-01-31' })).toEqual(first);
    const part = await cached().fetchDaily('aapl.us', { from: '2024-01-10', to: '2024-01-12' });
    expect(Array.from(part.time)).toEqual([day('2024-01-10'), day('2024-01-11'), day('2024-01-12')]);
    expect(server.requests).toHaveLength(1);
    expect(provider.coverage('aapl.us')).toEqual({ from: '2024-01-01', to: '2024-01-31' });
  });

  it('fetches only the missing tail, then only the missing head, and merges them in order', async () => {
    await cached().fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-01-31' });
    const longer = await cached().fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-02-15' });
    expect(asked()).toEqual([['20240101', '20240131'], ['20240201', '20240215']]);
    const wider = await cached().fetchDaily('aapl.us', { from: '2023-12-01', to: '2024-02-15' });
    expect(asked().slice(2)).toEqual([['20231201', '20231231']]);
    const direct = await stooq().fetchDaily('aapl.us', { from: '2023-12-01', to: '2024-02-15' });
    expect(wider).toEqual(direct);
    expect(longer).toEqual(await stooq().fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-02-15' }));
    expect(new Set(wider.time).size).toBe(wider.time.length);
  });

  it('bridges to a range that does not touch the covered one, so coverage stays one interval', async () => {
    await cached().fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-01-15' });
    await cached().fetchDaily('aapl.us', { from: '2024-03-01', to: '2024-03-08' });
    expect(asked()[1]).toEqual(['20240116', '20240308']);
    expect(cached().coverage('aapl.us')).toEqual({ from: '2024-01-01', to: '2024-03-08' });
  });

  it("does not record today as covered; the next request refetches it and the newer bar wins", async () => {
    now = Date.parse('2024-01-15T15:00:00Z');
    const forming = await cached().fetchDaily('aapl.us', { from: '2024-01-08', to: '2024-01-15' });
    expect(forming.close[forming.close.length - 1]).toBe(weekdayBars('2024-01-15', '2024-01-15')[0]!.close);
    expect(cached().coverage('aapl.us')).toEqual({ from: '2024-01-08', to: '2024-01-14' });
    server.setBar({ date: '2024-01-15', open: 1, high: 3, low: 0.5, close: 2.5, volume: 7 });
    now = Date.parse('2024-01-16T22:00:00Z');
    const settled = await cached().fetchDaily('aapl.us', { from: '2024-01-08', to: '2024-01-16' });
    expect(asked()).toEqual([['20240108', '20240115'], ['20240115', '20240116']]);
    expect(Array.from(settled.time)).toEqual(['08', '09', '10', '11', '12', '15', '16'].map((d) => day(`2024-01-${d}`)));
    expect(settled.close[5]).toBe(2.5);
    expect(cached().coverage('aapl.us')).toEqual({ from: '2024-01-08', to: '2024-01-15' });
    server.setBar(weekdayBars('2024-01-15', '2024-01-15')[0]!);
  });

  it('refetches the whole requested range with refresh, storing the revised bars', async () => {
    await cached().fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-01-31' });
    server.setBar({ date: '2024-01-10', open: 1, high: 1, low: 1, close: 1, volume: 1 });
    const fresh = await cached(true).fetchDaily('aapl.us', { from: '2024-01-08', to: '2024-01-12' });
    expect(asked()[1]).toEqual(['20240108', '20240112']);
    expect(fresh.close[2]).toBe(1);
    const later = await cached().fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-01-31' });
    expect(server.requests).toHaveLength(2);
    expect(later.close[later.time.indexOf(day('2024-01-10'))]).toBe(1);
    expect(later.time.length).toBe(23);
    server.setBar(weekdayBars('2024-01-10', '2024-01-10')[0]!);
  });

  it('reads "No data" for a gap of a symbol it holds as a range without trading days', async () => {
    await cached().fetchDaily('aapl.us', { from: '2024-01-08', to: '2024-01-12' });
    const weekend = await cached().fetchDaily('aapl.us', { from: '2024-01-13', to: '2024-01-14' });
    expect(weekend.time.length).toBe(0);
    expect(asked()[1]).toEqual(['20240113', '20240114']);
    expect(cached().coverage('aapl.us')).toEqual({ from: '2024-01-08', to: '2024-01-14' });
    await cached().fetchDaily('aapl.us', { from: '2024-01-13', to: '2024-01-14' });
    expect(server.requests).toHaveLength(2);
  });

  it('passes an unknown symbol through and caches nothing for it', async () => {
    const error = await cached().fetchDaily('nosuch.us', { from: '2024-01-01', to: '2024-01-31' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('unknown-symbol');
    expect(fs.existsSync(cached().cacheFile('nosuch.us'))).toBe(false);
  });

  it('stores Parquet keyed by provider, interval and symbol, written atomically, without the API key', async () => {
    const provider = cached();
    await provider.fetchDaily('aapl.us', { from: '2024-01-01', to: '2024-01-31' });
    const file = provider.cacheFile('aapl.us');
    expect(file).toBe(path.join(dir, 'stooq', '1d', 'aapl.us.parquet'));
    const { bars, metadata } = readBarsParquet(file);
    expect(bars.time.length).toBe(23);
    expect(metadata).toEqual({ provider: 'stooq', interval: '1d', coveredFrom: '2024-01-01', coveredTo: '2024-01-31', updatedAt: '2024-06-03T12:00:00.000Z' });
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((e) => e.name)).toEqual(['aapl.us.parquet']);
    for (const e of files) expect(fs.readFileSync(path.join(e.parentPath, e.name)).includes(KEY)).toBe(false);
    expect(server.requests[0]!.query.apikey).toBe(KEY); // the key did go to the server
    expect(provider.cacheFile('^spx')).toMatch(/%5Espx\.parquet$/);
    expect(provider.cacheFile('.hidden/x*')).toMatch(/%2Ehidden%2Fx%2A\.parquet$/);
  });

  it('makes one network call for two concurrent requests of the same range', async () => {
    const provider = cached();
    const [a, b] = await Promise.all([
      provider.fetchDaily('aapl.us', { from: '2024-02-01', to: '2024-02-29' }),
      provider.fetchDaily('aapl.us', { from: '2024-02-01', to: '2024-02-29' }),
    ]);
    expect(a).toEqual(b);
    expect(server.requests).toHaveLength(1);
  });

  it('refetches over a damaged cache file', async () => {
    const provider = cached();
    fs.mkdirSync(path.dirname(provider.cacheFile('aapl.us')), { recursive: true });
    fs.writeFileSync(provider.cacheFile('aapl.us'), 'garbage');
    expect((await provider.fetchDaily('aapl.us', { from: '2024-01-02', to: '2024-01-05' })).time.length).toBe(4);
    expect(readBarsParquet(provider.cacheFile('aapl.us')).bars.time.length).toBe(4);
  });

  it('defaults to <project>/data/cache and rejects bad arguments naming the fix', () => {
    expect(new CachedProvider(stooq()).dir).toBe(path.join(PROJECT_ROOT, 'data', 'cache'));
    expect(() => new CachedProvider(stooq(), { dir, ttl: 5 } as never)).toThrow('options.ttl = 5: is not a known option. Fix: use only: dir, refresh, clock');
    expect(() => new CachedProvider({ name: 'a/b', fetchDaily: async () => ({}) } as unknown as Provider)).toThrow('must be a Provider whose name is a plain word');
    expect(() => new CachedProvider(stooq(), { dir: '' })).toThrow('options.dir = "": must be a folder path. Fix:');
  });
});
