// FRED's fredgraph.csv as its users document it: "observation_date,SP500" (before late 2024
// "DATE,SP500", FinanceData/FinanceDataReader issue 238), "." or an empty field for a holiday,
// HTTP 404 for an unknown series id. The rows below are S&P 500 closes from FRED's SP500 series.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FRED_DEFAULT_REQUESTS_PER_MINUTE, FredProvider, ProviderError, type Clock, type FredNote, type HttpOptions } from '../../../lib/data/providers';
import { fredCsv, startFakeServer, weekdayBars, type FakeServer } from './fake-server';

describe('FredProvider', () => {
  let server: FakeServer;
  let sleeps: number[];
  const clock: Clock = { now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) };
  const fred = (options: { onNote?: (note: FredNote) => void; http?: HttpOptions } = {}): FredProvider =>
    new FredProvider({ baseUrl: server.baseUrl, ...options, http: { clock, maxAttempts: 2, requestsPerMinute: Infinity, ...options.http } });
  const range = { from: '2024-01-01', to: '2024-01-31' };
  const csv = (...lines: string[]): { body: string } => ({ body: lines.join('\n') + '\n' });
  const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  };
  const JANUARY = ['observation_date,SP500', '2024-01-01,.', '2024-01-02,4742.83', '2024-01-03,4704.81', '2024-01-04,4688.68', '2024-01-05,4697.24', '2024-01-08,4763.54'];

  beforeAll(async () => {
    server = await startFakeServer({ format: 'fred', bars: { SP500: weekdayBars('2024-01-01', '2024-03-29') } });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.always(undefined);
    sleeps = [];
  });

  it('asks /graph/fredgraph.csv with the upper-cased id and ISO cosd/coed, and no key', async () => {
    const bars = await fred().fetchDaily('sp500', range);
    expect(server.requests).toEqual([{ path: '/graph/fredgraph.csv', query: { id: 'SP500', cosd: '2024-01-01', coed: '2024-01-31' } }]);
    expect(bars.symbol).toBe('sp500');
    expect(bars.time.length).toBe(23);
  });

  it('reads the current format as one-value bars: open = high = low = close, volume 0', async () => {
    server.always(csv(...JANUARY));
    const bars = await fred().fetchDaily('SP500', range);
    const closes = [4742.83, 4704.81, 4688.68, 4697.24, 4763.54];
    expect(Array.from(bars.time)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'].map((d) => Date.parse(`${d}T00:00:00Z`)));
    for (const column of [bars.open, bars.high, bars.low, bars.close]) expect(Array.from(column)).toEqual(closes);
    expect(Array.from(bars.volume)).toEqual([0, 0, 0, 0, 0]);
    expect(bars.adjClose).toBeUndefined();
  });

  it("drops '.' and empty observations and reports them through onNote, counting only dates in the range", async () => {
    const notes: FredNote[] = [];
    server.always(csv('observation_date,DGS10', '2023-12-29,3.88', '2023-12-30,.', '2024-01-01,.', '2024-01-02,3.95', '2024-01-15,', '2024-01-16,4.07'));
    const bars = await fred({ onNote: (n) => notes.push(n) }).fetchDaily('DGS10', range);
    expect(Array.from(bars.close)).toEqual([3.95, 4.07]);
    expect(bars.close.every((v) => Number.isFinite(v))).toBe(true);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ provider: 'fred', symbol: 'DGS10', missing: ['2024-01-01', '2024-01-15'] });
    expect(notes[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graph\/fredgraph\.csv\?id=DGS10&cosd=2024-01-01&coed=2024-01-31$/);
    expect(notes[0]!.message).toBe("fred DGS10: dropped 2 missing observations ('.' or empty, usually holidays): 2024-01-01, 2024-01-15");

    server.always(csv(...JANUARY.slice(0, 1), ...['02', '03', '04', '05', '08', '09', '10'].map((d) => `2024-01-${d},.`), '2024-01-11,4780.24'));
    await fred({ onNote: (n) => notes.push(n) }).fetchDaily('SP500', range);
    expect(notes[1]!.message).toBe("fred SP500: dropped 7 missing observations ('.' or empty, usually holidays): 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, 2024-01-08 and 2 more");

    server.always(csv('observation_date,SP500', '2024-01-02,4742.83'));
    await fred({ onNote: (n) => notes.push(n) }).fetchDaily('SP500', range);
    expect(notes).toHaveLength(2); // no note without a missing observation
    server.always(csv(...JANUARY));
    expect((await fred().fetchDaily('SP500', range)).time.length).toBe(5); // and none needed
  });

  it('reads the older DATE header, CRLF line ends and a byte-order mark alike', async () => {
    server.always({ body: fredCsv('SP500', weekdayBars('2024-01-02', '2024-01-05'), { header: 'DATE', missing: ['2024-01-01'] }) });
    const older = await fred().fetchDaily('SP500', range);
    server.always({ body: `\uFEFF${JANUARY.slice(0, 6).join('\r\n')}\r\n` });
    const crlf = await fred().fetchDaily('SP500', range);
    expect(older.time.length).toBe(4);
    expect(Array.from(crlf.close)).toEqual([4742.83, 4704.81, 4688.68, 4697.24]);
    expect(Array.from(older.time)).toEqual(Array.from(crlf.time));
  });

  it('returns empty bars for a header-only answer (a range without observations)', async () => {
    server.always(csv('observation_date,SP500'));
    const bars = await fred().fetchDaily('SP500', range);
    expect([bars.symbol, bars.time.length]).toEqual(['SP500', 0]);
  });

  it('says unknown-symbol, naming the id, for HTTP 404 (not retried), a 400 that says so, and an HTML error page', async () => {
    let error = await failure(fred().fetchDaily('nosuch', range));
    expect([error.kind, error.context.status, server.requests.length]).toEqual(['unknown-symbol', 404, 1]);
    expect(error.message).toMatch(/^fred nosuch: FRED has no series NOSUCH \(HTTP 404\): the series id is unknown \(GET http:\/\/127\.0\.0\.1:\d+\/graph\/fredgraph\.csv\?id=NOSUCH&cosd=2024-01-01&coed=2024-01-31\)\. Fix: check the series id as FRED writes it \(SP500, DGS10, DEXUSEU\) at https:\/\/fred\.stlouisfed\.org$/);

    server.always({ status: 400, body: 'Bad Request.  The series does not exist.' });
    error = await failure(fred().fetchDaily('JOLTS', range));
    expect(error.kind).toBe('unknown-symbol');
    expect(error.message).toContain('FRED has no series JOLTS (HTTP 400: Bad Request. The series does not exist.)');

    server.always({ body: '<!DOCTYPE html>\n<html><head><title>FRED Error</title></head><body>Error: the series does not exist.</body></html>', headers: { 'content-type': 'text/html' } });
    error = await failure(fred().fetchDaily('ZZZZ', range));
    expect(error.kind).toBe('unknown-symbol');
    expect(error.message).toContain('FRED has no series ZZZZ (an HTML error page: <!DOCTYPE html> <html><head><title>FRED Error');
  });

  it('calls any other HTML page at HTTP 200 malformed, and other refusals http', async () => {
    server.always({ body: '<!DOCTYPE html><html><head><title>Federal Reserve Economic Data | FRED</title></head><body>Maintenance</body></html>', headers: { 'content-type': 'text/html' } });
    let error = await failure(fred().fetchDaily('SP500', range));
    expect([error.kind, server.requests.length]).toEqual(['malformed', 1]);
    expect(error.message).toContain('the answer is HTML, not CSV: <!DOCTYPE html><html><head><title>Federal Reserve Economic Data | FRED</title>');
    expect(error.message).toContain('Fix: FRED served a web page instead of the CSV download: check options.baseUrl (the path must be /graph/fredgraph.csv)');

    server.always({ status: 403, body: 'Forbidden' });
    error = await failure(fred().fetchDaily('SP500', range));
    expect([error.kind, error.context.status]).toEqual(['http', 403]);
    expect(error.message).toContain('fred SP500: HTTP 403: Forbidden');

    server.always({ body: '  \n' });
    error = await failure(fred().fetchDaily('SP500', range));
    expect(error.message).toMatch(/the answer is empty \(no CSV header\) \(GET .*\)\. Fix: try again; if it persists, FRED is failing$/);
  });

  it('retries a body cut off by the connection, and names the line of a body cut off mid-row', async () => {
    server.script({ truncate: true, body: JANUARY.join('\n') });
    expect((await fred().fetchDaily('SP500', range)).time.length).toBe(23);
    expect(server.requests).toHaveLength(2);

    server.always(csv(...JANUARY.slice(0, 4), '2024-01-0'));
    let error = await failure(fred().fetchDaily('SP500', range));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('CSV line 5: expected 2 fields, found 1 in "2024-01-0" (a cut-off answer?)');
    server.always(csv(...JANUARY.slice(0, 4), '2024-01-0,4688.68'));
    error = await failure(fred().fetchDaily('SP500', range));
    expect(error.message).toContain('CSV line 5: observation_date = "2024-01-0" is not YYYY-MM-DD (a cut-off answer?)');
    server.always(csv(...JANUARY.slice(0, 4), '2024-01-04,46'.concat('88.6x')));
    error = await failure(fred().fetchDaily('SP500', range));
    expect(error.message).toContain('CSV line 5: SP500 = "4688.6x" is not a number');
    expect(error.message).toContain('Fix: fetch again; if it persists, FRED is serving a broken file');
  });

  it('refuses a header for another series, or with more columns', async () => {
    server.always(csv('observation_date,DGS10', '2024-01-02,3.95'));
    let error = await failure(fred().fetchDaily('SP500', range));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('the header "observation_date,DGS10" is not observation_date,SP500 (or DATE,SP500)');
    expect(error.message).toContain('Fix: FRED changed its format or answered for another series; open the URL in a browser');
    server.always(csv('observation_date,SP500,DJIA', '2024-01-02,4742.83,37715.04'));
    error = await failure(fred().fetchDaily('SP500', range));
    expect(error.message).toContain('the header "observation_date,SP500,DJIA" is not observation_date,SP500');
  });

  it('waits as long as Retry-After says on HTTP 429, then succeeds', async () => {
    server.script({ status: 429, headers: { 'retry-after': '12' }, body: 'Too Many Requests' });
    const bars = await fred().fetchDaily('SP500', range);
    expect(bars.time.length).toBe(23);
    expect(sleeps).toEqual([12_000]);
    expect(server.requests).toHaveLength(2);
  });

  it('spaces requests FRED_DEFAULT_REQUESTS_PER_MINUTE = 60 apart by default', async () => {
    expect(FRED_DEFAULT_REQUESTS_PER_MINUTE).toBe(60);
    const frozen: Clock = { now: () => 1_700_000_000_000, sleep: async (ms) => void sleeps.push(ms) };
    const provider = new FredProvider({ baseUrl: server.baseUrl, http: { clock: frozen } });
    await provider.fetchDaily('SP500', range);
    await provider.fetchDaily('SP500', range);
    expect(sleeps).toEqual([1000]);
  });

  it('rejects a bad series id, range or option naming it and the fix', async () => {
    await expect(fred().fetchDaily('', range)).rejects.toThrow('symbol = "": must be a non-empty ticker without spaces. Fix:');
    await expect(fred().fetchDaily('SP 500', range)).rejects.toThrow('symbol = "SP 500"');
    await expect(fred().fetchDaily('SP500', { from: '2024-13-01', to: '2024-12-31' })).rejects.toThrow('range.from = "2024-13-01": must be an ISO calendar date (YYYY-MM-DD). Fix:');
    await expect(fred().fetchDaily('SP500', { from: '2024-03-01', to: '2024-02-01' })).rejects.toThrow('has from after to. Fix: swap the dates');
    expect(() => new FredProvider({ env: {} } as never)).toThrow('options.env = {}: is not a known option. Fix: use only: baseUrl, http, onNote');
    expect(() => new FredProvider({ onNote: 'log' } as never)).toThrow('options.onNote = "log": must be a function. Fix: pass e.g. (note) => console.warn(note.message), or omit it');
    expect(server.requests).toHaveLength(0);
  });
});
