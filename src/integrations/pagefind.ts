import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefindApi from 'pagefind';

/** Fails the build on Pagefind's returned errors: its API reports them instead of throwing. */
function assertNoErrors(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

/**
 * Writes the search index to `dist/pagefind/` right after `astro build`, so `npm run build` alone
 * gives a searchable site. Only elements marked `data-pagefind-body` (paper pages) are indexed.
 */
export function pagefind(): AstroIntegration {
  return {
    name: 'paperboy:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = performance.now();
        try {
          const { index, errors } = await pagefindApi.createIndex({ forceLanguage: 'en' });
          assertNoErrors('createIndex', errors);
          if (!index) throw new Error('Pagefind createIndex returned no index');
          const added = await index.addDirectory({ path: site });
          assertNoErrors('addDirectory', added.errors);
          if (added.page_count === 0)
            throw new Error('Pagefind indexed no pages: is data-pagefind-body missing?');
          const written = await index.writeFiles({ outputPath: `${site}pagefind` });
          assertNoErrors('writeFiles', written.errors);
          logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await pagefindApi.close();
        }
      },
    },
  };
}
