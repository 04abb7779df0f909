// Synthetic GRU inputs shared with the Python peers through files, so both sides time the very
// same numbers: x.f32 (n, lookback, features) float32 little-endian, y.f32 (n) 0/1 float32.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRng, projectPath, writeFileAtomic } from 'quantlab';

export interface BenchData {
  readonly dir: string;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly samples: number;
  readonly lookback: number;
  readonly features: number;
}

/** Noise plus a label that depends on the last step, so training has something to fit. */
export function writeDataset(seed: number, samples: number, lookback: number, features: number): BenchData {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: samples * lookback * features }, () => rng.normal());
  const y = Float32Array.from({ length: samples }, (_, i) => {
    const last = (i * lookback + lookback - 1) * features;
    return x[last]! + 0.5 * x[last + 1]! + 0.5 * rng.normal() > 0 ? 1 : 0;
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-'));
  writeFileAtomic(path.join(dir, 'x.f32'), new Uint8Array(x.buffer));
  writeFileAtomic(path.join(dir, 'y.f32'), new Uint8Array(y.buffer));
  writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify({ samples, lookback, features, seed }));
  return { dir, x, y, samples, lookback, features };
}

export function removeDataset(data: BenchData): void {
  fs.rmSync(data.dir, { recursive: true, force: true });
}

/** Runs bench/peers/<script> in the project's .venv; the script prints one JSON document last. */
export function runPeer<T>(script: string, args: string[]): T {
  const python = projectPath('.venv', 'bin', 'python');
  if (!fs.existsSync(python)) throw new Error(`${python} is missing: run \`npm run setup\` to create the Python environment`);
  const out = execFileSync(python, [projectPath('bench', 'peers', script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', PYTHONWARNINGS: 'ignore' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
