export * from './bars';
export { readBarsCsv, DEFAULT_MISSING_VALUES, type ReadBarsCsvOptions } from './csv';
export { readClosePanelCsv, panelSeries, type ClosePanel, type ReadClosePanelOptions } from './panel';
export {
  validateBars, DEFAULT_MAX_MISSING_FRACTION, type ValidateBarsOptions, type ValidationReport, type MissingSummary,
  DEFAULT_OUTLIER_Z, DEFAULT_OUTLIER_IQR_K, DEFAULT_SPLIT_FACTORS, DEFAULT_SPLIT_TOLERANCE, DEFAULT_MIN_STALE_RUN,
  DEFAULT_MAX_AGE, type MissingBarsSummary, type ReturnOutliers, type StalenessSummary,
} from './validate';
export { type SplitLikeJump, type StaleRun } from './validate-series';
export {
  nyse, weekdays, crypto247, makeCalendar, sessions, holidays, nonSessionWeekdays, sessionDateOf, easterSunday,
  NYSE_FIRST_YEAR, DEFAULT_WEEKEND_DAYS, type Calendar, type MakeCalendarOptions,
} from './calendar';
export { repairBars, type RepairBarsOptions, type RepairAction, type RepairDefect, type RepairResult } from './repair';
export { writeBarsArrow, readBarsArrow, barsToArrow, barsFromArrow, SYMBOL_KEY } from './arrow';
export {
  assertTimeZone, isUtcZone, localParts, localDate, localDateTime, utcOffsetMs, formatZoned, zonedTimeToEpoch,
  parseZonedDateTime, startOfLocalDay, DISAMBIGUATIONS, DEFAULT_DISAMBIGUATION,
  type LocalParts, type LocalDateTime, type Disambiguation, type ZonedTimeOptions,
} from './timezone';
export { writeBarsCsv, barsToCsv } from './csv-write';
export {
  panelFromBars, panelSymbols, panelBars, PANEL_ALIGNS, DEFAULT_PANEL_ALIGN,
  type BarsPanel, type PanelAlign, type PanelFromBarsOptions,
} from './bars-panel';
export { panelToArrow, panelFromArrow, writePanelArrow, readPanelArrow } from './bars-panel-arrow';
export { barsToArquero, barsFromArquero, type BarsFromArqueroOptions } from './interop-arquero';
export { barsToDanfo, barsFromDanfo, type BarsFromDanfoOptions } from './interop-danfo';
export {
  sha256File, readProvenance, writeProvenance, verifyProvenance, provenancePath, type ProvenanceRecord,
} from './provenance';
export { writeBarsParquet, readBarsParquet } from './parquet';
export * from './providers';
