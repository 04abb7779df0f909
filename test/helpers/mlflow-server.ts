// Starts one real MLflow server per test file on free ports in a temp dir, and always stops it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freeLoopbackPort, MlflowClient, startMlflowServer, stopMlflowServer, type MlflowBackend, type MlflowServerOptions, type StartResult } from '../../lib/tracking';
import { PROJECT_ROOT } from './python';

export const freePort = freeLoopbackPort;

export interface ServerFixture {
  options: MlflowServerOptions;
  client: MlflowClient;
  started: StartResult;
  dir: string;
}

export function useMlflowServer(backend: MlflowBackend): ServerFixture {
  const fixture = {} as ServerFixture;
  beforeAll(async () => {
    fixture.dir = fs.mkdtempSync(path.join(os.tmpdir(), `quantlab-mlflow-${backend}-`));
    // The postgres OS user must traverse into the temp dir to reach its data directory.
    fs.chmodSync(fixture.dir, 0o755);
    fixture.options = {
      host: '127.0.0.1',
      port: await freePort(),
      backend,
      sqlite: { path: 'mlflow.db' },
      postgres: { host: '127.0.0.1', port: await freePort(), database: 'mlflow', user: 'mlflow', dataDir: 'pgdata' },
      artifactsDir: 'artifacts',
      startTimeoutSeconds: 120,
      root: fixture.dir,
      stateDir: 'state',
      mlflowBin: path.join(PROJECT_ROOT, '.venv', 'bin', 'mlflow'),
    };
    fixture.started = await startMlflowServer(fixture.options);
    console.log(`[tracking] ${backend} MLflow server started in ${fixture.started.seconds.toFixed(1)} s at ${fixture.started.url}`);
    fixture.client = new MlflowClient({ trackingUri: fixture.started.url });
  });
  afterAll(async () => {
    // Runs even when beforeAll or a test failed, so no server outlives the file.
    if (fixture.options) await stopMlflowServer(fixture.options);
    if (fixture.dir) fs.rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
