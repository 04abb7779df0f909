// The pairs dataset on the real 20-stock universe (skfolio's sp500_dataset, adjusted closes).
// Everything estimated is fitted on the formation window only; so removing bars after any cut
// point must leave every feature before the cut, and every label whose horizon ends before it,
// unchanged, and the spec (pair, hedge ratio, GARCH parameters) identical.
import { beforeAll, describe, expect, it } from 'vitest';
import { readClosePanelCsv, type ClosePanel } from '../../lib/data/panel';
import { buildPairsDataset, closeBars, type PairsDataset } from '../../lib/pipeline/pairs';
import { screenPairs } from '../../lib/stats/screen';
import { rowsBetween } from '../../lib/data/bars';
import { STOCKS20_GZ } from '../data/fixtures';

const FORMATION = { from: '2012-01-01', to: '2015-12-31' };
let panel: ClosePanel;
let data: PairsDataset;

function truncated(p: ClosePanel, end: number): ClosePanel {
  return { time: p.time.subarray(0, end), symbols: p.symbols, close: p.close.map((c) => c.subarray(0, end)) };
}

beforeAll(() => {
  const full = readClosePanelCsv(STOCKS20_GZ);
  // From 2005 so that every symbol has prices (no gaps) and the run stays quick.
  const { start } = rowsBetween(full.time, '2005-01-01', '2022-12-31');
  panel = { time: full.time.subarray(start), symbols: full.symbols, close: full.close.map((c) => c.subarray(start)) };
  data = buildPairsDataset(panel, { formation: FORMATION });
});

describe('buildPairsDataset', () => {
  it("chooses the screen's best pair on the formation window and says whether it survives Benjamini-Hochberg", () => {
    const rows = rowsBetween(panel.time, FORMATION.from, FORMATION.to);
    const screen = screenPairs(panel.symbols.map((symbol, i) => ({ symbol, close: panel.close[i]!.subarray(rows.start, rows.end) })));
    expect([data.spec.y, data.spec.x]).toEqual([screen.rows[0]!.y, screen.rows[0]!.x]);
    expect(data.spec.hedgeRatio).toBe(screen.rows[0]!.hedgeRatio);
    expect(typeof data.screen!.rejected).toBe('boolean');
    expect(data.formationRows).toEqual(rows);
  });

  it('has spread, spread-GARCH and leg-GARCH features and a reversion label carrying its horizon', () => {
    expect(data.names).toContain('spread.z');
    expect(data.names).toContain('spread.garch.standardized');
    expect(data.names).toContain(`${data.spec.y}.garch.forecast`);
    expect(data.names).toContain('spread.dspread.lag5');
    expect(data.columns.every((c) => c.length === data.time.length)).toBe(true);
    expect(data.label.horizon).toBe(10);
    const y = closeBars(panel, data.spec.y).close, x = closeBars(panel, data.spec.x).close;
    const t = data.time.length - 1;
    const spread = Math.log(y[t]!) - data.spec.hedgeRatio * Math.log(x[t]!) - data.spec.intercept;
    // sma5 of the spread at t averages the last five spreads.
    let sum = 0;
    for (let k = 0; k < 5; k++) sum += Math.log(y[t - k]!) - data.spec.hedgeRatio * Math.log(x[t - k]!) - data.spec.intercept;
    expect(data.columns[data.names.indexOf('spread.sma5')]![t]).toBeCloseTo(sum / 5, 12);
    expect(Number.isFinite(spread)).toBe(true);
    const labelled = data.label.values.filter(Number.isFinite);
    expect(labelled.length).toBeGreaterThan(1000);
  });

  it('never looks ahead: cutting the history after the formation window changes no earlier value', () => {
    for (const cut of [data.formationRows.end + 1, data.formationRows.end + 250, panel.time.length - 3]) {
      const head = buildPairsDataset(truncated(panel, cut), { formation: FORMATION });
      expect(JSON.stringify(head.spec)).toBe(JSON.stringify(data.spec));
      head.columns.forEach((col, j) => {
        const t = col.findIndex((v, i) => !Object.is(v, data.columns[j]![i]));
        expect(t, `${head.names[j]} at row ${t} changes when bars after ${cut} are removed`).toBe(-1);
      });
      const h = data.label.horizon;
      for (let t = 0; t + h < cut; t++) expect(Object.is(head.label.values[t], data.label.values[t]), `label ${t}`).toBe(true);
    }
  });

  it('names bad input', () => {
    expect(() => buildPairsDataset(panel, { formation: FORMATION, pair: { y: 'AAPL', x: 'NOPE' } })).toThrow(/symbol = "NOPE": is not in the panel/);
    expect(() => buildPairsDataset(panel, {} as never)).toThrow(/options\.formation = undefined: is required/);
    expect(() => buildPairsDataset(panel, { formation: FORMATION, window: 3 } as never)).toThrow(/options\.window = 3: is not a known option/);
  });
});
