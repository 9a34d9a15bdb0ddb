import { join, relative } from 'node:path';
import { idFileKey, titleKey } from '../model/ids.ts';
import type { PaperRecord } from '../model/paper.ts';
import type { Retraction } from '../model/retraction.ts';
import { type FileStamp, hashBytes, type RecordSummary } from './index-cache.ts';

/**
 * What an import knows of the records stored under a content directory: an index of them (id → file,
 * title → ids, arXiv id → id, the ids taken), which reading the store (`read-store.ts`) builds,
 * repairing it (`repair-store.ts`) corrects, and applying a record (`apply-record.ts`) keeps up to date.
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

/** Papers found the way the merge rules find one: by id, by title, by arXiv id. */
export interface PaperIndex<T extends RecordSummary> {
  byId: Map<string, T>;
  /** Title key → ids with that title. */
  byTitle: Map<string, string[]>;
  /** Bare arXiv id → paper id (they differ for papers first seen without an arXiv id). */
  byArxiv: Map<string, string>;
}

/** A retraction's tombstone as the store knows it (`retractions.ts`); unreadable ones have no `retraction`. */
export interface StoredRetraction extends RecordSummary {
  path: string;
  retraction?: Retraction;
}

export interface Store extends PaperIndex<StoredPaper> {
  dir: string;
  /** Files that exist but could not be read as records: their ids are taken. */
  unreadable: Map<string, string>;
  /** Lower-cased id → the id stored under it: ids that differ only in case are one file on macOS and Windows. */
  byFileKey: Map<string, string>;
  /** Day folders known to be real folders of the store. */
  realDays: Set<string>;
  /** Day names whose folder is not a real folder (a symbolic link): nothing is written there. */
  refusedDays: Map<string, string>;
  /** The retracted papers: an import skips every record that is one of them. */
  retractions: PaperIndex<StoredRetraction>;
}

/** A record the store will not write, with the reason; the run rejects the record and goes on. */
export class StoreRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreRefusal';
  }
}

function emptyIndex<T extends RecordSummary>(): PaperIndex<T> {
  return { byId: new Map(), byTitle: new Map(), byArxiv: new Map() };
}

export function emptyStore(dir: string): Store {
  return {
    dir,
    ...emptyIndex<StoredPaper>(),
    unreadable: new Map(),
    byFileKey: new Map(),
    realDays: new Set(),
    refusedDays: new Map(),
    retractions: emptyIndex(),
  };
}

/** A path inside the store, relative to it, for messages. */
export function shown(store: Store, path: string): string {
  return relative(store.dir, path) || path;
}

export function symlinkReason(store: Store, day: string): string {
  return `${join(store.dir, day)} is a symbolic link, not a folder of the store: its papers are not read and nothing is written through it`;
}

/** The index's entry for a record just written (or that a dry run would have written) at `path`. */
export function summaryOf(record: PaperRecord, path: string, text: string): StoredPaper {
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

/** Marks an id as taken by a file that is not read (unreadable, or not a regular file). */
export function takeUnreadable(store: Store, id: string, path: string): void {
  store.unreadable.set(id, path);
  if (!store.byFileKey.has(idFileKey(id))) store.byFileKey.set(idFileKey(id), id);
}

/** Adds an entry to an index, in place of the one with its id. */
export function indexEntry<T extends RecordSummary>(index: PaperIndex<T>, entry: T): void {
  const previous = index.byId.get(entry.id);
  if (previous) removeTitle(index, previous);
  index.byId.set(entry.id, entry);
  const key = titleKey(entry.title);
  const ids = index.byTitle.get(key) ?? [];
  if (!ids.includes(entry.id)) index.byTitle.set(key, [...ids, entry.id].sort());
  const arxiv = entry.arxiv;
  if (arxiv !== undefined && !index.byArxiv.has(arxiv)) index.byArxiv.set(arxiv, entry.id);
}

/** Removes an entry from an index; another entry with its arXiv id then answers for that id. */
export function unindexEntry<T extends RecordSummary>(index: PaperIndex<T>, entry: T): void {
  if (index.byId.get(entry.id) !== entry) return;
  index.byId.delete(entry.id);
  removeTitle(index, entry);
  const arxiv = entry.arxiv;
  if (arxiv === undefined || index.byArxiv.get(arxiv) !== entry.id) return;
  index.byArxiv.delete(arxiv);
  const other = [...index.byId.values()].find((candidate) => candidate.arxiv === arxiv);
  if (other !== undefined) index.byArxiv.set(arxiv, other.id);
}

/** Adds a stored paper to the store's index; its id is taken from then on. */
export function addToIndex(store: Store, paper: StoredPaper): void {
  indexEntry(store, paper);
  if (!store.byFileKey.has(idFileKey(paper.id))) store.byFileKey.set(idFileKey(paper.id), paper.id);
}

function removeTitle<T extends RecordSummary>(index: PaperIndex<T>, entry: T): void {
  const key = titleKey(entry.title);
  const ids = (index.byTitle.get(key) ?? []).filter((id) => id !== entry.id);
  if (ids.length > 0) index.byTitle.set(key, ids);
  else index.byTitle.delete(key);
}

/**
 * Finds the entry an incoming record is: the same arXiv id; or the same id or the same title (case,
 * spacing and punctuation aside) where the arXiv ids do not conflict. A text-digest paper stored under
 * its title slug is found again when an arXiv or Hugging Face source brings its arXiv id.
 */
export function findPaper<T extends RecordSummary>(index: PaperIndex<T>, record: PaperRecord): T | undefined {
  const { data } = record;
  const sameArxiv = data.arxiv === undefined ? undefined : index.byArxiv.get(data.arxiv);
  if (sameArxiv !== undefined) return index.byId.get(sameArxiv);
  const key = titleKey(data.title);
  const compatible = (candidate: T | undefined): candidate is T => {
    const arxiv = candidate?.arxiv;
    return (
      candidate !== undefined && (arxiv === undefined || data.arxiv === undefined || arxiv === data.arxiv)
    );
  };
  // A title of nothing but punctuation or symbols says little about which paper it is: only the
  // very same title counts.
  if (key === '')
    return (index.byTitle.get(key) ?? [])
      .map((id) => index.byId.get(id))
      .find((candidate) => compatible(candidate) && candidate.title === data.title);
  const sameId = index.byId.get(data.id);
  if (compatible(sameId) && titleKey(sameId.title) === key) return sameId;
  return (index.byTitle.get(key) ?? []).map((id) => index.byId.get(id)).find(compatible);
}

/** The entry an id names in an index: the entry with that id, else the one with that arXiv id. */
export function entryNamed<T extends RecordSummary>(index: PaperIndex<T>, id: string): T | undefined {
  const viaArxiv = index.byArxiv.get(id);
  return index.byId.get(id) ?? (viaArxiv === undefined ? undefined : index.byId.get(viaArxiv));
}

/** Why there is no paper to act on under `id`: retracted, unreadable, or not in the store. */
export function notStored(store: Store, id: string): StoreRefusal {
  const retracted = entryNamed(store.retractions, id);
  if (retracted !== undefined)
    return new StoreRefusal(`"${retracted.id}" is retracted (${shown(store, retracted.path)})`);
  const unreadable = store.unreadable.get(id);
  if (unreadable !== undefined)
    return new StoreRefusal(`${unreadable} cannot be read as a record: fix or remove it first`);
  return new StoreRefusal(
    `no paper "${id}" in ${store.dir} (neither an id nor an arXiv id of a stored paper)`,
  );
}
