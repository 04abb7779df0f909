import { beforeAll, describe, expect, it } from 'vitest';
import { monteCarlo, parameterSweepGrid } from '../../lib/backtest/validation';
import {
  drawdownSeries, equityDrawdownFigure, monteCarloFanFigure, monthlyReturnsHeatmap, monthlyReturnsTable, sweepHeatmapFigure,
  tradeMarkersFigure, ENTRY_COLOR, EXIT_COLOR, MONTH_LABELS, RETURNS_COLORSCALE,
} from '../../lib/plot/backtest';
import { figureHtml } from '../../lib/plot';
import { createRng } from '../../lib/util/random';
import { dailyBars } from '../data/fixtures';
import { sp500Bars } from '../features/kind-contract';
import { runPython } from '../helpers/python';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
type Trace = Record<string, unknown>;
const payload = (fig: ReturnType<typeof equityDrawdownFigure>) => JSON.parse(/var figure = (.*);\n/.exec(figureHtml(fig, { includePlotlyJs: false }))![1]!);

describe('equityDrawdownFigure', () => {
  const time = Float64Array.from(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], day);
  const equity = Float64Array.of(1, 1.1, 0.99, 1.2);
  const benchmark = Float64Array.of(1, 1.05, 1, 0.9);

  it('draws equity and benchmark above their drawdowns on one x axis', () => {
    const fig = equityDrawdownFigure({ time, equity, benchmark, name: 'SMA' }, { title: 'SMA vs SPX' });
    const [eq, bm, dd, bdd] = fig.data as Trace[];
    expect(fig.data).toHaveLength(4);
    expect(eq).toMatchObject({ name: 'SMA', yaxis: 'y', xaxis: 'x', x: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'] });
    expect(bm).toMatchObject({ name: 'benchmark', yaxis: 'y' });
    expect(dd).toMatchObject({ name: 'SMA drawdown', yaxis: 'y2', xaxis: 'x', fill: 'tozeroy' });
    // 0.99 is 10% below the 1.1 peak; 1.2 is a new high.
    Array.from(dd!.y as Float64Array).forEach((v, i) => expect(v).toBeCloseTo([0, 0, -0.1, 0][i]!, 14));
    Array.from(bdd!.y as Float64Array).forEach((v, i) => expect(v).toBeCloseTo([0, 0, 1 / 1.05 - 1, 0.9 / 1.05 - 1][i]!, 14));
    expect(fig.layout).toMatchObject({ title: { text: 'SMA vs SPX' }, xaxis: { type: 'date', anchor: 'y2' }, yaxis: { domain: [0.35, 1] }, yaxis2: { domain: [0, 0.28], tickformat: '.0%' } });
    expect(payload(fig).data[2].y).toEqual([0, 0, expect.closeTo(-0.1, 14), 0]);
  });

  it('bar numbers on the x axis, no benchmark; NaN equity is a gap', () => {
    const fig = equityDrawdownFigure({ time: Float64Array.of(0, 1, 2), equity: Float64Array.of(1, NaN, 0.5) }, { xKind: 'number' });
    expect(fig.data).toHaveLength(2);
    expect((fig.data[0] as Trace).x).toEqual([0, 1, 2]);
    expect(Array.from(drawdownSeries(Float64Array.of(1, NaN, 0.5)))).toEqual([0, NaN, -0.5]);
    expect((fig.layout as Trace).xaxis).toEqual({ anchor: 'y2' });
  });

  it('rejects bad input', () => {
    expect(() => equityDrawdownFigure({ time: time.subarray(0, 3), equity })).toThrow(/^input\.time = array of length 3: must hold 4 values, one per point of the x axis/);
    expect(() => equityDrawdownFigure({ time, equity: Float64Array.of(1, -2, 1, 1) })).toThrow(/^input\.equity\[1\] = -2: must be a non-negative finite equity \(NaN for a gap\)\. Fix: pass equity as a multiple of the start/);
    expect(() => equityDrawdownFigure({ time, equity: [1, 2, 3, 4] as never })).toThrow(/^input\.equity = array of length 4: must be a Float64Array/);
    expect(() => equityDrawdownFigure({ time, equity, benchmark: benchmark.subarray(1) })).toThrow(/^input\.benchmark = array of length 3: must hold 4 values/);
    expect(() => equityDrawdownFigure({ time, equity }, { xKind: 'date' as never })).toThrow(/^options\.xKind = "date": must be 'epoch-ms' or 'number'/);
    expect(() => equityDrawdownFigure({ time, equity, drawdown: true } as never)).toThrow(/^input\.drawdown = true: is not a known option/);
  });
});

describe('tradeMarkersFigure', () => {
  const dates = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08'];
  const bars = dailyBars(dates, [100, 102, 101, 105, 104], 1000, 'ABC');

  it('puts green entries and red exits on the candles, at bar dates', () => {
    const fig = tradeMarkersFigure(bars, [
      { entryTime: day('2024-03-04'), entryPrice: 100, exitTime: day('2024-03-07'), exitPrice: 105 },
      { entryTime: day('2024-03-07'), entryPrice: 105, side: 'short' }, // still open
    ]);
    expect(fig.data.map((t) => (t as Trace).type)).toEqual(['candlestick', 'scatter', 'scatter']);
    const [, entries, exits] = fig.data as Trace[];
    expect(entries).toMatchObject({ name: 'entries', x: ['2024-03-04', '2024-03-07'], y: [100, 105], marker: { color: ENTRY_COLOR, symbol: ['triangle-up', 'triangle-down'] } });
    expect(exits).toMatchObject({ name: 'exits', x: ['2024-03-07'], y: [105], text: ['long exit, 5.00%'], marker: { color: EXIT_COLOR, symbol: 'x' } });
    expect(fig.layout).toMatchObject({ showlegend: true, xaxis: { type: 'date' } });
    expect(fig.layout).not.toHaveProperty('yaxis2'); // no volume panel by default
    const short = tradeMarkersFigure(bars, [{ entryTime: day('2024-03-05'), entryPrice: 102, exitTime: day('2024-03-08'), exitPrice: 104, side: 'short' }]);
    expect((short.data[2] as Trace).text).toEqual([`short exit, ${(100 * (102 / 104 - 1)).toFixed(2)}%`]);
  });

  it('rejects trades off the bars and malformed trades', () => {
    const t = day('2024-03-05');
    const cases: [unknown[], RegExp][] = [
      [[{ entryTime: day('2024-03-09'), entryPrice: 100 }], /^trades\[0\]\.entryTime = 1709942400000: is not the time of one of the ABC bars\. Fix: pass the epoch-ms time/],
      [[{ entryTime: t, entryPrice: 100, exitTime: day('2024-03-04'), exitPrice: 99 }], /^trades\[0\]\.exitTime = 1709510400000: is before the entry/],
      [[{ entryTime: t, entryPrice: 100, exitTime: day('2024-03-06') }], /^trades\[0\] = .*has only one of exitTime and exitPrice/],
      [[{ entryTime: t, entryPrice: 0 }], /^trades\[0\]\.entryPrice = 0: must be a positive price/],
      [[{ entryTime: t, entryPrice: 100, side: 'flat' }], /^trades\[0\]\.side = "flat": must be 'long' or 'short'/],
      [[{ entryTime: t, entryPrice: 100, size: 3 }], /^trades\[0\]\.size = 3: is not a known option/],
    ];
    for (const [trades, message] of cases) expect(() => tradeMarkersFigure(bars, trades as never)).toThrow(message);
    expect(() => tradeMarkersFigure(bars, [], { last: 3 } as never)).toThrow(/^options\.last = 3: is not a known option/);
  });
});

describe('monthlyReturnsTable and monthlyReturnsHeatmap', () => {
  // Reference: quantstats 0.0.86 stats.monthly_returns(r, eoy=True, compounded=True) on the S&P 500
  // sample's daily returns 2005-2018 (every month has bars); tolerance 1e-12.
  let ref: { years: number[]; table: number[][] };
  let r: Float64Array, time: Float64Array;

  beforeAll(() => {
    const bars = sp500Bars();
    const start = bars.time.findIndex((t) => t >= day('2005-01-01'));
    time = bars.time.slice(start + 1);
    r = Float64Array.from(time, (_, i) => bars.close[start + 1 + i]! / bars.close[start + i]! - 1);
    ref = runPython(`
import pandas as pd, quantstats as qs
r = pd.Series(inp['r'], index=pd.to_datetime(inp['time'], unit='ms'))
m = qs.stats.monthly_returns(r, eoy=True, compounded=True)
print(json.dumps({'years': [int(y) for y in m.index], 'table': m.values.astype(float).tolist()}))
`, { r: Array.from(r), time: Array.from(time) });
  });

  it('compounds a three-month input by hand, with the yearly total', () => {
    const time3 = Float64Array.from(['2024-01-02', '2024-01-31', '2024-02-01', '2024-03-15'], day);
    const r3 = Float64Array.of(0.1, -0.05, 0.02, NaN);
    const table = monthlyReturnsTable(r3, time3);
    expect(table.years).toEqual([2024]);
    expect(table.months[0]![0]).toBeCloseTo(1.1 * 0.95 - 1, 15);
    expect(table.months[0]![1]).toBeCloseTo(0.02, 15);
    expect(table.months[0]![2]).toBe(0); // a NaN return counts as 0, the month still has a bar
    expect(Array.from(table.months[0]!.subarray(3)).every(Number.isNaN)).toBe(true);
    expect(table.yearly[0]).toBeCloseTo(1.1 * 0.95 * 1.02 - 1, 15);

    const fig = monthlyReturnsHeatmap(r3, time3, { title: 'Monthly' });
    const trace = fig.data[0] as Trace;
    expect(trace).toMatchObject({ type: 'heatmap', x: [...MONTH_LABELS, 'Year'], y: ['2024'], texttemplate: '%{z:.1%}', zmin: expect.closeTo(-0.045, 14), zmax: expect.closeTo(0.045, 14) });
    expect(trace.colorscale).toEqual(RETURNS_COLORSCALE);
    const z = (trace.z as number[][])[0]!;
    expect(z).toHaveLength(13);
    expect(z[0]).toBeCloseTo(0.045, 14);
    expect(z[12]).toBeCloseTo(1.1 * 0.95 * 1.02 - 1, 14);
    expect(fig.layout).toMatchObject({ title: { text: 'Monthly' }, xaxis: { side: 'top' } });
  });

  it('equals quantstats monthly_returns on 14 years of S&P 500 returns', () => {
    const table = monthlyReturnsTable(r, time);
    expect(table.years).toEqual(ref.years);
    table.months.forEach((row, i) => {
      row.forEach((v, m) => expect(Math.abs(v - ref.table[i]![m]!)).toBeLessThan(1e-12));
      expect(Math.abs(table.yearly[i]! - ref.table[i]![12]!)).toBeLessThan(1e-12);
    });
  });

  it('skips calendar years without bars, and rejects bad input', () => {
    const t = Float64Array.from(['2020-06-01', '2022-06-01'], day);
    expect(monthlyReturnsTable(Float64Array.of(0.01, 0.02), t).years).toEqual([2020, 2022]);
    expect(() => monthlyReturnsTable(Float64Array.of(0.01, 0.02), t.slice().reverse())).toThrow(/^time\[1\] = 1590969600000: is before time\[0\] = 1654041600000\. Fix: sort the returns by time/);
    expect(() => monthlyReturnsTable(Float64Array.of(0.01), t)).toThrow(/^time = array of length 2: must hold 1 values/);
    expect(() => monthlyReturnsTable(Float64Array.of(0.01, Infinity), t)).toThrow(/^returns\[1\] = Infinity: is infinite/);
    expect(() => monthlyReturnsTable(Float64Array.of(0.01, 0.02), Float64Array.of(0, NaN))).toThrow(/^time\[1\] = NaN: is not a timestamp/);
    expect(() => monthlyReturnsHeatmap(Float64Array.of(0.01, 0.02), t, { title: 3 } as never)).toThrow(/^options\.title = 3: must be a string/);
  });
});

describe('monteCarloFanFigure', () => {
  const fan = { steps: Int32Array.of(0, 1, 2), quantiles: [0.05, 0.25, 0.5, 0.75, 0.95], bands: [[1, 0.9, 0.8], [1, 0.95, 0.9], [1, 1, 1], [1, 1.05, 1.1], [1, 1.1, 1.2]].map((b) => Float64Array.from(b)) };

  it('draws nested bands outside-in (lower edge, then upper filled to it) and the median', () => {
    const fig = monteCarloFanFigure(fan, { observed: Float64Array.of(1, 1.02, 1.05), title: 'fan' });
    const traces = fig.data as Trace[];
    expect(traces.map((t) => t.name)).toEqual(['5%', '5% to 95%', '25%', '25% to 75%', '50% quantile', 'observed']);
    expect(traces.map((t) => t.fill ?? null)).toEqual([null, 'tonexty', null, 'tonexty', null, null]);
    expect(traces[0]!.y).toBe(fan.bands[0]);
    expect(traces[1]!.y).toBe(fan.bands[4]);
    expect(traces[3]!.y).toBe(fan.bands[3]);
    expect(traces[0]!.x).toEqual([0, 1, 2]);
    // The inner band is darker than the outer one.
    const alpha = (t: Trace) => Number(/, ([\d.]+)\)$/.exec(t.fillcolor as string)![1]);
    expect(alpha(traces[3]!)).toBeGreaterThan(alpha(traces[1]!));
    expect(fig.layout).toMatchObject({ title: { text: 'fan' }, xaxis: { title: { text: 'bars' } } });
  });

  it("draws monteCarlo's fan as it comes", () => {
    const x = Float64Array.from({ length: 300 }, (_, t) => 0.001 + 0.01 * Math.sin(t * 1.7));
    const result = monteCarlo({ returns: x, samples: 200, rng: createRng(3), fan: true });
    const fig = monteCarloFanFigure(result.fan!);
    expect(fig.data).toHaveLength(5);
    expect((fig.data[4] as Trace).y).toBe(result.fan!.bands[2]);
  });

  it('rejects bad input', () => {
    expect(() => monteCarloFanFigure({ ...fan, quantiles: [0.5, 0.25, 0.05, 0.75, 0.95] })).toThrow(/^fan\.quantiles = array of length 5: must be ascending numbers in \(0, 1\)/);
    expect(() => monteCarloFanFigure({ ...fan, bands: fan.bands.slice(1) })).toThrow(/^fan\.bands = array of length 4: must hold 5 series, one per quantile/);
    expect(() => monteCarloFanFigure({ ...fan, bands: [...fan.bands.slice(1), Float64Array.of(1)] })).toThrow(/^fan\.bands\[4\] = array of length 1: must hold 3 values/);
    expect(() => monteCarloFanFigure(fan, { observed: Float64Array.of(1) })).toThrow(/^options\.observed = array of length 1: must hold 3 values/);
    expect(() => monteCarloFanFigure(fan, { color: 'blue' })).toThrow(/^options\.color = "blue": must be a #rrggbb colour/);
    expect(() => monteCarloFanFigure({ ...fan, steps: [] })).toThrow(/^fan\.steps = array of length 0: must hold at least one step/);
  });
});

describe('sweepHeatmapFigure', () => {
  const grid = parameterSweepGrid([
    { fast: 10, slow: 50, sharpe: 0.4 }, { fast: 20, slow: 50, sharpe: 0.6 },
    { fast: 10, slow: 100, sharpe: 0.5 }, { fast: 20, slow: 100, sharpe: NaN },
  ], { x: 'fast', y: 'slow', metric: 'sharpe' });

  it('labels the axes with the parameters, the colour range with the data, lowest y at the bottom', () => {
    const fig = sweepHeatmapFigure(grid, { title: 'Sharpe by window' });
    const trace = fig.data[0] as Trace;
    expect(trace).toMatchObject({ type: 'heatmap', x: ['10', '20'], y: ['50', '100'], z: [[0.4, 0.6], [0.5, NaN]], zmin: 0.4, zmax: 0.6, colorscale: 'Viridis', colorbar: { title: { text: 'sharpe' } } });
    expect(trace.hovertemplate).toBe('fast %{x}, slow %{y}: sharpe %{z:.3f}<extra></extra>');
    expect(fig.layout).toMatchObject({ title: { text: 'Sharpe by window' }, xaxis: { title: { text: 'fast' }, type: 'category' }, yaxis: { autorange: true, title: { text: 'slow' } } });
    const fixed = sweepHeatmapFigure(grid, { zmin: 0, zmax: 2, colorscale: 'RdBu' }).data[0] as Trace;
    expect(fixed).toMatchObject({ zmin: 0, zmax: 2, colorscale: 'RdBu' });
    const flat = sweepHeatmapFigure({ ...grid, z: [[1, 1], [1, 1]] }).data[0] as Trace;
    expect(flat).toMatchObject({ zmin: 0.5, zmax: 1.5 });
  });

  it('rejects bad input', () => {
    expect(() => sweepHeatmapFigure({ ...grid, metric: undefined as never })).toThrow(/^grid\.metric = undefined: must be a name/);
    expect(() => sweepHeatmapFigure({ ...grid, z: grid.z.slice(1) })).toThrow(/^matrix = array of length 1: must be an array of 2 rows/);
    expect(() => sweepHeatmapFigure(grid, { zmin: 3, zmax: 1 })).toThrow(/^options\.zmax = 1: must be above options\.zmin \(3\)/);
    expect(() => sweepHeatmapFigure(grid, { scale: 'x' } as never)).toThrow(/^options\.scale = "x": is not a known option/);
  });
});
