// Runs a snippet in the project's Python environment (.venv) to compute reference values with the
// reference libraries (arch, statsmodels, scikit-learn). The snippet reads JSON from stdin as
// `inp` and must print one JSON document.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const VENV_PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');

export function runPython<T = unknown>(code: string, input: unknown = null): T {
  if (!fs.existsSync(VENV_PYTHON)) {
    throw new Error(`${VENV_PYTHON} is missing: run \`npm run setup\` to create the project's Python environment`);
  }
  const prelude = 'import json, sys\ninp = json.loads(sys.stdin.read())\n';
  const out = execFileSync(VENV_PYTHON, ['-c', prelude + code], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', PYTHONWARNINGS: 'ignore' },
  });
  return JSON.parse(out) as T;
}
