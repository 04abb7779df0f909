// A trial as one JSON document, exact for every number (NaN and infinities included, which JSON
// lacks) and re-validated when read back, plus the chunking that fits it into MLflow tags.
import { DataFormatError } from '../../util/errors';
import { distributionFromJson } from '../distributions';
import type { FrozenTrial, TrialState } from '../trial';

const STATES: readonly TrialState[] = ['running', 'complete', 'pruned', 'failed'];

export function encodeTrial(trial: FrozenTrial): string {
  return JSON.stringify(trial, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v));
}

export function decodeTrial(text: string, source: string): FrozenTrial {
  let raw: any;
  try {
    raw = JSON.parse(text, (_key, v) => (v !== null && typeof v === 'object' && Object.keys(v).length === 1 && typeof v.$num === 'string' ? Number(v.$num) : v));
  } catch (error) {
    throw new DataFormatError(source, undefined, `trial record is not JSON (${(error as Error).message})`, 'the run was not written by this library, or its tags were edited');
  }
  if (!Number.isSafeInteger(raw?.number) || !STATES.includes(raw.state) || typeof raw.params !== 'object' || typeof raw.distributions !== 'object') {
    throw new DataFormatError(source, undefined, 'trial record lacks number, state, params or distributions', 'the run was not written by this library, or its tags were edited');
  }
  const distributions = Object.fromEntries(Object.entries(raw.distributions).map(([name, d]) => [name, distributionFromJson(d)]));
  return { ...raw, distributions, intermediateValues: raw.intermediateValues ?? {}, systemAttrs: raw.systemAttrs ?? {} };
}

/** Splits `text` into pieces of at most `size` characters (MLflow caps a tag value at 8,000). */
export function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep surrogate pairs whole
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length ? out : [''];
}
