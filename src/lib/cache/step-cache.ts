import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The caches of a build's steps (Astro's content store and page copies; the search step's kept shards
 * and records), laid out so that a cache is used only by the code that wrote it, and only once the
 * step that wrote it completed:
 *
 *   <cache folder>/<code hash>/<step>/           what the running step reads and writes
 *   <cache folder>/<code hash>/<step>.complete/  the last complete run's cache
 *
 * A step starts by dropping whatever an interrupted run left in its working folder and moving the last
 * complete cache there; it ends by moving its working folder back. A run stopped half-way (Ctrl-C, a
 * kill, a crash, a failed build) leaves no complete cache, so the next run starts from nothing: it
 * costs one full build, never a stale page.
 */

/** One step's folders under one code hash. */
export interface StepCache {
  /** Where the step reads and writes while it runs. */
  work: string;
  /** The cache of the step's last complete run. */
  complete: string;
}

/** The folders of `step` under `hash`. */
export function stepCache(cacheDir: string, hash: string, step: string): StepCache {
  const work = join(cacheDir, hash, step);
  return { work, complete: `${work}.complete` };
}

/** Before the step: the last complete cache becomes the working folder; an interrupted run's is dropped. */
export function openStepCache(cache: StepCache): void {
  rmSync(cache.work, { recursive: true, force: true });
  if (existsSync(cache.complete)) renameSync(cache.complete, cache.work);
  else mkdirSync(cache.work, { recursive: true });
}

/** After the step completed: its working folder becomes the complete cache for the next run. */
export function closeStepCache(cache: StepCache): void {
  rmSync(cache.complete, { recursive: true, force: true });
  mkdirSync(cache.work, { recursive: true });
  renameSync(cache.work, cache.complete);
}

/** Code hashes kept in one cache folder: the current one and the most recently used others. */
const KEPT_HASHES = 4;
const HASH_FOLDER = /^[0-9a-f]{20}$/;

/**
 * Marks `hash` as used now and removes the caches of all but the most recently used code hashes, so
 * the cache folder does not grow with every change of code or settings (the e2e suite builds two
 * sites with two hashes, so more than one is kept).
 */
export function pruneCodeHashes(cacheDir: string, hash: string): void {
  const current = join(cacheDir, hash);
  mkdirSync(current, { recursive: true });
  const now = new Date();
  utimesSync(current, now, now);
  const others = readdirSync(cacheDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && HASH_FOLDER.test(entry.name) && entry.name !== hash)
    .map((entry) => ({
      path: join(cacheDir, entry.name),
      used: statSync(join(cacheDir, entry.name)).mtimeMs,
    }))
    .sort((a, b) => b.used - a.used);
  for (const stale of others.slice(KEPT_HASHES - 1)) rmSync(stale.path, { recursive: true, force: true });
}
