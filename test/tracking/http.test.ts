// Retries and error mapping of the client's HTTP layer, against a tiny local HTTP server that
// answers from a script (the real-server contract suite covers the happy paths).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MlflowApiError, MlflowClient, MlflowUnavailableError } from '../../lib/tracking';

// 'partial' promises 1000 bytes, sends 10 and cuts the connection.
type Step = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop' | 'partial';
interface Hit { method: string; path: string; headers: http.IncomingHttpHeaders; bytes: number }

describe('retries with backoff', () => {
  let server: http.Server;
  let url = '';
  let script: Step[] = [];
  let hits: Hit[] = [];
  const run = { info: { run_id: 'r1', experiment_id: '0', status: 'RUNNING', start_time: 1, artifact_uri: 'mlflow-artifacts:/0/r1/artifacts' }, data: {} };
  const client = (maxAttempts = 4) => new MlflowClient({ trackingUri: url, retry: { maxAttempts, baseDelayMs: 5, maxDelayMs: 20 } });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const hit: Hit = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, bytes: 0 };
      hits.push(hit);
      req.on('data', (chunk: Buffer) => (hit.bytes += chunk.length));
      req.on('end', () => {
        const step = script.shift() ?? { status: 200, body: { run } };
        if (step === 'drop') return req.socket.destroy();
        if (step === 'partial') {
          res.writeHead(200, { 'content-length': '1000' });
          res.write(Buffer.alloc(10));
          return setTimeout(() => req.socket.destroy(), 20);
        }
        res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
        res.end(typeof step.body === 'string' ? step.body : JSON.stringify(step.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    script = [];
    hits = [];
  });

  it('succeeds when a 503 is followed by a 200', async () => {
    script = [{ status: 503, body: { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' } }, { status: 200, body: { run } }];
    const fetched = await client().getRun('r1');
    expect(fetched.info.runId).toBe('r1');
    expect(hits).toHaveLength(2);
    expect(hits.every((h) => h.path.includes('/api/2.0/mlflow/runs/get?run_id=r1'))).toBe(true);
  });

  it('retries a dropped connection and a 429 that asks to wait', async () => {
    script = ['drop', { status: 429, body: {}, headers: { 'retry-after': '0' } }, { status: 200, body: { run } }];
    expect((await client().getRun('r1')).info.runId).toBe('r1');
    expect(hits).toHaveLength(3);
  });

  it('does not retry a 400, and carries the server\'s error code and message', async () => {
    script = [{ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: "Invalid filter 'metrics.x >>> 1'" } }];
    const error = await client().searchRuns({ experimentIds: ['0'], filter: 'metrics.x >>> 1' }).catch((e: unknown) => e);
    expect(hits).toHaveLength(1);
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE', serverMessage: "Invalid filter 'metrics.x >>> 1'" });
    expect((error as Error).message).toContain("runs/search answered HTTP 400 INVALID_PARAMETER_VALUE: Invalid filter 'metrics.x >>> 1'");
  });

  it('gives up after maxAttempts 5xx answers with the last one', async () => {
    script = [{ status: 500, body: 'oops 1' }, { status: 502, body: 'bad gateway' }, { status: 503, body: { error_code: 'X', message: 'still down' } }];
    const error = await client(3).getRun('r1').catch((e: unknown) => e);
    expect(hits).toHaveLength(3);
    expect(error).toMatchObject({ status: 503, errorCode: 'X', serverMessage: 'still down' });
  });

  it('maps a non-JSON error body to UNKNOWN with the text', async () => {
    script = [{ status: 404, body: '<html>no such route</html>' }];
    const error = await client().deleteRun('r1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, errorCode: 'UNKNOWN', serverMessage: '<html>no such route</html>' });
    expect(hits.map((h) => [h.method, h.path])).toEqual([['POST', '/api/2.0/mlflow/runs/delete']]);
  });

  it('turns connections dropped on every attempt into MlflowUnavailableError naming the URL', async () => {
    script = ['drop', 'drop'];
    const error = await client(2).getRun('r1').catch((e: unknown) => e);
    expect(hits).toHaveLength(2);
    expect(error).toBeInstanceOf(MlflowUnavailableError);
    expect((error as Error).message).toContain(`${url}/api/2.0/mlflow/runs/get`);
  });

  it('sends repeated order_by fields of registry searches as repeated query parameters', async () => {
    script = [{ status: 200, body: { model_versions: [{ name: 'm', version: '2', description: 'd' }], next_page_token: 'tok' } }];
    const page = await client().searchModelVersions({ filter: "name='m'", orderBy: ['version_number DESC', 'creation_timestamp ASC'], maxResults: 1 });
    expect(page).toMatchObject({ modelVersions: [{ name: 'm', version: '2', description: 'd' }], nextPageToken: 'tok' });
    const query = new URL(hits[0]!.path, url).searchParams;
    expect(query.getAll('order_by')).toEqual(['version_number DESC', 'creation_timestamp ASC']);
    expect(query.get('filter')).toBe("name='m'");
    expect(query.get('max_results')).toBe('1');
  });

  it('streams a file upload with its content-length, not chunked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-http-'));
    try {
      const file = path.join(dir, 'weights.bin');
      fs.writeFileSync(file, Buffer.alloc(300_000, 7));
      script = [{ status: 200, body: { run } }, { status: 503, body: {} }, { status: 200, body: {} }];
      expect(await client().logArtifactFile('r1', file, 'model')).toBe('model/weights.bin');
      const puts = hits.filter((h) => h.method === 'PUT');
      expect(puts).toHaveLength(2); // the retry reopened the file and sent it whole again
      for (const put of puts) {
        expect(put.path).toBe('/api/2.0/mlflow-artifacts/artifacts/0/r1/artifacts/model/weights.bin');
        expect(put.headers['content-length']).toBe('300000');
        expect(put.headers['transfer-encoding']).toBeUndefined();
        expect(put.bytes).toBe(300_000);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no partial file when a download is cut off', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-http-'));
    try {
      script = [{ status: 200, body: {} }, 'partial'];
      const error = await client().downloadArtifacts('mlflow-artifacts:/0/r1/artifacts/model/weights.bin', dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MlflowUnavailableError);
      expect((error as Error).message).toMatch(/weights\.bin \(download interrupted: /);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
