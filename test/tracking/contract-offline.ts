// Contract: logging through a real outage. The fixture's server (and its PostgreSQL cluster) is
// stopped mid-run, calls are journaled, the server is started again on the same store, and the
// journal replays exactly what was logged, once. Runs last in the suite: it restarts the server.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { MlflowClient, MlflowUnavailableError, startMlflowServer, stopMlflowServer } from '../../lib/tracking';
import type { ServerFixture } from '../helpers/mlflow-server';

const T0 = 1_700_000_000_000;

export function offlineContract(fx: ServerFixture, tmp: (name: string) => string): void {
  it('keeps logging through a server outage and replays every call once after a restart', async () => {
    const journaled = (name: string) => new MlflowClient({
      trackingUri: fx.started.url, offlineDir: tmp(name), offlineProbeMs: 0, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    });
    const explicit = journaled('offline-explicit');
    const auto = journaled('offline-auto');
    const cut = journaled('offline-cut');
    const exp = await fx.client.getOrCreateExperiment('contract-offline');
    const [a, b, cRun] = await Promise.all(['explicit', 'auto', 'cut'].map(async (runName) => (await fx.client.createRun({ experimentId: exp.experimentId, runName })).info.runId));
    const loss = (step: number) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: T0 + step });
    await explicit.logParams(a!, { lookback: 20 });
    await explicit.logMetrics(a!, [loss(0)]);

    await stopMlflowServer(fx.options);
    await explicit.logMetrics(a!, [loss(1), loss(2)]);
    for (let step = 3; step <= 5; step++) await explicit.logMetrics(a!, [loss(step)]);
    await explicit.logParams(a!, { units: 8 });
    await explicit.setTags(a!, { phase: 'train' });
    await explicit.setTag(a!, 'outage', 'survived');
    await explicit.logArtifactBytes(a!, 'notes/outage.json', JSON.stringify({ steps: 5 }));
    await explicit.endRun(a!, 'FINISHED');
    await auto.logMetrics(b!, [loss(1)]);
    await auto.endRun(b!, 'KILLED');
    // The first send of this batch failed, so it might have reached the server: its replay checks.
    await cut.logMetrics(cRun!, [loss(1), loss(2), loss(3)]);
    expect([explicit, auto, cut].map((client) => client.offlineStatus()!.pending)).toEqual([9, 2, 1]);
    await expect(explicit.getRun(a!)).rejects.toBeInstanceOf(MlflowUnavailableError);
    await expect(explicit.createRun({ experimentId: exp.experimentId })).rejects.toBeInstanceOf(MlflowUnavailableError);

    const restarted = await startMlflowServer(fx.options);
    expect(restarted.startedByUs).toBe(true);
    console.log(`[tracking] MLflow restarted in ${restarted.seconds.toFixed(1)} s`);

    expect(await explicit.flushOffline()).toEqual({ replayed: 9, duplicatesSkipped: 0, rejected: 0, pending: 0 });
    const runA = await fx.client.getRun(a!);
    expect(await fx.client.getMetricHistory(a!, 'loss')).toEqual([0, 1, 2, 3, 4, 5].map(loss));
    expect(runA.data.params).toEqual({ lookback: '20', units: '8' });
    expect(runA.data.tags).toMatchObject({ phase: 'train', outage: 'survived' });
    expect(runA.info.status).toBe('FINISHED');
    const notes = tmp('offline-notes');
    await fx.client.downloadArtifacts(`runs:/${a}/notes/outage.json`, notes);
    expect(JSON.parse(fs.readFileSync(path.join(notes, 'outage.json'), 'utf8'))).toEqual({ steps: 5 });

    // No flush call: the next request replays the journal first.
    const runB = await auto.getRun(b!);
    expect(runB.info.status).toBe('KILLED');
    expect(runB.data.metrics.loss).toBe(0.5);
    expect(auto.offlineStatus()!.pending).toBe(0);

    // As if the failed send had in fact been applied before the connection broke.
    await fx.client.logMetrics(cRun!, [loss(1), loss(2), loss(3)]);
    expect(await cut.flushOffline()).toEqual({ replayed: 1, duplicatesSkipped: 3, rejected: 0, pending: 0 });
    expect(await fx.client.getMetricHistory(cRun!, 'loss')).toEqual([1, 2, 3].map(loss));
    for (const client of [explicit, auto, cut]) expect(fs.existsSync(client.offlineStatus()!.file)).toBe(false);
  });
}
