import { cp, glob, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routes } from '../site/paths.ts';
import { readRecord } from '../store/record-file.ts';
import { indexShards, indexSite } from './pagefind-index.ts';

/**
 * The index step on the e2e suite's papers (content/ plus the fixtures: three days), copied into a
 * scratch project, in shards of 20 papers, so that a day's change touches one shard of two or more.
 */
const project = fileURLToPath(new URL('../../../', import.meta.url));
const globs = ['papers/**/*.md'];
let root: string;

/** Every file under a folder, relative path → bytes as text. */
async function files(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      found.set(path.slice(dir.length + 1), await readFile(path, 'latin1'));
    }
  return found;
}

/** A site folder with an (empty) page for every paper, as astro build leaves it for the index step. */
async function builtSite(): Promise<string> {
  const site = join(root, `site-${Math.random().toString(36).slice(2)}`);
  for await (const file of glob(globs, { cwd: root })) {
    const read = readRecord(await readFile(join(root, file), 'utf8'));
    if (!read.ok) throw new Error(read.message);
    const page = join(site, routes.paper(read.record.data.id));
    await mkdir(page, { recursive: true });
    await writeFile(join(page, 'index.html'), '');
  }
  return site;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'paperboy-search-'));
  await mkdir(join(root, 'content'));
  await cp(join(project, 'content/topics.yaml'), join(root, 'content/topics.yaml'));
  await cp(join(project, 'content/papers'), join(root, 'papers'), { recursive: true });
  await cp(join(project, 'tests/fixtures/papers'), join(root, 'papers'), { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('indexSite keeps unchanged shards and records between builds', () => {
  test('a second build copies every shard, and the copies are the bundles a fresh index writes', async () => {
    const options = { root, globs, shardSize: 20, workers: 2, keptDir: join(root, 'kept') };
    const fresh = await builtSite();
    const first = await indexSite(fresh, options);
    expect(first.shards.length).toBeGreaterThanOrEqual(2);
    expect(first.reused).toBe(0);
    expect(first.parsed).toBe(first.pages);

    const again = await builtSite();
    const second = await indexSite(again, options);
    expect(second.reused).toBe(first.shards.length);
    expect(second.parsed).toBe(0);
    expect(await files(join(again, 'pagefind'))).toEqual(await files(join(fresh, 'pagefind')));
    // Copied as links to the kept files, not as copies of their bytes.
    const entry = join(again, 'pagefind', 'pagefind-entry.json');
    expect((await stat(entry)).nlink).toBeGreaterThan(1);

    // One record of the newest day changes: its shard is indexed again, the others are copied.
    const [newest] = first.shards;
    const dayFolder = join(root, 'papers', newest?.to ?? '');
    const [file] = (await readdir(dayFolder)).filter((name) => name.endsWith('.md'));
    const path = join(dayFolder, file ?? '');
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace(/\n---\n/, '\n---\nA changed first sentence.\n'),
    );
    // Indexed again into the same site, whose bundles are links to the kept ones.
    const third = await indexSite(again, options);
    expect(third.reused).toBe(first.shards.length - 1);
    expect(third.parsed).toBe(1);
    const bundle = await files(join(again, 'pagefind'));
    expect(bundle).not.toEqual(await files(join(fresh, 'pagefind')));
    // What is kept is still what a fresh index writes: writing the new bundle changed no kept file.
    const unkept = await builtSite();
    await indexSite(unkept, { ...options, keptDir: undefined });
    expect(bundle).toEqual(await files(join(unkept, 'pagefind')));
    const fromKept = await builtSite();
    expect((await indexSite(fromKept, options)).reused).toBe(first.shards.length);
    expect(await files(join(fromKept, 'pagefind'))).toEqual(bundle);
    // Only the kept bundles of this build's shards stay in the cache.
    const kept = (await readdir(join(root, 'kept'))).filter((name) => name !== 'records.json');
    expect(kept).toHaveLength(first.shards.length);
  }, 120_000);

  test('a retracted paper is in no shard, even while its record is still there', async () => {
    const options = { root, globs, shardSize: 20, workers: 2 };
    const before = await indexSite(await builtSite(), options);
    const day = join(root, 'papers', '2026-07-30');
    const [name] = (await readdir(day)).filter((file) => file.endsWith('.md'));
    const id = (name ?? '').slice(0, -'.md'.length);
    const tombstone = join(root, 'papers', 'retracted', `${id}.yaml`);
    await writeFile(
      tombstone,
      `id: "${id}"\ntitle: Retracted\nday: '2026-07-30'\nretracted: '2026-08-01'\nreason: Withdrawn.\n`,
    );
    try {
      const after = await indexSite(await builtSite(), options);
      expect(after.pages).toBe(before.pages - 1);
      expect(after.shards.find((shard) => shard.to === '2026-07-30')?.papers).toBe(
        (before.shards.find((shard) => shard.to === '2026-07-30')?.papers ?? 0) - 1,
      );
    } finally {
      await rm(tombstone);
    }
  }, 120_000);

  test('without a cache folder every shard is indexed', async () => {
    const site = await builtSite();
    const result = await indexSite(site, { root, globs, shardSize: 20, workers: 2 });
    expect(result.reused).toBe(0);
    expect(result.parsed).toBe(result.pages);
    // The search page's UI, API and worker are in the newest bundle alone; every bundle has what a search reads.
    const ui = async (path: string) =>
      (await readdir(join(site, path))).filter((name) => /^pagefind-.*ui|highlight/.test(name)).sort();
    const [newest, ...older] = result.shards;
    expect(await ui(newest?.path ?? '')).toEqual(['pagefind-component-ui.css', 'pagefind-component-ui.js']);
    expect(older.length).toBeGreaterThan(0);
    expect(await readdir(join(site, newest?.path ?? ''))).toEqual(
      expect.arrayContaining([
        'pagefind.js',
        'pagefind-worker.js',
        'pagefind-entry.json',
        'wasm.en.pagefind',
      ]),
    );
    for (const shard of older) {
      expect(await ui(shard.path)).toEqual([]);
      const bundle = await readdir(join(site, shard.path));
      expect(bundle).toEqual(
        expect.arrayContaining(['pagefind-entry.json', 'wasm.en.pagefind', 'index', 'fragment']),
      );
      // Searched through the newest bundle's API and worker (e2e/search.spec.ts searches an older shard).
      expect(bundle).not.toContain('pagefind.js');
      expect(bundle).not.toContain('pagefind-worker.js');
    }
    for (const shard of result.shards)
      expect(await readdir(join(site, shard.path)), shard.path).not.toContain('wasm.unknown.pagefind');
  }, 120_000);

  test('shards indexed side by side give the bundles of shards indexed one after another', async () => {
    const alone = await builtSite();
    const oneAtATime = await indexSite(alone, { root, globs, shardSize: 5, workers: 1 });
    expect(oneAtATime.shards.length).toBeGreaterThanOrEqual(3);
    const sideBySide = await builtSite();
    const three = await indexSite(sideBySide, { root, globs, shardSize: 5, workers: 3 });
    expect(three.shards).toEqual(oneAtATime.shards);
    expect(await files(join(sideBySide, 'pagefind'))).toEqual(await files(join(alone, 'pagefind')));
  }, 120_000);
});

describe('indexShards', () => {
  const document = (word: string) => ({
    url: `/${word}/`,
    content: `<html><body><main data-pagefind-body><h1>${word}</h1></main></body></html>`,
  });

  test('hands every job to a worker and reports each once its bundle is written', async () => {
    const out = await mkdtemp(join(tmpdir(), 'paperboy-shards-'));
    try {
      const jobs = ['alpha', 'beta', 'gamma'].map((word, position) => ({
        documents: [document(word)],
        outputPath: join(out, word),
        newest: position === 0,
      }));
      const done: string[] = [];
      await indexShards(jobs, 2, async (job) => {
        expect(await readdir(job.outputPath)).toContain('pagefind-entry.json');
        done.push(job.outputPath);
      });
      expect(done.sort()).toEqual(jobs.map((job) => job.outputPath).sort());
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);

  test("fails with Pagefind's error when a bundle cannot be written, and indexes no further shard", async () => {
    const out = await mkdtemp(join(tmpdir(), 'paperboy-shards-'));
    try {
      // A file where the first bundle's folder should be: Pagefind cannot write into it.
      await writeFile(join(out, 'blocked'), '');
      const jobs = ['blocked', 'later', 'last'].map((word) => ({
        documents: [document(word)],
        outputPath: join(out, word),
        newest: false,
      }));
      const done: string[] = [];
      await expect(indexShards(jobs, 1, async (job) => void done.push(job.outputPath))).rejects.toThrow(
        /blocked was written/,
      );
      expect(done).toEqual([]);
      expect(await readdir(out)).toEqual(['blocked']);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
