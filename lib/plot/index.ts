// Public API of the plot domain: plotly figures that render offline in notebooks and HTML pages.
export { type Figure, type PlotlyTrace } from './figure';
export {
  figureHtml,
  standalonePage,
  resetPlotlyJsEmbedding,
  DEFAULT_HEIGHT,
  DEFAULT_PLOTLY_WAIT_MS,
  DEFAULT_CONFIG,
  type FigureHtmlOptions,
  type StandalonePageOptions,
} from './html';
export { show } from './show';
export { lineFigure, DEFAULT_X_KIND, type LineSeries, type LineFigureOptions, type XKind } from './line';
export { tableHtml, showTable, DEFAULT_TABLE_DIGITS, type Row, type Cell, type TableOptions } from './table';
