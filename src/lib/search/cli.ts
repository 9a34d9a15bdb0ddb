/** `npm run build`'s second step: the search index of the site `astro build` just wrote to OUT_DIR. */
import { settings } from '../../settings.ts';
import { indexSite } from './pagefind-index.ts';

const { pages, ms, shards, reused, parsed } = await indexSite(settings.outDir, {
  root: settings.root,
  globs: settings.contentGlobs,
  shardSize: settings.searchShardSize,
  cacheDir: settings.cacheDir,
});
// The benchmark reads this line (scripts/bench/measure.ts).
console.log(
  `[paperboy:pagefind] indexed ${pages} pages in ${ms} ms (${parsed} records read anew, the rest kept)`,
);
console.log(
  `[paperboy:pagefind] ${shards.length} shards (${reused} unchanged since the last build, copied): ${shards.map((s) => `${s.from}…${s.to} (${s.papers})`).join(', ')}`,
);
