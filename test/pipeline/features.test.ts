// The default feature set as a whole: the research path (computeFeatures) and the live path
// (FeatureStreamer) agree to 1e-12 on every column, and no value at t moves when the bars after t
// are removed, at random (seeded) cut points.
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../../lib/data/bars';
import { computeFeatures, FeatureStreamer, featureSetFromJSON, featureSetFingerprint } from '../../lib/features/registry';
import { createFeatureRegistry, defaultFeatureSet, DEFAULT_FEATURE_REQUESTS } from '../../lib/pipeline/features';
import { createRng } from '../../lib/util/random';
import { sp500Bars } from '../features/kind-contract';

describe('default feature set', () => {
  const registry = createFeatureRegistry();
  const set = defaultFeatureSet(registry);

  it('has 40+ features in 60+ columns from 30+ kinds, and round-trips through JSON', () => {
    const table = computeFeatures(sliceBars(sp500Bars(), 0, 300), set, registry);
    expect(table.names.length).toBeGreaterThanOrEqual(60);
    expect(new Set(set.features.map((f) => f.kind)).size).toBeGreaterThanOrEqual(30);
    expect(DEFAULT_FEATURE_REQUESTS.length).toBeGreaterThanOrEqual(35);
    expect(new Set(table.names).size).toBe(table.names.length);
    const back = featureSetFromJSON(JSON.parse(JSON.stringify(set)), registry);
    expect(featureSetFingerprint(back)).toBe(featureSetFingerprint(set));
  });

  it('streams every column exactly as the batch computes it (1e-12)', () => {
    const bars = sliceBars(sp500Bars(), 0, 1500);
    const table = computeFeatures(bars, set, registry);
    const streamer = new FeatureStreamer(set, registry);
    for (let t = 0; t < bars.time.length; t++) {
      const row = streamer.update({ time: bars.time[t]!, open: bars.open[t]!, high: bars.high[t]!, low: bars.low[t]!, close: bars.close[t]!, volume: bars.volume[t]! });
      for (let j = 0; j < table.columns.length; j++) {
        const a = table.columns[j]![t]!, b = row[j]!;
        if (!(Object.is(a, b) || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)))) {
          expect.fail(`${table.names[j]} at row ${t}: batch ${a}, streaming ${b}`);
        }
      }
    }
  });

  it('never looks ahead: values up to a random cut are identical with and without the later bars', () => {
    const bars = sp500Bars();
    const full = computeFeatures(bars, set, registry);
    const rng = createRng(20261129);
    const cuts = Array.from({ length: 6 }, () => 1 + Math.floor(rng.uniform() * (bars.time.length - 1)));
    for (const cut of [...cuts, 1, 2, 201]) {
      const head = computeFeatures(sliceBars(bars, 0, cut), set, registry);
      head.columns.forEach((col, j) => {
        const t = col.findIndex((v, i) => !Object.is(v, full.columns[j]![i]));
        expect(t, `${head.names[j]} at row ${t} changes when the bars after ${cut} are removed`).toBe(-1);
      });
    }
  });
});
