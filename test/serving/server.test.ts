// The model server against a real MLflow server: predictions equal the library's own, an alias
// move swaps the served version under concurrent load without a failed request, bad requests get
// 4xx answers naming the field, value and fix, and /retrain and /rollback call their hooks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../../lib/data/bars';
import { loadModelByUri, trainDirectionLstmModel, type DeployedModel } from '../../lib/deploy';
import { barColumns } from '../../lib/deploy/kinds/bars';
import { loadDirectionLstm, predictDirectionLstm } from '../../lib/pipeline/direction-lstm';
import { createModelServer, type ModelServer } from '../../lib/serving';
import { registerAndPromote, rollback } from '../../lib/lifecycle';
import { registerModel } from '../../lib/tracking';
import { sp500Bars } from '../features/kind-contract';
import { useMlflowServer } from '../helpers/mlflow-server';

const mlflow = useMlflowServer('sqlite');
const NAME = 'serve-lstm';
let work: string;
let bars: Bars;
let body: string;
let dirs: string[];
const versions: DeployedModel[] = [];
const servers: ModelServer[] = [];

const json = (b: Bars): Record<string, number[]> => Object.fromEntries(Object.entries(barColumns(b)).map(([k, v]) => [k, Array.from(v)]));

async function post(server: ModelServer, route: string, payload?: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${route}`, { method: 'POST', headers, ...(payload !== undefined ? { body: payload } : {}) });
  return { status: res.status, body: await res.json() };
}

async function get(server: ModelServer, route: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${server.url}${route}`);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function serve(options: Partial<Parameters<typeof createModelServer>[0]> = {}): Promise<ModelServer> {
  const s = await createModelServer({ client: mlflow.client, model: NAME, port: 0, pollMs: 100, ...options });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-serving-'));
  bars = sliceBars(sp500Bars(), 0, 800);
  body = JSON.stringify(json(sliceBars(bars, 500)));
  dirs = [path.join(work, 'v1'), path.join(work, 'v2')];
  // Two versions that predict differently (different seeds); only the first gets the champion alias.
  for (const [i, dir] of dirs.entries()) {
    const trained = await trainDirectionLstmModel(bars, { lookback: 10, layers: [4], epochs: 1, batchSize: 128, seed: 7 + i }, dir);
    trained.model.dispose();
    const options = { experiment: 'serving', params: {}, metrics: { f1: 0.6 }, modelDir: dir, modelName: NAME, gates: [] };
    if (i === 0) await registerAndPromote(mlflow.client, options);
    else await registerModel(mlflow.client, { ...options, alias: 'challenger' });
    versions.push(await loadModelByUri(mlflow.client, `models:/${NAME}/${i + 1}`));
  }
});

afterAll(async () => {
  for (const s of servers) await s.close();
  for (const v of versions) v.dispose();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('model server', () => {
  it("serves the alias's version on 127.0.0.1, predicting what the library predicts from the same bars", async () => {
    const server = await serve();
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(server, '/health'))).toMatchObject({ status: 200, body: { status: 'ok', version: '1' } });
    const library = loadDirectionLstm(dirs[0]!);
    const own = predictDirectionLstm(library, sliceBars(bars, 500));
    library.model.dispose();
    const answer = await post(server, '/predict', body);
    // The server runs the network on ONNX Runtime, as the deployed model does by default: the same
    // to the bit as that model, within float32 rounding of the TensorFlow.js network.
    const deployed = versions[0]!.predict(JSON.parse(body));
    expect(answer).toEqual({ status: 200, body: { probability: deployed.probability, time: own.time, model: NAME, version: '1' } });
    expect(versions[0]!.runtime).toBe('onnx');
    expect(Math.abs(deployed.probability - own.probability)).toBeLessThan(1e-6);

    const model = await get(server, '/model');
    expect(model.body).toMatchObject({ name: NAME, alias: 'champion', version: '1', kind: 'direction-lstm', runtime: 'onnx', formatVersion: 1 });
    expect(model.body.signature.minHistory).toBe(versions[0]!.signature.minHistory);
    expect(model.body.signature.inputs.map((c: { name: string }) => c.name)).toEqual(['time', 'open', 'high', 'low', 'close', 'volume']);
    expect(model.body.metadata.dataFingerprint).toBe(versions[0]!.metadata.dataFingerprint);
    const status = (await get(server, '/status')).body;
    expect(status).toMatchObject({ model: NAME, alias: 'champion', version: '1', kind: 'direction-lstm', requestsServed: 1, loads: 1, lastError: null });
    expect(Date.parse(status.loadedAt)).toBeGreaterThan(0);

    // Latency of one /predict (300 bars in, features + scaler + network + JSON both ways), after warm-up.
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      expect((await post(server, '/predict', body)).status).toBe(200);
      times.push(performance.now() - t0);
    }
    const t0 = performance.now();
    for (let i = 0; i < 40; i++) versions[0]!.predict(JSON.parse(body));
    const inProcess = (performance.now() - t0) / 40;
    times.sort((a, b) => a - b);
    console.log(`[serving] /predict latency over 40 requests (300 bars): median ${times[20]!.toFixed(2)} ms, p95 ${times[38]!.toFixed(2)} ms; in-process predict ${inProcess.toFixed(2)} ms`);
    expect(times[20]).toBeLessThan(500);
  });

  it('answers bad requests with 4xx naming the field, the value and the fix', async () => {
    const server = servers[0]!;
    const input = JSON.parse(body) as Record<string, unknown[]>;
    const cases: [string, string, number, RegExp][] = [
      ['invalid JSON', '{"time": [1, 2', 400, /^the body is not valid JSON/],
      ['an unknown column', JSON.stringify({ ...input, adjClose: [1] }), 422, /^input\.adjClose = array of length 1: is not a column of the model's signature\. Fix: send only time, open, high, low, close, volume/],
      ['too few bars', JSON.stringify(json(sliceBars(bars, 790))), 422, /^input = "10 bars": are too few: this model needs \d+ .*Fix: send at least the last \d+ bars/],
      ['a NaN (null)', JSON.stringify({ ...input, close: input.close!.map((v, i) => (i === 3 ? null : v)) }), 422, /^input\.close\[3\] = null: is not a finite number\. Fix: repair the series/],
      ['a missing column', JSON.stringify({ ...input, volume: undefined }), 422, /^input\.volume = undefined: is missing\. Fix: send every column of the signature/],
    ];
    for (const [name, payload, status, message] of cases) {
      const r = await post(server, '/predict', payload);
      expect(r.status, name).toBe(status);
      expect(r.body.error, name).toMatch(message);
      if (status === 422) expect(r.body, name).toMatchObject({ argument: expect.any(String), value: expect.any(String), fix: expect.any(String) });
    }
    const unknownColumn = await post(server, '/predict', JSON.stringify({ ...input, adjClose: [1] }));
    expect(unknownColumn.body).toMatchObject({ argument: 'input.adjClose', value: 'array of length 1', fix: expect.stringContaining('send only time') });
    const text = await post(server, '/predict', body, { 'content-type': 'text/plain' });
    expect(text).toMatchObject({ status: 415, body: { error: 'content-type text/plain is not JSON' } });
    expect((await get(server, '/predict'))).toMatchObject({ status: 405, body: { fix: 'use POST /predict' } });
    expect((await get(server, '/predict')).headers.get('allow')).toBe('POST');
    expect((await get(server, '/nowhere')).status).toBe(404);
    expect(await post(server, '/retrain')).toMatchObject({ status: 501, body: { fix: 'start the server with onRetrain' } });
    expect(await post(server, '/rollback')).toMatchObject({ status: 501, body: { fix: 'start the server with onRollback' } });
    expect(server.status()).toMatchObject({ requestsRejected: 7, requestsFailed: 0, lastError: null });
  });

  it('refuses an oversized body with 413, declared or streamed', async () => {
    const server = await serve({ maxBodyBytes: 64 * 1024 });
    const big = JSON.stringify({ ...JSON.parse(body), pad: 'x'.repeat(100 * 1024) });
    const declared = await post(server, '/predict', big);
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatch(/^the request body \(\d+ bytes declared\) is larger than the server's limit of 65536 bytes/);
    // Chunked: no content-length, so the size is only known while reading.
    const chunks = new ReadableStream({ start(c) { for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode(big.slice(i * 30000, (i + 1) * 30000))); c.close(); } });
    const streamed = await fetch(`${server.url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: string }).error).toMatch(/^the request body \(120000 bytes\) is larger/);
    expect((await post(server, '/predict', body)).status).toBe(200);
  });

  it('swaps to the version the alias moves to under concurrent load, without a failed request', async () => {
    const server = servers[0]!;
    const expected = versions.map((v) => v.predict(JSON.parse(body)).probability);
    expect(expected[0]).not.toBe(expected[1]);
    const seen: string[][] = [[], [], [], []];
    let moved = false;
    const worker = async (k: number): Promise<void> => {
      for (let i = 0; i < 400; i++) {
        const r = await post(server, '/predict', body);
        expect(r.status).toBe(200);
        expect(r.body.probability).toBe(expected[Number(r.body.version) - 1]);
        seen[k]!.push(r.body.version);
        if (seen.flat().length === 40 && !moved) {
          moved = true;
          await mlflow.client.setAlias(NAME, 'champion', 2);
        }
        if (seen[k]!.filter((v) => v === '2').length >= 10) return;
      }
    };
    await Promise.all(seen.map((_, k) => worker(k)));
    for (const versionsSeen of seen) {
      expect(versionsSeen[0]).toBe('1');
      expect(versionsSeen.join('')).toMatch(/^1+2+$/); // never back to the old version
    }
    expect(server.status()).toMatchObject({ version: '2', loads: 2, requestsFailed: 0, lastError: null });
  });

  it('answers 503 until a version exists, then serves it; /retrain and /rollback call their hooks', async () => {
    const calls: string[] = [];
    const server = await serve({
      model: 'serve-later', pollMs: 0,
      onRetrain: async () => {
        calls.push('retrain');
        await registerAndPromote(mlflow.client, { experiment: 'serving', params: {}, metrics: {}, modelDir: dirs[1]!, modelName: 'serve-later', gates: [] });
      },
      onRollback: async (request: unknown) => {
        calls.push(`rollback: ${(request as { reason: string }).reason}`);
        const back = await rollback(mlflow.client, { model: 'serve-later', reason: (request as { reason: string }).reason });
        return { to: back.version };
      },
    });
    const health = await get(server, '/health');
    expect(health.status).toBe(503);
    expect(health.body.reason).toMatch(/serve-later@champion: MLflow .* RESOURCE_DOES_NOT_EXIST/);
    expect((await post(server, '/predict', body)).status).toBe(503);
    await registerAndPromote(mlflow.client, { experiment: 'serving', params: {}, metrics: {}, modelDir: dirs[0]!, modelName: 'serve-later', gates: [] });
    expect((await server.refresh()).version).toBe('1');
    expect((await get(server, '/health')).status).toBe(200);

    expect(await post(server, '/retrain')).toMatchObject({ status: 202, body: { status: 'accepted' } });
    expect((await post(server, '/retrain')).status).toBe(409);
    for (let i = 0; i < 100 && server.status().retraining; i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.status()).toMatchObject({ version: '2', retraining: false });
    expect((await post(server, '/rollback', '{"reason": ')).status).toBe(400);
    expect(await post(server, '/rollback', JSON.stringify({ reason: 'hit rate fell' }))).toMatchObject({ status: 200, body: { status: 'rolled back', from: '2', version: '1', result: { to: '1' } } });
    expect((await post(server, '/predict', body)).body.version).toBe('1');
    expect(calls).toEqual(['retrain', 'rollback: hit rate fell']);

    // A version that cannot be loaded (no deploy MLmodel) leaves the old one serving, and says why.
    const legacy = path.join(work, 'legacy');
    fs.mkdirSync(legacy);
    fs.writeFileSync(path.join(legacy, 'weights.bin'), 'w');
    await registerAndPromote(mlflow.client, { experiment: 'serving', params: {}, metrics: {}, modelDir: legacy, modelName: 'serve-later', gates: [] });
    const after = await server.refresh();
    expect(after).toMatchObject({ version: '1', loads: 3 });
    expect(after.lastError?.message).toMatch(/^serve-later@champion version 3: .*MLmodel: flavors\.quantlab\.kind is missing.*Fix: load the kind files/);
    expect((await post(server, '/predict', body)).status).toBe(200);
  });

  it('rejects bad options before listening', async () => {
    const base = { client: mlflow.client, model: NAME };
    await expect(createModelServer({ ...base, port: 70000 })).rejects.toThrow(/^options\.port = 70000: must be an integer in 0\.\.65535\. Fix: use e\.g\. 5080, or 0 for any free port$/);
    await expect(createModelServer({ ...base, pollMs: 5 })).rejects.toThrow(/^options\.pollMs = 5: must be 0 \(no polling\) or at least 50 ms/);
    await expect(createModelServer({ ...base, modelName: NAME } as never)).rejects.toThrow(/^options\.modelName = "serve-lstm": is not a known option/);
    await expect(createModelServer({ client: {} as never, model: NAME })).rejects.toThrow(/^options\.client = \{\}: is not an MlflowClient/);
    await expect(createModelServer({ ...base, port: servers[0]!.port })).rejects.toThrow(/^options\.port = \d+: is in use on 127\.0\.0\.1\. Fix: choose another port/);
  });
});
