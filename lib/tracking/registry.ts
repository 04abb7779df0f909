// Registering a trained model: one run holding its params, metrics and files, a registry version
// pointing at those files, gate results as version tags, and an alias (never the champion, which
// lib/lifecycle's promote moves) only when every gate passes.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { listLocalFiles } from './artifacts';
import type { MlflowClient, ResolvedModel } from './client';
import { evaluateGates, type Gate, type GateReport } from './gates';
import { withRun } from './runs';

export const MODEL_ARTIFACT_PATH = 'model';
export const DEFAULT_ALIAS = 'champion';
export const MLMODEL_FILE = 'MLmodel';
export const QUANTLAB_FLAVOR = 'quantlab';

export interface RegisterModelOptions {
  readonly experiment: string;
  readonly runName?: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly tags?: Readonly<Record<string, string>>;
  /** Local folder holding the model files (uploaded as artifact path `model`; never modified). */
  readonly modelDir: string;
  readonly modelName: string;
  /**
   * Alias given to the new version when every gate passes (default: none), e.g. 'challenger'.
   * 'champion' is refused: it moves only through promote (lib/lifecycle), or registerAndPromote.
   */
  readonly alias?: string;
  readonly gates: readonly Gate[];
}

export interface RegisterModelResult {
  readonly runId: string;
  readonly experimentId: string;
  readonly version: string;
  /** Whether the alias was set (an alias was asked for and every gate passed). */
  readonly aliasSet: boolean;
  readonly gates: GateReport;
}

const OPTION_KEYS = ['experiment', 'runName', 'params', 'metrics', 'tags', 'modelDir', 'modelName', 'alias', 'gates'];

function validate(options: RegisterModelOptions): void {
  rejectUnknownOptions('options', options, OPTION_KEYS);
  for (const key of ['experiment', 'modelName'] as const) {
    if (typeof options[key] !== 'string' || options[key].length === 0) throw new InvalidArgumentError(`options.${key}`, options[key], 'must be a non-empty string', 'name it');
  }
  if (options.alias !== undefined && (typeof options.alias !== 'string' || options.alias.length === 0)) {
    throw new InvalidArgumentError('options.alias', options.alias, 'must be a non-empty string', "leave it out, or pass e.g. 'challenger'");
  }
  if (options.alias === DEFAULT_ALIAS) {
    throw new InvalidArgumentError('options.alias', options.alias, 'is moved only by promote (under the lease, compared with the current champion, with a fallback and a history)',
      'leave alias out and call registerAndPromote(client, options) or promote(client, { model, version }) from quantlab');
  }
  if (!fs.existsSync(options.modelDir) || !fs.statSync(options.modelDir).isDirectory()) {
    throw new InvalidArgumentError('options.modelDir', options.modelDir, 'is not a directory', 'save the model to a folder first and pass its path');
  }
}

/**
 * The MLmodel of a folder saveModel (lib/deploy) did not write: a `quantlab` flavor listing the
 * files, no kind, so loadModel refuses it with the fix. Folders from saveModel keep their own
 * MLmodel (kind, signature, metadata), stamped by stampMlmodel.
 */
export function mlmodelYaml(runId: string, files: readonly string[], createdAt = new Date()): string {
  const q = (s: string): string => JSON.stringify(s); // JSON strings are valid YAML double-quoted scalars
  return [
    `artifact_path: ${MODEL_ARTIFACT_PATH}`,
    'flavors:',
    `  ${QUANTLAB_FLAVOR}:`,
    '    files:',
    ...files.map((f) => `    - ${q(f)}`),
    `model_uuid: ${q(crypto.randomUUID().replace(/-/g, ''))}`,
    `run_id: ${q(runId)}`,
    `utc_time_created: ${q(createdAt.toISOString().replace('T', ' ').replace('Z', ''))}`,
    '',
  ].join('\n');
}

/** `flavors.quantlab.loader` of an MLmodel written by saveModel (lib/deploy). */
export const QUANTLAB_LOADER = 'quantlab/deploy';
const DEPLOY_LOADER_LINE = new RegExp(`^ +loader: ${JSON.stringify(QUANTLAB_LOADER)}$`, 'm'); // no regex metacharacters in it

/**
 * An MLmodel written by saveModel, as logged to run `runId`: artifact_path and run_id (MLflow's
 * top-level keys, one line each) set, everything else - flavor, signature, metadata - kept.
 */
export function stampMlmodel(text: string, runId: string): string {
  const kept = text.split('\n').filter((line) => !/^(artifact_path|run_id):/.test(line));
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return [`artifact_path: ${MODEL_ARTIFACT_PATH}`, ...kept, `run_id: ${JSON.stringify(runId)}`, ''].join('\n');
}

/** The MLmodel to log for the folder: its own when saveModel wrote it, else the files-only one. */
function mlmodelFor(modelDir: string, runId: string, files: readonly string[]): string {
  const local = path.join(modelDir, MLMODEL_FILE);
  const text = fs.existsSync(local) ? fs.readFileSync(local, 'utf8') : '';
  return DEPLOY_LOADER_LINE.test(text) ? stampMlmodel(text, runId) : mlmodelYaml(runId, files);
}

export async function registerModel(client: MlflowClient, options: RegisterModelOptions): Promise<RegisterModelResult> {
  validate(options);
  const gates = evaluateGates(options.metrics, options.gates); // bad gates fail before anything is created
  const alias = options.alias;
  const { runId, experimentId, result: version } = await withRun(client, options, async (run) => {
    const id = run.info.runId;
    await client.logBatch(id, {
      params: options.params,
      metrics: Object.entries(options.metrics).map(([key, value]) => ({ key, value })),
      tags: { 'quantlab.gates_passed': String(gates.passed) },
    });
    // saveModel's MLmodel is kept (stamped with this run); any other one is replaced.
    const files = listLocalFiles(options.modelDir).filter((f) => f !== MLMODEL_FILE);
    await client.logArtifactDir(id, options.modelDir, MODEL_ARTIFACT_PATH);
    await client.logArtifactBytes(id, `${MODEL_ARTIFACT_PATH}/${MLMODEL_FILE}`, mlmodelFor(options.modelDir, id, files));
    await client.createRegisteredModel(options.modelName);
    const v = await client.createModelVersion(options.modelName, `${run.info.artifactUri}/${MODEL_ARTIFACT_PATH}`, id);
    for (const r of gates.results) {
      await client.setModelVersionTag(options.modelName, v.version, `gate.${r.metric}`, `${r.passed ? 'passed' : 'failed'}: ${r.reason}`);
    }
    await client.setModelVersionTag(options.modelName, v.version, 'gates.passed', String(gates.passed));
    if (gates.passed && alias !== undefined) await client.setAlias(options.modelName, alias, v.version);
    return v;
  });
  return { runId, experimentId, version: version.version, aliasSet: gates.passed && alias !== undefined, gates };
}

/** Downloads a registered version's files (`models:/NAME@ALIAS` or `models:/NAME/VERSION`) into localDir. */
export async function loadModelDir(client: MlflowClient, modelUri: string, localDir: string): Promise<ResolvedModel & { files: string[] }> {
  const resolved = await client.resolveModelUri(modelUri);
  const files = await client.downloadArtifacts(resolved.source, localDir);
  return { ...resolved, files };
}
