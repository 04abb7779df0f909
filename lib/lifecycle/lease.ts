// A lease lock on a registered model, kept in its `quantlab.lock` tag, so that concurrent promotions
// and rollbacks (threads of one process, or several processes) take turns.
//
// MLflow has no compare-and-set, so acquiring is: read the tag; when no live lease of another owner
// is there, write ours; wait `settleMs`; read again. Whoever wrote last wins the tie, and every
// contender that reads someone else's owner backs off. Before the alias moves, the holder checks
// once more that the lease is still its own (a fence), and it deletes the tag when done (only if
// still its own). A lease left by a crashed process expires after `leaseMs`.
//
// Guarantee: one holder at a time as long as (a) every contender's write lands within `settleMs`
// of its read, (b) a holder finishes within `leaseMs`, and (c) the hosts' clocks agree to well
// within `leaseMs`. A stalled process (GC pause, suspended VM, a request slower than settleMs) can
// break (a) or (b); the fence then usually stops it before it moves the alias, but a stall between
// the fence and the last write can still interleave two histories. The alias itself can never end
// up with two versions (MLflow keeps one version per alias) nor with none (it is only ever moved).
import * as crypto from 'node:crypto';
import { systemClock, type Clock } from '../data/providers/clock';
import type { MlflowClient } from '../tracking/client';
import { MlflowApiError } from '../tracking/errors';
import type { RegisteredModel } from '../tracking/types';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { RegistryBusyError } from './errors';
import { TAG_LOCK } from './registry-state';

export interface LeaseOptions {
  /** How long a lease lives before others may take it (default 30 s). */
  readonly leaseMs?: number;
  /** Wait between writing the lease and checking it is still ours (default 250 ms). */
  readonly settleMs?: number;
  /** How long to wait for another holder before failing with RegistryBusyError (default 30 s; 0: fail at once). */
  readonly waitMs?: number;
  /** Poll interval while waiting (default 100 ms). */
  readonly pollMs?: number;
}

export interface LeaseRecord {
  readonly owner: string;
  readonly by: string;
  /** Epoch ms after which the lease is stale. */
  readonly expires: number;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_LEASE_SETTLE_MS = 250;
export const DEFAULT_LEASE_WAIT_MS = 30_000;
export const DEFAULT_LEASE_POLL_MS = 100;
const LEASE_KEYS = ['leaseMs', 'settleMs', 'waitMs', 'pollMs'];

export type LeaseClock = Pick<Clock, 'now' | 'sleep'>;

export function checkLeaseOptions(options: LeaseOptions | undefined, argument = 'options.lease'): Required<LeaseOptions> {
  rejectUnknownOptions(argument, options, LEASE_KEYS);
  const o = { leaseMs: DEFAULT_LEASE_MS, settleMs: DEFAULT_LEASE_SETTLE_MS, waitMs: DEFAULT_LEASE_WAIT_MS, pollMs: DEFAULT_LEASE_POLL_MS, ...options };
  for (const key of LEASE_KEYS as (keyof LeaseOptions)[]) {
    const v = o[key];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new InvalidArgumentError(`${argument}.${key}`, v, 'must be a number of milliseconds >= 0', 'leave it out for the default');
  }
  if (o.leaseMs <= o.settleMs) throw new InvalidArgumentError(`${argument}.leaseMs`, o.leaseMs, `must exceed settleMs (${o.settleMs})`, `use e.g. ${DEFAULT_LEASE_MS}`);
  return o;
}

/** The lease in the tag value, or undefined when there is none (a malformed value counts as none: it cannot be anyone's). */
export function parseLease(value: string | undefined): LeaseRecord | undefined {
  if (!value) return undefined;
  try {
    const r = JSON.parse(value) as LeaseRecord;
    return typeof r.owner === 'string' && typeof r.expires === 'number' ? { owner: r.owner, by: String(r.by ?? '?'), expires: r.expires } : undefined;
  } catch {
    return undefined;
  }
}

const describeHolder = (r: LeaseRecord | undefined, now: number): string =>
  (r ? `${r.by} (owner ${r.owner.slice(0, 8)}, expires in ${Math.max(0, Math.round((r.expires - now) / 1000))} s)` : 'nobody');

/**
 * MLflow's set-tag reads, then inserts: two first writes of the same tag at once make the SQL store
 * answer 400 with its unique-constraint error (SQLite IntegrityError, PostgreSQL duplicate key).
 */
export function isConcurrentTagWrite(error: unknown): boolean {
  return error instanceof MlflowApiError && error.status === 400 && /UNIQUE constraint|IntegrityError|duplicate key/i.test(error.message);
}

export class ModelLease {
  private constructor(
    private readonly client: MlflowClient,
    readonly model: string,
    readonly record: LeaseRecord,
    /** The registered model as read when the lease was confirmed (its aliases and tags are current under the lease). */
    readonly snapshot: RegisteredModel,
    private readonly clock: LeaseClock,
  ) {}

  static async acquire(client: MlflowClient, model: string, by: string, options: Required<LeaseOptions>, clock: LeaseClock = systemClock): Promise<ModelLease> {
    const owner = crypto.randomUUID();
    const deadline = clock.now() + options.waitMs;
    for (;;) {
      const current = parseLease((await client.getRegisteredModel(model)).tags[TAG_LOCK]);
      const now = clock.now();
      if (current !== undefined && current.owner !== owner && current.expires > now) {
        if (now >= deadline) throw new RegistryBusyError('busy', model, describeHolder(current, now), `waited ${options.waitMs} ms for the lease`);
        await clock.sleep(Math.min(options.pollMs, Math.max(0, current.expires - now)));
        continue;
      }
      const record: LeaseRecord = { owner, by, expires: now + options.leaseMs };
      try {
        await client.setRegisteredModelTag(model, TAG_LOCK, JSON.stringify(record));
      } catch (error) {
        if (!isConcurrentTagWrite(error)) throw error;
        // Another contender inserted the tag in the same instant: it is ahead; wait like for any holder.
        if (clock.now() >= deadline) throw new RegistryBusyError('busy', model, 'another contender (concurrent write)', `waited ${options.waitMs} ms for the lease`);
        await clock.sleep(options.pollMs);
        continue;
      }
      await clock.sleep(options.settleMs);
      const snapshot = await client.getRegisteredModel(model);
      const after = parseLease(snapshot.tags[TAG_LOCK]);
      if (after?.owner === owner) return new ModelLease(client, model, record, snapshot, clock);
      // Someone wrote after us and wins the tie; wait for them like for any holder.
      if (clock.now() >= deadline) throw new RegistryBusyError('superseded', model, describeHolder(after, clock.now()), 'another writer took the lease just after this one');
    }
  }

  /** The fence: throws RegistryBusyError('superseded') unless the lease is still ours and live. */
  async assertHeld(): Promise<void> {
    const current = parseLease((await this.client.getRegisteredModel(this.model)).tags[TAG_LOCK]);
    const now = this.clock.now();
    if (current?.owner !== this.record.owner) throw new RegistryBusyError('superseded', this.model, describeHolder(current, now), 'the lease was taken over before the alias moved');
    if (current.expires <= now) throw new RegistryBusyError('superseded', this.model, describeHolder(current, now), 'this lease expired before the alias moved (raise lease.leaseMs)');
  }

  /** Deletes the tag when it is still ours; never throws (an undeleted lease expires by itself). */
  async release(): Promise<void> {
    try {
      const current = parseLease((await this.client.getRegisteredModel(this.model)).tags[TAG_LOCK]);
      if (current?.owner === this.record.owner) await this.client.deleteRegisteredModelTag(this.model, TAG_LOCK);
    } catch {
      // The lease expires by itself; a failed release must not hide the outcome of the work it guarded.
    }
  }
}
