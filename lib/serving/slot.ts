// The model being served, swapped atomically: a request leases the model it started with and
// finishes on it; a replaced model is disposed once its last lease is returned.
import type { DeployedModel } from '../deploy/deployed';

export interface Served {
  readonly model: DeployedModel;
  readonly version: string;
  readonly loadedAt: Date;
}

interface Entry extends Served {
  leases: number;
  retired: boolean;
}

export class ModelSlot {
  private entry: Entry | undefined;

  get current(): Served | undefined {
    return this.entry;
  }

  /** Runs `use` on the current model, which stays alive until it returns (even if swapped meanwhile). */
  use<T>(use: (served: Served) => T): T | undefined {
    const entry = this.entry;
    if (!entry) return undefined;
    entry.leases++;
    try {
      return use(entry);
    } finally {
      entry.leases--;
      if (entry.retired && entry.leases === 0) entry.model.dispose();
    }
  }

  /** Serves `model` from now on; the one it replaces is disposed when its requests are done. */
  swap(model: DeployedModel, version: string): void {
    const old = this.entry;
    this.entry = { model, version, loadedAt: new Date(), leases: 0, retired: false };
    if (old) this.retire(old);
  }

  /** Stops serving; the model is disposed when its requests are done. */
  clear(): void {
    const old = this.entry;
    this.entry = undefined;
    if (old) this.retire(old);
  }

  private retire(entry: Entry): void {
    entry.retired = true;
    if (entry.leases === 0) entry.model.dispose();
  }
}
