// The offline journal against a fake server that can go down, come back, and cut a connection
// after applying a request; the real-server outage test is in the contract suite.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowApiError, MlflowClient, MlflowJournalError, MlflowUnavailableError, type MlflowClientOptions } from '../../lib/tracking';
import { OfflineJournal } from '../../lib/tracking/offline';
import { FakeMlflow } from './fake-mlflow';

describe('offline journal', () => {
  let fake: FakeMlflow;
  let dir = '';
  const client = (options: Partial<MlflowClientOptions> = {}) =>
    new MlflowClient({ trackingUri: fake.url, offlineDir: dir, offlineProbeMs: 0, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, ...options });
  const history = (runId: string, key: string) => fake.runs.get(runId)!.metrics.filter((m) => m.key === key).map((m) => [m.step, m.value, m.timestamp]);

  beforeEach(async () => {
    fake = new FakeMlflow();
    await fake.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-offline-'));
  });
  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('journals logging calls while the server is down and replays them in call order, once', async () => {
    const run = fake.addRun('r1');
    const c = client();
    await c.logParams('r1', { lookback: 20 });
    await c.logMetrics('r1', { loss: 0.9 }, { step: 0, timestamp: 1_000 });
    await fake.stop();

    await c.logMetrics('r1', [{ key: 'loss', value: 0.7, step: 1, timestamp: 2_000 }, { key: 'loss', value: 0.5, step: 2, timestamp: 3_000 }]);
    await c.logParams('r1', { units: 8 });
    await c.setTags('r1', { phase: 'train' });
    await c.setTag('r1', 'note', 'outage');
    await c.logArtifactBytes('r1', 'notes/outage.txt', 'written while offline');
    const ended = await c.endRun('r1', 'FINISHED');
    expect(ended).toMatchObject({ runId: 'r1', status: 'FINISHED', artifactUri: '' });
    expect(c.offlineStatus()).toMatchObject({ pending: 6, rejected: 0, unreadableLines: 0 });
    await expect(c.getRun('r1')).rejects.toBeInstanceOf(MlflowUnavailableError);
    expect(c.offlineStatus()!.pending).toBe(6);

    await fake.start();
    fake.requests.length = 0;
    const report = await c.flushOffline();
    expect(report).toEqual({ replayed: 6, duplicatesSkipped: 0, rejected: 0, pending: 0 });
    expect(fake.writes().map((r) => r.path.replace(/^\/api\/2\.0\//, ''))).toEqual([
      'mlflow/runs/log-batch', 'mlflow/runs/log-batch', 'mlflow/runs/log-batch', 'mlflow/runs/set-tag',
      'mlflow-artifacts/artifacts/0/r1/artifacts/notes/outage.txt', 'mlflow/runs/update',
    ]);
    expect(history('r1', 'loss')).toEqual([[0, 0.9, 1_000], [1, 0.7, 2_000], [2, 0.5, 3_000]]);
    expect(run.params).toEqual({ lookback: '20', units: '8' });
    expect(run.tags).toEqual({ phase: 'train', note: 'outage' });
    expect(run.artifacts.get('notes/outage.txt')?.toString()).toBe('written while offline');
    expect(run.status).toBe('FINISHED');
    expect(fs.existsSync(c.offlineStatus()!.file)).toBe(false);
    expect(await c.flushOffline()).toEqual({ replayed: 0, duplicatesSkipped: 0, rejected: 0, pending: 0 });
  });

  it('replays before the next request, and before the next logging call that follows it', async () => {
    fake.addRun('r1');
    const c = client();
    await fake.stop();
    await c.logMetrics('r1', { loss: 1 }, { step: 1, timestamp: 10 });
    await fake.start();
    fake.requests.length = 0;
    await c.getRun('r1');
    expect(fake.requests.map((r) => `${r.method} ${r.path.split('/').slice(-2).join('/')}`).filter((s) => !s.includes('runs/get')).concat('last: ' + fake.requests.at(-1)!.path))
      .toEqual(['POST runs/log-batch', 'last: /api/2.0/mlflow/runs/get']);

    await fake.stop();
    await c.logMetrics('r1', { loss: 2 }, { step: 2, timestamp: 20 });
    await fake.start();
    await c.logMetrics('r1', { loss: 3 }, { step: 3, timestamp: 30 });
    expect(history('r1', 'loss')).toEqual([[1, 1, 10], [2, 2, 20], [3, 3, 30]]);
    expect(c.offlineStatus()!.pending).toBe(0);
  });

  it('does not duplicate metrics when a replay was cut off after the server applied an entry', async () => {
    fake.addRun('r1');
    const c = client({ retry: { maxAttempts: 1 } });
    await fake.stop();
    const points = [1, 2, 3].map((step) => ({ key: 'loss', value: 1 / step, step, timestamp: 100 * step }));
    await c.logMetrics('r1', [...points, { key: 'acc', value: 0.5, step: 3, timestamp: 300 }]);
    await c.logMetrics('r1', { loss: 0.2 }, { step: 4, timestamp: 400 });
    await fake.start();
    let batches = 0;
    fake.intercept = (r) => (r.path.endsWith('runs/log-batch') && ++batches === 1 ? 'drop' : undefined);
    await expect(c.flushOffline()).rejects.toBeInstanceOf(MlflowUnavailableError);
    expect(history('r1', 'loss')).toHaveLength(3); // the first entry was applied, its answer lost

    // A new client (as after a crash) on the same folder finishes the replay.
    fake.requests.length = 0;
    const report = await client().flushOffline();
    expect(report).toEqual({ replayed: 2, duplicatesSkipped: 4, rejected: 0, pending: 0 });
    expect(history('r1', 'loss')).toEqual([[1, 1, 100], [2, 0.5, 200], [3, 1 / 3, 300], [4, 0.2, 400]]);
    expect(history('r1', 'acc')).toEqual([[3, 0.5, 300]]);
    // The latest value settled step 3; steps 1 and 2 needed the key's history.
    expect(fake.requests.filter((r) => r.method === 'GET').map((r) => r.path.split('/').slice(-1)[0])).toEqual(['get', 'get-history']);
  });

  it('journals only the chunks a failing logBatch had not sent, counting 502/503/504 as an outage', async () => {
    fake.addRun('r1');
    const c = client({ retry: { maxAttempts: 1 } });
    let batches = 0;
    fake.intercept = (r) => (r.path.endsWith('runs/log-batch') && ++batches === 2 ? { status: 503, body: { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'db busy' } } : undefined);
    const metrics = Array.from({ length: 1500 }, (_, i) => ({ key: `m${i}`, value: i, step: 0, timestamp: 5 }));
    await c.logBatch('r1', { metrics });
    expect(c.offlineStatus()!.pending).toBe(1);
    expect(fake.runs.get('r1')!.metrics).toHaveLength(1000);
    fake.intercept = undefined;
    expect(await c.flushOffline()).toMatchObject({ replayed: 1, pending: 0 });
    const stored = fake.runs.get('r1')!.metrics;
    expect(stored).toHaveLength(1500);
    expect(new Set(stored.map((m) => m.key)).size).toBe(1500);
  });

  it('sets a refused entry aside with the server\'s answer and replays the rest', async () => {
    const run = fake.addRun('r1');
    const c = client();
    await fake.stop();
    await c.logParams('r1', { lr: 0.1 });
    await c.logParams('r1', { lr: 0.2 });
    await c.logMetrics('gone-run', { x: 1 });
    await c.logMetrics('r1', { sharpe: 1.5 }, { step: 0, timestamp: 7 });
    await fake.start();
    expect(await c.flushOffline()).toEqual({ replayed: 2, duplicatesSkipped: 0, rejected: 2, pending: 0 });
    expect(run.params).toEqual({ lr: '0.1' });
    expect(history('r1', 'sharpe')).toEqual([[0, 1.5, 7]]);
    const status = c.offlineStatus()!;
    expect(status).toMatchObject({ pending: 0, rejected: 2 });
    const rejected = fs.readFileSync(status.rejectedFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejected.map((r) => [r.status, r.errorCode])).toEqual([[400, 'INVALID_PARAMETER_VALUE'], [404, 'RESOURCE_DOES_NOT_EXIST']]);
    expect(rejected[0].error).toContain('Changing param values is not allowed');
    expect(rejected[1].op.body.run_id).toBe('gone-run');
  });

  it('skips a line torn by a crash and still replays the entries around it', async () => {
    fake.addRun('r1');
    const c = client({ offlineProbeMs: 60_000 });
    await fake.stop();
    await c.logMetrics('r1', { a: 1 }, { step: 0, timestamp: 1 });
    fs.appendFileSync(c.offlineStatus()!.file, '{"v":1,"type":"entry","id":"torn","op":{"ki');
    await c.logMetrics('r1', { b: 2 }, { step: 0, timestamp: 1 });
    expect(c.offlineStatus()).toMatchObject({ pending: 2, unreadableLines: 1 });
    await fake.start();
    expect(await c.flushOffline()).toMatchObject({ replayed: 2, pending: 0 });
    expect([history('r1', 'a'), history('r1', 'b')]).toEqual([[[0, 1, 1]], [[0, 2, 1]]]);
  });

  it('right after an outage, logging calls go to the journal without trying the network, except endRun', async () => {
    fake.addRun('r1');
    const c = client({ offlineProbeMs: 60_000 });
    await fake.stop();
    await c.logMetrics('r1', { a: 1 }, { step: 0, timestamp: 1 });
    await fake.start();
    fake.requests.length = 0;
    await c.logMetrics('r1', { a: 2 }, { step: 1, timestamp: 2 });
    expect(fake.requests).toHaveLength(0);
    expect(c.offlineStatus()!.pending).toBe(2);
    // Ending the run is the exception: it tries the server, so the run does not stay RUNNING.
    await c.endRun('r1');
    expect(c.offlineStatus()!.pending).toBe(0);
    expect(history('r1', 'a')).toEqual([[0, 1, 1], [1, 2, 2]]);
    expect(fake.runs.get('r1')!.status).toBe('FINISHED');
  });

  it('journals small artifacts only, and never creates runs offline', async () => {
    fake.addRun('r1');
    const c = client({ offlineMaxArtifactBytes: 10 });
    await fake.stop();
    await c.logArtifactBytes('r1', 'small.txt', '0123456789');
    await expect(c.logArtifactBytes('r1', 'big.txt', '0123456789x')).rejects.toBeInstanceOf(MlflowUnavailableError);
    const error = await c.createRun({ experimentId: '0' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowUnavailableError);
    expect((error as Error).message).toMatch(/not reachable at http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/mlflow\/runs\/create \(ECONNREFUSED; runs are never created offline, only logging calls to existing runs are journaled\)/);
    expect(c.offlineStatus()!.pending).toBe(1);
  });

  it('passes errors that are not outages straight through', async () => {
    const c = client();
    const error = await c.logMetrics('no-run', { a: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowApiError);
    expect((error as MlflowApiError).errorCode).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(c.offlineStatus()!.pending).toBe(0);
  });

  it('takes over the lock of a dead process and times out on a live one', async () => {
    const journal = new OfflineJournal(dir, fake.url, 100);
    const lock = journal.file.replace(/\.jsonl$/, '.lock');
    fs.writeFileSync(lock, '999999999 left-by-a-crash');
    await journal.append({ kind: 'post', endpoint: 'runs/set-tag', body: { run_id: 'r1', key: 'k', value: 'v' } }, false);
    expect(fs.existsSync(lock)).toBe(false);
    fs.writeFileSync(lock, `${process.pid} someone-else`);
    const error = await journal.append({ kind: 'post', endpoint: 'runs/set-tag', body: {} }, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowJournalError);
    expect((error as Error).message).toMatch(new RegExp(`${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: has been held by process ${process.pid} for more than 100 ms.*delete the lock file`));
    expect(journal.status().pending).toBe(1);
  });

  it('rejects bad offline options with the fix', () => {
    const base = { trackingUri: 'http://127.0.0.1:1' };
    expect(() => new MlflowClient({ ...base, offlineDir: '' })).toThrow(/options\.offlineDir = "": must be a non-empty folder path.*DEFAULT_OFFLINE_DIR/);
    expect(() => new MlflowClient({ ...base, offlineDir: dir, offlineProbeMs: -1 })).toThrow(/options\.offlineProbeMs = -1: must be a finite number >= 0/);
    expect(() => new MlflowClient({ ...base, offlineDir: dir, offlineMaxArtifactBytes: 1.5 })).toThrow(/options\.offlineMaxArtifactBytes = 1\.5: must be an integer >= 0/);
    expect(() => new MlflowClient({ ...base, offlineProbeMs: 10 })).toThrow(/options\.offlineProbeMs = 10: has no effect without offlineDir.*set offlineDir/);
  });

  it('has nothing to flush without offlineDir', async () => {
    const c = new MlflowClient({ trackingUri: fake.url });
    expect(await c.flushOffline()).toEqual({ replayed: 0, duplicatesSkipped: 0, rejected: 0, pending: 0 });
    expect(c.offlineStatus()).toBeUndefined();
    await fake.stop();
    await expect(c.logMetrics('r1', { a: 1 })).rejects.toBeInstanceOf(MlflowUnavailableError);
  });
});
