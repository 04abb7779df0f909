// Following MLflow's page tokens to the end of a search or a metric history.
import { InvalidArgumentError } from '../util/errors';
import { MlflowApiError } from './errors';

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly nextPageToken?: string;
}

/** Fetches page after page until the server stops returning a token; a repeated token is an error, not a loop. */
export async function collectPages<T>(what: string, fetchPage: (pageToken: string | undefined) => Promise<PageOf<T>>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    out.push(...page.items);
    token = page.nextPageToken || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new MlflowApiError(what, 0, 'REPEATED_PAGE_TOKEN', `the server returned page token ${token} twice; stopped instead of looping`);
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}

/** A page size: a positive integer no larger than the endpoint's cap. */
export function checkPageSize(argument: string, value: unknown, max: number): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw new InvalidArgumentError(argument, value, `must be an integer from 1 to ${max}`, `pass e.g. ${Math.min(1000, max)}`);
  }
  return value as number;
}
