// One place that talks HTTP to MLflow: JSON, byte and streamed requests, bounded retries with
// exponential backoff on 429/5xx and dropped connections, and translation into the domain's typed
// errors.
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MlflowApiError, MlflowUnavailableError } from './errors';
import { sleep } from './proc';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface RetryOptions {
  /** Total attempts including the first (default 4). */
  readonly maxAttempts?: number;
  /** First backoff delay; doubles each retry (default 250 ms). */
  readonly baseDelayMs?: number;
  /** Cap on one delay (default 4 s). */
  readonly maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 4_000 };
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

// Errors worth another attempt: the server dropped or reset the connection mid-request.
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** A request body read from a source that can be reopened, so a retry can send it again. */
export interface StreamBody {
  readonly open: () => Readable;
  /** Exact byte count, sent as content-length (MLflow's WSGI artifact handler needs it). */
  readonly length: number;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly json?: unknown;
  readonly bytes?: Uint8Array;
  readonly stream?: StreamBody;
}

export class Http {
  constructor(
    private readonly retry: Required<RetryOptions>,
    private readonly timeoutMs: number,
    /** Awaited before every request (the client replays its offline journal there). */
    private readonly before?: () => Promise<void>,
  ) {}

  async json<T>(request: HttpRequest): Promise<T> {
    const response = await this.send(request);
    const text = await response.text();
    return (text.length === 0 ? {} : JSON.parse(text)) as T;
  }

  async bytes(request: HttpRequest): Promise<Buffer> {
    const response = await this.send(request);
    return Buffer.from(await response.arrayBuffer());
  }

  /**
   * Streams the response body into `file` (through a sibling temp file, renamed when complete, so
   * a dropped download never leaves a truncated file); returns the bytes written.
   */
  async toFile(request: HttpRequest, file: string): Promise<number> {
    const response = await this.send(request);
    const tmp = `${file}.part-${process.pid}`;
    try {
      // fetch's body is the DOM ReadableStream type; at run time it is node:stream/web's, which fromWeb takes.
      if (response.body) await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream), fs.createWriteStream(tmp));
      else fs.writeFileSync(tmp, Buffer.alloc(0));
      fs.renameSync(tmp, file);
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw new MlflowUnavailableError(request.url, `download interrupted: ${errorCode(error) || (error as Error).message}`);
    }
    return fs.statSync(file).size;
  }

  private async send(request: HttpRequest): Promise<Response> {
    if (this.before) await this.before();
    const { maxAttempts, baseDelayMs, maxDelayMs } = this.retry;
    for (let attempt = 1; ; attempt++) {
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      let response: Response;
      try {
        response = await fetch(request.url, { method: request.method, ...bodyOf(request), signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (error) {
        const code = errorCode(error);
        if (TRANSIENT_CODES.has(code) && attempt < maxAttempts) {
          await sleep(delay);
          continue;
        }
        throw new MlflowUnavailableError(request.url, code || (error as Error).message);
      }
      if (response.ok) return response;
      if ((response.status === 429 || response.status >= 500) && attempt < maxAttempts) {
        await response.arrayBuffer().catch(() => undefined);
        await sleep(Math.max(delay, retryAfterMs(response)));
        continue;
      }
      throw await apiError(request.url, response);
    }
  }
}

/** Headers and body for one attempt; a stream is reopened each time. */
function bodyOf(request: HttpRequest): RequestInit {
  if (request.json !== undefined) return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.json) };
  if (request.stream) {
    return {
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(request.stream.length) },
      // The Readable itself (an async iterable) rather than Readable.toWeb(): fetch pulls it chunk
      // by chunk, while toWeb's stream (Node 20) reads the whole file ahead into memory.
      // Node's fetch accepts any async iterable as a body; the DOM BodyInit type does not say so.
      body: request.stream.open() as unknown as RequestInit["body"],
      duplex: 'half', // required by fetch for a streamed request body
      // Following redirects makes fetch tee the body so it could send it again, and the unread
      // branch of the tee buffers the whole file; MLflow's artifact proxy never redirects.
      redirect: 'error',
    } as RequestInit;
  }
  if (request.bytes) return { headers: { 'content-type': 'application/octet-stream' }, body: request.bytes };
  return {};
}

function errorCode(error: unknown): string {
  // undici wraps the socket error: TypeError('fetch failed') with cause { code }.
  let e: any = error;
  for (let depth = 0; e && depth < 4; depth++, e = e.cause) {
    if (typeof e.code === 'string') return e.code;
    if (e.name === 'TimeoutError') return 'ETIMEDOUT';
  }
  return '';
}

function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 30_000) : 0;
}

async function apiError(url: string, response: Response): Promise<MlflowApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error_code?: string; message?: string };
    return new MlflowApiError(url, response.status, body.error_code ?? 'UNKNOWN', body.message ?? text);
  } catch {
    return new MlflowApiError(url, response.status, 'UNKNOWN', text.slice(0, 500) || response.statusText);
  }
}
