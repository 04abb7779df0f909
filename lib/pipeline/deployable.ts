// A trained sequence model as plain JSON files in one folder: the network, the scaler fitted on the
// same rows, the feature specification that rebuilds its inputs from raw data, and the
// configuration. Both pipelines (pairs GRU, direction LSTM) train, save and load through here, so
// a registered version of either is rebuilt the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RowRange } from '../dataset/check';
import type { Label } from '../dataset/labels';
import { StandardScaler } from '../dataset/scalers';
import { slidingWindows } from '../dataset/windows';
import { SequenceModel, type SequenceModelOptions } from '../models/sequence';
import { fitSequenceModel } from '../models/train';
import { readJsonFile, writeFileAtomic } from '../util/project';
import { createRng } from '../util/random';
import { firstScoredRow } from './sequence-folds';

export const SEQUENCE_MODEL_FILES = { model: 'model.json', scaler: 'scaler.json', spec: 'features.json', config: 'config.json' } as const;

export interface TrainDeployableOptions {
  readonly columns: readonly Float64Array[];
  readonly label: Label;
  readonly lookback: number;
  /** Everything but lookback and features, which come from the data. */
  readonly model: Omit<SequenceModelOptions, 'lookback' | 'features'>;
  readonly train: { readonly epochs: number; readonly batchSize: number; readonly learningRate: number };
  /** The network is initialised from seed and shuffled from seed + 1000 (as fold 0 of the walk-forward). */
  readonly seed: number;
  /** Whatever rebuilds the input columns from raw data (a feature set's JSON, a pair's spec). */
  readonly spec: unknown;
  /** Saved as config.json next to the column names. */
  readonly config: object;
  readonly names: readonly string[];
  readonly dir: string;
}

export interface DeployableModel<Spec, Config> {
  readonly model: SequenceModel;
  readonly scaler: StandardScaler;
  readonly spec: Spec;
  readonly config: Config & { names: string[] };
}

/**
 * Trains once on every row with a full window and a known label (the deployable model is fitted
 * on all the history its evaluation scored), and writes the four files to `dir`.
 */
export async function trainDeployable(o: TrainDeployableOptions): Promise<{ rows: RowRange; files: string[] }> {
  const rows = { start: firstScoredRow(o.columns, o.lookback), end: o.columns[0]!.length };
  const scaler = StandardScaler.fit(o.columns, rows);
  const windows = slidingWindows(scaler.transform(o.columns), { lookback: o.lookback, range: rows, labels: o.label });
  const model = new SequenceModel({ ...o.model, lookback: o.lookback, features: o.columns.length }, createRng(o.seed));
  try {
    await fitSequenceModel(model, { train: { x: windows.x, y: windows.y! } }, { ...o.train, rng: createRng(o.seed + 1000) });
    const files = saveDeployable(o.dir, { model, scaler, spec: o.spec, config: { ...o.config, names: [...o.names] } });
    return { rows, files };
  } finally {
    model.dispose();
  }
}

/** Writes the four files of a deployable model to `dir` (created if needed); returns their names. */
export function saveDeployable(dir: string, m: DeployableModel<unknown, object>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: [string, unknown][] = [
    [SEQUENCE_MODEL_FILES.model, m.model.toJSON()], [SEQUENCE_MODEL_FILES.scaler, m.scaler.toJSON()],
    [SEQUENCE_MODEL_FILES.spec, m.spec], [SEQUENCE_MODEL_FILES.config, m.config],
  ];
  for (const [name, value] of files) writeFileAtomic(path.join(dir, name), JSON.stringify(value) + '\n');
  return files.map(([name]) => name);
}

/** Rebuilds the network and scaler written by trainDeployable; the caller owns (disposes) the model. */
export function loadDeployable<Spec, Config>(dir: string, writer = 'trainDeployable'): DeployableModel<Spec, Config> {
  const read = <T>(name: string): T => readJsonFile<T>(path.join(dir, name), writer);
  return {
    model: SequenceModel.fromJSON(read(SEQUENCE_MODEL_FILES.model)),
    scaler: StandardScaler.fromJSON(read(SEQUENCE_MODEL_FILES.scaler)),
    spec: read(SEQUENCE_MODEL_FILES.spec),
    config: read(SEQUENCE_MODEL_FILES.config),
  };
}
