// Named, versioned feature definitions. A FeatureSet is plain JSON (name, and for each feature its
// column name, kind, kind version and complete parameters); the model registry stores it beside
// each model, and the same set computes a whole history in batch (research) or bar by bar
// (live) with identical numbers.
import { createHash } from 'node:crypto';
import { assertBars, type Bars } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import type { BarValues, FeatureKind, FeatureStream } from './kind';

/** One feature of a set: which kind, which parameters, and the column name(s) it produces. */
export interface FeatureSpec {
  /** Column name; a kind with several outputs gives `${name}.${output}` columns. */
  readonly name: string;
  readonly kind: string;
  /** The kind's version the numbers were produced with; a mismatch is refused on load. */
  readonly version: number;
  /** Complete parameters (defaults filled in), so the JSON alone reproduces the numbers. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface FeatureSet {
  readonly name: string;
  readonly features: readonly FeatureSpec[];
}

/** What a caller writes: the kind and any parameters that differ from its defaults. */
export interface FeatureRequest {
  readonly name: string;
  readonly kind: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** Feature columns over the rows of one symbol's bars. */
export interface FeatureTable {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
}

type AnyKind = FeatureKind<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class FeatureRegistry {
  private readonly byName = new Map<string, AnyKind>();

  constructor(kinds: readonly AnyKind[] = []) {
    for (const kind of kinds) this.register(kind);
  }

  register(kind: AnyKind): void {
    if (this.byName.has(kind.kind)) {
      throw new InvalidArgumentError('kind.kind', kind.kind, 'is already registered', 'give the new kind another name, or bump its version instead of registering it twice');
    }
    this.byName.set(kind.kind, kind);
  }

  get(name: string, argument = 'kind'): AnyKind {
    const kind = this.byName.get(name);
    if (!kind) throw new InvalidArgumentError(argument, name, 'is not a registered feature kind', `use one of: ${this.kinds().join(', ')}`);
    return kind;
  }

  kinds(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** Kind, version, description and default parameters of every kind: the catalogue a notebook shows. */
  describe(): { kind: string; version: number; description: string; defaults: object }[] {
    return this.kinds().map((k) => {
      const kind = this.byName.get(k)!;
      return { kind: k, version: kind.version, description: kind.description, defaults: kind.defaults };
    });
  }
}

/** Builds a validated, JSON-ready feature set: parameters completed, kind versions pinned. */
export function defineFeatureSet(name: string, requests: readonly FeatureRequest[], registry: FeatureRegistry): FeatureSet {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidArgumentError('name', name, 'must be a non-empty string', "name the set, e.g. 'daily-core'");
  }
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new InvalidArgumentError('requests', requests, 'must be a non-empty array of { name, kind, params? }', "pass e.g. [{ name: 'sma20', kind: 'sma', params: { window: 20 } }]");
  }
  const seen = new Set<string>();
  const features = requests.map((request, i): FeatureSpec => {
    const argument = `requests[${i}]`;
    rejectUnknownOptions(argument, request, ['name', 'kind', 'params']);
    if (typeof request.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(request.name)) {
      throw new InvalidArgumentError(`${argument}.name`, request.name, 'must be an identifier (letters, digits, _; starting with a letter)', "use e.g. 'sma20' or 'rsi_14'");
    }
    if (seen.has(request.name)) throw new InvalidArgumentError(`${argument}.name`, request.name, 'is used twice in this set', 'give every feature its own name');
    seen.add(request.name);
    const kind = registry.get(request.kind, `${argument}.kind`);
    const params = kind.params(request.params ?? {}, `${argument}.params`);
    return { name: request.name, kind: kind.kind, version: kind.version, params };
  });
  return { name, features };
}

/** Rebuilds a feature set from its JSON, refusing kinds whose version changed since it was saved. */
export function featureSetFromJSON(json: unknown, registry: FeatureRegistry): FeatureSet {
  const set = json as FeatureSet;
  if (!set || typeof set !== 'object' || typeof set.name !== 'string' || !Array.isArray(set.features)) {
    throw new InvalidArgumentError('json', json, 'is not a feature set ({ name, features: [...] })', 'pass what defineFeatureSet returned, as saved with the model');
  }
  const features = set.features.map((spec, i): FeatureSpec => {
    const kind = registry.get(spec.kind, `json.features[${i}].kind`);
    if (spec.version !== kind.version) {
      throw new InvalidArgumentError(`json.features[${i}].version`, spec.version,
        `the set was saved with ${spec.kind} v${spec.version}, this library computes v${kind.version}, whose numbers differ`,
        'retrain the model on the current features, or use the library version the model was trained with');
    }
    return { name: spec.name, kind: kind.kind, version: kind.version, params: kind.params(spec.params, `json.features[${i}].params`) };
  });
  return { name: set.name, features };
}

/** Canonical JSON of a set with sorted keys, so equal sets give equal strings and fingerprints. */
export function canonicalFeatureSetJson(set: FeatureSet): string {
  return JSON.stringify(set, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value);
}

/** SHA-256 (hex, first 16 characters) of the canonical JSON: the feature set's identity in MLflow. */
export function featureSetFingerprint(set: FeatureSet): string {
  return createHash('sha256').update(canonicalFeatureSetJson(set)).digest('hex').slice(0, 16);
}

/** Column names of a set, in order. */
export function featureColumnNames(set: FeatureSet, registry: FeatureRegistry): string[] {
  const names: string[] = [];
  for (const spec of set.features) {
    const outputs = registry.get(spec.kind).outputs(spec.params);
    if (outputs.length === 1) names.push(spec.name);
    else for (const output of outputs) names.push(`${spec.name}.${output}`);
  }
  return names;
}

/** Every feature of the set over the whole history of `bars` (research path). */
export function computeFeatures(bars: Bars, set: FeatureSet, registry: FeatureRegistry): FeatureTable {
  assertBars(bars);
  const columns: Float64Array[] = [];
  for (const spec of set.features) columns.push(...registry.get(spec.kind).batch(bars, spec.params));
  return { symbol: bars.symbol, time: bars.time.slice(), names: featureColumnNames(set, registry), columns };
}

/**
 * The live path: feed bars one at a time, get the row of feature values for that bar. Gives the
 * same numbers as computeFeatures over the same bars.
 */
export class FeatureStreamer {
  readonly names: readonly string[];
  private readonly streams: { stream: FeatureStream; width: number }[];
  private readonly row: Float64Array;
  private lastTime = -Infinity;

  constructor(readonly set: FeatureSet, registry: FeatureRegistry) {
    this.names = featureColumnNames(set, registry);
    this.streams = set.features.map((spec) => {
      const kind = registry.get(spec.kind);
      return { stream: kind.stream(spec.params), width: kind.outputs(spec.params).length };
    });
    this.row = new Float64Array(this.names.length);
  }

  /** Consumes the next bar (strictly later than the previous one); returns a fresh row. */
  update(bar: BarValues): Float64Array {
    if (!(bar.time > this.lastTime)) {
      throw new InvalidArgumentError('bar.time', bar.time, `is not after the previous bar's time (${this.lastTime})`, 'feed bars once each, in time order');
    }
    this.lastTime = bar.time;
    let j = 0;
    for (const { stream, width } of this.streams) {
      const values = stream.update(bar);
      for (let k = 0; k < width; k++) this.row[j++] = values[k]!;
    }
    return this.row.slice();
  }
}
