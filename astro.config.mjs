// @ts-check
import { readFileSync } from 'node:fs';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { completeBuildsCache } from './src/integrations/complete-builds-cache.ts';
import { katexWoff2Only } from './src/integrations/katex-woff2-only.ts';
import { minifyReaderScript } from './src/integrations/minify-reader-script.ts';
import { buildCaches } from './src/lib/cache/build-caches.ts';
import { parseTaxonomy } from './src/lib/model/topic.ts';
import { formerTopics, sitemapFilter } from './src/lib/site/former-topics.ts';
import { personalSitemapFilter, siteRoot } from './src/lib/site/paths.ts';
import { withdrawnSitemapFilter } from './src/lib/site/withdrawn.ts';
import { retractedIds } from './src/lib/store/retractions.ts';
import { settings } from './src/settings.ts';

// The caches live under the hash of the code and settings they were made by (src/lib/cache/).
const caches = buildCaches(settings.cacheDir, settings.root, settings.cacheKeySettings);
// The pages of former topic ids (content/topics.yaml `formerIds`) only redirect: the sitemap leaves them out.
const taxonomy = parseTaxonomy(readFileSync(new URL('./content/topics.yaml', import.meta.url), 'utf8'));
const inSitemap = sitemapFilter(formerTopics(taxonomy), siteRoot(settings.siteUrl, settings.basePath));
const notPersonal = personalSitemapFilter(settings.basePath);
const notWithdrawn = withdrawnSitemapFilter(
  retractedIds(settings.root, settings.contentGlobs),
  settings.basePath,
);

export default defineConfig({
  // GitHub Pages serves a project site under https://USER.github.io/REPO/: the deploy workflow sets
  // SITE_URL and BASE_PATH; locally the site lives at the root.
  site: settings.siteUrl,
  base: settings.basePath,
  outDir: settings.outDir,
  cacheDir: caches.astro.work,
  // What GitHub Pages serves natively: dir/index.html at /dir/.
  trailingSlash: 'always',
  // Stylesheets as cached files, not inlined into each of (eventually) 100,000 pages.
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Scripts as files, never inlined: the pages' Content-Security-Policy allows no inline script. One
  // stylesheet for the whole site: a page links one cached file instead of three or four.
  // The browser's scripts are named by their hash alone: Astro's names (`PaperMarks.astro_astro_type_
  // script_index_0_lang.<hash>.js`) cost every paper page 50 bytes.
  vite: {
    build: { assetsInlineLimit: 0, cssCodeSplit: false },
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: { entryFileNames: '_astro/[hash].js', chunkFileNames: '_astro/[hash].js' },
          },
        },
      },
    },
  },
  // sitemap-index.xml and its parts, with the base path in every URL, without former topic pages,
  // withdrawn papers or the reader's own pages. The search index is `npm run build`'s next step
  // (src/lib/search/), outside Astro's process.
  // minifyReaderScript: public/reader.js, the reading pages' one script, within its 3 KB.
  // katexWoff2Only: KaTeX's fonts in the one format browsers load, not in three.
  // completeBuildsCache, last: the cache folder counts only once everything else is done.
  integrations: [
    sitemap({
      filter: (page) => inSitemap(page) && notPersonal(page) && notWithdrawn(page),
    }),
    minifyReaderScript(),
    katexWoff2Only(),
    completeBuildsCache(caches),
  ],
  // Pages whose records and code did not change are copied from the previous build (its copies and
  // manifest live in the cache folder, which the deploy workflow keeps): see src/lib/site/page-keys.ts.
  experimental: { incrementalBuild: true },
});
