// Public API of the fused-layer sequence models.
export { SequenceModel, SEQUENCE_PREDICT_BATCH, type SequenceData, type LossOptions, type Evaluation } from './model';
export {
  resolveSequenceOptions, DEFAULT_CELL, DEFAULT_TASK, DEFAULT_LAYERS, DEFAULT_POOLING, DEFAULT_SEQUENCE_DROPOUT, DEFAULT_RECURRENT_DROPOUT,
  DEFAULT_CLASSES, DEFAULT_OUTPUTS, DEFAULT_HEAD_ACTIVATION, LAYER_NORM_EPSILON,
  type SequenceModelOptions, type ResolvedSequenceOptions, type HeadOptions,
  type RecurrentCell, type SequenceTask, type SequencePooling, type HeadActivation,
} from './options';
export { SEQUENCE_MODEL_FORMAT, SEQUENCE_MODEL_VERSION, type SequenceModelJSON, type SerializedWeight, type WeightShape } from './serialize';
export { attentionPool, layerNorm, sequenceDropout } from './ops';
export { recurrentMasks, RECURRENT_GATES } from './recurrent-dropout';
