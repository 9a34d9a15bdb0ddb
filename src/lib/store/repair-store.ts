import { readdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PaperRecord } from '../model/paper.ts';
import { validatePaper } from '../model/validate.ts';
import { exists, isTemporary, removeFile, writeFileAtomic } from './atomic-write.ts';
import { ensureDayFolder } from './day-folders.ts';
import { mergeRecords } from './merge.ts';
import { serialiseRecord } from './record-file.ts';
import {
  type Store,
  type StoredFile,
  type StoredPaper,
  StoreRefusal,
  shown,
  summaryOf,
} from './store-index.ts';

/**
 * Repairs of what an interrupted run (or an older version without the lock) leaves behind, made while
 * the store is read (`read-store.ts`): the writer's temporary files, a record left in the folder of
 * another day by `npm run move` killed between its two steps, and a paper stored on two days (an older
 * version moved a paper by writing its new file before removing the old one). The caller holds the
 * store's lock, so no other run is writing.
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
  if (!sorted.some((copy) => copy.paper.path === target) && (await exists(target))) return undefined;
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

/**
 * Files a record under its day: a record whose `day` is not the day folder it sits in (`npm run move`
 * killed after rewriting the record and before renaming it into its new day's folder, or a day edited
 * by hand) is renamed into its day's folder. The build already shows it on its `day`; this only puts
 * the file where the store keeps it. A record whose day folder already holds a file of its name, or is
 * not a real folder, is left where it is, with a problem.
 */
export async function fileUnderItsDay(
  store: Store,
  copy: ReadCopy,
  options: { dryRun?: boolean },
  repairs: string[],
  problems: string[],
): Promise<StoredPaper> {
  const { paper, file } = copy;
  const { id, day } = file.record.data;
  const folder = basename(dirname(paper.path));
  const target = join(store.dir, day, `${id}.md`);
  if (folder === day || basename(paper.path) !== `${id}.md`) return paper;
  const why = `${paper.path}: its day is ${day}, not the folder it is in`;
  try {
    await ensureDayFolder(store, day, options.dryRun === true);
  } catch (error) {
    if (!(error instanceof StoreRefusal)) throw error;
    problems.push(`${why}: ${error.message}`);
    return paper;
  }
  if (await exists(target)) {
    problems.push(`${why}, and ${shown(store, target)} exists: left as it is`);
    return paper;
  }
  if (!options.dryRun) await rename(paper.path, target);
  repairs.push(
    `${options.dryRun ? 'would file' : 'filed'} "${id}" under its day: ${options.dryRun ? 'would move' : 'moved'} ${shown(store, paper.path)} to ${shown(store, target)}`,
  );
  // A renamed file keeps its bytes (its hash) but not its change time: no stamp.
  return {
    id,
    day,
    title: paper.title,
    ...(paper.arxiv === undefined ? {} : { arxiv: paper.arxiv }),
    path: target,
    hash: paper.hash,
    file,
  };
}

/**
 * Completes a retraction killed between writing the tombstone and removing the record, or undoes a
 * record put back by hand while its tombstone is there: the files of a retracted id are removed (the
 * tombstone says the paper is gone; `npm run retract -- --undo` brings it back).
 */
export async function removeRetracted(
  store: Store,
  copies: readonly StoredPaper[],
  tombstone: string,
  options: { dryRun?: boolean },
  repairs: string[],
): Promise<void> {
  for (const copy of copies) {
    if (!options.dryRun) await removeFile(copy.path);
    repairs.push(
      `${options.dryRun ? 'would remove' : 'removed'} ${shown(store, copy.path)}: "${copy.id}" is retracted (${shown(store, tombstone)})`,
    );
  }
}
