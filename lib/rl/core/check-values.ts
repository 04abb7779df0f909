// The checks checkEnv and checkVectorEnv share: a space is well formed, a value belongs to it
// (and if not, the first reason why), a step's pieces have the contract's types, and two
// rollouts are identical.
import { describeValue } from '../../util/errors';
import { Box } from './box';
import { Discrete } from './discrete';
import { EnvCheckError } from './errors';
import { describeSpace, spaceFromJSON, spacesEqual } from './space-json';
import type { Rng } from '../../util/random';
import type { Info, Space } from './types';
import { sampleMasked } from './wrappers/action-masking';

const KINDS = ['discrete', 'box', 'multiDiscrete'];

export function checkSpace(where: string, space: unknown, rng: Rng): Space<unknown> {
  const s = space as Space<unknown> | undefined;
  const fix = 'declare it with Discrete, Box or MultiDiscrete (lib/rl/core)';
  if (s === null || typeof s !== 'object') throw new EnvCheckError(`${where} declared`, `${where} is ${describeValue(s)}`, fix);
  for (const method of ['contains', 'sample', 'seed', 'toJSON'] as const) {
    if (typeof s[method] !== 'function') throw new EnvCheckError(`${where} declared`, `${where}.${method} is not a function`, fix);
  }
  if (!KINDS.includes(s.kind)) throw new EnvCheckError(`${where} declared`, `${where}.kind is ${describeValue(s.kind)}`, fix);
  if (!Array.isArray(s.shape)) throw new EnvCheckError(`${where} declared`, `${where}.shape is not an array`, fix);
  let rebuilt: Space<unknown>;
  try {
    rebuilt = spaceFromJSON(JSON.parse(JSON.stringify(s.toJSON())), `${where}.toJSON()`);
  } catch (e) {
    throw new EnvCheckError(`${where} serialises`, (e as Error).message, 'make toJSON() return the SpaceJSON of the space');
  }
  if (!spacesEqual(rebuilt, s)) throw new EnvCheckError(`${where} serialises`, 'spaceFromJSON(JSON of the space) is a different space', 'make toJSON() describe the space exactly');
  for (let i = 0; i < 10; i++) {
    const x = s.sample(rng);
    if (!s.contains(x)) throw new EnvCheckError(`${where} samples`, `${describeSpace(s)}.sample() returned ${describeValue(x)}, which contains() rejects`, 'make sample() return elements of the space');
  }
  return s;
}

/** Why `x` is not an element of `space`, or undefined when it is. */
export function whyNotIn(space: Space<unknown>, x: unknown): string | undefined {
  const probe: unknown = x;
  if (space.contains(probe)) return undefined;
  if (space instanceof Box) {
    if (!(x instanceof Float64Array)) return `it is ${x?.constructor?.name ?? describeValue(x)}, not a Float64Array`;
    if (x.length !== space.size) return `it has ${x.length} elements, the space ${space.size} (shape [${space.shape.join(', ')}])`;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (!(v >= space.low[i]! && v <= space.high[i]!)) return `element ${i} = ${v} is outside [${space.low[i]}, ${space.high[i]}]`;
    }
  }
  return `${describeValue(x)} is not in ${describeSpace(space)}`;
}

export function expectIn(check: string, what: string, space: Space<unknown>, x: unknown): void {
  const why = whyNotIn(space, x);
  if (why !== undefined) {
    throw new EnvCheckError(check, `${what} is not in the observation space ${describeSpace(space)}: ${why}`, 'return observations inside the declared space (widen the bounds, or fix the observation)');
  }
}

export function expectInfo(check: string, what: string, info: unknown): void {
  if (info === null || typeof info !== 'object' || Array.isArray(info)) throw new EnvCheckError(check, `${what} is ${describeValue(info)}, not an info object`, 'return a plain object ({} when there is nothing to report)');
}

export function expectReward(check: string, what: string, reward: unknown): void {
  if (typeof reward !== 'number' || !Number.isFinite(reward)) throw new EnvCheckError(check, `${what} is ${describeValue(reward)}`, 'return a finite number as the reward');
}

export function expectFlag(check: string, what: string, flag: unknown): void {
  if (typeof flag !== 'boolean') throw new EnvCheckError(check, `${what} is ${describeValue(flag)}, not a boolean`, 'return true or false for terminated and truncated');
}

/** Exact equality of observations, actions and info values (typed arrays element by element). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>, y = b as unknown as ArrayLike<number>;
    if (a.constructor !== b.constructor || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  return false;
}

/** A copy of an observation (typed arrays copied, numbers as they are), for aliasing checks. */
export function snapshot(x: unknown): unknown {
  return ArrayBuffer.isView(x) ? (x as unknown as Float64Array).slice() : x;
}

/** An action for the current state: from info.actionMask when the environment masks actions. */
export function checkerAction(space: Space<unknown>, info: Info, rng: Rng): unknown {
  const mask = info.actionMask;
  if (mask instanceof Uint8Array && space instanceof Discrete) return sampleMasked(mask, rng, space.start);
  return space.sample(rng);
}
