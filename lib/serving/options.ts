// The model server's options, checked before anything listens.
import type { ModelKindRegistry } from '../deploy/kinds';
import { checkRuntime, type RuntimeChoice } from '../deploy/network';
import type { MlflowClient } from '../tracking/client';
import { DEFAULT_ALIAS } from '../tracking/registry';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';

export const DEFAULT_SERVING_HOST = '127.0.0.1';
export const DEFAULT_SERVING_PORT = 5080;
/** How often the alias is checked for a new version. */
export const DEFAULT_POLL_MS = 30_000;
export const MIN_POLL_MS = 50;
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ModelServerOptions {
  readonly client: MlflowClient;
  /** Registered model name. */
  readonly model: string;
  /** The alias whose version is served (default 'champion'). */
  readonly alias?: string;
  /** Interface to listen on (default 127.0.0.1: this machine only). */
  readonly host?: string;
  /** Port (default 5080; 0 for any free one). */
  readonly port?: number;
  /** Alias check interval in ms (default 30 s; 0: only on refresh() and after /retrain or /rollback). */
  readonly pollMs?: number;
  /** Largest request body accepted (default 4 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /**
   * Called by POST /retrain with the request's JSON body (undefined when empty); answered 202 at
   * once, and the alias is checked when it settles.
   */
  readonly onRetrain?: (request: unknown) => unknown;
  /**
   * Called by POST /rollback with the request's JSON body (e.g. { reason }), answered when it
   * settles, after the alias is checked again; e.g. (r) => rollback(client, { model, reason: r.reason }).
   */
  readonly onRollback?: (request: unknown) => unknown;
  /** Model kinds to load from (default: the built-in ones and any registerModelKind added). */
  readonly kinds?: ModelKindRegistry;
  /** What runs the network (default 'auto': ONNX Runtime where the kind exports to it). */
  readonly runtime?: RuntimeChoice;
  /** Where status lines go (default: nowhere). */
  readonly log?: (line: string) => void;
}

export interface ResolvedServerOptions extends Required<Omit<ModelServerOptions, 'onRetrain' | 'onRollback' | 'kinds' | 'runtime'>> {
  readonly runtime: RuntimeChoice;
  readonly onRetrain?: (request: unknown) => unknown;
  readonly onRollback?: (request: unknown) => unknown;
  readonly kinds?: ModelKindRegistry;
}

const KEYS = ['client', 'model', 'alias', 'host', 'port', 'pollMs', 'maxBodyBytes', 'onRetrain', 'onRollback', 'kinds', 'runtime', 'log'];

export function resolveServerOptions(options: ModelServerOptions): ResolvedServerOptions {
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('options', options, 'is required', "pass { client, model: 'direction-lstm' }");
  rejectUnknownOptions('options', options, KEYS);
  if (!options.client || typeof options.client.getModelVersionByAlias !== 'function') {
    throw new InvalidArgumentError('options.client', options.client, 'is not an MlflowClient', 'pass new MlflowClient() (tracking URI from MLFLOW_TRACKING_URI or configs/mlflow.json)');
  }
  for (const key of ['model', 'alias', 'host'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'string' || v.length === 0)) throw new InvalidArgumentError(`options.${key}`, v, 'must be a non-empty string', key === 'model' ? 'name the registered model' : `leave it out for the default`);
  }
  if (options.model === undefined) throw new InvalidArgumentError('options.model', undefined, 'is required', "name the registered model, e.g. 'direction-lstm'");
  const port = options.port ?? DEFAULT_SERVING_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('options.port', port, 'must be an integer in 0..65535', `use e.g. ${DEFAULT_SERVING_PORT}, or 0 for any free port`);
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  if (!Number.isFinite(pollMs) || (pollMs !== 0 && pollMs < MIN_POLL_MS)) {
    throw new InvalidArgumentError('options.pollMs', pollMs, `must be 0 (no polling) or at least ${MIN_POLL_MS} ms`, `use e.g. ${DEFAULT_POLL_MS}`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) throw new InvalidArgumentError('options.maxBodyBytes', maxBodyBytes, 'must be an integer of at least 1024', `use e.g. ${DEFAULT_MAX_BODY_BYTES}`);
  for (const key of ['onRetrain', 'onRollback', 'log'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw new InvalidArgumentError(`options.${key}`, options[key], 'must be a function', 'pass a function, or leave it out');
  }
  return {
    client: options.client, model: options.model, alias: options.alias ?? DEFAULT_ALIAS, host: options.host ?? DEFAULT_SERVING_HOST,
    port, pollMs, maxBodyBytes, log: options.log ?? (() => undefined), runtime: checkRuntime('options.runtime', options.runtime),
    ...(options.onRetrain ? { onRetrain: options.onRetrain } : {}),
    ...(options.onRollback ? { onRollback: options.onRollback } : {}),
    ...(options.kinds ? { kinds: options.kinds } : {}),
  };
}
