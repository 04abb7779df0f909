// The GARCH-GRU pairs model (notebook 07) as a deployable kind: the two legs' closes in, named by
// their symbols so the legs cannot be swapped, P(the spread reverts) out. The spread, its GARCH
// and oscillator features and the legs' GARCH features are recomputed from the saved spec (hedge
// ratio, fixed GARCH parameters), as buildPairsDataset computed them for training.
import type { ClosePanel } from '../../data/panel';
import { slidingWindows } from '../../dataset/windows';
import { computeFeatures, featureSetFromJSON, type FeatureRegistry, type FeatureSet } from '../../features/registry';
import { saveDeployable, type DeployableModel } from '../../pipeline/deployable';
import { createFeatureRegistry } from '../../pipeline/features';
import type { PairsFeatureSpec } from '../../pipeline/pairs';
import { loadPairsModel, type PairsModelConfig } from '../../pipeline/pairs-model';
import { firstScoredRow } from '../../pipeline/sequence-folds';
import { spreadBars } from '../../stats/feature-hooks';
import { DataFormatError, InvalidArgumentError } from '../../util/errors';
import { deployedModel, type DeployedModel, type ModelCore } from '../deployed';
import type { ModelKind } from '../kinds';
import { specFingerprint, trainingMetadata } from '../metadata';
import { TIME_COLUMN, type ColumnSpec } from '../signature';
import { checkRuntime, sequenceNetwork, writeOnnxFile, type DeployOptions, type RuntimeChoice } from '../network';
import { closeOnlyBars } from './bars';

export const PAIRS_GRU_KIND = 'pairs-gru';
const FORMAT_VERSION = 1;

export type PairsGruParts = DeployableModel<PairsFeatureSpec, PairsModelConfig>;

/** The pair's feature columns from the legs' closes on shared times, named as buildPairsDataset names them. */
export function pairsFeatureColumns(spec: PairsFeatureSpec, time: Float64Array, y: Float64Array, x: Float64Array, registry: FeatureRegistry): { names: string[]; columns: Float64Array[] } {
  const yBars = closeOnlyBars(spec.y, time, y), xBars = closeOnlyBars(spec.x, time, x);
  const spread = spreadBars(yBars, xBars, { hedgeRatio: spec.hedgeRatio, intercept: spec.intercept, symbol: `${spec.y}~${spec.x}` });
  const sets: [string, FeatureSet, typeof yBars][] = [['spread', spec.spread, spread], [spec.y, spec.legs.y, yBars], [spec.x, spec.legs.x, xBars]];
  const names: string[] = [], columns: Float64Array[] = [];
  for (const [prefix, set, bars] of sets) {
    const table = computeFeatures(bars, set, registry);
    names.push(...table.names.map((n) => `${prefix}.${n}`));
    columns.push(...table.columns);
  }
  return { names, columns };
}

function checkedSpec(spec: PairsFeatureSpec, registry: FeatureRegistry): PairsFeatureSpec {
  // Refuses feature kinds whose version changed since the model was saved.
  return { ...spec, spread: featureSetFromJSON(spec.spread, registry), legs: { y: featureSetFromJSON(spec.legs.y, registry), x: featureSetFromJSON(spec.legs.x, registry) } };
}

function core(m: PairsGruParts, registry: FeatureRegistry, runtime: RuntimeChoice): ModelCore {
  const spec = checkedSpec(m.spec, registry);
  const network = sequenceNetwork(m.model, runtime);
  const lookback = m.config.lookback;
  const inputs: ColumnSpec[] = [TIME_COLUMN, { name: spec.y, type: 'double', check: 'positive' }, { name: spec.x, type: 'double', check: 'positive' }];
  return {
    inputs,
    runtime: network.runtime,
    predict(input) {
      const time = input.columns.time!, n = input.rows;
      const { names, columns } = pairsFeatureColumns(spec, time, input.columns[spec.y]!, input.columns[spec.x]!, registry);
      if (names.join() !== m.config.names.join()) {
        throw new DataFormatError('config.json', undefined, `names features ${m.config.names.join(', ')} but the spec computes ${names.join(', ')}`, 'save the model again with saveModel');
      }
      // Only the last window is scaled; an input shorter than the lookback is caught below.
      const tail = n >= lookback ? columns.map((c) => c.subarray(n - lookback)) : columns;
      const windows = slidingWindows(m.scaler.transform(tail), { lookback, range: { start: 0, end: tail[0]!.length } });
      if (windows.samples !== 1) {
        throw new InvalidArgumentError('input', `${n} bars`, `hold a non-finite feature value in the last ${lookback} bars (a gap in a leg, or too short a history)`, 'send a longer, gap-free history of both legs');
      }
      return { time: time[n - 1]!, probability: network.predict(windows.x)[0]! };
    },
    writeFiles: (dir) => [...saveDeployable(dir, m), writeOnnxFile(dir, m.model)],
    dispose: () => network.dispose(),
  };
}

export function createPairsGruKind(registry: FeatureRegistry = createFeatureRegistry()): ModelKind {
  return {
    kind: PAIRS_GRU_KIND,
    formatVersion: FORMAT_VERSION,
    description: "GRU on a cointegrated pair's spread and GARCH features: the legs' closes -> P(the spread reverts)",
    load: (dir, _metadata, options) => core(loadPairsModel(dir), registry, options.runtime),
  };
}

export const pairsGruKind: ModelKind = createPairsGruKind();

/** The legs' close columns of the pair in `panel`, time first (the raw input's shape). */
export function pairColumns(panel: ClosePanel, spec: Pick<PairsFeatureSpec, 'y' | 'x'>): Record<string, Float64Array> {
  const column = (symbol: string): Float64Array => {
    const i = panel.symbols.indexOf(symbol);
    if (i < 0) throw new InvalidArgumentError('training.symbols', panel.symbols, `lack ${symbol}, a leg of the model`, 'pass the panel the pairs dataset was built from');
    return panel.close[i]!;
  };
  return { time: panel.time, [spec.y]: column(spec.y), [spec.x]: column(spec.x) };
}

/**
 * A trained pairs GRU (loadPairsModel's result, now owned by the returned model) as a
 * DeployedModel; `training` is the panel buildPairsDataset was given (fingerprinted over the two
 * legs; sets the minimum history).
 */
export function pairsGruModel(m: PairsGruParts, training: ClosePanel, registry: FeatureRegistry = createFeatureRegistry(), options: DeployOptions = {}): DeployedModel {
  const c = core(m, registry, checkRuntime('options.runtime', options.runtime));
  const data = pairColumns(training, m.spec);
  const { columns } = pairsFeatureColumns(checkedSpec(m.spec, registry), data.time!, data[m.spec.y]!, data[m.spec.x]!, registry);
  return deployedModel(c, {
    kind: PAIRS_GRU_KIND,
    formatVersion: FORMAT_VERSION,
    minHistory: firstScoredRow(columns, m.config.lookback) + 1,
    metadata: trainingMetadata(data, specFingerprint(m.spec), m.config),
  });
}
