// Stooq's own answers, as documented by its users (pandas-datareader, and the clients that check
// for "No data", "Exceeded the daily hits limit" and, since 2026, an HTML browser check).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, StooqProvider, type Clock } from '../../../lib/data/providers';
import { startFakeServer, weekdayBars, type FakeServer } from './fake-server';

describe('StooqProvider', () => {
  let server: FakeServer;
  const clock: Clock = { now: () => Date.now(), sleep: async () => undefined };
  const stooq = (): StooqProvider => new StooqProvider({ baseUrl: server.baseUrl, env: {}, http: { clock, maxAttempts: 2, requestsPerMinute: Infinity } });
  const range = { from: '2024-01-01', to: '2024-01-31' };
  const csv = (...lines: string[]): { body: string } => ({ body: lines.join('\n') });
  const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  };

  beforeAll(async () => {
    server = await startFakeServer({ format: 'stooq', bars: { '^spx': weekdayBars('2024-01-01', '2024-03-29') } });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.always(undefined);
  });

  it('asks /q/d/l/ with the lower-cased symbol, YYYYMMDD dates and i=d, and no apikey without STOOQ_API_KEY', async () => {
    const bars = await stooq().fetchDaily('^SPX', range);
    expect(bars.symbol).toBe('^SPX');
    expect(bars.time.length).toBe(23);
    expect(server.requests).toEqual([{ path: '/q/d/l/', query: { s: '^spx', d1: '20240101', d2: '20240131', i: 'd' } }]);
  });

  it("reads indices' CSV without a Volume column as NaN volume", async () => {
    server.always(csv('Date,Open,High,Low,Close', '2024-01-02,4745.2,4754.33,4722.67,4742.83', '2024-01-03,4725.07,4729.29,4699.71,4704.81'));
    const bars = await stooq().fetchDaily('^spx', range);
    expect(Array.from(bars.close)).toEqual([4742.83, 4704.81]);
    expect(Array.from(bars.volume)).toEqual([Number.NaN, Number.NaN]);
  });

  it('returns empty bars for a header-only CSV (an answered, empty range)', async () => {
    server.always(csv('Date,Open,High,Low,Close,Volume', ''));
    const bars = await stooq().fetchDaily('aapl.us', range);
    expect(bars.time.length).toBe(0);
    expect(bars.symbol).toBe('aapl.us');
  });

  it('sorts rows, drops any outside the range, and refuses a date given twice', async () => {
    server.always(csv('Date,Open,High,Low,Close,Volume', '2024-01-03,2,2,2,2,2', '2024-01-02,1,1,1,1,1', '2023-12-29,9,9,9,9,9'));
    expect(Array.from((await stooq().fetchDaily('x', range)).open)).toEqual([1, 2]);
    server.always(csv('Date,Open,High,Low,Close,Volume', '2024-01-02,1,1,1,1,1', '2024-01-02,1,1,1,1,1'));
    const error = await failure(stooq().fetchDaily('x', range));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/^stooq x: the answer lists 2024-01-02 twice \(GET http:\/\/127\.0\.0\.1:\d+\/q\/d\/l\/\?s=x&d1=20240101&d2=20240131&i=d\)\. Fix: /);
  });

  it('tells its plain-text refusals apart: No data, the daily quota, an HTML page, an empty body', async () => {
    server.always({ body: 'No data' });
    let error = await failure(stooq().fetchDaily('nosuch.us', range));
    expect(error.kind).toBe('unknown-symbol');
    expect(error.message).toContain("Fix: check the ticker as Stooq writes it (aapl.us, ^spx, eurusd)");

    server.always({ body: 'Exceeded the daily hits limit\n' });
    error = await failure(stooq().fetchDaily('aapl.us', range));
    expect([error.kind, server.requests.length]).toEqual(['rate-limited', 2]); // not retried: the quota is daily
    expect(error.message).toContain('Fix: try again tomorrow; serve repeated requests from CachedProvider');

    server.always({ body: '<!DOCTYPE html><html><head><title>Verifying</title></head><body>POST /__verify</body></html>', headers: { 'content-type': 'text/html' } });
    error = await failure(stooq().fetchDaily('aapl.us', range));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('the answer is HTML, not CSV: <!DOCTYPE html><html><head><title>Verifying');
    expect(error.message).toContain('Fix: Stooq served a web page instead of CSV (a browser check or a missing key): set STOOQ_API_KEY');

    server.always({ body: '' });
    error = await failure(stooq().fetchDaily('aapl.us', range));
    expect(error.message).toContain('the answer is empty (no CSV header)');
  });

  it('names the line of a cut-off row, a non-number and a foreign header', async () => {
    server.always(csv('Date,Open,High,Low,Close,Volume', '2024-01-02,1,2,0.5,1.5,100', '2024-01-03,1.1,2'));
    let error = await failure(stooq().fetchDaily('x', range));
    expect(error.message).toContain('CSV line 3: expected 6 fields, found 3 in "2024-01-03,1.1,2" (a cut-off answer?)');
    server.always(csv('Date,Open,High,Low,Close,Volume', '2024-01-02,1,2,n/a,1.5,100'));
    error = await failure(stooq().fetchDaily('x', range));
    expect(error.message).toContain('CSV line 2: Low = "n/a" is not a number');
    server.always(csv('Data,Otwarcie,Max,Min,Zamkniecie,Wolumen', '2024-01-02,1,2,0.5,1.5,100'));
    error = await failure(stooq().fetchDaily('x', range));
    expect(error.message).toContain('the header "Data,Otwarcie,Max,Min,Zamkniecie,Wolumen" is not Date,Open,High,Low,Close[,Volume]');
  });

  it('reports a non-2xx answer with its status and the start of its body', async () => {
    server.always({ status: 404, body: '<html>Not Found</html>' });
    const error = await failure(stooq().fetchDaily('x', range));
    expect([error.kind, error.context.status]).toEqual(['http', 404]);
    expect(error.message).toContain('HTTP 404: <html>Not Found</html>');
  });

  it('sends STOOQ_API_KEY when set and masks it', async () => {
    server.always({ body: 'No data' });
    const keyed = new StooqProvider({ baseUrl: server.baseUrl, env: { STOOQ_API_KEY: 'stq-secret-77' }, http: { clock, requestsPerMinute: Infinity } });
    const error = await failure(keyed.fetchDaily('x', range));
    expect(server.requests[0]!.query.apikey).toBe('stq-secret-77');
    expect(error.message).toContain('&apikey=***)');
    expect(error.message).not.toContain('stq-secret-77');
  });

  it('rejects a bad symbol, range or option naming it and the fix', async () => {
    await expect(stooq().fetchDaily('', range)).rejects.toThrow('symbol = "": must be a non-empty ticker without spaces. Fix:');
    await expect(stooq().fetchDaily('a b', range)).rejects.toThrow('symbol = "a b"');
    await expect(stooq().fetchDaily('x', { from: '2024-02-30', to: '2024-03-01' })).rejects.toThrow('range.from = "2024-02-30": must be an ISO calendar date (YYYY-MM-DD). Fix:');
    await expect(stooq().fetchDaily('x', { from: '2024-03-01', to: '2024-02-01' })).rejects.toThrow('has from after to. Fix: swap the dates');
    expect(() => new StooqProvider({ baseURL: 'x' } as never)).toThrow('options.baseURL = "x": is not a known option. Fix: use only: baseUrl, env, http');
    expect(server.requests).toHaveLength(0);
  });
});
