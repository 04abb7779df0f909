// One contract suite, run against every MLflow backend store (sqlite.test.ts, postgres.test.ts).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadModelDir, logFigures, logRun, mlflowServerStatus, MlflowApiError, MlflowClient, MlflowUnavailableError, registerModel, startMlflowServer, stopMlflowServer, withRun,
  type MlflowBackend,
} from '../../lib/tracking';
import { freePort, useMlflowServer } from '../helpers/mlflow-server';
import { artifactsContract } from './contract-artifacts';
import { offlineContract } from './contract-offline';
import { registryContract } from './contract-registry';
import { runsContract } from './contract-runs';

function writeModelDir(dir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {
    'config.json': Buffer.from(JSON.stringify({ units: 8, lookback: 20 })),
    'weights.bin': crypto.randomBytes(70_000),
    'nested/deeper/notes.txt': Buffer.from('héllo wörld\n'),
    'file with space.txt': Buffer.from('spaces survive\n'),
  };
  for (const [rel, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  }
  return files;
}

export function mlflowContract(backend: MlflowBackend): void {
  describe(`MLflow tracking contract (${backend} backend)`, () => {
    const fx = useMlflowServer(backend);
    const tmp = (name: string): string => fs.mkdtempSync(path.join(fx.dir, `${name}-`));

    it('reports the running server and reuses it on a second start', async () => {
      const status = await mlflowServerStatus(fx.options);
      expect(status.healthy).toBe(true);
      expect(status.pid).toBe(fx.started.pid);
      expect(status.backend).toBe(backend);
      if (backend === 'postgres') expect(status.postgresRunning).toBe(true);
      const again = await startMlflowServer(fx.options);
      expect(again).toMatchObject({ url: fx.started.url, startedByUs: false, pid: fx.started.pid });
    });

    it('never stops a server that another state dir started', async () => {
      const result = await stopMlflowServer({ ...fx.options, stateDir: 'someone-else' });
      expect(result.stoppedServer).toBe(false);
      expect(result.note).toMatch(/left running/);
      expect((await mlflowServerStatus(fx.options)).healthy).toBe(true);
    });

    it('creates experiments idempotently and runs that end with a status', async () => {
      const c = fx.client;
      expect(await c.getExperimentByName('no-such-experiment')).toBeUndefined();
      const e1 = await c.getOrCreateExperiment('contract-runs');
      const e2 = await c.getOrCreateExperiment('contract-runs');
      expect(e2.experimentId).toBe(e1.experimentId);
      const run = await c.createRun({ experimentId: e1.experimentId, runName: 'r1', tags: { owner: 'contract' } });
      expect(run.info.status).toBe('RUNNING');
      expect(run.info.artifactUri).toMatch(/^mlflow-artifacts:/);
      const ended = await c.endRun(run.info.runId, 'KILLED');
      expect(ended.status).toBe('KILLED');
      const fetched = await c.getRun(run.info.runId);
      expect(fetched.info.runName).toBe('r1');
      expect(fetched.info.endTime).toBeGreaterThanOrEqual(fetched.info.startTime);
      expect(fetched.data.tags.owner).toBe('contract');
    });

    it('logs more than MLflow allows per request by chunking log-batch', async () => {
      const c = fx.client;
      const exp = await c.getOrCreateExperiment('contract-batch');
      const runId = (await c.createRun({ experimentId: exp.experimentId })).info.runId;
      const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: `m${i}`, value: i / 7, step: 1 }));
      const params = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`p${i}`, i]));
      const tags = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`t${i}`, `v${i}`]));
      await c.logBatch(runId, { metrics, params, tags });
      await c.logMetrics(runId, { sharpe: 1.25, nan_metric: Number.NaN });
      const run = await c.getRun(runId);
      expect(Object.keys(run.data.metrics)).toHaveLength(2502);
      expect(run.data.metrics.m2499).toBeCloseTo(2499 / 7, 10);
      expect(run.data.metrics.sharpe).toBe(1.25);
      expect(Number.isNaN(run.data.metrics.nan_metric)).toBe(true);
      expect(Object.keys(run.data.params)).toHaveLength(150);
      expect(run.data.params.p149).toBe('149');
      expect(run.data.tags.t119).toBe('v119');
      const found = await c.searchRuns({ experimentIds: [exp.experimentId], filter: 'metrics.sharpe > 1' });
      expect(found.runs.map((r) => r.info.runId)).toEqual([runId]);
    });

    it('uploads an artifact folder and downloads it byte-identical', async () => {
      const c = fx.client;
      const exp = await c.getOrCreateExperiment('contract-artifacts');
      const run = await c.createRun({ experimentId: exp.experimentId });
      const src = tmp('src');
      const files = writeModelDir(src);
      const uploaded = await c.logArtifactDir(run.info.runId, src, 'bundle');
      expect(uploaded.sort()).toEqual(Object.keys(files).map((f) => `bundle/${f}`).sort());
      expect((await c.listArtifacts(run.info.runId, 'bundle')).map((f) => f.path).sort()).toEqual(['config.json', 'file with space.txt', 'nested', 'weights.bin']);
      const dest = tmp('dest');
      await c.downloadArtifacts(`runs:/${run.info.runId}/bundle`, dest);
      for (const [rel, bytes] of Object.entries(files)) expect(fs.readFileSync(path.join(dest, rel)).equals(bytes)).toBe(true);
      const single = tmp('single');
      const written = await c.downloadArtifacts(`${run.info.artifactUri}/bundle/config.json`, single);
      expect(written).toEqual([path.join(single, 'config.json')]);
    });

    it('registers a gated model, aliases it, and resolves and loads it by alias and version', async () => {
      const c = fx.client;
      const modelDir = tmp('model');
      const files = writeModelDir(modelDir);
      const result = await registerModel(c, {
        experiment: 'contract-registry', runName: 'gru-1', params: { units: 8, lr: 0.001 }, metrics: { sharpe: 1.4, max_drawdown: 0.12 },
        tags: { strategy: 'pairs' }, modelDir, modelName: 'contract-model', alias: 'challenger', gates: [{ metric: 'sharpe', min: 1 }, { metric: 'max_drawdown', max: 0.2 }],
      });
      expect(result).toMatchObject({ version: '1', aliasSet: true, gates: { passed: true } });
      const run = await c.getRun(result.runId);
      expect(run.info.status).toBe('FINISHED');
      expect(run.data.params.units).toBe('8');
      expect(run.data.tags.strategy).toBe('pairs');

      const byAlias = await c.resolveModelUri('models:/contract-model@challenger');
      const byVersion = await c.resolveModelUri('models:/contract-model/1');
      expect(byAlias).toEqual(byVersion);
      expect(byAlias).toMatchObject({ name: 'contract-model', version: '1', runId: result.runId, source: `${run.info.artifactUri}/model` });
      const version = await c.getModelVersion('contract-model', 1);
      expect(version.tags['gate.sharpe']).toBe('passed: sharpe = 1.4 >= min 1');
      expect(version.aliases).toEqual(['challenger']);

      const dest = tmp('loaded');
      const loaded = await loadModelDir(c, 'models:/contract-model@challenger', dest);
      expect(loaded.version).toBe('1');
      for (const [rel, bytes] of Object.entries(files)) expect(fs.readFileSync(path.join(dest, rel)).equals(bytes)).toBe(true);
      const mlmodel = fs.readFileSync(path.join(dest, 'MLmodel'), 'utf8');
      expect(mlmodel).toContain('quantlab:');
      expect(mlmodel).toContain('- "weights.bin"');
      expect(mlmodel).toContain(`run_id: "${result.runId}"`);
    });

    it('a failed gate registers the version but moves no alias; the champion alias is left to promote', async () => {
      const c = fx.client;
      const modelDir = tmp('weak');
      writeModelDir(modelDir);
      const base = { experiment: 'contract-registry', params: {}, modelDir, alias: 'challenger', gates: [{ metric: 'sharpe', min: 1 }, { metric: 'hit_rate', min: 0.5 }] };
      await expect(registerModel(c, { ...base, alias: 'champion', metrics: { sharpe: 2, hit_rate: 0.6 }, modelName: 'contract-refused' }))
        .rejects.toThrow(/^options\.alias = "champion": is moved only by promote .*Fix: leave alias out and call registerAndPromote/);
      await expect(c.getRegisteredModel('contract-refused')).rejects.toBeInstanceOf(MlflowApiError);
      const plain = await registerModel(c, { ...base, alias: undefined, metrics: { sharpe: 2, hit_rate: 0.6 }, modelName: 'contract-plain' });
      expect(plain.aliasSet).toBe(false);
      expect((await c.getRegisteredModel('contract-plain')).aliases).toEqual({});
      const weak = await registerModel(c, { ...base, metrics: { sharpe: 0.3 }, modelName: 'contract-weak' });
      expect(weak.aliasSet).toBe(false);
      expect(weak.gates.results.map((r) => r.reason)).toEqual(['sharpe = 0.3 < min 1', 'metric hit_rate is missing']);
      expect((await c.getModelVersion('contract-weak', weak.version)).tags['gates.passed']).toBe('false');
      await expect(c.getModelVersionByAlias('contract-weak', 'challenger')).rejects.toBeInstanceOf(MlflowApiError);
      expect((await c.getRegisteredModel('contract-weak')).aliases).toEqual({});

      // An aliased version exists: a failing one must not displace it; deleting the alias works.
      const strong = await registerModel(c, { ...base, metrics: { sharpe: 2, hit_rate: 0.6 }, modelName: 'contract-ladder' });
      const challenger = await registerModel(c, { ...base, metrics: { sharpe: 0.1, hit_rate: 0.6 }, modelName: 'contract-ladder' });
      expect([strong.version, challenger.version]).toEqual(['1', '2']);
      expect((await c.resolveModelUri('models:/contract-ladder@challenger')).version).toBe('1');
      await c.deleteAlias('contract-ladder', 'challenger');
      expect((await c.getRegisteredModel('contract-ladder')).aliases).toEqual({});
    });

    it('logs a finished run with params, metrics and JSON artifacts, and marks a run FAILED when its work throws', async () => {
      const logged = await logRun(fx.client, {
        experiment: 'runs-contract', runName: 'fit', params: { p: 1, dist: 't' }, metrics: { loglik: -123.5 },
        json: { 'fits/garch.json': { omega: 0.01, nested: [1, 2] } },
      });
      const run = await fx.client.getRun(logged.runId);
      expect(run.info.status).toBe('FINISHED');
      expect(run.data.params).toMatchObject({ p: '1', dist: 't' });
      expect(run.data.metrics.loglik).toBe(-123.5);
      const dir = tmp('json');
      await fx.client.downloadArtifacts(`runs:/${logged.runId}/fits/garch.json`, dir);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'garch.json'), 'utf8'))).toEqual({ omega: 0.01, nested: [1, 2] });

      let failedRunId = '';
      await expect(withRun(fx.client, { experiment: 'runs-contract' }, async (r) => {
        failedRunId = r.info.runId;
        throw new Error('work failed');
      })).rejects.toThrow('work failed');
      expect((await fx.client.getRun(failedRunId)).info.status).toBe('FAILED');
    });

    it('logs figures as JSON plus one self-contained page, and refuses bad names', async () => {
      const figure = { data: [{ type: 'scatter', x: [1, 2, 3], y: [3, 1, 2] }], layout: { title: { text: 'loss' } } };
      await withRun(fx.client, { experiment: 'runs-contract', runName: 'figures' }, async (r) => {
        const written = await logFigures(fx.client, r.info.runId, { learning_curve: figure, 'confusion-matrix': figure }, 'fold curves');
        expect(written).toEqual(['figures/learning_curve.json', 'figures/confusion-matrix.json', 'figures/index.html']);
        const dir = tmp('figures');
        await fx.client.downloadArtifacts(`runs:/${r.info.runId}/figures`, dir);
        expect(JSON.parse(fs.readFileSync(path.join(dir, 'learning_curve.json'), 'utf8'))).toEqual(figure);
        const page = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
        expect(page).toContain('<title>fold curves</title>');
        expect(page.split('Plotly.newPlot').length - 1).toBeGreaterThanOrEqual(2);
        await expect(logFigures(fx.client, r.info.runId, { '../escape': figure })).rejects.toThrow(/figures\.\.\.\/escape = "\.\.\/escape": is not a usable file name/);
        await expect(logFigures(fx.client, r.info.runId, {})).rejects.toThrow(/figures = \{\}: is empty/);
      });
    });

    it('names a nonexistent model in a typed error', async () => {
      const error = await fx.client.resolveModelUri('models:/no-such-model@champion').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MlflowApiError);
      const apiError = error as MlflowApiError;
      expect(apiError.status).toBe(404);
      expect(apiError.errorCode).toBe('RESOURCE_DOES_NOT_EXIST');
      expect(apiError.isNotFound).toBe(true);
      expect(apiError.message).toContain('no-such-model');
    });

    it('raises MlflowUnavailableError against a closed port', async () => {
      const url = `http://127.0.0.1:${await freePort()}`;
      const error = await new MlflowClient({ trackingUri: url }).getRun('x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MlflowUnavailableError);
      expect((error as Error).message).toContain(url);
      expect((error as Error).message).toContain('npm run mlflow:start');
    });

    runsContract(fx);
    registryContract(fx);
    artifactsContract(fx, tmp);
    offlineContract(fx, tmp); // last: it stops and restarts the server
  });
}
