// ONNX Runtime (onnxruntime-node) behind a synchronous call. The package's public run() is async
// only because it defers its native, synchronous run to setImmediate; a model predicting inside a
// request handler or a backtest loop gains nothing from that but a turn of the event loop. The
// native session is reached through the package's binding module: everything that touches
// onnxruntime-node internals lives in this one file.
import { QuantlabError } from '../../util/errors';

interface OrtTensor { readonly data: unknown; readonly dims: readonly number[] }
type TensorConstructor = new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
interface NativeSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
  run(feeds: Record<string, OrtTensor>, fetches: Record<string, null>, options: object): Record<string, OrtTensor>;
  dispose(): void;
  readonly inputMetadata: readonly { name: string }[];
  readonly outputMetadata: readonly { name: string }[];
}
interface Runtime { Tensor: TensorConstructor; Session: new () => NativeSession }

/** onnxruntime-node could not be loaded (no binary for this platform, or a broken install). */
export class OnnxRuntimeUnavailableError extends QuantlabError {
  constructor(readonly reason: string) {
    super(`ONNX Runtime (onnxruntime-node) could not be loaded: ${reason}. Fix: run \`npm run setup\` ` +
      'to reinstall the node dependencies, or predict with the TensorFlow.js runtime (runtime: \'tfjs\')');
  }
}

let runtime: Runtime | undefined;

function load(): Runtime {
  if (runtime) return runtime;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as { Tensor: TensorConstructor };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const internal = require('onnxruntime-node/dist/binding') as { binding: { InferenceSession: new () => NativeSession }; initOrt(): void };
    internal.initOrt();
    runtime = { Tensor: ort.Tensor, Session: internal.binding.InferenceSession };
    return runtime;
  } catch (error) {
    throw new OnnxRuntimeUnavailableError(error instanceof Error ? error.message : String(error));
  }
}

export interface OnnxSessionOptions {
  /** Threads inside one operator. 1 (the default) keeps latency steady beside a server's own work. */
  readonly threads?: number;
}

/** One loaded ONNX model, run synchronously on float32 inputs. */
export class OnnxSession {
  private readonly session: NativeSession;
  private readonly Tensor: TensorConstructor;
  private disposed = false;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];

  constructor(bytes: Uint8Array, options: OnnxSessionOptions = {}) {
    const rt = load();
    this.Tensor = rt.Tensor;
    this.session = new rt.Session();
    const threads = options.threads ?? 1;
    this.session.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, {
      intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
    });
    this.inputNames = this.session.inputMetadata.map((m) => m.name);
    this.outputNames = this.session.outputMetadata.map((m) => m.name);
  }

  /** Runs the graph on one float32 input; returns the named output's values and shape. */
  run(input: string, data: Float32Array, dims: readonly number[], output: string): { data: Float32Array; dims: readonly number[] } {
    if (this.disposed) throw new QuantlabError('this ONNX session was disposed; load the model again');
    const result = this.session.run({ [input]: new this.Tensor('float32', data, dims) }, { [output]: null }, {})[output]!;
    return { data: result.data as Float32Array, dims: result.dims };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.dispose();
  }
}
