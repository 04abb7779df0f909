// The README's "Data and features" snippet, run as a plain Node script against the built package:
// validate against the NYSE calendar, compute the default feature set, stream the same bars.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/python';
import { SP500_GZ } from '../data/fixtures';

const SCRIPT = `
const q = require('quantlab');
const bars = q.readBarsCsv(process.argv[1], { symbol: 'SPX', timezone: 'America/New_York' });
const report = q.validateBars(bars, { calendar: q.nyse, strict: true });
const registry = q.createFeatureRegistry();
const set = q.defaultFeatureSet(registry);
const table = q.computeFeatures(bars, set, registry);
const live = new q.FeatureStreamer(set, registry);
let row;
for (let t = 0; t < bars.time.length; t++) {
  row = live.update({ time: bars.time[t], open: bars.open[t], high: bars.high[t], low: bars.low[t], close: bars.close[t], volume: bars.volume[t] });
}
const last = table.columns.map((c) => c[c.length - 1]);
console.log(JSON.stringify({ ok: report.ok, features: set.features.length, columns: table.names.length,
  same: last.every((v, j) => Object.is(v, row[j])) }));
`;

describe('data and features from a script', () => {
  it('validates, computes the default set and streams the same last row', () => {
    const r = spawnSync(process.execPath, ['-e', SCRIPT, SP500_GZ], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ ok: true, features: 45, columns: 76, same: true });
  });
});
