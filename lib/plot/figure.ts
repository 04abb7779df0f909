// A plotly figure as plain JSON: the same object plotly.js's newPlot takes, so anything plotly can
// draw can be passed through without this library wrapping every trace type.

/** One plotly trace (scatter, bar, ...). Typed arrays are allowed and serialised as JSON arrays. */
export type PlotlyTrace = { readonly [key: string]: unknown };

export interface Figure {
  readonly data: readonly PlotlyTrace[];
  readonly layout?: { readonly [key: string]: unknown };
  readonly config?: { readonly [key: string]: unknown };
}

/**
 * JSON that is safe inside an inline <script>: `<`, `>` and `&` are written as \u escapes, so a
 * string such as "</script>" in a series name cannot close the script element, and U+2028/2029
 * (legal in JSON, line breaks in older JS parsers) are escaped too. Typed arrays become arrays;
 * NaN and infinities become null, which plotly draws as a gap.
 */
export function scriptSafeJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v));
  if (json === undefined) return 'null';
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for an HTML element body or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
