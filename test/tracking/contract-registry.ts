// Contract: registry searches, descriptions, tags, rename and delete, and their typed errors,
// against a real MLflow server (see contract.ts).
import { expect, it } from 'vitest';
import { MlflowApiError } from '../../lib/tracking';
import type { ServerFixture } from '../helpers/mlflow-server';

export function registryContract(fx: ServerFixture): void {
  it('searches, describes, tags, renames and deletes registered models and versions', async () => {
    const c = fx.client;
    const exp = await c.getOrCreateExperiment('contract-registry-api');
    const run = await c.createRun({ experimentId: exp.experimentId });
    await c.logArtifactBytes(run.info.runId, 'model/weights.bin', 'w');
    const source = `${run.info.artifactUri}/model`;
    for (const name of ['reg-a', 'reg-b']) await c.createRegisteredModel(name);
    for (let i = 0; i < 3; i++) await c.createModelVersion('reg-a', source, run.info.runId);

    const models = await c.searchRegisteredModels({ filter: "name LIKE 'reg-%'", orderBy: ['name DESC'] });
    expect(models.registeredModels.map((m) => m.name)).toEqual(['reg-b', 'reg-a']);
    const firstPage = await c.searchRegisteredModels({ filter: "name LIKE 'reg-%'", orderBy: ['name ASC'], maxResults: 1 });
    expect(firstPage.registeredModels.map((m) => m.name)).toEqual(['reg-a']);
    const nextPage = await c.searchRegisteredModels({ filter: "name LIKE 'reg-%'", orderBy: ['name ASC'], maxResults: 1, pageToken: firstPage.nextPageToken! });
    expect(nextPage.registeredModels.map((m) => m.name)).toEqual(['reg-b']);

    const versions = await c.searchModelVersions({ filter: "name='reg-a'", orderBy: ['version_number DESC'] });
    expect(versions.modelVersions.map((v) => v.version)).toEqual(['3', '2', '1']);
    expect(versions.modelVersions.every((v) => v.runId === run.info.runId && v.source === source)).toBe(true);

    const described = await c.updateModelVersion('reg-a', 1, { description: 'first fit, 20-bar lookback' });
    expect(described.description).toBe('first fit, 20-bar lookback');
    expect((await c.getModelVersion('reg-a', 1)).description).toBe('first fit, 20-bar lookback');
    expect((await c.updateRegisteredModel('reg-a', { description: 'pairs spread model' })).description).toBe('pairs spread model');

    await c.setRegisteredModelTag('reg-a', 'owner', 'research');
    expect((await c.getRegisteredModel('reg-a')).tags).toEqual({ owner: 'research' });
    await c.deleteRegisteredModelTag('reg-a', 'owner');
    expect((await c.getRegisteredModel('reg-a')).tags).toEqual({});
    await c.setModelVersionTag('reg-a', 2, 'gate', 'passed');
    expect((await c.getModelVersion('reg-a', 2)).tags).toEqual({ gate: 'passed' });
    await c.deleteModelVersionTag('reg-a', 2, 'gate');
    expect((await c.getModelVersion('reg-a', 2)).tags).toEqual({});

    await c.deleteModelVersion('reg-a', 3);
    await expect(c.getModelVersion('reg-a', 3)).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
    expect((await c.searchModelVersions({ filter: "name='reg-a'" })).modelVersions.map((v) => v.version).sort()).toEqual(['1', '2']);

    const renamed = await c.renameRegisteredModel('reg-a', 'reg-renamed');
    expect(renamed.name).toBe('reg-renamed');
    expect((await c.searchModelVersions({ filter: "name='reg-renamed'" })).modelVersions.map((v) => v.version).sort()).toEqual(['1', '2']);
    expect((await c.getModelVersion('reg-renamed', 1)).description).toBe('first fit, 20-bar lookback');
    await expect(c.getRegisteredModel('reg-a')).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });

    await c.deleteRegisteredModel('reg-renamed');
    expect((await c.searchRegisteredModels({ filter: "name LIKE 'reg-%'" })).registeredModels.map((m) => m.name)).toEqual(['reg-b']);
  });

  it('maps server errors of the registry calls to MlflowApiError with the server\'s message', async () => {
    const c = fx.client;
    await c.createRegisteredModel('reg-errors');
    await c.createRegisteredModel('reg-errors-2');
    const cases: [string, () => Promise<unknown>, string, RegExp][] = [
      ['updateModelVersion', () => c.updateModelVersion('no-such-model', 1, { description: 'x' }), 'RESOURCE_DOES_NOT_EXIST', /no-such-model/],
      ['deleteModelVersion', () => c.deleteModelVersion('reg-errors', 7), 'RESOURCE_DOES_NOT_EXIST', /reg-errors/],
      ['deleteModelVersionTag', () => c.deleteModelVersionTag('reg-errors', 7, 'k'), 'RESOURCE_DOES_NOT_EXIST', /reg-errors/],
      ['setRegisteredModelTag', () => c.setRegisteredModelTag('no-such-model', 'k', 'v'), 'RESOURCE_DOES_NOT_EXIST', /no-such-model/],
      ['renameRegisteredModel', () => c.renameRegisteredModel('reg-errors', 'reg-errors-2'), 'RESOURCE_ALREADY_EXISTS', /reg-errors-2/],
      ['deleteRegisteredModel', () => c.deleteRegisteredModel('no-such-model'), 'RESOURCE_DOES_NOT_EXIST', /no-such-model/],
      ['searchModelVersions', () => c.searchModelVersions({ filter: "nme='x'" }), 'INVALID_PARAMETER_VALUE', /nme/],
      ['searchRegisteredModels', () => c.searchRegisteredModels({ filter: "nme LIKE 'x'" }), 'INVALID_PARAMETER_VALUE', /nme/],
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
