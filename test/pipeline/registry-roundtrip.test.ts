// A trained direction model goes through a real MLflow server and comes back identical: register
// it, promote it through the gates, load it by `models:/NAME@champion` into an empty folder, and
// compare its predictions from raw bars with the original's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBarsCsv } from '../../lib/data';
import { createRng } from '../../lib/util/random';
import { GruClassifier } from '../../lib/models';
import { loadPipelineConfig, pipelineParams, type PipelineConfig } from '../../lib/pipeline/config';
import {
  buildDirectionDataset, directionSplit, fitVolatility, loadDirectionModel, predictDirection, saveDirectionModel,
} from '../../lib/pipeline/direction';
import { registerAndPromote } from '../../lib/lifecycle';
import { loadModelDir } from '../../lib/tracking';
import { SP500_GZ } from '../data/fixtures';
import { useMlflowServer } from '../helpers/mlflow-server';

const server = useMlflowServer('sqlite');

describe('direction model through the MLflow registry', () => {
  it('loads back by models:/NAME@champion and predicts identically from raw bars', async () => {
    const base = loadPipelineConfig();
    const config: PipelineConfig = { ...base, model: { ...base.model, units: 4, lookback: 5, epochs: 1 } };
    const bars = readBarsCsv(SP500_GZ, { symbol: 'SP500' });
    const { artifact: volatility } = fitVolatility(bars, config);
    const dataset = buildDirectionDataset(bars, config, volatility);
    const model = new GruClassifier({ lookback: 5, features: dataset.names.length, units: 4, seed: 7 });
    model.standardizer = dataset.standardizer;
    await model.fit(dataset.train, { epochs: 1, batchSize: 64, rng: createRng(7) });

    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-roundtrip-'));
    const modelDir = path.join(work, 'model');
    saveDirectionModel(modelDir, { model, config, volatility });
    const result = await registerAndPromote(server.client, {
      experiment: 'roundtrip', params: pipelineParams(config), metrics: { holdout_f1: 0.9 }, modelDir,
      modelName: 'roundtrip-gru', gates: [{ metric: 'holdout_f1', min: 0.5 }],
    });
    expect(result.aliasSet).toBe(true);
    expect(result.promoted?.alias).toBe('champion');

    const downloaded = path.join(work, 'downloaded');
    const loaded = await loadModelDir(server.client, 'models:/roundtrip-gru@champion', downloaded);
    expect(loaded.version).toBe(result.version);
    expect(loaded.runId).toBe(result.runId);
    const fromRegistry = loadDirectionModel(downloaded);

    const split = directionSplit(bars, config);
    const range = { start: split.test.start, end: bars.time.length };
    const original = predictDirection({ model, config, volatility }, bars, range);
    const reloaded = predictDirection(fromRegistry, bars, range);
    const finite = original.filter(Number.isFinite).length;
    expect(finite).toBeGreaterThan(500);
    expect(Array.from(reloaded)).toEqual(Array.from(original));
    model.dispose();
    fromRegistry.model.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });
});
