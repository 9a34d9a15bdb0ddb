import { closeSync, constants, fstatSync, openSync, readSync, type Stats, unlinkSync } from 'node:fs';
import {
  link,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  rename,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * The store's lock: one import at a time writes a content directory, for its whole run (read the
 * store, merge, write, move). The lock is a file, `<store>/.paperboy-import.lock`, that appears
 * atomically with its holder's pid, host and start time inside (written aside, then hard-linked into
 * place, which fails when a lock exists). A lock whose holder is gone (same host, and no such process,
 * or a different process under that pid) is stale: it is taken over, and the run says so. Only a
 * regular file counts as a lock, and only its first `MAX_LOCK_BYTES` are read: a directory, a named pipe
 * or a link (to `/dev/zero`, say) in its place stops the run with a message instead of a stack trace, a
 * hang or a read without end.
 */

export const LOCK_NAME = '.paperboy-import.lock';

/** Who holds a lock, as its file says. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO timestamp of when the holder took the lock. */
  started: string;
  /** What the holder runs, for the message (`node src/lib/import/cli.ts …`). */
  command?: string;
  /** Linux: the holder's start time in clock ticks since boot (/proc/PID/stat), to tell a reused pid. */
  processStart?: string;
}

/** Thrown when another import holds the lock for longer than the caller would wait. */
export class StoreLockedError extends Error {
  readonly holder: LockHolder | undefined;
  readonly lockPath: string;
  constructor(message: string, lockPath: string, holder: LockHolder | undefined) {
    super(message);
    this.name = 'StoreLockedError';
    this.lockPath = lockPath;
    this.holder = holder;
  }
}

export interface StoreLock {
  path: string;
  /** Notes about the lock worth telling (a stale lock taken over). */
  notes: string[];
  /** Removes the lock, if it is still this run's. */
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for a lock another import holds, in milliseconds (0: do not wait). */
  waitMs?: number;
  /** How often to look again while waiting. */
  pollMs?: number;
  /** Told once, when the lock is held and the run starts to wait. */
  onWait?: (message: string) => void;
  /** What this process runs, for other runs' messages. */
  command?: string;
}

/** A lock taken on another host, whose process cannot be checked, is stale after this long. */
const FOREIGN_LOCK_MAX_AGE_MS = 6 * 3_600_000;

/** A lock file that never got its content is taken over after this long (its writer died between two calls). */
const EMPTY_LOCK_GRACE_MS = 10_000;

/** A lock file holds a few hundred bytes; no more is ever read of one. */
const MAX_LOCK_BYTES = 64 * 1024;

/** Read only, never through a symbolic link, and without waiting for a writer (a named pipe). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

let counter = 0;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function notALock(dir: string, lockPath: string, kind: string): StoreLockedError {
  return new StoreLockedError(
    `the store ${dir} cannot be locked: ${lockPath} is ${kind}, not the lock file an import writes. ` +
      'Nothing was read or written; remove it and run again',
    lockPath,
    undefined,
  );
}

/**
 * The text of a lock file, at most `MAX_LOCK_BYTES` of it, or `undefined` when there is none. Throws
 * `StoreLockedError` when something other than a regular file is in its place.
 */
async function readLock(dir: string, lockPath: string): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockPath, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') {
      const target = await readlink(lockPath).catch(() => undefined);
      throw notALock(dir, lockPath, `a symbolic link${target === undefined ? '' : ` (to ${target})`}`);
    }
    if (code === 'ENXIO') throw notALock(dir, lockPath, 'a socket');
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notALock(dir, lockPath, kindOf(stats));
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_LOCK_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether the lock file is still `text`, this run's lock (read as `readLock` does, synchronously). */
function holdsLockSync(lockPath: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, READ_FLAGS);
  } catch {
    return false;
  }
  try {
    if (!fstatSync(fd).isFile()) return false;
    const buffer = Buffer.alloc(Buffer.byteLength(text) + 1);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0)) === text;
  } finally {
    closeSync(fd);
  }
}

/** A process's state letter and start time in clock ticks since boot, on Linux; undefined elsewhere. */
async function processStat(pid: number): Promise<{ state: string; start: string } | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; then come the state (field 3)
    // and, 19 fields later, the start time (field 22).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [state, start] = [fields[0], fields[19]];
    return state === undefined || start === undefined ? undefined : { state, start };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.started === 'string')
      return value as LockHolder;
  } catch {
    // An empty or half-written lock file: its holder is unknown.
  }
  return undefined;
}

/** Why a lock is stale, or undefined while its holder may still be running. */
async function staleReason(holder: LockHolder | undefined, lockPath: string): Promise<string | undefined> {
  if (holder === undefined) {
    let age: number;
    try {
      age = Date.now() - (await stat(lockPath)).mtimeMs;
    } catch (error) {
      // Released meanwhile: taking it over finds nothing to move, and the next attempt takes it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'it is gone';
      throw error;
    }
    return age > EMPTY_LOCK_GRACE_MS ? 'the lock file is empty or unreadable' : undefined;
  }
  if (holder.host !== hostname()) {
    // Its process cannot be asked about from here; but no import runs for hours, and a lock that a
    // killed CI job left (and a commit carried along) must not block every later run.
    const age = Date.now() - Date.parse(holder.started);
    return age > FOREIGN_LOCK_MAX_AGE_MS
      ? `it was taken ${Math.floor(age / 3_600_000)} hours ago on another host, longer than any import runs`
      : undefined;
  }
  if (!isAlive(holder.pid)) return `no process ${holder.pid} is running`;
  const now = await processStat(holder.pid);
  // Killed, but not yet reaped by its parent.
  if (now?.state === 'Z') return `process ${holder.pid} has ended`;
  if (now !== undefined && holder.processStart !== undefined && now.start !== holder.processStart)
    return `pid ${holder.pid} now belongs to another process`;
  return undefined;
}

/** `pid 4242 on host build-1, running since 2026-11-28T06:17:03.000Z (node src/lib/import/cli.ts …)` */
export function describeHolder(holder: LockHolder | undefined): string {
  if (holder === undefined) return 'an import that has not written its name into the lock yet';
  const command = holder.command ? ` (${holder.command})` : '';
  return `pid ${holder.pid} on host ${holder.host}, running since ${holder.started}${command}`;
}

/** The message for a lock held longer than the caller would wait (`waitMs`, 0 for not at all). */
export function lockedMessage(dir: string, holder: LockHolder | undefined, waitMs: number): string {
  const seconds = Number((waitMs / 1000).toFixed(1)).toLocaleString('en');
  const waited = waitMs > 0 ? `; waited ${seconds} s for it` : '';
  return (
    `the store ${dir} is locked by another import: ${describeHolder(holder)}${waited}. ` +
    `Run again when it has finished; if no import is running, delete ${join(dir, LOCK_NAME)}`
  );
}

/**
 * Moves a stale lock aside and deletes it, unless what was moved is no longer the stale lock that was
 * read (another run replaced it meanwhile): then it is put back.
 */
async function takeOver(dir: string, lockPath: string, staleText: string): Promise<boolean> {
  counter += 1;
  const aside = `${lockPath}.stale.${process.pid}.${counter}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await readLock(dir, aside);
  if (moved !== staleText) {
    await link(aside, lockPath).catch(() => undefined);
    await unlink(aside);
    return false;
  }
  await unlink(aside);
  return true;
}

/** Creates the lock file with `text` in it, atomically; false when a lock exists. */
async function create(lockPath: string, text: string): Promise<boolean> {
  counter += 1;
  const temp = `${lockPath}.${process.pid}.${counter}.tmp`;
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    // A file system without hard links: exclusive create, then write (a crash in between leaves an
    // empty lock, which is taken over after a grace period).
    try {
      await writeFile(lockPath, text, { flag: 'wx' });
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Signals that end a run early: the lock is released on the way out. */
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes the lock's own temporary files (`.paperboy-import.lock.<pid>.<n>.tmp`, `….stale.<pid>.<n>`)
 * that a process killed while taking or taking over the lock left; those of live processes stay.
 */
async function removeLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.startsWith(`${LOCK_NAME}.`)) continue;
    const parts = name.slice(LOCK_NAME.length + 1).split('.');
    const pid = Number(parts[0] === 'stale' ? parts[1] : parts[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid))
      await unlink(join(dir, name)).catch(() => undefined);
  }
}

/**
 * Takes the lock of the store at `dir` (creating the folder), waiting up to `waitMs` for another
 * import to finish. Throws `StoreLockedError` with a message naming the holder when it cannot.
 */
export async function acquireStoreLock(dir: string, options: LockOptions = {}): Promise<StoreLock> {
  const waitMs = options.waitMs ?? 0;
  const pollMs = options.pollMs ?? 200;
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, LOCK_NAME);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    ...(options.command === undefined ? {} : { command: options.command }),
  };
  const own = await processStat(process.pid);
  if (own !== undefined) holder.processStart = own.start;
  const text = `${JSON.stringify(holder, null, 2)}\n`;
  const notes: string[] = [];
  const began = Date.now();
  let told = false;
  for (;;) {
    if (await create(lockPath, text)) break;
    const current = await readLock(dir, lockPath);
    if (current === undefined) continue;
    const other = parseHolder(current);
    const stale = await staleReason(other, lockPath);
    if (stale !== undefined) {
      if ((await takeOver(dir, lockPath, current)) && stale !== 'it is gone')
        notes.push(`took over the stale lock of ${describeHolder(other)}: ${stale}`);
      continue;
    }
    const waited = Date.now() - began;
    if (waited >= waitMs) throw new StoreLockedError(lockedMessage(dir, other, waitMs), lockPath, other);
    if (!told) {
      told = true;
      options.onWait?.(
        `the store ${dir} is locked by another import: ${describeHolder(other)}; waiting up to ${Number((waitMs / 1000).toFixed(1)).toLocaleString('en')} s`,
      );
    }
    await sleep(Math.min(pollMs, waitMs - waited));
  }
  await removeLeftovers(dir);
  // Interrupted (Ctrl-C, a CI job cancelled): the lock goes with the process, which then ends as the
  // signal would have ended it. A run killed outright leaves a stale lock, which the next run takes over.
  const releaseSync = () => {
    try {
      if (holdsLockSync(lockPath, text)) unlinkSync(lockPath);
    } catch {
      // Gone already.
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    releaseSync();
    for (const name of SIGNALS) process.removeListener(name, onSignal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  for (const name of SIGNALS) process.once(name, onSignal);
  return {
    path: lockPath,
    notes,
    release: async () => {
      for (const name of SIGNALS) process.removeListener(name, onSignal);
      if (!holdsLockSync(lockPath, text)) return;
      try {
        await unlink(lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}
