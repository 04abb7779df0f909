// The offline journal: logging calls made while the tracking server is out of reach, kept on disk
// until the server acknowledges them. One append-only JSONL file per tracking URI; each line is an
// entry (a call, with an id) or a marker about one (`attempt` before a replay sends it, `done`
// after the server acknowledged it, `rejected` when the server refused it). Every append is
// fsync'd before the call that caused it returns, so a crash loses nothing that was reported as
// logged, and an `attempt` without a `done` tells the next replay that the entry may already have
// been applied. Appends and replays hold a lock file, so processes sharing a folder take turns.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MlflowApiError, MlflowJournalError } from './errors';
import { isAlive, sleep } from './proc';

export const DEFAULT_OFFLINE_DIR = path.join('.mlflow', 'offline');
/** After an outage, logging calls go straight to the journal for this long before the server is tried again. */
export const DEFAULT_OFFLINE_PROBE_MS = 5_000;
/** logArtifactBytes content up to this size is journaled; larger artifacts fail as before. */
export const DEFAULT_OFFLINE_MAX_ARTIFACT_BYTES = 1 << 20;
export const DEFAULT_JOURNAL_LOCK_TIMEOUT_MS = 60_000;
const FORMAT = 1;
const LOCK_POLL_MS = 20;

/** The logging endpoints a journal may hold; all are idempotent except metrics, which replay dedupes. */
export type JournaledEndpoint = 'runs/log-batch' | 'runs/set-tag' | 'runs/update';

export type OfflineOp =
  | { readonly kind: 'post'; readonly endpoint: JournaledEndpoint; readonly body: Record<string, unknown> }
  | { readonly kind: 'artifact'; readonly runId: string; readonly artifactPath: string; readonly base64: string };

export interface JournalEntry {
  readonly id: string;
  /** When the call was made (epoch ms). */
  readonly at: number;
  readonly op: OfflineOp;
  /** The call failed after it may have reached the server, or a replay of it was cut short. */
  readonly maybeApplied: boolean;
}

export interface OfflineStatus {
  readonly file: string;
  readonly pending: number;
  /** Entries the server refused on replay, kept with its answer in `rejectedFile`. */
  readonly rejected: number;
  readonly rejectedFile: string;
  /** Lines that could not be parsed (a write torn by a crash); never acknowledged, so nothing was lost. */
  readonly unreadableLines: number;
}

type Line =
  | ({ readonly v: number; readonly type: 'entry' } & JournalEntry)
  | { readonly v: number; readonly type: 'attempt' | 'done'; readonly id: string }
  | { readonly v: number; readonly type: 'rejected'; readonly id: string; readonly error: string };

// One in-process queue per journal file: journals of several clients in one process take turns
// without polling each other's lock file.
const queues = new Map<string, Promise<unknown>>();

export class OfflineJournal {
  readonly file: string;
  readonly rejectedFile: string;
  private readonly lockFile: string;

  constructor(dir: string, trackingUri: string, private readonly lockTimeoutMs = DEFAULT_JOURNAL_LOCK_TIMEOUT_MS) {
    const slug = trackingUri.replace(/[^A-Za-z0-9.-]+/g, '_');
    this.file = path.join(dir, `${slug}.jsonl`);
    this.rejectedFile = path.join(dir, `${slug}.rejected.jsonl`);
    this.lockFile = path.join(dir, `${slug}.lock`);
  }

  /** Cheap check: the file exists only while it may hold entries not yet done. */
  hasEntries(): boolean {
    return fs.existsSync(this.file);
  }

  /** Appends one call, durably; resolves once it is on disk. */
  async append(op: OfflineOp, maybeApplied: boolean): Promise<JournalEntry> {
    const entry: JournalEntry = { id: crypto.randomUUID(), at: Date.now(), op, maybeApplied };
    await this.locked((j) => j.write({ v: FORMAT, type: 'entry', ...entry }));
    return entry;
  }

  status(): OfflineStatus {
    const state = fold(readLines(this.file));
    return {
      file: this.file, pending: state.pending.length, rejected: readLines(this.rejectedFile).lines.length,
      rejectedFile: this.rejectedFile, unreadableLines: state.unreadable,
    };
  }

  /** Runs `work` holding this journal's lock (in-process queue, then the lock file). */
  locked<T>(work: (j: LockedJournal) => Promise<T> | T): Promise<T> {
    const previous = queues.get(this.file) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => {
      const release = await acquireLock(this.lockFile, this.lockTimeoutMs);
      try {
        return await work(new LockedJournal(this.file, this.rejectedFile));
      } finally {
        release();
      }
    });
    const tail = run.catch(() => undefined);
    queues.set(this.file, tail);
    void tail.then(() => {
      if (queues.get(this.file) === tail) queues.delete(this.file);
    });
    return run;
  }
}

/** The journal's operations that require its lock; only `OfflineJournal.locked` hands one out. */
export class LockedJournal {
  constructor(readonly file: string, readonly rejectedFile: string) {}

  /** Entries neither done nor rejected, in the order they were logged. */
  pending(): JournalEntry[] {
    return fold(readLines(this.file)).pending;
  }

  write(line: Line): void {
    appendDurably(this.file, [line]);
  }

  markAttempt(id: string): void {
    this.write({ v: FORMAT, type: 'attempt', id });
  }

  markDone(id: string): void {
    this.write({ v: FORMAT, type: 'done', id });
  }

  /** Keeps the refused entry with the server's answer in the rejected file, then marks it. */
  reject(entry: JournalEntry, error: MlflowApiError): void {
    appendDurably(this.rejectedFile, [{ v: FORMAT, ...entry, rejectedAt: Date.now(), status: error.status, errorCode: error.errorCode, error: error.serverMessage }]);
    this.write({ v: FORMAT, type: 'rejected', id: entry.id, error: error.message });
  }

  /**
   * Drops finished entries: removes the file when nothing is pending, else rewrites it with the
   * rest once some entry finished (a replay that made no progress leaves the file as it is).
   */
  compact(): void {
    if (!fs.existsSync(this.file)) return;
    const lines = readLines(this.file);
    const { pending } = fold(lines);
    if (pending.length === 0) {
      fs.rmSync(this.file, { force: true });
      fsyncDir(path.dirname(this.file));
      return;
    }
    if (!lines.lines.some((l) => l.type === 'done' || l.type === 'rejected')) return;
    const tmp = `${this.file}.compact-${process.pid}`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, pending.map((e) => JSON.stringify({ v: FORMAT, type: 'entry', ...e })).join('\n') + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    fsyncDir(path.dirname(this.file));
  }
}

interface ReadResult {
  readonly lines: Line[];
  readonly unreadable: number;
}

function readLines(file: string): ReadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], unreadable: 0 };
    throw new MlflowJournalError(file, `cannot be read (${(error as Error).message})`, 'check the folder\'s permissions');
  }
  const lines: Line[] = [];
  let unreadable = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim().length === 0) continue;
    try {
      const line = JSON.parse(raw) as Line;
      if (line.v !== FORMAT) {
        throw new MlflowJournalError(file, `holds format version ${String(line.v)}, this library reads ${FORMAT}`, 'replay it with the library version that wrote it');
      }
      lines.push(line);
    } catch (error) {
      if (error instanceof MlflowJournalError) throw error;
      unreadable++;
    }
  }
  return { lines, unreadable };
}

/** Entries still owed to the server; an entry with an attempt marker may already have been applied. */
function fold(read: ReadResult): { pending: JournalEntry[]; unreadable: number } {
  const entries: JournalEntry[] = [];
  const attempted = new Set<string>();
  const finished = new Set<string>();
  for (const line of read.lines) {
    if (line.type === 'entry') entries.push({ id: line.id, at: line.at, op: line.op, maybeApplied: line.maybeApplied });
    else if (line.type === 'attempt') attempted.add(line.id);
    else finished.add(line.id);
  }
  const pending = entries
    .filter((e) => !finished.has(e.id))
    .map((e) => (attempted.has(e.id) && !e.maybeApplied ? { ...e, maybeApplied: true } : e));
  return { pending, unreadable: read.unreadable };
}

function appendDurably(file: string, lines: readonly object[]): void {
  const created = !fs.existsSync(file);
  if (created) fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a+');
  try {
    let text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    // A crash can leave a torn last line; start on a fresh one so only that line is unreadable.
    const size = fs.fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) text = '\n' + text;
    }
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (created) fsyncDir(path.dirname(file));
}

// Makes a created, renamed or removed directory entry durable, not only the file's bytes.
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the data itself was already synced.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Creates the lock file exclusively; takes over one whose holder process is gone. Returns the release. */
async function acquireLock(lockFile: string, timeoutMs: number): Promise<() => void> {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const token = `${process.pid} ${crypto.randomUUID()}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, token, { flag: 'wx' });
      return () => {
        if (readText(lockFile) === token) fs.rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MlflowJournalError(lockFile, `cannot be created (${(error as Error).message})`, 'make the offline folder writable');
      }
    }
    const held = readText(lockFile);
    const holder = Number.parseInt(held.split(' ')[0] ?? '', 10);
    // An empty file is a lock being written right now; only a named, dead holder is stale.
    if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
      if (readText(lockFile) === held) fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new MlflowJournalError(lockFile, `has been held by process ${held.split(' ')[0] || '?'} for more than ${timeoutMs} ms`,
        'wait for that process to finish its replay, or delete the lock file if that process no longer runs');
    }
    await sleep(LOCK_POLL_MS);
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
