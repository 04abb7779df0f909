// Public API of the fused recurrent layers (native TensorFlow backend only).
export { fusedGru, type FusedGruWeights, type GruOutput } from './gru';
export { fusedLstm, type FusedLstmWeights, type LstmOutput } from './lstm';
export { FusedGru, FusedLstm, type FusedRnnOptions } from './layer';
export {
  gruLayersToFused, gruFusedToLayers, lstmLayersToFused, lstmFusedToLayers,
  type LayersRnnWeights, type FusedArrays,
} from './layout';
export { glorotUniform, orthogonal } from './init';
export { NativeBackendRequiredError } from './native-ops';
export { sigmoidCrossEntropyHead, BCE_EPSILON } from './head';
export { maskedRnn, type MaskedRnnOutput } from './masked-rnn';
export {
  FusedAdam, type FusedAdamOptions,
  DEFAULT_ADAM_LEARNING_RATE, DEFAULT_ADAM_BETA1, DEFAULT_ADAM_BETA2, DEFAULT_ADAM_EPSILON,
} from './adam';
