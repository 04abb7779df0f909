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
export {
  candlestickFigure, DEFAULT_SHOW_VOLUME, DEFAULT_HIDE_GAPS, UP_COLOR, DOWN_COLOR, type CandlestickFigureOptions,
} from './candlestick';
export {
  heatmapFigure, DEFAULT_HEATMAP_ZMIN, DEFAULT_HEATMAP_ZMAX, DIVERGING_COLORSCALE, type Colorscale, type HeatmapFigureOptions,
} from './heatmap';
export * from './backtest';
