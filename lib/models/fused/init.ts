// Seeded initial weights as Keras draws them for recurrent layers: Glorot-uniform kernel,
// orthogonal recurrent kernel, zero bias (plus ones on the LSTM forget gate, Keras'
// unit_forget_bias). Drawn from our Rng so a seed gives the same weights on every platform.
import type { Rng } from '../../util/random';

/** Uniform on +-sqrt(6 / (fanIn + fanOut)), row-major [fanIn, fanOut]. */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.uniform() - 1) * limit);
}

/**
 * A [rows, cols] matrix with orthonormal rows (rows <= cols) or columns (rows > cols): the Q of
 * a standard-normal matrix's QR decomposition with R's diagonal made positive, as Keras does.
 * Modified Gram-Schmidt yields that positive-diagonal Q directly.
 */
export function orthogonal(rows: number, cols: number, rng: Rng): Float32Array {
  // Orthonormalise the vectors of the shorter side: n vectors of length m.
  const n = Math.min(rows, cols), m = Math.max(rows, cols);
  const v = Array.from({ length: n }, () => Float64Array.from({ length: m }, () => rng.normal()));
  for (let i = 0; i < n; i++) {
    const vi = v[i]!;
    for (let j = 0; j < i; j++) {
      const vj = v[j]!;
      let dot = 0;
      for (let k = 0; k < m; k++) dot += vi[k]! * vj[k]!;
      for (let k = 0; k < m; k++) vi[k] = vi[k]! - dot * vj[k]!;
    }
    let norm = 0;
    for (let k = 0; k < m; k++) norm += vi[k]! * vi[k]!;
    norm = Math.sqrt(norm);
    for (let k = 0; k < m; k++) vi[k] = vi[k]! / norm;
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      // Vector i is row i when rows <= cols, else column i.
      if (rows <= cols) out[i * cols + k] = v[i]![k]!;
      else out[k * cols + i] = v[i]![k]!;
    }
  }
  return out;
}
