// Entry point of an objective worker thread (started by parallel.ts): loads the objective
// module once, then runs one trial per 'run' message with a Trial whose host is the study in
// the main thread, reached by synchronous calls.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { InvalidArgumentError } from '../util/errors';
import type { ParamValue } from './distributions';
import { Trial, type TrialHost } from './trial';
import { deserializeError, serializeError, type FromWorker, type ObjectiveWorkerData, type RpcRequest, type RpcResponse, type ToWorker } from './worker-protocol';

const data = workerData as ObjectiveWorkerData;
const flag = new Int32Array(data.flag);
const post = (message: FromWorker): void => parentPort!.postMessage(message);

function call(request: RpcRequest): unknown {
  Atomics.store(flag, 0, 0);
  data.rpcPort.postMessage(request);
  Atomics.wait(flag, 0, 0);
  const received = receiveMessageOnPort(data.rpcPort);
  if (!received) throw new Error(`no answer from the study to ${request.method}`);
  const response = received.message as RpcResponse;
  if (!response.ok) throw deserializeError(response.error);
  return response.result;
}

const host: TrialHost = {
  suggest: (number, name, distribution) => call({ method: 'suggest', number, name, distribution }) as ParamValue,
  report: (number, value, step) => void call({ method: 'report', number, value, step }),
  shouldPrune: (number) => call({ method: 'shouldPrune', number }) as boolean,
  params: (number) => call({ method: 'params', number }) as Record<string, ParamValue>,
};

function load(): ((trial: Trial) => unknown) | undefined {
  try {
    const objective = require(data.objectivePath)[data.exportName];
    if (typeof objective !== 'function') {
      throw new InvalidArgumentError('objective.exportName', data.exportName, `is not a function exported by ${data.objectivePath}`, 'export the objective function under that name');
    }
    post({ type: 'ready' });
    return objective;
  } catch (error) {
    post({ type: 'load-error', error: serializeError(error) });
    return undefined;
  }
}

const objective = load();
if (objective) {
  parentPort!.on('message', async (message: ToWorker) => {
    try {
      const value = await objective(new Trial(message.number, host));
      post({ type: 'result', number: message.number, outcome: { kind: 'value', value: value == null || ['number', 'string', 'boolean'].includes(typeof value) ? value : String(value) } });
    } catch (error) {
      const pruned = error instanceof Error && error.name === 'TrialPruned';
      post({ type: 'result', number: message.number, outcome: pruned ? { kind: 'pruned' } : { kind: 'failed', error: serializeError(error) } });
    }
  });
}
