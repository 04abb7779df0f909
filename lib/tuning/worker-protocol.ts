// Messages between the study (main thread) and objective workers. Runs are asynchronous
// messages; a worker's suggest/report/shouldPrune calls are synchronous remote calls: the worker
// posts the request and sleeps on a shared flag until the main thread has posted the answer.
import type { MessagePort } from 'node:worker_threads';
import { InvalidArgumentError } from '../util/errors';
import type { Distribution } from './distributions';

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly fields?: { argument: string; value: unknown; problem: string; fix: string };
}

export type WireOutcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'pruned' }
  | { readonly kind: 'failed'; readonly error: SerializedError };

export type ToWorker = { readonly type: 'run'; readonly number: number };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'load-error'; readonly error: SerializedError }
  | { readonly type: 'result'; readonly number: number; readonly outcome: WireOutcome };

export type RpcRequest =
  | { readonly method: 'suggest'; readonly number: number; readonly name: string; readonly distribution: Distribution }
  | { readonly method: 'report'; readonly number: number; readonly value: number; readonly step: number }
  | { readonly method: 'shouldPrune'; readonly number: number }
  | { readonly method: 'params'; readonly number: number };

export type RpcResponse = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: SerializedError };

export interface ObjectiveWorkerData {
  readonly objectivePath: string;
  readonly exportName: string;
  /** Int32 flag: 0 while a call is pending, 1 once its answer is posted. */
  readonly flag: SharedArrayBuffer;
  readonly rpcPort: MessagePort;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const base = { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  if (error instanceof InvalidArgumentError) {
    let value: unknown = error.value;
    try { structuredClone(value); } catch { value = String(value); }
    return { ...base, fields: { argument: error.argument, value, problem: error.problem, fix: error.fix } };
  }
  return base;
}

/** The error again, as an InvalidArgumentError when it was one, so callers can catch it by class. */
export function deserializeError(s: SerializedError): Error {
  const error = s.fields ? new InvalidArgumentError(s.fields.argument, s.fields.value, s.fields.problem, s.fields.fix) : new Error(s.message);
  if (!s.fields) error.name = s.name;
  if (s.stack) error.stack = s.stack;
  return error;
}
