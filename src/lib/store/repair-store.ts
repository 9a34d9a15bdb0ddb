import { lstat, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PaperRecord } from '../model/paper.ts';
import { validatePaper } from '../model/validate.ts';
import { isMissing, isTemporary, removeFile, writeFileAtomic } from './atomic-write.ts';
import { mergeRecords } from './merge.ts';
import { serialiseRecord } from './record-file.ts';
import { type Store, type StoredFile, type StoredPaper, shown, summaryOf } from './store-index.ts';

/**
 * Repairs of what an interrupted import (or an older version without the lock) leaves behind, made
 * while the store is read (`read-store.ts`): the writer's temporary files, and a paper stored on two
 * days by a move killed between writing the new file and removing the old one. The caller holds the
 * store's lock, so no other import is writing.
 */

/** One stored copy of a paper, with its file as read. */
export interface ReadCopy {
  paper: StoredPaper;
  file: StoredFile;
}

/**
 * Removes the temporary files an interrupted import left in a day folder. The caller holds the store's
 * lock, so no other import is writing one.
 */
export async function removeTemporaryFiles(store: Store, day: string, repairs: string[]): Promise<void> {
  const folder = join(store.dir, day);
  const leftovers = (await readdir(folder)).filter(isTemporary);
  for (const name of leftovers) await removeFile(join(folder, name));
  if (leftovers.length > 0)
    repairs.push(`removed ${leftovers.length} temporary file(s) an interrupted import left in ${day}/`);
}

/**
 * Repairs a paper stored in several files (a move interrupted between writing the new file and removing
 * the old): keeps the earliest day, merges the records from the latest to the earliest (so the earliest
 * day's record, which the move wrote last, wins where both have a field, and counters keep their
 * largest value), writes it as `<earliest day>/<id>.md` and removes the other files. Undefined when it
 * cannot be repaired (the merged record is invalid, or another file holds the target's path).
 */
export async function repairCopies(
  store: Store,
  id: string,
  copies: readonly ReadCopy[],
  options: { dryRun?: boolean },
  repairs: string[],
): Promise<StoredPaper | undefined> {
  const dayOf = (copy: ReadCopy) => copy.paper.day;
  const named = (copy: ReadCopy) => (basename(copy.paper.path) === `${id}.md` ? 0 : 1);
  const sorted = [...copies].sort(
    (a, b) =>
      dayOf(a).localeCompare(dayOf(b)) || named(a) - named(b) || a.paper.path.localeCompare(b.paper.path),
  );
  const keep = sorted[0] as ReadCopy;
  const files = sorted.map((copy) => copy.file);
  let merged = (files[files.length - 1] as StoredFile).record;
  for (let index = files.length - 2; index >= 0; index--)
    merged = mergeRecords(merged, (files[index] as StoredFile).record);
  const source = (files[0] as StoredFile).record.data.source;
  const valid = validatePaper({ ...merged.data, id, day: dayOf(keep), source });
  if (!valid.success) return undefined;
  const record: PaperRecord = { data: valid.data, abstract: merged.abstract };
  const target = join(store.dir, dayOf(keep), `${id}.md`);
  // Never write over a file that is not one of the copies.
  if (!sorted.some((copy) => copy.paper.path === target)) {
    try {
      await lstat(target);
      return undefined;
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  const text = serialiseRecord(record);
  const removed = sorted.map((copy) => copy.paper.path).filter((path) => path !== target);
  if (!options.dryRun) {
    await writeFileAtomic(target, text);
    for (const path of removed) await removeFile(path);
  }
  const days = [...new Set(sorted.map(dayOf))].join(' and ');
  repairs.push(
    `${options.dryRun ? 'would repair' : 'repaired'} "${id}": it was stored on ${days}; kept ${shown(store, target)} (the records merged) and ${options.dryRun ? 'would remove' : 'removed'} ${removed.map((path) => shown(store, path)).join(', ')}`,
  );
  return summaryOf(record, target, text);
}
