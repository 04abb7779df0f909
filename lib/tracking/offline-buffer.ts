// The client's side of the offline journal: which calls are sent, which are journaled, and when
// the journal is replayed. Logging calls go through `log`; every other request waits for
// `replayPending`, so the server never sees a call before the ones journaled ahead of it.
import * as path from 'node:path';
import { InvalidArgumentError } from '../util/errors';
import { resolveUnder } from './config';
import { isOutage } from './errors';
import { DEFAULT_OFFLINE_MAX_ARTIFACT_BYTES, DEFAULT_OFFLINE_PROBE_MS, OfflineJournal, type OfflineOp, type OfflineStatus } from './offline';
import { replayJournal, type OfflineFlushReport, type ReplayTarget } from './replay';

export interface OfflineBufferOptions {
  readonly offlineDir?: string;
  readonly offlineProbeMs?: number;
  readonly offlineMaxArtifactBytes?: number;
}

export const NO_FLUSH: OfflineFlushReport = { replayed: 0, duplicatesSkipped: 0, rejected: 0, pending: 0 };

export class OfflineBuffer {
  private flushing: Promise<OfflineFlushReport> | undefined;
  /** Until this time (epoch ms) logging calls go straight to the journal. */
  private downUntil = 0;

  constructor(
    private readonly journal: OfflineJournal,
    private readonly target: ReplayTarget,
    private readonly probeMs: number,
    /** Largest logArtifactBytes content journaled. */
    readonly maxArtifactBytes: number,
  ) {}

  /** The buffer `options` ask for, or undefined when offlineDir is absent; checks the options. */
  static fromOptions(options: OfflineBufferOptions, trackingUri: string, target: ReplayTarget): OfflineBuffer | undefined {
    const { offlineDir, offlineProbeMs, offlineMaxArtifactBytes } = options;
    if (offlineDir === undefined) {
      for (const [key, value] of Object.entries({ offlineProbeMs, offlineMaxArtifactBytes })) {
        if (value !== undefined) throw new InvalidArgumentError(`options.${key}`, value, 'has no effect without offlineDir', 'set offlineDir (e.g. DEFAULT_OFFLINE_DIR) or drop it');
      }
      return undefined;
    }
    if (typeof offlineDir !== 'string' || offlineDir.length === 0) {
      throw new InvalidArgumentError('options.offlineDir', offlineDir, 'must be a non-empty folder path', "pass e.g. DEFAULT_OFFLINE_DIR ('.mlflow/offline')");
    }
    if (offlineProbeMs !== undefined && !(typeof offlineProbeMs === 'number' && offlineProbeMs >= 0 && Number.isFinite(offlineProbeMs))) {
      throw new InvalidArgumentError('options.offlineProbeMs', offlineProbeMs, 'must be a finite number >= 0', 'pass milliseconds, e.g. 5000');
    }
    if (offlineMaxArtifactBytes !== undefined && !(Number.isInteger(offlineMaxArtifactBytes) && offlineMaxArtifactBytes >= 0)) {
      throw new InvalidArgumentError('options.offlineMaxArtifactBytes', offlineMaxArtifactBytes, 'must be an integer >= 0', 'pass a byte count, e.g. 1048576');
    }
    const dir = path.isAbsolute(offlineDir) ? offlineDir : resolveUnder(undefined, offlineDir);
    return new OfflineBuffer(new OfflineJournal(dir, trackingUri), target, offlineProbeMs ?? DEFAULT_OFFLINE_PROBE_MS,
      offlineMaxArtifactBytes ?? DEFAULT_OFFLINE_MAX_ARTIFACT_BYTES);
  }

  status(): OfflineStatus {
    return this.journal.status();
  }

  /** Replays the journal in order (one replay at a time); rethrows an outage, keeping what is left. */
  flush(): Promise<OfflineFlushReport> {
    this.flushing ??= this.journal.locked((j) => replayJournal(j, this.target))
      .then((report) => {
        this.downUntil = 0;
        return report;
      }, (error: unknown) => {
        if (isOutage(error)) this.downUntil = Date.now() + this.probeMs;
        throw error;
      })
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  /** Awaited before every request that is not a logging call. */
  async replayPending(): Promise<void> {
    if (this.flushing || this.journal.hasEntries()) await this.flush();
  }

  /**
   * Sends a logging call, or journals it when the server is out of reach (`op` undefined: the
   * call cannot be journaled and its outage is thrown). Calls journaled earlier are replayed
   * first. Right after an outage calls go straight to the journal for probeMs, unless
   * `tryServerNow`.
   */
  async log(op: () => OfflineOp | undefined, send: () => Promise<unknown>, tryServerNow = false): Promise<void> {
    if (this.flushing || this.journal.hasEntries()) {
      const entry = op();
      if (entry && !tryServerNow && Date.now() < this.downUntil) {
        await this.journal.append(entry, false);
        return;
      }
      try {
        await this.flush();
      } catch (error) {
        if (!isOutage(error) || !entry) throw error;
        await this.journal.append(entry, false);
        return;
      }
    }
    try {
      await send();
    } catch (error) {
      const entry = isOutage(error) ? op() : undefined;
      if (!entry) throw error;
      this.downUntil = Date.now() + this.probeMs;
      await this.journal.append(entry, true); // it may have reached the server before the connection failed
    }
  }
}
