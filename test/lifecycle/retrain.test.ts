// The retrain-evaluate-promote decision with every step injected: which outcomes promote, and which
// alert records each leaves in alerts.jsonl.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fileAlertSink, ManualClock, readAlerts, runRetraining, type Metrics, type RetrainDecision, type RetrainOptions,
} from '../../lib/lifecycle';
import type { Gate } from '../../lib/tracking/gates';
import { InvalidArgumentError } from '../../lib/util/errors';

interface Candidate { readonly id: string; readonly metrics: Metrics }

const GATES: Gate[] = [{ metric: 'sharpe', min: 0.5 }, { metric: 'maxDrawdown', max: 0.3 }];
const CHAMPION: Metrics = { sharpe: 1.0, maxDrawdown: 0.2, hitRate: 0.55 };
const T0 = Date.parse('2024-11-04T22:30:00Z');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-retrain-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function setup(candidateMetrics: Metrics, overrides: Partial<RetrainOptions<Candidate>> = {}) {
  const promote = vi.fn(async (_c: Candidate, _d: RetrainDecision) => undefined);
  const options: RetrainOptions<Candidate> = {
    job: 'retrain-daily',
    train: async () => ({ id: 'v2', metrics: candidateMetrics }),
    evaluate: (c) => c.metrics,
    champion: async () => CHAMPION,
    gates: GATES,
    promote,
    alert: fileAlertSink({ dir }),
    clock: new ManualClock(T0),
    ...overrides,
  };
  return { options, promote, run: () => runRetraining(options) };
}

describe('runRetraining decisions', () => {
  it('promotes a candidate that passes every gate and is no more than 10% worse on any compared metric', async () => {
    const { run, promote } = setup({ sharpe: 0.95, maxDrawdown: 0.21, hitRate: 0.3 });
    const result = await run();
    expect(result.outcome).toBe('promoted');
    expect(promote).toHaveBeenCalledTimes(1);
    expect(promote.mock.calls[0]![0].id).toBe('v2');
    expect(promote.mock.calls[0]![1].promote).toBe(true);
    // hitRate has no gate, so no direction: not compared.
    expect(result.decision!.comparisons.map((c) => [c.metric, c.degradation])).toEqual([['sharpe', expect.closeTo(0.05, 12)], ['maxDrawdown', expect.closeTo(0.05, 12)]]);
    const alerts = readAlerts({ dir });
    expect(alerts).toEqual(result.alerts);
    expect(alerts).toEqual([{
      time: '2024-11-04T22:30:00.000Z', job: 'retrain-daily', level: 'info', kind: 'promoted',
      details: { candidate: { sharpe: 0.95, maxDrawdown: 0.21, hitRate: 0.3 }, champion: CHAMPION, reasons: expect.any(Array) },
    }]);
    expect(alerts[0]!.details.reasons).toContain('sharpe 0.95 vs champion 1 (higher is better): 5.0% worse');
  });

  it('keeps the champion and writes gate_failed when a gate fails', async () => {
    // 6% worse than the champion's 0.33: within the allowed degradation, so only the gate speaks.
    const { run, promote } = setup({ sharpe: 1.4, maxDrawdown: 0.35 }, { champion: () => ({ ...CHAMPION, maxDrawdown: 0.33 }) });
    const result = await run();
    expect(result.outcome).toBe('kept');
    expect(promote).not.toHaveBeenCalled();
    const alerts = readAlerts({ dir });
    expect(alerts.map((a) => [a.level, a.kind])).toEqual([['warning', 'gate_failed']]);
    expect(alerts[0]!.details.failed).toEqual([{ metric: 'maxDrawdown', value: 0.35, max: 0.3, passed: false, reason: 'maxDrawdown = 0.35 > max 0.3' }]);
  });

  it('keeps the champion and writes degraded when a metric is more than 10% worse, each way round', async () => {
    const { run, promote } = setup({ sharpe: 0.85, maxDrawdown: 0.23 });
    const result = await run();
    expect(result.outcome).toBe('kept');
    expect(promote).not.toHaveBeenCalled();
    const [alert] = readAlerts({ dir });
    expect(alert).toMatchObject({ level: 'warning', kind: 'degraded', details: { maxDegradation: 0.1 } });
    expect((alert!.details.degraded as { metric: string; degradation: number }[]).map((d) => [d.metric, d.degradation])).toEqual([
      ['sharpe', expect.closeTo(0.15, 12)], ['maxDrawdown', expect.closeTo(0.15, 12)],
    ]);
  });

  it('writes both records when gates fail and metrics degrade', async () => {
    const { run } = setup({ sharpe: 0.4, maxDrawdown: 0.2 });
    expect((await run()).alerts.map((a) => a.kind)).toEqual(['gate_failed', 'degraded']);
  });

  it('lets the gates alone decide when there is no champion yet', async () => {
    const { run, promote } = setup({ sharpe: 0.6, maxDrawdown: 0.1 }, { champion: () => undefined });
    const result = await run();
    expect(result.outcome).toBe('promoted');
    expect(promote).toHaveBeenCalledTimes(1);
    expect(result.decision!.reasons).toContain('no champion yet: gates alone decide');
    expect(result.alerts[0]!.details.champion).toBeNull();
  });

  it('honours maxDegradation and explicit directions, and skips metrics the champion lacks', async () => {
    const { run } = setup({ sharpe: 0.85, maxDrawdown: 0.2, hitRate: 0.5 }, { maxDegradation: 0.2, directions: { sharpe: 'higher', hitRate: 'higher', turnover: 'lower' } });
    const result = await run();
    expect(result.outcome).toBe('promoted');
    expect(result.decision!.comparisons.map((c) => [c.metric, c.degraded, c.reason])).toEqual([
      ['sharpe', false, 'sharpe 0.85 vs champion 1 (higher is better): 15.0% worse'],
      ['hitRate', false, expect.stringMatching(/^hitRate 0.5 vs champion 0.55 \(higher is better\): 9\.1% worse$/)],
      ['turnover', false, 'champion has no turnover: not compared'],
    ]);
  });

  it('counts a compared metric the candidate lacks, and any worsening from a champion of 0, as degraded', async () => {
    const { run } = setup({ sharpe: 1, maxDrawdown: 0.2, pnl: -0.01 }, { champion: () => ({ ...CHAMPION, pnl: 0, hitRate: 0.5 }), directions: { pnl: 'higher', hitRate: 'higher' } });
    const result = await run();
    expect(result.outcome).toBe('kept');
    expect(result.decision!.comparisons.map((c) => [c.metric, c.degradation, c.degraded])).toEqual([['pnl', Infinity, true], ['hitRate', undefined, true]]);
    expect(result.decision!.comparisons[1]!.reason).toBe("candidate has no hitRate to compare with the champion's 0.5");
  });

  it('does not compare a metric gated on both sides (a band)', async () => {
    const { run } = setup({ sharpe: 1, maxDrawdown: 0.2, beta: 0.1 }, { gates: [...GATES, { metric: 'beta', min: -0.5, max: 0.5 }], champion: () => ({ ...CHAMPION, beta: 0.5 }) });
    const result = await run();
    expect(result.decision!.comparisons.map((c) => c.metric)).toEqual(['sharpe', 'maxDrawdown']);
    expect(result.outcome).toBe('promoted');
  });
});

describe('runRetraining errors', () => {
  const boom = (): never => {
    throw new Error('boom');
  };
  it.each([
    ['train', { train: async () => boom() }],
    ['evaluate', { evaluate: boom }],
    ['champion', { champion: async () => boom() }],
    ['promote', {}],
  ] as const)('records an error alert when %s fails, and does not promote', async (stage, overrides) => {
    const promote = vi.fn(async () => boom());
    const { run } = setup({ sharpe: 1, maxDrawdown: 0.2 }, stage === 'promote' ? { promote } : overrides);
    const result = await run();
    expect(result.outcome).toBe('error');
    expect(result.error).toEqual({ stage, message: 'Error: boom' });
    expect(readAlerts({ dir })).toEqual([{ time: '2024-11-04T22:30:00.000Z', job: 'retrain-daily', level: 'error', kind: 'error', details: { stage, message: 'Error: boom' } }]);
    expect(promote).toHaveBeenCalledTimes(stage === 'promote' ? 1 : 0);
  });

  it('reports an evaluate step that returns no metrics object as an evaluate error', async () => {
    const { run } = setup({}, { evaluate: () => 0.9 as never });
    const result = await run();
    expect(result.error).toEqual({ stage: 'evaluate', message: expect.stringMatching(/evaluate\(candidate\) = 0\.9: must return an object of metric values/) });
  });

  it('rejects bad options before training, naming the argument, the value and the fix', async () => {
    const train = vi.fn();
    const bad = async (overrides: object) => runRetraining({ ...setup({}).options, train, ...overrides } as never);
    await expect(bad({ maxDegradaton: 0.1 })).rejects.toThrow(/options\.maxDegradaton = 0\.1: is not a known option/);
    await expect(bad({ maxDegradation: -0.1 })).rejects.toThrow(/options\.maxDegradation = -0\.1: must be a fraction >= 0\. Fix: pass e\.g\. 0\.1/);
    await expect(bad({ promote: undefined })).rejects.toThrow(/options\.promote = undefined: must be a function/);
    await expect(bad({ gates: [{ metric: 'sharpe' }] })).rejects.toThrow(/gates\[0\] = .*sets neither min nor max/);
    await expect(bad({ directions: { sharpe: 'up' } })).rejects.toThrow(/options\.directions\.sharpe = "up": must be 'higher' or 'lower'/);
    await expect(bad({ job: '' })).rejects.toThrow(InvalidArgumentError);
    expect(train).not.toHaveBeenCalled();
  });
});
