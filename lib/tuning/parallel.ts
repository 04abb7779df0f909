// A pool of worker threads that run an objective module while the sampler stays in the main
// thread: each worker's trial calls back synchronously (suggest, report, shouldPrune), so
// objectives are written exactly as for a sequential study. TypeScript objective modules (and
// this library's own sources, when it runs uncompiled) are transpiled on load with the
// `typescript` package.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { InvalidArgumentError } from '../util/errors';
import type { TrialOutcome } from './study-state';
import type { TrialHost } from './trial';
import { deserializeError, serializeError, type FromWorker, type ObjectiveWorkerData, type RpcRequest, type RpcResponse, type WireOutcome } from './worker-protocol';

/** An objective run in worker threads: `require(module)[exportName](trial)`. */
export interface ObjectiveModule {
  /** Path of a .js or .ts module (relative paths resolve against the current directory). */
  readonly module: string;
  /** Default 'default'. */
  readonly exportName?: string;
}

export const DEFAULT_EXPORT_NAME = 'default';
const WORKER_ENTRY = path.join(__dirname, `worker${path.extname(__filename)}`);

// Runs first in each worker: installs a .ts loader when anything to load is TypeScript. The
// transpiled output is cached on disk by content hash, so only a cold cache pays for loading
// the typescript package (about half a second per worker).
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
if ([workerData.entry, workerData.objectivePath].some((f) => f.endsWith('.ts')) && !Module._extensions['.ts']) {
  const fs = require('node:fs');
  const path = require('node:path');
  const crypto = require('node:crypto');
  let ts;
  Module._extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const key = crypto.createHash('sha256').update(filename + '\\0' + source).digest('hex');
    const cached = path.join(workerData.cacheDir, key + '.js');
    let code;
    try {
      code = fs.readFileSync(cached, 'utf8');
    } catch {
      ts ??= Module.createRequire(workerData.entry)('typescript');
      code = ts.transpileModule(source, {
        fileName: filename,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
      }).outputText;
      try {
        fs.mkdirSync(workerData.cacheDir, { recursive: true });
        const tmp = cached + '.' + process.pid + '.' + require('node:worker_threads').threadId;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cached);
      } catch {}
    }
    module._compile(code, filename);
  };
}
require(workerData.entry);
`;
const TS_CACHE_DIR = path.join(os.tmpdir(), 'quantlab-tuning-ts-cache');

interface Slot {
  readonly worker: Worker;
  readonly rpcPort: MessagePort;
  pending?: { number: number; resolve: (outcome: TrialOutcome) => void };
  dead?: Error;
}

export class WorkerPool {
  private constructor(private readonly slots: Slot[]) {}

  /** Starts `size` workers and waits until each has loaded the objective. */
  static async start(size: number, objective: ObjectiveModule, host: TrialHost): Promise<WorkerPool> {
    const objectivePath = path.resolve(objective.module);
    if (!fs.existsSync(objectivePath)) {
      throw new InvalidArgumentError('objective.module', objective.module, `does not exist (resolved to ${objectivePath})`, 'pass the path of the module that exports the objective');
    }
    const exportName = objective.exportName ?? DEFAULT_EXPORT_NAME;
    const slots: Slot[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < size; i++) {
      const flagBuffer = new SharedArrayBuffer(4);
      const { port1, port2 } = new MessageChannel();
      const workerData: ObjectiveWorkerData & { entry: string; cacheDir: string } = { objectivePath, exportName, flag: flagBuffer, rpcPort: port2, entry: WORKER_ENTRY, cacheDir: TS_CACHE_DIR };
      const worker = new Worker(BOOTSTRAP, { eval: true, workerData, transferList: [port2] });
      const slot: Slot = { worker, rpcPort: port1 };
      slots.push(slot);
      port1.on('message', (request: RpcRequest) => answer(port1, new Int32Array(flagBuffer), host, request));
      ready.push(new Promise<void>((resolve, reject) => {
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'ready') resolve();
          else if (message.type === 'load-error') reject(loadError(objective, deserializeError(message.error)));
          else if (slot.pending?.number === message.number) {
            const { resolve: done } = slot.pending;
            slot.pending = undefined;
            done(fromWire(message.outcome));
          }
        });
        const die = (error: Error): void => {
          slot.dead ??= error;
          reject(loadError(objective, error));
          if (slot.pending) {
            const { resolve: done } = slot.pending;
            slot.pending = undefined;
            done({ kind: 'failed', reason: `the worker thread died: ${error.message}`, error });
          }
        };
        worker.on('error', die);
        worker.on('exit', (code) => die(new Error(`worker exited with code ${code}`)));
      }));
    }
    const pool = new WorkerPool(slots);
    try {
      await Promise.all(ready);
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Runs trial `number` on worker `slot` (which must be idle). */
  run(slot: number, number: number): Promise<TrialOutcome> {
    const s = this.slots[slot]!;
    if (s.dead) return Promise.resolve({ kind: 'failed', reason: `the worker thread died: ${s.dead.message}`, error: s.dead });
    return new Promise((resolve) => {
      s.pending = { number, resolve };
      s.worker.postMessage({ type: 'run', number });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map(async (s) => {
      s.dead ??= new Error('pool closed');
      s.rpcPort.close();
      await s.worker.terminate();
    }));
  }
}

function answer(port: MessagePort, flag: Int32Array, host: TrialHost, request: RpcRequest): void {
  let response: RpcResponse;
  try {
    const result = request.method === 'suggest' ? host.suggest(request.number, request.name, request.distribution)
      : request.method === 'report' ? host.report(request.number, request.value, request.step)
        : request.method === 'shouldPrune' ? host.shouldPrune(request.number)
          : host.params(request.number);
    response = { ok: true, result };
  } catch (error) {
    response = { ok: false, error: serializeError(error) };
  }
  port.postMessage(response);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function fromWire(outcome: WireOutcome): TrialOutcome {
  if (outcome.kind === 'failed') {
    const error = deserializeError(outcome.error);
    return { kind: 'failed', reason: error.message, error };
  }
  return outcome;
}

function loadError(objective: ObjectiveModule, cause: Error): Error {
  if (cause instanceof InvalidArgumentError) return cause;
  return new InvalidArgumentError('objective.module', objective.module, `could not be loaded in a worker thread: ${cause.message}`, 'check the path and that the module runs under plain node (TypeScript needs the typescript package)');
}
