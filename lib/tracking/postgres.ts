// A private PostgreSQL cluster for the MLflow backend store: initialised on first use in
// postgres.dataDir, listening on loopback only, started and stopped with pg_ctl. Servers refuse to
// run as root, so when we are root every server-side command runs as the `postgres` OS user.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PostgresConfig } from './config';
import { MlflowServerError } from './errors';
import { isAlive, readPidRecord, runCommand, tailFile, writePidRecord } from './proc';

export const DEFAULT_PG_BIN_DIR = '/usr/lib/postgresql/15/bin';
export const PG_OS_USER = 'postgres';
// The superuser initdb creates; only reachable over loopback, used to create the MLflow role.
const PG_SUPERUSER = 'postgres';
const PG_LOG_NAME = 'quantlab-postgres.log';

export interface PostgresRuntime {
  readonly config: PostgresConfig;
  /** Absolute data directory. */
  readonly dataDir: string;
  readonly stateDir: string;
  readonly binDir: string;
  readonly timeoutSeconds: number;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;
const asServerUser = (argv: string[]): string[] => (isRoot() ? ['runuser', '-u', PG_OS_USER, '--', ...argv] : argv);
const statePath = (rt: PostgresRuntime): string => path.join(rt.stateDir, `postgres-${rt.config.port}.json`);
const logPath = (rt: PostgresRuntime): string => path.join(rt.dataDir, PG_LOG_NAME);

// SQLAlchemy 2.1 maps plain postgresql:// to psycopg 3; the venv ships psycopg2-binary.
export function postgresUri(config: PostgresConfig): string {
  return `postgresql+psycopg2://${config.user}@${config.host}:${config.port}/${config.database}`;
}

/** Whether a postmaster is running on this data directory (pg_ctl status exit code 0). */
export async function postgresRunning(rt: PostgresRuntime): Promise<boolean> {
  if (!fs.existsSync(path.join(rt.dataDir, 'PG_VERSION'))) return false;
  const result = await runCommand(asServerUser([path.join(rt.binDir, 'pg_ctl'), 'status', '-D', rt.dataDir]));
  return result.code === 0;
}

/** Init (when absent), start (when stopped), and create the role and database (when missing). */
export async function ensurePostgres(rt: PostgresRuntime): Promise<{ startedByUs: boolean }> {
  await initCluster(rt);
  let startedByUs = false;
  if (!(await postgresRunning(rt))) {
    const { host, port } = rt.config;
    const result = await runCommand(asServerUser([
      path.join(rt.binDir, 'pg_ctl'), 'start', '-D', rt.dataDir, '-l', logPath(rt), '-w', '-t', String(Math.ceil(rt.timeoutSeconds)),
      '-o', `-p ${port} -c listen_addresses=${host} -c unix_socket_directories=''`,
    ]));
    if (result.code !== 0) {
      throw new MlflowServerError(`PostgreSQL on ${host}:${port} (${rt.dataDir})`, `pg_ctl start failed: ${result.stderr.trim() || result.stdout.trim()}`,
        tailFile(logPath(rt)), `free port ${port} or change postgres.port in configs/mlflow.json`);
    }
    writePidRecord(statePath(rt), { pid: postmasterPid(rt.dataDir) ?? 0, port, startedAt: new Date().toISOString(), dataDir: rt.dataDir });
    startedByUs = true;
  }
  await ensureRoleAndDatabase(rt);
  return { startedByUs };
}

/** Stops the cluster only when our state file says we started this very postmaster. */
export async function stopPostgres(rt: PostgresRuntime): Promise<boolean> {
  const record = readPidRecord(statePath(rt));
  if (!record) return false;
  const current = postmasterPid(rt.dataDir);
  if (current !== record.pid || !isAlive(record.pid)) {
    fs.rmSync(statePath(rt), { force: true });
    return false;
  }
  const result = await runCommand(asServerUser([path.join(rt.binDir, 'pg_ctl'), 'stop', '-D', rt.dataDir, '-m', 'fast', '-w', '-t', '60']));
  if (result.code !== 0) {
    throw new MlflowServerError(`PostgreSQL (${rt.dataDir})`, `pg_ctl stop failed: ${result.stderr.trim()}`, tailFile(logPath(rt)),
      `stop it by hand: ${asServerUser([path.join(rt.binDir, 'pg_ctl'), 'stop', '-D', rt.dataDir]).join(' ')}`);
  }
  fs.rmSync(statePath(rt), { force: true });
  return true;
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function initCluster(rt: PostgresRuntime): Promise<void> {
  if (fs.existsSync(path.join(rt.dataDir, 'PG_VERSION'))) return;
  const initdb = path.join(rt.binDir, 'initdb');
  if (!fs.existsSync(initdb)) {
    throw new MlflowServerError('PostgreSQL', `initdb not found at ${initdb}`, '', 'install PostgreSQL 15 (apt-get install postgresql) or pass pgBinDir');
  }
  fs.mkdirSync(rt.dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', PG_OS_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', PG_OS_USER], { encoding: 'utf8' }).trim());
    fs.chownSync(rt.dataDir, uid, gid);
  }
  // Trust over loopback only: a private, single-user development cluster with no password to leak
  // into command lines; unix sockets are disabled at start so only listen_addresses reaches it.
  const result = await runCommand(asServerUser([initdb, '-D', rt.dataDir, '-U', PG_SUPERUSER, '-E', 'UTF8', '--auth=trust', '--no-instructions']));
  if (result.code !== 0) {
    throw new MlflowServerError(`PostgreSQL initdb (${rt.dataDir})`, `initdb failed: ${result.stderr.trim()}`, '',
      `make every parent folder of postgres.dataDir traversable by the ${PG_OS_USER} user (chmod o+x), or pick another dataDir`);
  }
}

async function psql(rt: PostgresRuntime, database: string, sql: string): Promise<string> {
  const { host, port } = rt.config;
  const argv = [path.join(rt.binDir, 'psql'), '-h', host, '-p', String(port), '-U', PG_SUPERUSER, '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', sql];
  const result = await runCommand(argv, { ...process.env, PGCONNECT_TIMEOUT: '10' });
  if (result.code !== 0) {
    throw new MlflowServerError(`PostgreSQL on ${host}:${port}`, `psql failed for "${sql}": ${result.stderr.trim()}`, tailFile(logPath(rt)),
      'check that the cluster in postgres.dataDir is the one listening on postgres.port');
  }
  return result.stdout.trim();
}

async function ensureRoleAndDatabase(rt: PostgresRuntime): Promise<void> {
  // Identifiers were validated as [a-z_][a-z0-9_]* by validateMlflowConfig, so interpolation is safe.
  const { user, database } = rt.config;
  if ((await psql(rt, 'postgres', `SELECT 1 FROM pg_roles WHERE rolname = '${user}'`)) !== '1') {
    await psql(rt, 'postgres', `CREATE ROLE ${user} LOGIN`);
  }
  if ((await psql(rt, 'postgres', `SELECT 1 FROM pg_database WHERE datname = '${database}'`)) !== '1') {
    await psql(rt, 'postgres', `CREATE DATABASE ${database} OWNER ${user}`);
  }
}
