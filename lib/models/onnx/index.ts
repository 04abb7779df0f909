export { sequenceModelToOnnx, sequenceModelGraph, ONNX_INPUT, ONNX_OUTPUT, ONNX_OPSET, type OnnxExportOptions } from './sequence';
export { OnnxSession, OnnxRuntimeUnavailableError, type OnnxSessionOptions } from './session';
export { OnnxSequencePredictor, type WindowPredictor } from './predictor';
export { encodeOnnxModel, decodeOnnxModel, type OnnxModel } from './proto';
