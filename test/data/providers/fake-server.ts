// A real HTTP server on 127.0.0.1 (port 0) that answers like Stooq, FMP or FRED from a small synthetic
// market, with scripted failures queued in front: statuses with Retry-After, bodies cut off after a
// longer Content-Length, connections that hang. Every request is recorded, so tests count network
// calls and read the exact query the provider sent.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DayBar {
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Announce more bytes than sent, send half of the body, then destroy the socket. */
  readonly truncate?: boolean;
  /** Never answer (the client's timeout must fire). */
  readonly hang?: boolean;
}

export interface Recorded {
  readonly path: string;
  readonly query: Record<string, string>;
}

export type Format = 'stooq' | 'fmp' | 'fred';

export interface FakeServer {
  readonly baseUrl: string;
  readonly requests: Recorded[];
  /** Replies served, in order, before the market answers again. */
  script(...replies: Reply[]): void;
  /** Replies served for every request until cleared (undefined). */
  always(reply: Reply | undefined): void;
  /** Replace or add bars (a revised bar for a date already served). */
  setBar(bar: DayBar): void;
  close(): Promise<void>;
}

/** Weekday bars from `from` to `to` with prices that encode the date, so any mix-up shows. */
export function weekdayBars(from: string, to: string): DayBar[] {
  const out: DayBar[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day === 0 || day === 6) continue;
    const k = t / 86_400_000 - 18_000; // days since 2019-04-13, a small number
    out.push({ date: new Date(t).toISOString().slice(0, 10), open: 100 + k * 0.25, high: 101 + k * 0.25, low: 99.5 + k * 0.25, close: 100.125 + k * 0.25, volume: 1_000_000 + k });
  }
  return out;
}

export function stooqCsv(bars: readonly DayBar[]): string {
  const lines = bars.map((b) => `${b.date},${b.open},${b.high},${b.low},${b.close},${b.volume}`);
  return ['Date,Open,High,Low,Close,Volume', ...lines].join('\r\n') + '\r\n';
}

/** FMP's stable historical-price-eod/full: newest first, with change, changePercent and vwap. */
export function fmpJson(symbol: string, bars: readonly DayBar[]): string {
  return JSON.stringify([...bars].reverse().map((b) => ({
    symbol, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume,
    change: +(b.close - b.open).toFixed(4), changePercent: +(((b.close - b.open) / b.open) * 100).toFixed(5), vwap: +((b.high + b.low + b.close) / 3).toFixed(4),
  })));
}

/**
 * FRED's fredgraph.csv for one series: "observation_date,ID" (header 'DATE' for answers before
 * late 2024), the close as the value, and "." on each date in `missing` (a holiday).
 */
export function fredCsv(id: string, bars: readonly DayBar[], options: { header?: 'observation_date' | 'DATE'; missing?: readonly string[] } = {}): string {
  const rows = bars.map((b) => [b.date, String(b.close)]);
  for (const date of options.missing ?? []) rows.push([date, '.']);
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  return [`${options.header ?? 'observation_date'},${id}`, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

export interface MarketOptions {
  readonly format: Format;
  /** Symbols the market knows (as the provider sends them). */
  readonly bars: Record<string, readonly DayBar[]>;
  /** Only for FMP: requests must carry this apikey. */
  readonly apiKey?: string;
}

export async function startFakeServer(options: MarketOptions): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const queue: Reply[] = [];
  let standing: Reply | undefined;
  const market = new Map(Object.entries(options.bars).map(([s, bars]) => [s, new Map(bars.map((b) => [b.date, b]))]));

  const answer = (path: string, q: Record<string, string>): Reply => {
    if (options.format === 'stooq') {
      if (path !== '/q/d/l/') return { status: 404, body: '<html>404</html>' };
      const from = iso(q.d1!), to = iso(q.d2!);
      const rows = select(market.get(q.s!), from, to);
      return rows.length ? { body: stooqCsv(rows), headers: { 'content-type': 'text/csv' } } : { body: 'No data', headers: { 'content-type': 'text/plain' } };
    }
    if (options.format === 'fred') {
      if (path !== '/graph/fredgraph.csv') return { status: 404, body: '<!DOCTYPE html><html><head><title>Page Not Found | FRED</title></head></html>' };
      const bars = market.get(q.id!);
      if (!bars) return { status: 404, body: '<!DOCTYPE html><html><head><title>Series Not Found | FRED</title></head><body>Error: series does not exist.</body></html>', headers: { 'content-type': 'text/html' } };
      return { body: fredCsv(q.id!, select(bars, q.cosd!, q.coed!)), headers: { 'content-type': 'text/csv; charset=UTF-8' } };
    }
    if (path !== '/stable/historical-price-eod/full') return { status: 404, body: '{"Error Message":"Not found"}' };
    if (options.apiKey !== undefined && q.apikey !== options.apiKey) {
      return { status: 401, body: JSON.stringify({ 'Error Message': 'Invalid API KEY. Feel free to create a Free API Key or visit https://site.financialmodelingprep.com/faqs?search=why-is-my-api-key-invalid for more information.' }) };
    }
    return { body: fmpJson(q.symbol!, select(market.get(q.symbol!), q.from!, q.to!)), headers: { 'content-type': 'application/json' } };
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query });
    const reply = queue.shift() ?? standing ?? answer(url.pathname, query);
    if (reply.hang) return;
    const body = Buffer.from(reply.body ?? '');
    if (reply.truncate) {
      res.writeHead(reply.status ?? 200, { ...reply.headers, 'content-length': String(body.length + 64) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-length': String(body.length), ...reply.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    always: (reply) => void (standing = reply),
    setBar: (bar) => {
      for (const bars of market.values()) bars.set(bar.date, bar);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function iso(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

function select(bars: Map<string, DayBar> | undefined, from: string, to: string): DayBar[] {
  if (!bars) return [];
  return [...bars.values()].filter((b) => b.date >= from && b.date <= to).sort((a, b) => (a.date < b.date ? -1 : 1));
}
