import { describe, expect, it } from 'vitest';
import { readBarsCsv, sliceBars } from '../../lib/data';
import { GruClassifier } from '../../lib/models';
import { loadPipelineConfig, type PipelineConfig } from '../../lib/pipeline/config';
import {
  buildDirectionDataset, directionSplit, fitVolatility, garchVolatilityFeature, loadDirectionModel, predictDirection,
} from '../../lib/pipeline/direction';
import { FileNotFoundError, InvalidArgumentError } from '../../lib/util/errors';
import { SP500_GZ } from '../data/fixtures';

const base = loadPipelineConfig();
const config: PipelineConfig = { ...base, model: { ...base.model, units: 4, lookback: 5 } };
const bars = readBarsCsv(SP500_GZ, { symbol: 'SP500' });
const n = bars.time.length;
const { fit, artifact } = fitVolatility(bars, config);

describe('direction pipeline', () => {
  it('fits GARCH on training rows only: the fit ignores validation and holdout bars', () => {
    const split = directionSplit(bars, config);
    expect(fit.nobs).toBe(split.train.end - 1);
    const truncated = fitVolatility(sliceBars(bars, 0, split.train.end + 50), { ...config }, split);
    expect(truncated.artifact.params).toEqual(artifact.params);
  });

  it('never changes the GARCH feature of a past bar when bars are appended', () => {
    const full = garchVolatilityFeature(bars, artifact);
    const short = garchVolatilityFeature(sliceBars(bars, 0, n - 300), artifact);
    expect(Array.from(full.subarray(0, n - 300))).toEqual(Array.from(short));
    expect(Number.isNaN(full[0])).toBe(true);
    expect(full[1]).toBeGreaterThan(0);
  });

  it('never changes a past prediction when bars are appended', () => {
    const dataset = buildDirectionDataset(bars, config, artifact);
    const model = new GruClassifier({ lookback: 5, features: dataset.names.length, units: 4, seed: 3 });
    model.standardizer = dataset.standardizer;
    const bundle = { model, config, volatility: artifact };
    const full = predictDirection(bundle, bars);
    const short = predictDirection(bundle, sliceBars(bars, 0, n - 300));
    // Tolerance 1e-6: float32 batched matmuls may round differently when the batch holds more
    // windows; a leak of future bars would move probabilities by far more than that.
    let worst = 0;
    for (let t = 0; t < n - 300; t++) {
      expect(Number.isNaN(full[t])).toBe(Number.isNaN(short[t]));
      if (!Number.isNaN(short[t])) worst = Math.max(worst, Math.abs(full[t] - short[t]));
    }
    expect(worst).toBeLessThan(1e-6);
    expect(short.filter(Number.isFinite).length).toBeGreaterThan(4000);
    model.dispose();
  });

  it('keeps train, validation and test windows apart in time', () => {
    const d = buildDirectionDataset(bars, config, artifact);
    expect(d.train.index[d.train.samples - 1]).toBeLessThan(d.validation.index[0] - config.model.lookback);
    expect(d.validation.index[d.validation.samples - 1]).toBeLessThan(d.test.index[0] - config.model.lookback);
  });

  it('refuses a model without its scaler, and a folder that holds no model', () => {
    const model = new GruClassifier({ lookback: 5, features: 7, units: 2, seed: 1 });
    expect(() => predictDirection({ model, config, volatility: artifact }, bars)).toThrow(InvalidArgumentError);
    expect(() => loadDirectionModel('/nonexistent/model')).toThrow(FileNotFoundError);
    model.dispose();
  });
});
