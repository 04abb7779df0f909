// What one benchmark measures and how run.ts finds it.
export interface BenchResult {
  readonly name: string;
  /** Median wall time of our implementation, milliseconds. */
  readonly ours_ms: number;
  /** The reference implementation it is compared with, measured in the same run. */
  readonly peer: string;
  readonly peer_ms: number;
  /** ours_ms / peer_ms: below 1 means we are faster. */
  readonly ratio: number;
  readonly notes: string;
}

export interface Benchmark {
  readonly name: string;
  run(): Promise<BenchResult>;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median wall time (ms) of `repeats` timed calls of `run` after `warmup` untimed ones, and the last call's value. */
export function timeMedian<T>(warmup: number, repeats: number, run: () => T): { ms: number; out: T } {
  let out: T | undefined;
  const ms: number[] = [];
  for (let i = 0; i < warmup + repeats; i++) {
    const t0 = performance.now();
    out = run();
    if (i >= warmup) ms.push(performance.now() - t0);
  }
  return { ms: median(ms), out: out as T };
}

export function result(name: string, oursMs: number, peer: string, peerMs: number, notes: string): BenchResult {
  return { name, ours_ms: round(oursMs), peer, peer_ms: round(peerMs), ratio: round(oursMs / peerMs, 3), notes };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
