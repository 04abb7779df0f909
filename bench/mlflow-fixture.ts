// A private MLflow server (SQLite) on free loopback ports in a temp dir, for benchmarks that
// talk to a real server; always stopped and removed by the caller's finally.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freeLoopbackPort, MlflowClient, projectPath, startMlflowServer, stopMlflowServer, type MlflowServerOptions } from 'quantlab';

const freePort = freeLoopbackPort;

export async function withMlflowServer<T>(work: (client: MlflowClient, url: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-mlflow-'));
  const options: MlflowServerOptions = {
    host: '127.0.0.1', port: await freePort(), backend: 'sqlite', sqlite: { path: 'mlflow.db' }, artifactsDir: 'artifacts',
    postgres: { host: '127.0.0.1', port: await freePort(), database: 'mlflow', user: 'mlflow', dataDir: 'pgdata' }, // unused with sqlite
    startTimeoutSeconds: 120, root: dir, stateDir: 'state', mlflowBin: projectPath('.venv', 'bin', 'mlflow'),
  };
  try {
    const started = await startMlflowServer(options);
    return await work(new MlflowClient({ trackingUri: started.url }), started.url);
  } finally {
    await stopMlflowServer(options);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
