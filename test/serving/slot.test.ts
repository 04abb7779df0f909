// The hot swap's bookkeeping: a request that leased a model finishes on it even when a new one is
// swapped in meanwhile, and the replaced model is disposed exactly once, after its last lease.
import { describe, expect, it } from 'vitest';
import type { DeployedModel } from '../../lib/deploy';
import { ModelSlot } from '../../lib/serving/slot';

function fake(name: string, log: string[]): DeployedModel {
  return { kind: name, dispose: () => log.push(`dispose ${name}`) } as unknown as DeployedModel;
}

describe('ModelSlot', () => {
  it('keeps a leased model alive across a swap and disposes it after the lease', () => {
    const log: string[] = [];
    const slot = new ModelSlot();
    expect(slot.use(() => 'x')).toBeUndefined();
    slot.swap(fake('v1', log), '1');
    const result = slot.use((served) => {
      slot.swap(fake('v2', log), '2'); // the alias moved while this request ran
      log.push(`predict on ${served.model.kind}`);
      expect(log).not.toContain('dispose v1');
      return served.version;
    });
    expect(result).toBe('1');
    expect(log).toEqual(['predict on v1', 'dispose v1']);
    expect(slot.current?.version).toBe('2');
    slot.use((served) => log.push(`predict on ${served.model.kind}`));
    slot.swap(fake('v3', log), '3'); // no lease: disposed at once
    slot.clear();
    expect(log).toEqual(['predict on v1', 'dispose v1', 'predict on v2', 'dispose v2', 'dispose v3']);
    expect(slot.current).toBeUndefined();
  });

  it('disposes a leased model after a throwing request too', () => {
    const log: string[] = [];
    const slot = new ModelSlot();
    slot.swap(fake('v1', log), '1');
    expect(() => slot.use(() => {
      slot.swap(fake('v2', log), '2');
      throw new Error('bad input');
    })).toThrow('bad input');
    expect(log).toEqual(['dispose v1']);
  });
});
