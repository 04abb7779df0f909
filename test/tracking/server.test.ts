// Start-up failures of the server manager, without a real MLflow: a taken port and a dying process.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowServerError, mlflowServerStatus, startMlflowServer, stopMlflowServer, type MlflowServerOptions } from '../../lib/tracking';
import { freePort } from '../helpers/mlflow-server';

describe('startMlflowServer failures', () => {
  let dir = '';
  let base: MlflowServerOptions;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-mlflow-fail-'));
    base = {
      host: '127.0.0.1', port: await freePort(), backend: 'sqlite', sqlite: { path: 'm.db' },
      postgres: { host: '127.0.0.1', port: 5433, database: 'mlflow', user: 'mlflow', dataDir: 'pg' },
      artifactsDir: 'art', startTimeoutSeconds: 20, root: dir, stateDir: 'state',
    };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a port held by something that is not MLflow, and leaves it alone on stop', async () => {
    const sockets = new Set<net.Socket>();
    const squatter = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      s.end('not http\n');
    });
    await new Promise<void>((resolve) => squatter.listen(base.port, '127.0.0.1', resolve));
    try {
      await expect(startMlflowServer(base)).rejects.toThrow(/port \d+ is taken/);
      expect(await stopMlflowServer(base)).toMatchObject({ stoppedServer: false, stoppedPostgres: false });
      expect(squatter.listening).toBe(true);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('reports the log tail when the server process dies during start-up', async () => {
    const fake = path.join(dir, 'fake-mlflow');
    fs.writeFileSync(fake, '#!/bin/sh\necho "boom: cannot open backend store" >&2\nexit 1\n', { mode: 0o755 });
    const error = await startMlflowServer({ ...base, mlflowBin: fake }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowServerError);
    expect((error as Error).message).toMatch(/exited during start-up[\s\S]*boom: cannot open backend store/);
    const status = await mlflowServerStatus(base);
    expect(status).toMatchObject({ healthy: false, backend: 'sqlite' });
    expect(status.pid).toBeUndefined();
  });
});
