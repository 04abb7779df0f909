// Contract: run and experiment lifecycle, single tags, paged metric history and run searches,
// and the typed errors of these calls, against a real MLflow server (see contract.ts).
import { expect, it } from 'vitest';
import { MlflowApiError } from '../../lib/tracking';
import type { ServerFixture } from '../helpers/mlflow-server';

const MISSING_RUN = '0123456789abcdef0123456789abcdef';

export function runsContract(fx: ServerFixture): void {
  it('deletes and restores runs and experiments, tags experiments, and searches them page by page', async () => {
    const c = fx.client;
    const expId = await c.createExperiment('lifecycle-a', { team: 'quant' });
    await c.createExperiment('lifecycle-b', { team: 'quant' });
    await c.setExperimentTag(expId, 'stage', 'dev');
    expect((await c.getExperiment(expId)).tags).toMatchObject({ team: 'quant', stage: 'dev' });
    await c.deleteExperimentTag(expId, 'stage');
    expect((await c.getExperiment(expId)).tags.stage).toBeUndefined();

    const runId = (await c.createRun({ experimentId: expId, runName: 'doomed' })).info.runId;
    await c.deleteRun(runId);
    expect((await c.getRun(runId)).info.lifecycleStage).toBe('deleted');
    expect(await c.searchAllRuns({ experimentIds: [expId] })).toEqual([]);
    expect((await c.searchAllRuns({ experimentIds: [expId], runViewType: 'DELETED_ONLY' })).map((r) => r.info.runId)).toEqual([runId]);
    await c.restoreRun(runId);
    expect((await c.searchAllRuns({ experimentIds: [expId] })).map((r) => r.info.runId)).toEqual([runId]);

    const byTag = { filter: "tags.team = 'quant'", orderBy: ['name ASC'] };
    const first = await c.searchExperiments({ ...byTag, maxResults: 1 });
    expect(first.experiments.map((e) => e.name)).toEqual(['lifecycle-a']);
    expect(first.nextPageToken).toBeTruthy();
    const second = await c.searchExperiments({ ...byTag, maxResults: 1, pageToken: first.nextPageToken! });
    expect(second.experiments.map((e) => e.name)).toEqual(['lifecycle-b']);

    await c.deleteExperiment(expId);
    expect((await c.getExperiment(expId)).lifecycleStage).toBe('deleted');
    expect((await c.searchExperiments(byTag)).experiments.map((e) => e.name)).toEqual(['lifecycle-b']);
    expect((await c.searchExperiments({ ...byTag, viewType: 'DELETED_ONLY' })).experiments.map((e) => e.name)).toEqual(['lifecycle-a']);
    await c.restoreExperiment(expId);
    expect((await c.searchExperiments({ ...byTag, viewType: 'ALL' })).experiments.map((e) => [e.name, e.lifecycleStage]))
      .toEqual([['lifecycle-a', 'active'], ['lifecycle-b', 'active']]);
  });

  it('sets and deletes single run tags', async () => {
    const c = fx.client;
    const exp = await c.getOrCreateExperiment('contract-tags');
    const runId = (await c.createRun({ experimentId: exp.experimentId })).info.runId;
    await c.setTag(runId, 'stage', 'tuning');
    expect((await c.getRun(runId)).data.tags.stage).toBe('tuning');
    await c.deleteTag(runId, 'stage');
    expect((await c.getRun(runId)).data.tags.stage).toBeUndefined();
    const error = await c.deleteTag(runId, 'stage').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowApiError);
    expect((error as MlflowApiError).serverMessage).toContain('stage');
  });

  it('reads a metric history across pages, and MLflow keeps one copy of an identical value', async () => {
    const c = fx.client;
    const exp = await c.getOrCreateExperiment('contract-history');
    const runId = (await c.createRun({ experimentId: exp.experimentId })).info.runId;
    const points = Array.from({ length: 25 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: 1_700_000_000_000 + step }));
    await c.logBatch(runId, { metrics: points });
    const paged = await c.getMetricHistory(runId, 'loss', { pageSize: 10 });
    expect(paged).toEqual(points);
    expect(await c.getMetricHistory(runId, 'loss')).toEqual(points);
    // The replay of the offline journal may re-send a value; the SQL stores drop exact duplicates.
    await c.logMetrics(runId, [points[24]!, points[3]!]);
    expect(await c.getMetricHistory(runId, 'loss', { pageSize: 7 })).toHaveLength(25);
    // Same step and timestamp, another value: a new point, not a duplicate.
    await c.logMetrics(runId, [{ ...points[3]!, value: 9 }]);
    expect(await c.getMetricHistory(runId, 'loss')).toHaveLength(26);
    expect(await c.getMetricHistory(runId, 'never-logged')).toEqual([]);
  });

  it('searches all runs with a filter and an order across pages', async () => {
    const c = fx.client;
    const exp = await c.getOrCreateExperiment('contract-search');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const runId = (await c.createRun({ experimentId: exp.experimentId, runName: `s${i}` })).info.runId;
      await c.logBatch(runId, { metrics: [{ key: 'score', value: i }], params: { group: i % 2 } });
      ids.push(runId);
    }
    const odd = await c.searchAllRuns({ experimentIds: [exp.experimentId], filter: "params.group = '1'", orderBy: ['metrics.score DESC'], pageSize: 2 });
    expect(odd.map((r) => r.info.runName)).toEqual(['s5', 's3', 's1']);
    expect(odd.map((r) => r.data.metrics.score)).toEqual([5, 3, 1]);
    const all = await c.searchAllRuns({ experimentIds: [exp.experimentId], orderBy: ['metrics.score ASC'], pageSize: 3 });
    expect(all.map((r) => r.info.runId)).toEqual(ids);
    const onePage = await c.searchRuns({ experimentIds: [exp.experimentId], maxResults: 3 });
    expect(onePage.runs).toHaveLength(3);
    expect(onePage.nextPageToken).toBeTruthy();
  });

  it('maps server errors of the run and experiment calls to MlflowApiError with the server\'s message', async () => {
    const c = fx.client;
    const exp = await c.getOrCreateExperiment('contract-errors');
    const cases: [string, () => Promise<unknown>, string, RegExp][] = [
      ['deleteRun', () => c.deleteRun(MISSING_RUN), 'RESOURCE_DOES_NOT_EXIST', new RegExp(MISSING_RUN)],
      ['restoreRun', () => c.restoreRun(MISSING_RUN), 'RESOURCE_DOES_NOT_EXIST', new RegExp(MISSING_RUN)],
      ['setTag', () => c.setTag(MISSING_RUN, 'k', 'v'), 'RESOURCE_DOES_NOT_EXIST', new RegExp(MISSING_RUN)],
      ['searchAllRuns', () => c.searchAllRuns({ experimentIds: [exp.experimentId], filter: 'metrics.sharpe >>> 1' }), 'INVALID_PARAMETER_VALUE', /filter|>>>|parse/i],
      ['getExperiment', () => c.getExperiment('987654'), 'RESOURCE_DOES_NOT_EXIST', /987654/],
      ['deleteExperiment', () => c.deleteExperiment('987654'), 'RESOURCE_DOES_NOT_EXIST', /987654/],
      ['setExperimentTag', () => c.setExperimentTag('987654', 'k', 'v'), 'RESOURCE_DOES_NOT_EXIST', /987654/],
      ['searchExperiments', () => c.searchExperiments({ filter: 'name ~~ x' }), 'INVALID_PARAMETER_VALUE', /./],
    ];
    for (const [name, call, code, message] of cases) {
      const error = await call().catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(MlflowApiError);
      const apiError = error as MlflowApiError;
      expect(apiError.errorCode, name).toBe(code);
      expect(apiError.serverMessage, name).toMatch(message);
      expect(apiError.message, name).toContain(apiError.serverMessage);
    }
  });
}
