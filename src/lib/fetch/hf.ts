import { parseJsonDocument } from '../import/values.ts';
import { htmlPageMessage } from './check.ts';
import { formatBytes, type HttpClient } from './http.ts';
import type { Download } from './run.ts';

/**
 * Hugging Face daily papers: `GET <api>/daily_papers?date=YYYY-MM-DD` answers the day's list as a JSON
 * array, at most `limit` (up to 100) items a page, page `p` counting from 0. A day without papers is an
 * empty array.
 */

export const HF_PAGE_SIZE = 100;
/** A guard against an API whose pages never end: a day is read up to this many pages. */
export const MAX_PAGES = 20;
/**
 * The most papers a day is read to (the busiest real days have a few hundred). A page holding more is
 * refused: it is not the paginated list that was asked for.
 */
export const MAX_DAY_PAPERS = MAX_PAGES * HF_PAGE_SIZE;

/** The URL of one page of a day's list. */
export function hfDayUrl(api: string, day: string, page = 0): string {
  const url = new URL(`${api.replace(/\/+$/, '')}/daily_papers`);
  url.searchParams.set('date', day);
  url.searchParams.set('limit', String(HF_PAGE_SIZE));
  url.searchParams.set('p', String(page));
  return url.href;
}

export type HfCheck = { ok: true; items: unknown[] } | { ok: false; message: string };

/** Whether a 200 response is a daily-papers JSON array; the importer then checks each item. */
export function checkHfResponse(body: string, contentType: string): HfCheck {
  const html = htmlPageMessage(body, contentType, 'JSON');
  if (html) return { ok: false, message: html };
  if (body.trim() === '') return { ok: false, message: 'the response is empty' };
  const parsed = parseJsonDocument(body);
  if (!parsed.ok) return parsed;
  const { json } = parsed;
  if (Array.isArray(json)) return { ok: true, items: json };
  const said = apiError(json);
  return {
    ok: false,
    message: `expected a JSON array of papers, got ${kindOf(json)}${said ? `: the API said "${said}"` : ''}`,
  };
}

/** The `error` of a JSON error object such as `{"error": "Invalid date"}`. */
function apiError(json: unknown): string | undefined {
  const error = typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : undefined;
  return typeof error === 'string' ? error : undefined;
}

function parseOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The arXiv id of an item, to notice a page the API served twice. */
function itemKey(item: unknown): string {
  const paper = typeof item === 'object' && item !== null ? (item as { paper?: unknown }).paper : undefined;
  const id = typeof paper === 'object' && paper !== null ? (paper as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : JSON.stringify(item);
}

/**
 * Downloads one day's list, every page of it, as one download named `hf-YYYY-MM-DD.json`. The pages
 * together may hold at most `maxBytes`; a page that repeats the papers before it, or pages that go on
 * past `MAX_PAGES`, end the day as truncated.
 */
export async function downloadHfDay(
  client: HttpClient,
  api: string,
  day: string,
  maxBytes: number,
): Promise<Download> {
  const name = `hf-${day}.json`;
  let firstBody = '';
  const items: unknown[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let pages = 0;
  let truncated: string | undefined;
  for (;;) {
    const response = await client.get(hfDayUrl(api, day, pages), 'application/json', name);
    if (!response.ok) {
      const said = response.body === undefined ? undefined : apiError(parseOrUndefined(response.body));
      const message = said ? `${response.message}: the API said "${said}"` : response.message;
      return { name, outcome: 'failed', message };
    }
    pages += 1;
    bytes += Buffer.byteLength(response.body);
    if (bytes > maxBytes) {
      const message = `the day's ${pages} pages together are larger than ${formatBytes(maxBytes)} (PAPERBOY_FETCH_MAX_BYTES)`;
      return { name, outcome: 'refused', message };
    }
    const checked = checkHfResponse(response.body, response.contentType);
    if (!checked.ok) return { name, outcome: 'refused', message: checked.message };
    const count = checked.items.length;
    if (count > MAX_DAY_PAPERS) {
      const message = `page ${pages} holds ${count.toLocaleString('en')} papers, more than the ${MAX_DAY_PAPERS.toLocaleString('en')} a day is read to (${HF_PAGE_SIZE} were asked for): not the daily list`;
      return { name, outcome: 'refused', message };
    }
    if (pages === 1) firstBody = response.body;
    let fresh = 0;
    for (const item of checked.items) {
      const key = itemKey(item);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(item);
      fresh += 1;
    }
    if (count < HF_PAGE_SIZE) break;
    if (fresh === 0) {
      truncated = `page ${pages} repeats the papers of the pages before it (the API ignores p=${pages - 1}?), so the rest of the day could not be read`;
      break;
    }
    if (pages === MAX_PAGES || items.length >= MAX_DAY_PAPERS) {
      truncated = `${pages} pages and ${items.length.toLocaleString('en')} papers read, and the list goes on: a day is read up to ${MAX_PAGES} pages or ${MAX_DAY_PAPERS.toLocaleString('en')} papers`;
      break;
    }
  }
  const coverage = { completes: day, ...(truncated === undefined ? {} : { truncated }) };
  if (items.length === 0) return { name, outcome: 'empty', format: 'hf', ...coverage };
  // One page is kept byte for byte; several are joined into one array.
  const body = pages === 1 ? firstBody : `${JSON.stringify(items, null, 2)}\n`;
  return { name, outcome: 'papers', format: 'hf', date: day, body, count: items.length, ...coverage };
}

/** Downloads each day's list in turn. */
export async function* downloadHfDays(
  client: HttpClient,
  api: string,
  days: readonly string[],
  maxBytes: number,
): AsyncGenerator<Download> {
  for (const day of days) yield await downloadHfDay(client, api, day, maxBytes);
}
