// checkVectorEnv: the contract of a VectorEnv. Arrays of numEnvs results with observations in
// the single space, rewards a Float64Array of finite numbers, same-step auto-reset with
// info.finalObservation / info.finalInfo on every ended environment, step before reset refused,
// and two rollouts from one seed with the same actions identical.
import { describeValue } from '../../util/errors';
import { createRng, type Rng } from '../../util/random';
import { EnvCheckError } from './errors';
import { checkerAction, checkSpace, expectFlag, expectIn, expectInfo, expectReward, sameValue, snapshot } from './check-values';
import type { CheckEnvReport } from './check-env';
import type { Info, Space, VectorEnv } from './types';

interface Trace { readonly values: unknown[]; readonly actions: unknown[][]; ended: number }

export function checkVectorEnv(venv: VectorEnv<unknown, unknown>, again: () => VectorEnv<unknown, unknown>, options: { steps: number; seed: number }): CheckEnvReport {
  const { steps, seed } = options;
  const n = venv.numEnvs;
  if (!Number.isSafeInteger(n) || n < 1) throw new EnvCheckError('numEnvs', `numEnvs is ${describeValue(n)}`, 'declare the number of sub-environments (>= 1)');
  for (const method of ['reset', 'step', 'close'] as const) {
    if (typeof venv[method] !== 'function') throw new EnvCheckError('reset/step signatures', `venv.${method} is not a function`, 'use SyncVectorEnv or implement VectorEnv from lib/rl/core/types.ts');
  }
  const rng = createRng(seed);
  const obsSpace = checkSpace('singleObservationSpace', venv.singleObservationSpace, rng);
  const actSpace = checkSpace('singleActionSpace', venv.singleActionSpace, rng);
  let threw = false;
  try { venv.step(Array.from({ length: n }, () => actSpace.sample(rng))); } catch { threw = true; }
  if (!threw) throw new EnvCheckError('step before reset', 'step() before the first reset() did not throw', 'refuse to step before reset, and pass checkEnv a freshly built vector environment');
  const first = trace(venv, obsSpace, actSpace, seed, steps, createRng(seed + 1), undefined);
  const second = trace(again(), obsSpace, actSpace, seed, steps, createRng(seed + 1), first.actions);
  for (let i = 0; i < first.values.length; i++) {
    if (!sameValue(first.values[i], second.values[i])) {
      throw new EnvCheckError('determinism', `two rollouts from reset({ seed: ${seed} }) with the same actions differ (value ${i} of the trace)`, 'draw every random number from each environment\'s own generator; pass checkEnv a factory () => venv when wrappers keep running statistics');
    }
  }
  return { observationSpace: obsSpace.toJSON(), actionSpace: actSpace.toJSON(), steps, episodesEnded: first.ended, stepAfterEndChecked: false, warnings: [] };
}

function trace(venv: VectorEnv<unknown, unknown>, obsSpace: Space<unknown>, actSpace: Space<unknown>, seed: number, steps: number, rng: Rng, replay: unknown[][] | undefined): Trace {
  const n = venv.numEnvs;
  const out: Trace = { values: [], actions: [], ended: 0 };
  const reset: unknown = venv.reset({ seed });
  if (!Array.isArray(reset) || reset.length !== 2) throw new EnvCheckError('reset signature', `reset() returned ${describeValue(reset)}`, 'return [observations, infos]');
  let [obs, infos] = reset as [unknown[], Info[]];
  checkBatch('reset({ seed })', obs, infos, n, obsSpace, out);
  for (let t = 0; t < steps; t++) {
    const actions = replay ? replay[t]! : infos.map((info) => checkerAction(actSpace, info, rng));
    out.actions.push(actions);
    const result: unknown = venv.step(actions);
    const what = `step ${t}`;
    if (!Array.isArray(result) || result.length !== 5) throw new EnvCheckError('step signature', `${what} returned ${describeValue(result)}`, 'return [observations, rewards, terminated, truncated, infos]');
    const [o, rewards, terminated, truncated, stepInfos] = result as [unknown[], unknown, unknown[], unknown[], Info[]];
    checkBatch(what, o, stepInfos, n, obsSpace, out);
    if (!(rewards instanceof Float64Array) || rewards.length !== n) throw new EnvCheckError('rewards', `the rewards of ${what} are ${describeValue(rewards)}`, `return a Float64Array of ${n} rewards`);
    for (const [name, flags] of [['terminated', terminated], ['truncated', truncated]] as const) {
      if (!Array.isArray(flags) || flags.length !== n) throw new EnvCheckError('terminated/truncated are booleans', `${name} of ${what} is ${describeValue(flags)}`, `return an array of ${n} booleans`);
    }
    for (let i = 0; i < n; i++) {
      expectReward('reward is a finite number', `reward ${i} of ${what}`, rewards[i]);
      expectFlag('terminated/truncated are booleans', `terminated[${i}] of ${what}`, terminated[i]);
      expectFlag('terminated/truncated are booleans', `truncated[${i}] of ${what}`, truncated[i]);
      out.values.push(rewards[i], terminated[i], truncated[i]);
      if (terminated[i] || truncated[i]) {
        out.ended++;
        const info = stepInfos[i]!;
        if (!('finalObservation' in info)) throw new EnvCheckError('auto-reset', `environment ${i} ended at ${what} but its info has no finalObservation`, 'reset an ended environment in the same step and keep its last observation in info.finalObservation');
        expectIn('observation in space', `info.finalObservation of environment ${i} at ${what}`, obsSpace, info.finalObservation);
        expectInfo('auto-reset', `info.finalInfo of environment ${i} at ${what}`, info.finalInfo);
        out.values.push(snapshot(info.finalObservation));
      }
    }
    obs = o;
    infos = stepInfos;
  }
  return out;
}

function checkBatch(what: string, obs: unknown, infos: unknown, n: number, space: Space<unknown>, out: Trace): void {
  if (!Array.isArray(obs) || obs.length !== n) throw new EnvCheckError('batch shape', `the observations of ${what} are ${describeValue(obs)}`, `return an array of ${n} observations`);
  if (!Array.isArray(infos) || infos.length !== n) throw new EnvCheckError('batch shape', `the infos of ${what} are ${describeValue(infos)}`, `return an array of ${n} info objects`);
  for (let i = 0; i < n; i++) {
    expectIn('observation in space', `observation ${i} of ${what}`, space, obs[i]);
    expectInfo('reset signature', `info ${i} of ${what}`, infos[i]);
    out.values.push(snapshot(obs[i]));
  }
}
