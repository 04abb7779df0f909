// configs/mlflow.json: its shape, validation, and the paths and URIs derived from it.
import * as path from 'node:path';
import { ConfigError, InvalidArgumentError } from '../util/errors';
import { projectPath, projectRoot, readConfig } from '../util/project';

export type MlflowBackend = 'sqlite' | 'postgres';

export interface PostgresConfig {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** The private cluster's data directory (relative paths are relative to the project root). */
  readonly dataDir: string;
}

export interface MlflowConfig {
  readonly host: string;
  readonly port: number;
  readonly backend: MlflowBackend;
  readonly sqlite: { readonly path: string };
  readonly postgres: PostgresConfig;
  readonly artifactsDir: string;
  readonly startTimeoutSeconds: number;
}

export const MLFLOW_CONFIG_NAME = 'mlflow';
export const DEFAULT_START_TIMEOUT_SECONDS = 90;
// PostgreSQL identifiers are interpolated into SQL and URIs, so only plain names are allowed.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function loadMlflowConfig(): MlflowConfig {
  const raw = readConfig<unknown>(MLFLOW_CONFIG_NAME);
  return validateMlflowConfig(raw, projectPath('configs', `${MLFLOW_CONFIG_NAME}.json`));
}

/** Checks a config object field by field; `source` names the file (or argument) in errors. */
export function validateMlflowConfig(raw: unknown, source = 'options'): MlflowConfig {
  const fail = (field: string, value: unknown, problem: string, fix: string): never => {
    if (source === 'options') throw new InvalidArgumentError(`options.${field}`, value, problem, fix);
    throw new ConfigError(source, field, `${problem} (got ${JSON.stringify(value)})`, fix);
  };
  if (typeof raw !== 'object' || raw === null) fail('(root)', raw, 'must be an object', 'see configs/mlflow.json');
  const c = raw as Record<string, any>;
  const str = (field: string, v: unknown): string =>
    typeof v === 'string' && v.length > 0 ? v : fail(field, v, 'must be a non-empty string', 'set it');
  const port = (field: string, v: unknown): number =>
    Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536 ? (v as number) : fail(field, v, 'must be a TCP port 1-65535', 'set a free port such as 5055');
  if (c.backend !== 'sqlite' && c.backend !== 'postgres') fail('backend', c.backend, 'must be "sqlite" or "postgres"', 'pick one');
  const pg = (c.postgres ?? {}) as Record<string, unknown>;
  const ident = (field: string, v: unknown): string =>
    typeof v === 'string' && IDENTIFIER.test(v) ? v : fail(field, v, 'must be a lower-case identifier ([a-z_][a-z0-9_]*)', 'use a plain name such as "mlflow"');
  const timeout = c.startTimeoutSeconds ?? DEFAULT_START_TIMEOUT_SECONDS;
  if (typeof timeout !== 'number' || !(timeout > 0)) fail('startTimeoutSeconds', timeout, 'must be a positive number', 'use e.g. 90');
  return {
    host: str('host', c.host),
    port: port('port', c.port),
    backend: c.backend,
    sqlite: { path: str('sqlite.path', c.sqlite?.path) },
    postgres: {
      host: str('postgres.host', pg.host),
      port: port('postgres.port', pg.port),
      database: ident('postgres.database', pg.database),
      user: ident('postgres.user', pg.user),
      dataDir: str('postgres.dataDir', pg.dataDir),
    },
    artifactsDir: str('artifactsDir', c.artifactsDir),
    startTimeoutSeconds: timeout,
  };
}

/** The URL clients use; `localhost`-style wildcard binds are reached over loopback. */
export function trackingUriOf(config: Pick<MlflowConfig, 'host' | 'port'>): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

export function resolveUnder(root: string | undefined, p: string): string {
  return path.isAbsolute(p) ? p : path.join(root ?? projectRoot(), p);
}
