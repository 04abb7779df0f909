// Direct calls into the native TensorFlow runtime behind tfjs-node: the fused recurrent kernels
// (GRUBlockCell, BlockLSTMV2 and their gradients) have no tfjs op, and calling plain kernels by
// name skips the tfjs engine's per-op bookkeeping, which costs about as much as the kernel itself
// at these sizes. Everything that touches tfjs-node internals lives in this one file.
import type { Tensor } from '@tensorflow/tfjs-node';
import { QuantlabError } from '../../util/errors';
import { backendInfo, getTf } from '../../util/tf';

/** The fused layers need the native backend: the pure-JS backend has none of these kernels. */
export class NativeBackendRequiredError extends QuantlabError {
  constructor(readonly backend: string, readonly reason: string | undefined) {
    super(
      `the fused recurrent layers run TensorFlow kernels by name and need the native backend, but the ` +
        `active tfjs backend is "${backend}"${reason ? ` (${reason})` : ''}. Fix: run \`npm run setup\` to ` +
        'build the tfjs-node binding, or use the tfjs-layers GRU/LSTM on this backend',
    );
  }
}

interface OpAttr { name: string; type: number; value: boolean | number | string | number[] }
interface Binding {
  executeOp(name: string, attrs: OpAttr[], inputIds: number[], numOutputs: number): unknown[];
  createTensor(shape: number[], dtype: number, values: Int32Array): number;
  deleteTensor(id: number): void;
  TF_FLOAT: number; TF_INT32: number; TF_INT64: number;
  TF_ATTR_TYPE: number; TF_ATTR_FLOAT: number; TF_ATTR_BOOL: number; TF_ATTR_INT: number;
}
// The parts of tfjs-node's NodeJSKernelBackend used here; two of them are private in its typings.
interface NativeBackend {
  binding: Binding;
  getInputTensorIds(tensors: Tensor[]): number[];
  createOutputTensor(metadata: unknown): Tensor;
}

let cached: { backend: NativeBackend; floatType: OpAttr; int32Index: OpAttr } | undefined;

function native(): NonNullable<typeof cached> {
  if (cached) return cached;
  const info = backendInfo();
  const backend = getTf().backend() as unknown as NativeBackend;
  if (!info.native || typeof backend.getInputTensorIds !== 'function' || typeof backend.createOutputTensor !== 'function') {
    throw new NativeBackendRequiredError(info.backend, info.reason);
  }
  const b = backend.binding;
  cached = {
    backend,
    floatType: { name: 'T', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT },
    int32Index: { name: 'Tidx', type: b.TF_ATTR_TYPE, value: b.TF_INT32 },
  };
  return cached;
}

/** Throws NativeBackendRequiredError unless the native backend is active. */
export function requireNativeBackend(): void {
  native();
}

/**
 * Whether the tfjs engine is recording a gradient tape right now (inside tf.grad, variableGrads,
 * optimizer.minimize). When it is not, no gradient can ever reach an op's inputs through its
 * output, so the fused layers skip the tensors their backward pass would need.
 */
export function isRecordingGradients(): boolean {
  const engine = getTf().engine() as unknown as { isTapeOn?: () => boolean };
  // An engine without the method is a tfjs this code does not know: take the path that always works.
  return typeof engine.isTapeOn === 'function' ? engine.isTapeOn() : true;
}

/** Frees tensors the caller created and no longer needs, ahead of the enclosing tidy. */
export function dispose(tensors: readonly (Tensor | undefined)[]): void {
  for (const t of tensors) t?.dispose();
}

/**
 * Runs one TensorFlow kernel. `int64Scalar`, when given, is prepended as an int64 scalar input
 * (BlockLSTM's seq_len_max); its handle is freed here, which tfjs-node's Int64Scalar never does.
 */
function execute(name: string, attrs: OpAttr[], inputs: Tensor[], numOutputs: number, int64Scalar?: number): Tensor[] {
  const { backend } = native();
  const ids = backend.getInputTensorIds(inputs);
  let scalarId: number | undefined;
  if (int64Scalar !== undefined) {
    scalarId = backend.binding.createTensor([], backend.binding.TF_INT64, new Int32Array([int64Scalar, 0]));
    ids.unshift(scalarId);
  }
  try {
    return backend.binding.executeOp(name, attrs, ids, numOutputs).map((m) => backend.createOutputTensor(m));
  } finally {
    if (scalarId !== undefined) backend.binding.deleteTensor(scalarId);
  }
}

const one = (name: string, attrs: OpAttr[], inputs: Tensor[]): Tensor => execute(name, attrs, inputs, 1)[0]!;

export function matMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  const { backend, floatType } = native();
  const bool = backend.binding.TF_ATTR_BOOL;
  return one('MatMul', [{ name: 'transpose_a', type: bool, value: transposeA }, { name: 'transpose_b', type: bool, value: transposeB }, floatType], [a, b]);
}

export function add(a: Tensor, b: Tensor): Tensor {
  return one('AddV2', [native().floatType], [a, b]);
}

export function mul(a: Tensor, b: Tensor): Tensor {
  return one('Mul', [native().floatType], [a, b]);
}

/** Concatenates float tensors along `axis` in one kernel call. */
export function concat(tensors: Tensor[], axis: number): Tensor {
  if (tensors.length === 1) return tensors[0]!.clone();
  const { backend, floatType, int32Index } = native();
  const axisTensor = getTf().scalar(axis, 'int32');
  const attrs = [{ name: 'N', type: backend.binding.TF_ATTR_INT, value: tensors.length }, floatType, int32Index];
  const out = one('ConcatV2', attrs, [...tensors, axisTensor]);
  axisTensor.dispose();
  return out;
}

/** Splits x along `axis` into its slices, one kernel call. */
export function unstack(x: Tensor, axis: number): Tensor[] {
  const { backend, floatType } = native();
  const num = x.shape[axis]!;
  const attrs = [{ name: 'num', type: backend.binding.TF_ATTR_INT, value: num }, floatType, { name: 'axis', type: backend.binding.TF_ATTR_INT, value: axis }];
  return execute('Unpack', attrs, [x], num);
}

/** Stacks same-shaped tensors along a new `axis`, one kernel call. */
export function stack(tensors: Tensor[], axis: number): Tensor {
  const { backend, floatType } = native();
  const attrs = [{ name: 'N', type: backend.binding.TF_ATTR_INT, value: tensors.length }, floatType, { name: 'axis', type: backend.binding.TF_ATTR_INT, value: axis }];
  return one('Pack', attrs, tensors);
}

/** Column sums of a matrix: the bias gradient. */
export function sumRows(x: Tensor): Tensor {
  const { backend, floatType, int32Index } = native();
  const axis = getTf().scalar(0, 'int32');
  const out = one('Sum', [{ name: 'keep_dims', type: backend.binding.TF_ATTR_BOOL, value: false }, floatType, int32Index], [x, axis]);
  axis.dispose();
  return out;
}

/** TensorFlow's GRUBlockCell: one step; returns [r, u, c, h]. */
export function gruBlockCell(x: Tensor, hPrev: Tensor, wRu: Tensor, wC: Tensor, bRu: Tensor, bC: Tensor): Tensor[] {
  return execute('GRUBlockCell', [native().floatType], [x, hPrev, wRu, wC, bRu, bC], 4);
}

/** GRUBlockCellGrad: returns [dX, dHPrev, dCBar, dRBarUBar] (the last two are pre-activation gate gradients). */
export function gruBlockCellGrad(x: Tensor, hPrev: Tensor, wRu: Tensor, wC: Tensor, bRu: Tensor, bC: Tensor, r: Tensor, u: Tensor, c: Tensor, dH: Tensor): Tensor[] {
  return execute('GRUBlockCellGrad', [native().floatType], [x, hPrev, wRu, wC, bRu, bC, r, u, c, dH], 4);
}

/**
 * BlockLSTMV2 over a whole [time, batch, features] sequence, gate order i, f, c, o (the Keras and
 * tfjs-layers order; V1 uses i, c, f, o), no peepholes, no cell clipping.
 * Returns [i, cs, f, o, ci, co, h], each [time, batch, units].
 */
export function blockLstm(x: Tensor, csPrev: Tensor, hPrev: Tensor, w: Tensor, b: Tensor, peephole: Tensor): Tensor[] {
  const { backend, floatType } = native();
  const attrs = [
    { name: 'cell_clip', type: backend.binding.TF_ATTR_FLOAT, value: 0 },
    { name: 'use_peephole', type: backend.binding.TF_ATTR_BOOL, value: false },
    floatType,
  ];
  return execute('BlockLSTMV2', attrs, [x, csPrev, hPrev, w, peephole, peephole, peephole, b], 7, x.shape[0]);
}

/** BlockLSTMGradV2; returns [dX, dCsPrev, dHPrev, dW, dWci, dWcf, dWco, dB]. */
export function blockLstmGrad(x: Tensor, csPrev: Tensor, hPrev: Tensor, w: Tensor, b: Tensor, peephole: Tensor, forward: Tensor[], dCs: Tensor, dH: Tensor): Tensor[] {
  const { backend, floatType } = native();
  const attrs = [{ name: 'use_peephole', type: backend.binding.TF_ATTR_BOOL, value: false }, floatType];
  return execute('BlockLSTMGradV2', attrs, [x, csPrev, hPrev, w, peephole, peephole, peephole, b, ...forward, dCs, dH], 8, x.shape[0]);
}

/** The last entry along axis 0 of a rank-3 tensor: [a, b, c] -> [b, c]. */
export function lastOfLeadingAxis(x: Tensor): Tensor {
  const { backend, floatType } = native();
  const tf = getTf();
  const [a, b, c] = x.shape as [number, number, number];
  const begin = tf.tensor1d([a - 1, 0, 0], 'int32'), size = tf.tensor1d([1, b, c], 'int32');
  const index = { name: 'Index', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_INT32 };
  const sliced = one('Slice', [floatType, index], [x, begin, size]);
  begin.dispose(); size.dispose();
  const shape = tf.tensor1d([b, c], 'int32');
  const out = one('Reshape', [floatType, { name: 'Tshape', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_INT32 }], [sliced, shape]);
  shape.dispose(); sliced.dispose();
  return out;
}

/** Splits x along `axis` into `parts` equal pieces, one kernel call. */
export function split(x: Tensor, parts: number, axis: number): Tensor[] {
  const { backend, floatType } = native();
  const axisTensor = getTf().scalar(axis, 'int32');
  const out = execute('Split', [{ name: 'num_split', type: backend.binding.TF_ATTR_INT, value: parts }, floatType], [axisTensor, x], parts);
  axisTensor.dispose();
  return out;
}

/** Swaps the first two axes of a rank-3 tensor: [a, b, c] -> [b, a, c]. */
export function swapLeadingAxes(x: Tensor): Tensor {
  const { floatType, backend } = native();
  const perm = getTf().tensor1d([1, 0, 2], 'int32');
  const out = one('Transpose', [floatType, { name: 'Tperm', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_INT32 }], [x, perm]);
  perm.dispose();
  return out;
}

/** Splits x along `axis` into pieces of the given sizes, one kernel call. */
export function splitSizes(x: Tensor, sizes: number[], axis: number): Tensor[] {
  const { backend, floatType } = native();
  const tf = getTf();
  const sizeTensor = tf.tensor1d(sizes, 'int32'), axisTensor = tf.scalar(axis, 'int32');
  const b = backend.binding;
  const attrs = [{ name: 'num_split', type: b.TF_ATTR_INT, value: sizes.length }, floatType, { name: 'Tlen', type: b.TF_ATTR_TYPE, value: b.TF_INT32 }];
  const out = execute('SplitV', attrs, [x, sizeTensor, axisTensor], sizes.length);
  sizeTensor.dispose(); axisTensor.dispose();
  return out;
}

export function square(x: Tensor): Tensor {
  return one('Square', [native().floatType], [x]);
}

export function sqrt(x: Tensor): Tensor {
  return one('Sqrt', [native().floatType], [x]);
}

/** a / b, the kernel tfjs's div runs for float tensors. */
export function realDiv(a: Tensor, b: Tensor): Tensor {
  return one('RealDiv', [native().floatType], [a, b]);
}

/** Reshapes x to the shape held in the int32 tensor `shape` (no copy). */
export function reshape(x: Tensor, shape: Tensor): Tensor {
  const { backend, floatType } = native();
  return one('Reshape', [floatType, { name: 'Tshape', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_INT32 }], [x, shape]);
}

export function sigmoid(x: Tensor): Tensor {
  return one('Sigmoid', [native().floatType], [x]);
}
