import { describe, expect, it } from 'vitest';
import { createSchedule, EarlyStopping, resolveEarlyStopping } from '../../../lib/models/train';

const rates = (schedule: ReturnType<typeof createSchedule>, epochs: number, metric: (epoch: number) => number = () => 0) =>
  Array.from({ length: epochs }, (_, epoch) => {
    const lr = schedule.rate(epoch);
    schedule.observe({ valLoss: metric(epoch), loss: metric(epoch) });
    return lr;
  });

describe('learning-rate schedules', () => {
  it('constant without a schedule', () => {
    expect(rates(createSchedule(undefined, 0.01, 3), 3)).toEqual([0.01, 0.01, 0.01]);
  });

  it('step: base * gamma ^ floor(epoch / stepSize)', () => {
    expect(rates(createSchedule({ type: 'step', stepSize: 3, gamma: 0.5 }, 0.08, 8), 8)).toEqual([0.08, 0.08, 0.08, 0.04, 0.04, 0.04, 0.02, 0.02]);
  });

  it('cosine: min + (base - min)(1 + cos(pi t / period)) / 2, flat at min after the period', () => {
    const got = rates(createSchedule({ type: 'cosine', period: 4, minLearningRate: 0.001 }, 0.011, 10), 6);
    const expected = [0, 1, 2, 3, 4, 4].map((t) => 0.001 + 0.01 * 0.5 * (1 + Math.cos((Math.PI * t) / 4)));
    got.forEach((lr, i) => expect(lr).toBeCloseTo(expected[i]!, 15));
    expect(got[2]).toBeCloseTo(0.006, 15);
    // period defaults to the run length
    expect(rates(createSchedule({ type: 'cosine' }, 1, 4), 4)[2]).toBeCloseTo(0.5, 15);
  });

  it('plateau: cuts by factor after `patience` epochs without an improvement beyond minDelta (Keras semantics)', () => {
    // valLoss: improves at 0, 1; flat 2, 3 (cut after 3); improves at 4; flat 5, 6 (cut after 6), 7
    const loss = [1, 0.9, 0.9, 0.89995, 0.5, 0.5, 0.6, 0.7];
    const got = rates(createSchedule({ type: 'plateau', patience: 2, factor: 0.5, minDelta: 1e-3, minLearningRate: 0.15 }, 1, 8), 8, (e) => loss[e]!);
    expect(got).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25]);
    // minLearningRate floors the cuts
    const floored = rates(createSchedule({ type: 'plateau', patience: 1, factor: 0.5, minLearningRate: 0.3 }, 1, 5), 5, () => 1);
    expect(floored).toEqual([1, 1, 0.5, 0.3, 0.3]);
  });

  it('plateau on accuracy watches for a maximum', () => {
    const acc = [0.5, 0.6, 0.55, 0.58, 0.7];
    const s = createSchedule({ type: 'plateau', metric: 'valAccuracy', patience: 2, factor: 0.1 }, 1, 5);
    const got = acc.map((a) => { const lr = s.rate(0); s.observe({ valAccuracy: a }); return lr; });
    expect(got).toEqual([1, 1, 1, 1, 0.1]);
  });

  it('rejects bad schedule options, naming them', () => {
    expect(() => createSchedule({ type: 'step', stepSize: 2, gamma: 1.5 }, 1, 3)).toThrow('trainOptions.schedule.gamma = 1.5: must lie in (0, 1)');
    expect(() => createSchedule({ type: 'plateau', metric: 'auc' as never }, 1, 3)).toThrow('trainOptions.schedule.metric = "auc": must be loss, valLoss or valAccuracy');
    expect(() => createSchedule({ type: 'cosine', minLearningRate: -1 }, 1, 3)).toThrow('trainOptions.schedule.minLearningRate = -1: must be a finite number >= 0');
    const s = createSchedule({ type: 'plateau' }, 1, 3);
    expect(() => s.observe({ loss: 1 })).toThrow('trainOptions.schedule.metric = "valLoss": was not reported this epoch. Fix: pass validation data');
  });
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without an improvement larger than minDelta and remembers the best', () => {
    const s = new EarlyStopping(resolveEarlyStopping({ patience: 2, minDelta: 0.01 }));
    const verdicts = [1, 0.8, 0.795, 0.81].map((v, e) => s.observe(e, v));
    expect(verdicts).toEqual([
      { improved: true, stop: false }, { improved: true, stop: false }, { improved: false, stop: false }, { improved: false, stop: true },
    ]);
    expect(s.bestEpoch).toBe(1);
    expect(s.best).toBe(0.8);
    expect(resolveEarlyStopping({ metric: 'valAccuracy' }).mode).toBe('max');
    expect(() => resolveEarlyStopping({ mode: 'up' as never })).toThrow("trainOptions.earlyStopping.mode = \"up\": must be min or max. Fix: pass 'min' for a loss");
    expect(() => resolveEarlyStopping({ restore: true } as never)).toThrow('trainOptions.earlyStopping.restore = true: is not a known option');
  });
});
