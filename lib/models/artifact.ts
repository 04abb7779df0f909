// On-disk form of a model: model.json (plain JSON config + weight specs) beside weights.bin (raw
// little-endian float32, tfjs weight-manifest layout). weights.bin is written first and both
// atomically, so a model.json on disk always has its complete weights next to it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataFormatError, FileNotFoundError } from '../util/errors';
import { writeFileAtomic } from '../util/project';

export interface WeightSpec {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32';
}

export interface ModelArtifact<C> {
  /** Plain JSON: everything needed to rebuild the model except the weight values. */
  readonly config: C;
  readonly weightSpecs: WeightSpec[];
  readonly weightData: Uint8Array;
}

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

export function writeArtifact<C>(dir: string, artifact: ModelArtifact<C>): void {
  writeFileAtomic(path.join(dir, WEIGHTS_FILE), artifact.weightData);
  const manifest = { config: artifact.config, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifact.weightSpecs }] };
  writeFileAtomic(path.join(dir, MODEL_FILE), JSON.stringify(manifest, null, 2) + '\n');
}

export function readArtifact<C>(dir: string): ModelArtifact<C> {
  const modelFile = path.join(dir, MODEL_FILE);
  const weightsFile = path.join(dir, WEIGHTS_FILE);
  if (!fs.existsSync(modelFile)) throw new FileNotFoundError(modelFile, 'pass the folder a model was saved to with model.save(dir)');
  if (!fs.existsSync(weightsFile)) throw new FileNotFoundError(weightsFile, `keep ${WEIGHTS_FILE} beside ${MODEL_FILE}`);
  let manifest: { config?: C; weightsManifest?: { weights?: WeightSpec[] }[] };
  try {
    manifest = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
  } catch (error) {
    throw new DataFormatError(modelFile, undefined, `is not valid JSON (${(error as Error).message})`, 'save the model again');
  }
  const weightSpecs = manifest.weightsManifest?.[0]?.weights;
  if (manifest.config == null || !Array.isArray(weightSpecs)) {
    throw new DataFormatError(modelFile, undefined, 'lacks config or weightsManifest[0].weights', 'save the model again with model.save(dir)');
  }
  const bytes = fs.readFileSync(weightsFile);
  // A private copy: Buffer views may share a pooled ArrayBuffer at an unaligned offset.
  return { config: manifest.config, weightSpecs, weightData: new Uint8Array(bytes) };
}

/** Packs float32 arrays back to back, little-endian as tfjs writes weights. */
export function packWeights(values: readonly Float32Array[]): Uint8Array {
  const total = values.reduce((sum, v) => sum + v.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const v of values) { out.set(v, offset); offset += v.length; }
  return new Uint8Array(out.buffer);
}

/** Splits packed weights by their specs; throws when sizes disagree. */
export function unpackWeights(data: Uint8Array, specs: readonly WeightSpec[], source: string): Float32Array[] {
  const sizes = specs.map((s) => s.shape.reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (data.byteLength !== total * 4) {
    throw new DataFormatError(source, undefined, `weights hold ${data.byteLength} bytes, the specs need ${total * 4}`, 'save the model again; weights.bin does not belong to this model.json');
  }
  const all = new Float32Array(data.slice().buffer);
  const out: Float32Array[] = [];
  let offset = 0;
  for (const size of sizes) { out.push(all.slice(offset, offset + size)); offset += size; }
  return out;
}
