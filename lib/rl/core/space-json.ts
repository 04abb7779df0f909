// Spaces rebuilt from their JSON, so an environment's spaces travel with a trained policy. An
// infinite Box bound goes through JSON.stringify as null: null reads back as -Infinity in `low`
// and +Infinity in `high`.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { Box } from './box';
import { Discrete } from './discrete';
import { MultiDiscrete } from './multi-discrete';
import type { Space, SpaceJSON } from './types';

export type AnySpace = Discrete | Box | MultiDiscrete;

export function spaceFromJSON(json: unknown, argument = 'json'): AnySpace {
  const fix = 'pass what space.toJSON() returned (or its JSON.parse)';
  if (json === null || typeof json !== 'object') throw new InvalidArgumentError(argument, json, 'is not a space JSON object', fix);
  const j = json as Record<string, unknown>;
  switch (j.kind) {
    case 'discrete':
      rejectUnknownOptions(argument, j, ['kind', 'n', 'start']);
      return new Discrete(j.n as number, (j.start as number | undefined) ?? 0);
    case 'box': {
      rejectUnknownOptions(argument, j, ['kind', 'low', 'high', 'shape']);
      const read = (key: 'low' | 'high', missing: number): number[] => {
        const v = j[key];
        if (!Array.isArray(v)) throw new InvalidArgumentError(`${argument}.${key}`, v, 'must be an array of numbers', fix);
        return v.map((x, i) => {
          if (x === null) return missing;
          if (typeof x !== 'number') throw new InvalidArgumentError(`${argument}.${key}[${i}]`, x, 'must be a number or null (an infinite bound)', fix);
          return x;
        });
      };
      return new Box(read('low', -Infinity), read('high', Infinity), j.shape as number[]);
    }
    case 'multiDiscrete':
      rejectUnknownOptions(argument, j, ['kind', 'nvec']);
      return new MultiDiscrete(j.nvec as number[]);
    default:
      throw new InvalidArgumentError(`${argument}.kind`, j.kind, "must be 'discrete', 'box' or 'multiDiscrete'", fix);
  }
}

/** Two spaces are equal when their JSON is (kind, bounds, shape, n, start, nvec). */
export function spacesEqual(a: Space<unknown>, b: Space<unknown>): boolean {
  return JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
}

/** A space's one-line description for error messages: Box([4]), Discrete(3), MultiDiscrete([3,3]). */
export function describeSpace(space: Space<unknown>): string {
  const j: SpaceJSON = space.toJSON();
  if (j.kind === 'discrete') return j.start === 0 ? `Discrete(${j.n})` : `Discrete(${j.n}, start ${j.start})`;
  if (j.kind === 'box') return `Box(shape [${j.shape.join(', ')}])`;
  return `MultiDiscrete([${j.nvec.join(', ')}])`;
}
