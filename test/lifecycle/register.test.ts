// registerAndPromote against a real MLflow server: a registered version becomes the champion only
// through promote (history, fallback), a degraded one is registered and refused with the gate
// report, one that fails its registration gates is not offered at all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PromotionRefusedError, promotionGatesFrom, registerAndPromote, registryStatus } from '../../lib/lifecycle';
import type { Gate } from '../../lib/tracking';
import { useMlflowServer } from '../helpers/mlflow-server';

const server = useMlflowServer('sqlite');
const MODEL = 'register-and-promote';
const GATES: Gate[] = [{ metric: 'f1', min: 0.55 }, { metric: 'max_drawdown', max: 0.3 }];

async function register(name: string, metrics: Record<string, number>) {
  const modelDir = path.join(server.dir, 'models', name);
  fs.mkdirSync(modelDir, { recursive: true });
  fs.writeFileSync(path.join(modelDir, 'model.json'), JSON.stringify({ name }));
  return registerAndPromote(server.client, { experiment: 'register-and-promote', runName: name, params: { name }, metrics, modelDir, modelName: MODEL, gates: GATES, promotion: { reason: `trained ${name}` } });
}

describe('promotionGatesFrom', () => {
  it('keeps each registration gate as a threshold and compares each metric with the champion, lower-is-better for a max-only gate', () => {
    expect(promotionGatesFrom(GATES)).toEqual({
      thresholds: [{ metric: 'f1', min: 0.55 }, { metric: 'max_drawdown', max: 0.3 }],
      champion: { maxDegradation: 0.1, metrics: { f1: 'higher', max_drawdown: 'lower' } },
      distribution: null, baselines: [],
    });
    expect(promotionGatesFrom([])).toMatchObject({ thresholds: [], champion: null });
  });
});

describe('registerAndPromote', () => {
  it('promotes the first passing version, refuses a degraded one, and does not offer one that fails registration', async () => {
    const first = await register('v1', { f1: 0.7, max_drawdown: 0.2 });
    expect(first).toMatchObject({ version: '1', aliasSet: true, promoted: { version: '1', alias: 'champion', previous: undefined } });
    expect(first.refused).toBeUndefined();

    // 0.6 is above the 0.55 threshold but more than 10% below the champion's 0.7.
    const degraded = await register('v2', { f1: 0.6, max_drawdown: 0.2 });
    expect(degraded).toMatchObject({ version: '2', aliasSet: false });
    expect(degraded.refused).toBeInstanceOf(PromotionRefusedError);
    expect(degraded.refused!.code).toBe('gates_failed');
    expect(degraded.refused!.message).toMatch(/f1 vs champion v1/);

    const failing = await register('v3', { f1: 0.5, max_drawdown: 0.2 });
    expect(failing).toMatchObject({ version: '3', aliasSet: false, gates: { passed: false } });
    expect(failing.promoted).toBeUndefined();
    expect(failing.refused).toBeUndefined();

    const better = await register('v4', { f1: 0.72, max_drawdown: 0.21 }); // 5% worse drawdown: within 10%
    expect(better.promoted).toMatchObject({ version: '4', previous: '1' });

    const status = await registryStatus(server.client, MODEL);
    expect(status.champion?.version).toBe('4');
    expect(status.fallback?.version).toBe('1');
    expect(status.history.map((h) => [h.action, h.version, h.reasons[0]])).toEqual([['promote', '1', 'trained v1'], ['promote', '4', 'trained v4']]);
  });
});
