// The model kinds loadModel knows, by the name an MLmodel file's quantlab flavor records. A new
// kind plugs in by registering a loader; nothing else in deploy or serving changes.
import { InvalidArgumentError } from '../util/errors';
import type { ModelCore } from './deployed';
import { directionGruKind } from './kinds/direction-gru';
import { directionLstmKind } from './kinds/direction-lstm';
import { pairsGruKind } from './kinds/pairs-gru';
import type { ModelMetadata } from './metadata';
import type { RuntimeChoice } from './network';

export interface KindLoadOptions {
  readonly runtime: RuntimeChoice;
}

export interface ModelKind {
  /** The name in the MLmodel's `flavors.quantlab.kind`, e.g. 'direction-lstm'. */
  readonly kind: string;
  /** Version of the kind's file layout; a folder saved with another one is refused. */
  readonly formatVersion: number;
  readonly description: string;
  /** Rebuilds the model's core from the kind's files in `dir`; kinds with one runtime ignore `options.runtime`. */
  load(dir: string, metadata: ModelMetadata, options: KindLoadOptions): ModelCore;
}

export class ModelKindRegistry {
  private readonly byName = new Map<string, ModelKind>();

  constructor(kinds: readonly ModelKind[] = []) {
    for (const kind of kinds) this.register(kind);
  }

  register(kind: ModelKind): void {
    if (!kind || typeof kind.kind !== 'string' || !/^[a-z][a-z0-9-]*$/.test(kind.kind)) {
      throw new InvalidArgumentError('kind.kind', kind?.kind, 'must be a lower-case name (letters, digits, -)', "name it like 'direction-lstm'");
    }
    if (!Number.isInteger(kind.formatVersion) || kind.formatVersion < 1) {
      throw new InvalidArgumentError('kind.formatVersion', kind.formatVersion, 'must be a positive integer', 'start at 1 and bump it when the file layout changes');
    }
    if (typeof kind.load !== 'function') throw new InvalidArgumentError('kind.load', kind.load, 'must be a function (dir, metadata) => ModelCore', 'implement the loader');
    if (this.byName.has(kind.kind)) {
      throw new InvalidArgumentError('kind.kind', kind.kind, 'is already registered', 'give the new kind another name, or bump formatVersion of the existing one');
    }
    this.byName.set(kind.kind, kind);
  }

  get(name: string, argument = 'kind'): ModelKind {
    const kind = this.byName.get(name);
    if (!kind) throw new InvalidArgumentError(argument, name, 'is not a registered model kind', `use one of ${this.kinds().join(', ')}, or registerModelKind() it first`);
    return kind;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  kinds(): string[] {
    return [...this.byName.keys()].sort();
  }
}

/** A registry holding the built-in kinds: direction-lstm, pairs-gru and direction-gru. */
export function createModelKindRegistry(): ModelKindRegistry {
  return new ModelKindRegistry([directionLstmKind, pairsGruKind, directionGruKind]);
}

let shared: ModelKindRegistry | undefined;

/** The registry loadModel uses when none is passed. */
export function defaultModelKinds(): ModelKindRegistry {
  return (shared ??= createModelKindRegistry());
}

/** Adds a kind to `registry` (the default one unless given), so loadModel and the server can load it. */
export function registerModelKind(kind: ModelKind, registry: ModelKindRegistry = defaultModelKinds()): void {
  registry.register(kind);
}
