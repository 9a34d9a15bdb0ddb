import { type Dirent, lstatSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ISO_DAY } from '../model/day.ts';
import { idFileKey } from '../model/ids.ts';
import type { PaperRecord } from '../model/paper.ts';
import { isMissing } from './atomic-write.ts';
import {
  type CacheEntry,
  cacheKey,
  type FileStamp,
  hashBytes,
  readIndexCache,
  sameStamp,
} from './index-cache.ts';
import { readRecord } from './record-file.ts';
import {
  fileUnderItsDay,
  type ReadCopy,
  removeRetracted,
  removeTemporaryFiles,
  repairCopies,
} from './repair-store.ts';
import { loadRetractions } from './retractions.ts';
import {
  addToIndex,
  emptyStore,
  type Store,
  type StoredFile,
  type StoredPaper,
  StoreRefusal,
  shown,
  summaryOf,
  symlinkReason,
  takeUnreadable,
  unindexEntry,
} from './store-index.ts';

/**
 * Reading the store: the index of every `<dir>/<day>/<id>.md`, built from the index cache where it
 * vouches for a file and by reading the file where it does not, and each paper's file read on first
 * use. It reads only real day folders (never through a symbolic link). The caller holds the store's
 * lock (`lock.ts`) for the whole run.
 */

export interface LoadOptions {
  onProgress?: (done: number, total: number) => void;
  /** Report repairs without writing them. */
  dryRun?: boolean;
}

export interface LoadedStore {
  store: Store;
  /** Files left as they are, with the reason (unreadable, a symbolic link, a name that differs). */
  problems: string[];
  /** What loading repaired (a paper stored on two days). */
  repairs: string[];
}

type ReadSummary = { ok: true; paper: StoredPaper } | { ok: false; message: string };

/**
 * What the index needs of one record file: from the cache while the file is provably the one it
 * describes (same times and inode, or same bytes), else by reading and validating the file. The cache
 * is restored from places others can write (a CI cache): an entry must name the file's own id and day
 * (its name and folder) to count at all, and what else it says (title, arXiv id) is checked against
 * the file before anything is merged into it or decided by it (`readVerified`).
 */
function readSummary(
  store: Store,
  file: { day: string; name: string },
  cache: Map<string, CacheEntry>,
): ReadSummary {
  const path = join(store.dir, file.day, file.name);
  const entry = cache.get(cacheKey(store.dir, path));
  const named = entry?.id === file.name.slice(0, -'.md'.length) && entry.day === file.day;
  const cached = named ? entry : undefined;
  // Times before bytes: a file changed after this look is seen as changed by the next run.
  // Synchronous, here and for the bytes: reading 10,000 small files one after another took a quarter
  // of the time they took as promises through the thread pool, 16 at a time.
  const stats = lstatSync(path);
  const stamp: FileStamp = {
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    ctimeMs: stats.ctimeMs,
    ino: stats.ino,
  };
  const fromCache = (entry: CacheEntry): ReadSummary => {
    const { id, day, title, arxiv, hash } = entry;
    return {
      ok: true,
      paper: { id, day, title, ...(arxiv === undefined ? {} : { arxiv }), path, hash, stamp },
    };
  };
  if (cached !== undefined && sameStamp(cached.stamp, stamp)) return fromCache(cached);
  const bytes = readFileSync(path);
  const hash = hashBytes(bytes);
  if (cached !== undefined && cached.hash === hash) return fromCache(cached);
  const text = bytes.toString('utf8');
  const read = readRecord(text);
  if (!read.ok) return read;
  const { id, day, title, arxiv } = read.record.data;
  return {
    ok: true,
    paper: {
      id,
      day,
      title,
      ...(arxiv === undefined ? {} : { arxiv }),
      path,
      hash,
      stamp,
      file: { text, record: read.record },
    },
  };
}

/**
 * The file of a stored paper, read on first use. Refuses (`StoreRefusal`) a file whose bytes are no
 * longer those the index was built from: it changed during the run, and is not merged into or
 * overwritten.
 */
async function readStored(paper: StoredPaper): Promise<StoredFile> {
  if (paper.file !== undefined) return paper.file;
  const changed = (why: string) =>
    new StoreRefusal(`${paper.path} changed since this import read the store (${why}): it was left as it is`);
  const bytes = await readFile(paper.path).catch((error) =>
    Promise.reject(isMissing(error) ? changed('it is gone') : error),
  );
  if (hashBytes(bytes) !== paper.hash) throw changed('its bytes differ');
  const text = bytes.toString('utf8');
  const read = readRecord(text);
  if (!read.ok) throw changed(read.message);
  paper.file = { text, record: read.record };
  return paper.file;
}

/** Whether a record is the paper an index entry says its file holds. */
function describes(paper: StoredPaper, record: PaperRecord): boolean {
  const { id, day, title, arxiv } = record.data;
  return paper.id === id && paper.day === day && paper.title === title && paper.arxiv === arxiv;
}

/**
 * The file of a stored paper, read and checked against what the index says of it, before anything is
 * merged into it, written over it or decided by it. A file that holds another paper than its entry
 * says (a forged or damaged index cache) corrects the index from the file, is told to `onCorrect`, and
 * gives undefined: look the paper up again. Refuses (`StoreRefusal`) a file that changed during the run.
 */
export async function readVerified(
  store: Store,
  paper: StoredPaper,
  onCorrect: (message: string) => void = () => {},
): Promise<StoredFile | undefined> {
  const file = await readStored(paper);
  if (describes(paper, file.record)) return file;
  const { id, title } = file.record.data;
  onCorrect(
    `the store's index cache was wrong about ${shown(store, paper.path)}: it holds "${id}" (${JSON.stringify(title)}), not ${JSON.stringify(paper.title)}; corrected from the file`,
  );
  unindexEntry(store, paper);
  const truth = {
    ...summaryOf(file.record, paper.path, file.text),
    ...(paper.stamp ? { stamp: paper.stamp } : {}),
  };
  if (store.byId.has(id)) takeUnreadable(store, paper.id, paper.path);
  else addToIndex(store, truth);
  return undefined;
}

/**
 * The first paper `find` gives whose file is what the index says (`readVerified`), with that file;
 * each wrong entry is corrected and `find` asked again.
 */
export async function findVerified(
  store: Store,
  find: () => StoredPaper | undefined,
  onCorrect?: (message: string) => void,
): Promise<{ paper: StoredPaper; file: StoredFile } | undefined> {
  for (;;) {
    const paper = find();
    if (paper === undefined) return undefined;
    const file = await readVerified(store, paper, onCorrect);
    if (file !== undefined) return { paper, file };
  }
}

/** The files of a paper's copies, or undefined when one of them changed since the index read it. */
async function readCopies(copies: StoredPaper[]): Promise<ReadCopy[] | undefined> {
  try {
    const files = await Promise.all(copies.map(readStored));
    return copies.map((paper, index) => ({ paper, file: files[index] as StoredFile }));
  } catch (error) {
    if (error instanceof StoreRefusal) return undefined;
    throw error;
  }
}

/**
 * Indexes every `<dir>/<day>/<id>.md` (id → file, title → ids), reading only the files the index
 * cache does not vouch for, and the tombstones of retracted papers (`retractions.ts`). What an
 * interrupted run left is repaired (`repair-store.ts`): its temporary files, a record in another day's
 * folder, a paper stored on two days, the record of a retracted paper.
 */
export async function loadStore(dir: string, options: LoadOptions = {}): Promise<LoadedStore> {
  const store = emptyStore(dir);
  const problems: string[] = [];
  const repairs: string[] = [];
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return { store, problems, repairs };
    throw error;
  }
  const days: string[] = [];
  for (const entry of entries) {
    if (!ISO_DAY.test(entry.name)) continue;
    if (entry.isDirectory()) days.push(entry.name);
    else if (entry.isSymbolicLink()) {
      store.refusedDays.set(entry.name, symlinkReason(store, entry.name));
      problems.push(symlinkReason(store, entry.name));
    }
  }
  days.sort();
  const paths: { day: string; name: string }[] = [];
  for (const day of days) {
    store.realDays.add(day);
    const files = (await readdir(join(dir, day), { withFileTypes: true }))
      .filter((entry) => entry.name.endsWith('.md') && !entry.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (!options.dryRun) await removeTemporaryFiles(store, day, repairs);
    for (const entry of files) {
      if (entry.isFile()) paths.push({ day, name: entry.name });
      else {
        const path = join(dir, day, entry.name);
        const id = entry.name.slice(0, -'.md'.length);
        takeUnreadable(store, id, path);
        problems.push(
          `${path}: not a regular file (a symbolic link?): not read, not written; its id is taken`,
        );
      }
    }
  }
  await loadRetractions(store, problems);
  const cache = await readIndexCache(dir);
  const summaries = paths.map((path, index) => {
    const summary = readSummary(store, path, cache);
    options.onProgress?.(index + 1, paths.length);
    return summary;
  });
  // Files that claim one id are repaired into one: that is decided on what the files say, never on
  // what the cache says of them.
  const claims = new Map<string, number>();
  for (const summary of summaries)
    if (summary.ok) claims.set(summary.paper.id, (claims.get(summary.paper.id) ?? 0) + 1);
  for (const [index, summary] of summaries.entries())
    if (summary.ok && summary.paper.file === undefined && (claims.get(summary.paper.id) ?? 0) > 1)
      summaries[index] = readSummary(store, paths[index] as { day: string; name: string }, new Map());
  /** Readable records by their id, in day order. */
  const found = new Map<string, StoredPaper[]>();
  for (const [index, { day, name }] of paths.entries()) {
    const path = join(dir, day, name);
    const fileId = name.slice(0, -'.md'.length);
    const read = summaries[index] as ReadSummary;
    if (!read.ok) {
      takeUnreadable(store, fileId, path);
      problems.push(`${path}: ${read.message} (kept as it is; its id is taken)`);
      continue;
    }
    const id = read.paper.id;
    if (id !== fileId) problems.push(`${path}: the file name does not match its id "${id}"`);
    const same = found.get(id) ?? [];
    same.push(read.paper);
    found.set(id, same);
  }
  for (const [id, copies] of found) {
    const tombstone = store.retractions.byId.get(id);
    if (tombstone !== undefined) {
      await removeRetracted(store, copies, tombstone.path, options, repairs);
      continue;
    }
    let paper: StoredPaper | undefined = copies[0] as StoredPaper;
    if (copies.length > 1) {
      const read = await readCopies(copies);
      paper = read && (await repairCopies(store, id, read, options, repairs));
    } else if (basename(dirname(paper.path)) !== paper.day) {
      const [read] = (await readCopies(copies)) ?? [];
      if (read !== undefined) paper = await fileUnderItsDay(store, read, options, repairs, problems);
    }
    if (paper === undefined) {
      for (const copy of copies) {
        takeUnreadable(store, id, copy.path);
        problems.push(`${copy.path}: id "${id}" is stored more than once and could not be repaired`);
      }
      continue;
    }
    const clash = store.byFileKey.get(idFileKey(id));
    if (clash !== undefined && clash !== id)
      problems.push(
        `${paper.path}: id "${id}" differs only in case from "${clash}": the two are one file on macOS and Windows`,
      );
    addToIndex(store, paper);
  }
  return { store, problems, repairs };
}
