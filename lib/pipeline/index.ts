export { loadPipelineConfig, checkPipelineConfig, artifactsPath, type PipelineConfig, type GateSpec } from './config';
export { timeSplit, type RowRange, type TimeSplit } from './split';
