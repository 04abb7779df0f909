// The direction LSTM (notebook 08) as a deployable kind: raw daily bars in, P(next close > last
// close) out, through the saved feature set, scaler and network (pipeline/direction-lstm).
import type { Bars } from '../../data/bars';
import { computeFeatures, featureSetFingerprint, type FeatureRegistry } from '../../features/registry';
import { saveDeployable } from '../../pipeline/deployable';
import { loadDirectionLstm, predictDirectionLstm, type DirectionLstmModel } from '../../pipeline/direction-lstm';
import { createFeatureRegistry } from '../../pipeline/features';
import { firstScoredRow } from '../../pipeline/sequence-folds';
import { deployedModel, type DeployedModel, type ModelCore } from '../deployed';
import type { ModelKind } from '../kinds';
import { trainingMetadata } from '../metadata';
import { BAR_INPUTS } from '../signature';
import { checkRuntime, sequenceNetwork, writeOnnxFile, type DeployOptions, type RuntimeChoice } from '../network';
import { barColumns, inputBars } from './bars';

export const DIRECTION_LSTM_KIND = 'direction-lstm';
const FORMAT_VERSION = 1;

function core(m: DirectionLstmModel, registry: FeatureRegistry, runtime: RuntimeChoice): ModelCore {
  const network = sequenceNetwork(m.model, runtime);
  return {
    inputs: BAR_INPUTS,
    runtime: network.runtime,
    predict: (input) => predictDirectionLstm(m, inputBars(input), registry, network),
    writeFiles: (dir) => [...saveDeployable(dir, m), writeOnnxFile(dir, m.model)],
    dispose: () => network.dispose(),
  };
}

/** The kind, computing features with `registry` (the built-in one unless a custom kind needs another). */
export function createDirectionLstmKind(registry: FeatureRegistry = createFeatureRegistry()): ModelKind {
  return {
    kind: DIRECTION_LSTM_KIND,
    formatVersion: FORMAT_VERSION,
    description: 'stacked LSTM on the direction feature set: daily bars -> P(next close > last close)',
    load: (dir, _metadata, options) => core(loadDirectionLstm(dir, registry), registry, options.runtime),
  };
}

export const directionLstmKind: ModelKind = createDirectionLstmKind();

/**
 * A trained direction LSTM (loadDirectionLstm's result, now owned by the returned model) as a
 * DeployedModel; `training` is the bars it was trained on (fingerprinted; sets the minimum history).
 */
export function directionLstmModel(m: DirectionLstmModel, training: Bars, registry: FeatureRegistry = createFeatureRegistry(), options: DeployOptions = {}): DeployedModel {
  const table = computeFeatures(training, m.featureSet, registry);
  return deployedModel(core(m, registry, checkRuntime('options.runtime', options.runtime)), {
    kind: DIRECTION_LSTM_KIND,
    formatVersion: FORMAT_VERSION,
    minHistory: firstScoredRow(table.columns, m.config.lookback) + 1,
    metadata: trainingMetadata(barColumns(training), featureSetFingerprint(m.featureSet), m.config),
  });
}
