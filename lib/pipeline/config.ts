// The skeleton pipeline's configuration (configs/pipeline.json), typed and checked at load time so
// a typo fails before an hour of training rather than after it. The whole object is logged with
// each MLflow run: a run is reproducible from its logged config.
import * as path from 'node:path';
import { ConfigError } from '../util/errors';
import { projectPath, readConfig } from '../util/project';

export interface GateSpec {
  readonly metric: string;
  readonly min?: number;
  readonly max?: number;
}

export interface PipelineConfig {
  readonly seed: number;
  readonly artifactsDir: string;
  readonly data: { readonly symbol: string; readonly source: string; readonly store: string; readonly maxMissingFraction: number };
  readonly features: { readonly smaWindow: number; readonly rsiPeriod: number; readonly volatilityWindow: number };
  readonly garch: { readonly returnScale: number };
  readonly split: { readonly trainFraction: number; readonly validationFraction: number };
  readonly model: {
    readonly units: number; readonly lookback: number; readonly epochs: number;
    readonly batchSize: number; readonly learningRate: number;
  };
  readonly backtest: { readonly costBps: number; readonly threshold: number; readonly periodsPerYear: number };
  readonly registry: { readonly experiment: string; readonly modelName: string; readonly alias: string; readonly gates: readonly GateSpec[] };
}

const FILE = 'configs/pipeline.json';

/** Reads and checks configs/pipeline.json. */
export function loadPipelineConfig(): PipelineConfig {
  const raw = readConfig<PipelineConfig>('pipeline');
  checkPipelineConfig(raw);
  return raw;
}

export function checkPipelineConfig(c: PipelineConfig): void {
  const positiveInt = (field: string, v: unknown): void => {
    if (!Number.isInteger(v) || (v as number) <= 0) throw new ConfigError(FILE, field, `must be a positive integer, got ${JSON.stringify(v)}`, `set ${field} to e.g. 20`);
  };
  const fraction = (field: string, v: unknown): void => {
    if (typeof v !== 'number' || !(v > 0 && v < 1)) throw new ConfigError(FILE, field, `must be a number in (0, 1), got ${JSON.stringify(v)}`, `set ${field} to e.g. 0.7`);
  };
  if (!Number.isSafeInteger(c.seed) || c.seed < 0) throw new ConfigError(FILE, 'seed', `must be a non-negative integer, got ${JSON.stringify(c.seed)}`, 'set seed to e.g. 42');
  positiveInt('features.smaWindow', c.features?.smaWindow);
  positiveInt('features.rsiPeriod', c.features?.rsiPeriod);
  positiveInt('features.volatilityWindow', c.features?.volatilityWindow);
  fraction('split.trainFraction', c.split?.trainFraction);
  fraction('split.validationFraction', c.split?.validationFraction);
  if (c.split.trainFraction + c.split.validationFraction >= 1) {
    throw new ConfigError(FILE, 'split', 'trainFraction + validationFraction must leave a holdout (< 1)', 'lower one of them');
  }
  for (const k of ['units', 'lookback', 'epochs', 'batchSize'] as const) positiveInt(`model.${k}`, c.model?.[k]);
  if (!(c.model.learningRate > 0)) throw new ConfigError(FILE, 'model.learningRate', `must be > 0, got ${c.model.learningRate}`, 'set it to e.g. 0.001');
  if (!(c.backtest?.costBps >= 0)) throw new ConfigError(FILE, 'backtest.costBps', `must be >= 0, got ${c.backtest?.costBps}`, 'set it to e.g. 5');
  fraction('backtest.threshold', c.backtest.threshold);
  if (!c.registry?.modelName || !c.registry.experiment || !c.registry.alias) {
    throw new ConfigError(FILE, 'registry', 'needs experiment, modelName and alias', 'fill in the registry section');
  }
  for (const [i, g] of (c.registry.gates ?? []).entries()) {
    if (typeof g.metric !== 'string' || (g.min === undefined && g.max === undefined)) {
      throw new ConfigError(FILE, `registry.gates[${i}]`, 'needs a metric and a min or max', 'e.g. {"metric": "holdout_f1", "min": 0.5}');
    }
  }
}

/**
 * Where the pipeline's notebooks hand results to one another. QUANTLAB_ARTIFACTS_DIR overrides
 * the config so a test run never touches the user's artifacts.
 */
export function artifactsPath(config: PipelineConfig, ...parts: string[]): string {
  const base = process.env.QUANTLAB_ARTIFACTS_DIR || projectPath(config.artifactsDir);
  return path.join(base, ...parts);
}

/** The config as flat MLflow params (`model.units` = 32); arrays and objects in arrays as JSON. */
export function pipelineParams(config: PipelineConfig): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const walk = (value: unknown, key: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = value;
    } else {
      out[key] = JSON.stringify(value);
    }
  };
  walk(config, '');
  return out;
}
