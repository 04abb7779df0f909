import { describe, expect, it } from 'vitest';
import { DIVERGING_COLORSCALE, figureHtml, heatmapFigure } from '../../lib/plot';
import { InvalidArgumentError } from '../../lib/util/errors';

const labels = ['ret', 'rsi', 'vol'];
const corr = [Float64Array.from([1, 0.4, -0.7]), Float64Array.from([0.4, 1, NaN]), Float64Array.from([-0.7, NaN, 1])];

describe('heatmapFigure', () => {
  it('draws the matrix row by row, first row on top, on a fixed -1..1 diverging scale', () => {
    const fig = heatmapFigure(corr, labels, labels, { title: 'correlations' });
    const trace = fig.data[0] as Record<string, unknown>;
    expect(trace).toMatchObject({ type: 'heatmap', x: labels, y: labels, zmin: -1, zmax: 1 });
    expect(trace.z).toEqual([[1, 0.4, -0.7], [0.4, 1, NaN], [-0.7, NaN, 1]]);
    expect(trace.colorscale).toEqual(DIVERGING_COLORSCALE);
    expect(fig.layout).toMatchObject({ title: { text: 'correlations' }, yaxis: { autorange: 'reversed', type: 'category', dtick: 1 }, xaxis: { type: 'category', dtick: 1 } });
    // The scale is symmetric about a near-white middle: -rho and +rho get equally strong colours.
    const middle = DIVERGING_COLORSCALE.find(([at]) => at === 0.5);
    expect(middle?.[1]).toBe('#f7f7f7');
    expect(DIVERGING_COLORSCALE.map(([at]) => at)).toEqual(DIVERGING_COLORSCALE.map(([at]) => 1 - at).reverse());
  });

  it('labels every row and column, with small upright labels when there are many', () => {
    const few = heatmapFigure(corr, labels, labels).layout as Record<string, Record<string, unknown>>;
    expect(few.xaxis).toMatchObject({ tickangle: -45, dtick: 1 });
    expect(few.xaxis).not.toHaveProperty('tickfont');
    const names = Array.from({ length: 40 }, (_, i) => `f${i}`);
    const many = heatmapFigure(names.map(() => new Float64Array(40)), names, names).layout as Record<string, Record<string, unknown>>;
    expect(many.xaxis).toMatchObject({ tickangle: -90, dtick: 1, tickfont: { size: 10 } });
    expect(many.yaxis).toMatchObject({ dtick: 1, tickfont: { size: 10 } });
  });

  it('takes number[][] as well, rectangular matrices, and its own range and scale; NaN becomes an empty cell', () => {
    const fig = heatmapFigure([[0, 5, 10]], ['r'], ['a', 'b', 'c'], { zmin: 0, zmax: 10, colorscale: 'Viridis' });
    expect(fig.data[0]).toMatchObject({ z: [[0, 5, 10]], zmin: 0, zmax: 10, colorscale: 'Viridis' });
    expect(fig.layout).not.toHaveProperty('title');
    const html = figureHtml(heatmapFigure(corr, labels, labels), { includePlotlyJs: false });
    const payload = JSON.parse(/var figure = (.*);\n/.exec(html)![1]!);
    expect(payload.data[0].z[1]).toEqual([0.4, 1, null]);
  });

  it('does not share the default scale with the figure (mutating one leaves the other)', () => {
    const trace = heatmapFigure(corr, labels, labels).data[0] as { colorscale: [number, string][] };
    trace.colorscale[0]![1] = 'black';
    expect(DIVERGING_COLORSCALE[0]![1]).toBe('#2166ac');
  });

  it('rejects bad input, naming the argument, the value and the fix', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => heatmapFigure(corr.slice(0, 2), labels, labels), /^matrix = array of length 2: must be an array of 3 rows, one per row label\. Fix:/],
      [() => heatmapFigure([corr[0]!, corr[1]!.subarray(0, 2), corr[2]!], labels, labels), /^matrix\[1\] = array of length 2: must hold 3 numbers, one per column label\. Fix:/],
      [() => heatmapFigure([[1, '2' as never]], ['a'], ['a', 'b']), /^matrix\[0\]\[1\] = "2": must be a number/],
      [() => heatmapFigure(corr, ['ret', 'rsi', 'ret'], labels), /^rowLabels = "ret": appears twice .*Fix: make every label unique/],
      [() => heatmapFigure(corr, labels, []), /^colLabels = array of length 0: must be a non-empty array of strings\. Fix:/],
      [() => heatmapFigure(corr, labels, labels, { zmin: 1, zmax: -1 }), /^options\.zmax = -1: must be above options\.zmin \(1\)\. Fix: swap them/],
      [() => heatmapFigure(corr, labels, labels, { zmin: NaN }), /^options\.zmin = NaN: must be a finite number/],
      [() => heatmapFigure(corr, labels, labels, { colorscale: [[0, 'blue'], [0.2, 'red']] }), /^options\.colorscale = .*must start at position 0 and end at 1\. Fix:/],
      [() => heatmapFigure(corr, labels, labels, { colorscale: [[0, 'blue'], [1.5, 'red']] }), /^options\.colorscale\[1\]\[0\] = 1\.5: must be a position in 0\.\.1\. Fix: pass a plotly scale name/],
      [() => heatmapFigure(corr, labels, labels, { colorscale: [[0, 'blue'], [0, 'red'], [1, 'red']] }), /^options\.colorscale\[1\]\[0\] = 0: must be above the previous stop's position \(0\)/],
      [() => heatmapFigure(corr, labels, labels, { colorscale: [[0, 'blue'], [1, 3 as never]] }), /^options\.colorscale\[1\]\[1\] = 3: must be a CSS colour string/],
      [() => heatmapFigure(corr, labels, labels, { colorscale: [[0, 'blue'], 'red' as never] }), /^options\.colorscale\[1\] = "red": must be a \[position, colour\] pair/],
      [() => heatmapFigure(corr, labels, labels, { colourscale: 'RdBu' } as never), /^options\.colourscale = "RdBu": is not a known option\. Fix: use only: title, zmin, zmax, colorscale/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });
});
