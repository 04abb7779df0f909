// The storage contract against a real MLflow server (SQLite backend), and how a study looks in
// MLflow: one parent run, a child run per trial with params, metrics, state and run status.
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../lib/tracking';
import { createStudy, MlflowStorage, RandomSampler, TrialPruned } from '../../lib/tuning';
import { useMlflowServer } from '../helpers/mlflow-server';
import { storageContract } from './storage-contract';

const EXPERIMENT = 'tuning-contract';
const fx = useMlflowServer('sqlite');
// A new client each time: what a restarted process would have.
const storage = () => new MlflowStorage({ client: new MlflowClient({ trackingUri: fx.started.url }), experiment: EXPERIMENT });

storageContract('mlflow', { storage });

describe('a study in MLflow', () => {
  it('is a parent run with one child run per trial: params, value, intermediate values, state, status', async () => {
    const study = await createStudy({ name: 'layout', direction: 'maximize', storage: storage(), sampler: new RandomSampler({ seed: 3 }) });
    await study.optimize((t) => {
      const window = t.suggestInt('window', 5, 50);
      const kind = t.suggestCategorical('ma[kind]', ['sma', 'ema']);
      t.report(window / 100, 0);
      t.report(window / 50, 1);
      if (t.number === 1) throw new TrialPruned();
      if (t.number === 2) throw new Error('no data');
      return window + (kind === 'ema' ? 1 : 0);
    }, { nTrials: 4, catchErrors: true });
    const c = fx.client;
    const experimentId = (await c.getExperimentByName(EXPERIMENT))!.experimentId;
    const { runs: parents } = await c.searchRuns({ experimentIds: [experimentId], filter: "tags.`quantlab.tuning.study` = 'layout' and tags.`quantlab.tuning.role` = 'study'" });
    expect(parents).toHaveLength(1);
    const parent = parents[0]!;
    expect(parent.info.status).toBe('FINISHED');
    expect(parent.data.tags['quantlab.tuning.direction']).toBe('maximize');
    expect(JSON.parse(parent.data.tags['quantlab.tuning.sampler']!)).toEqual({ name: 'RandomSampler', seed: 3 });
    expect(parent.data.metrics.best_value).toBe(study.bestValue);

    const { runs } = await c.searchRuns({ experimentIds: [experimentId], filter: `tags.mlflow.parentRunId = '${parent.info.runId}'` });
    const byNumber = new Map(runs.map((r) => [Number(r.data.tags['quantlab.tuning.trial_number']), r]));
    expect([...byNumber.keys()].sort()).toEqual([0, 1, 2, 3]);
    const trials = study.trials;
    for (const t of trials) {
      const run = byNumber.get(t.number)!;
      expect(run.info.runName).toBe(`layout-trial-${t.number}`);
      expect(run.data.params).toEqual({ window: String(t.params.window), ma_kind: String(t.params['ma[kind]']) });
      expect(run.data.metrics.intermediate_value).toBe(t.intermediateValues[1]); // the latest step
      expect(run.data.tags['quantlab.tuning.state']).toBe({ complete: 'COMPLETE', pruned: 'PRUNED', failed: 'FAIL', running: 'RUNNING' }[t.state]);
      expect(run.info.status).toBe({ complete: 'FINISHED', pruned: 'KILLED', failed: 'FAILED', running: 'RUNNING' }[t.state]);
      if (t.state === 'complete') expect(run.data.metrics.value).toBe(t.value);
    }
    expect(byNumber.get(1)!.data.metrics.value).toBe(trials[1]!.intermediateValues[1]); // pruned: its last report
    expect(byNumber.get(2)!.data.metrics.value).toBeUndefined();
    expect(byNumber.get(2)!.data.tags['quantlab.tuning.fail_reason']).toBe('no data');
  });

  it('rejects bad options and names with the argument, value and fix', () => {
    expect(() => new MlflowStorage({ client: fx.client, experiment: '' })).toThrow(/^options\.experiment = "": must be a non-empty string\. Fix:/);
    expect(() => new MlflowStorage({ client: {} as never, experiment: 'x' })).toThrow(/^options\.client = \{\}: must be an MlflowClient\. Fix: pass new MlflowClient/);
    expect(() => new MlflowStorage({ client: fx.client, experiment: 'x', uri: 'y' } as never)).toThrow(/^options\.uri = "y": is not a known option\. Fix: use only: client, experiment$/);
    return expect(createStudy({ name: "it's", storage: storage() })).rejects.toThrow(/^name = "it's": must be a non-empty string without single quotes/);
  });
});
