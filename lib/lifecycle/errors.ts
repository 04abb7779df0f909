// The registry lifecycle's refusals: typed, so a caller (or the CLI's exit code) can tell "the
// registry said no, nothing changed" from a broken server, and each says why and what to do.
import { QuantlabError } from '../util/errors';
import type { PromotionGateReport } from './promotion-gates';

export type RegistryAction = 'promote' | 'rollback' | 'status';

export type RefusalCode =
  | 'gates_failed' | 'model_missing' | 'version_missing' | 'version_not_ready' | 'already_champion' | 'no_champion' | 'no_fallback';

/** The registry was left as it was: the request cannot be carried out as asked. */
export class PromotionRefusedError extends QuantlabError {
  constructor(
    readonly action: RegistryAction,
    readonly code: RefusalCode,
    readonly model: string,
    readonly version: string | undefined,
    readonly problem: string,
    readonly fix: string,
    /** The full gate report when code is 'gates_failed'. */
    readonly report?: PromotionGateReport,
  ) {
    super(`${action} ${model}${version === undefined ? '' : ` v${version}`} refused (${code}): ${problem}. Fix: ${fix}`);
  }
}

export type BusyCode = 'busy' | 'superseded';

/**
 * Another promotion or rollback holds the model's lease ('busy': waited and gave up), or took it
 * over while this one ran ('superseded': this one stopped before moving the alias). Nothing was changed.
 */
export class RegistryBusyError extends QuantlabError {
  constructor(
    readonly code: BusyCode,
    readonly model: string,
    /** Who holds the lease, as far as this process could see. */
    readonly holder: string,
    readonly problem: string,
  ) {
    super(`model ${model} is ${code === 'busy' ? 'busy' : 'being changed by someone else (superseded)'}: ${problem}; lease held by ${holder}. `
      + 'Nothing was changed. Fix: retry when that promotion or rollback has finished (a stale lease expires by itself)');
  }
}
