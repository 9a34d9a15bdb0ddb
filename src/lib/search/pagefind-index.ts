import * as pagefind from 'pagefind';

/**
 * Writes the search index into `<site>/pagefind/`. It runs as its own step after `astro build`
 * (`npm run build`), not inside it: Pagefind's indexer is a child process, and inside the build its
 * memory adds to everything Astro still holds (4.7 GiB at once for 10,000 papers, against 3.0 GiB
 * for the larger of the two alone). Only paper pages are read: they are the only pages marked
 * `data-pagefind-body`, and day, topic and ranking pages repeat their text.
 */

/** Fails on Pagefind's returned errors: its API reports them instead of throwing. */
function assertNoErrors(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

export async function indexSite(site: string): Promise<{ pages: number; ms: number }> {
  const started = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    assertNoErrors('createIndex', errors);
    if (!index) throw new Error('Pagefind createIndex returned no index');
    const added = await index.addDirectory({ path: site, glob: 'papers/**/*.html' });
    assertNoErrors('addDirectory', added.errors);
    if (added.page_count === 0)
      throw new Error(`Pagefind indexed no pages in ${site}/papers: was the site built?`);
    const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
    assertNoErrors('writeFiles', written.errors);
    return { pages: added.page_count, ms: Math.round(performance.now() - started) };
  } finally {
    await pagefind.close();
  }
}
