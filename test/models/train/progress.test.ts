import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, formatEpoch, type EpochLogs } from '../../../lib/models/train';

const logs = (epoch: number): EpochLogs => ({ epoch, loss: 0.5 - epoch / 10, learningRate: 1e-3, seconds: 0.25, valLoss: 0.6, valAccuracy: 0.55 });

afterEach(() => { vi.restoreAllMocks(); });

describe('training progress', () => {
  it('formats one line per epoch', () => {
    expect(formatEpoch(logs(1), 10)).toBe('epoch 2/10  loss 0.4000  valLoss 0.6000  valAccuracy 0.5500  lr 1.00e-3  0.3 s');
    expect(formatEpoch({ epoch: 0, loss: 1, learningRate: 0.01, seconds: 1, gradNorm: 2.5 }, 1)).toBe('epoch 1/1  loss 1.0000  gradNorm 2.500  lr 1.00e-2  1.0 s');
  });

  it('notebook: updates one tslab display in place, loading tslab once', () => {
    const html: string[] = [];
    const load = vi.fn(() => ({ newDisplay: vi.fn(() => ({ html: (s: string) => { html.push(s); } })) }));
    const out = vi.spyOn(process.stdout, 'write');
    const p = createProgress('notebook', load);
    [0, 1, 2].forEach((e) => p.epoch(logs(e), 3));
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.results[0]!.value.newDisplay).toHaveBeenCalledTimes(1);
    expect(html).toHaveLength(3);
    expect(html[2]).toContain('<progress value="3" max="3"></progress> epoch 3 of 3');
    expect(html[2]).toContain('epoch 1/3  loss 0.5000');
    expect(html[2]).toContain('epoch 3/3  loss 0.3000');
    expect(out).not.toHaveBeenCalled();
  });

  it('notebook: falls back to stdout lines without tslab or outside a kernel (the real tslab here)', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write');
    createProgress('notebook', () => undefined).epoch(logs(0), 2);
    createProgress('notebook').epoch(logs(1), 2);
    const lines = out.mock.calls.map((c) => String(c[0]));
    out.mockRestore();
    expect(lines).toEqual([formatEpoch(logs(0), 2) + '\n', formatEpoch(logs(1), 2) + '\n']);
    expect(err).not.toHaveBeenCalled();
  });

  it('none: prints nothing', () => {
    const out = vi.spyOn(process.stdout, 'write');
    createProgress('none').epoch(logs(0), 1);
    expect(out).not.toHaveBeenCalled();
  });
});
