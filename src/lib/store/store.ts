import { type Dirent, lstatSync, readFileSync } from 'node:fs';
import { link, lstat, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { ISO_DAY } from '../model/day.ts';
import { idFileKey, titleKey } from '../model/ids.ts';
import type { PaperRecord } from '../model/paper.ts';
import { findForbiddenCharacter } from '../model/text.ts';
import { validatePaper } from '../model/validate.ts';
import {
  type CacheEntry,
  type FileStamp,
  hashBytes,
  INDEX_CACHE_FILE,
  parseIndexCache,
  type RecordSummary,
  sameStamp,
  serialiseIndexCache,
} from './index-cache.ts';
import { mergeRecords } from './merge.ts';
import { readRecord, serialiseRecord } from './record-file.ts';

/**
 * The writer: an index of the records already stored under a content directory, and the one function
 * that adds or merges a record into it. It writes only inside real day folders of the store (never
 * through a symbolic link), never overwrites a file it did not read (a new paper's file is created
 * exclusively), moves a paper by writing its new file before removing the old one, and on loading
 * repairs a paper that an interrupted move left on two days. The caller holds the store's lock
 * (`lock.ts`) for the whole run.
 */

/**
 * A stored paper as the index knows it: what finding it needs (id, day, title, arXiv id), and the
 * file's hash and times for the index cache. The file itself is read when an import touches the paper.
 */
export interface StoredPaper extends RecordSummary {
  path: string;
  /** SHA-1 of the file's bytes (or of what a dry run would have written). */
  hash: string;
  /** The file's times as read; undefined for a file this run wrote. */
  stamp?: FileStamp;
  /** The file as read, once something needed it. */
  file?: StoredFile;
}

export interface StoredFile {
  /** The exact text on disk (or that a dry run would have written). */
  text: string;
  record: PaperRecord;
}

export interface Store {
  dir: string;
  byId: Map<string, StoredPaper>;
  /** Title key → ids with that title. */
  byTitle: Map<string, string[]>;
  /** Bare arXiv id → paper id (they differ for papers first seen without an arXiv id). */
  byArxiv: Map<string, string>;
  /** Files that exist but could not be read as records: their ids are taken. */
  unreadable: Map<string, string>;
  /** Lower-cased id → the id stored under it: ids that differ only in case are one file on macOS and Windows. */
  byFileKey: Map<string, string>;
  /** Day folders known to be real folders of the store. */
  realDays: Set<string>;
  /** Day names whose folder is not a real folder (a symbolic link): nothing is written there. */
  refusedDays: Map<string, string>;
}

/** A record the store will not write, with the reason; the run rejects the record and goes on. */
export class StoreRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreRefusal';
  }
}

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

function emptyStore(dir: string): Store {
  return {
    dir,
    byId: new Map(),
    byTitle: new Map(),
    byArxiv: new Map(),
    unreadable: new Map(),
    byFileKey: new Map(),
    realDays: new Set(),
    refusedDays: new Map(),
  };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** A path inside the store, relative to it, for messages. */
function shown(store: Store, path: string): string {
  return relative(store.dir, path) || path;
}

function symlinkReason(store: Store, day: string): string {
  return `${join(store.dir, day)} is a symbolic link, not a folder of the store: its papers are not read and nothing is written through it`;
}

/** A file's path relative to the store, `/`-separated: its key in the index cache. */
function cacheKey(store: Store, path: string): string {
  return relative(store.dir, path).split(sep).join('/');
}

type ReadSummary = { ok: true; paper: StoredPaper } | { ok: false; message: string };

/**
 * What the index needs of one record file: from the cache while the file is provably the one it
 * describes (same times and inode, or same bytes), else by reading and validating the file.
 */
function readSummary(store: Store, path: string, cache: Map<string, CacheEntry>): ReadSummary {
  const cached = cache.get(cacheKey(store, path));
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

async function readIndexCache(store: Store): Promise<Map<string, CacheEntry>> {
  const text = await readFile(join(store.dir, INDEX_CACHE_FILE), 'utf8').catch((error) =>
    isMissing(error) ? undefined : Promise.reject(error),
  );
  return parseIndexCache(text);
}

/**
 * Writes the index cache (`index-cache.ts`) for the next run: call it when a run has applied its
 * records, holding the store's lock. A dry run must not call it. `now` decides which files changed
 * too recently for their times to be kept (`RACY_MS`).
 */
export async function saveStoreIndex(store: Store, now = Date.now()): Promise<void> {
  if (store.byId.size === 0) return;
  const entries: [string, CacheEntry][] = [...store.byId.values()].map((paper) => {
    const { id, day, title, arxiv, hash, stamp } = paper;
    const entry: CacheEntry = { id, day, title, hash };
    if (arxiv !== undefined) entry.arxiv = arxiv;
    if (stamp !== undefined) entry.stamp = stamp;
    return [cacheKey(store, paper.path), entry];
  });
  await writeFileAtomic(join(store.dir, INDEX_CACHE_FILE), serialiseIndexCache(entries, now));
}

/**
 * The file of a stored paper, read on first use. Refuses (`StoreRefusal`) a file whose bytes are no
 * longer those the index was built from: it changed during the run, and is not merged into or
 * overwritten.
 */
export async function readStored(paper: StoredPaper): Promise<StoredFile> {
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

/**
 * Indexes every `<dir>/<day>/<id>.md` (id → file, title → ids), reading only the files the index
 * cache does not vouch for. A paper stored on two days (an interrupted move) is repaired: the records
 * are merged onto the earlier day and the later files removed.
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
  const cache = await readIndexCache(store);
  const summaries = paths.map(({ day, name }, index) => {
    const summary = readSummary(store, join(dir, day, name), cache);
    options.onProgress?.(index + 1, paths.length);
    return summary;
  });
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
    const paper = copies.length === 1 ? copies[0] : await repairCopies(store, id, copies, options, repairs);
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

/** Whether a file name is one of the writer's temporary files: `.<name>.<pid>.<n>.tmp`. */
function isTemporary(name: string): boolean {
  if (!name.startsWith('.') || !name.endsWith('.tmp')) return false;
  const parts = name.slice(1, -'.tmp'.length).split('.');
  const digits = (part: string | undefined) =>
    part !== undefined && part !== '' && [...part].every((c) => c >= '0' && c <= '9');
  return parts.length >= 3 && digits(parts[parts.length - 1]) && digits(parts[parts.length - 2]);
}

/**
 * Removes the temporary files an interrupted import left in a day folder. The caller holds the store's
 * lock, so no other import is writing one.
 */
async function removeTemporaryFiles(store: Store, day: string, repairs: string[]): Promise<void> {
  const folder = join(store.dir, day);
  const leftovers = (await readdir(folder)).filter(isTemporary);
  for (const name of leftovers)
    await unlink(join(folder, name)).catch((error) => (isMissing(error) ? undefined : Promise.reject(error)));
  if (leftovers.length > 0)
    repairs.push(`removed ${leftovers.length} temporary file(s) an interrupted import left in ${day}/`);
}

function takeUnreadable(store: Store, id: string, path: string): void {
  store.unreadable.set(id, path);
  if (!store.byFileKey.has(idFileKey(id))) store.byFileKey.set(idFileKey(id), id);
}

/**
 * Repairs a paper stored in several files (a move interrupted between writing the new file and removing
 * the old): keeps the earliest day, merges the records from the latest to the earliest (so the earliest
 * day's record, which the move wrote last, wins where both have a field, and counters keep their
 * largest value), writes it as `<earliest day>/<id>.md` and removes the other files.
 */
async function repairCopies(
  store: Store,
  id: string,
  copies: StoredPaper[],
  options: LoadOptions,
  repairs: string[],
): Promise<StoredPaper | undefined> {
  const dayOf = (copy: StoredPaper) => copy.day;
  const named = (copy: StoredPaper) => (basename(copy.path) === `${id}.md` ? 0 : 1);
  const sorted = [...copies].sort(
    (a, b) => dayOf(a).localeCompare(dayOf(b)) || named(a) - named(b) || a.path.localeCompare(b.path),
  );
  const keep = sorted[0] as StoredPaper;
  let files: StoredFile[];
  try {
    files = await Promise.all(sorted.map(readStored));
  } catch (error) {
    if (error instanceof StoreRefusal) return undefined;
    throw error;
  }
  let merged = (files[files.length - 1] as StoredFile).record;
  for (let index = files.length - 2; index >= 0; index--)
    merged = mergeRecords(merged, (files[index] as StoredFile).record);
  const source = (files[0] as StoredFile).record.data.source;
  const valid = validatePaper({ ...merged.data, id, day: dayOf(keep), source });
  if (!valid.success) return undefined;
  const record: PaperRecord = { data: valid.data, abstract: merged.abstract };
  const target = join(store.dir, dayOf(keep), `${id}.md`);
  // Never write over a file that is not one of the copies.
  if (!sorted.some((copy) => copy.path === target)) {
    try {
      await lstat(target);
      return undefined;
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  const text = serialiseRecord(record);
  const removed = sorted.map((copy) => copy.path).filter((path) => path !== target);
  if (!options.dryRun) {
    await writeFileAtomic(target, text);
    for (const path of removed)
      await unlink(path).catch((error) => (isMissing(error) ? undefined : Promise.reject(error)));
  }
  const days = [...new Set(sorted.map(dayOf))].join(' and ');
  repairs.push(
    `${options.dryRun ? 'would repair' : 'repaired'} "${id}": it was stored on ${days}; kept ${shown(store, target)} (the records merged) and ${options.dryRun ? 'would remove' : 'removed'} ${removed.map((path) => shown(store, path)).join(', ')}`,
  );
  return summaryOf(record, target, text);
}

/** The index's entry for a record just written (or that a dry run would have written) at `path`. */
function summaryOf(record: PaperRecord, path: string, text: string): StoredPaper {
  const { id, day, title, arxiv } = record.data;
  return {
    id,
    day,
    title,
    ...(arxiv === undefined ? {} : { arxiv }),
    path,
    hash: hashBytes(text),
    file: { text, record },
  };
}

function addToIndex(store: Store, paper: StoredPaper): void {
  const previous = store.byId.get(paper.id);
  if (previous) removeTitle(store, previous);
  store.byId.set(paper.id, paper);
  if (!store.byFileKey.has(idFileKey(paper.id))) store.byFileKey.set(idFileKey(paper.id), paper.id);
  const key = titleKey(paper.title);
  const ids = store.byTitle.get(key) ?? [];
  if (!ids.includes(paper.id)) store.byTitle.set(key, [...ids, paper.id].sort());
  const arxiv = paper.arxiv;
  if (arxiv !== undefined && !store.byArxiv.has(arxiv)) store.byArxiv.set(arxiv, paper.id);
}

function removeTitle(store: Store, paper: StoredPaper): void {
  const key = titleKey(paper.title);
  const ids = (store.byTitle.get(key) ?? []).filter((id) => id !== paper.id);
  if (ids.length > 0) store.byTitle.set(key, ids);
  else store.byTitle.delete(key);
}

let tempCounter = 0;

function tempPath(path: string): string {
  tempCounter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter}.tmp`);
}

/** Writes a file atomically: a temporary file in the same directory, then a rename over the target. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPath(path);
  try {
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates a file atomically and only if nothing is at its path: a temporary file, then a hard link to
 * the target (which fails when the target exists, also when it differs only in case on a
 * case-insensitive file system). Throws an error with code `EEXIST` when the path is taken.
 */
export async function writeFileNew(path: string, content: string): Promise<void> {
  const temp = tempPath(path);
  await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    // No hard links on this file system: check, then rename (the store's lock keeps other imports out).
    const exists = await lstat(path).then(
      () => true,
      (inner) => (isMissing(inner) ? false : Promise.reject(inner)),
    );
    if (exists) throw Object.assign(new Error(`EEXIST: file already exists, ${path}`), { code: 'EEXIST' });
    await rename(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Makes sure `day` is a real folder of the store (creating it), never a symbolic link to elsewhere. */
async function ensureDayFolder(store: Store, day: string, dryRun: boolean): Promise<void> {
  const refused = store.refusedDays.get(day);
  if (refused !== undefined) throw new StoreRefusal(refused);
  if (store.realDays.has(day)) return;
  const path = join(store.dir, day);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const found = await lstat(path);
      if (found.isDirectory()) {
        store.realDays.add(day);
        return;
      }
      const reason = found.isSymbolicLink()
        ? symlinkReason(store, day)
        : `${path} is not a folder: nothing is written there`;
      store.refusedDays.set(day, reason);
      throw new StoreRefusal(reason);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    if (dryRun) return;
    await mkdir(store.dir, { recursive: true });
    try {
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

export type Outcome = 'new' | 'updated' | 'unchanged';

export interface ApplyResult {
  outcome: Outcome;
  id: string;
  path: string;
  /** Things worth telling: a disambiguated id, a merge across ids, a move to an earlier day. */
  notes: string[];
}

/**
 * Finds the stored paper an incoming record is: the same arXiv id; or the same id or the same title
 * (case, spacing and punctuation aside) where the arXiv ids do not conflict. A text-digest paper stored
 * under its title slug is found again when an arXiv or Hugging Face source brings its arXiv id.
 */
export function findStored(store: Store, record: PaperRecord): StoredPaper | undefined {
  const { data } = record;
  const sameArxiv = data.arxiv === undefined ? undefined : store.byArxiv.get(data.arxiv);
  if (sameArxiv !== undefined) return store.byId.get(sameArxiv);
  const key = titleKey(data.title);
  const compatible = (candidate: StoredPaper | undefined): candidate is StoredPaper => {
    const arxiv = candidate?.arxiv;
    return (
      candidate !== undefined && (arxiv === undefined || data.arxiv === undefined || arxiv === data.arxiv)
    );
  };
  // A title of nothing but punctuation or symbols says little about which paper it is: only the
  // very same title counts.
  if (key === '')
    return (store.byTitle.get(key) ?? [])
      .map((id) => store.byId.get(id))
      .find((candidate) => compatible(candidate) && candidate.title === data.title);
  const sameId = store.byId.get(data.id);
  if (compatible(sameId) && titleKey(sameId.title) === key) return sameId;
  return (store.byTitle.get(key) ?? []).map((id) => store.byId.get(id)).find(compatible);
}

function isTaken(store: Store, id: string): boolean {
  return store.byFileKey.has(idFileKey(id));
}

/** A free id for a paper whose id is taken by a different paper: `<id>-2`, `<id>-3`, … */
function freeId(store: Store, id: string): string {
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${id.slice(0, 128 - suffix.length)}${suffix}`;
    if (!isTaken(store, candidate)) return candidate;
  }
}

export interface ApplyOptions {
  dryRun?: boolean;
}

/** Deep equality of plain data, where a key holding `undefined` is the same as no key. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const defined = (value: object) =>
    Object.entries(value).filter(([, item]) => item !== undefined) as [string, unknown][];
  const left = defined(a);
  const right = new Map(defined(b));
  return (
    left.length === right.size &&
    left.every(([key, item]) => right.has(key) && sameValue(item, right.get(key)))
  );
}

/**
 * Checks what is about to be written: no character Astro's YAML reader refuses, and it reads back as
 * exactly the record (the importer's promise: what it writes is what the build reads).
 */
function checkWritable(record: PaperRecord, text: string): void {
  const forbidden = findForbiddenCharacter(text);
  if (forbidden !== undefined)
    throw new StoreRefusal(`the record holds a character the build cannot read (${forbidden})`);
  const back = readRecord(text);
  if (!back.ok) throw new StoreRefusal(`the record would not read back: ${back.message}`);
  if (!sameValue(back.record, record))
    throw new StoreRefusal('the record would not read back as written (a field would change)');
}

/**
 * Adds a validated record to the store: merges it into the paper it already is, or writes it as a new
 * paper. Writes only when the bytes change; the index is updated in dry runs too, so a dry run reports
 * what a real run would. Throws `StoreRefusal` for a record it will not write (the run rejects it).
 */
export async function applyRecord(
  store: Store,
  incoming: PaperRecord,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const notes: string[] = [];
  const existing = findStored(store, incoming);
  const current = existing === undefined ? undefined : await readStored(existing);
  let record: PaperRecord;
  if (existing !== undefined && current !== undefined) {
    record = mergeRecords(current.record, incoming);
    record = { ...record, data: { ...record.data, id: existing.id, source: current.record.data.source } };
    if (existing.id !== incoming.data.id) notes.push(`merged into "${existing.id}" (same title)`);
    if (record.data.day !== existing.day) {
      notes.push(`moved from ${existing.day} to the earlier day ${record.data.day}`);
    }
  } else {
    let id = incoming.data.id;
    if (isTaken(store, id)) {
      const taken = id;
      const holder = store.byFileKey.get(idFileKey(id)) ?? id;
      id = freeId(store, id);
      notes.push(
        holder === taken
          ? `id "${taken}" is taken by a different paper: stored as "${id}"`
          : `id "${taken}" differs only in case from the stored "${holder}" (one file on macOS and Windows): stored as "${id}"`,
      );
    }
    record = { ...incoming, data: { ...incoming.data, id } };
  }
  // Whatever is written must pass the content collection's schema.
  const valid = validatePaper(record.data);
  if (!valid.success)
    throw new StoreRefusal(
      `the merged record is invalid: ${valid.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`,
    );
  record = { ...record, data: valid.data };
  const text = serialiseRecord(record);
  const path = join(store.dir, record.data.day, `${record.data.id}.md`);
  const outcome: Outcome =
    existing === undefined
      ? 'new'
      : current?.text === text && existing.path === path
        ? 'unchanged'
        : 'updated';
  if (outcome !== 'unchanged') {
    checkWritable(record, text);
    await ensureDayFolder(store, record.data.day, options.dryRun === true);
    if (!options.dryRun) await write(store, existing?.path, path, text);
  }
  // An unchanged file keeps its times, so the next run's cache still vouches for it.
  const stamp = outcome === 'unchanged' ? existing?.stamp : undefined;
  addToIndex(store, { ...summaryOf(record, path, text), ...(stamp === undefined ? {} : { stamp }) });
  return { outcome, id: record.data.id, path, notes };
}

/**
 * Writes a record's file. An update in place replaces the file atomically; a new file is created only
 * if nothing is at its path; a move writes the new file first and then removes the old one, so a run
 * killed in between leaves the paper on two days (repaired by the next run), never on none.
 */
async function write(store: Store, oldPath: string | undefined, path: string, text: string): Promise<void> {
  if (oldPath === path) {
    await writeFileAtomic(path, text);
    return;
  }
  try {
    await writeFileNew(path, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new StoreRefusal(
        `${shown(store, path)} exists but is not the file this import read (another import, or a file whose name differs only in case): it was not overwritten`,
      );
    throw error;
  }
  if (oldPath !== undefined)
    await unlink(oldPath).catch((error) => (isMissing(error) ? undefined : Promise.reject(error)));
}
