import { lstat, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { retractionSchema } from '../model/retraction.ts';
import { formatIssues, validateWith } from '../model/validate.ts';
import { isMissing, removeFile, writeFileAtomic } from './atomic-write.ts';
import { findVerified } from './read-store.ts';
import { retractionPath, serialiseRetraction, storedRetraction } from './retractions.ts';
import { entryNamed, indexEntry, notStored, type Store, StoreRefusal, unindexEntry } from './store-index.ts';

/**
 * `npm run retract -- ID --why "…"` and `--undo ID`: a paper taken off the site for good, and back.
 * Retracting writes the tombstone first (`retractions.ts`; from then on the build lists the paper
 * nowhere and shows a withdrawn page at its URL), then removes the record; a run killed in between
 * leaves both, and the next run removes the record. The caller holds the store's lock.
 */

export interface RetractResult {
  /** `updated`: the paper was retracted already, for another reason. */
  outcome: 'retracted' | 'updated' | 'unchanged';
  id: string;
  day: string;
  /** The tombstone. */
  path: string;
}

/** The tombstone folder, created if need be; never written through a symbolic link. */
async function ensureRetractedFolder(path: string): Promise<void> {
  const folder = dirname(path);
  const found = await lstat(folder).catch((error) => (isMissing(error) ? undefined : Promise.reject(error)));
  if (found === undefined) await mkdir(folder, { recursive: true });
  else if (!found.isDirectory())
    throw new StoreRefusal(`${folder} is not a folder (a symbolic link?): nothing is written there`);
}

/**
 * Retracts the paper `id` (or the paper with that arXiv id) on `today`, for `reason`. Idempotent: a
 * paper retracted already keeps its tombstone, with the new reason if it differs.
 */
export async function retractPaper(
  store: Store,
  id: string,
  reason: string,
  today: string,
): Promise<RetractResult> {
  const found = await findVerified(store, () => entryNamed(store, id));
  const paper = found?.paper;
  const previous = entryNamed(store.retractions, paper?.id ?? id);
  let candidate: unknown;
  if (found !== undefined) {
    const { data } = found.file.record;
    candidate = {
      id: data.id,
      title: data.title,
      day: data.day,
      arxiv: data.arxiv,
      retracted: today,
      reason,
    };
  } else if (previous?.retraction !== undefined) {
    if (previous.retraction.reason === reason)
      return { outcome: 'unchanged', id: previous.id, day: previous.day, path: previous.path };
    candidate = { ...previous.retraction, reason };
  } else throw notStored(store, id);
  const valid = validateWith(retractionSchema, candidate);
  if (!valid.success) throw new StoreRefusal(`the tombstone would be invalid: ${formatIssues(valid.issues)}`);
  const retraction = valid.data;
  const path = retractionPath(store.dir, retraction.id);
  await ensureRetractedFolder(path);
  await writeFileAtomic(path, serialiseRetraction(retraction));
  if (paper !== undefined) {
    await removeFile(paper.path);
    unindexEntry(store, paper);
  }
  indexEntry(store.retractions, storedRetraction(retraction, path));
  return {
    outcome: paper === undefined ? 'updated' : 'retracted',
    id: retraction.id,
    day: retraction.day,
    path,
  };
}

export interface UndoResult {
  /** `unchanged`: nothing under that id was retracted. */
  outcome: 'undone' | 'unchanged';
  id: string;
  /** The day the paper was on, where a fetch or import brings it back. */
  day?: string;
}

/** Removes the tombstone of `id`: the next import or fetch that brings the paper stores it again. */
export async function undoRetraction(store: Store, id: string): Promise<UndoResult> {
  const entry = entryNamed(store.retractions, id);
  if (entry === undefined) return { outcome: 'unchanged', id };
  await removeFile(entry.path);
  unindexEntry(store.retractions, entry);
  return { outcome: 'undone', id: entry.id, ...(entry.day ? { day: entry.day } : {}) };
}
