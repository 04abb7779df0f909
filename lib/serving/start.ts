// The entry a script calls to serve a model until it is stopped (Ctrl-C or SIGTERM close it
// cleanly: requests finish, the model is disposed).
import { createModelServer, type ModelServer } from './server';
import type { ModelServerOptions } from './options';

export interface StartServingOptions extends ModelServerOptions {
  /** Close the server on SIGINT/SIGTERM, then let the signal end the process (default true). */
  readonly handleSignals?: boolean;
}

/**
 * createModelServer with status lines on stdout (`[serving] ...`) and signal handling. From a
 * script: `await startServing({ client: new MlflowClient(), model: 'direction-lstm' })`.
 */
export async function startServing(options: StartServingOptions): Promise<ModelServer> {
  const { handleSignals = true, ...rest } = options ?? ({} as StartServingOptions);
  const log = rest.log ?? ((line: string) => console.log(`[serving] ${line}`));
  const server = await createModelServer({ ...rest, log });
  const s = server.status();
  if (!s.version) log(`listening at ${server.url}; no version of ${s.model}@${s.alias} yet (${s.lastError?.message ?? 'none registered'}), checking again every poll`);
  if (handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const stop = (): void => {
        log(`${signal}: closing`);
        void server.close().finally(() => process.kill(process.pid, signal));
      };
      process.once(signal, stop);
    }
  }
  return server;
}
