import { describe, expect, it } from 'vitest';
import { slidingWindows, windowsTensor } from '../../lib/dataset';
import { getTf } from '../../lib/util/tf';

const ROWS = 30;
const columns = [0, 1].map((f) => Float64Array.from({ length: ROWS }, (_, r) => 100 * f + r));
const labels = Float64Array.from({ length: ROWS }, (_, r) => r % 2);

describe('windowsTensor', () => {
  it('gives [samples, lookback, features] float32 tensors holding the windows, and leaks none once disposed', () => {
    const tf = getTf();
    const before = tf.memory().numTensors;
    const w = slidingWindows(columns, { lookback: 5, range: { start: 2, end: ROWS }, labels });
    const { x, y } = windowsTensor(w);
    expect(x.shape).toEqual([w.samples, 5, 2]);
    expect(x.dtype).toBe('float32');
    expect(Array.from(x.dataSync())).toEqual(Array.from(w.x));
    expect(y!.shape).toEqual([w.samples]);
    expect(Array.from(y!.dataSync())).toEqual(Array.from(w.y!));
    // x[s, k, f] as a tensor index, against the row it came from.
    const cell = x.slice([3, 4, 1], [1, 1, 1]);
    expect(cell.dataSync()[0]).toBe(100 + w.index[3]!);
    tf.dispose([x, y!, cell]);
    expect(tf.memory().numTensors).toBe(before);
    const unlabelled = windowsTensor(slidingWindows(columns, { lookback: 5, range: { start: 0, end: 10 } }));
    expect(unlabelled.y).toBeUndefined();
    unlabelled.x.dispose();
  });

  it('rejects what it cannot turn into a tensor, naming argument, value and fix', () => {
    const empty = slidingWindows(columns, { lookback: 5, range: { start: 0, end: 10 }, labels: new Float64Array(ROWS).fill(NaN) });
    expect(() => windowsTensor(empty)).toThrow('windows.samples = 0: a tensor needs at least one window. Fix: use a longer range or a shorter lookback');
    expect(() => windowsTensor({ x: new Float32Array(3) } as never)).toThrow(/windows = .*: is not the result of slidingWindows\. Fix: pass slidingWindows\(columns, \{ lookback, range, labels \}\)/);
  });
});
