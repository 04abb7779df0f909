// The study's API in process: optimize budgets, ask/tell, failures, the trials table, the grid,
// and every bad input with the argument, value and fix in the message.
import { describe, expect, it } from 'vitest';
import {
  createStudy, GridSampler, loadStudy, MemoryStorage, RandomSampler, TPESampler, TrialPruned, type Trial,
} from '../../lib/tuning';
import { InvalidArgumentError } from '../../lib/util/errors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('optimize', () => {
  it('runs nTrials, finds the best trial for either direction, and tabulates the trials', async () => {
    const study = await createStudy({ name: 'max', direction: 'maximize', sampler: new RandomSampler({ seed: 2 }) });
    await study.optimize((t) => -((t.suggestFloat('x', -3, 3) - 1) ** 2) + (t.suggestCategorical('flag', [true, false]) ? 1 : 0), { nTrials: 40 });
    const values = study.trials.map((t) => t.value!);
    expect(study.trials).toHaveLength(40);
    expect(study.bestValue).toBe(Math.max(...values));
    expect(study.bestTrial!.params).toEqual(study.bestParams);
    expect(study.bestTrial!.value).toBe(study.bestValue);
    const rows = study.trialsTable();
    expect(rows).toHaveLength(40);
    expect(Object.keys(rows[0]!).sort()).toEqual(['completedAt', 'durationMs', 'number', 'params_flag', 'params_x', 'startedAt', 'state', 'value']);
    expect(rows[7]).toMatchObject({ number: 7, state: 'complete', value: values[7], params_x: study.trials[7]!.params.x });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
    expect(rows.every((r) => typeof r.durationMs === 'number' && r.durationMs >= 0)).toBe(true);
  });

  it('stops at the timeout, at stop() from a callback, and when a grid is exhausted', async () => {
    const timed = await createStudy({ sampler: new RandomSampler() });
    const start = Date.now();
    await timed.optimize(async (t) => { await sleep(20); return t.suggestFloat('x', 0, 1); }, { timeoutMs: 150 });
    expect(Date.now() - start).toBeLessThan(1000);
    expect(timed.trials.length).toBeGreaterThanOrEqual(2);
    expect(timed.trials.length).toBeLessThan(12);

    const stopped = await createStudy({ sampler: new RandomSampler() });
    await stopped.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 100, callbacks: [(s, trial) => { if (trial.number === 4) s.stop(); }] });
    expect(stopped.trials).toHaveLength(5);

    const grid = new GridSampler({ searchSpace: { a: [1, 2, 3], b: ['x', 'y'] }, seed: 1 });
    const gridStudy = await createStudy({ sampler: grid });
    await gridStudy.optimize((t) => t.suggestInt('a', 1, 3) * (t.suggestCategorical('b', ['x', 'y']) === 'x' ? 1 : -1)); // no budget: the grid ends it
    const points = gridStudy.trials.map((t) => `${t.params.a}${t.params.b}`);
    expect(points).toHaveLength(6);
    expect(new Set(points).size).toBe(6);
    expect(points).toEqual(Array.from({ length: 6 }, (_, i) => grid.point(gridStudy.trials[i]!.systemAttrs.grid_id as number)).map((p) => `${p.a}${p.b}`));
    const other = await createStudy({ sampler: new GridSampler({ searchSpace: { a: [1, 2, 3], b: ['x', 'y'] }, seed: 2 }) });
    await other.optimize((t) => t.suggestInt('a', 1, 3) * (t.suggestCategorical('b', ['x', 'y']) === 'x' ? 1 : -1), { nTrials: 50 });
    expect(other.trials.map((t) => `${t.params.a}${t.params.b}`)).not.toEqual(points);
    expect(other.trials).toHaveLength(6);
  });

  it('marks a throwing objective failed and rethrows; catchErrors records and carries on; NaN fails the trial', async () => {
    const study = await createStudy({ sampler: new RandomSampler() });
    await expect(study.optimize((t) => { if (t.number === 3) throw new Error('boom at 3'); return t.suggestFloat('x', 0, 1); }, { nTrials: 10 })).rejects.toThrow('boom at 3');
    expect(study.trials.map((t) => t.state)).toEqual(['complete', 'complete', 'complete', 'failed']);
    expect(study.trials[3]!.failReason).toBe('boom at 3');
    await study.optimize((t) => { if (t.number % 2) throw new Error('odd'); return t.number % 4 ? Number.NaN : 1; }, { nTrials: 6, catchErrors: true });
    expect(study.trials.slice(4).map((t) => t.state)).toEqual(['complete', 'failed', 'failed', 'failed', 'complete', 'failed']);
    expect(study.trials[6]!.failReason).toBe('the objective returned NaN, not a number');
  });

  it('runs async objectives concurrently with nJobs', async () => {
    const study = await createStudy({ sampler: new TPESampler({ seed: 1 }) });
    let live = 0, peak = 0;
    await study.optimize(async (t) => {
      live++; peak = Math.max(peak, live);
      const x = t.suggestFloat('x', 0, 1);
      await sleep(15);
      live--;
      return x;
    }, { nTrials: 16, nJobs: 4 });
    expect(peak).toBe(4);
    expect(study.trials.map((t) => t.number)).toEqual([...Array(16).keys()]);
    expect(study.trials.every((t) => t.state === 'complete')).toBe(true);
  });
});

describe('ask and tell', () => {
  it('drives trials by hand, including pruned and failed ones', async () => {
    const storage = new MemoryStorage();
    const study = await createStudy({ name: 'by-hand', storage, sampler: new RandomSampler({ seed: 5 }) });
    const a = await study.ask();
    const x = a.suggestFloat('x', 0, 10);
    expect(a.suggestFloat('x', 0, 10)).toBe(x); // same name, same distribution: same value
    expect(a.params).toEqual({ x });
    expect((await study.tell(a, x * 2)).value).toBe(x * 2);
    const b = await study.ask();
    b.report(3, 0); b.report(2, 1);
    expect(await study.tell(b, { state: 'pruned' })).toMatchObject({ state: 'pruned', value: 2 });
    const c = await study.ask();
    expect(await study.tell(c.number, { state: 'failed', reason: 'out of memory' })).toMatchObject({ state: 'failed', failReason: 'out of memory' });
    expect(() => a.suggestFloat('y', 0, 1)).toThrow(/trial = 0: is already complete\. Fix: use the trial only inside its objective/);
    await expect(study.tell(a, 1)).rejects.toThrow(/trial = 0: is already complete/);
    await expect(study.tell(await study.ask(), 'good' as never)).rejects.toThrow(/result = "good": must be the objective value/);
    // A trial left running is failed when the study is loaded again.
    await study.ask();
    const again = await loadStudy({ name: 'by-hand', storage });
    expect(again.trials.map((t) => t.state)).toEqual(['complete', 'pruned', 'failed', 'failed', 'failed']);
    expect(again.trials[4]!.failReason).toMatch(/still RUNNING when the study was loaded/);
  });

  it('rejects a reused name with another distribution, in a trial and across trials', async () => {
    const study = await createStudy({ sampler: new RandomSampler() });
    const t = await study.ask();
    t.suggestFloat('lr', 1e-4, 1e-1, { log: true });
    expect(() => t.suggestFloat('lr', 1e-4, 1, { log: true })).toThrow(InvalidArgumentError);
    expect(() => t.suggestFloat('lr', 1e-4, 1, { log: true })).toThrow(/name = "lr": was suggested in this trial as float \[0\.0001, 0\.1\] \(log\), now as float \[0\.0001, 1\] \(log\)\. Fix: use one distribution per parameter name/);
    await study.tell(t, 1);
    const u = await study.ask();
    expect(() => u.suggestInt('lr', 1, 5)).toThrow(/name = "lr": was a float parameter in earlier trials, now int \[1, 5\]\. Fix: keep the kind, log flag and choices/);
    expect(() => u.suggestFloat('lr', 1e-4, 1e-1)).toThrow(/name = "lr": had log: true in earlier trials/);
    expect(u.suggestFloat('lr', 1e-3, 1e-2, { log: true })).toBeGreaterThanOrEqual(1e-3); // a new range is fine
    u.suggestCategorical('act', ['relu', 'tanh']);
    await study.tell(u, 1);
    const v = await study.ask();
    expect(() => v.suggestCategorical('act', ['relu', 'gelu'])).toThrow(/name = "act": had choices \["relu","tanh"\] in earlier trials/);
  });
});

describe('bad input', () => {
  const withTrial = async (f: (t: Trial) => void) => f(await (await createStudy({ sampler: new RandomSampler() })).ask());

  it('suggest arguments: low > high, log with low <= 0, steps, choices, unknown options, names', async () => {
    await withTrial((t) => {
      expect(() => t.suggestFloat('x', 2, 1)).toThrow(/^low = 2: must be <= high \(1\)\. Fix: swap low and high$/);
      expect(() => t.suggestInt('n', 9, 1)).toThrow(/^low = 9: must be <= high \(1\)\. Fix: swap low and high$/);
      expect(() => t.suggestFloat('x', 0, 1, { log: true })).toThrow(/^low = 0: must be > 0 when log: true\. Fix: use a positive lower bound/);
      expect(() => t.suggestFloat('x', -1, 1, { log: true })).toThrow(/^low = -1: must be > 0 when log: true/);
      expect(() => t.suggestInt('n', 0, 10, { log: true })).toThrow(/^low = 0: must be >= 1 when log: true\. Fix:/);
      expect(() => t.suggestFloat('x', 0, 1, { log: true, step: 0.1 })).toThrow(/^options\.step = 0\.1: cannot be combined with log: true\. Fix:/);
      expect(() => t.suggestFloat('x', 0, 1, { step: 0.3 })).toThrow(/^high = 1: high - low must be a multiple of step \(0\.3\)\. Fix: use high = 0\.9/);
      expect(() => t.suggestInt('n', 0, 10, { step: 3 })).toThrow(/^high = 10: high - low must be a multiple of step \(3\)\. Fix: use high = 9$/);
      expect(() => t.suggestInt('n', 0.5, 10)).toThrow(/^low = 0\.5: must be an integer\. Fix:/);
      expect(() => t.suggestFloat('x', 0, Number.NaN)).toThrow(/^high = NaN: must be a finite number\. Fix:/);
      expect(() => t.suggestFloat('x', 0, 1, { logg: true } as never)).toThrow(/^options\.logg = true: is not a known option\. Fix: use only: log, step$/);
      expect(() => t.suggestCategorical('c', [])).toThrow(/^choices = array of length 0: must be a non-empty array\. Fix:/);
      expect(() => t.suggestCategorical('c', [{ a: 1 }] as never)).toThrow(/^choices\[0\] = \{"a":1\}: must be a string, number, boolean or null\. Fix: encode structured choices as strings/);
      expect(() => t.suggestFloat('', 0, 1)).toThrow(/^name = "": must be a non-empty string\. Fix:/);
      expect(() => t.report(Number('x') as never, 1.5)).toThrow(/^step = 1\.5: must be a non-negative integer/);
    });
  });

  it('study, sampler and optimize options', async () => {
    await expect(createStudy({ directon: 'maximize' } as never)).rejects.toThrow(/^options\.directon = "maximize": is not a known option\. Fix: use only: name, direction, sampler, pruner, storage, loadIfExists$/);
    await expect(createStudy({ direction: 'up' as never })).rejects.toThrow(/^options\.direction = "up": must be 'minimize' or 'maximize'\. Fix:/);
    expect(() => new TPESampler({ nStartupTrial: 5 } as never)).toThrow(/^options\.nStartupTrial = 5: is not a known option\. Fix: use only: nStartupTrials, nEiCandidates/);
    expect(() => new TPESampler({ nEiCandidates: 0 })).toThrow(/^options\.nEiCandidates = 0: must be an integer >= 1\. Fix:/);
    expect(() => new TPESampler({ priorWeight: -1 })).toThrow(/^options\.priorWeight = -1: must be a positive finite number/);
    expect(() => new RandomSampler({ seed: -3 })).toThrow(/^seed = -3: must be a non-negative safe integer\. Fix:/);
    expect(() => new RandomSampler({ sed: 1 } as never)).toThrow(/^options\.sed = 1: is not a known option\. Fix: use only: seed$/);
    expect(() => new GridSampler({ searchSpace: { a: [] } })).toThrow(/^options\.searchSpace\.a = array of length 0: must be a non-empty array\. Fix:/);
    expect(() => new GridSampler({ searchSpace: {} })).toThrow(/^options\.searchSpace = \{\}: must map parameter names to arrays of values/);
    const study = await createStudy({ name: 'opts', sampler: new RandomSampler() });
    const objective = (t: Trial) => t.suggestFloat('x', 0, 1);
    await expect(study.optimize(objective, { nTrial: 5 } as never)).rejects.toThrow(/^options\.nTrial = 5: is not a known option\. Fix: use only: nTrials, timeoutMs, nJobs, catchErrors, callbacks$/);
    await expect(study.optimize(objective, {})).rejects.toThrow(/^options = \{\}: sets no budget, so optimize would never end\. Fix: pass nTrials or timeoutMs$/);
    await expect(study.optimize(objective, { nTrials: 2.5 })).rejects.toThrow(/^options\.nTrials = 2\.5: must be an integer >= 0/);
    await expect(study.optimize(objective, { nTrials: 1, nJobs: 0 })).rejects.toThrow(/^options\.nJobs = 0: must be an integer >= 1/);
    await expect(study.optimize(objective, { timeoutMs: -5 })).rejects.toThrow(/^options\.timeoutMs = -5: must be a positive number of milliseconds/);
    await expect(study.optimize('objective' as never, { nTrials: 1 })).rejects.toThrow(/^objective = "objective": must be a function or \{ module, exportName \}/);
    const storage = new MemoryStorage();
    await createStudy({ name: 'dup', storage });
    await expect(createStudy({ name: 'dup', storage })).rejects.toThrow(/^name = "dup": names an existing study\. Fix: pass loadIfExists: true/);
    await expect(createStudy({ name: 'dup', storage, loadIfExists: true, direction: 'maximize' })).rejects.toThrow(/^direction = "maximize": differs from the stored study "dup" \(minimize\)\. Fix:/);
    await expect(loadStudy({ name: 'nope', storage })).rejects.toThrow(/^name = "nope": names no study in this storage\. Fix: create it first; known: dup$/);
  });

  it('grid values that do not fit the suggest call, and parameters outside the grid', async () => {
    const study = await createStudy({ sampler: new GridSampler({ searchSpace: { a: [1, 5] } }) });
    await expect(study.optimize((t) => t.suggestInt('a', 1, 3), { nTrials: 2 })).rejects.toThrow(/^options\.searchSpace\.a = 5: holds a value outside the suggested int \[1, 3\]\. Fix: make the grid values fit the suggest call$/);
    const other = await createStudy({ sampler: new GridSampler({ searchSpace: { a: [1] } }) });
    await expect(other.optimize((t) => t.suggestInt('a', 1, 3) + t.suggestFloat('b', 0, 1), { nTrials: 1 })).rejects.toThrow(/^name = "b": is not in the grid \(a\)\. Fix: add it to GridSampler searchSpace/);
  });

  it('TrialPruned is an Error with its own name', () => {
    const e = new TrialPruned();
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('TrialPruned');
  });
});
