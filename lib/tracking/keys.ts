// MLflow accepts param, metric and tag names made of alphanumerics, `_ - . / :` and spaces.
// Statistical parameter names (`alpha[1]`, `beta[2]`) are not, so they are mapped once, here,
// predictably (`alpha_1`), instead of failing at the server halfway through a run.
import { InvalidArgumentError } from '../util/errors';

const ALLOWED = /[^A-Za-z0-9_\-./: ]/g;

export function mlflowKey(name: string): string {
  const key = name.replace(/\[(\w+)\]/g, '_$1').replace(ALLOWED, '_');
  if (key.length === 0) throw new InvalidArgumentError('name', name, 'is empty', 'name the value');
  return key;
}

/** A record with every key mapped by mlflowKey; two names mapping to one key is an error. */
export function mlflowKeys<T>(values: Readonly<Record<string, T>>, prefix = ''): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [name, value] of Object.entries(values)) {
    const key = mlflowKey(prefix + name);
    if (key in out) throw new InvalidArgumentError('values', name, `maps to the MLflow key "${key}" like another name`, 'rename one of them');
    out[key] = value;
  }
  return out;
}
