// A registered model served over HTTP (node:http, no framework): the version an alias points at,
// predictions from raw recent bars, and a hot swap when the alias moves - the new version is
// downloaded and loaded beside the old one, then swapped in between two requests; requests that
// started on the old one finish on it, and it is disposed after.
//
//   GET  /health    200 while a model is served, 503 before (or while the registry has none)
//   GET  /status    version, alias, load time, request counts, last error
//   GET  /model     the served model's signature and metadata (its MLmodel)
//   POST /predict   {columns of the signature} -> { probability, time, model, version }
//   POST /retrain   202: calls onRetrain with the JSON body, if any (501 without it)
//   POST /rollback  200: calls onRollback with the JSON body, if any, then serves whatever the
//                   alias points at (501 without it)
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadModelByUri } from '../deploy/io';
import { isOutage } from '../tracking/errors';
import { InvalidArgumentError } from '../util/errors';
import { HttpError, parseJsonBody, readBody, sendJson, unprocessable } from './http';
import { resolveServerOptions, type ModelServerOptions, type ResolvedServerOptions } from './options';
import { ModelSlot } from './slot';

export interface ServingStatus {
  readonly model: string;
  readonly alias: string;
  readonly url: string;
  /** The served version; null while none is loaded. */
  readonly version: string | null;
  readonly kind: string | null;
  /** What runs the served model's network (onnx or tfjs); null while none is loaded. */
  readonly runtime: string | null;
  readonly loadedAt: string | null;
  /** Predictions answered 200, refused (4xx) and failed (5xx). */
  readonly requestsServed: number;
  readonly requestsRejected: number;
  readonly requestsFailed: number;
  /** Versions loaded since start (1 after the first load, 2 after one swap, ...). */
  readonly loads: number;
  readonly lastPollAt: string | null;
  readonly lastError: { readonly at: string; readonly message: string } | null;
  readonly retraining: boolean;
}

/** The JSON body of a 200 answer to POST /predict. */
export interface PredictResponse {
  /** P(class 1) for the bar after the last input bar. */
  readonly probability: number;
  /** Time (epoch ms) of the last input bar. */
  readonly time: number;
  readonly model: string;
  readonly version: string;
}

export interface ModelServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  status(): ServingStatus;
  /** Checks the alias now and, when it moved, loads and swaps in its version before resolving. */
  refresh(): Promise<ServingStatus>;
  /** Stops listening and polling, lets requests finish, disposes the model. */
  close(): Promise<void>;
}

class Server implements ModelServer {
  readonly host: string;
  port = 0;
  private readonly slot = new ModelSlot();
  private readonly http: http.Server;
  private counts = { served: 0, rejected: 0, failed: 0, loads: 0 };
  private lastError: { at: string; message: string } | null = null;
  private lastPollAt: string | null = null;
  /** A version that failed to load for a reason other than an outage: not retried until the alias moves. */
  private broken: string | undefined;
  private polling: Promise<void> | undefined;
  private retraining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly o: ResolvedServerOptions) {
    this.host = o.host;
    this.http = http.createServer((req, res) => void this.handle(req, res));
  }

  get url(): string {
    return `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: NodeJS.ErrnoException): void => reject(error.code === 'EADDRINUSE'
        ? new InvalidArgumentError('options.port', this.o.port, `is in use on ${this.o.host}`, 'choose another port, or 0 for any free one')
        : error);
      this.http.once('error', fail);
      this.http.listen(this.o.port, this.o.host, () => {
        this.http.off('error', fail);
        resolve();
      });
    });
    this.port = (this.http.address() as AddressInfo).port;
    if (!['127.0.0.1', '::1', 'localhost'].includes(this.host)) {
      this.o.log(`warning: serving on ${this.host}: anyone who reaches it can call /retrain and /rollback`);
    }
  }

  startPolling(): void {
    if (this.o.pollMs === 0 || this.closed) return;
    const tick = (): void => {
      this.timer = setTimeout(() => void this.poll().finally(tick), this.o.pollMs);
      this.timer.unref();
    };
    tick();
  }

  status(): ServingStatus {
    const s = this.slot.current;
    return {
      model: this.o.model, alias: this.o.alias, url: this.url,
      version: s?.version ?? null, kind: s?.model.kind ?? null, runtime: s?.model.runtime ?? null, loadedAt: s?.loadedAt.toISOString() ?? null,
      requestsServed: this.counts.served, requestsRejected: this.counts.rejected, requestsFailed: this.counts.failed,
      loads: this.counts.loads, lastPollAt: this.lastPollAt, lastError: this.lastError, retraining: this.retraining !== undefined,
    };
  }

  async refresh(): Promise<ServingStatus> {
    this.broken = undefined;
    await this.poll();
    return this.status();
  }

  /** One alias check (coalesced with one already running). */
  poll(): Promise<void> {
    this.polling ??= this.check().finally(() => { this.polling = undefined; });
    return this.polling;
  }

  private async check(): Promise<void> {
    if (this.closed) return;
    let version: string | undefined;
    try {
      this.lastPollAt = new Date().toISOString();
      version = (await this.o.client.getModelVersionByAlias(this.o.model, this.o.alias)).version;
      if (version === this.slot.current?.version || version === this.broken) return;
      const model = await loadModelByUri(this.o.client, `models:/${this.o.model}/${version}`, { runtime: this.o.runtime, ...(this.o.kinds ? { kinds: this.o.kinds } : {}) });
      if (this.closed) return model.dispose();
      const from = this.slot.current?.version;
      this.slot.swap(model, version);
      this.counts.loads++;
      this.o.log(`serving ${this.o.model}@${this.o.alias} version ${version}${from ? ` (was ${from})` : ''} at ${this.url}`);
    } catch (error) {
      if (version !== undefined && !isOutage(error)) this.broken = version;
      this.recordError(`${this.o.model}@${this.o.alias}${version ? ` version ${version}` : ''}: ${(error as Error).message}`);
    }
  }

  private recordError(message: string): void {
    this.lastError = { at: new Date().toISOString(), message };
    this.o.log(`error: ${message}`);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const route = `${req.method} ${(req.url ?? '/').split('?')[0]}`;
    const isPredict = route === 'POST /predict';
    try {
      const [status, body] = await this.route(route, req);
      if (isPredict) this.counts.served++;
      sendJson(res, status, body);
    } catch (error) {
      const e = error instanceof HttpError ? error
        : error instanceof InvalidArgumentError ? unprocessable(error)
          : new HttpError(500, { error: (error as Error)?.message ?? String(error) });
      if (isPredict) {
        if (e.status >= 500) this.counts.failed++;
        else this.counts.rejected++;
      }
      if (e.status >= 500 && e.status !== 501 && e.status !== 503) this.recordError(`${route}: ${e.message}`);
      if (!res.headersSent) sendJson(res, e.status, e.body, e.headers);
    }
  }

  private async route(route: string, req: http.IncomingMessage): Promise<[number, unknown]> {
    switch (route) {
      case 'GET /health': {
        const s = this.slot.current;
        if (!s) throw new HttpError(503, { status: 'unavailable', reason: this.lastError?.message ?? 'no model loaded yet' });
        return [200, { status: 'ok', model: this.o.model, version: s.version }];
      }
      case 'GET /status':
        return [200, this.status()];
      case 'GET /model':
        return [200, this.modelDocument()];
      case 'POST /predict':
        return [200, await this.predict(req)];
      case 'POST /retrain':
        return this.retrain(req);
      case 'POST /rollback':
        return this.rollback(req);
    }
    const path = route.slice(route.indexOf(' ') + 1);
    const allowed = { '/health': 'GET', '/status': 'GET', '/model': 'GET', '/predict': 'POST', '/retrain': 'POST', '/rollback': 'POST' }[path];
    if (allowed) throw new HttpError(405, { error: `${route} is not allowed`, fix: `use ${allowed} ${path}` }, { allow: allowed });
    throw new HttpError(404, { error: `no route ${route}`, fix: 'use GET /health, /status, /model or POST /predict, /retrain, /rollback' });
  }

  private noModel(): HttpError {
    return new HttpError(503, { error: `no version of ${this.o.model}@${this.o.alias} is loaded yet`, reason: this.lastError?.message ?? null, fix: 'register a version and set the alias, then retry' });
  }

  private modelDocument(): unknown {
    const s = this.slot.current;
    if (!s) throw this.noModel();
    const m = s.model;
    return {
      name: this.o.model, alias: this.o.alias, version: s.version, kind: m.kind, runtime: m.runtime, formatVersion: m.formatVersion,
      signature: m.signature, metadata: m.metadata, runId: m.origin.runId ?? null, modelUuid: m.origin.modelUuid, createdAt: m.origin.createdAt,
    };
  }

  private async predict(req: http.IncomingMessage): Promise<PredictResponse> {
    const input = parseJsonBody(req, await readBody(req, this.o.maxBodyBytes));
    const answer = this.slot.use((s): PredictResponse => {
      const p = s.model.predict(input);
      return { probability: p.probability, time: p.time, model: this.o.model, version: s.version };
    });
    if (!answer) throw this.noModel();
    return answer;
  }

  /** The JSON body of /retrain or /rollback, handed to the hook; undefined when empty. */
  private async hookRequest(req: http.IncomingMessage): Promise<unknown> {
    const body = await readBody(req, this.o.maxBodyBytes);
    return body.length === 0 ? undefined : parseJsonBody(req, body);
  }

  private async retrain(req: http.IncomingMessage): Promise<[number, unknown]> {
    const request = await this.hookRequest(req);
    const onRetrain = this.o.onRetrain;
    if (!onRetrain) throw new HttpError(501, { error: 'retraining is not configured on this server', fix: 'start the server with onRetrain' });
    if (this.retraining) throw new HttpError(409, { error: 'a retraining is already running', fix: 'wait for it (GET /status: retraining) and retry' });
    this.retraining = (async () => {
      try {
        await onRetrain(request);
      } catch (error) {
        this.recordError(`retrain: ${(error as Error)?.message ?? String(error)}`);
      }
      await this.refresh();
    })().finally(() => { this.retraining = undefined; });
    return [202, { status: 'accepted', next: 'GET /status shows retraining: false and the served version when it is done' }];
  }

  private async rollback(req: http.IncomingMessage): Promise<[number, unknown]> {
    const request = await this.hookRequest(req);
    if (!this.o.onRollback) throw new HttpError(501, { error: 'rollback is not configured on this server', fix: 'start the server with onRollback' });
    const from = this.slot.current?.version ?? null;
    const result = await this.o.onRollback(request);
    const status = await this.refresh();
    return [200, { status: 'rolled back', from, version: status.version, result: result ?? null }];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    const stopped = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeIdleConnections();
    const force = setTimeout(() => this.http.closeAllConnections(), 5000);
    await stopped;
    clearTimeout(force);
    await this.polling;
    await this.retraining;
    this.slot.clear();
  }
}

/**
 * Listens (127.0.0.1:5080 by default), loads the version `alias` points at, and polls the alias
 * every `pollMs`. Resolves once listening and the first load was tried: /health answers 503 until
 * a version is loaded (status().lastError says why not).
 */
export async function createModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const server = new Server(resolveServerOptions(options));
  await server.listen();
  await server.poll();
  server.startPolling();
  return server;
}
