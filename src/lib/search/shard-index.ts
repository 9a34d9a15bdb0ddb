import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

/** One shard's documents and where its bundle goes: what the index step hands a worker. */
export interface ShardJob {
  documents: readonly { url: string; content: string }[];
  outputPath: string;
  /** The newest shard's bundle is the one the search page loads, and keeps the UI. */
  newest: boolean;
}

/**
 * Files Pagefind writes into every bundle that the site never loads: the search page runs its
 * component UI from the newest bundle (src/pages/search.astro), and older shards are merged into that
 * search, which reads only their entry, metadata, index, fragments and WebAssembly. Every index is
 * English (`forceLanguage`), so the fallback WebAssembly for an unknown language is never fetched.
 */
const UNUSED = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
  'wasm.unknown.pagefind',
];
/**
 * What only the newest bundle's search runs: its UI, and the API and web worker the UI loads from its
 * own bundle; a merged shard is searched by that API and worker. 0.15 MB an older shard.
 */
const NEWEST_ONLY = [
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind.js',
  'pagefind-worker.js',
];

/** Pagefind calls answered at once: enough to keep its process busy, few enough to bound what is in flight. */
const BATCH = 200;

/** Fails on Pagefind's returned errors: its API reports them instead of throwing. */
function assertNoErrors(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

/**
 * Indexes one shard's papers into `outputPath` in a Pagefind process of its own, closed once the bundle
 * is written, so that what an indexer holds is bounded by a shard. Pagefind adds its files to the
 * folder and removes nothing, so an older shard's folder inside the newest one's may be written before,
 * after or while the newest is.
 */
export async function indexShard({ documents, outputPath, newest }: ShardJob): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    assertNoErrors('createIndex', errors);
    if (!index) throw new Error('Pagefind createIndex returned no index');
    for (let start = 0; start < documents.length; start += BATCH) {
      const added = await Promise.all(
        documents.slice(start, start + BATCH).map((document) => index.addHTMLFile(document)),
      );
      for (const { errors } of added) assertNoErrors('addHTMLFile', errors);
    }
    const written = await index.writeFiles({ outputPath });
    assertNoErrors('writeFiles', written.errors);
    for (const name of [...UNUSED, ...(newest ? [] : NEWEST_ONLY)])
      await rm(join(outputPath, name), { force: true });
  } finally {
    await pagefind.close();
  }
}
