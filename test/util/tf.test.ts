// The library in plain Node, as a script would use it: the native TensorFlow backend when the
// binding is built, and a pure-JS fallback that announces itself once when it is not.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/python';

const SCRIPT = `
const q = require('quantlab');
const tf = q.getTf();
q.getTf();
const y = tf.tidy(() => tf.tensor1d([1, 2, 3]).square().sum().dataSync()[0]);
console.log(JSON.stringify({ info: q.backendInfo(), y }));
`;

function runNode(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [...args, '-e', SCRIPT], {
    cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('TensorFlow backend', () => {
  it('is the native binding when the library is required in plain Node', () => {
    const r = runNode([]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out.info).toEqual({ backend: 'tensorflow', native: true });
    expect(out.y).toBe(14);
    expect(r.stderr).not.toContain('QUANTLAB_TF_FALLBACK');
  });

  it('falls back to pure JS when the binding cannot load, says so once with the fix, and still computes', () => {
    const r = runNode(['-r', path.join(PROJECT_ROOT, 'test/helpers/fixtures/no-native-tf.cjs')]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out.info.native).toBe(false);
    expect(out.info.backend).toBe('cpu');
    expect(out.info.reason).toContain('simulated');
    expect(out.y).toBe(14);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('native TensorFlow backend could not be loaded'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('npm run setup');
  });
});
