// promote / rollback / registryStatus against a real MLflow server (SQLite backend): every gate can
// block a promotion, the alias only ever moves, the history lets rollbacks walk back, refusals
// change nothing, and concurrent promotions leave exactly one champion and a consistent history.
import { describe, expect, it } from 'vitest';
import {
  promote, registryStatus, rollback, PromotionRefusedError, RegistryBusyError, TAG_FALLBACK, TAG_GATES, TAG_HOLDOUT, TAG_LOCK, TAG_PROMOTED_AT, TAG_ROLLED_BACK,
  type ChampionHistoryEntry, type Metrics, type PromoteOptions, type PromotionGatesInput,
} from '../../lib/lifecycle';
import { InvalidArgumentError } from '../../lib/util/errors';
import { useMlflowServer } from '../helpers/mlflow-server';
import { addVersion, GOOD, holderOf, versionsWithAlias } from './registry-fixture';

const server = useMlflowServer('sqlite');
const FAST = { settleMs: 30, pollMs: 20 };
const go = (options: PromoteOptions) => promote(server.client, { by: 'tester', lease: FAST, ...options });
const history = async (model: string): Promise<ChampionHistoryEntry[]> =>
  JSON.parse((await server.client.getRegisteredModel(model)).tags['quantlab.champion_history'] ?? '[]');
const refusal = async (p: Promise<unknown>): Promise<PromotionRefusedError> => {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PromotionRefusedError);
  return error as PromotionRefusedError;
};

describe('promote', () => {
  it('moves the alias when every gate passes, and records the report, the time and the history', async () => {
    const model = 'p-first';
    const v1 = await addVersion(server.client, model, GOOD);
    const result = await go({ model, version: v1, reason: 'first model' });
    expect(result).toMatchObject({ model, alias: 'champion', version: '1', previous: undefined });
    expect(result.report.passed).toBe(true);
    expect(result.report.results.map((r) => [r.kind, r.gate, r.passed])).toEqual([
      ['threshold', 'f1 > 0.65', true], ['threshold', 'accuracy > 0.7', true],
      ['champion', 'f1 vs champion', true], ['champion', 'accuracy vs champion', true],
      ['distribution', 'pred_positive_rate in [0.05, 0.95]', true], ['distribution', 'pred_std > 0.01', true],
      ['baseline', 'f1 > baseline_f1', true],
    ]);
    expect(result.report.results[0]).toMatchObject({ metric: 'f1', value: GOOD.f1, threshold: '> 0.65', reason: 'f1 = 0.72 > 0.65' });
    expect(await holderOf(server.client, model)).toBe('1');
    const tags = (await server.client.getModelVersion(model, 1)).tags;
    expect(JSON.parse(tags[TAG_GATES]!)).toEqual(result.report);
    expect(tags[TAG_PROMOTED_AT]).toBe(result.entry.at);
    expect(Date.parse(tags[TAG_PROMOTED_AT]!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await history(model)).toEqual([{ action: 'promote', version: '1', previous: null, fallback: null, at: result.entry.at, by: 'tester', reasons: expect.any(Array) }]);
    expect(result.entry.reasons[0]).toBe('first model');
    expect(result.entry.reasons).toContain('f1 > 0.65: 0.72');
    expect((await server.client.getRegisteredModel(model)).tags[TAG_LOCK]).toBeUndefined(); // lease released
  });

  it('refuses a version that fails any one gate, naming that gate, and changes nothing', async () => {
    const model = 'p-gates';
    await go({ model, version: await addVersion(server.client, model, GOOD) });
    const cases: [string, Metrics, string, RegExp][] = [
      ['f1 below 0.65 (and within 10% of the champion)', { ...GOOD, f1: 0.649, baseline_f1: 0.5 }, 'f1 > 0.65', /f1 = 0\.649 is not > 0\.65/],
      ['f1 exactly 0.65 (the bound is strict)', { ...GOOD, f1: 0.65, baseline_f1: 0.5 }, 'f1 > 0.65', /f1 = 0\.65 is not > 0\.65/],
      ['accuracy below 0.70', { ...GOOD, accuracy: 0.69 }, 'accuracy > 0.7', /accuracy = 0\.69 is not > 0\.7/],
      ['predicts almost only positives', { ...GOOD, pred_positive_rate: 0.97 }, 'pred_positive_rate in [0.05, 0.95]', /0\.97 of predictions are positive, outside/],
      ['constant predictions', { ...GOOD, pred_std: 0.004 }, 'pred_std > 0.01', /prediction std 0\.004 is not > 0\.01: the predictions are \(nearly\) constant/],
      ['does not beat its baseline', { ...GOOD, baseline_f1: 0.73 }, 'f1 > baseline_f1', /f1 = 0\.72 vs baseline_f1 = 0\.73: lift -0\.01 is not > 0/],
      ['did not log pred_std', (({ pred_std: _, ...rest }) => rest)(GOOD), 'pred_std > 0.01', /pred_std is not logged on the candidate's run/],
    ];
    for (const [what, metrics, gate, reason] of cases) {
      const version = await addVersion(server.client, model, metrics);
      const error = await refusal(go({ model, version }));
      expect(error.code, what).toBe('gates_failed');
      expect(error.report!.results.filter((r) => !r.passed).map((r) => r.gate), what).toEqual([gate]);
      expect(error.message, what).toMatch(reason);
      expect(error.message, what).toMatch(new RegExp(`^promote p-gates v${version} refused \\(gates_failed\\): `));
      expect(error.message, what).toMatch(/Fix: improve the model, or change the gates \(configs\/gates\.json\)/);
      expect((await server.client.getModelVersion(model, version)).tags, what).toEqual({});
    }
    expect(await holderOf(server.client, model)).toBe('1');
    expect(await history(model)).toHaveLength(1);
  });

  it('allows at most 10% degradation per metric against the champion, in each metric\'s direction', async () => {
    const model = 'p-degrade';
    const only = (metrics: Record<string, 'higher' | 'lower'>): PromotionGatesInput => ({ thresholds: [], champion: { maxDegradation: 0.1, metrics }, distribution: null, baselines: [] });
    const gates = only({ f1: 'higher', logloss: 'lower' });
    await go({ model, version: await addVersion(server.client, model, { f1: 0.8, logloss: 0.5 }), gates });
    // Degradation is relative to the champion: (0.8 - 0.71) / 0.8 = 11.25%, (0.56 - 0.5) / 0.5 = 12%.
    const f1Worse = await refusal(go({ model, version: await addVersion(server.client, model, { f1: 0.71, logloss: 0.5 }), gates }));
    expect(f1Worse.report!.results.map((r) => [r.gate, r.passed])).toEqual([['f1 vs champion v1', false], ['logloss vs champion v1', true]]);
    expect(f1Worse.report!.results[0]!.threshold).toBe('>= 0.72 (champion 0.8, at most 10% worse)');
    expect(f1Worse.message).toContain('f1 0.71 vs champion 0.8 (higher is better): 11.3% worse, beyond the 10.0% allowed');
    const loglossWorse = await refusal(go({ model, version: await addVersion(server.client, model, { f1: 0.8, logloss: 0.56 }), gates }));
    expect(loglossWorse.report!.results.map((r) => r.passed)).toEqual([true, false]);
    expect(loglossWorse.report!.results[1]!.threshold).toBe('<= 0.55 (champion 0.5, at most 10% worse)');
    // 8.75% and 8% worse: within the allowance.
    const within = await go({ model, version: await addVersion(server.client, model, { f1: 0.73, logloss: 0.54 }), gates });
    expect(within.report.results.map((r) => r.passed)).toEqual([true, true]);
    expect(within.previous).toBe('1');
    expect(await holderOf(server.client, model)).toBe(within.version);
  });

  it('compares with the champion on the same holdout only', async () => {
    const model = 'p-holdout';
    const gates: PromotionGatesInput = { thresholds: [], champion: { metrics: { f1: 'higher' } }, distribution: null, baselines: [] };
    await go({ model, version: await addVersion(server.client, model, { f1: 0.9 }, { [TAG_HOLDOUT]: '2023H2' }), gates });
    const candidate = await addVersion(server.client, model, { f1: 0.75 }, { [TAG_HOLDOUT]: '2024H1' });
    const mismatch = await refusal(go({ model, version: candidate, gates }));
    expect(mismatch.message).toMatch(/champion v1 was measured on holdout 2023H2, the candidate on 2024H1: not comparable; re-evaluate the champion on the candidate's holdout and pass holdout.champion/);
    // The champion re-evaluated on 2024H1 scores 0.78: the candidate is 3.8% worse, allowed.
    const done = await go({ model, version: candidate, gates, holdout: { champion: { f1: 0.78 } } });
    expect(done.report.results[0]!.reason).toBe('f1 0.75 vs champion 0.78 (higher is better): 3.8% worse');
  });

  it('refuses clearly when the model or version does not exist or the version is already champion', async () => {
    const model = 'p-refusals';
    const v1 = await addVersion(server.client, model, GOOD);
    await addVersion(server.client, model, GOOD);
    const missing = await refusal(go({ model, version: 99 }));
    expect(missing.code).toBe('version_missing');
    expect(missing.message).toBe('promote p-refusals v99 refused (version_missing): model p-refusals has no version 99 (it has 1, 2). Fix: pick an existing version, see `quantlab status MODEL`');
    const noModel = await refusal(go({ model: 'p-nope', version: 1 }));
    expect(noModel.message).toMatch(/^promote p-nope refused \(model_missing\): no registered model is named "p-nope". Fix: check the name/);
    await go({ model, version: v1 });
    const again = await refusal(go({ model, version: v1 }));
    expect(again.message).toBe("promote p-refusals v1 refused (already_champion): version 1 already holds the alias 'champion'. Fix: nothing to do; promote another version");
    expect(await history(model)).toHaveLength(1);
  });

  it('rejects bad arguments naming the argument, the value and the fix', async () => {
    const bad: [Partial<PromoteOptions> & Record<string, unknown>, RegExp][] = [
      [{ model: '', version: 1 }, /^options\.model = "": must be a non-empty string\. Fix: name the registered model/],
      [{ model: 'm', version: 'latest' }, /^options\.version = "latest": must be a registered version number \(1, 2, \.\.\.\)\. Fix: pass the version as shown by `quantlab status MODEL`/],
      [{ model: 'm', version: 0 }, /^options\.version = 0: must be a registered version number/],
      [{ model: 'm', version: 1, force: true }, /^options\.force = true: is not a known option\. Fix: use only: model, alias, by, lease, clock, version, gates, holdout, reason/],
      [{ model: 'm', version: 1, gates: { thresholds: [{ metric: 'f1' }] } }, /^gates\.thresholds\[0\] = \{"metric":"f1"\}: sets no bound\. Fix: give one of min, max, above, below/],
      [{ model: 'm', version: 1, gates: { champion: { maxDegradation: -1 } } }, /^gates\.champion\.maxDegradation = -1: must be a fraction >= 0/],
      [{ model: 'm', version: 1, holdout: { champion: { f1: 'high' } } as never }, /^options\.holdout\.champion = \{"f1":"high"\}: must be an object of metric -> number/],
      [{ model: 'm', version: 1, lease: { settleMs: -5 } }, /^options\.lease\.settleMs = -5: must be a number of milliseconds >= 0/],
      [{ model: 'm', version: 1, reason: '  ' }, /^options\.reason = " ": must be a non-empty string|^options\.reason = "  "/],
    ];
    for (const [options, message] of bad) {
      const error = await promote(server.client, options as PromoteOptions).catch((e: unknown) => e);
      expect(error, JSON.stringify(options)).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message, JSON.stringify(options)).toMatch(message);
    }
    await expect(rollback(server.client, { model: 'm' } as never)).rejects.toThrow(/^options\.reason = undefined: must be a non-empty string\. Fix: say why the champion is rolled back/);
    await expect(rollback(server.client, { model: 'm', reason: 'x', version: 2 } as never)).rejects.toThrow(/^options\.version = 2: is not a known option\. Fix: use only: model, alias, by, lease, clock, reason$/);
    await expect(registryStatus(server.client, '')).rejects.toThrow(/^model = "": must be a non-empty string\. Fix: name the registered model/);
    await expect(registryStatus(server.client, 'm', { alias: 7 } as never)).rejects.toThrow(/^options\.alias = 7: must be a non-empty string\. Fix: leave it out for 'champion'$/);
  });
});

describe('rollback and status', () => {
  it('walks back through the champions, tags the demoted ones, and refuses when nothing is left', async () => {
    const model = 'p-rollback';
    const c = server.client;
    const versions = [];
    for (const f1 of [0.7, 0.72, 0.74]) versions.push(await addVersion(c, model, { ...GOOD, f1 }));
    for (const v of versions) await go({ model, version: v });
    expect((await c.getModelVersion(model, 2)).tags[TAG_FALLBACK]).toBe('true');
    expect((await c.getModelVersion(model, 1)).tags[TAG_FALLBACK]).toBeUndefined(); // only the current fallback is tagged

    const first = await rollback(c, { model, reason: 'live hit rate fell to 0.45', by: 'tester', lease: FAST });
    expect(first).toMatchObject({ version: '2', demoted: '3', fallback: '1' });
    expect(await holderOf(c, model)).toBe('2');
    expect((await c.getModelVersion(model, 3)).tags[TAG_ROLLED_BACK]).toBe('live hit rate fell to 0.45');
    expect((await c.getModelVersion(model, 2)).tags[TAG_FALLBACK]).toBeUndefined();
    expect((await c.getModelVersion(model, 1)).tags[TAG_FALLBACK]).toBe('true');

    const status = await registryStatus(c, model);
    expect(status.champion).toMatchObject({ version: '2', metrics: { ...GOOD, f1: 0.72 } });
    expect(status.fallback?.version).toBe('1');
    expect(status.lease).toBeUndefined();

    const second = await rollback(c, { model, reason: 'still bad', lease: FAST });
    expect(second).toMatchObject({ version: '1', demoted: '2', fallback: undefined });
    const none = await refusal(rollback(c, { model, reason: 'again', lease: FAST }));
    expect(none.message).toBe('rollback p-rollback v1 refused (no_fallback): the history (tag quantlab.champion_history) records no champion before v1. '
      + 'Fix: promote the version you want with `quantlab promote MODEL VERSION` instead');
    expect(await holderOf(c, model)).toBe('1');

    // Re-promoting a rolled-back version clears its mark; the next rollback returns to v1.
    await go({ model, version: '3', gates: { champion: null } });
    expect((await c.getModelVersion(model, 3)).tags[TAG_ROLLED_BACK]).toBeUndefined();
    const h = await history(model);
    expect(h.map((e) => [e.action, e.version, e.previous, e.fallback])).toEqual([
      ['promote', '1', null, null], ['promote', '2', '1', '1'], ['promote', '3', '2', '2'],
      ['rollback', '2', '3', '1'], ['rollback', '1', '2', null], ['promote', '3', '1', '1'],
    ]);
    expect(h[3]!.reasons).toEqual(['live hit rate fell to 0.45']);
    expect((await rollback(c, { model, reason: 'v3 again bad', lease: FAST })).version).toBe('1');
  });

  it('reports champion, fallback, challenger and history; refuses a rollback without champion', async () => {
    const model = 'p-status';
    const c = server.client;
    await addVersion(c, model, GOOD);
    const none = await refusal(rollback(c, { model, reason: 'x', lease: FAST }));
    expect(none.message).toBe("rollback p-status refused (no_champion): no version holds the alias 'champion'. Fix: promote a version first with `quantlab promote`");
    const empty = await registryStatus(c, model);
    expect(empty).toEqual({ model, alias: 'champion', aliases: {}, history: [] });
    await go({ model, version: 1 });
    await go({ model, version: await addVersion(c, model, { ...GOOD, f1: 0.74 }) });
    const v3 = await addVersion(c, model, { ...GOOD, f1: 0.8 });
    await c.setAlias(model, 'challenger', v3);
    const s = await registryStatus(c, model);
    expect(s.champion).toMatchObject({ version: '2', aliases: ['champion'], metrics: { ...GOOD, f1: 0.74 } });
    expect(s.champion!.tags[TAG_PROMOTED_AT]).toBe(s.history[1]!.at);
    expect(s.fallback).toMatchObject({ version: '1', tags: { [TAG_FALLBACK]: 'true' } });
    expect(s.challenger).toMatchObject({ version: '3', metrics: { ...GOOD, f1: 0.8 } });
    expect(s.aliases).toEqual({ champion: '2', challenger: '3' });
    expect(s.history.map((e) => e.version)).toEqual(['1', '2']);
    await expect(registryStatus(c, 'p-none')).rejects.toThrow(/^status p-none refused \(model_missing\)/);
  });

  it('takes over a stale lease, and reports a live one as busy naming its holder', async () => {
    const model = 'p-lease';
    const c = server.client;
    await addVersion(c, model, GOOD);
    await c.setRegisteredModelTag(model, TAG_LOCK, JSON.stringify({ owner: 'crashed-process', by: 'ghost@old-host', expires: Date.now() - 1000 }));
    expect((await registryStatus(c, model)).lease).toMatchObject({ by: 'ghost@old-host', expired: true });
    expect((await go({ model, version: 1 })).version).toBe('1');
    await c.setRegisteredModelTag(model, TAG_LOCK, JSON.stringify({ owner: 'other-process', by: 'alice@desk', expires: Date.now() + 60_000 }));
    const error = await promote(c, { model, version: await addVersion(c, model, GOOD), lease: { ...FAST, waitMs: 0 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryBusyError);
    expect((error as RegistryBusyError).code).toBe('busy');
    expect((error as Error).message).toMatch(/^model p-lease is busy: waited 0 ms for the lease; lease held by alice@desk \(owner other-pr, expires in (59|60) s\)\. Nothing was changed\. Fix: retry when/);
    expect(await holderOf(c, model)).toBe('1');
    await c.deleteRegisteredModelTag(model, TAG_LOCK);
  });
});

describe('concurrent promotions', () => {
  const consistent = (h: readonly ChampionHistoryEntry[]): void => {
    for (let i = 1; i < h.length; i++) expect(h[i]!.previous, `entry ${i}`).toBe(h[i - 1]!.version);
  };

  it('take turns under the lease: all succeed in sequence, one champion, a chained history', async () => {
    const model = 'p-concurrent';
    const c = server.client;
    await go({ model, version: await addVersion(c, model, GOOD) });
    const candidates: string[] = [];
    for (let i = 0; i < 4; i++) candidates.push(await addVersion(c, model, GOOD));
    const results = await Promise.all(candidates.map((version) => promote(c, { model, version, by: `worker-${version}` })));
    const h = await history(model);
    expect(h).toHaveLength(5);
    consistent(h);
    expect(h.slice(1).map((e) => e.version).sort()).toEqual([...candidates].sort());
    const champion = await holderOf(c, model);
    expect(champion).toBe(h[4]!.version);
    expect(await versionsWithAlias(c, model)).toEqual([champion]);
    expect(new Set(results.map((r) => r.previous)).size).toBe(4); // each saw a different predecessor: serialised
  });

  it('without waiting, the losers fail as busy/superseded and change nothing', async () => {
    const model = 'p-contend';
    const c = server.client;
    await go({ model, version: await addVersion(c, model, GOOD) });
    const candidates: string[] = [];
    for (let i = 0; i < 3; i++) candidates.push(await addVersion(c, model, GOOD));
    const outcomes = await Promise.allSettled(candidates.map((version) => promote(c, { model, version, lease: { waitMs: 0 } })));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const error of lost) {
      expect(error).toBeInstanceOf(RegistryBusyError);
      expect(['busy', 'superseded']).toContain((error as RegistryBusyError).code);
    }
    const h = await history(model);
    expect(h).toHaveLength(1 + won.length);
    consistent(h);
    expect(await versionsWithAlias(c, model)).toEqual([h[h.length - 1]!.version]);
  });
});
