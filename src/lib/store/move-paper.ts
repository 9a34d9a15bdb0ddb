import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { formatIssues, validatePaper } from '../model/validate.ts';
import { checkWritable } from './apply-record.ts';
import { exists, writeFileAtomic } from './atomic-write.ts';
import { ensureDayFolder } from './day-folders.ts';
import { findVerified } from './read-store.ts';
import { serialiseRecord } from './record-file.ts';
import {
  addToIndex,
  entryNamed,
  notStored,
  type Store,
  StoreRefusal,
  shown,
  summaryOf,
} from './store-index.ts';

/**
 * `npm run move -- ID DAY`: the one way a paper changes day (imports never move one). Two steps, each
 * atomic: the record is rewritten in place with its new `day` (from then on the build shows it on
 * that day), then renamed into the day's folder. A run killed between them leaves one file, in the old
 * folder, that the next run files under its day (`repair-store.ts`); the paper is never on two days
 * or on none. The caller holds the store's lock.
 */

export interface MoveResult {
  /** `unchanged`: the paper was on that day already. */
  outcome: 'moved' | 'unchanged';
  id: string;
  from: string;
  to: string;
  path: string;
}

/** Moves the paper `id` (or the paper with that arXiv id) to `day`. Throws `StoreRefusal` with the reason. */
export async function movePaper(store: Store, id: string, day: string): Promise<MoveResult> {
  const found = await findVerified(store, () => entryNamed(store, id));
  if (found === undefined) throw notStored(store, id);
  const { paper, file } = found;
  const from = file.record.data.day;
  const target = join(store.dir, day, `${paper.id}.md`);
  const result = { id: paper.id, from, to: day, path: target };
  if (from === day && paper.path === target) return { outcome: 'unchanged', ...result };
  const valid = validatePaper({ ...file.record.data, day });
  if (!valid.success)
    throw new StoreRefusal(`the moved record would be invalid: ${formatIssues(valid.issues)}`);
  const record = { data: valid.data, abstract: file.record.abstract };
  const text = serialiseRecord(record);
  checkWritable(record, text);
  await ensureDayFolder(store, day, false);
  const taken = `${shown(store, target)} exists already (another paper, or a file whose name differs only in case): nothing was moved`;
  if (paper.path !== target && (await exists(target))) throw new StoreRefusal(taken);
  if (text !== file.text) await writeFileAtomic(paper.path, text);
  if (paper.path !== target) {
    // Node has no rename that refuses to replace; the store's lock keeps other runs out meanwhile.
    if (await exists(target)) throw new StoreRefusal(taken);
    await rename(paper.path, target);
  }
  addToIndex(store, summaryOf(record, target, text));
  return { outcome: 'moved', ...result };
}
