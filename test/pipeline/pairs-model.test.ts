// The GARCH-GRU pairs evaluation on the real 20-stock universe, small enough for a unit test:
// purged walk-forward folds, the GRU and three baselines scored on exactly the same rows, and the
// whole evaluation reproducible from its seed.
import { beforeAll, describe, expect, it } from 'vitest';
import { readClosePanelCsv } from '../../lib/data/panel';
import { rowsBetween } from '../../lib/data/bars';
import { buildPairsDataset, type PairsDataset } from '../../lib/pipeline/pairs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { slidingWindows } from '../../lib/dataset/windows';
import { evaluatePairsGru, loadPairsModel, trainPairsModel } from '../../lib/pipeline/pairs-model';
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

  it('trains the deployable model on every labelled row, saves it as JSON and loads it back reproducibly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-pairs-model-'));
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-pairs-model-'));
    try {
      const saved = await trainPairsModel(data, SMALL, dir);
      await trainPairsModel(data, SMALL, again);
      expect(saved.rows.end).toBe(data.time.length);
      for (const file of saved.files) {
        expect(fs.readFileSync(path.join(again, file), 'utf8'), file).toBe(fs.readFileSync(path.join(dir, file), 'utf8'));
      }
      const loaded = loadPairsModel(dir);
      expect(loaded.spec).toEqual(JSON.parse(JSON.stringify(data.spec)));
      expect(loaded.config.names).toEqual(data.names);
      const windows = slidingWindows(loaded.scaler.transform(data.columns), { lookback: loaded.config.lookback, range: { start: data.time.length - 50, end: data.time.length } });
      const p = loaded.model.predict(windows.x);
      expect(p.length).toBe(windows.samples);
      expect(Array.from(p).every((v) => v > 0 && v < 1)).toBe(true);
      loaded.model.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(again, { recursive: true, force: true });
    }
  }, 60_000);
});
