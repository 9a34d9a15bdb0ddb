import { join, relative } from 'node:path';
import { idFileKey, titleKey } from '../model/ids.ts';
import type { PaperRecord } from '../model/paper.ts';
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

export function emptyStore(dir: string): Store {
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

export function addToIndex(store: Store, paper: StoredPaper): void {
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
