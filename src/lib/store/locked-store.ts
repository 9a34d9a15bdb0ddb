import { basename } from 'node:path';
import type { UsageError } from '../../command-line.ts';
import { saveStoreIndex } from './index-cache.ts';
import { acquireStoreLock } from './lock.ts';
import { type LoadedStore, type LoadOptions, loadStore } from './read-store.ts';

/** How long a run waits by default for another one to release the store. */
export const LOCK_WAIT_MS = 60_000;

/** The `--wait SECONDS` of the tools that hold the lock (`npm run import`, `move`, `retract`), in milliseconds. */
export function lockWaitOption(seconds: string, fail: UsageError): number {
  const value = Number(seconds);
  if (seconds.trim() === '' || !Number.isFinite(value) || value < 0)
    fail(`--wait must be a number of seconds (0 or more); got "${seconds}"`);
  return value * 1000;
}

export interface OpenStoreOptions extends LoadOptions {
  /**
   * How long to wait for another run holding the store's lock, in milliseconds (default
   * `LOCK_WAIT_MS`); past it, `withStore` throws `StoreLockedError` naming the holder.
   */
  waitMs?: number;
  /** Told once when another run holds the lock and this one waits for it. */
  onLockWait?: (message: string) => void;
}

/** What this process runs, for another run's "locked by" message. */
function commandLine(): string {
  return `node ${process.argv
    .slice(1)
    .map((arg) => basename(arg))
    .join(' ')}`.slice(0, 200);
}

/**
 * Runs `work` as the one run that changes the store at `dir`: takes the store's lock (a dry run takes
 * none), reads the store (repairing what an interrupted run left; a stale lock taken over joins the
 * repairs), and when `work` is done saves the index cache for the next run (not in a dry run) and
 * releases the lock, also when `work` throws.
 */
export async function withStore<T>(
  dir: string,
  options: OpenStoreOptions,
  work: (loaded: LoadedStore) => Promise<T>,
): Promise<T> {
  const lock = options.dryRun
    ? undefined
    : await acquireStoreLock(dir, {
        waitMs: options.waitMs ?? LOCK_WAIT_MS,
        command: commandLine(),
        ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
      });
  try {
    const loaded = await loadStore(dir, options);
    loaded.repairs = [...(lock?.notes ?? []), ...loaded.repairs];
    const result = await work(loaded);
    if (!options.dryRun) await saveStoreIndex(loaded.store);
    return result;
  } finally {
    await lock?.release();
  }
}
