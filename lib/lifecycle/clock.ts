// Time as an argument: the scheduler reads the clock (the data domain's Clock) and arms timers
// only through these interfaces, so tests drive it through a simulated week in milliseconds.
import { abortableSleep, type Clock, type TimerSource } from '../data/providers/clock';

export type Timers = TimerSource;

export const systemTimers: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

/** Lets promise chains started by a timer callback (a job's async body) run before time moves on. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A simulated clock that is also the timer source: time stands still until `advance`/`advanceTo`,
 * which fire due timers in order, each with the clock set to its due time. It is a full data-domain
 * Clock too (`sleep` resolves when simulated time reaches it).
 */
export class ManualClock implements Clock, Timers {
  private time: number;
  private nextId = 1;
  private readonly pending = new Map<number, PendingTimer>();

  constructor(start: number | Date) {
    this.time = start instanceof Date ? start.getTime() : start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): number {
    const id = this.nextId++;
    this.pending.set(id, { id, due: this.time + Math.max(0, delayMs), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return abortableSleep(this, ms, signal);
  }


  /** Timers armed and not yet fired. */
  get pendingTimers(): number {
    return this.pending.size;
  }

  /** Moves time to `target`, firing every timer due on the way (also those armed by callbacks). */
  async advanceTo(target: number | Date): Promise<void> {
    const end = target instanceof Date ? target.getTime() : target;
    await settle();
    for (;;) {
      let first: PendingTimer | undefined;
      for (const t of this.pending.values()) {
        if (t.due <= end && (first === undefined || t.due < first.due || (t.due === first.due && t.id < first.id))) first = t;
      }
      if (first === undefined) break;
      this.pending.delete(first.id);
      this.time = Math.max(this.time, first.due);
      first.callback();
      await settle();
    }
    this.time = Math.max(this.time, end);
    await settle();
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(this.time + ms);
  }
}
