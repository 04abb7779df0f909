import { describe, expect, it } from 'vitest';
import { sliceBars } from '../../lib/data/bars';
import { emaKind, smaKind } from '../../lib/features/moving-average';
import { rsiKind } from '../../lib/features/rsi';
import {
  computeFeatures, defineFeatureSet, featureSetFingerprint, featureSetFromJSON, FeatureRegistry, FeatureStreamer,
} from '../../lib/features/registry';
import type { FeatureKind } from '../../lib/features/kind';
import { sp500Bars } from './kind-contract';

const registry = () => new FeatureRegistry([smaKind, emaKind, rsiKind]);
const requests = [
  { name: 'sma20', kind: 'sma', params: { window: 20 } },
  { name: 'ema5', kind: 'ema', params: { window: 5, source: 'high' } },
  { name: 'rsi2', kind: 'rsi', params: { period: 2 } },
];

describe('feature registry', () => {
  it('completes parameters and pins kind versions in plain JSON that round-trips', () => {
    const set = defineFeatureSet('core', requests, registry());
    expect(set.features[0]).toEqual({ name: 'sma20', kind: 'sma', version: 1, params: { window: 20, source: 'close' } });
    const json = JSON.parse(JSON.stringify(set));
    const back = featureSetFromJSON(json, registry());
    expect(back).toEqual(set);
    expect(featureSetFingerprint(back)).toBe(featureSetFingerprint(set));
    expect(featureSetFingerprint(defineFeatureSet('core', [...requests].reverse(), registry()))).not.toBe(featureSetFingerprint(set));
  });

  it('computes the same table in batch and bar by bar', () => {
    const bars = sliceBars(sp500Bars(), 0, 600);
    const set = defineFeatureSet('core', requests, registry());
    const table = computeFeatures(bars, set, registry());
    expect(table.names).toEqual(['sma20', 'ema5', 'rsi2']);
    const streamer = new FeatureStreamer(set, registry());
    for (let t = 0; t < 600; t++) {
      const row = streamer.update({ time: bars.time[t]!, open: bars.open[t]!, high: bars.high[t]!, low: bars.low[t]!, close: bars.close[t]!, volume: bars.volume[t]! });
      table.columns.forEach((col, j) => expect(Object.is(row[j], col[t]), `${table.names[j]} at ${t}`).toBe(true));
    }
    expect(() => streamer.update({ time: bars.time[0]!, open: 1, high: 1, low: 1, close: 1, volume: 1 })).toThrow(/bar\.time = .*is not after the previous bar/);
  });

  it('refuses a saved set whose kind version changed, naming the kind and the fix', () => {
    const set = defineFeatureSet('core', requests, registry());
    const smaV2: FeatureKind<{ window: number; source: 'close' }> = { ...(smaKind as unknown as FeatureKind<{ window: number; source: 'close' }>), version: 2 };
    expect(() => featureSetFromJSON(JSON.parse(JSON.stringify(set)), new FeatureRegistry([smaV2, emaKind, rsiKind])))
      .toThrow(/json\.features\[0\]\.version = 1: the set was saved with sma v1, this library computes v2.*Fix: retrain the model/);
  });

  it('names the bad request', () => {
    const r = registry();
    expect(() => defineFeatureSet('x', [{ name: 'a', kind: 'smaa' }], r)).toThrow(/requests\[0\]\.kind = "smaa": is not a registered feature kind\. Fix: use one of: ema, rsi, sma/);
    expect(() => defineFeatureSet('x', [{ name: 'a', kind: 'sma' }, { name: 'a', kind: 'ema' }], r)).toThrow(/requests\[1\]\.name = "a": is used twice/);
    expect(() => defineFeatureSet('x', [{ name: '1a', kind: 'sma' }], r)).toThrow(/requests\[0\]\.name = "1a": must be an identifier/);
    expect(() => defineFeatureSet('x', [{ name: 'a', kind: 'sma', params: { window: 2.5 } }], r)).toThrow(/requests\[0\]\.params\.window = 2\.5: must be an integer >= 1/);
    expect(() => defineFeatureSet('x', [], r)).toThrow(/requests = array of length 0: must be a non-empty array/);
    expect(() => r.register(smaKind)).toThrow(/kind\.kind = "sma": is already registered/);
  });
});
