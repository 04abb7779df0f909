// MedianPruner / PercentilePruner decisions against Optuna 5.0.0's on one fixed table of
// intermediate values (missing steps, a NaN report, both directions, start-up, warm-up,
// interval and n_min_trials settings), then pruning inside a study.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createStudy, MedianPruner, nanPercentile, PercentilePruner, RandomSampler, TrialPruned,
  type FrozenTrial, type Pruner, type PercentilePrunerOptions, type StudyView, type StudyDirection as Direction,
} from '../../lib/tuning';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

type Reports = Record<number, number>;

/** Completed trials' learning curves (steps 0..9, some skipped, one NaN) and running trials' partial curves. */
function table(): { completed: { value: number; reports: Reports }[]; running: Reports[] } {
  const rng = createRng(11);
  const curve = (level: number, skip: number): Reports => {
    const out: Reports = {};
    for (let s = 0; s < 10; s++) if (s % skip !== skip - 1 || skip === 1) out[s] = level / (1 + s) + 0.3 * rng.normal();
    return out;
  };
  const completed = Array.from({ length: 8 }, (_, i) => {
    const reports = curve(2 + i * 0.5, i % 3 === 0 ? 1 : 3);
    return { value: reports[Math.max(...Object.keys(reports).map(Number))]!, reports };
  });
  completed[2]!.reports[4] = Number.NaN;
  const running: Reports[] = [];
  for (let i = 0; i < 14; i++) {
    const full = curve(1 + 0.4 * i, 1);
    const upTo = i % 10;
    running.push(Object.fromEntries(Object.entries(full).filter(([s]) => Number(s) <= upTo && !(i % 4 === 1 && Number(s) === upTo - 1))));
  }
  running.push({}); // nothing reported yet
  running.push({ 0: Number.NaN, 1: Number.NaN }); // only NaN: prune
  running.push({ 7: 0.1 }); // first report late
  return { completed, running };
}

interface Config { percentile: number; options: PercentilePrunerOptions; direction: Direction; nCompleted: number }

const CONFIGS: Config[] = [];
for (const direction of ['minimize', 'maximize'] as const) {
  for (const nCompleted of [0, 3, 8]) CONFIGS.push({ percentile: 50, options: {}, direction, nCompleted });
  CONFIGS.push({ percentile: 50, options: { nStartupTrials: 0, nWarmupSteps: 3, intervalSteps: 2 }, direction, nCompleted: 8 });
  CONFIGS.push({ percentile: 50, options: { nStartupTrials: 2, nMinTrials: 4 }, direction, nCompleted: 8 });
  CONFIGS.push({ percentile: 25, options: { intervalSteps: 3 }, direction, nCompleted: 8 });
  CONFIGS.push({ percentile: 90, options: { nWarmupSteps: 5 }, direction, nCompleted: 6 });
}

const PY = `
import math
import optuna
from optuna.trial import TrialState, create_trial
from optuna.pruners import MedianPruner, PercentilePruner
optuna.logging.set_verbosity(optuna.logging.ERROR)

def curve(d):
    return {int(k): (math.nan if v is None else v) for k, v in d.items()}

out = []
for cfg in inp['configs']:
    o = cfg['options']
    kw = dict(n_startup_trials=o.get('nStartupTrials', 5), n_warmup_steps=o.get('nWarmupSteps', 0), interval_steps=o.get('intervalSteps', 1), n_min_trials=o.get('nMinTrials', 1))
    pruner = MedianPruner(**kw) if cfg['percentile'] == 50 else PercentilePruner(cfg['percentile'], **kw)
    study = optuna.create_study(direction=cfg['direction'], pruner=pruner)
    for t in inp['completed'][:cfg['nCompleted']]:
        study.add_trial(create_trial(state=TrialState.COMPLETE, value=t['value'], intermediate_values=curve(t['reports'])))
    decisions = []
    for r in inp['running']:
        trial = create_trial(state=TrialState.RUNNING, intermediate_values=curve(r))
        decisions.append(bool(pruner.prune(study, trial)))
    out.append(decisions)
import numpy as np
pct = [float(np.nanpercentile(np.asarray([math.nan if v is None else v for v in xs], dtype=float), p)) for xs, p in inp['percentiles']]
print(json.dumps({'decisions': out, 'percentiles': pct}))
`;

const TABLE = table();
const PERCENTILES: [number[], number][] = [[[3, 1, 2], 50], [[1, 2, 3, 4], 50], [[5, Number.NaN, 1, 2.5, 7], 25], [[0.1, 0.2, 0.30000000000000004], 90], [[4], 10], [[1, 2, 3, 4, 5, 6, 7], 100 / 3]];

let ref: { decisions: boolean[][]; percentiles: number[] };
beforeAll(() => {
  ref = runPython(PY, { configs: CONFIGS, completed: TABLE.completed, running: TABLE.running, percentiles: PERCENTILES });
}, 60_000);

function trial(number: number, state: FrozenTrial['state'], reports: Reports, value?: number): FrozenTrial {
  return { number, state, params: {}, distributions: {}, intermediateValues: reports, startedAt: 0, systemAttrs: {}, ...(value === undefined ? {} : { value }) };
}

function view(direction: Direction, trials: FrozenTrial[]): StudyView {
  return { direction, getTrials: (states) => (states ? trials.filter((t) => states.includes(t.state)) : trials) };
}

describe('pruners vs optuna', () => {
  it('nanPercentile equals numpy.nanpercentile (linear interpolation)', () => {
    PERCENTILES.forEach(([xs, p], i) => expect(nanPercentile(xs, p)).toBe(ref.percentiles[i]));
  });

  CONFIGS.forEach((cfg, c) => {
    it(`percentile ${cfg.percentile} ${JSON.stringify(cfg.options)} ${cfg.direction}, ${cfg.nCompleted} completed: same decisions`, () => {
      const pruner: Pruner = cfg.percentile === 50 ? new MedianPruner(cfg.options) : new PercentilePruner(cfg.percentile, cfg.options);
      const completed = TABLE.completed.slice(0, cfg.nCompleted).map((t, i) => trial(i, 'complete', t.reports, t.value));
      const decisions = TABLE.running.map((r, j) => pruner.prune(view(cfg.direction, [...completed, trial(100 + j, 'running', r)]), trial(100 + j, 'running', r)));
      expect(decisions).toEqual(ref.decisions[c]);
    });
  });

  it('the table exercises both verdicts', () => {
    const all = ref.decisions.flat();
    expect(all.filter(Boolean).length).toBeGreaterThan(10);
    expect(all.filter((d) => !d).length).toBeGreaterThan(10);
  });
});

describe('pruning in a study', () => {
  it('prunes slow learners once 5 trials completed, records the last report as the value', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 4 }), pruner: new MedianPruner() });
    await study.optimize((t) => {
      const rate = t.suggestFloat('rate', 0.01, 1);
      let loss = 10;
      for (let step = 0; step < 20; step++) {
        loss *= 1 - rate * 0.5;
        t.report(loss, step);
        if (t.shouldPrune()) throw new TrialPruned();
      }
      return loss;
    }, { nTrials: 30 });
    const trials = study.trials;
    expect(trials.slice(0, 5).every((t) => t.state === 'complete')).toBe(true);
    const pruned = trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(5);
    for (const t of pruned) {
      const last = Math.max(...Object.keys(t.intermediateValues).map(Number));
      expect(t.value).toBe(t.intermediateValues[last]);
      expect(last).toBeLessThan(19);
    }
    expect(study.trialsTable().filter((r) => r.state === 'pruned')).toHaveLength(pruned.length);
  });

  it('rejects bad pruner options and repeated steps with the argument, value and fix', async () => {
    expect(() => new MedianPruner({ nWarmupStep: 3 } as never)).toThrow(/options\.nWarmupStep = 3: is not a known option\. Fix: use only: nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials/);
    expect(() => new PercentilePruner(120)).toThrow(InvalidArgumentError);
    expect(() => new PercentilePruner(120)).toThrow(/percentile = 120: must be between 0 and 100\. Fix:/);
    expect(() => new MedianPruner({ intervalSteps: 0 })).toThrow(/options\.intervalSteps = 0: must be an integer >= 1\. Fix: leave it out/);
    const study = await createStudy();
    const t = await study.ask();
    t.report(1, 0);
    expect(() => t.report(2, 0)).toThrow(/step = 0: was already reported in trial 0\. Fix: report each step once/);
    expect(() => t.report(2, -1)).toThrow(/step = -1: must be a non-negative integer\. Fix:/);
  });
});
