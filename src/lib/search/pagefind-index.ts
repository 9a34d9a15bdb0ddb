import { existsSync, readFileSync } from 'node:fs';
import { copyFile, glob, link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { digestOf } from '../site/page-keys.ts';
import { routes } from '../site/paths.ts';
import { readFiling } from '../site/read-taxonomy.ts';
import { type CompiledTaxonomy, topicsFor } from '../site/topics.ts';
import { readRecord } from '../store/record-file.ts';
import { retractedIds } from '../store/retractions.ts';
import { type SearchPaper, searchDocument } from './document.ts';
import type { ShardJob } from './shard-index.ts';
import type { ShardReply } from './shard-worker.ts';
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
  /** Shards indexed at once, each by a Pagefind process of its own (`indexShards`). */
  workers: number;
  /**
   * Where each shard's bundle is kept between builds, under the digest of its documents: a shard whose
   * papers did not change (every month but the newest, on a daily rebuild) is copied, not indexed.
   * The folder belongs to this code and to runs that completed (`lib/cache/step-cache.ts`).
   */
  keptDir?: string;
  /** Told of each shard once its bundle is in the site. */
  onShard?: (shard: ShardEntry, kept: boolean) => void;
}

/** Pagefind's version, read from beside its entry module: a kept bundle is only as good as the indexer that wrote it. */
const PAGEFIND_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as {
    version: string;
  }
).version;
/** Beside the kept shards: what each record file gave the index. */
const KEPT_RECORDS = 'records.json';

/** A paper as the index needs it, and its day. */
interface DayPaper {
  day: string;
  paper: SearchPaper;
}

/**
 * Every stored paper under the globs that is not retracted, filed under its topics, grouped by day. With a cache folder, what
 * each file gave is kept under the digest of its bytes and of the taxonomy, so a rebuild parses only
 * the files that changed (YAML parsing was most of this step's time for an unchanged collection).
 */
async function readPapers(
  options: IndexOptions,
): Promise<{ byDay: Map<string, SearchPaper[]>; parsed: number }> {
  const { taxonomy, compiled, sourceText } = readFiling(options.root);
  const names = new Map(taxonomy.map((topic) => [topic.id, topic.name]));
  const keptPath = options.keptDir && join(options.keptDir, KEPT_RECORDS);
  const kept = new Map<string, DayPaper>(
    keptPath && existsSync(keptPath) ? Object.entries(JSON.parse(await readFile(keptPath, 'utf8'))) : [],
  );
  // Once, not with each of ten thousand files.
  const readerKey = digestOf(PAGEFIND_VERSION, sourceText);
  // A retracted paper is in no index, even while its record is still on disk (the build lists it nowhere).
  const retracted = retractedIds(options.root, options.globs);
  const seen = new Map<string, DayPaper>();
  const byDay = new Map<string, SearchPaper[]>();
  let parsed = 0;
  const files: string[] = [];
  for await (const file of glob([...options.globs], { cwd: options.root })) files.push(file);
  // Sorted, as the content loader reads them, so the same records give the same index.
  // Read one after another, synchronously: for 10,000 small files 0.1 s, against 1.7 s awaiting each
  // readFile (measured on this machine, as for the store's reads in store/read-store.ts).
  for (const file of files.sort()) {
    const text = readFileSync(join(options.root, file), 'utf8');
    const key = digestOf(readerKey, file, text);
    let entry = kept.get(key);
    if (!entry) {
      entry = readSearchPaper(file, text, compiled, names);
      parsed++;
    }
    seen.set(key, entry);
    if (retracted.has(entry.paper.data.id)) continue;
    const day = byDay.get(entry.day) ?? [];
    day.push(entry.paper);
    byDay.set(entry.day, day);
  }
  if (keptPath) {
    await mkdir(join(keptPath, '..'), { recursive: true });
    await writeFile(keptPath, JSON.stringify(Object.fromEntries(seen)));
  }
  return { byDay, parsed };
}

function readSearchPaper(
  file: string,
  text: string,
  compiled: CompiledTaxonomy,
  names: ReadonlyMap<string, string>,
): DayPaper {
  const read = readRecord(text);
  // astro build read the same files with the same schema and stopped on a bad one.
  if (!read.ok) throw new Error(`${file}: ${read.message}`);
  const { data, abstract } = read.record;
  // The build already warned about topics the taxonomy lacks.
  const slugs = topicsFor({ ...data, abstract, file }, compiled, () => {});
  const { id, title, authors, summary, keywords, links } = data;
  return {
    day: data.day,
    paper: {
      data: { id, title, authors, summary, keywords, links },
      // The Markdown source, not `render/plain-text.ts`'s parse: abstracts are text and TeX, which the
      // parse keeps as they are, and parsing them cost more than Pagefind's own indexing at 10,000 papers.
      abstractText: abstract.replace(/\s+/g, ' '),
      topicNames: slugs.map((slug) => names.get(slug) as string),
    },
  };
}

/**
 * Puts every file under `from` at the same place under `to` as a hard link: a kept shard is some
 * thousand files, and linking them costs a fraction of copying them. Where the two folders cannot
 * share files (another file system, or one without links), the rest are copied. Nothing writes into
 * a bundle once Pagefind has written it, and the index step starts by removing the site's bundles,
 * so a linked file is never changed in place.
 */
async function linkTree(from: string, to: string): Promise<void> {
  let canLink = true;
  await mkdir(to, { recursive: true });
  // A folder is listed before what it holds.
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    const source = join(entry.parentPath, entry.name);
    const target = join(to, relative(from, source));
    if (entry.isDirectory()) {
      await mkdir(target, { recursive: true });
      continue;
    }
    if (canLink) {
      try {
        await link(source, target);
        continue;
      } catch (error) {
        if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? ''))
          throw error;
        canLink = false;
      }
    }
    await copyFile(source, target);
  }
}

/**
 * Indexes the jobs in up to `workers` worker threads at once, each shard in a Pagefind process of its
 * own (`shard-worker.ts`): Pagefind indexes on one core, and shards are independent, so two at a time
 * take both cores of a small machine while memory stays bounded by `workers` shards. A shard's bundle
 * is the same however many run beside it. `done` is called with each job once its bundle is written.
 */
export async function indexShards(
  jobs: readonly ShardJob[],
  workers: number,
  done: (job: ShardJob) => Promise<void>,
): Promise<void> {
  const queue = [...jobs];
  const runWorker = async () => {
    const worker = new Worker(new URL('./shard-worker.ts', import.meta.url));
    try {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const reply = await new Promise<ShardReply>((resolve, reject) => {
          const settle = (settled: () => void) => {
            worker.off('message', onMessage).off('error', onError).off('exit', onExit);
            settled();
          };
          const onMessage = (message: ShardReply) => settle(() => resolve(message));
          const onError = (error: Error) => settle(() => reject(error));
          const onExit = (code: number) =>
            settle(() =>
              reject(
                new Error(
                  `the index worker stopped before ${job.outputPath} was written (exit code ${code}): Pagefind's process ended, see its message above`,
                ),
              ),
            );
          worker.on('message', onMessage).on('error', onError).on('exit', onExit);
          worker.postMessage(job);
        });
        if (!reply.ok) throw new Error(reply.message);
        await done(job);
      }
    } catch (error) {
      // The step fails: the other workers take no further shard.
      queue.length = 0;
      throw error;
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, runWorker));
}

export async function indexSite(
  site: string,
  options: IndexOptions,
): Promise<{ pages: number; ms: number; shards: ShardEntry[]; reused: number; parsed: number }> {
  const started = performance.now();
  const { byDay, parsed } = await readPapers(options);
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
  for (const [day, papers] of byDay) {
    const shardPapers = papersOf.get(shardOfDay(shards, day) as Shard);
    for (const paper of papers) shardPapers?.push(paper);
  }
  // Bundles of an earlier run of this step may share their files with the kept ones (`linkTree`).
  await rm(join(site, routes.pagefindBundle()), { recursive: true, force: true });
  const entries: ShardEntry[] = [];
  const { keptDir } = options;
  const used = new Set<string>();
  let reused = 0;
  const jobs: ShardJob[] = [];
  /** For each job: its shard's entry, and the site folder its bundle goes to when it is written in the cache. */
  const placing = new Map<ShardJob, { entry: ShardEntry; siteFolder?: string }>();
  // Newest first, in `shards.json` as in the order shards are handed to the workers.
  for (const [position, shard] of shards.entries()) {
    // The newest shard is the bundle the search page loads, at a path that does not change.
    const newest = position === 0;
    const path = newest ? routes.pagefindBundle() : routes.pagefindShard(shard.id);
    const documents = (papersOf.get(shard) ?? []).map(searchDocument);
    const output = join(site, path);
    const entry = { path, from: shard.from, to: shard.to, papers: shard.papers };
    entries.push(entry);
    if (!keptDir) {
      const job = { documents, outputPath: output, newest };
      jobs.push(job);
      placing.set(job, { entry });
      continue;
    }
    // A bundle's files depend on whether it is the newest (the one with the UI), not only on its papers.
    const key = digestOf(PAGEFIND_VERSION, newest, documents);
    const keptBundle = join(keptDir, key);
    used.add(key);
    if (existsSync(keptBundle)) {
      await linkTree(keptBundle, output);
      reused++;
      options.onShard?.(entry, true);
      continue;
    }
    // Written into the cache, then linked into the site: the kept bundle holds that shard alone.
    const job = { documents, outputPath: keptBundle, newest };
    jobs.push(job);
    placing.set(job, { entry, siteFolder: output });
  }
  await indexShards(jobs, options.workers, async (job) => {
    const { entry, siteFolder } = placing.get(job) as { entry: ShardEntry; siteFolder?: string };
    if (siteFolder) await linkTree(job.outputPath, siteFolder);
    options.onShard?.(entry, false);
  });
  if (keptDir) await pruneKeptShards(keptDir, used);
  await mkdir(join(site, routes.pagefindBundle()), { recursive: true });
  await writeFile(join(site, routes.searchShards()), `${JSON.stringify({ shards: entries })}\n`);
  return {
    reused,
    parsed,
    pages: entries.reduce((sum, entry) => sum + entry.papers, 0),
    ms: Math.round(performance.now() - started),
    shards: entries,
  };
}

/** Removes the kept bundles this run did not use: shards whose papers changed, or that no longer exist. */
async function pruneKeptShards(keptDir: string, used: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(keptDir)) {
    if (name !== KEPT_RECORDS && !used.has(name))
      await rm(join(keptDir, name), { recursive: true, force: true });
  }
}
