// @ts-check
import { defineConfig } from 'astro/config';
import { pagefind } from './src/integrations/pagefind.ts';
import { readBasePath, readSiteUrl } from './src/lib/env.ts';

// GitHub Pages serves a project site under https://USER.github.io/REPO/: the deploy workflow sets
// SITE_URL and BASE_PATH; locally the site lives at the root.
const site = readSiteUrl(process.env);
const base = readBasePath(process.env);

export default defineConfig({
  site,
  base,
  // The e2e suite builds the site twice, under /paperboy/ and at the root, side by side.
  outDir: process.env.OUT_DIR || './dist',
  // What GitHub Pages serves natively: dir/index.html at /dir/.
  trailingSlash: 'always',
  // Stylesheets as cached files, not inlined into each of (eventually) 100,000 pages.
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Scripts as files, never inlined: the pages' Content-Security-Policy allows no inline script.
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [pagefind()],
});
