// Every model kind through a real MLflow server: trained tiny, saved as an MLflow model folder,
// registered, then loaded by URI into a new temporary folder (nothing shared with the trained
// model but the server's files) and predicting bit-identically from the same raw input, and
// identically to the library's own prediction path.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBarsCsv } from '../../lib/data';
import { rowsBetween, sliceBars, type Bars } from '../../lib/data/bars';
import { readClosePanelCsv, type ClosePanel } from '../../lib/data/panel';
import { slidingWindows } from '../../lib/dataset/windows';
import {
  dataFingerprint, directionGruModel, loadModelByUri, pairColumns, pairsFeatureColumns, saveModel, specFingerprint,
  trainDirectionLstmModel, trainPairsGruModel, type DeployedModel,
} from '../../lib/deploy';
import { barColumns } from '../../lib/deploy/kinds/bars';
import { GruClassifier } from '../../lib/models';
import { loadPipelineConfig, type PipelineConfig } from '../../lib/pipeline/config';
import { buildDirectionDataset, fitVolatility, predictDirection } from '../../lib/pipeline/direction';
import { createFeatureRegistry } from '../../lib/pipeline/features';
import { buildPairsDataset, type PairsDataset } from '../../lib/pipeline/pairs';
import { loadPairsModel } from '../../lib/pipeline/pairs-model';
import { registerAndPromote } from '../../lib/lifecycle';
import type { RegisterModelResult } from '../../lib/tracking';
import { createRng } from '../../lib/util/random';
import { SP500_GZ, STOCKS20_GZ } from '../data/fixtures';
import { sp500Bars } from '../features/kind-contract';
import { useMlflowServer } from '../helpers/mlflow-server';

const server = useMlflowServer('sqlite');
let work: string;
const owned: DeployedModel[] = [];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-deploy-roundtrip-'));
});
afterAll(() => {
  for (const m of owned) m.dispose();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const keep = <T extends DeployedModel>(m: T): T => (owned.push(m), m);

async function register(modelDir: string, modelName: string): Promise<RegisterModelResult> {
  const r = await registerAndPromote(server.client, {
    experiment: 'deploy-roundtrip', params: {}, metrics: { f1: 0.6 }, modelDir, modelName, gates: [{ metric: 'f1', min: 0.5 }],
  });
  expect(r.aliasSet).toBe(true);
  expect(r.promoted?.version).toBe(r.version);
  return r;
}

/** Loads by URI into a folder of its own that did not exist before (another "machine"). */
async function fromRegistry(uri: string): Promise<DeployedModel> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-elsewhere-')), 'model');
  try {
    return keep(await loadModelByUri(server.client, uri, { dir }));
  } finally {
    // The loaded model holds everything in memory; its folder can go.
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

function expectSamePredictions(a: DeployedModel, b: DeployedModel, inputs: readonly unknown[]): void {
  for (const input of inputs) {
    const pa = a.predict(input), pb = b.predict(input);
    expect(pb.time).toBe(pa.time);
    expect(Object.is(pb.probability, pa.probability)).toBe(true);
  }
}

describe('direction-lstm', () => {
  it('registers, loads by alias, version and run URI elsewhere, and predicts bit-identically', async () => {
    const bars = sliceBars(sp500Bars(), 0, 900);
    const dir = path.join(work, 'lstm');
    const trained = keep((await trainDirectionLstmModel(bars, { lookback: 10, layers: [6], epochs: 1, batchSize: 128 }, dir)).model);
    const r = await register(dir, 'deploy-lstm');
    const byAlias = await fromRegistry('models:/deploy-lstm@champion');
    expect(byAlias.origin).toMatchObject({ name: 'deploy-lstm', version: r.version, runId: r.runId, modelUuid: trained.origin.modelUuid });
    expect(byAlias.metadata).toEqual(trained.metadata);
    expect(byAlias.signature).toEqual(trained.signature);
    const later = sliceBars(sp500Bars(), 2000, 2400); // bars the model never saw
    const inputs = [bars, sliceBars(bars, 900 - trained.signature.minHistory), later];
    expectSamePredictions(trained, byAlias, inputs);
    expect(byAlias.predict(later).version).toBe(r.version);
    expect(trained.predict(later).version).toBeUndefined();
    expectSamePredictions(trained, await fromRegistry(`models:/deploy-lstm/${r.version}`), inputs);
    const byRun = await fromRegistry(`runs:/${r.runId}/model`);
    expectSamePredictions(trained, byRun, inputs);
    expect(byRun.origin.runId).toBe(r.runId);
    expect(byRun.version).toBeUndefined();
  });

  it('logs the MLmodel stamped with the run, keeping kind, signature and metadata', async () => {
    const r = (await server.client.resolveModelUri('models:/deploy-lstm@champion'));
    const dest = path.join(work, 'mlmodel-only');
    await server.client.downloadArtifacts(`runs:/${r.runId}/model/MLmodel`, dest);
    const text = fs.readFileSync(path.join(dest, 'MLmodel'), 'utf8');
    expect(text.startsWith('artifact_path: model\n')).toBe(true);
    expect(text).toContain(`run_id: "${r.runId}"`);
    expect(text).toContain('kind: "direction-lstm"');
    expect(text.match(/^run_id:/gm)).toHaveLength(1);
    expect(text).toContain(`data_fingerprint: "${dataFingerprint(barColumns(sliceBars(sp500Bars(), 0, 900)))}"`);
  });
});

describe('pairs-gru', () => {
  let panel: ClosePanel;
  let data: PairsDataset;

  beforeAll(() => {
    const full = readClosePanelCsv(STOCKS20_GZ);
    const { start, end } = rowsBetween(full.time, '2009-01-01', '2019-12-31');
    panel = { time: full.time.subarray(start, end), symbols: full.symbols, close: full.close.map((c) => c.subarray(start, end)) };
    data = buildPairsDataset(panel, { formation: { from: '2012-01-01', to: '2015-12-31' }, pair: { y: 'BAC', x: 'JNJ' } });
  });

  it('recomputes the training features exactly from the two legs\' closes and the saved spec', () => {
    const legs = pairColumns(panel, data.spec);
    const { names, columns } = pairsFeatureColumns(data.spec, legs.time!, legs.BAC!, legs.JNJ!, createFeatureRegistry());
    expect(names).toEqual(data.names);
    columns.forEach((c, f) => expect(Array.from(c), names[f]).toEqual(Array.from(data.columns[f]!)));
  });

  it("loads by alias elsewhere and predicts, from the legs' closes, what the trained network gives on the dataset's last window", async () => {
    const dir = path.join(work, 'pairs');
    const trained = keep((await trainPairsGruModel(panel, data, { units: 6, epochs: 1, batchSize: 128 }, dir)).model);
    expect(trained.signature.inputs.map((c) => c.name)).toEqual(['time', 'BAC', 'JNJ']);
    expect(trained.metadata.featureSetFingerprint).toBe(specFingerprint(JSON.parse(JSON.stringify(data.spec))));
    const r = await register(dir, 'deploy-pairs');
    const loaded = await fromRegistry('models:/deploy-pairs@champion');
    const legs = pairColumns(panel, data.spec);
    const input = { time: Array.from(legs.time!), BAC: Array.from(legs.BAC!), JNJ: Array.from(legs.JNJ!) };
    const n = data.time.length;
    const library = loadPairsModel(dir);
    const windows = slidingWindows(library.scaler.transform(data.columns), { lookback: library.config.lookback, range: { start: n - library.config.lookback, end: n } });
    const own = library.model.predict(windows.x)[0]!;
    library.model.dispose();
    const p = loaded.predict(input);
    expect(p).toEqual({ time: data.time[n - 1], probability: own, version: r.version });
    const tail = (k: number) => ({ time: input.time.slice(-k), BAC: input.BAC.slice(-k), JNJ: input.JNJ.slice(-k) });
    expectSamePredictions(trained, loaded, [input, tail(300), tail(trained.signature.minHistory)]);
    expect(() => loaded.predict({ time: input.time, y: input.BAC, x: input.JNJ })).toThrow(/^input\.y = array of length \d+: is not a column of the model's signature\. Fix: send only time, BAC, JNJ/);
  });
});

describe('direction-gru (the skeleton)', () => {
  it('wraps a trained skeleton model, registers it, and predicts elsewhere what predictDirection gives', async () => {
    const base = loadPipelineConfig();
    const config: PipelineConfig = { ...base, model: { ...base.model, units: 4, lookback: 5, epochs: 1 } };
    const bars: Bars = sliceBars(readBarsCsv(SP500_GZ, { symbol: 'SP500' }), 0, 1500);
    const { artifact: volatility } = fitVolatility(bars, config);
    const dataset = buildDirectionDataset(bars, config, volatility);
    const gru = new GruClassifier({ lookback: 5, features: dataset.names.length, units: 4, seed: 7 });
    gru.standardizer = dataset.standardizer;
    await gru.fit(dataset.train, { epochs: 1, batchSize: 64, rng: createRng(7) });
    const bundle = { model: gru, config, volatility };
    // The library's path for the last bar alone (one window, as the deployed model runs it) ...
    const own = predictDirection(bundle, bars, { start: 1495, end: 1500 })[1499]!;
    // ... and over the whole series: TensorFlow's float32 kernels round differently with the batch size.
    expect(Math.abs(predictDirection(bundle, bars)[1499]! - own)).toBeLessThan(1e-6);
    const trained = keep(directionGruModel(bundle, bars));
    const dir = path.join(work, 'skeleton');
    expect(saveModel(dir, trained).files).toEqual(['model.json', 'weights.bin', 'pipeline.json', 'volatility.json', 'MLmodel']);
    const r = await register(dir, 'deploy-skeleton');
    const loaded = await fromRegistry('models:/deploy-skeleton@champion');
    expect(loaded.predict(bars)).toEqual({ time: bars.time[1499], probability: own, version: r.version });
    expectSamePredictions(trained, loaded, [bars, sliceBars(bars, 1500 - trained.signature.minHistory)]);
    expect(() => loaded.predict(sliceBars(bars, 1501 - trained.signature.minHistory))).toThrow(/are too few/);
  });
});
