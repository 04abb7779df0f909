// Pure parts of the tracking domain: gates, registry URIs, log-batch chunking, option checks.
import { describe, expect, it } from 'vitest';
import {
  chunkBatch, evaluateGates, MlflowClient, mlmodelYaml, parseModelUri, startMlflowServer, validateMlflowConfig,
  MAX_ENTITIES_PER_BATCH, MAX_METRICS_PER_BATCH, MAX_PARAMS_TAGS_PER_BATCH,
} from '../../lib/tracking';
import { collectPages } from '../../lib/tracking/paging';
import { ConfigError, InvalidArgumentError } from '../../lib/util';

describe('evaluateGates', () => {
  it('passes inclusive bounds and explains each result', () => {
    const report = evaluateGates({ sharpe: 1, dd: 0.2 }, [{ metric: 'sharpe', min: 1 }, { metric: 'dd', min: 0, max: 0.2 }]);
    expect(report.passed).toBe(true);
    expect(report.results.map((r) => r.reason)).toEqual(['sharpe = 1 >= min 1', 'dd = 0.2 >= min 0 and <= max 0.2']);
  });

  it('fails a missing metric, a NaN and each violated bound, without short-circuiting', () => {
    const report = evaluateGates({ a: 5, b: Number.NaN }, [{ metric: 'a', max: 4 }, { metric: 'b', min: 0 }, { metric: 'c', min: 0 }]);
    expect(report.passed).toBe(false);
    expect(report.results.map((r) => [r.passed, r.reason])).toEqual([
      [false, 'a = 5 > max 4'], [false, 'b = NaN is not a number'], [false, 'metric c is missing'],
    ]);
    expect(report.results[2]).toMatchObject({ metric: 'c', value: undefined, min: 0, max: undefined });
  });

  it('does not read inherited properties as metrics', () => {
    expect(evaluateGates({}, [{ metric: 'toString', min: 0 }]).passed).toBe(false);
  });

  it('rejects malformed gates with the argument named', () => {
    expect(() => evaluateGates({}, [{ metric: 'x' }])).toThrow(/gates\[0\].*neither min nor max/);
    expect(() => evaluateGates({}, [{ metric: 'x', min: 2, max: 1 }])).toThrow(InvalidArgumentError);
    expect(() => evaluateGates({}, [{ metric: 'x', minimum: 1 } as never])).toThrow(/gates\[0\]\.minimum/);
  });

  it('passes vacuously with no gates', () => {
    expect(evaluateGates({}, [])).toEqual({ passed: true, results: [] });
  });
});

describe('parseModelUri', () => {
  it('reads aliases and versions, including names with slashes and @', () => {
    expect(parseModelUri('models:/gru@champion')).toEqual({ kind: 'alias', name: 'gru', alias: 'champion' });
    expect(parseModelUri('models:/gru/12')).toEqual({ kind: 'version', name: 'gru', version: '12' });
    expect(parseModelUri('models:/team/gru/3')).toEqual({ kind: 'version', name: 'team/gru', version: '3' });
  });

  it('rejects other URIs with the fix', () => {
    for (const bad of ['runs:/abc/model', 'models:/gru', 'models:/gru/latest', 'models:/gru@', 'models:/gru/0']) {
      expect(() => parseModelUri(bad), bad).toThrow(/models:\/NAME@ALIAS/);
    }
  });
});

describe('chunkBatch', () => {
  const kv = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ key: `${p}${i}`, value: String(i) }));

  it('respects every per-request limit and loses nothing', () => {
    const metrics = Array.from({ length: 2345 }, (_, i) => i);
    const chunks = chunkBatch(metrics, kv(250, 'p'), kv(130, 't'));
    for (const c of chunks) {
      expect(c.metrics.length).toBeLessThanOrEqual(MAX_METRICS_PER_BATCH);
      expect(c.params.length).toBeLessThanOrEqual(MAX_PARAMS_TAGS_PER_BATCH);
      expect(c.tags.length).toBeLessThanOrEqual(MAX_PARAMS_TAGS_PER_BATCH);
      expect(c.metrics.length + c.params.length + c.tags.length).toBeLessThanOrEqual(MAX_ENTITIES_PER_BATCH);
    }
    expect(chunks.flatMap((c) => c.metrics)).toEqual(metrics);
    expect(chunks.flatMap((c) => c.params).map((p) => p.key)).toEqual(kv(250, 'p').map((p) => p.key));
    expect(chunks.flatMap((c) => c.tags)).toHaveLength(130);
    expect(chunks).toHaveLength(3);
  });

  it('sends nothing for an empty batch', () => {
    expect(chunkBatch([], [], [])).toEqual([]);
  });
});

describe('options and config validation', () => {
  const good = {
    host: '127.0.0.1', port: 5055, backend: 'sqlite', sqlite: { path: 'x.db' },
    postgres: { host: '127.0.0.1', port: 5433, database: 'mlflow', user: 'mlflow', dataDir: '.pgdata' }, artifactsDir: 'a', startTimeoutSeconds: 90,
  };

  it('accepts the shipped shape and names bad fields', () => {
    expect(validateMlflowConfig(good).port).toBe(5055);
    expect(() => validateMlflowConfig({ ...good, backend: 'mysql' })).toThrow(/options\.backend.*"sqlite" or "postgres"/);
    expect(() => validateMlflowConfig({ ...good, postgres: { ...good.postgres, user: 'x; drop' } }, 'configs/mlflow.json')).toThrow(ConfigError);
  });

  it('rejects unknown server and client options', async () => {
    await expect(startMlflowServer({ ...good, prot: 1 } as never)).rejects.toThrow(/options\.prot/);
    expect(() => new MlflowClient({ trackingUri: 'http://127.0.0.1:1', retries: 3 } as never)).toThrow(/options\.retries/);
    expect(() => new MlflowClient({ trackingUri: 'sqlite:///x.db' })).toThrow(/trackingUri.*http/);
  });

  it('takes the tracking URI from MLFLOW_TRACKING_URI when none is passed', () => {
    const saved = process.env.MLFLOW_TRACKING_URI;
    process.env.MLFLOW_TRACKING_URI = 'http://10.1.2.3:5000/';
    try {
      expect(new MlflowClient().trackingUri).toBe('http://10.1.2.3:5000');
    } finally {
      if (saved === undefined) delete process.env.MLFLOW_TRACKING_URI;
      else process.env.MLFLOW_TRACKING_URI = saved;
    }
  });
});

describe('mlmodelYaml', () => {
  it('lists the files under the quantlab flavor', () => {
    const yaml = mlmodelYaml('abc123', ['config.json', 'w "x".bin'], new Date('2026-01-02T03:04:05.000Z'));
    expect(yaml).toContain('flavors:\n  quantlab:\n    files:\n    - "config.json"\n    - "w \\"x\\".bin"\n');
    expect(yaml).toContain('run_id: "abc123"');
    expect(yaml).toContain('utc_time_created: "2026-01-02 03:04:05.000"');
  });
});

describe('mlflowKey', () => {
  it('maps statistical parameter names onto the characters MLflow accepts', async () => {
    const { mlflowKey, mlflowKeys } = await import('../../lib/tracking/keys');
    expect(mlflowKey('alpha[1]')).toBe('alpha_1');
    expect(mlflowKey('a+b (x)')).toBe('a_b _x_');
    expect(mlflowKeys({ 'beta[2]': 0.9, nu: 7 }, 'param.')).toEqual({ 'param.beta_2': 0.9, 'param.nu': 7 });
    expect(() => mlflowKeys({ 'a[1]': 1, a_1: 2 })).toThrow(/maps to the MLflow key "a_1"/);
  });
});

describe('search options', () => {
  const c = new MlflowClient({ trackingUri: 'http://127.0.0.1:1' }); // never reached: checks come first

  it('names bad page sizes, view types, order lists and unknown options, with the fix', async () => {
    await expect(c.searchAllRuns({ experimentIds: ['0'], pageSize: 0 })).rejects.toThrow(/options\.pageSize = 0: must be an integer from 1 to 50000\. Fix: pass e\.g\. 1000/);
    await expect(c.searchAllRuns({ experimentIds: ['0'], maxResults: 5 } as never)).rejects.toThrow(/options\.maxResults = 5: is not a known option.*pageSize/);
    await expect(c.getMetricHistory('r', 'loss', { pageSize: 30_000 })).rejects.toThrow(/options\.pageSize = 30000: must be an integer from 1 to 25000/);
    await expect(c.searchExperiments({ viewType: 'LIVE' as never })).rejects.toThrow(/options\.viewType = "LIVE": is not a view type\. Fix: use one of ACTIVE_ONLY, DELETED_ONLY, ALL/);
    await expect(c.searchRegisteredModels({ maxResults: 1001 })).rejects.toThrow(/options\.maxResults = 1001: must be an integer from 1 to 1000/);
    await expect(c.searchModelVersions({ orderBy: 'version_number DESC' as never })).rejects.toThrow(/options\.orderBy = "version_number DESC": must be an array of strings/);
    await expect(c.searchModelVersions({ name: 'x' } as never)).rejects.toThrow(/options\.name = "x": is not a known option/);
  });
});

describe('collectPages', () => {
  it('follows tokens to the last page and refuses a token it has seen', async () => {
    const pages: Record<string, { items: number[]; nextPageToken?: string }> = { '': { items: [1, 2], nextPageToken: 'a' }, a: { items: [3], nextPageToken: 'b' }, b: { items: [4] } };
    expect(await collectPages('test', async (token) => pages[token ?? '']!)).toEqual([1, 2, 3, 4]);
    const looping = collectPages('runs/search', async (token) => ({ items: [0], nextPageToken: token === 'x' ? 'x' : 'x' }));
    await expect(looping).rejects.toThrow(/runs\/search answered HTTP 0 REPEATED_PAGE_TOKEN: the server returned page token x twice/);
  });
});
