// Tables of numbers for notebooks and reports: plain HTML, so they render in JupyterLab and in the
// exported report without any script.
import { InvalidArgumentError, QuantlabError } from '../util/errors';
import { escapeHtml } from './figure';

export type Cell = string | number | boolean | null | undefined;
export type Row = { readonly [column: string]: Cell };

export interface TableOptions {
  readonly title?: string;
  /** Significant digits for numbers (default 4). */
  readonly digits?: number;
}

export const DEFAULT_TABLE_DIGITS = 4;

function formatCell(value: Cell, digits: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    const abs = Math.abs(value);
    if (abs !== 0 && (abs < 1e-3 || abs >= 1e15)) return value.toExponential(digits - 1);
    // `digits` significant digits, but never fewer than the integer part (AIC 10556, not 1.056e+4).
    if (abs >= 1) return value.toFixed(Math.max(0, digits - Math.floor(Math.log10(abs)) - 1));
    return value.toPrecision(digits);
  }
  return String(value);
}

export function tableHtml(rows: readonly Row[], options: TableOptions = {}): string {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidArgumentError('rows', rows, 'must be a non-empty array of objects', 'pass e.g. [{ metric: "f1", value: 0.61 }]');
  }
  const digits = options.digits ?? DEFAULT_TABLE_DIGITS;
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) {
    throw new InvalidArgumentError('options.digits', digits, 'must be an integer in 1..17', 'pass e.g. 4');
  }
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${columns.map((c) => {
      const v = r[c];
      return `<td style="text-align:${typeof v === 'number' ? 'right' : 'left'}">${escapeHtml(formatCell(v, digits))}</td>`;
    }).join('')}</tr>`)
    .join('');
  const caption = options.title ? `<caption style="text-align:left;font-weight:bold">${escapeHtml(options.title)}</caption>` : '';
  return `<table class="quantlab-table">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Displays a table in a tslab notebook cell (throws outside a notebook, like show()). */
export function showTable(rows: readonly Row[], options: TableOptions = {}): void {
  const html = tableHtml(rows, options);
  let tslab: { display: { html(html: string): void } };
  try {
    tslab = require('tslab') as typeof tslab;
  } catch {
    throw new QuantlabError('showTable() needs the tslab package. Fix: run inside the workbench notebook kernel, or use tableHtml() in scripts');
  }
  tslab.display.html(html);
}
