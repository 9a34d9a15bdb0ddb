import { join } from 'node:path';
import { idFileKey } from '../model/ids.ts';
import type { PaperRecord } from '../model/paper.ts';
import { findForbiddenCharacter } from '../model/text.ts';
import { formatIssues, validatePaper } from '../model/validate.ts';
import { removeFile, writeFileAtomic, writeFileNew } from './atomic-write.ts';
import { ensureDayFolder } from './day-folders.ts';
import { mergeRecords } from './merge.ts';
import { findVerified, readVerified } from './read-store.ts';
import { readRecord, serialiseRecord } from './record-file.ts';
import { findRetraction } from './retractions.ts';
import { addToIndex, findPaper, type Store, StoreRefusal, shown, summaryOf } from './store-index.ts';

/**
 * Applying a record to the store: refuses a retracted paper, finds the paper it already is, merges it
 * in (`merge.ts`) or files it as a new paper under a free id, and writes the file through the atomic
 * writer. It writes only inside real day folders of the store (never through a symbolic link), and
 * never overwrites a file it did not read (a new paper's file is created exclusively). The caller
 * holds the store's lock (`lock.ts`).
 */

export type Outcome = 'new' | 'updated' | 'unchanged';

export interface ApplyResult {
  outcome: Outcome;
  id: string;
  path: string;
  /** Things worth telling: a disambiguated id, a merge across ids, a day the paper keeps. */
  notes: string[];
}

export interface ApplyOptions {
  dryRun?: boolean;
}

/**
 * Whether the store already holds a record's title and abstract, as the paper it is: then the build
 * rendered them before. A stored file that changed meanwhile counts as not holding them (applying the
 * record refuses it).
 */
export async function storesSameText(store: Store, record: PaperRecord): Promise<boolean> {
  const stored = findPaper(store, record);
  if (stored?.title !== record.data.title) return false;
  const file = await readVerified(store, stored).catch((error: unknown) =>
    error instanceof StoreRefusal ? undefined : Promise.reject(error),
  );
  return file?.record.abstract === record.abstract;
}

/**
 * The stored paper a record is, with its file, each checked against the other (`readVerified`): a
 * forged or damaged index-cache entry costs a look at the file, never a merge into another paper. When
 * none is found, the paper holding the record's id is checked too, so that a wrong entry cannot make
 * the record a new paper under another id.
 */
async function findExisting(store: Store, incoming: PaperRecord, notes: string[]) {
  const onCorrect = (message: string) => notes.push(message);
  for (;;) {
    const found = await findVerified(store, () => findPaper(store, incoming), onCorrect);
    if (found !== undefined) return found;
    const holder = store.byId.get(store.byFileKey.get(idFileKey(incoming.data.id)) ?? '');
    if (holder === undefined || (await readVerified(store, holder, onCorrect)) !== undefined)
      return undefined;
  }
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
export function checkWritable(record: PaperRecord, text: string): void {
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
 * paper; a retracted paper is refused (the import skips those before it gets here). Writes only when the bytes change; the index is updated in dry runs too, so a dry run reports
 * what a real run would. Throws `StoreRefusal` for a record it will not write (the run rejects it).
 */
export async function applyRecord(
  store: Store,
  incoming: PaperRecord,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const retraction = findRetraction(store, incoming);
  if (retraction !== undefined)
    throw new StoreRefusal(`"${retraction.id}" is retracted (${shown(store, retraction.path)}): not written`);
  const notes: string[] = [];
  const found = await findExisting(store, incoming, notes);
  const existing = found?.paper;
  const current = found?.file;
  let record: PaperRecord;
  if (existing !== undefined && current !== undefined) {
    record = mergeRecords(current.record, incoming);
    record = { ...record, data: { ...record.data, id: existing.id, source: current.record.data.source } };
    if (existing.id !== incoming.data.id) notes.push(`merged into "${existing.id}" (same title)`);
    if (incoming.data.day !== existing.day)
      notes.push(
        `stays on ${existing.day}, the day it was published on (this source has ${incoming.data.day}; \`npm run move\` moves a paper)`,
      );
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
  if (!valid.success) throw new StoreRefusal(`the merged record is invalid: ${formatIssues(valid.issues)}`);
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
  if (oldPath !== undefined) await removeFile(oldPath);
}
