// Saving a deployed model as an MLflow model folder, and loading one back from a folder or from a
// tracking server by URI (a registry alias or version, or a run's artifact path) into a fresh
// folder: nothing but the files travels, so what loads on another machine predicts the same.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MlflowClient } from '../tracking/client';
import { MLMODEL_FILE } from '../tracking/registry';
import { DataFormatError, InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { writeFileAtomic } from '../util/project';
import { deployedModel, type DeployedModel, type ModelOrigin } from './deployed';
import { defaultModelKinds, type ModelKindRegistry } from './kinds';
import { mlmodelText, readMlmodel } from './mlmodel';
import { checkRuntime, type RuntimeChoice } from './network';
import { mlflowSchemaJson } from './signature';

export interface SavedModel {
  readonly dir: string;
  /** Every file of the folder: the kind's files, then MLmodel. */
  readonly files: readonly string[];
}

/** Writes the kind's files and the MLmodel into `dir` (created if needed); registerModel takes the folder as it is. */
export function saveModel(dir: string, model: DeployedModel): SavedModel {
  if (typeof dir !== 'string' || dir.length === 0) throw new InvalidArgumentError('dir', dir, 'must be a folder path', 'pass e.g. artifactsPath(config, "direction-lstm")');
  if (!model || typeof model.writeFiles !== 'function' || typeof model.kind !== 'string') {
    throw new InvalidArgumentError('model', model, 'is not a DeployedModel', 'build one with directionLstmModel, pairsGruModel, directionGruModel or loadModel');
  }
  if (model.disposed) throw new InvalidArgumentError('model', model.kind, 'was disposed', 'save it before disposing it');
  fs.mkdirSync(dir, { recursive: true });
  const files = model.writeFiles(dir);
  writeFileAtomic(path.join(dir, MLMODEL_FILE), mlmodelText(model, files));
  return { dir, files: [...files, MLMODEL_FILE] };
}

export interface LoadModelOptions {
  /** Kinds to load from (default: the built-in kinds plus any registerModelKind added). */
  readonly kinds?: ModelKindRegistry;
  /** What runs the network: 'auto' (default: ONNX Runtime where the kind exports to it), 'onnx' or 'tfjs'. */
  readonly runtime?: RuntimeChoice;
}

function loadFrom(dir: string, kinds: ModelKindRegistry, runtime: RuntimeChoice, origin: Partial<ModelOrigin>, cleanupDir?: string): DeployedModel {
  const saved = readMlmodel(dir);
  const kind = kinds.get(saved.kind, `${path.join(dir, MLMODEL_FILE)}: flavors.quantlab.kind`);
  if (saved.formatVersion !== kind.formatVersion) {
    throw new DataFormatError(path.join(dir, MLMODEL_FILE), undefined,
      `was saved with format ${saved.formatVersion} of kind ${kind.kind}; this library reads format ${kind.formatVersion}`,
      'use the library version the model was saved with (metadata.library_version), or retrain and save it again');
  }
  const core = kind.load(dir, saved.metadata, { runtime });
  try {
    const expected = mlflowSchemaJson(core.inputs);
    if (saved.inputsJson !== expected) {
      throw new DataFormatError(path.join(dir, MLMODEL_FILE), undefined, `signature.inputs is ${saved.inputsJson}, but the ${kind.kind} files take ${expected}`, 'save the model again with saveModel');
    }
    return deployedModel(core, {
      kind: kind.kind, formatVersion: kind.formatVersion, minHistory: saved.minHistory, metadata: saved.metadata,
      origin: { modelUuid: saved.modelUuid, createdAt: saved.createdAt, ...(saved.runId ? { runId: saved.runId } : {}), dir, ...origin },
      ...(cleanupDir ? { cleanupDir } : {}),
    });
  } catch (error) {
    core.dispose();
    throw error;
  }
}

/** Loads a model folder written by saveModel (or downloaded from a tracking server). */
export function loadModel(dir: string, options: LoadModelOptions = {}): DeployedModel {
  rejectUnknownOptions('options', options, ['kinds', 'runtime']);
  const runtime = checkRuntime('options.runtime', options.runtime);
  if (typeof dir !== 'string' || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new InvalidArgumentError('dir', dir, 'is not a folder', 'pass the folder saveModel wrote, or use loadModelByUri for a registered version');
  }
  return loadFrom(dir, options.kinds ?? defaultModelKinds(), runtime, {});
}

export interface LoadModelByUriOptions extends LoadModelOptions {
  /** Empty (or absent) folder to download into; default a new temporary folder, removed by dispose(). */
  readonly dir?: string;
}

const URI_FIX = "use 'models:/NAME@ALIAS', 'models:/NAME/VERSION' or 'runs:/RUN_ID/model'";

/**
 * Downloads a model from the tracking server and loads it: `models:/NAME@champion`,
 * `models:/NAME/3` (the prediction then carries the version) or `runs:/RUN_ID/model`.
 */
export async function loadModelByUri(client: MlflowClient, uri: string, options: LoadModelByUriOptions = {}): Promise<DeployedModel> {
  rejectUnknownOptions('options', options, ['kinds', 'dir', 'runtime']);
  const runtime = checkRuntime('options.runtime', options.runtime);
  if (typeof uri !== 'string' || !/^(models:\/|runs:\/+[^/]+\/.)/.test(uri)) throw new InvalidArgumentError('uri', uri, 'is not a models:/ URI or a runs:/ URI with the model path', URI_FIX);
  if (options.dir !== undefined && fs.existsSync(options.dir) && fs.readdirSync(options.dir).length > 0) {
    throw new InvalidArgumentError('options.dir', options.dir, 'is not empty (files of another model could mix in)', 'pass a new or empty folder, or leave dir out for a temporary one');
  }
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-model-'));
  const temporary = options.dir === undefined;
  try {
    let origin: Partial<ModelOrigin> = { uri };
    if (uri.startsWith('models:')) {
      const resolved = await client.resolveModelUri(uri);
      await client.downloadArtifacts(resolved.source, dir);
      origin = { uri, name: resolved.name, version: resolved.version, ...(resolved.runId ? { runId: resolved.runId } : {}) };
    } else {
      await client.downloadArtifacts(uri, dir);
    }
    return loadFrom(dir, options.kinds ?? defaultModelKinds(), runtime, origin, temporary ? dir : undefined);
  } catch (error) {
    if (temporary) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
