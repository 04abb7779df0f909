// The retraining loop against a real MLflow server (SQLite backend): candidates are registered as
// versions, the champion's metrics are read from the run of the version holding the alias, and
// promotion is promote() of the candidate: the alias moves under the lease, with a history entry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promoteToAlias, readAlerts, registryChampionMetrics, registryStatus, runRetraining, fileAlertSink, TAG_FALLBACK, type Metrics } from '../../lib/lifecycle';
import { registerModel, DEFAULT_ALIAS, type Gate } from '../../lib/tracking';
import { useMlflowServer } from '../helpers/mlflow-server';

const server = useMlflowServer('sqlite');
const MODEL = 'lifecycle-direction';
const EXPERIMENT = 'lifecycle-retraining';
const GATES: Gate[] = [{ metric: 'sharpe', min: 0.5 }, { metric: 'maxDrawdown', max: 0.3 }];

/** "Trains" a model: writes its file and registers it as a new version (no alias), with its holdout metrics on the run. */
async function trainAndRegister(name: string, metrics: Metrics): Promise<{ version: string; metrics: Metrics }> {
  const modelDir = path.join(server.dir, 'models', name);
  fs.mkdirSync(modelDir, { recursive: true });
  fs.writeFileSync(path.join(modelDir, 'model.json'), JSON.stringify({ name }));
  const r = await registerModel(server.client, {
    experiment: EXPERIMENT, runName: name, params: { name }, metrics, modelDir, modelName: MODEL, alias: 'latest-candidate', gates: [],
  });
  return { version: r.version, metrics };
}

describe('retraining with the MLflow registry', () => {
  it('reads no champion before the model or alias exists', async () => {
    expect(await registryChampionMetrics(server.client, MODEL)).toBeUndefined();
    await trainAndRegister('v1', { sharpe: 1.0, maxDrawdown: 0.2 });
    expect(await registryChampionMetrics(server.client, MODEL)).toBeUndefined();
  });

  it('promotes a better candidate by moving the alias, then keeps it against a degraded one', async () => {
    const alertsDir = path.join(server.dir, 'reports');
    const client = server.client;
    await client.setAlias(MODEL, DEFAULT_ALIAS, '1');
    expect(await registryChampionMetrics(client, MODEL)).toEqual({ sharpe: 1.0, maxDrawdown: 0.2 });

    const cycle = (name: string, metrics: Metrics) => runRetraining({
      job: 'retrain-daily',
      train: () => trainAndRegister(name, metrics),
      evaluate: (candidate) => candidate.metrics,
      champion: () => registryChampionMetrics(client, MODEL),
      gates: GATES,
      promote: promoteToAlias(client, MODEL),
      alert: fileAlertSink({ dir: alertsDir }),
    });

    const first = await cycle('v2', { sharpe: 1.1, maxDrawdown: 0.18 });
    expect(first.outcome).toBe('promoted');
    expect((await client.getModelVersionByAlias(MODEL, DEFAULT_ALIAS)).version).toBe('2');
    expect(await registryChampionMetrics(client, MODEL)).toEqual({ sharpe: 1.1, maxDrawdown: 0.18 });
    // promote() re-checked the cycle's own gates and recorded the move: v1 (set by hand) is the fallback.
    const status = await registryStatus(client, MODEL);
    expect(status.history.map((e) => [e.action, e.version, e.previous, e.reasons.slice(0, 3)])).toEqual([
      ['promote', '2', '1', ['retraining cycle', 'sharpe >= 0.5: 1.1', 'maxDrawdown <= 0.3: 0.18']],
    ]);
    expect(status.fallback?.version).toBe('1');
    expect((await client.getModelVersion(MODEL, 1)).tags[TAG_FALLBACK]).toBe('true');

    const second = await cycle('v3', { sharpe: 0.8, maxDrawdown: 0.18 });
    expect(second.outcome).toBe('kept');
    expect(second.decision!.championMetrics).toEqual({ sharpe: 1.1, maxDrawdown: 0.18 });
    expect((await client.getModelVersionByAlias(MODEL, DEFAULT_ALIAS)).version).toBe('2');
    expect((await client.getModelVersionByAlias(MODEL, 'latest-candidate')).version).toBe('3');

    expect(readAlerts({ dir: alertsDir }).map((a) => [a.kind, a.details.candidate])).toEqual([
      ['promoted', { sharpe: 1.1, maxDrawdown: 0.18 }],
      ['degraded', { sharpe: 0.8, maxDrawdown: 0.18 }],
    ]);
  });

  it('records an error alert when the registry refuses the promotion', async () => {
    const alertsDir = path.join(server.dir, 'reports-error');
    const result = await runRetraining({
      train: () => ({ version: '99' }),
      evaluate: () => ({ sharpe: 2, maxDrawdown: 0.1 }),
      champion: () => registryChampionMetrics(server.client, MODEL),
      gates: GATES,
      promote: promoteToAlias(server.client, MODEL),
      alert: fileAlertSink({ dir: alertsDir }),
    });
    expect(result.outcome).toBe('error');
    expect(result.error!.stage).toBe('promote');
    expect(readAlerts({ dir: alertsDir, kind: 'error' })[0]!.details.message).toMatch(
      /^PromotionRefusedError: promote lifecycle-direction v99 refused \(version_missing\): model lifecycle-direction has no version 99 \(it has 1, 2, 3\)/);
    expect((await server.client.getModelVersionByAlias(MODEL, DEFAULT_ALIAS)).version).toBe('2');
  });

  it('lets promote() refuse what the cycle approved when the registry gates are stricter', async () => {
    const alertsDir = path.join(server.dir, 'reports-strict');
    const strict = { thresholds: [{ metric: 'sharpe', above: 5 }], champion: null, distribution: null, baselines: [] };
    const result = await runRetraining({
      train: () => trainAndRegister('v-strict', { sharpe: 2, maxDrawdown: 0.1 }),
      evaluate: (candidate) => candidate.metrics,
      champion: () => registryChampionMetrics(server.client, MODEL),
      gates: GATES,
      promote: promoteToAlias(server.client, MODEL, { gates: strict, lease: { settleMs: 20 } }),
      alert: fileAlertSink({ dir: alertsDir }),
    });
    expect(result.outcome).toBe('error');
    expect(result.error!.message).toMatch(/refused \(gates_failed\): 1 of 1 gates failed: sharpe > 5 \(sharpe = 2 is not > 5\)/);
    expect((await server.client.getModelVersionByAlias(MODEL, DEFAULT_ALIAS)).version).toBe('2');
    expect(() => promoteToAlias(server.client, MODEL, { force: true } as never)).toThrow(/^options\.force = true: is not a known option\. Fix: use only: alias, gates, maxDegradation, by, lease/);
  });
});
