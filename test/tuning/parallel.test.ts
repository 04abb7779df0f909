// Parallel trials in worker threads: the objective module runs in nJobs workers, the sampler
// and pruner in the main thread. Nothing is lost or duplicated, sleep-bound objectives overlap,
// and errors (including the study's own, raised inside a worker's suggest call) come back whole.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudy, MedianPruner, RandomSampler, TPESampler } from '../../lib/tuning';
import { InvalidArgumentError } from '../../lib/util/errors';
import sleepy, { SLEEP_MS } from './fixtures/objectives';

const MODULE = path.join(__dirname, 'fixtures', 'objectives.ts');
const N = 16;

describe('worker-thread parallel trials', () => {
  // The first test also warms the transpile cache, so the timing below measures the pool, not
  // a cold start of the typescript package.
  it('carries reports and pruning decisions between workers and the pruner', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 8 }), pruner: new MedianPruner({ nStartupTrials: 3 }) });
    await study.optimize({ module: MODULE, exportName: 'reporting' }, { nTrials: 20, nJobs: 2 });
    const trials = study.trials;
    expect(trials).toHaveLength(20);
    expect(trials.filter((t) => t.state === 'pruned').length).toBeGreaterThan(0);
    for (const t of trials) {
      const steps = Object.keys(t.intermediateValues).map(Number);
      expect(steps).toEqual([...Array(steps.length).keys()]);
      if (t.state === 'complete') expect(steps).toHaveLength(8);
    }
  });

  it(`runs ${N} trials on 4 workers: all complete, numbers 0..${N - 1} once each, faster than sequential`, async () => {
    const t0 = performance.now();
    const parallel = await createStudy({ sampler: new TPESampler({ seed: 3, nStartupTrials: 4 }) });
    await parallel.optimize({ module: MODULE }, { nTrials: N, nJobs: 4 });
    const parallelMs = performance.now() - t0;

    const t1 = performance.now();
    const sequential = await createStudy({ sampler: new TPESampler({ seed: 3, nStartupTrials: 4 }) });
    await sequential.optimize(sleepy, { nTrials: N });
    const sequentialMs = performance.now() - t1;
    console.log(`[tuning] ${N} trials of a ${SLEEP_MS} ms objective: 4 worker threads ${parallelMs.toFixed(0)} ms (incl. start-up), sequential ${sequentialMs.toFixed(0)} ms`);

    const trials = parallel.trials;
    expect(trials.map((t) => t.number)).toEqual([...Array(N).keys()]);
    expect(trials.every((t) => t.state === 'complete')).toBe(true);
    for (const t of trials) {
      expect(Object.keys(t.params).sort()).toEqual(['k', 'x']);
      expect(t.value).toBeCloseTo((t.params.x as number) ** 2 + (t.params.k as number), 12);
    }
    expect(new Set(trials.map((t) => t.params.x)).size).toBe(N);
    expect(parallelMs).toBeLessThan(sequentialMs);
  });

  it("returns the study's InvalidArgumentError raised inside a worker's suggest call", async () => {
    const study = await createStudy({ sampler: new RandomSampler() });
    const run = study.optimize({ module: MODULE, exportName: 'reusedName' }, { nTrials: 3, nJobs: 2 });
    await expect(run).rejects.toThrow(InvalidArgumentError);
    await expect(run).rejects.toThrow(/^name = "x": was suggested in this trial as float \[0, 1\], now as float \[0, 2\]\. Fix: use one distribution per parameter name/);
    expect(study.trials.every((t) => t.state === 'failed')).toBe(true);
  });

  it('fails trial 2 and rethrows after the trials in flight end', async () => {
    const study = await createStudy({ sampler: new RandomSampler() });
    await expect(study.optimize({ module: MODULE, exportName: 'crashy' }, { nTrials: 10, nJobs: 3 })).rejects.toThrow('crash in worker');
    const trials = study.trials;
    expect(trials.find((t) => t.number === 2)).toMatchObject({ state: 'failed', failReason: 'crash in worker' });
    expect(trials.every((t) => t.state !== 'running')).toBe(true);
    expect(trials.length).toBeLessThan(10);
  });

  it('rejects a missing module or export with the argument, value and fix', async () => {
    const study = await createStudy({ sampler: new RandomSampler() });
    await expect(study.optimize({ module: 'no/such/objective.ts' }, { nTrials: 1 })).rejects.toThrow(/^objective\.module = "no\/such\/objective\.ts": does not exist \(resolved to .*\)\. Fix: pass the path of the module/);
    await expect(study.optimize({ module: MODULE, exportName: 'notAFunction' }, { nTrials: 1, nJobs: 2 })).rejects.toThrow(/^objective\.exportName = "notAFunction": is not a function exported by .*objectives\.ts\. Fix: export the objective function under that name$/);
    expect(study.trials).toHaveLength(0);
  });
});
