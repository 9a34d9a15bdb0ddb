import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { INDEX_CACHE_FILE } from '../src/lib/store/index-cache.ts';

/** Test helpers: paths of our fixtures and of the shared samples, and temporary content directories. */

export const FIXTURES = fileURLToPath(new URL('./fixtures/import/', import.meta.url));
export const SHARED_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
export const SAMPLES = join(SHARED_DATA, 'samples');
export const HAS_SHARED = existsSync(SAMPLES);

/**
 * The title of a suite that reads ../shared (absent in a user's clone): when it is missing, the title
 * says the suite is skipped, and so does a line on stderr, so a green run never hides it.
 */
export function needsShared(title: string): string {
  if (HAS_SHARED) return title;
  console.warn(`skipping "${title}": ${SHARED_DATA} does not exist`);
  return `${title} (skipped: ../shared/data is missing)`;
}

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export async function readFixture(name: string): Promise<string> {
  return readFile(fixture(name), 'utf8');
}

/** Creates a temporary content directory; call the returned function to remove it. */
export async function tempContentDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-import-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A temporary content directory made before each test of the file or suite this is called in (with
 * 'all': once before its first test) and removed after it; the returned function gives its path.
 */
export function useTempContentDir(scope: 'each' | 'all' = 'each'): () => string {
  let current: Awaited<ReturnType<typeof tempContentDir>> | undefined;
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    current = await tempContentDir();
  });
  (scope === 'each' ? afterEach : afterAll)(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    // Read at collection time, the path would be undefined and the test would write who knows where.
    if (current === undefined) throw new Error('no temporary content directory outside a test');
    return current.dir;
  };
}

/** Every file under a directory (relative path → content), hidden files included. */
export async function snapshotDir(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    // The store's index cache is rewritten by every run; what it may never do is change the records.
    if (!entry.isFile() || entry.name === INDEX_CACHE_FILE) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

/** Generated papers for store-level tests: `count` records in a source format, ids from `first` on. */
export function generatedPapers(options: {
  count: number;
  format: 'hf' | 'jsonl';
  day: string;
  /** The first of consecutive arXiv ids (`2601.10000`); JSON Lines papers without one get title slugs. */
  firstArxiv?: number;
  /** Title prefix, so two sets of papers differ. */
  prefix?: string;
  upvotes?: number;
}): string {
  const { count, format, day, prefix = 'Paper', upvotes = 1 } = options;
  const arxiv = (index: number) =>
    options.firstArxiv === undefined
      ? undefined
      : `2601.${String(options.firstArxiv + index).padStart(5, '0')}`;
  if (format === 'hf') {
    return JSON.stringify(
      Array.from({ length: count }, (_, index) => ({
        paper: {
          id: arxiv(index) ?? `2601.${String(index).padStart(5, '0')}`,
          title: `${prefix} ${index}`,
          summary: `The abstract of ${prefix.toLowerCase()} ${index}.`,
          authors: [{ name: `Author ${index}` }],
          submittedOnDailyAt: `${day}T08:00:00.000Z`,
          upvotes,
        },
      })),
    );
  }
  return Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      title: `${prefix} ${index}`,
      day,
      arxiv: arxiv(index),
      authors: [`Author ${index}`],
      upvotes,
      abstract: `The abstract of ${prefix.toLowerCase()} ${index}.`,
    }),
  ).join('\n');
}

/** The records stored under a content directory: day and file name of every `<day>/<id>.md`. */
export async function storedFiles(dir: string): Promise<{ day: string; id: string }[]> {
  if (!existsSync(dir)) return [];
  const files: { day: string; id: string }[] = [];
  for (const day of await readdir(dir)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
    for (const name of await readdir(join(dir, day)))
      if (name.endsWith('.md') && !name.startsWith('.')) files.push({ day, id: name.slice(0, -3) });
  }
  return files;
}
