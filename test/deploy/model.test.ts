// The deploy format without a tracking server: a trained direction LSTM saved as an MLflow model
// folder, loaded back and predicting bit-identically; the MLmodel read by MLflow's own Python
// client; the signature's input checks and the loader's errors, each naming argument, value, fix.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate, sliceBars, type Bars } from '../../lib/data/bars';
import {
  dataFingerprint, loadModel, loadModelByUri, ModelKindRegistry, parseYaml, readMlmodel, registerModelKind, saveModel, toYaml,
  trainDirectionLstmModel, type DeployedModel, type ModelKind,
} from '../../lib/deploy';
import { barColumns } from '../../lib/deploy/kinds/bars';
import { slidingWindows } from '../../lib/dataset/windows';
import { createFeatureRegistry } from '../../lib/pipeline/features';
import { computeFeatures, featureSetFingerprint } from '../../lib/features/registry';
import { loadDirectionLstm, predictDirectionLstm } from '../../lib/pipeline/direction-lstm';
import { MlflowClient } from '../../lib/tracking';
import { sp500Bars } from '../features/kind-contract';
import { PROJECT_ROOT, runPython } from '../helpers/python';

const SMALL = { lookback: 10, layers: [4], epochs: 1, batchSize: 128 };
let work: string;
let dir: string;
let bars: Bars;
let model: DeployedModel;

/** Bars as the JSON a client would send. */
const asJson = (b: Bars): Record<string, number[]> => Object.fromEntries(Object.entries(barColumns(b)).map(([k, v]) => [k, Array.from(v)]));

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-deploy-'));
  dir = path.join(work, 'direction-lstm');
  bars = sliceBars(sp500Bars(), 0, 700);
  model = (await trainDirectionLstmModel(bars, SMALL, dir)).model;
});

afterAll(() => {
  model?.dispose();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('saveModel / loadModel', () => {
  it('leaves a complete MLflow model folder whose reload predicts bit-identically, from raw bars or their JSON', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(['MLmodel', 'config.json', 'features.json', 'model.json', 'model.onnx', 'scaler.json']);
    const saved = readMlmodel(dir);
    expect(saved).toMatchObject({ kind: 'direction-lstm', formatVersion: 1, files: ['model.json', 'scaler.json', 'features.json', 'config.json', 'model.onnx'] });
    expect(model.runtime).toBe('onnx');
    const loaded = loadModel(dir);
    try {
      expect(loaded.signature).toEqual(model.signature);
      expect(loaded.metadata).toEqual(model.metadata);
      expect(loaded.origin.modelUuid).toBe(model.origin.modelUuid);
      const library = loadDirectionLstm(dir);
      const reference = predictDirectionLstm(library, bars);
      library.model.dispose();
      for (const input of [bars, asJson(bars)]) {
        const a = model.predict(input), b = loaded.predict(input);
        expect(b).toEqual(a);
        // ONNX Runtime and TensorFlow.js round float32 differently; the library's own path is tfjs.
        expect(Math.abs(b.probability - reference.probability)).toBeLessThan(1e-6);
        expect(b.time).toBe(bars.time[699]);
      }
    } finally {
      loaded.dispose();
    }
  });

  it("predicts on TensorFlow.js to the bit as the library's pipeline does, when asked for runtime 'tfjs'", () => {
    const loaded = loadModel(dir, { runtime: 'tfjs' });
    const library = loadDirectionLstm(dir);
    try {
      expect(loaded.runtime).toBe('tfjs');
      expect(Object.is(loaded.predict(bars).probability, predictDirectionLstm(library, bars).probability)).toBe(true);
    } finally {
      loaded.dispose();
      library.model.dispose();
    }
  });

  it("refuses an unknown runtime, naming the choices", () => {
    expect(() => loadModel(dir, { runtime: 'gpu' as never })).toThrow(/options\.runtime.*"gpu".*auto, onnx, tfjs/s);
  });

  it('records the data and feature-set fingerprints, the library version and the configuration', () => {
    const m = model.metadata;
    expect(m.dataFingerprint).toBe(dataFingerprint(barColumns(bars)));
    expect(m.dataFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(dataFingerprint(barColumns(sliceBars(bars, 0, 699)))).not.toBe(m.dataFingerprint);
    const library = loadDirectionLstm(dir);
    expect(m.featureSetFingerprint).toBe(featureSetFingerprint(library.featureSet));
    library.model.dispose();
    const version = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'lib', 'package.json'), 'utf8')) as { version: string }).version;
    expect(m).toMatchObject({ dataRows: 700, dataStart: '1999-01-04', dataEnd: isoDate(bars.time[699]!), libraryVersion: version, config: { lookback: 10, layers: [4] } });
    expect((m.config.names as string[]).length).toBeGreaterThanOrEqual(18);
  });

  it('needs exactly signature.minHistory bars', () => {
    const n = model.signature.minHistory;
    expect(n).toBeGreaterThan(SMALL.lookback);
    const tail = sliceBars(bars, 700 - n);
    expect(model.predict(tail).time).toBe(bars.time[699]);
    expect(() => model.predict(sliceBars(bars, 700 - n + 1))).toThrow(
      new RegExp(`input = "${n - 1} bars": are too few: this model needs ${n} .*Fix: send at least the last ${n} bars`));
  });

  it("writes an MLmodel that MLflow's Python client loads, and YAML that PyYAML reads as this reader does", () => {
    const text = fs.readFileSync(path.join(dir, 'MLmodel'), 'utf8');
    const tricky = { a: 1e-7, b: -2.5e21, c: 'x: "y" # z', d: [{ e: [1, [2, 3]], f: null }, true], 'g h': { i: [] as number[], j: {} }, k: 0.1 + 0.2, l: '' };
    const py = runPython<{ kind: string; inputs: string[]; outputs: string[]; minHistory: number; fingerprint: string; doc: unknown; tricky: unknown }>(`
import yaml, mlflow.models
m = mlflow.models.Model.load(inp['dir'])
print(json.dumps({
  'kind': m.flavors['quantlab']['kind'],
  'inputs': m.signature.inputs.input_names(),
  'outputs': m.signature.outputs.input_names(),
  'minHistory': yaml.safe_load(inp['text'])['signature']['min_history_bars'],
  'fingerprint': m.metadata['data_fingerprint'],
  'doc': yaml.safe_load(inp['text']),
  'tricky': yaml.safe_load(inp['tricky']),
}))`, { dir, text, tricky: toYaml(tricky) });
    expect(py.kind).toBe('direction-lstm');
    expect(py.inputs).toEqual(['time', 'open', 'high', 'low', 'close', 'volume']);
    expect(py.outputs).toEqual(['time', 'probability']);
    expect(py.minHistory).toBe(model.signature.minHistory);
    expect(py.fingerprint).toBe(model.metadata.dataFingerprint);
    expect(py.doc).toEqual(parseYaml(text));
    expect(py.tricky).toEqual(tricky);
    expect(parseYaml(toYaml(tricky))).toEqual(tricky);
  });

  it("carries the network as MLflow's onnx flavor: mlflow.onnx loads it, the onnx checker passes it, Python's onnxruntime predicts the same", () => {
    const library = loadDirectionLstm(dir);
    const lookback = library.config.lookback;
    const table = computeFeatures(bars, library.featureSet, createFeatureRegistry());
    const window = slidingWindows(library.scaler.transform(table.columns), { lookback, range: { start: 700 - lookback, end: 700 } });
    library.model.dispose();
    const py = runPython<{ flavor: Record<string, unknown>; opset: number; probability: number; shape: number[] }>(`
import numpy as np, onnx, onnxruntime as ort, mlflow.onnx, mlflow.models
flavor = mlflow.models.Model.load(inp['dir']).flavors['onnx']
proto = mlflow.onnx.load_model(inp['dir'])
onnx.checker.check_model(proto, full_check=True)
session = ort.InferenceSession(proto.SerializeToString(), providers=['CPUExecutionProvider'])
x = np.asarray(inp['x'], dtype=np.float32).reshape(1, inp['lookback'], -1)
out = session.run(['output'], {'windows': x})[0]
print(json.dumps({'flavor': flavor, 'opset': proto.opset_import[0].version, 'probability': float(out[0, 0]), 'shape': list(out.shape)}))`,
    { dir, x: Array.from(window.x), lookback });
    expect(py.flavor).toMatchObject({ data: 'model.onnx', providers: ['CPUExecutionProvider'] });
    expect(py.opset).toBe(17);
    expect(py.shape).toEqual([1, 1]);
    // Same graph, same runtime family (Python onnxruntime 1.32 vs onnxruntime-node 1.30): float32 rounding at most.
    expect(Math.abs(py.probability - model.predict(bars).probability)).toBeLessThan(1e-6);
  });
});

describe('input checks', () => {
  const json = () => asJson(sliceBars(bars, 500));
  const cases: [string, () => unknown, RegExp][] = [
    ['not an object', () => [1, 2], /^input = array of length 2: must be an object of columns \(time, open, high, low, close, volume\)\. Fix: send \{ "time": \[\.\.\.\]/],
    ['a missing column', () => { const j = json(); delete (j as Record<string, unknown>).volume; return j; }, /^input\.volume = undefined: is missing\. Fix: send every column of the signature: time, open, high, low, close, volume$/],
    ['an unknown column', () => ({ ...json(), adj_close: [1] }), /^input\.adj_close = array of length 1: is not a column of the model's signature\. Fix: send only time, open, high, low, close, volume \(and optionally symbol\)$/],
    ['a NaN sent as null', () => { const j = json(); (j.close as unknown[])[17] = null; return j; }, /^input\.close\[17\] = null: is not a finite number\. Fix: repair the series \(repairBars\) or drop the bar/],
    ['a NaN in Bars', () => { const b = sliceBars(bars, 500); const close = b.close.slice(); close[3] = NaN; return { ...b, close }; }, /^input\.close\[3\] = NaN: is not a finite number/],
    ['a non-positive price', () => { const j = json(); j.low![5] = -1; return j; }, /^input\.low\[5\] = -1: is not a positive price\. Fix: repair the series or drop the bar$/],
    ['unequal lengths', () => { const j = json(); j.open!.pop(); return j; }, /^input\.open = "199 values": differs in length from input\.time \(200\)\. Fix: send one value per bar in every column$/],
    ['time out of order', () => { const j = json(); [j.time![8], j.time![9]] = [j.time![9]!, j.time![8]!]; return j; }, /^input\.time\[9\] = \d+: is not after the previous bar \(\d{4}-\d{2}-\d{2}\)\. Fix: sort the bars by time and drop duplicates$/],
    ['a time that is not a date', () => { const j = json() as Record<string, unknown[]>; j.time![0] = 'yesterday'; return j; }, /^input\.time\[0\] = "yesterday": is not a finite number\. Fix: send epoch milliseconds \(UTC\) or ISO dates$/],
    ['a non-string symbol', () => ({ ...json(), symbol: 5 }), /^input\.symbol = 5: must be a string/],
  ];
  for (const [name, input, message] of cases) {
    it(`names argument, value and fix for ${name}`, () => {
      expect(() => model.predict(input())).toThrow(message);
    });
  }

  it('accepts ISO dates for time and gives the same prediction', () => {
    const j = json();
    const iso = { ...j, time: j.time!.map((t) => new Date(t).toISOString().slice(0, 10)) };
    expect(model.predict(iso)).toEqual(model.predict(j));
  });
});

describe('loader errors', () => {
  const copy = (name: string, edit?: (text: string) => string): string => {
    const to = path.join(work, name);
    fs.cpSync(dir, to, { recursive: true });
    if (edit) fs.writeFileSync(path.join(to, 'MLmodel'), edit(fs.readFileSync(path.join(to, 'MLmodel'), 'utf8')));
    return to;
  };

  it('names the file, the problem and the fix', () => {
    const noMlmodel = copy('no-mlmodel');
    fs.rmSync(path.join(noMlmodel, 'MLmodel'));
    expect(() => loadModel(noMlmodel)).toThrow(/file not found: .*no-mlmodel\/MLmodel\. Fix: pass a folder written by saveModel/);
    expect(() => loadModel(path.join(work, 'nowhere'))).toThrow(/^dir = ".*nowhere": is not a folder\. Fix: pass the folder saveModel wrote/);
    const legacy = copy('legacy', () => 'artifact_path: model\nflavors:\n  quantlab:\n    files:\n    - "model.json"\nrun_id: "abc"\n');
    expect(() => loadModel(legacy)).toThrow(/MLmodel: flavors\.quantlab\.kind is missing: the folder was not written by saveModel.*Fix: load the kind files with its pipeline loader/);
    const unknown = copy('unknown-kind', (t) => t.replace('kind: "direction-lstm"', 'kind: "tree-boost"'));
    expect(() => loadModel(unknown)).toThrow(/flavors\.quantlab\.kind = "tree-boost": is not a registered model kind\. Fix: use one of direction-gru, direction-lstm, pairs-gru, or registerModelKind\(\) it first/);
    const future = copy('future', (t) => t.replace('format_version: 1', 'format_version: 2'));
    expect(() => loadModel(future)).toThrow(/was saved with format 2 of kind direction-lstm; this library reads format 1\. Fix: use the library version the model was saved with/);
    const missing = copy('missing-file');
    fs.rmSync(path.join(missing, 'scaler.json'));
    expect(() => loadModel(missing)).toThrow(/file not found: .*scaler\.json\. Fix: download the whole model folder/);
    const badYaml = copy('bad-yaml', (t) => t.replace('metadata:', 'metadata:\n\tx: 1'));
    expect(() => loadModel(badYaml)).toThrow(/MLmodel:\d+: is indented with a tab\. Fix: indent YAML with spaces/);
    const signature = copy('signature', (t) => t.replace('"name\\":\\"volume\\"', '"name\\":\\"vol\\"'));
    expect(() => loadModel(signature)).toThrow(/signature\.inputs is .*vol.*, but the direction-lstm files take .*Fix: save the model again/);
  });

  it('refuses bad URIs and a download folder that is not empty, before any request', async () => {
    const client = new MlflowClient({ trackingUri: 'http://127.0.0.1:1' }); // never reached: checks come first
    await expect(loadModelByUri(client, 'direction-lstm@champion')).rejects.toThrow(/^uri = "direction-lstm@champion": is not a models:\/ URI or a runs:\/ URI with the model path\. Fix: use 'models:\/NAME@ALIAS'/);
    await expect(loadModelByUri(client, 'runs:/abc123')).rejects.toThrow(/runs:\/RUN_ID\/model/);
    await expect(loadModelByUri(client, 'models:/m@champion', { dir })).rejects.toThrow(/^options\.dir = ".*": is not empty \(files of another model could mix in\)\. Fix: pass a new or empty folder/);
    await expect(loadModelByUri(client, 'models:/m@champion', { folder: 'x' } as never)).rejects.toThrow(/options\.folder = "x": is not a known option/);
  });

  it('rejects a disposed model', () => {
    const loaded = loadModel(dir);
    loaded.dispose();
    loaded.dispose(); // idempotent
    expect(() => loaded.predict(bars)).toThrow(/^model = "direction-lstm [0-9a-f]+": was disposed\. Fix: load the model again$/);
    expect(() => saveModel(path.join(work, 'x'), loaded)).toThrow(/model = "direction-lstm": was disposed/);
  });
});

describe('registerModelKind', () => {
  it('plugs a new kind into loadModel, and refuses a duplicate or a malformed one', () => {
    // A toy kind: probability = the last close's share of the window's range; it has no files.
    const toy: ModelKind = {
      kind: 'toy-range', formatVersion: 1, description: 'position of the last close in the range',
      load: () => ({
        inputs: [{ name: 'time', type: 'long', check: 'increasing' }, { name: 'close', type: 'double', check: 'positive' }],
        predict: ({ rows, columns }) => {
          const c = columns.close!;
          const lo = Math.min(...c), hi = Math.max(...c);
          return { time: columns.time![rows - 1]!, probability: (c[rows - 1]! - lo) / (hi - lo) };
        },
        writeFiles: () => [],
        dispose: () => undefined,
      }),
    };
    const kinds = new ModelKindRegistry();
    registerModelKind(toy, kinds);
    const toyDir = path.join(work, 'toy');
    fs.mkdirSync(toyDir);
    const meta = { ...model.metadata, config: {} };
    const text = fs.readFileSync(path.join(dir, 'MLmodel'), 'utf8');
    const doc = parseYaml(text) as Record<string, any>;
    doc.flavors.quantlab = { files: [], format_version: 1, kind: 'toy-range', loader: 'quantlab/deploy' };
    doc.signature.inputs = JSON.stringify([{ type: 'long', name: 'time', required: true }, { type: 'double', name: 'close', required: true }]);
    doc.signature.min_history_bars = 3;
    doc.metadata.config = meta.config;
    fs.writeFileSync(path.join(toyDir, 'MLmodel'), toYaml(doc));
    const loaded = loadModel(toyDir, { kinds });
    expect(loaded.kind).toBe('toy-range');
    expect(loaded.predict({ time: [1, 2, 3], close: [10, 20, 15] })).toEqual({ time: 3, probability: 0.5 });
    expect(() => loaded.predict({ time: [1, 2], close: [10, 20] })).toThrow(/input = "2 bars": are too few: this model needs 3/);
    expect(() => loadModel(toyDir)).toThrow(/"toy-range": is not a registered model kind/);
    expect(() => registerModelKind(toy, kinds)).toThrow(/kind\.kind = "toy-range": is already registered\. Fix: give the new kind another name/);
    expect(() => registerModelKind({ ...toy, kind: 'Bad Name' }, kinds)).toThrow(/kind\.kind = "Bad Name": must be a lower-case name/);
  });
});
