// Train, wrap and save in one call: the folder a trainer leaves is a complete MLflow model
// (kind files + MLmodel), ready for registerModel, and the model it returns is the one in memory.
import type { Bars } from '../data/bars';
import type { ClosePanel } from '../data/panel';
import type { RowRange } from '../dataset/check';
import type { FeatureRegistry } from '../features/registry';
import { loadDirectionLstm, trainDirectionLstm, type DirectionLstmConfig } from '../pipeline/direction-lstm';
import { createFeatureRegistry } from '../pipeline/features';
import type { PairsDataset } from '../pipeline/pairs';
import { loadPairsModel, trainPairsModel, type PairsModelConfig } from '../pipeline/pairs-model';
import { InvalidArgumentError } from '../util/errors';
import type { DeployedModel } from './deployed';
import { saveModel } from './io';
import { directionLstmModel } from './kinds/direction-lstm';
import { pairsGruModel } from './kinds/pairs-gru';

export interface TrainedModel {
  /** The trained model, in memory; the caller disposes it. */
  readonly model: DeployedModel;
  /** Rows it was fitted on. */
  readonly rows: RowRange;
  /** Every file written to the folder, MLmodel included. */
  readonly files: readonly string[];
}

/** trainDirectionLstm, then the folder completed with its MLmodel (data fingerprint of `bars`). */
export async function trainDirectionLstmModel(
  bars: Bars, config: Partial<DirectionLstmConfig>, dir: string, registry: FeatureRegistry = createFeatureRegistry(),
): Promise<TrainedModel> {
  const { rows } = await trainDirectionLstm(bars, config, dir, registry);
  const model = directionLstmModel(loadDirectionLstm(dir, registry), bars, registry);
  return { model, rows, files: saveModel(dir, model).files };
}

/** trainPairsModel, then the folder completed with its MLmodel; `panel` is the one `data` was built from. */
export async function trainPairsGruModel(panel: ClosePanel, data: PairsDataset, config: Partial<PairsModelConfig>, dir: string): Promise<TrainedModel> {
  const n = data.time.length;
  if (panel?.time?.length !== n || panel.time[0] !== data.time[0] || panel.time[n - 1] !== data.time[n - 1]) {
    throw new InvalidArgumentError('panel', `${panel?.time?.length} rows`, `is not the panel data was built from (${n} rows)`, 'pass the panel given to buildPairsDataset');
  }
  const { rows } = await trainPairsModel(data, config, dir);
  const model = pairsGruModel(loadPairsModel(dir), panel);
  return { model, rows, files: saveModel(dir, model).files };
}
