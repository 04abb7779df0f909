// The GARCH-GRU pairs evaluation on the real 20-stock universe, small enough for a unit test:
// purged walk-forward folds, the GRU and three baselines scored on exactly the same rows, and the
// whole evaluation reproducible from its seed.
import { beforeAll, describe, expect, it } from 'vitest';
import { readClosePanelCsv } from '../../lib/data/panel';
import { rowsBetween } from '../../lib/data/bars';
import { buildPairsDataset, type PairsDataset } from '../../lib/pipeline/pairs';
import { evaluatePairsGru } from '../../lib/pipeline/pairs-model';
import { STOCKS20_GZ } from '../data/fixtures';

const SMALL = { units: 8, epochs: 2, trainSize: 1500, testSize: 1200, batchSize: 64 };
let data: PairsDataset;

beforeAll(() => {
  const full = readClosePanelCsv(STOCKS20_GZ);
  const { start } = rowsBetween(full.time, '2005-01-01', '2022-12-31');
  const panel = { time: full.time.subarray(start), symbols: full.symbols, close: full.close.map((c) => c.subarray(start)) };
  data = buildPairsDataset(panel, { formation: { from: '2012-01-01', to: '2015-12-31' }, pair: { y: 'BAC', x: 'JNJ' } });
});

describe('evaluatePairsGru', () => {
  it('scores the GRU and the baselines on the same purged folds, reproducibly', async () => {
    const a = await evaluatePairsGru(data, SMALL);
    expect(a.folds.length).toBeGreaterThanOrEqual(2);
    for (const f of a.folds) expect(f.train.end + data.label.horizon).toBeLessThanOrEqual(f.test.start);
    expect(a.table.map((r) => r.model)).toEqual(['GRU (GARCH + spread features)', 'majority class', '|z| threshold rule (Platt)', 'logistic regression, same features']);
    const samples = new Set(a.table.map((r) => r.samples));
    expect(samples.size).toBe(1); // every model is scored on the same rows
    expect(a.history.length).toBe(a.folds.length);
    expect(a.history[0]!.length).toBe(2);
    for (const r of a.table) {
      expect(r.f1).toBeGreaterThanOrEqual(0);
      expect(r.f1).toBeLessThanOrEqual(1);
    }
    const b = await evaluatePairsGru(data, SMALL);
    expect(Array.from(b.gru.predictions.yProb)).toEqual(Array.from(a.gru.predictions.yProb));
  }, 120_000);

  it('rejects unknown configuration keys', async () => {
    await expect(evaluatePairsGru(data, { unit: 8 } as never)).rejects.toThrow(/config\.unit = 8: is not a known option/);
  });
});
