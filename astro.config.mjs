// @ts-check
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { minifyReaderScript } from './src/integrations/minify-reader-script.ts';
import { sitemapFilter } from './src/lib/site/withdrawn.ts';
import { retractedIds } from './src/lib/store/retractions.ts';
import { settings } from './src/settings.ts';

export default defineConfig({
  // GitHub Pages serves a project site under https://USER.github.io/REPO/: the deploy workflow sets
  // SITE_URL and BASE_PATH; locally the site lives at the root.
  site: settings.siteUrl,
  base: settings.basePath,
  outDir: settings.outDir,
  cacheDir: settings.cacheDir,
  // What GitHub Pages serves natively: dir/index.html at /dir/.
  trailingSlash: 'always',
  // Stylesheets as cached files, not inlined into each of (eventually) 100,000 pages.
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Scripts as files, never inlined: the pages' Content-Security-Policy allows no inline script.
  vite: { build: { assetsInlineLimit: 0 } },
  // sitemap-index.xml and its parts, with the base path in every URL, without the withdrawn pages of
  // retracted papers (noindex). The search index is `npm run build`'s next step (src/lib/search/),
  // outside Astro's process. minifyReaderScript: public/reader.js, the reading pages' one script,
  // within its 3 KB.
  integrations: [
    sitemap({
      filter: sitemapFilter(retractedIds(settings.root, settings.contentGlobs), settings.basePath),
    }),
    minifyReaderScript(),
  ],
  // Pages whose records and code did not change are copied from the previous build (its copies and
  // manifest live in the cache folder, which the deploy workflow keeps): see src/lib/site/page-keys.ts.
  experimental: { incrementalBuild: true },
});
