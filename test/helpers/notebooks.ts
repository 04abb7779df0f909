// Runs scripts/run_notebooks.py (the main job's notebook runner) from tests.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT, VENV_PYTHON } from './python';

export interface RunResult { code: number | null; stdout: string; stderr: string }

export function runNotebooks(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(VENV_PYTHON, [path.join(PROJECT_ROOT, 'scripts', 'run_notebooks.py'), ...args], {
      cwd: PROJECT_ROOT, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', ...env },
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

