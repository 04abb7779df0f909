import { describe, expect, it } from 'vitest';
import { checkPipelineConfig, loadPipelineConfig, type PipelineConfig } from '../../lib/pipeline/config';
import { ConfigError } from '../../lib/util/errors';

describe('pipeline config', () => {
  it('loads and accepts configs/pipeline.json', () => {
    const c = loadPipelineConfig();
    expect(c.registry.gates.length).toBeGreaterThan(0);
    expect(c.split.trainFraction + c.split.validationFraction).toBeLessThan(1);
  });

  it('names the field and the fix for a bad value', () => {
    const good = loadPipelineConfig();
    const bad = { ...good, model: { ...good.model, lookback: 0 } } as PipelineConfig;
    expect(() => checkPipelineConfig(bad)).toThrow(ConfigError);
    expect(() => checkPipelineConfig(bad)).toThrow(/model\.lookback.*positive integer/);
    const noHoldout = { ...good, split: { trainFraction: 0.9, validationFraction: 0.1 } } as PipelineConfig;
    expect(() => checkPipelineConfig(noHoldout)).toThrow(/split/);
  });
});

describe('pipelineParams', () => {
  it('flattens nested sections to dotted keys and arrays to JSON', async () => {
    const { pipelineParams } = await import('../../lib/pipeline/config');
    const c = loadPipelineConfig();
    const p = pipelineParams(c);
    expect(p['model.units']).toBe(c.model.units);
    expect(p['registry.modelName']).toBe(c.registry.modelName);
    expect(JSON.parse(String(p['registry.gates']))).toEqual(c.registry.gates);
    expect(Object.values(p).every((v) => ['string', 'number', 'boolean'].includes(typeof v))).toBe(true);
  });
});
