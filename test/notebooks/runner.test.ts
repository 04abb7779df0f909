// The notebook runner must fail loudly: a cell that throws, or one that writes to stderr, stops
// the run with a non-zero exit, and no report is left for that notebook as if it had succeeded.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebooks } from '../helpers/notebooks';

function notebook(cells: string[]): string {
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    cells: cells.map((source, i) => ({ id: `c${i}`, cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source })),
  });
}

function workspace(notebooks: Record<string, string[]>): { dir: string; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-runner-'));
  for (const [name, cells] of Object.entries(notebooks)) fs.writeFileSync(path.join(dir, name), notebook(cells));
  return { dir, out: path.join(dir, 'reports') };
}

describe('run_notebooks.py', () => {
  it('stops at a failing cell, names it, keeps the failed notebook and writes no report for it or later ones', async () => {
    const { dir, out } = workspace({
      '00_ok.ipynb': ['const a: number = 1 + 1;\nconsole.log(a);'],
      '01_bad.ipynb': ['console.log("before");', 'throw new Error("deliberate failure in cell 1");'],
      '02_after.ipynb': ['console.log("never runs");'],
    });
    const run = await runNotebooks(['--notebooks', dir, '--out', out], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('FAILED 01_bad.ipynb');
    expect(run.stderr).toContain('deliberate failure in cell 1');
    expect(fs.existsSync(path.join(out, '00_ok.html'))).toBe(true);
    expect(fs.existsSync(path.join(out, '01_bad.html'))).toBe(false);
    expect(fs.existsSync(path.join(out, '01_bad.failed.ipynb'))).toBe(true);
    expect(fs.existsSync(path.join(out, '02_after.html'))).toBe(false);
  });

  it('treats output on stderr as a failure', async () => {
    const { dir, out } = workspace({ '00_warns.ipynb': ['console.error("something went wrong quietly");'] });
    const run = await runNotebooks(['--notebooks', dir, '--out', out], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('wrote to stderr: something went wrong quietly');
    expect(fs.existsSync(path.join(out, '00_warns.html'))).toBe(false);
  });

  it('removes reports of an earlier run before starting, so none is stale', async () => {
    const { dir, out } = workspace({ '00_bad.ipynb': ['throw new Error("x");'] });
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, '00_bad.html'), 'from an earlier, successful run');
    const run = await runNotebooks(['--notebooks', dir, '--out', out], {});
    expect(run.code).toBe(1);
    expect(fs.existsSync(path.join(out, '00_bad.html'))).toBe(false);
  });
});
