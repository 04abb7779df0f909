// A private MLflow server (SQLite) on free loopback ports in a temp dir, for benchmarks that
// talk to a real server; always stopped and removed by the caller's finally.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { MlflowClient, projectPath, startMlflowServer, stopMlflowServer, type MlflowServerOptions } from 'quantlab';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

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
