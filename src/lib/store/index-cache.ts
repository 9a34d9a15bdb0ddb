import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isMissing, writeFileAtomic } from './atomic-write.ts';

/**
 * The store's index cache, `<store>/.paperboy-index.json`: for each record file, what the importer's
 * index needs of it (id, day, title, arXiv id), so an import reads only the files it touches instead
 * of parsing every stored record. An entry is used only while its file is provably the one described:
 * the same size, modification time, change time and inode (which no edit keeps), or else the same
 * SHA-1 of its bytes (a fresh checkout, where every time differs). Anything else reads the file again,
 * so a stale or damaged cache costs time, never a wrong answer.
 */

export const INDEX_CACHE_FILE = '.paperboy-index.json';

/** Bumped whenever what a record's summary means changes, so an older cache is not used. */
const VERSION = 1;

/**
 * A file changed within this many milliseconds of the cache being written might change again within
 * the same tick of the file system's clock and keep its times: its times are not stored, only its hash.
 */
export const RACY_MS = 2_000;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface RecordSummary {
  id: string;
  day: string;
  title: string;
  arxiv?: string;
}

export interface CacheEntry extends RecordSummary {
  /** Undefined when the file was too recently changed for its times to prove anything. */
  stamp?: FileStamp;
  hash: string;
}

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return (
    a !== undefined &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs &&
    a.ino === b.ino
  );
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isStamp(value: unknown): value is FileStamp {
  if (typeof value !== 'object' || value === null) return false;
  const stamp = value as Record<string, unknown>;
  return ['size', 'mtimeMs', 'ctimeMs', 'ino'].every((key) => Number.isFinite(stamp[key]));
}

function isEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    isString(entry.id) &&
    isString(entry.day) &&
    isString(entry.title) &&
    isString(entry.hash) &&
    (entry.arxiv === undefined || isString(entry.arxiv)) &&
    (entry.stamp === undefined || isStamp(entry.stamp))
  );
}

/**
 * Reads a cache file's text: path (relative to the store, `/`-separated) → entry. A file of another
 * version, or one that is not what this module writes, gives an empty cache; so does a damaged entry.
 */
export function parseIndexCache(text: string | undefined): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>();
  if (text === undefined) return entries;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return entries;
  }
  if (typeof parsed !== 'object' || parsed === null) return entries;
  const { version, files } = parsed as { version?: unknown; files?: unknown };
  if (version !== VERSION || typeof files !== 'object' || files === null || Array.isArray(files))
    return entries;
  for (const [path, entry] of Object.entries(files)) if (isEntry(entry)) entries.set(path, entry);
  return entries;
}

/** The cache file's text. Entries changed less than `RACY_MS` before `now` keep only their hash. */
export function serialiseIndexCache(entries: Iterable<[string, CacheEntry]>, now: number): string {
  const files: Record<string, CacheEntry> = {};
  for (const [path, entry] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { stamp, ...rest } = entry;
    const settled =
      stamp !== undefined && Math.max(stamp.mtimeMs, stamp.ctimeMs) < now - RACY_MS ? stamp : undefined;
    files[path] = settled === undefined ? rest : { ...rest, stamp: settled };
  }
  return `${JSON.stringify({ version: VERSION, files })}\n`;
}

/** A file's path relative to the store, `/`-separated: its key in the index cache. */
export function cacheKey(dir: string, path: string): string {
  return relative(dir, path).split(sep).join('/');
}

/** The index cache of the store at `dir`; an empty one when there is none. */
export async function readIndexCache(dir: string): Promise<Map<string, CacheEntry>> {
  const text = await readFile(join(dir, INDEX_CACHE_FILE), 'utf8').catch((error) =>
    isMissing(error) ? undefined : Promise.reject(error),
  );
  return parseIndexCache(text);
}

/** A stored paper as the cache needs it: its summary, hash and times, and its file's path. */
export interface IndexedFile extends CacheEntry {
  path: string;
}

/**
 * Writes the index cache for the next run: call it when a run has applied its records, holding the
 * store's lock. A dry run must not call it. `now` decides which files changed too recently for their
 * times to be kept (`RACY_MS`).
 */
export async function saveStoreIndex(
  store: { dir: string; byId: ReadonlyMap<string, IndexedFile> },
  now = Date.now(),
): Promise<void> {
  if (store.byId.size === 0) return;
  const entries: [string, CacheEntry][] = [...store.byId.values()].map((paper) => {
    const { id, day, title, arxiv, hash, stamp } = paper;
    const entry: CacheEntry = { id, day, title, hash };
    if (arxiv !== undefined) entry.arxiv = arxiv;
    if (stamp !== undefined) entry.stamp = stamp;
    return [cacheKey(store.dir, paper.path), entry];
  });
  await writeFileAtomic(join(store.dir, INDEX_CACHE_FILE), serialiseIndexCache(entries, now));
}
