// One figure as an HTML fragment (<div> + <script>) that renders in JupyterLab outputs, in
// nbconvert's HTML export and in a standalone file, all offline.
//
// plotly.js (~4.8 MB) is embedded once per process: the first figure rendered with the default
// includePlotlyJs carries the bundle, later ones only their data. Each figure's script polls for
// window.Plotly for a short while, so the fragment order never leaves a blank chart: if plotly.js
// never arrives (e.g. the notebook cell that carried it was re-run or cleared), the div shows why.
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '../util/errors';
import { escapeHtml, scriptSafeJson, type Figure } from './figure';
import { plotlyBundleScript } from './bundle';

export const DEFAULT_HEIGHT = 450;
export const DEFAULT_PLOTLY_WAIT_MS = 5000;
export const DEFAULT_CONFIG = { responsive: true, displaylogo: false } as const;

export interface FigureHtmlOptions {
  /** true: always embed plotly.js; false: never; unset: only in the first figure of the process. */
  readonly includePlotlyJs?: boolean;
  /** Chart height in CSS pixels (DEFAULT_HEIGHT). */
  readonly height?: number;
  /** How long a figure waits for plotly.js before showing an error (DEFAULT_PLOTLY_WAIT_MS). */
  readonly plotlyWaitMs?: number;
}

const OPTION_KEYS = ['includePlotlyJs', 'height', 'plotlyWaitMs'];

let bundleEmitted = false;

/** Makes the next figure with the default includePlotlyJs carry plotly.js again. */
export function resetPlotlyJsEmbedding(): void {
  bundleEmitted = false;
}

export function figureHtml(figure: Figure, options: FigureHtmlOptions = {}): string {
  return renderFigure(figure, options).html;
}

/** figureHtml plus whether this call consumed the once-per-process bundle (show() undoes it on failure). */
export function renderFigure(figure: Figure, options: FigureHtmlOptions = {}): { html: string; tookBundle: boolean } {
  validateFigure(figure);
  validateOptions(options);
  const height = options.height ?? DEFAULT_HEIGHT;
  const waitMs = options.plotlyWaitMs ?? DEFAULT_PLOTLY_WAIT_MS;
  const tookBundle = options.includePlotlyJs === undefined && !bundleEmitted;
  const includeBundle = options.includePlotlyJs ?? !bundleEmitted;
  if (tookBundle) bundleEmitted = true;

  // A random id, not a counter: a kernel restart would restart a counter while the old outputs,
  // with their ids, are still on the page.
  const id = `quantlab-plot-${randomUUID()}`;
  const payload = scriptSafeJson({
    data: figure.data,
    layout: figure.layout ?? {},
    config: { ...DEFAULT_CONFIG, ...(figure.config ?? {}) },
  });
  const placeholder =
    'Loading chart... (if this text stays, the output\u2019s scripts did not run: in JupyterLab, trust the notebook)';
  const div = `<div id="${id}" class="quantlab-plot" style="width:100%;height:${height}px;">${escapeHtml(placeholder)}</div>`;
  const script = `<script type="text/javascript">
(function () {
  var id = ${JSON.stringify(id)};
  var figure = ${payload};
  var deadline = Date.now() + ${waitMs};
  function fail(el, message) {
    el.textContent = message;
    el.setAttribute('data-plot-error', message);
    el.style.color = '#b00020';
    el.style.height = 'auto';
  }
  function draw() {
    var el = document.getElementById(id);
    if (el && window.Plotly) {
      el.textContent = '';
      try {
        Promise.resolve(window.Plotly.newPlot(el, figure.data, figure.layout, figure.config)).catch(function (e) {
          fail(el, 'plotly.js could not draw this figure: ' + e);
        });
      } catch (e) {
        fail(el, 'plotly.js could not draw this figure: ' + e);
      }
      return;
    }
    if (Date.now() > deadline) {
      // Only a missing plotly.js gets here with the element present; without it there is
      // nowhere to write.
      if (el) fail(el, 'plotly.js did not load within ${waitMs} ms, so this chart cannot be drawn. ' +
        'The first chart output of a session carries plotly.js: re-run the notebook from a fresh kernel ' +
        '(Restart and Run All), or render with includePlotlyJs: true.');
      return;
    }
    setTimeout(draw, 50);
  }
  draw();
})();
</script>`;
  return { html: (includeBundle ? plotlyBundleScript() + '\n' : '') + div + '\n' + script, tookBundle };
}

export interface StandalonePageOptions {
  readonly title?: string;
  readonly height?: number;
}

/** A complete HTML document holding the figures and exactly one copy of plotly.js. */
export function standalonePage(figures: readonly Figure[], options: StandalonePageOptions = {}): string {
  if (!Array.isArray(figures) || figures.length === 0) {
    throw new InvalidArgumentError('figures', figures, 'must be a non-empty array of figures', 'pass [figure1, figure2, ...]');
  }
  for (const key of Object.keys(options)) {
    if (key !== 'title' && key !== 'height') {
      throw new InvalidArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], 'is not a known option', 'use only title, height');
    }
  }
  const title = escapeHtml(options.title ?? 'quantlab figures');
  const height = options.height === undefined ? {} : { height: options.height };
  const body = figures.map((figure, i) => figureHtml(figure, { includePlotlyJs: i === 0, ...height })).join('\n');
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

function validateFigure(figure: Figure): void {
  if (figure === null || typeof figure !== 'object' || !Array.isArray(figure.data)) {
    throw new InvalidArgumentError('figure', figure, 'must be an object with a data array of traces', 'pass { data: [{ type: "scatter", x, y }], layout }');
  }
  for (const key of Object.keys(figure)) {
    if (key !== 'data' && key !== 'layout' && key !== 'config') {
      throw new InvalidArgumentError(`figure.${key}`, (figure as unknown as Record<string, unknown>)[key], 'is not a figure field', 'use only data, layout, config');
    }
  }
}

function validateOptions(options: FigureHtmlOptions): void {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw new InvalidArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], 'is not a known option', `use only ${OPTION_KEYS.join(', ')}`);
    }
  }
  if (options.includePlotlyJs !== undefined && typeof options.includePlotlyJs !== 'boolean') {
    throw new InvalidArgumentError('options.includePlotlyJs', options.includePlotlyJs, 'must be a boolean', 'pass true, false, or leave it out');
  }
  for (const key of ['height', 'plotlyWaitMs'] as const) {
    const v = options[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      throw new InvalidArgumentError(`options.${key}`, v, 'must be a positive number', key === 'height' ? 'pass pixels, e.g. 450' : 'pass milliseconds, e.g. 5000');
    }
  }
}
