import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ISO_DAY } from '../model/day.ts';
import { titleKey } from '../model/ids.ts';
import type { PaperRecord } from '../model/paper.ts';
import { validatePaper } from '../model/validate.ts';
import { mergeRecords } from './merge.ts';
import { readRecord, serialiseRecord } from './record-file.ts';

/**
 * The writer: an index of the records already stored under a content directory, and the one function
 * that adds or merges a record into it, writing atomically.
 */

interface StoredPaper {
  id: string;
  path: string;
  /** The exact bytes on disk (or that a dry run would have written). */
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
}

/** Reads every `<dir>/<day>/<id>.md` once into an index (id → file, title → ids). */
export async function loadStore(
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ store: Store; problems: string[] }> {
  const store: Store = {
    dir,
    byId: new Map(),
    byTitle: new Map(),
    byArxiv: new Map(),
    unreadable: new Map(),
  };
  const problems: string[] = [];
  let days: string[];
  try {
    days = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && ISO_DAY.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { store, problems };
    throw error;
  }
  const paths: { day: string; name: string }[] = [];
  for (const day of days) {
    const names = (await readdir(join(dir, day))).filter((name) => name.endsWith('.md')).sort();
    paths.push(...names.map((name) => ({ day, name })));
  }
  for (const [index, { day, name }] of paths.entries()) {
    onProgress?.(index + 1, paths.length);
    const path = join(dir, day, name);
    const id = name.slice(0, -'.md'.length);
    const text = await readFile(path, 'utf8');
    const read = readRecord(text);
    if (!read.ok) {
      store.unreadable.set(id, path);
      problems.push(`${path}: ${read.message} (kept as it is; its id is taken)`);
      continue;
    }
    const existing = store.byId.get(read.record.data.id);
    if (existing) {
      problems.push(
        `${path}: duplicate id "${read.record.data.id}" (also ${existing.path}); this file is ignored`,
      );
      store.unreadable.set(id, path);
      continue;
    }
    if (read.record.data.id !== id) {
      problems.push(`${path}: the file name does not match its id "${read.record.data.id}"`);
    }
    addToIndex(store, { id: read.record.data.id, path, text, record: read.record });
  }
  return { store, problems };
}

function addToIndex(store: Store, paper: StoredPaper): void {
  const previous = store.byId.get(paper.id);
  if (previous) removeTitle(store, previous);
  store.byId.set(paper.id, paper);
  const key = titleKey(paper.record.data.title);
  const ids = store.byTitle.get(key) ?? [];
  if (!ids.includes(paper.id)) store.byTitle.set(key, [...ids, paper.id].sort());
  const arxiv = paper.record.data.arxiv;
  if (arxiv !== undefined && !store.byArxiv.has(arxiv)) store.byArxiv.set(arxiv, paper.id);
}

function removeTitle(store: Store, paper: StoredPaper): void {
  const key = titleKey(paper.record.data.title);
  const ids = (store.byTitle.get(key) ?? []).filter((id) => id !== paper.id);
  if (ids.length > 0) store.byTitle.set(key, ids);
  else store.byTitle.delete(key);
}

let tempCounter = 0;

/** Writes a file atomically: a temporary file in the same directory, then a rename over the target. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  const base = basename(path);
  await mkdir(dir, { recursive: true });
  tempCounter += 1;
  const temp = join(dir, `.${base}.${process.pid}.${tempCounter}.tmp`);
  try {
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
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
function findExisting(store: Store, record: PaperRecord): StoredPaper | undefined {
  const { data } = record;
  const sameArxiv = data.arxiv === undefined ? undefined : store.byArxiv.get(data.arxiv);
  if (sameArxiv !== undefined) return store.byId.get(sameArxiv);
  const key = titleKey(data.title);
  const compatible = (candidate: StoredPaper | undefined): candidate is StoredPaper => {
    const arxiv = candidate?.record.data.arxiv;
    return (
      candidate !== undefined && (arxiv === undefined || data.arxiv === undefined || arxiv === data.arxiv)
    );
  };
  const sameId = store.byId.get(data.id);
  if (compatible(sameId) && titleKey(sameId.record.data.title) === key) return sameId;
  return (store.byTitle.get(key) ?? []).map((id) => store.byId.get(id)).find(compatible);
}

/** A free id for a paper whose title slug is taken by a different paper: `<slug>-2`, `<slug>-3`, … */
function freeId(store: Store, id: string): string {
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${id.slice(0, 128 - suffix.length)}${suffix}`;
    if (!store.byId.has(candidate) && !store.unreadable.has(candidate)) return candidate;
  }
}

export interface ApplyOptions {
  dryRun?: boolean;
}

/**
 * Adds a validated record to the store: merges it into the paper it already is, or writes it as a new
 * paper. Writes only when the bytes change; the index is updated in dry runs too, so a dry run reports
 * what a real run would.
 */
export async function applyRecord(
  store: Store,
  incoming: PaperRecord,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const notes: string[] = [];
  const existing = findExisting(store, incoming);
  let record: PaperRecord;
  if (existing) {
    record = mergeRecords(existing.record, incoming);
    record = { ...record, data: { ...record.data, id: existing.id, source: existing.record.data.source } };
    if (existing.id !== incoming.data.id) notes.push(`merged into "${existing.id}" (same title)`);
    if (record.data.day !== existing.record.data.day) {
      notes.push(`moved from ${existing.record.data.day} to the earlier day ${record.data.day}`);
    }
  } else {
    let id = incoming.data.id;
    if (store.byId.has(id) || store.unreadable.has(id)) {
      const taken = id;
      id = freeId(store, id);
      notes.push(`id "${taken}" is taken by a different paper: stored as "${id}"`);
    }
    record = { ...incoming, data: { ...incoming.data, id } };
  }
  // Whatever is written must pass the content collection's schema.
  const valid = validatePaper(record.data);
  if (!valid.success)
    throw new Error(`${record.data.id}: merged record is invalid: ${JSON.stringify(valid.issues)}`);
  record = { ...record, data: valid.data };
  const text = serialiseRecord(record);
  const path = join(store.dir, record.data.day, `${record.data.id}.md`);
  const outcome: Outcome =
    existing === undefined
      ? 'new'
      : existing.text === text && existing.path === path
        ? 'unchanged'
        : 'updated';
  if (outcome !== 'unchanged' && !options.dryRun) {
    await writeFileAtomic(path, text);
    if (existing && existing.path !== path) await unlink(existing.path);
  }
  addToIndex(store, { id: record.data.id, path, text, record });
  return { outcome, id: record.data.id, path, notes };
}
