/** `npm run build`'s second step: the search index of the site `astro build` just wrote to OUT_DIR. */

import { settings } from '../../settings.ts';
import { buildCaches } from '../cache/build-caches.ts';
import { closeStepCache, openStepCache } from '../cache/step-cache.ts';
import { indexSite } from './pagefind-index.ts';

// The kept shards and records count only for this code, and only once this step completed.
const { search: cache } = buildCaches(settings.cacheDir, settings.root, settings.cacheKeySettings);
openStepCache(cache);
const { pages, ms, shards, reused, parsed } = await indexSite(settings.outDir, {
  root: settings.root,
  globs: settings.contentGlobs,
  shardSize: settings.searchShardSize,
  workers: settings.searchWorkers,
  keptDir: cache.work,
  onShard: (shard, kept) =>
    console.log(`[paperboy:pagefind] shard ${shard.from}…${shard.to}: ${kept ? 'kept' : 'indexed'}`),
});
closeStepCache(cache);
// The benchmark reads this line (scripts/bench/measure.ts).
console.log(
  `[paperboy:pagefind] indexed ${pages} pages in ${ms} ms (${parsed} records read anew, the rest kept)`,
);
console.log(
  `[paperboy:pagefind] ${shards.length} shards (${reused} unchanged since the last build, copied): ${shards.map((s) => `${s.from}…${s.to} (${s.papers})`).join(', ')}`,
);
