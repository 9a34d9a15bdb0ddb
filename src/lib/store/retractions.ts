import { globSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import jsYaml from 'js-yaml';
import { idFileKey } from '../model/ids.ts';
import type { PaperRecord } from '../model/paper.ts';
import { type Retraction, retractionSchema } from '../model/retraction.ts';
import { formatIssues, validateWith } from '../model/validate.ts';
import { isMissing } from './atomic-write.ts';
import { ordered, serialiseYaml } from './record-file.ts';
import { findPaper, indexEntry, type Store, type StoredRetraction } from './store-index.ts';

/**
 * The tombstones of retracted papers (`model/retraction.ts`): `<store>/retracted/<id>.yaml`, beside the
 * day folders, committed with them. Read into the store's index so that an import skips a retracted
 * paper, and by the build (the content loader, the search step, the sitemap) so that the paper is
 * listed nowhere and its URL shows a withdrawn page.
 */

export const RETRACTED_FOLDER = 'retracted';

const FIELD_ORDER = Object.keys(retractionSchema.shape);
const DAY_FIELDS = new Set(['day', 'retracted']);

export function retractionPath(dir: string, id: string): string {
  return join(dir, RETRACTED_FOLDER, `${id}.yaml`);
}

/** A tombstone's text: its fields in the schema's order, quoted as records are. */
export function serialiseRetraction(retraction: Retraction): string {
  return serialiseYaml(ordered(retraction, FIELD_ORDER), DAY_FIELDS);
}

/** A tombstone's YAML as a value, for the content loader (which validates it) and `readRetraction`. */
export function parseRetractionFile(
  text: string,
): { ok: true; data: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, data: jsYaml.load(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { ok: false, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** Parses and validates a tombstone. */
export function readRetraction(
  text: string,
): { ok: true; retraction: Retraction } | { ok: false; message: string } {
  const file = parseRetractionFile(text);
  if (!file.ok) return file;
  const valid = validateWith(retractionSchema, file.data);
  return valid.success
    ? { ok: true, retraction: valid.data }
    : { ok: false, message: formatIssues(valid.issues) };
}

/** What the store's index keeps of a tombstone. */
export function storedRetraction(retraction: Retraction, path: string): StoredRetraction {
  const { id, title, day, arxiv } = retraction;
  return { id, title, day, ...(arxiv === undefined ? {} : { arxiv }), path, retraction };
}

/**
 * Reads the store's tombstones into its index. Their ids stay taken, so no other paper gets a
 * retracted paper's URL. A tombstone that cannot be read is reported, and the id its file name gives
 * is still skipped by imports.
 */
export async function loadRetractions(store: Store, problems: string[]): Promise<void> {
  const folder = join(store.dir, RETRACTED_FOLDER);
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.name.endsWith('.yaml') && !entry.name.startsWith('.'))
      .filter((entry) => {
        if (!entry.isFile())
          problems.push(`${join(folder, entry.name)}: not a regular file (a symbolic link?): not read`);
        return entry.isFile();
      })
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const name of names) {
    const path = join(folder, name);
    const fileId = name.slice(0, -'.yaml'.length);
    const read = readRetraction(await readFile(path, 'utf8'));
    if (!read.ok) problems.push(`${path}: ${read.message} (imports still skip "${fileId}")`);
    else if (read.retraction.id !== fileId)
      problems.push(`${path}: the file name does not match its id "${read.retraction.id}"`);
    const entry = read.ok
      ? storedRetraction(read.retraction, path)
      : { id: fileId, title: '', day: '', path };
    indexEntry(store.retractions, entry);
    if (!store.byFileKey.has(idFileKey(entry.id))) store.byFileKey.set(idFileKey(entry.id), entry.id);
  }
}

/**
 * The retraction an incoming record falls under: the same paper as the merge rules find one, or, for
 * a tombstone that cannot be read, the same id.
 */
export function findRetraction(store: Store, record: PaperRecord): StoredRetraction | undefined {
  const sameId = store.retractions.byId.get(record.data.id);
  if (sameId !== undefined && sameId.retraction === undefined) return sameId;
  return findPaper(store.retractions, record);
}

/**
 * Where the build finds tombstones: `retracted/*.yaml` in the folder each paper glob starts from
 * (`content/papers/**\/*.md` → `content/papers/retracted/*.yaml`).
 */
export function retractionGlobs(paperGlobs: readonly string[]): string[] {
  const folders = paperGlobs.map((glob) => {
    const segments = glob.split('/');
    const wild = segments.findIndex((segment) => /[*?[{]/.test(segment));
    return segments.slice(0, wild < 0 ? -1 : wild).join('/');
  });
  return [...new Set(folders)].map((folder) => posix.join(folder, RETRACTED_FOLDER, '*.yaml'));
}

/**
 * The ids of the retracted papers under the paper globs, read synchronously for the build's steps
 * outside the content layer (the sitemap's filter, the search index). Throws on a tombstone the
 * content layer would refuse too.
 */
export function retractedIds(root: string, paperGlobs: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const file of globSync(retractionGlobs(paperGlobs), { cwd: root }).sort()) {
    const read = readRetraction(readFileSync(join(root, file), 'utf8'));
    if (!read.ok) throw new Error(`${file}: ${read.message}`);
    ids.add(read.retraction.id);
  }
  return ids;
}
