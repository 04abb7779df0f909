// The promise to script users: GJR-GARCH(1,1,1) with Student-t errors in three lines, from plain
// Node requiring the built package by name (as a script outside the notebooks would).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/python';
import { SP500_GZ } from '../data/fixtures';

const SCRIPT = `
const { readBarsCsv, logReturns, archModel, garch, studentT } = require('quantlab');
const returns = logReturns(readBarsCsv(process.argv[1], { symbol: 'SP500' }).close).slice(1).map((r) => 100 * r);
// --- the three lines ---
const model = archModel(returns, { volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() });
const fit = model.fit();
console.log(fit.summary());
`;

describe('fitting from a script', () => {
  it('fits GJR-GARCH(1,1,1) with Student-t errors in three lines and prints a summary', () => {
    const r = spawnSync(process.execPath, ['-e', SCRIPT, SP500_GZ], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    for (const name of ['mu', 'omega', 'alpha[1]', 'gamma[1]', 'beta[1]', 'nu']) expect(r.stdout).toContain(name);
    expect(r.stdout).toMatch(/Log-Likelihood/i);
  });
});
