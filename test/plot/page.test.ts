// Real-browser checks: figures must render from a local file in headless Chromium with every
// network request blocked, as a reader of an exported notebook or report would see them offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { figureHtml, lineFigure, resetPlotlyJsEmbedding, standalonePage } from '../../lib/plot';
import { withOfflinePage } from '../helpers/browser';

// The page.evaluate callbacks run in the browser. The project compiles without the DOM lib, so
// the few DOM names they use are declared here, local to this module.
interface BrowserElement {
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  readonly innerText: string;
}
declare const document: {
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  readonly body: BrowserElement;
};
declare const window: { readonly hacked?: number };

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-plot-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writePage(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${name}</title></head><body>\n${body}\n</body></html>`);
  return pathToFileURL(file).href;
}

const day = Date.UTC(2024, 0, 2);
const times = Float64Array.from({ length: 30 }, (_, i) => day + i * 86_400_000);
const equity = lineFigure(
  [
    { name: 'strategy', x: times, y: Float64Array.from(times, (_, i) => 1 + 0.01 * i) },
    { name: 'buy & hold </script><script>window.hacked = 1</script>', x: times, y: Float64Array.from(times, (_, i) => 1 + 0.02 * Math.sin(i)) },
  ],
  { title: { text: 'Equity' } },
);
const drawdown = lineFigure([{ name: 'drawdown', x: times, y: Float64Array.from(times, (_, i) => (i % 7 === 3 ? NaN : -0.01 * (i % 5))) }]);

/** Waits until `count` plots exist, then reports what each drew. */
async function renderedPlots(page: Page, count: number): Promise<{ plots: number; mainSvgs: number; drawnTraces: number[]; errors: string[] }> {
  // newPlot is asynchronous: wait until every plot has drawn its trace layer.
  await page.waitForFunction(
    (n) => document.querySelectorAll('.js-plotly-plot').length >= n && Array.from(document.querySelectorAll('.js-plotly-plot')).every((p) => p.querySelector('g.trace.scatter path.js-line') !== null),
    count,
    { timeout: 20_000 },
  );
  return page.evaluate(() => ({
    plots: document.querySelectorAll('.js-plotly-plot').length,
    mainSvgs: document.querySelectorAll('.js-plotly-plot .main-svg').length,
    // Per plot, the traces actually drawn: a trace group holding a line path with a segment
    // (plotly splits a line at NaN gaps into several paths, and a straight line is just "M..L..").
    drawnTraces: Array.from(document.querySelectorAll('.js-plotly-plot')).map(
      (plot) => Array.from(plot.querySelectorAll('g.trace.scatter')).filter((trace) =>
        Array.from(trace.querySelectorAll('path.js-line')).some((p) => /^M[\d.,-]+L[\d.,-]+/.test(p.getAttribute('d') ?? '')),
      ).length,
    ),
    errors: Array.from(document.querySelectorAll('[data-plot-error]')).map((el) => el.getAttribute('data-plot-error') ?? ''),
  }));
}

describe('figures in headless Chromium, network off', () => {
  it('two figureHtml fragments (bundle in the first only) both render, hostile names stay text', async () => {
    resetPlotlyJsEmbedding();
    const first = figureHtml(equity);
    const second = figureHtml(drawdown, { height: 300 });
    const url = writePage('two.html', first + '\n' + second);
    await withOfflinePage(url, async (page, info) => {
      const result = await renderedPlots(page, 2);
      expect(result.plots).toBe(2);
      expect(result.drawnTraces).toEqual([2, 1]);
      expect(result.errors).toEqual([]);
      expect(await page.evaluate(() => window.hacked)).toBeUndefined();
      const legend = await page.evaluate(() => Array.from(document.querySelectorAll('.legendtext')).map((t) => t.textContent));
      expect(legend).toContain('buy & hold </script><script>window.hacked = 1</script>');
      // The placeholder text was replaced by the chart.
      expect(await page.evaluate(() => document.body.innerText.includes('Loading chart'))).toBe(false);
      expect(info.blockedRequests).toEqual([]);
      expect(info.errors).toEqual([]);
    });
  });

  it('a figure placed before the fragment carrying plotly.js still renders (it waits)', async () => {
    resetPlotlyJsEmbedding();
    const carrier = figureHtml(equity);
    const early = figureHtml(drawdown);
    const url = writePage('order.html', early + '\n' + carrier);
    await withOfflinePage(url, async (page, info) => {
      const result = await renderedPlots(page, 2);
      expect(result.plots).toBe(2);
      expect(result.drawnTraces).toEqual([1, 2]);
      expect(info.errors).toEqual([]);
    });
  });

  it('without plotly.js anywhere, the div shows a visible error instead of staying blank', async () => {
    const url = writePage('missing.html', figureHtml(drawdown, { includePlotlyJs: false, plotlyWaitMs: 300 }));
    await withOfflinePage(url, async (page) => {
      await page.waitForSelector('[data-plot-error]', { timeout: 10_000 });
      const text = await page.evaluate(() => document.querySelector('.quantlab-plot')!.innerText);
      expect(text).toMatch(/plotly\.js did not load within 300 ms/);
      expect(await page.evaluate(() => document.querySelectorAll('.js-plotly-plot').length)).toBe(0);
    });
  });

  it('standalonePage renders all its figures', async () => {
    const file = path.join(dir, 'standalone.html');
    fs.writeFileSync(file, standalonePage([equity, drawdown], { title: 'report' }));
    await withOfflinePage(pathToFileURL(file).href, async (page, info) => {
      const result = await renderedPlots(page, 2);
      expect(result.drawnTraces).toEqual([2, 1]);
      expect(await page.title()).toBe('report');
      expect(info.blockedRequests).toEqual([]);
    });
  });
});
