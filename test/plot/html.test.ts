import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { figureHtml, lineFigure, resetPlotlyJsEmbedding, show, standalonePage, type Figure } from '../../lib/plot';
import { InvalidArgumentError, QuantlabError } from '../../lib/util/errors';

const BUNDLE_MARKER = 'embedded for offline rendering';
const figure: Figure = { data: [{ type: 'scatter', x: [1, 2, 3], y: Float64Array.from([1, NaN, 2]) }], layout: { title: { text: 't' } } };

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The JSON assigned to `var figure = ...;` in a fragment's own script. */
function embeddedFigure(html: string): { data: Record<string, unknown>[]; layout: Record<string, unknown>; config: Record<string, unknown> } {
  const match = /var figure = (.*);\n/.exec(html);
  if (!match) throw new Error('no figure payload found');
  return JSON.parse(match[1]!);
}

describe('figureHtml', () => {
  it('embeds plotly.js once per process (first call only), then on request', () => {
    resetPlotlyJsEmbedding();
    const first = figureHtml(figure);
    const second = figureHtml(figure);
    expect(count(first, BUNDLE_MARKER)).toBe(1);
    expect(count(second, BUNDLE_MARKER)).toBe(0);
    expect(first.length).toBeGreaterThan(1_000_000); // the real bundle, not a link
    expect(second.length).toBeLessThan(10_000);
    expect(count(figureHtml(figure, { includePlotlyJs: true }), BUNDLE_MARKER)).toBe(1);
    resetPlotlyJsEmbedding();
    expect(count(figureHtml(figure, { includePlotlyJs: false }), BUNDLE_MARKER)).toBe(0);
    expect(count(figureHtml(figure), BUNDLE_MARKER)).toBe(1); // explicit false did not use up the auto slot
  });

  it('never references a CDN or any network URL for plotly.js', () => {
    // (The bundle's own text mentions URLs it may fetch on request, e.g. map tiles; the page
    // test proves a line chart needs none of them.) Booleans keep a 4.8 MB string out of failures.
    const html = figureHtml(figure, { includePlotlyJs: true });
    expect(/<script[^>]+src=/i.test(html)).toBe(false);
    const ownPart = html.slice(html.indexOf('<div id='));
    expect(/https?:/i.test(ownPart)).toBe(false);
  });

  it('gives every figure a unique div id that its script targets', () => {
    const a = figureHtml(figure, { includePlotlyJs: false });
    const b = figureHtml(figure, { includePlotlyJs: false });
    const idA = /<div id="([^"]+)"/.exec(a)![1]!;
    const idB = /<div id="([^"]+)"/.exec(b)![1]!;
    expect(idA).not.toBe(idB);
    expect(a).toContain(`var id = "${idA}"`);
    expect(a).toContain('Plotly.newPlot');
    expect(a).toContain('height:450px');
    expect(figureHtml(figure, { includePlotlyJs: false, height: 300 })).toContain('height:300px');
  });

  it('escapes data so a "</script>" in a name cannot break out of the script element', () => {
    const hostile = '</script><script>window.hacked=1</script><!-- & \u2028';
    const html = figureHtml({ data: [{ type: 'scatter', name: hostile, y: [1] }] }, { includePlotlyJs: false });
    // Exactly one script element opens and closes: the figure's own.
    expect(count(html.toLowerCase(), '<script')).toBe(1);
    expect(count(html.toLowerCase(), '</script')).toBe(1);
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('\u2028');
    // ...and the name survives the round trip unchanged.
    expect(embeddedFigure(html).data[0]!.name).toBe(hostile);
  });

  it('serialises typed arrays as arrays and NaN as null (a gap)', () => {
    const parsed = embeddedFigure(figureHtml(figure, { includePlotlyJs: false }));
    expect(parsed.data[0]!.y).toEqual([1, null, 2]);
    expect(parsed.config).toMatchObject({ responsive: true });
    expect(parsed.layout).toEqual({ title: { text: 't' } });
  });

  it('rejects malformed figures and unknown options', () => {
    expect(() => figureHtml({ layout: {} } as unknown as Figure)).toThrow(InvalidArgumentError);
    expect(() => figureHtml(figure, { height: -1 })).toThrow(/options.height = -1/);
    expect(() => figureHtml(figure, { includePlotly: true } as never)).toThrow(/options.includePlotly/);
    expect(() => figureHtml({ ...figure, frames: [] } as never)).toThrow(/figure.frames/);
  });
});

describe('standalonePage', () => {
  it('holds one copy of plotly.js whatever the process state, and declares utf-8', () => {
    resetPlotlyJsEmbedding();
    figureHtml(figure); // uses up the once-per-process slot
    const page = standalonePage([figure, figure], { title: 'a <b> c' });
    expect(count(page, BUNDLE_MARKER)).toBe(1);
    expect(page.indexOf(BUNDLE_MARKER)).toBeLessThan(page.indexOf('<div id='));
    expect(count(page, 'class="quantlab-plot"')).toBe(2);
    expect(page.includes('<meta charset="utf-8">')).toBe(true);
    expect(page.includes('<title>a &#60;b&#62; c</title>')).toBe(true);
  });

  it('reads plotly.js from the installed plotly.js-dist-min package', () => {
    const bundle = fs.readFileSync(require.resolve('plotly.js-dist-min'), 'utf8');
    const page = standalonePage([figure]);
    expect(page.includes(bundle.slice(0, 2000))).toBe(true);
    expect(page.includes(bundle.slice(-200))).toBe(true);
  });
});

describe('show', () => {
  it('throws a clear error outside a tslab kernel and keeps the bundle for the next figure', () => {
    resetPlotlyJsEmbedding();
    expect(() => show(figure)).toThrow(QuantlabError);
    expect(() => show(figure)).toThrow(/only display inside a tslab notebook kernel/);
    // The failed show() did not consume the once-per-process plotly.js embedding.
    expect(count(figureHtml(figure), BUNDLE_MARKER)).toBe(1);
  });
});

describe('lineFigure', () => {
  it('shows epoch-ms x as ISO dates on a date axis, NaN y kept as a gap', () => {
    const day = Date.UTC(2024, 0, 2);
    const fig = lineFigure(
      [
        { name: 'equity', x: Float64Array.from([day, day + 86_400_000]), y: Float64Array.from([1, NaN]) },
        { name: 'intraday', x: [day + 3_600_000 * 13.5], y: Float64Array.from([2]) },
      ],
      { title: { text: 'Equity' }, xaxis: { title: { text: 'date' } } },
    );
    expect(fig.data[0]).toMatchObject({ type: 'scatter', mode: 'lines', name: 'equity', x: ['2024-01-02', '2024-01-03'] });
    expect(fig.data[1]!.x).toEqual(['2024-01-02 13:30:00.000']);
    expect(fig.layout).toEqual({ title: { text: 'Equity' }, xaxis: { type: 'date', title: { text: 'date' } } });
  });

  it("plots numbers as they are with xKind 'number' and passes strings through", () => {
    const fig = lineFigure([{ name: 'a', x: Float64Array.from([0, 1]), y: Float64Array.from([3, 4]) }], {}, { xKind: 'number' });
    expect(fig.data[0]!.x).toEqual([0, 1]);
    expect(fig.layout).toEqual({ xaxis: {} });
    const cats = lineFigure([{ name: 'b', x: ['2024-01-02', '2024-01-03'], y: Float64Array.from([1, 2]) }]);
    expect(cats.data[0]!.x).toEqual(['2024-01-02', '2024-01-03']);
  });

  it('turns string titles (which plotly.js 3 no longer draws) into { text } on the figure and every axis', () => {
    const fig = lineFigure([{ name: 'a', x: Float64Array.from([0, 1]), y: Float64Array.from([3, 4]) }],
      { title: 'Loss', xaxis: { title: 'epoch' }, yaxis: { title: 'BCE', type: 'log' }, yaxis2: { title: { text: 'kept' } } }, { xKind: 'number' });
    expect(fig.layout).toEqual({ title: { text: 'Loss' }, xaxis: { title: { text: 'epoch' } }, yaxis: { title: { text: 'BCE' }, type: 'log' }, yaxis2: { title: { text: 'kept' } } });
  });

  it('rejects misaligned series', () => {
    expect(() => lineFigure([{ name: 'a', x: [1, 2], y: Float64Array.from([1]) }])).toThrow(/series\[0\].x/);
    expect(() => lineFigure([])).toThrow(/series/);
    expect(() => lineFigure([{ name: 'a', x: [1], y: [1] as unknown as Float64Array }])).toThrow(/series\[0\].y/);
  });
});
