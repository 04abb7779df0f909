// The MLmodel file of a deployable model folder, in MLflow's layout: a `quantlab` flavor naming
// the kind, its file-format version, the loader and the files; MLflow's column signature (plus
// the minimum history, a key MLflow ignores); and `metadata` with the data and feature
// fingerprints, the library version and the training configuration. MLflow's Python client reads
// it (mlflow.models.Model.load); registerModel adds run_id and artifact_path when it logs it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MLMODEL_FILE, QUANTLAB_FLAVOR, QUANTLAB_LOADER } from '../tracking/registry';
import { DataFormatError, FileNotFoundError } from '../util/errors';
import type { DeployedModel } from './deployed';
import type { ModelMetadata } from './metadata';
import { ONNX_FILE } from './network';
import { mlflowSchemaJson } from './signature';

// The onnx package version whose schema the files follow (IR 8, opset 17), as MLflow records it.
const ONNX_VERSION = '1.14.0';
import { parseYaml, toYaml, type YamlValue } from './yaml';

/** `flavors.quantlab.loader`: who can load the folder (registerModel recognises saveModel's MLmodel by it). */
export { QUANTLAB_LOADER };

/** The parts of an MLmodel file that loadModel uses. */
export interface SavedMlmodel {
  readonly kind: string;
  readonly formatVersion: number;
  readonly files: readonly string[];
  readonly inputsJson: string;
  readonly minHistory: number;
  readonly metadata: ModelMetadata;
  readonly modelUuid: string;
  readonly createdAt: string;
  readonly runId?: string;
  readonly artifactPath?: string;
}

/** The MLmodel document of `model` whose kind files are `files`. */
export function mlmodelDocument(model: DeployedModel, files: readonly string[]): { [key: string]: YamlValue } {
  const m = model.metadata;
  const flavors: Doc = { [QUANTLAB_FLAVOR]: { files: [...files], format_version: model.formatVersion, kind: model.kind, loader: QUANTLAB_LOADER } };
  // The network alone, for tools outside this library (mlflow.onnx.load_model, onnxruntime): its
  // input is the scaled feature windows, not the raw bars the quantlab flavor takes.
  if (files.includes(ONNX_FILE)) flavors.onnx = { data: ONNX_FILE, onnx_version: ONNX_VERSION, providers: ['CPUExecutionProvider'] };
  return {
    flavors,
    metadata: {
      config: m.config as { [key: string]: YamlValue },
      data_end: m.dataEnd, data_fingerprint: m.dataFingerprint, data_rows: m.dataRows, data_start: m.dataStart,
      feature_set_fingerprint: m.featureSetFingerprint, library_version: m.libraryVersion,
    },
    model_uuid: model.origin.modelUuid,
    signature: {
      inputs: mlflowSchemaJson(model.signature.inputs),
      min_history_bars: model.signature.minHistory,
      outputs: mlflowSchemaJson(model.signature.outputs),
    },
    utc_time_created: model.origin.createdAt,
  };
}

export function mlmodelText(model: DeployedModel, files: readonly string[]): string {
  return toYaml(mlmodelDocument(model, files));
}

type Doc = Record<string, YamlValue>;
const isMap = (v: YamlValue | undefined): v is Doc => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

/** Reads and checks `dir/MLmodel`: a quantlab flavor with a kind, the signature, the metadata, the files present. */
export function readMlmodel(dir: string): SavedMlmodel {
  const file = path.join(dir, MLMODEL_FILE);
  if (!fs.existsSync(file)) throw new FileNotFoundError(file, 'pass a folder written by saveModel, or load a registered version with loadModelByUri');
  const doc = parseYaml(fs.readFileSync(file, 'utf8'), file);
  const bad = (field: string, problem: string, fix = 'save the model again with saveModel(dir, model)'): never => {
    throw new DataFormatError(file, undefined, `${field} ${problem}`, fix);
  };
  if (!isMap(doc)) return bad('the document', 'is not a mapping');
  const flavor = isMap(doc.flavors) ? doc.flavors[QUANTLAB_FLAVOR] : undefined;
  if (!isMap(flavor) || typeof flavor.kind !== 'string') {
    return bad(`flavors.${QUANTLAB_FLAVOR}.kind`, 'is missing: the folder was not written by saveModel (a model registered before the deploy format, or another flavor)',
      'load the kind files with its pipeline loader, wrap them (e.g. directionLstmModel) and saveModel them, then register that folder');
  }
  if (flavor.loader !== QUANTLAB_LOADER) bad(`flavors.${QUANTLAB_FLAVOR}.loader`, `is ${JSON.stringify(flavor.loader)}, not ${JSON.stringify(QUANTLAB_LOADER)}`);
  if (!Number.isInteger(flavor.format_version)) bad(`flavors.${QUANTLAB_FLAVOR}.format_version`, 'is not an integer');
  const files = flavor.files;
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) return bad(`flavors.${QUANTLAB_FLAVOR}.files`, 'is not a list of file names');
  for (const f of files as string[]) {
    if (!fs.existsSync(path.join(dir, f))) throw new FileNotFoundError(path.join(dir, f), 'download the whole model folder (every file the MLmodel lists)');
  }
  const sig = doc.signature;
  if (!isMap(sig) || typeof sig.inputs !== 'string') return bad('signature.inputs', 'is missing');
  if (!Number.isInteger(sig.min_history_bars) || (sig.min_history_bars as number) < 1) bad('signature.min_history_bars', 'is not a positive integer');
  const meta = doc.metadata;
  if (!isMap(meta)) return bad('metadata', 'is missing');
  for (const key of ['data_fingerprint', 'data_start', 'data_end', 'feature_set_fingerprint', 'library_version']) {
    if (typeof meta[key] !== 'string') bad(`metadata.${key}`, 'is missing or not a string');
  }
  if (!Number.isInteger(meta.data_rows)) bad('metadata.data_rows', 'is not an integer');
  if (!isMap(meta.config)) bad('metadata.config', 'is not a mapping');
  if (typeof doc.model_uuid !== 'string') bad('model_uuid', 'is missing');
  return {
    kind: flavor.kind,
    formatVersion: flavor.format_version as number,
    files: files as string[],
    inputsJson: sig.inputs,
    minHistory: sig.min_history_bars as number,
    metadata: {
      dataFingerprint: meta.data_fingerprint as string, dataRows: meta.data_rows as number,
      dataStart: meta.data_start as string, dataEnd: meta.data_end as string,
      featureSetFingerprint: meta.feature_set_fingerprint as string, libraryVersion: meta.library_version as string,
      config: meta.config as Record<string, unknown>,
    },
    modelUuid: doc.model_uuid as string,
    createdAt: typeof doc.utc_time_created === 'string' ? doc.utc_time_created : '',
    ...(typeof doc.run_id === 'string' ? { runId: doc.run_id } : {}),
    ...(typeof doc.artifact_path === 'string' ? { artifactPath: doc.artifact_path } : {}),
  };
}
