// A small in-memory stand-in for the MLflow endpoints the offline journal replays to (log-batch,
// set-tag, runs/update, runs/get, metric history, artifact PUT). Unlike MLflow's SQL stores it
// keeps exact duplicate metric values, as MLflow's file store does, so a replay that re-sends a
// value shows up in the history. It can go down (connections refused) and come back on the same
// port, and a hook can make it apply a request and then drop the connection without answering.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakePoint { key: string; value: number; timestamp: number; step: number }

export interface FakeRun {
  metrics: FakePoint[];
  params: Record<string, string>;
  tags: Record<string, string>;
  status: string;
  endTime?: number;
  artifacts: Map<string, Buffer>;
}

export interface FakeRequest { method: string; path: string; body: any }

/** Returning 'drop' applies the request, then destroys the socket without a response. */
export type Intercept = (request: FakeRequest) => 'drop' | { status: number; body: unknown } | undefined;

const API = '/api/2.0/mlflow/';
const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts/';

export class FakeMlflow {
  readonly runs = new Map<string, FakeRun>();
  readonly requests: FakeRequest[] = [];
  intercept: Intercept | undefined;
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  addRun(runId: string): FakeRun {
    const run: FakeRun = { metrics: [], params: {}, tags: {}, status: 'RUNNING', artifacts: new Map() };
    this.runs.set(runId, run);
    return run;
  }

  /** Requests that wrote something (the replay's reads are left out). */
  writes(): FakeRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Goes down: the port refuses connections until start() again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.url);
      const raw = Buffer.concat(chunks);
      const isJson = (req.headers['content-type'] ?? '').includes('json');
      const body = req.method === 'GET' ? Object.fromEntries(url.searchParams) : isJson ? JSON.parse(raw.toString() || '{}') : raw;
      const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, body };
      this.requests.push(request);
      const override = this.intercept?.(request);
      if (override && override !== 'drop') return reply(res, override.status, override.body);
      const [status, answer] = this.apply(request);
      if (override === 'drop') {
        req.socket.destroy();
        return;
      }
      reply(res, status, answer);
    });
  }

  private apply(r: FakeRequest): [number, unknown] {
    const path = r.path.startsWith(API) ? r.path.slice(API.length) : r.path;
    if (r.path.startsWith(ARTIFACTS) && r.method === 'PUT') {
      const [, runId, , ...rest] = decodeURIComponent(r.path.slice(ARTIFACTS.length)).split('/');
      const run = this.runs.get(runId!);
      if (!run) return notFound(runId!);
      run.artifacts.set(rest.join('/'), r.body as Buffer);
      return [200, {}];
    }
    const runId: string = r.body.run_id;
    const run = this.runs.get(runId);
    if (!run) return notFound(runId);
    switch (`${r.method} ${path}`) {
      case 'POST runs/log-batch': {
        for (const p of r.body.params ?? []) {
          if (p.key in run.params && run.params[p.key] !== p.value) {
            return [400, { error_code: 'INVALID_PARAMETER_VALUE', message: `Changing param values is not allowed. Param with key='${p.key}' was already logged` }];
          }
        }
        for (const p of r.body.params ?? []) run.params[p.key] = p.value;
        for (const t of r.body.tags ?? []) run.tags[t.key] = t.value;
        for (const m of r.body.metrics ?? []) run.metrics.push({ key: m.key, value: Number(m.value), timestamp: Number(m.timestamp), step: Number(m.step) });
        return [200, {}];
      }
      case 'POST runs/set-tag':
        run.tags[r.body.key] = r.body.value;
        return [200, {}];
      case 'POST runs/update':
        if (r.body.status) run.status = r.body.status;
        if (r.body.end_time !== undefined) run.endTime = Number(r.body.end_time);
        return [200, { run_info: this.info(runId, run) }];
      case 'GET runs/get':
        return [200, { run: { info: this.info(runId, run), data: this.data(run) } }];
      case 'GET metrics/get-history': {
        const all = run.metrics.filter((m) => m.key === r.body.metric_key);
        const offset = Number(r.body.page_token ?? 0);
        const size = Number(r.body.max_results ?? all.length);
        const page = all.slice(offset, offset + size);
        return [200, { metrics: page, ...(offset + size < all.length ? { next_page_token: String(offset + size) } : {}) }];
      }
      default:
        return [404, { error_code: 'ENDPOINT_NOT_FOUND', message: `no fake for ${r.method} ${r.path}` }];
    }
  }

  private info(runId: string, run: FakeRun): object {
    return {
      run_id: runId, experiment_id: '0', run_name: runId, status: run.status, start_time: 1, lifecycle_stage: 'active',
      artifact_uri: `mlflow-artifacts:/0/${runId}/artifacts`, ...(run.endTime === undefined ? {} : { end_time: run.endTime }),
    };
  }

  private data(run: FakeRun): object {
    const latest = new Map<string, FakePoint>();
    for (const m of run.metrics) {
      const l = latest.get(m.key);
      if (!l || m.step > l.step || (m.step === l.step && (m.timestamp > l.timestamp || (m.timestamp === l.timestamp && m.value > l.value)))) latest.set(m.key, m);
    }
    return {
      metrics: [...latest.values()],
      params: Object.entries(run.params).map(([key, value]) => ({ key, value })),
      tags: Object.entries(run.tags).map(([key, value]) => ({ key, value })),
    };
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const notFound = (runId: string): [number, unknown] => [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${runId} not found` }];
