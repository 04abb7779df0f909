// The LSTM direction model on the S&P 500 sample, small enough for a unit test: the registry's
// features, purged walk-forward folds, the LSTM and three baselines on the same rows.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../../lib/data/bars';
import { featureSetFromJSON } from '../../lib/features/registry';
import { evaluateDirectionLstm, loadDirectionLstm, predictDirectionLstm, trainDirectionLstm } from '../../lib/pipeline/direction-lstm';
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

describe('trainDirectionLstm / loadDirectionLstm / predictDirectionLstm', () => {
  const SMALL = { lookback: 10, layers: [8], epochs: 1, batchSize: 128 };

  it('saves a model that, loaded elsewhere, predicts from raw bars exactly as the trained files say, reproducibly', async () => {
    const bars = sliceBars(sp500Bars(), 0, 1200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-direction-'));
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-direction-'));
    try {
      const saved = await trainDirectionLstm(bars, SMALL, dir);
      await trainDirectionLstm(bars, SMALL, again);
      for (const file of saved.files) expect(fs.readFileSync(path.join(again, file), 'utf8'), file).toBe(fs.readFileSync(path.join(dir, file), 'utf8'));
      const loaded = loadDirectionLstm(dir);
      expect(loaded.config.lookback).toBe(10);
      expect(loaded.config.names.length).toBeGreaterThanOrEqual(25);
      // Raw bars in, one probability out; the last bar's prediction does not depend on bars after it.
      const full = predictDirectionLstm(loaded, bars);
      const cut = predictDirectionLstm(loaded, sliceBars(bars, 0, 1000));
      const longer = predictDirectionLstm(loaded, sliceBars(sp500Bars(), 0, 1000));
      expect(full.time).toBe(bars.time[1199]);
      expect(full.probability).toBeGreaterThan(0);
      expect(full.probability).toBeLessThan(1);
      expect(longer).toEqual(cut);
      expect(() => predictDirectionLstm(loaded, sliceBars(bars, 0, 20))).toThrow(/bars = "20 bars": are too few.*pass at least \d+ bars/);
      loaded.model.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(again, { recursive: true, force: true });
    }
  }, 120_000);
});
