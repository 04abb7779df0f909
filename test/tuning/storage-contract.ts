// One contract suite for every study storage (storage-memory.test.ts, storage-mlflow.test.ts),
// after optuna/testing/pytest_storages.py: exact round trips, interrupted trials, resuming.
import { describe, expect, it } from 'vitest';
import {
  copyStudy, createStudy, INTERRUPTED_REASON, loadStudy, MemoryStorage, TPESampler, TrialPruned,
  type StudyStorage, type Trial,
} from '../../lib/tuning';

export interface StorageFixture {
  /** A storage over the same backing store each call (a fresh client for MLflow). */
  storage(): StudyStorage;
}

const LONG_CURVE = 1200; // enough reports that MLflow's record spans several tags

/** Every kind of parameter, NaN and infinite values, a long learning curve. */
async function richObjective(t: Trial): Promise<number> {
  const lr = t.suggestFloat('lr', 1e-5, 1e-1, { log: true });
  const dropout = t.suggestFloat('dropout', 0, 0.5, { step: 0.05 });
  const units = t.suggestInt('units', 8, 256, { step: 8 });
  const batch = t.suggestInt('batch', 16, 1024, { log: true });
  const act = t.suggestCategorical('act', ['relu', 'tanh', null, true, 3.5]);
  if (t.number === 2) throw new Error('diverged');
  if (t.number === 3) {
    for (let s = 0; s < LONG_CURVE; s++) t.report(s === 7 ? Number.NaN : 1 / (s + 1) + lr, s);
    throw new TrialPruned();
  }
  if (t.number === 4) return Number.NEGATIVE_INFINITY;
  t.report(lr * 2, 0);
  t.report(lr, 5);
  return lr * units + dropout + batch / 1024 + (act === 'relu' ? 0 : 0.1);
}

const quadratic = (t: Trial): number => (t.suggestFloat('x', -10, 10) - 2) ** 2 + (t.suggestFloat('y', -10, 10) + 1) ** 2;

export function storageContract(kind: string, fixture: StorageFixture): void {
  describe(`study storage contract (${kind})`, () => {
    it('round-trips every trial exactly; a trial left running comes back failed', async () => {
      const study = await createStudy({ name: `${kind}-round-trip`, storage: fixture.storage(), sampler: new TPESampler({ seed: 1, nStartupTrials: 3 }) });
      await study.optimize(richObjective, { nTrials: 8, catchErrors: true });
      const dangling = await study.ask();
      dangling.suggestFloat('lr', 1e-5, 1e-1, { log: true });
      const before = study.trials;
      expect(before.map((t) => t.state)).toEqual(['complete', 'complete', 'failed', 'pruned', 'complete', 'complete', 'complete', 'complete', 'running']);

      const loaded = await loadStudy({ name: `${kind}-round-trip`, storage: fixture.storage() });
      expect(loaded.direction).toBe('minimize');
      const after = loaded.trials;
      expect(after.slice(0, 8)).toEqual(before.slice(0, 8));
      expect(Number.isNaN(after[3]!.intermediateValues[7]!)).toBe(true);
      expect(Object.keys(after[3]!.intermediateValues)).toHaveLength(LONG_CURVE);
      expect(after[4]!.value).toBe(Number.NEGATIVE_INFINITY);
      expect(after[8]).toMatchObject({ number: 8, state: 'failed', failReason: INTERRUPTED_REASON });
      expect(loaded.bestTrial!.number).toBe(4);
      // Loading again sees the interrupted trial as failed already.
      expect((await loadStudy({ name: `${kind}-round-trip`, storage: fixture.storage() })).trials[8]!.state).toBe('failed');
    });

    it('resumes an interrupted study: numbering continues and the sampler learns from the stored trials', async () => {
      const name = `${kind}-resume`;
      const study = await createStudy({ name, storage: fixture.storage(), sampler: new TPESampler({ seed: 1, nStartupTrials: 5 }) });
      const interrupted = study.optimize((t) => { if (t.number === 7) throw new Error('killed after 7 trials'); return quadratic(t); }, { nTrials: 20 });
      await expect(interrupted).rejects.toThrow('killed after 7 trials');
      await study.ask(); // a crash mid-trial leaves this one running

      const resumed = await loadStudy({ name, storage: fixture.storage(), sampler: new TPESampler({ seed: 2, nStartupTrials: 5 }) });
      expect(resumed.trials.map((t) => t.state)).toEqual([...Array(7).fill('complete'), 'failed', 'failed']);
      // The same history in memory, sampled with the same seed, must give the same next trials.
      const memory = new MemoryStorage();
      await copyStudy({ fromStorage: fixture.storage(), fromName: name, toStorage: memory });
      const twin = await loadStudy({ name, storage: memory, sampler: new TPESampler({ seed: 2, nStartupTrials: 5 }) });
      const blank = await createStudy({ sampler: new TPESampler({ seed: 2, nStartupTrials: 5 }) });
      for (const s of [resumed, twin, blank]) await s.optimize(quadratic, { nTrials: 3 });

      const next = resumed.trials.slice(9);
      expect(next.map((t) => t.number)).toEqual([9, 10, 11]);
      expect(next.map((t) => t.params)).toEqual(twin.trials.slice(9).map((t) => t.params));
      expect(next[0]!.params).not.toEqual(blank.trials[0]!.params); // TPE after start-up, not a first random draw
      expect(resumed.trials.filter((t) => t.state === 'complete')).toHaveLength(10);
      const reloaded = await loadStudy({ name, storage: fixture.storage() });
      expect(reloaded.trials).toEqual(resumed.trials);
    });

    it('refuses a second study of the same name unless asked to load it, and a changed direction', async () => {
      const name = `${kind}-dup`;
      await createStudy({ name, storage: fixture.storage(), direction: 'maximize' });
      await expect(createStudy({ name, storage: fixture.storage(), direction: 'maximize' })).rejects.toThrow(new RegExp(`^name = "${name}": names an existing study.*Fix: pass loadIfExists: true`));
      await expect(createStudy({ name, storage: fixture.storage(), loadIfExists: true })).rejects.toThrow(`direction = "minimize": differs from the stored study "${name}" (maximize)`);
      const opened = await createStudy({ name, storage: fixture.storage(), direction: 'maximize', loadIfExists: true });
      expect(opened.direction).toBe('maximize');
      await expect(loadStudy({ name: `${kind}-missing`, storage: fixture.storage() })).rejects.toThrow(new RegExp(`^name = "${kind}-missing": names no study`));
    });
  });
}
