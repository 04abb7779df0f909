// Financial Modeling Prep's own answers: the stable JSON array (newest first), [] for no data,
// {"Error Message": ...} bodies for a bad key, a spent quota and a premium-only request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FMP_API_KEY_ENV, FmpProvider, ProviderError, type Clock } from '../../../lib/data/providers';
import { startFakeServer, weekdayBars, type FakeServer } from './fake-server';

const KEY = 'fmp-Key+with/odd=chars';

describe('FmpProvider', () => {
  let server: FakeServer;
  const clock: Clock = { now: () => Date.now(), sleep: async () => undefined };
  const fmp = (env: Record<string, string | undefined> = { FMP_API_KEY: KEY }): FmpProvider =>
    new FmpProvider({ baseUrl: server.baseUrl, env, http: { clock, maxAttempts: 2, requestsPerMinute: Infinity } });
  const range = { from: '2024-01-01', to: '2024-01-31' };
  const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).not.toContain(KEY);
    expect((error as Error).message).not.toContain(encodeURIComponent(KEY));
    return error as ProviderError;
  };

  beforeAll(async () => {
    server = await startFakeServer({ format: 'fmp', bars: { AAPL: weekdayBars('2024-01-01', '2024-03-29') }, apiKey: KEY });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.always(undefined);
  });

  it('asks the stable endpoint with symbol, ISO from/to and the key, and returns bars oldest first', async () => {
    const bars = await fmp().fetchDaily('AAPL', range);
    expect(server.requests).toEqual([{ path: '/stable/historical-price-eod/full', query: { symbol: 'AAPL', from: '2024-01-01', to: '2024-01-31', apikey: KEY } }]);
    expect(bars.time.length).toBe(23);
    expect(bars.time[0]).toBe(Date.UTC(2024, 0, 1));
    expect(bars.time[22]).toBe(Date.UTC(2024, 0, 31));
  });

  it('names FMP_API_KEY and the fix when the key is absent', () => {
    expect(FMP_API_KEY_ENV).toBe('FMP_API_KEY');
    for (const env of [{}, { FMP_API_KEY: '  ' }]) {
      expect(() => fmp(env)).toThrow('fmp: the environment variable FMP_API_KEY is not set. Fix: set FMP_API_KEY to your key (free at https://site.financialmodelingprep.com/developer/docs) in the shell that starts Node or Jupyter, e.g. export FMP_API_KEY=...; never write the key into a committed file');
    }
  });

  it('reports a refused key as auth, quoting FMP, with the key masked in the URL', async () => {
    const error = await failure(fmp({ FMP_API_KEY: 'wrong-key-1234' }).fetchDaily('AAPL', range));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('FMP refused the key (HTTP 401, "Error Message": "Invalid API KEY. Feel free to create a Free API Key');
    expect(error.message).toContain('&apikey=***)');
    expect(error.message).not.toContain('wrong-key-1234');
    expect(server.requests).toHaveLength(1); // a 401 is not retried
  });

  it('reports a spent quota as rate-limited, whether FMP says it with 429 or with 200', async () => {
    const limit = JSON.stringify({ 'Error Message': 'Limit Reach . Please upgrade your plan or visit our documentation for more details at https://site.financialmodelingprep.com/' });
    server.always({ status: 200, body: limit });
    let error = await failure(fmp().fetchDaily('AAPL', range));
    expect([error.kind, server.requests.length]).toEqual(['rate-limited', 1]);
    expect(error.message).toContain(`FMP's quota is spent (HTTP 200, "Error Message": "Limit Reach . Please upgrade your plan`);
    server.always({ status: 429, body: limit });
    error = await failure(fmp().fetchDaily('AAPL', range));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('HTTP 429 Too Many Requests after 2 attempts: {"Error Message":"Limit Reach');
  });

  it('passes on what FMP says about a premium-only request', async () => {
    server.always({ status: 402, body: JSON.stringify({ 'Error Message': "Premium Query Parameter: 'symbol' is not available under your current subscription" }) });
    const error = await failure(fmp().fetchDaily('7203.T', range));
    expect([error.kind, error.context.status]).toEqual(['http', 402]);
    expect(error.message).toContain(`HTTP 402, "Error Message": "Premium Query Parameter: 'symbol' is not available`);
  });

  it('names provider, symbol and the key-less URL for malformed JSON', async () => {
    server.always({ body: '[{"symbol":"AAPL","date":"2024-01-02","open":187.15,' });
    const error = await failure(fmp().fetchDaily('AAPL', range));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/^fmp AAPL: the answer is not JSON \(.+\): "\[\{\\"symbol\\":\\"AAPL\\",\\"date\\":\\"2024-01-02\\",\\"open\\":187\.15," \(GET http:\/\/127\.0\.0\.1:\d+\/stable\/historical-price-eod\/full\?symbol=AAPL&from=2024-01-01&to=2024-01-31&apikey=\*\*\*\)\. Fix: fetch again/);
  });

  it('says unknown-symbol for [] and reads the legacy {symbol, historical} shape', async () => {
    server.always({ body: '[]' });
    expect((await failure(fmp().fetchDaily('NOSUCH', range))).kind).toBe('unknown-symbol');
    server.always({ body: JSON.stringify({ symbol: 'AAPL', historical: [{ date: '2024-01-03', open: 2, high: 2, low: 2, close: 2, adjClose: 2, volume: 5 }, { date: '2024-01-02', open: 1, high: 1, low: 1, close: 1, adjClose: 1, volume: 4 }] }) });
    const bars = await fmp().fetchDaily('AAPL', range);
    expect(Array.from(bars.close)).toEqual([1, 2]);
  });

  it('names the bar and field of a bad row; a null volume is missing data', async () => {
    server.always({ body: JSON.stringify([{ date: '2024-01-02', open: 1, high: 1, low: 1, close: '1.5', volume: 3 }]) });
    expect((await failure(fmp().fetchDaily('AAPL', range))).message).toContain('bar [0] has close = "1.5", not a number');
    server.always({ body: JSON.stringify([{ date: '02/01/2024x', open: 1, high: 1, low: 1, close: 1, volume: 3 }]) });
    expect((await failure(fmp().fetchDaily('AAPL', range))).message).toContain('bar [0] has date = "02/01/2024x", not YYYY-MM-DD');
    server.always({ body: JSON.stringify([{ date: '2024-01-02', open: 1, high: 1, low: 1, close: 1, volume: null }]) });
    expect(Array.from((await fmp().fetchDaily('AAPL', range)).volume)).toEqual([Number.NaN]);
    server.always({ body: JSON.stringify({ note: 'unexpected' }) });
    expect((await failure(fmp().fetchDaily('AAPL', range))).message).toContain('the JSON is neither an array of bars nor {historical: [...]}');
  });

  it('rejects unknown options', () => {
    expect(() => new FmpProvider({ apiKey: 'x' } as never)).toThrow('options.apiKey = "x": is not a known option. Fix: use only: baseUrl, env, http');
  });
});
