// The LSTM direction model on the S&P 500 sample, small enough for a unit test: the registry's
// features, purged walk-forward folds, the LSTM and three baselines on the same rows.
import { describe, expect, it } from 'vitest';
import { featureSetFromJSON } from '../../lib/features/registry';
import { evaluateDirectionLstm } from '../../lib/pipeline/direction-lstm';
import { createFeatureRegistry } from '../../lib/pipeline/features';
import { sp500Bars } from '../features/kind-contract';

describe('evaluateDirectionLstm', () => {
  it('scores a stacked LSTM and the baselines on the same purged folds from a JSON feature set', async () => {
    const e = await evaluateDirectionLstm(sp500Bars(), { lookback: 10, layers: [8, 4], epochs: 1, trainSize: 1500, testSize: 1500, batchSize: 128 });
    expect(e.folds.length).toBe(2);
    for (const f of e.folds) expect(f.train.end + e.label.horizon).toBeLessThanOrEqual(f.test.start);
    expect(e.table.map((r) => r.model)).toEqual(['LSTM 8x4, lookback 10', 'majority class', '5-day momentum rule (Platt)', 'logistic regression, same features']);
    expect(new Set(e.table.map((r) => r.samples)).size).toBe(1);
    expect(e.names.length).toBeGreaterThanOrEqual(25);
    expect(featureSetFromJSON(JSON.parse(JSON.stringify(e.featureSet)), createFeatureRegistry())).toEqual(e.featureSet);
    expect(e.history.map((h) => h.length)).toEqual([1, 1]);
  }, 120_000);

  it('rejects unknown configuration keys', async () => {
    await expect(evaluateDirectionLstm(sp500Bars(), { units: 8 } as never)).rejects.toThrow(/config\.units = 8: is not a known option/);
  });
});
