// One place decides which TensorFlow.js backend the library runs on. The native binding
// (tfjs-node, built by `npm run setup` against the tensorflow-cpu wheel) is ~20x faster than the
// pure-JS backend for recurrent models, so a fallback is announced once, loudly, never silent.
import type * as TfNode from '@tensorflow/tfjs-node';

export type Tf = typeof TfNode;

export interface BackendInfo {
  /** tfjs backend name: 'tensorflow' for the native binding, 'cpu' for pure JS. */
  readonly backend: string;
  readonly native: boolean;
  /** Why the native backend is not in use, when it is not. */
  readonly reason?: string;
}

let loaded: { tf: Tf; info: BackendInfo } | undefined;

/** Loads TensorFlow.js once: the native backend when it can, else pure JS with a warning. */
export function getTf(): Tf {
  return load().tf;
}

export function backendInfo(): BackendInfo {
  return load().info;
}

function load(): { tf: Tf; info: BackendInfo } {
  if (loaded) return loaded;
  // TensorFlow's C++ logging writes start-up notices to stderr; they are not errors.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  const forcePureJs = process.env.QUANTLAB_TF_BACKEND === 'cpu';
  if (!forcePureJs) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tf = require('@tensorflow/tfjs-node') as Tf;
      loaded = { tf, info: { backend: tf.getBackend(), native: tf.getBackend() === 'tensorflow' } };
      return loaded;
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0] ?? String(error);
      loaded = loadPureJs(reason);
      process.emitWarning(
        `quantlab: the native TensorFlow backend could not be loaded (${reason}); running on the ` +
          'pure-JS CPU backend, about 20x slower for recurrent models. Fix: run `npm run setup` ' +
          '(it builds the tfjs-node binding from the tensorflow-cpu wheel in .venv).',
        { code: 'QUANTLAB_TF_FALLBACK' },
      );
      return loaded;
    }
  }
  loaded = loadPureJs('QUANTLAB_TF_BACKEND=cpu');
  return loaded;
}

function loadPureJs(reason: string): { tf: Tf; info: BackendInfo } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tf = require('@tensorflow/tfjs') as Tf;
  void tf.setBackend('cpu');
  return { tf, info: { backend: 'cpu', native: false, reason } };
}
