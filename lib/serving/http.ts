// The HTTP plumbing of the model server: bounded JSON bodies, JSON answers, and errors that carry
// their status code and a body naming the field, the value and the fix.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeValue, InvalidArgumentError } from '../util/errors';

/** An answer other than 2xx, with the JSON body to send. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly body: Record<string, unknown>, readonly headers: Record<string, string> = {}) {
    super(String(body.error ?? status));
  }
}

/** 422 for a value the model cannot use: argument, value and fix as fields, and the whole message. */
export function unprocessable(error: InvalidArgumentError): HttpError {
  return new HttpError(422, { error: error.message, argument: error.argument, value: describeValue(error.value), problem: error.problem, fix: error.fix });
}

// A body larger than the limit is read and thrown away up to this many times the limit (so the
// client gets its 413 rather than a reset connection), then the connection is cut.
const DRAIN_FACTOR = 8;

/** The request body, refused with 413 once it passes `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = (size: string): HttpError => new HttpError(413, {
    error: `the request body (${size}) is larger than the server's limit of ${maxBytes} bytes`,
    fix: 'send only the recent bars the model needs (GET /model: signature.minHistory), or raise maxBodyBytes',
  }, { connection: 'close' });
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > DRAIN_FACTOR * maxBytes) req.destroy();
    });
    req.on('end', () => (size > maxBytes ? reject(tooLarge(`${size} bytes`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => reject(new HttpError(400, { error: 'the request was closed before its body ended' })));
    // A declared size over the limit is answered at once; the rest of the body is discarded.
    if (declared > maxBytes) reject(tooLarge(`${declared} bytes declared`));
  });
}

/** Parses a JSON request body; 415 for another content type, 400 for invalid JSON. */
export function parseJsonBody(req: IncomingMessage, body: Buffer): unknown {
  const type = String(req.headers['content-type'] ?? 'application/json');
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpError(415, { error: `content-type ${type} is not JSON`, fix: 'send the input as JSON with content-type application/json' });
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, {
      error: `the body is not valid JSON (${(error as Error).message})`,
      fix: 'send one JSON object of columns, e.g. {"time": [...], "close": [...]} (GET /model lists them)',
    });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}
