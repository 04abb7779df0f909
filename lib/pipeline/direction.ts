// The skeleton's research pipeline as library code, so that training (03), the backtest (04), the
// registry check (05) and live use all turn raw bars into model inputs through the same functions:
// what is backtested is what would trade.
//
// Rows are bars. The label of row t is the direction from close t to close t+1, so the last bar
// has none. GARCH is fitted on training rows only and then run forward with fixed parameters.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bars } from '../data/bars';
import { isoDate } from '../data/bars';
import { buildFeatureFrame, logReturns } from '../features';
import { GruClassifier, makeSequences, Standardizer, type Sequences } from '../models';
import { filterGarch11, fitGarch11, type Garch11Fit, type Garch11Params } from '../stats';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import { writeFileAtomic } from '../util/project';
import { checkPipelineConfig, type PipelineConfig } from './config';
import { timeSplit, type TimeSplit } from './split';

export const VOLATILITY_FILE = 'volatility.json';
export const PIPELINE_FILE = 'pipeline.json';
export const GARCH_FEATURE = 'garchVolatility';

/** A fitted GARCH(1,1) as plain JSON: enough to produce the volatility feature on any bars. */
export interface VolatilityArtifact {
  readonly model: 'garch11-normal-constant-mean';
  readonly params: Garch11Params;
  readonly backcast: number;
  /** Returns are 100 * log returns (percent), the scale GARCH optimisers are comfortable with. */
  readonly returnScale: number;
  readonly fittedOn: { readonly start: number; readonly end: number; readonly from: string; readonly to: string };
  readonly logLikelihood: number;
  readonly converged: boolean;
}

export interface DirectionDataset {
  readonly time: Float64Array;
  readonly names: readonly string[];
  /** Raw feature columns, one value per bar. */
  readonly columns: readonly Float64Array[];
  readonly label: Float64Array;
  readonly split: TimeSplit;
  readonly standardizer: Standardizer;
  readonly train: Sequences;
  readonly validation: Sequences;
  readonly test: Sequences;
}

/** Train/validation/holdout rows of the bars: time-ordered, one bar dropped at each boundary. */
export function directionSplit(bars: Bars, config: PipelineConfig): TimeSplit {
  // gap 1: the label of the last training row looks at the first validation close.
  return timeSplit({ start: 0, end: bars.time.length - 1 }, { ...config.split, gap: 1 });
}

export function scaledReturns(bars: Bars, scale: number): Float64Array {
  return logReturns(bars.close).map((r) => r * scale);
}

/** Fits GARCH(1,1) on the returns of the training rows only. */
export function fitVolatility(bars: Bars, config: PipelineConfig, split: TimeSplit = directionSplit(bars, config)): { fit: Garch11Fit; artifact: VolatilityArtifact } {
  const returns = scaledReturns(bars, config.garch.returnScale);
  // Row 0 has no return; training returns are rows 1..train.end-1.
  const fit = fitGarch11(returns.slice(1, split.train.end));
  const artifact: VolatilityArtifact = {
    model: 'garch11-normal-constant-mean',
    params: fit.params,
    backcast: fit.backcast,
    returnScale: config.garch.returnScale,
    fittedOn: { start: 1, end: split.train.end, from: isoDate(bars.time[1]!), to: isoDate(bars.time[split.train.end - 1]!) },
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
  };
  return { fit, artifact };
}

/**
 * Per bar t: the GARCH forecast of the volatility of return t+1, known at the close of t, in the
 * units of daily returns (not percent). NaN at row 0. Appending bars never changes earlier values.
 */
export function garchVolatilityFeature(bars: Bars, volatility: VolatilityArtifact): Float64Array {
  const returns = scaledReturns(bars, volatility.returnScale);
  const out = new Float64Array(returns.length).fill(NaN);
  if (returns.length < 2) return out;
  const filtered = filterGarch11(returns.subarray(1), volatility.params, volatility.backcast);
  for (let t = 1; t < returns.length; t++) out[t] = filtered.nextVolatility[t - 1]! / volatility.returnScale;
  return out;
}

/** Feature columns (the feature frame plus the GARCH feature) and the label, one row per bar. */
export function directionFeatures(bars: Bars, config: PipelineConfig, volatility: VolatilityArtifact): { time: Float64Array; names: string[]; columns: Float64Array[]; label: Float64Array } {
  const frame = buildFeatureFrame(bars, config.features);
  return {
    time: frame.time,
    names: [...frame.names, GARCH_FEATURE],
    columns: [...frame.columns, garchVolatilityFeature(bars, volatility)],
    label: frame.label,
  };
}

export function buildDirectionDataset(bars: Bars, config: PipelineConfig, volatility: VolatilityArtifact): DirectionDataset {
  const { time, names, columns, label } = directionFeatures(bars, config, volatility);
  const split = directionSplit(bars, config);
  const standardizer = Standardizer.fit(columns, split.train);
  const scaled = standardizer.transform(columns);
  const lookback = config.model.lookback;
  return {
    time, names, columns, label, split, standardizer,
    train: makeSequences(scaled, label, lookback, split.train),
    validation: makeSequences(scaled, label, lookback, split.validation),
    test: makeSequences(scaled, label, lookback, split.test),
  };
}

/** A trained direction model with everything needed to go from raw bars to probabilities. */
export interface DirectionModel {
  readonly model: GruClassifier;
  readonly config: PipelineConfig;
  readonly volatility: VolatilityArtifact;
}

/**
 * Probability that close t+1 > close t, for every bar t that has a full window of finite
 * features (NaN elsewhere), computed from raw bars with the model's own feature code, scaling
 * and GARCH parameters.
 */
export function predictDirection(bundle: DirectionModel, bars: Bars, range: { start: number; end: number } = { start: 0, end: bars.time.length }): Float64Array {
  const { model, config, volatility } = bundle;
  if (!model.standardizer) {
    throw new InvalidArgumentError('bundle.model', 'GruClassifier', 'has no standardizer attached', 'set model.standardizer = dataset.standardizer before saving');
  }
  const { columns } = directionFeatures(bars, config, volatility);
  const scaled = model.standardizer.transform(columns);
  // The label is irrelevant here: a dummy finite label keeps every window, including the last bar.
  const ones = new Float64Array(bars.time.length).fill(1);
  const windows = makeSequences(scaled, ones, config.model.lookback, range);
  const out = new Float64Array(bars.time.length).fill(NaN);
  if (windows.samples === 0) return out;
  const probs = model.predictProba(windows.x);
  windows.index.forEach((t, s) => { out[t] = probs[s]!; });
  return out;
}

/** model.json + weights.bin (with the fitted standardizer), pipeline.json and volatility.json. */
export function saveDirectionModel(dir: string, bundle: DirectionModel): void {
  bundle.model.save(dir);
  writeFileAtomic(path.join(dir, PIPELINE_FILE), JSON.stringify(bundle.config, null, 2) + '\n');
  writeFileAtomic(path.join(dir, VOLATILITY_FILE), JSON.stringify(bundle.volatility, null, 2) + '\n');
}

export function loadDirectionModel(dir: string): DirectionModel {
  const read = <T>(file: string): T => {
    const p = path.join(dir, file);
    if (!fs.existsSync(p)) throw new FileNotFoundError(p, 'load a directory written by saveDirectionModel (or downloaded from the registry)');
    try {
      return JSON.parse(fs.readFileSync(p, 'utf8')) as T;
    } catch (error) {
      throw new DataFormatError(p, undefined, `is not valid JSON (${(error as Error).message})`, 'save the model again');
    }
  };
  const config = read<PipelineConfig>(PIPELINE_FILE);
  checkPipelineConfig(config);
  const volatility = read<VolatilityArtifact>(VOLATILITY_FILE);
  return { model: GruClassifier.load(dir), config, volatility };
}
