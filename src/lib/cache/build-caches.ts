import { codeHash } from './code-hash.ts';
import { type StepCache, stepCache } from './step-cache.ts';

/** The caches of one build: both steps' folders under the hash of the code and settings that build runs. */
export interface BuildCaches {
  /** The cache folder all code hashes share (`PAPERBOY_CACHE_DIR`). */
  cacheDir: string;
  hash: string;
  /** Astro's cache folder (`cacheDir`): the content layer's store and the incremental build's pages. */
  astro: StepCache;
  /** The search step's kept shards and records. */
  search: StepCache;
}

/** The build caches in `cacheDir` for the code under `root` built with `settings` (`NAME=value` lines). */
export function buildCaches(cacheDir: string, root: string, settings: string): BuildCaches {
  const hash = codeHash(root, settings);
  return {
    cacheDir,
    hash,
    astro: stepCache(cacheDir, hash, 'astro'),
    search: stepCache(cacheDir, hash, 'search'),
  };
}
