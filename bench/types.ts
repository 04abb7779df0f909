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

export function result(name: string, oursMs: number, peer: string, peerMs: number, notes: string): BenchResult {
  return { name, ours_ms: round(oursMs), peer, peer_ms: round(peerMs), ratio: round(oursMs / peerMs, 3), notes };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
