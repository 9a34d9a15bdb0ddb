import { existsSync } from 'node:fs';
import { glob, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'astro/zod';
import * as pagefind from 'pagefind';
import { parse as parseYaml } from 'yaml';
import { topicSchema } from '../model/topic.ts';
import { routes } from '../site/paths.ts';
import { compileTaxonomy, topicsFor } from '../site/topics.ts';
import { readRecord } from '../store/record-file.ts';
import { type SearchPaper, searchDocument } from './document.ts';
import { planShards, type Shard, shardOfDay } from './shards.ts';

/**
 * Writes the search index: `npm run build`'s step after `astro build`, in a process of its own so its
 * memory does not add to what Astro still holds. It reads the stored records (the files the content
 * layer read, through the store's reader) instead of the built pages, and writes one Pagefind index per
 * shard (`shards.ts`): the newest into `<site>/pagefind/`, each older one into `<site>/pagefind/<id>/`,
 * and their list into `<site>/pagefind/shards.json` for the search page. One Pagefind process holds
 * one shard and is closed before the next starts, so the indexer's memory is bounded by the shard
 * size, not by the collection.
 */

/** One entry of `shards.json`: where a shard's bundle is (a route, without the base path) and what it covers. */
export interface ShardEntry {
  path: string;
  from: string;
  to: string;
  papers: number;
}

export interface IndexOptions {
  /** The project folder the globs and `content/topics.yaml` are relative to. */
  root: string;
  globs: readonly string[];
  shardSize: number;
}

/** Pagefind calls answered at once: enough to keep its process busy, few enough to bound what is in flight. */
const BATCH = 200;

/** Fails on Pagefind's returned errors: its API reports them instead of throwing. */
function assertNoErrors(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

/** Every stored paper under the globs, filed under its topics, grouped by day. */
async function readPapers(options: IndexOptions): Promise<Map<string, SearchPaper[]>> {
  const taxonomy = z
    .array(topicSchema)
    .parse(parseYaml(await readFile(join(options.root, 'content/topics.yaml'), 'utf8')));
  const compiled = compileTaxonomy(taxonomy);
  const names = new Map(taxonomy.map((topic) => [topic.id, topic.name]));
  const byDay = new Map<string, SearchPaper[]>();
  const files: string[] = [];
  for await (const file of glob([...options.globs], { cwd: options.root })) files.push(file);
  // Sorted, as the content loader reads them, so the same records give the same index.
  for (const file of files.sort()) {
    const read = readRecord(await readFile(join(options.root, file), 'utf8'));
    // astro build read the same files with the same schema and stopped on a bad one.
    if (!read.ok) throw new Error(`${file}: ${read.message}`);
    const { data, abstract } = read.record;
    // The build already warned about topics the taxonomy lacks.
    const slugs = topicsFor({ ...data, abstract, file }, compiled, () => {});
    const paper: SearchPaper = {
      data,
      // The Markdown source, not `render/plain-text.ts`'s parse: abstracts are text and TeX, which the
      // parse keeps as they are, and parsing them cost more than Pagefind's own indexing at 10,000 papers.
      abstractText: abstract.replace(/\s+/g, ' '),
      topicNames: slugs.map((slug) => names.get(slug) as string),
    };
    const day = byDay.get(data.day) ?? [];
    day.push(paper);
    byDay.set(data.day, day);
  }
  return byDay;
}

/** Indexes one shard's papers into `outputPath` in a Pagefind process of its own. */
async function indexShard(papers: readonly SearchPaper[], outputPath: string): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    assertNoErrors('createIndex', errors);
    if (!index) throw new Error('Pagefind createIndex returned no index');
    for (let start = 0; start < papers.length; start += BATCH) {
      const added = await Promise.all(
        papers.slice(start, start + BATCH).map((paper) => index.addHTMLFile(searchDocument(paper))),
      );
      for (const { errors } of added) assertNoErrors('addHTMLFile', errors);
    }
    const written = await index.writeFiles({ outputPath });
    assertNoErrors('writeFiles', written.errors);
  } finally {
    await pagefind.close();
  }
}

export async function indexSite(
  site: string,
  options: IndexOptions,
): Promise<{ pages: number; ms: number; shards: ShardEntry[] }> {
  const started = performance.now();
  const byDay = await readPapers(options);
  const shards = planShards(
    new Map([...byDay].map(([day, papers]) => [day, papers.length])),
    options.shardSize,
  );
  if (shards.length === 0) throw new Error('No papers to index: do PAPERBOY_CONTENT’s globs match any file?');
  const missing = [...byDay.values()]
    .flat()
    .filter((paper) => !existsSync(join(site, routes.paper(paper.data.id), 'index.html')));
  if (missing.length > 0) {
    const ids = missing.slice(0, 5).map((paper) => paper.data.id);
    throw new Error(
      `${missing.length} papers have no page in ${site} (${ids.join(', ')}…): was the site built?`,
    );
  }
  const papersOf = new Map<Shard, SearchPaper[]>(shards.map((shard) => [shard, []]));
  for (const [day, papers] of byDay) papersOf.get(shardOfDay(shards, day) as Shard)?.push(...papers);
  const entries: ShardEntry[] = [];
  for (const [position, shard] of shards.entries()) {
    // The newest shard is the bundle the search page loads, at a path that does not change.
    const path = position === 0 ? routes.pagefindBundle() : routes.pagefindShard(shard.id);
    await indexShard(papersOf.get(shard) ?? [], join(site, path));
    entries.push({ path, from: shard.from, to: shard.to, papers: shard.papers });
  }
  await mkdir(join(site, routes.pagefindBundle()), { recursive: true });
  await writeFile(join(site, routes.searchShards()), `${JSON.stringify({ shards: entries })}\n`);
  return {
    pages: entries.reduce((sum, entry) => sum + entry.papers, 0),
    ms: Math.round(performance.now() - started),
    shards: entries,
  };
}
