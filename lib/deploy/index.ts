// Public API of the deploy domain: one MLflow model folder per trained model (kind files +
// MLmodel with signature and metadata), loaded from a folder or a registry URI into a
// DeployedModel that predicts from raw input.
export {
  deployedModel, utcTimeCreated, type DeployedModel, type DeployedParts, type ModelCore, type ModelOrigin, type Prediction,
} from './deployed';
export { ModelKindRegistry, createModelKindRegistry, defaultModelKinds, registerModelKind, type ModelKind, type KindLoadOptions } from './kinds';
export {
  sequenceNetwork, writeOnnxFile, checkRuntime, ONNX_FILE, RUNTIME_CHOICES, DEFAULT_RUNTIME,
  type Network, type NetworkRuntime, type RuntimeChoice, type DeployOptions,
} from './network';
export { saveModel, loadModel, loadModelByUri, type SavedModel, type LoadModelOptions, type LoadModelByUriOptions } from './io';
export { mlmodelDocument, mlmodelText, readMlmodel, QUANTLAB_LOADER, type SavedMlmodel } from './mlmodel';
export { dataFingerprint, canonicalJson, specFingerprint, libraryVersion, trainingMetadata, type ModelMetadata } from './metadata';
export {
  readInput, mlflowSchemaJson, BAR_INPUTS, PROBABILITY_OUTPUTS, TIME_COLUMN,
  type ColumnSpec, type ColumnType, type ColumnCheck, type ModelSignature, type InputColumns,
} from './signature';
export { directionLstmModel, createDirectionLstmKind, directionLstmKind, DIRECTION_LSTM_KIND } from './kinds/direction-lstm';
export { pairsGruModel, createPairsGruKind, pairsGruKind, pairsFeatureColumns, pairColumns, PAIRS_GRU_KIND, type PairsGruParts } from './kinds/pairs-gru';
export { directionGruModel, directionGruKind, DIRECTION_GRU_KIND } from './kinds/direction-gru';
export { trainDirectionLstmModel, trainPairsGruModel, type TrainedModel } from './train';
export { parseYaml, toYaml, type YamlValue } from './yaml';
