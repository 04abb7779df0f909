// The skeleton's GRU (notebooks 04-06) as a deployable kind: raw daily bars in, P(next close >
// last close) out, through the saved feature frame options, GARCH parameters and standardizer
// (pipeline/direction).
import type { Bars } from '../../data/bars';
import { MODEL_FILE, WEIGHTS_FILE } from '../../models/artifact';
import { directionFeatures, loadDirectionModel, PIPELINE_FILE, predictDirection, saveDirectionModel, VOLATILITY_FILE, type DirectionModel } from '../../pipeline/direction';
import { firstScoredRow } from '../../pipeline/sequence-folds';
import { InvalidArgumentError } from '../../util/errors';
import { deployedModel, type DeployedModel, type ModelCore } from '../deployed';
import type { ModelKind } from '../kinds';
import { specFingerprint, trainingMetadata } from '../metadata';
import { BAR_INPUTS } from '../signature';
import { barColumns, inputBars } from './bars';

export const DIRECTION_GRU_KIND = 'direction-gru';
const FORMAT_VERSION = 1;

function core(bundle: DirectionModel): ModelCore {
  const lookback = bundle.config.model.lookback;
  return {
    inputs: BAR_INPUTS,
    predict(input) {
      const bars = inputBars(input), n = input.rows;
      const p = predictDirection(bundle, bars, { start: n - lookback, end: n })[n - 1]!;
      if (!Number.isFinite(p)) {
        throw new InvalidArgumentError('input', `${n} bars`, `hold a non-finite feature value in the last ${lookback} bars`, 'send a longer, gap-free history');
      }
      return { time: bars.time[n - 1]!, probability: p };
    },
    writeFiles(dir) {
      saveDirectionModel(dir, bundle);
      return [MODEL_FILE, WEIGHTS_FILE, PIPELINE_FILE, VOLATILITY_FILE];
    },
    dispose: () => bundle.model.dispose(),
  };
}

export const directionGruKind: ModelKind = {
  kind: DIRECTION_GRU_KIND,
  formatVersion: FORMAT_VERSION,
  description: "the skeleton's one-layer GRU on the feature frame and GARCH volatility: daily bars -> P(next close > last close)",
  load: (dir) => core(loadDirectionModel(dir)),
};

/** The features' identity: the frame's options and the fitted GARCH recursion. */
function featureFingerprint(bundle: DirectionModel): string {
  const v = bundle.volatility;
  return specFingerprint({ frame: bundle.config.features, garch: { model: v.model, params: v.params, backcast: v.backcast, returnScale: v.returnScale } });
}

/** A trained skeleton model (now owned by the returned model) as a DeployedModel; `training`: the bars it was trained on. */
export function directionGruModel(bundle: DirectionModel, training: Bars): DeployedModel {
  const { columns } = directionFeatures(training, bundle.config, bundle.volatility);
  return deployedModel(core(bundle), {
    kind: DIRECTION_GRU_KIND,
    formatVersion: FORMAT_VERSION,
    minHistory: firstScoredRow(columns, bundle.config.model.lookback) + 1,
    metadata: trainingMetadata(barColumns(training), featureFingerprint(bundle), { ...bundle.config, volatility: bundle.volatility }),
  });
}
