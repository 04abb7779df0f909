// Promotion gates without a server: the config (defaults, configs/gates.json, partial configs,
// errors that name the field and the fix), the evaluation at its boundaries, the history's
// fallback walk and size cap, and the lease protocol on an in-memory registry with slow writers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROMOTION_GATES, evaluatePromotionGates, fallbackOf, loadPromotionGates, MAX_HISTORY_CHARS, ModelLease, RegistryBusyError, resolvePromotionGates,
  TAG_LOCK, type ChampionHistoryEntry, type PromotionGates,
} from '../../lib/lifecycle';
import { fallbackWhenChampion, parseHistory, serializeHistory } from '../../lib/lifecycle/registry-state';
import type { MlflowClient, RegisteredModel } from '../../lib/tracking';
import { ConfigError, DataFormatError, FileNotFoundError, InvalidArgumentError } from '../../lib/util/errors';
import { PROJECT_ROOT } from '../helpers/python';

const ONLY = (over: Partial<PromotionGates>): PromotionGates => ({ thresholds: [], champion: null, distribution: null, baselines: [], ...over });

describe('gate configuration', () => {
  it('configs/gates.json holds the roadmap defaults', () => {
    expect(loadPromotionGates(path.join(PROJECT_ROOT, 'configs', 'gates.json'))).toEqual(DEFAULT_PROMOTION_GATES);
    expect(resolvePromotionGates({})).toEqual(DEFAULT_PROMOTION_GATES);
  });

  it('fills what a partial config leaves out with the defaults, and turns off null or [] sections', () => {
    const g = resolvePromotionGates({ thresholds: [{ metric: 'sharpe', min: 1 }], champion: { maxDegradation: 0.05 }, distribution: null, baselines: [] });
    expect(g).toEqual({ thresholds: [{ metric: 'sharpe', min: 1 }], champion: { maxDegradation: 0.05, metrics: DEFAULT_PROMOTION_GATES.champion!.metrics }, distribution: null, baselines: [] });
    expect(resolvePromotionGates({ distribution: { minStd: 0.05 } }).distribution).toEqual({ ...DEFAULT_PROMOTION_GATES.distribution, minStd: 0.05 });
    expect(resolvePromotionGates({ baselines: [{ metric: 'logloss', baseline: 'baseline_logloss', direction: 'lower' }] }).baselines)
      .toEqual([{ metric: 'logloss', baseline: 'baseline_logloss', direction: 'lower', minLift: 0 }]);
  });

  it('rejects bad gates naming the field, the value and the fix', () => {
    const cases: [unknown, RegExp][] = [
      [[], /^gates\.\(root\) = array of length 0: must be an object\. Fix: see configs\/gates\.json$/],
      [{ treshold: [] }, /^gates\.\(root\)\.treshold = array of length 0: is not a known field\. Fix: use only: thresholds, champion, distribution, baselines$/],
      [{ thresholds: {} }, /^gates\.thresholds = \{\}: must be an array\. Fix: write \[\] to turn the thresholds off$/],
      [{ thresholds: [{ metric: '', above: 1 }] }, /^gates\.thresholds\[0\]\.metric = "": must be a non-empty metric name/],
      [{ thresholds: [{ metric: 'f1', above: '0.6' }] }, /^gates\.thresholds\[0\]\.above = "0\.6": must be a finite number\. Fix: give a numeric bound$/],
      [{ thresholds: [{ metric: 'f1', above: 0.8, below: 0.7 }] }, /^gates\.thresholds\[0\] = \{"metric":"f1","above":0\.8,"below":0\.7\}: has bounds that nothing can pass\. Fix: fix or swap the bounds$/],
      [{ thresholds: [{ metric: 'f1', min: 0.7, below: 0.7 }] }, /has bounds that nothing can pass/],
      [{ champion: { metrics: { f1: 'up' } } }, /^gates\.champion\.metrics\.f1 = "up": must be 'higher' or 'lower'\. Fix: say which way the metric improves$/],
      [{ champion: 0.1 }, /^gates\.champion = 0\.1: must be an object or null/],
      [{ distribution: { minPositiveRate: 0.6, maxPositiveRate: 0.4 } }, /^gates\.distribution = \{"minPositiveRate":0\.6,"maxPositiveRate":0\.4\}: needs 0 <= minPositiveRate < maxPositiveRate <= 1/],
      [{ distribution: { minStd: -1 } }, /^gates\.distribution\.minStd = -1: must be >= 0/],
      [{ baselines: [{ metric: 'f1' }] }, /^gates\.baselines\[0\]\.baseline = undefined: must be a non-empty metric name/],
    ];
    for (const [raw, message] of cases) {
      const error = (() => { try { resolvePromotionGates(raw); } catch (e) { return e; } return undefined; })();
      expect(error, JSON.stringify(raw)).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message, JSON.stringify(raw)).toMatch(message);
    }
    // min == max pins a value: allowed.
    expect(resolvePromotionGates({ thresholds: [{ metric: 'n', min: 3, max: 3 }] }).thresholds).toEqual([{ metric: 'n', min: 3, max: 3 }]);
  });

  it('names the file and the field when a gates file is wrong', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-gates-'));
    try {
      const file = path.join(dir, 'gates.json');
      fs.writeFileSync(file, '{ "thresholds": [ { "metric": "f1", "abov": 0.6 } ] }');
      expect(() => loadPromotionGates(file)).toThrow(ConfigError);
      expect(() => loadPromotionGates(file)).toThrow(`${file}: thresholds[0].abov: is not a known field (got 0.6). Fix: use only: metric, min, max, above, below`);
      fs.writeFileSync(file, '{ "thresholds": ');
      expect(() => loadPromotionGates(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\(file\\): is not valid JSON .*Fix: fix the JSON syntax$`));
      expect(() => loadPromotionGates(path.join(dir, 'none.json'))).toThrow(FileNotFoundError);
      expect(() => loadPromotionGates(path.join(dir, 'none.json'))).toThrow(/Fix: pass an existing gates file, e\.g\. configs\/gates\.json, or leave the option out for the defaults/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gate evaluation', () => {
  it('applies inclusive min/max and strict above/below bounds', () => {
    const gates = ONLY({ thresholds: [{ metric: 'a', min: 1 }, { metric: 'b', above: 1 }, { metric: 'c', max: 1 }, { metric: 'd', below: 1 }] });
    const atBound = evaluatePromotionGates(gates, { a: 1, b: 1, c: 1, d: 1 });
    expect(atBound.results.map((r) => [r.gate, r.passed])).toEqual([['a >= 1', true], ['b > 1', false], ['c <= 1', true], ['d < 1', false]]);
    expect(atBound.passed).toBe(false);
    expect(evaluatePromotionGates(gates, { a: 1.5, b: 1.5, c: 0.5, d: 0.5 }).passed).toBe(true);
    const nan = evaluatePromotionGates(gates, { a: NaN, b: 2, c: 0, d: 0 });
    expect(nan.results[0]).toMatchObject({ passed: false, reason: 'a is NaN' });
  });

  it('measures degradation relative to the champion and in the metric\'s direction', () => {
    const gates = ONLY({ champion: { maxDegradation: 0.1, metrics: { f1: 'higher', mdd: 'lower', hit: 'higher' } } });
    const champion = { version: '4', metrics: { f1: 0.8, mdd: -0.2 } };
    // f1: (0.8 - 0.715) / 0.8 = 10.625% worse; mdd is lower-is-better with a negative champion: (-0.21 - -0.2) / 0.2 = 5% worse.
    const r = evaluatePromotionGates(gates, { f1: 0.715, mdd: -0.21, hit: 0.5 }, champion);
    expect(r.results.map((x) => [x.gate, x.passed])).toEqual([['f1 vs champion v4', false], ['mdd vs champion v4', true], ['hit vs champion v4', true]]);
    expect(r.results[0]!.reason).toBe(`f1 0.715 vs champion 0.8 (higher is better): ${((0.8 - 0.715) / 0.8 * 100).toFixed(1)}% worse, beyond the 10.0% allowed`);
    expect(r.results[1]!.threshold).toBe('<= -0.18 (champion -0.2, at most 10% worse)');
    expect(r.results[2]).toMatchObject({ threshold: 'none (champion lacks it)', reason: 'champion has no hit: not compared' });
    const noChampion = evaluatePromotionGates(gates, { f1: 0.1 });
    expect(noChampion.passed).toBe(true);
    expect(noChampion.results[0]!.reason).toBe('no champion yet: nothing to compare');
  });

  it('fails degenerate predictions and missing metrics (fail-closed)', () => {
    const gates = ONLY({ distribution: DEFAULT_PROMOTION_GATES.distribution, baselines: DEFAULT_PROMOTION_GATES.baselines });
    const edges = evaluatePromotionGates(gates, { pred_positive_rate: 0.95, pred_std: 0.01, f1: 0.6, baseline_f1: 0.6 });
    expect(edges.results.map((r) => [r.gate, r.passed])).toEqual([
      ['pred_positive_rate in [0.05, 0.95]', true], ['pred_std > 0.01', false], ['f1 > baseline_f1', false],
    ]);
    const empty = evaluatePromotionGates(gates, {});
    expect(empty.results.map((r) => r.reason)).toEqual([
      "pred_positive_rate is not logged on the candidate's run", "pred_std is not logged on the candidate's run", "f1 is not logged on the candidate's run",
    ]);
    const lower = evaluatePromotionGates(ONLY({ baselines: [{ metric: 'loss', baseline: 'baseline_loss', direction: 'lower', minLift: 0.05 }] }), { loss: 0.5, baseline_loss: 0.54 });
    expect(lower.results[0]).toMatchObject({ gate: 'loss < baseline_loss - 0.05', threshold: '< baseline_loss - 0.05 (0.49)', passed: false });
  });
});

const entry = (action: 'promote' | 'rollback', version: string, previous: string | null, fallback: string | null, reasons: string[] = []): ChampionHistoryEntry =>
  ({ action, version, previous, fallback, at: '2025-01-01T00:00:00.000Z', by: 't', reasons });

describe('champion history', () => {
  it('walks back like a stack, and treats an alias moved by hand as a new champion on top', () => {
    const h = [entry('promote', '1', null, null), entry('promote', '2', '1', '1'), entry('promote', '3', '2', '2')];
    expect(fallbackOf(h, '3')).toBe('2');
    expect(fallbackWhenChampion(h, '2')).toBe('1');
    expect(fallbackWhenChampion(h, '1')).toBeUndefined();
    expect(fallbackOf(h, '7')).toBe('3'); // v7 took the alias outside quantlab: roll back to the last recorded champion
    expect(fallbackOf([], '1')).toBeUndefined();
  });

  it('keeps the newest entries within the registry\'s tag size, and rejects a malformed tag', () => {
    const many = Array.from({ length: 200 }, (_, i) => entry('promote', String(i + 2), String(i + 1), String(i + 1), ['x'.repeat(400)]));
    const json = serializeHistory(many);
    expect(json.length).toBeLessThanOrEqual(MAX_HISTORY_CHARS);
    const kept = JSON.parse(json) as ChampionHistoryEntry[];
    expect(kept[kept.length - 1]!.version).toBe('201');
    expect(kept[0]!.reasons[0]!.length).toBe(160);
    expect(() => parseHistory('m', { 'quantlab.champion_history': '{"version":1}' }, 'champion')).toThrow(DataFormatError);
    expect(() => parseHistory('m', { 'quantlab.champion_history': 'nope' }, 'champion'))
      .toThrow(/^models:\/m tag quantlab\.champion_history: is not a JSON list of .*Fix: repair it, or delete the tag .*deleteRegisteredModelTag\('m', 'quantlab\.champion_history'\)$/);
  });
});

/** An in-memory registered model whose tag writes can be delayed, to play out lease races. */
function fakeRegistry(writeDelayMs: (call: number) => number) {
  const tags: Record<string, string> = {};
  let calls = 0;
  const client = {
    getRegisteredModel: async (): Promise<RegisteredModel> => ({ name: 'm', aliases: {}, tags: { ...tags }, creationTimestamp: 0, description: '' }),
    setRegisteredModelTag: async (_m: string, key: string, value: string) => {
      await new Promise((r) => setTimeout(r, writeDelayMs(calls++)));
      tags[key] = value;
    },
    deleteRegisteredModelTag: async (_m: string, key: string) => {
      delete tags[key];
    },
  };
  return { client: client as unknown as MlflowClient, tags };
}

const LEASE = { leaseMs: 5_000, settleMs: 40, waitMs: 3_000, pollMs: 5 };

describe('model lease', () => {
  it('serialises contenders: last writer wins the tie, the others wait their turn', async () => {
    const { client, tags } = fakeRegistry(() => 1);
    let inside = 0;
    let maxInside = 0;
    const order: string[] = [];
    await Promise.all(['a', 'b', 'c'].map(async (who) => {
      const lease = await ModelLease.acquire(client, 'm', who, LEASE);
      inside++;
      maxInside = Math.max(maxInside, inside);
      await lease.assertHeld();
      order.push(who);
      await new Promise((r) => setTimeout(r, 10));
      inside--;
      await lease.release();
    }));
    expect(maxInside).toBe(1);
    expect(order.sort()).toEqual(['a', 'b', 'c']);
    expect(tags[TAG_LOCK]).toBeUndefined();
  });

  it('fences a holder whose lease was overwritten by a writer slower than settleMs', async () => {
    // The second writer read "free" at the same time but its write lands 100 ms later (> settleMs 40).
    const { client } = fakeRegistry((call) => (call === 1 ? 100 : 0));
    const first = ModelLease.acquire(client, 'm', 'fast', LEASE);
    const second = ModelLease.acquire(client, 'm', 'slow', LEASE);
    const fast = await first;
    await new Promise((r) => setTimeout(r, 120));
    // Both believe they hold it (the documented limit), but the fast one's fence sees the takeover.
    const error = await fast.assertHeld().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryBusyError);
    expect((error as Error).message).toMatch(/^model m is being changed by someone else \(superseded\): the lease was taken over before the alias moved; lease held by slow/);
    const slow = await second;
    await expect(slow.assertHeld()).resolves.toBeUndefined();
    await fast.release(); // not its lease any more: left alone
    await expect(slow.assertHeld()).resolves.toBeUndefined();
    await slow.release();
  });

  it('gives up as busy after waitMs, naming the holder', async () => {
    const { client } = fakeRegistry(() => 0);
    const holder = await ModelLease.acquire(client, 'm', 'alice@desk', LEASE);
    const error = await ModelLease.acquire(client, 'm', 'bob', { ...LEASE, waitMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryBusyError);
    expect((error as RegistryBusyError).code).toBe('busy');
    expect((error as Error).message).toMatch(/^model m is busy: waited 50 ms for the lease; lease held by alice@desk \(owner [0-9a-f]{8}, expires in 5 s\)\. Nothing was changed\./);
    await holder.release();
  });
});
