// Starts, stops and reports on a local MLflow tracking server (and its PostgreSQL cluster when the
// backend is postgres). Idempotent: start reuses a healthy server on the port, stop only ends
// processes whose pid file we wrote and whose command line is still an MLflow server on that port.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rejectUnknownOptions } from '../util/options';
import { projectRoot } from '../util/project';
import { loadMlflowConfig, resolveUnder, trackingUriOf, validateMlflowConfig, type MlflowConfig } from './config';
import { MlflowServerError } from './errors';
import { DEFAULT_PG_BIN_DIR, ensurePostgres, postgresRunning, postgresUri, stopPostgres, type PostgresRuntime } from './postgres';
import { commandLine, isAlive, isPortOpen, killGroup, readPidRecord, tailFile, waitUntil, writePidRecord } from './proc';

export interface MlflowServerOptions extends MlflowConfig {
  /** Base for relative paths in the config (default: the project root). */
  readonly root?: string;
  /** Where pid files and the server log go (default: <root>/.mlflow/state). */
  readonly stateDir?: string;
  /** The mlflow executable (default: <root>/.venv/bin/mlflow, else <project root>/.venv/bin/mlflow). */
  readonly mlflowBin?: string;
  /** PostgreSQL server binaries (default /usr/lib/postgresql/15/bin). */
  readonly pgBinDir?: string;
}

export interface MlflowServerStatus {
  readonly url: string;
  readonly healthy: boolean;
  /** Pid of the server we started and still own, if any. */
  readonly pid?: number;
  readonly backend: MlflowConfig['backend'];
  readonly logFile: string;
  readonly postgresRunning?: boolean;
}

export interface StartResult {
  readonly url: string;
  /** False when a healthy server was already answering on the port. */
  readonly startedByUs: boolean;
  readonly pid?: number;
  readonly seconds: number;
  readonly logFile: string;
}

export interface StopResult {
  readonly url: string;
  readonly stoppedServer: boolean;
  readonly stoppedPostgres: boolean;
  /** Set when something answers on the port that this state dir did not start (left running). */
  readonly note?: string;
}

export const DEFAULT_STATE_DIR = path.join('.mlflow', 'state');
// One worker keeps the server light; the job runner (GenAI jobs, huey consumers) is not needed for
// tracking and registry, and costs seven extra Python processes.
const SERVER_WORKERS = 1;
const SERVER_ENV = { MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false' } as const;
const HEALTH_TIMEOUT_MS = 2_000;
const OPTION_KEYS = new Set(['host', 'port', 'backend', 'sqlite', 'postgres', 'artifactsDir', 'startTimeoutSeconds', 'root', 'stateDir', 'mlflowBin', 'pgBinDir']);

interface Resolved {
  readonly config: MlflowConfig;
  readonly root: string;
  readonly url: string;
  readonly stateDir: string;
  readonly pidFile: string;
  readonly logFile: string;
  readonly mlflowBin: string;
  readonly pg: PostgresRuntime;
}

function resolve(options: MlflowServerOptions | undefined): Resolved {
  const opts = options ?? loadMlflowConfig();
  rejectUnknownOptions('options', opts, [...OPTION_KEYS]);
  const config = validateMlflowConfig(opts);
  const o = opts as MlflowServerOptions;
  const root = o.root ?? projectRoot();
  const stateDir = resolveUnder(root, o.stateDir ?? DEFAULT_STATE_DIR);
  const localBin = path.join(root, '.venv', 'bin', 'mlflow');
  const mlflowBin = o.mlflowBin ?? (fs.existsSync(localBin) ? localBin : path.join(projectRoot(), '.venv', 'bin', 'mlflow'));
  return {
    config, root, stateDir, mlflowBin,
    url: trackingUriOf(config),
    pidFile: path.join(stateDir, `mlflow-${config.port}.pid`),
    logFile: path.join(stateDir, `mlflow-${config.port}.log`),
    pg: { config: config.postgres, dataDir: resolveUnder(root, config.postgres.dataDir), stateDir, binDir: o.pgBinDir ?? DEFAULT_PG_BIN_DIR, timeoutSeconds: config.startTimeoutSeconds },
  };
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return response.ok && (await response.text()).trim() === 'OK';
  } catch {
    return false;
  }
}

/** The pid of the server our pid file names, if it is alive and still an MLflow server on our port. */
function ownedPid(r: Resolved): number | undefined {
  const record = readPidRecord(r.pidFile);
  if (!record || !isAlive(record.pid)) return undefined;
  const argv = commandLine(record.pid);
  const portAt = argv.indexOf('--port');
  const isOurs = argv.some((a) => a.endsWith('mlflow')) && argv.includes('server') && argv[portAt + 1] === String(r.config.port);
  return isOurs ? record.pid : undefined;
}

export async function mlflowServerStatus(options?: MlflowServerOptions): Promise<MlflowServerStatus> {
  const r = resolve(options);
  const pid = ownedPid(r);
  return {
    url: r.url,
    healthy: await isHealthy(r.url),
    ...(pid === undefined ? {} : { pid }),
    backend: r.config.backend,
    logFile: r.logFile,
    ...(r.config.backend === 'postgres' ? { postgresRunning: await postgresRunning(r.pg) } : {}),
  };
}

export async function startMlflowServer(options?: MlflowServerOptions): Promise<StartResult> {
  const r = resolve(options);
  const t0 = Date.now();
  const seconds = (): number => (Date.now() - t0) / 1000;
  if (await isHealthy(r.url)) return { url: r.url, startedByUs: false, ...pidField(ownedPid(r)), seconds: seconds(), logFile: r.logFile };
  fs.mkdirSync(r.stateDir, { recursive: true });
  const timeoutMs = r.config.startTimeoutSeconds * 1000;

  let pid = ownedPid(r);
  if (pid === undefined) {
    if (await isPortOpen(r.config.host, r.config.port)) {
      throw new MlflowServerError(`MLflow at ${r.url}`, `port ${r.config.port} is taken by a process that is not a healthy MLflow server`, '',
        'stop that process or set another port in configs/mlflow.json');
    }
    if (!fs.existsSync(r.mlflowBin)) {
      throw new MlflowServerError('MLflow', `executable not found at ${r.mlflowBin}`, '', 'run `npm run setup` to create .venv with mlflow');
    }
    const backendStoreUri = await prepareBackend(r);
    const artifacts = resolveUnder(r.root, r.config.artifactsDir);
    fs.mkdirSync(artifacts, { recursive: true });
    pid = spawnServer(r, backendStoreUri, artifacts);
  }
  const started = pid;
  const healthy = await waitUntil(async () => !isAlive(started) || (await isHealthy(r.url)), timeoutMs, 250);
  if (!isAlive(started)) {
    fs.rmSync(r.pidFile, { force: true });
    throw new MlflowServerError(`MLflow at ${r.url}`, 'the server process exited during start-up', tailFile(r.logFile), 'read the log tail above');
  }
  if (!healthy) {
    await killGroup(started);
    fs.rmSync(r.pidFile, { force: true });
    throw new MlflowServerError(`MLflow at ${r.url}`, `no healthy answer from /health within ${r.config.startTimeoutSeconds}s`, tailFile(r.logFile),
      'raise startTimeoutSeconds in configs/mlflow.json or read the log tail above');
  }
  return { url: r.url, startedByUs: true, pid: started, seconds: seconds(), logFile: r.logFile };
}

export async function stopMlflowServer(options?: MlflowServerOptions): Promise<StopResult> {
  const r = resolve(options);
  const pid = ownedPid(r);
  let stoppedServer = false;
  if (pid !== undefined) {
    await killGroup(pid);
    // uvicorn's worker can outlive the CLI leader for a moment; wait for the port to close.
    await waitUntil(async () => !(await isPortOpen(r.config.host, r.config.port)), 10_000, 100);
    stoppedServer = true;
  }
  fs.rmSync(r.pidFile, { force: true });
  const stoppedPostgres = r.config.backend === 'postgres' ? await stopPostgres(r.pg) : false;
  const stillUp = !stoppedServer && (await isHealthy(r.url));
  return {
    url: r.url, stoppedServer, stoppedPostgres,
    ...(stillUp ? { note: `a server this state dir did not start answers at ${r.url}; left running` } : {}),
  };
}

async function prepareBackend(r: Resolved): Promise<string> {
  if (r.config.backend === 'sqlite') {
    const file = resolveUnder(r.root, r.config.sqlite.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return `sqlite:///${file}`;
  }
  await ensurePostgres(r.pg);
  return postgresUri(r.config.postgres);
}

function spawnServer(r: Resolved, backendStoreUri: string, artifactsDir: string): number {
  const args = [
    'server', '--host', r.config.host, '--port', String(r.config.port),
    '--backend-store-uri', backendStoreUri, '--artifacts-destination', artifactsDir, '--serve-artifacts',
    '--workers', String(SERVER_WORKERS),
  ];
  const log = fs.openSync(r.logFile, 'a');
  try {
    fs.writeSync(log, `\n=== ${new Date().toISOString()} ${r.mlflowBin} ${args.join(' ')}\n`);
    // Detached: its own process group, so it outlives this process and stop can signal the group.
    const child = spawn(r.mlflowBin, args, { cwd: r.stateDir, detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...SERVER_ENV } });
    child.unref();
    if (child.pid === undefined) throw new MlflowServerError(`MLflow at ${r.url}`, 'spawn failed', tailFile(r.logFile), 'check mlflowBin');
    child.once('error', () => undefined);
    writePidRecord(r.pidFile, { pid: child.pid, port: r.config.port, startedAt: new Date().toISOString(), backend: r.config.backend });
    return child.pid;
  } finally {
    fs.closeSync(log);
  }
}

const pidField = (pid: number | undefined): { pid?: number } => (pid === undefined ? {} : { pid });
