export * from './bars';
export { readBarsCsv, DEFAULT_MISSING_VALUES, type ReadBarsCsvOptions } from './csv';
export { readClosePanelCsv, panelSeries, type ClosePanel, type ReadClosePanelOptions } from './panel';
export {
  validateBars, DEFAULT_MAX_MISSING_FRACTION, type ValidateBarsOptions, type ValidationReport, type MissingSummary,
} from './validate';
export { writeBarsArrow, readBarsArrow, SYMBOL_KEY } from './arrow';
export {
  sha256File, readProvenance, writeProvenance, verifyProvenance, provenancePath, type ProvenanceRecord,
} from './provenance';
