import type { AstroIntegration } from 'astro';
import type { BuildCaches } from '../lib/cache/build-caches.ts';
import { closeStepCache, openStepCache, pruneCodeHashes } from '../lib/cache/step-cache.ts';

/**
 * Makes Astro's cache folder (`cacheDir` = `caches.astro.work`: the content layer's store, the incremental
 * build's manifest and page copies) count only once a build completed. Astro writes page copies while
 * it renders and its manifest at the end, so a build stopped in between would leave copies the old
 * manifest vouches for. Before a build reads the folder, the last complete build's cache is moved in
 * (and what an interrupted one left is dropped); when the build is done, it is moved back
 * (`lib/cache/step-cache.ts`). `astro dev`, `check` and `sync` never touch the complete copy.
 */
export function completeBuildsCache(caches: BuildCaches): AstroIntegration {
  return {
    name: 'paperboy:complete-builds-cache',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command !== 'build') return;
        pruneCodeHashes(caches.cacheDir, caches.hash);
        openStepCache(caches.astro);
      },
      'astro:build:done': () => closeStepCache(caches.astro),
    },
  };
}
