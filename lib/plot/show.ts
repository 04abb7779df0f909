// Displays a figure in a tslab notebook cell as a text/html output.
//
// Outside a notebook show() THROWS (it never writes silently to nowhere): plain Node has no
// display channel, and a script that believes it drew a chart when it did not is worse than an
// error. Use figureHtml() or standalonePage() to produce HTML there.
import { QuantlabError } from '../util/errors';
import type { Figure } from './figure';
import { renderFigure, resetPlotlyJsEmbedding, type FigureHtmlOptions } from './html';

interface TslabDisplay {
  readonly display: { html(html: string): void };
}

export function show(figure: Figure, options: FigureHtmlOptions = {}): void {
  // Loaded here, not at import: tslab pulls in a TypeScript compiler, and the library must load
  // in scripts and tests that never display anything.
  let tslab: TslabDisplay;
  try {
    tslab = require('tslab') as TslabDisplay;
  } catch {
    throw new QuantlabError('show() needs the tslab package, which is not installed. Fix: run inside the workbench (npm install), or use figureHtml()/standalonePage() to get HTML');
  }
  const { html, tookBundle } = renderFigure(figure, options);
  try {
    tslab.display.html(html);
  } catch (error) {
    // Nothing was shown, so the next figure must still carry plotly.js.
    if (tookBundle) resetPlotlyJsEmbedding();
    throw new QuantlabError(
      `show() can only display inside a tslab notebook kernel (tslab said: ${(error as Error).message}). ` +
        'Fix: call it from a notebook cell, or use figureHtml()/standalonePage() to get HTML in a script',
    );
  }
}
