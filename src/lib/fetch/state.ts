import { lstat, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { addDays, isRealDay } from '../model/day.ts';

/**
 * The fetch state: for Hugging Face, and for each arXiv query, the last day fetched completely (every
 * page read and imported, the day over). It lives in `fetch-state.json` beside the content directory
 * (`content/fetch-state.json` for `content/papers`) and is committed with the papers, so the daily run
 * starts where the last complete one ended, whatever days the stored records carry: one record dated
 * 2099 cannot stop it.
 *
 * ```json
 * { "hf": "2026-12-05", "arxiv": { "cat:cs.CL": "2026-12-05" } }
 * ```
 */

export const FETCH_STATE_FILE = 'fetch-state.json';
/** Far more than any state holds; a larger file is not one this program wrote. */
const MAX_STATE_BYTES = 1024 * 1024;

export interface FetchState {
  hf?: string;
  /** arXiv query → the last day fetched completely. */
  arxiv: Record<string, string>;
}

/** What the state knows of one source: Hugging Face, or an arXiv query. */
export type StateKey = { source: 'hf' } | { source: 'arxiv'; query: string };

/** The state file of the store at `outDir`: `fetch-state.json` in the folder that holds it. */
export function fetchStatePath(outDir: string): string {
  return join(dirname(resolve(outDir)), FETCH_STATE_FILE);
}

export function fetchedThrough(state: FetchState, key: StateKey): string | undefined {
  return key.source === 'hf' ? state.hf : state.arxiv[key.query];
}

/**
 * Reads the state; a missing file is an empty state. What cannot be used (a damaged file, a day that
 * is not one or lies after `today`) is left out, each with a problem to report: the fetch then starts
 * from the newest stored day instead.
 */
export async function readFetchState(
  path: string,
  today: string,
): Promise<{ state: FetchState; problems: string[] }> {
  const state: FetchState = { arxiv: {} };
  const problems: string[] = [];
  let text: string;
  try {
    const stats = await lstat(path);
    if (!stats.isFile() || stats.size > MAX_STATE_BYTES) {
      problems.push(`${path}: not a fetch state (a file of at most 1 MiB): ignored`);
      return { state, problems };
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state, problems };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push(`${path}: not valid JSON (${(error as Error).message}): ignored`);
    return { state, problems };
  }
  const usable = (day: unknown, what: string): day is string => {
    if (typeof day === 'string' && isRealDay(day) && day <= today) return true;
    problems.push(`${path}: ${what}: ${JSON.stringify(day)} is not a day up to today (${today}): ignored`);
    return false;
  };
  const object = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  if (object.hf !== undefined && usable(object.hf, 'hf')) state.hf = object.hf;
  const arxiv = object.arxiv;
  if (typeof arxiv === 'object' && arxiv !== null && !Array.isArray(arxiv)) {
    for (const [query, day] of Object.entries(arxiv)) {
      if (usable(day, `arxiv "${query}"`)) state.arxiv[query] = day;
    }
  }
  return { state, problems };
}

/** The file's text: keys sorted, so that a state written twice is the same bytes. */
function stateText(state: FetchState): string {
  const arxiv = Object.fromEntries(Object.entries(state.arxiv).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ ...(state.hf === undefined ? {} : { hf: state.hf }), arxiv }, null, 2)}\n`;
}

/**
 * Records that a run fetched `key` completely from `fetched.from` through `fetched.through`, and returns
 * the day recorded, if any. A day counts once it is over (today's list may still grow), so the state
 * says yesterday at most. It moves only forward and without a gap: a backfill of older days leaves it,
 * and so does a run that started after the day after the state's (the days between were never fetched).
 * Written aside and renamed into place; the caller holds the store's lock, so two fetches (Hugging Face
 * and arXiv) do not lose each other's update. Problems with the old file were reported when it was read.
 */
export async function recordFetched(
  path: string,
  key: StateKey,
  fetched: { from: string; through: string },
  today: string,
): Promise<string | undefined> {
  const yesterday = addDays(today, -1);
  let through = fetched.through;
  if (through > yesterday) through = yesterday;
  if (through < fetched.from) return undefined;
  const { state } = await readFetchState(path, today);
  const known = fetchedThrough(state, key);
  if (known !== undefined && (known >= through || fetched.from > addDays(known, 1))) return undefined;
  if (key.source === 'hf') state.hf = through;
  else state.arxiv[key.query] = through;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, stateText(state));
    await rename(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return through;
}
