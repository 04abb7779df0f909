// Weight layouts: tfjs-layers (and Keras) keep a GRU as kernel [F, 3H], recurrentKernel [H, 3H],
// bias [3H] with gate blocks update (z), reset (r), candidate (h); TensorFlow's GRUBlockCell takes
// the input and recurrent rows stacked and the reset block before the update block. LSTMs share
// gate order i, f, c, o on both sides, so only the rows are stacked. Pure copies, row-major.

/** A recurrent layer's weights in the tfjs-layers layout, row-major. */
export interface LayersRnnWeights {
  readonly kernel: Float32Array;
  readonly recurrentKernel: Float32Array;
  readonly bias: Float32Array;
}

/** Fused weights: stacked [kernel; recurrentKernel] rows (w) and the bias (b), row-major. */
export interface FusedArrays {
  readonly w: Float32Array;
  readonly b: Float32Array;
}

/** Row r of the stacked [kernel; recurrentKernel] matrix, 3H or 4H wide. */
function stackedRow(weights: LayersRnnWeights, features: number, width: number, row: number): Float32Array {
  return row < features
    ? weights.kernel.subarray(row * width, (row + 1) * width)
    : weights.recurrentKernel.subarray((row - features) * width, (row - features + 1) * width);
}

/** Column blocks z, r, h (tfjs-layers) to r, u(=z), c (GRUBlockCell), rows stacked. */
export function gruLayersToFused(weights: LayersRnnWeights, features: number, units: number): FusedArrays {
  const h = units, rows = features + units, width = 3 * h;
  const w = new Float32Array(rows * width);
  for (let row = 0; row < rows; row++) {
    const src = stackedRow(weights, features, width, row);
    w.set(src.subarray(h, 2 * h), row * width);
    w.set(src.subarray(0, h), row * width + h);
    w.set(src.subarray(2 * h, 3 * h), row * width + 2 * h);
  }
  return { w, b: swapFirstBlocks(weights.bias, h) };
}

export function gruFusedToLayers(fused: FusedArrays, features: number, units: number): LayersRnnWeights {
  const h = units, width = 3 * h;
  const w = new Float32Array(fused.w.length);
  for (let row = 0; row < features + units; row++) w.set(swapFirstBlocks(fused.w.subarray(row * width, (row + 1) * width), h), row * width);
  return { kernel: w.slice(0, features * width), recurrentKernel: w.slice(features * width), bias: swapFirstBlocks(fused.b, h) };
}

/** [a, b, c] -> [b, a, c] for blocks of `size`: the z/r swap is its own inverse. */
function swapFirstBlocks(v: Float32Array, size: number): Float32Array {
  const out = v.slice();
  out.set(v.subarray(size, 2 * size), 0);
  out.set(v.subarray(0, size), size);
  return out;
}

export function lstmLayersToFused(weights: LayersRnnWeights, features: number, units: number): FusedArrays {
  const w = new Float32Array((features + units) * 4 * units);
  w.set(weights.kernel, 0);
  w.set(weights.recurrentKernel, features * 4 * units);
  return { w, b: weights.bias.slice() };
}

export function lstmFusedToLayers(fused: FusedArrays, features: number, units: number): LayersRnnWeights {
  const split = features * 4 * units;
  return { kernel: fused.w.slice(0, split), recurrentKernel: fused.w.slice(split), bias: fused.b.slice() };
}
