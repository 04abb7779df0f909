// Real-browser check of the candlestick and heatmap figures: drawn from a local file in headless
// Chromium with the network off, without a console error, with the hidden gaps and the colours
// actually as specified (plotly ignores many malformed settings silently, so the JSON tests alone
// cannot tell).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bars } from '../../lib/data/bars';
import { candlestickFigure, heatmapFigure, standalonePage } from '../../lib/plot';
import { withOfflinePage } from '../helpers/browser';

// The page.evaluate callbacks run in the browser; the project compiles without the DOM lib.
interface BrowserElement {
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  getAttribute(name: string): string | null;
}
interface Pixels { readonly data: ArrayLike<number> }
declare const document: {
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d'): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): Pixels } };
};
declare class Image { src: string; readonly naturalWidth: number; readonly naturalHeight: number; decode(): Promise<void> }

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-plot-fin-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** 25 weekday bars from Tue 2024-01-02, Monday 2024-01-15 closed: gaps of 1, 3 and 4 days. */
function weekdayBars(): Bars {
  const time: number[] = [];
  for (let t = Date.UTC(2024, 0, 2); time.length < 25; t += 86_400_000) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6 && t !== Date.UTC(2024, 0, 15)) time.push(t);
  }
  const close = Float64Array.from(time, (_, i) => 100 + 3 * Math.sin(i / 3));
  return {
    symbol: 'TEST', time: Float64Array.from(time), close,
    open: Float64Array.from(close, (c, i) => c + (i % 2 === 0 ? -0.8 : 0.8)),
    high: Float64Array.from(close, (c) => c + 1.5), low: Float64Array.from(close, (c) => c - 1.5),
    volume: Float64Array.from(time, (_, i) => 1e6 + 1e4 * i),
  };
}

describe('candlestick and heatmap in headless Chromium, network off', () => {
  it('draw without a console error: evenly spaced candles over aligned volume bars, heatmap cells in the diverging colours', async () => {
    const bars = weekdayBars();
    const file = path.join(dir, 'financial.html');
    // Row 0 on top: [+1, -1] over [0, +1].
    const heatmap = heatmapFigure([[1, -1], [0, 1]], ['a', 'b'], ['a', 'b'], { title: 'correlations' });
    fs.writeFileSync(file, standalonePage([candlestickFigure(bars, { title: 'candles' }), heatmap]));
    await withOfflinePage(pathToFileURL(file).href, async (page, info) => {
      await page.waitForFunction(() => document.querySelectorAll('.js-plotly-plot').length === 2 &&
        document.querySelectorAll('.trace.boxes path.box').length > 0 && document.querySelectorAll('g.hm image').length > 0, undefined, { timeout: 20_000 });
      const drawn = await page.evaluate(() => ({
        // A candle's path: the body rectangle, then its wicks "M<centre>,<y>V..." after the Z.
        candles: Array.from(document.querySelectorAll('.trace.boxes path.box')).map((p) => Number(/ZM([\d.]+),/.exec(p.getAttribute('d') ?? '')?.[1])),
        // A volume bar's path "M<x0>,<y>V<y>H<x1>V<y>Z".
        volume: Array.from(document.querySelectorAll('.trace.bars .point path')).map((p) => {
          const m = /^M([\d.]+),[\d.]+V[\d.]+H([\d.]+)/.exec(p.getAttribute('d') ?? '');
          return m ? (Number(m[1]) + Number(m[2])) / 2 : NaN;
        }),
        heatmapImage: document.querySelectorAll('g.hm image')[0]!.getAttribute('href') ?? document.querySelectorAll('g.hm image')[0]!.getAttribute('xlink:href'),
        errors: Array.from(document.querySelectorAll('[data-plot-error]')).map((el) => el.getAttribute('data-plot-error')),
      }));
      expect(info.errors).toEqual([]);
      expect(info.blockedRequests).toEqual([]);
      expect(drawn.errors).toEqual([]);
      expect(drawn.candles).toHaveLength(25);
      expect(drawn.volume).toHaveLength(25);
      // Weekends and the holiday hidden: every step between candles is the same width.
      const steps = drawn.candles.slice(1).map((x, i) => x - drawn.candles[i]!);
      expect(Math.max(...steps) / Math.min(...steps)).toBeLessThan(1.05);
      // Shared x axis: each volume bar sits under its candle.
      drawn.volume.forEach((x, i) => expect(Math.abs(x - drawn.candles[i]!)).toBeLessThan(1));
      // plotly draws a heatmap as an image, one pixel per cell: read the cells' colours back.
      const pixels = await page.evaluate(async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(image, 0, 0);
        return { width: image.naturalWidth, height: image.naturalHeight, rgba: Array.from(ctx.getImageData(0, 0, image.naturalWidth, image.naturalHeight).data) };
      }, drawn.heatmapImage!);
      expect([pixels.width, pixels.height]).toEqual([2, 2]);
      const rgb = (col: number, row: number): number[] => pixels.rgba.slice(4 * (row * 2 + col), 4 * (row * 2 + col) + 3);
      expect(rgb(0, 0)).toEqual([0xb2, 0x18, 0x2b]); // a/a = +1, top left: dark red
      expect(rgb(1, 0)).toEqual([0x21, 0x66, 0xac]); // a/b = -1: dark blue
      expect(rgb(0, 1)).toEqual([0xf7, 0xf7, 0xf7]); // b/a = 0: near white
    });
  });
});
