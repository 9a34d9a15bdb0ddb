import { htmlPageMessage } from './check.ts';
import type { HttpClient } from './http.ts';
import type { Download } from './run.ts';

/**
 * Hugging Face daily papers: `GET <api>/daily_papers?date=YYYY-MM-DD` answers the day's list as a JSON
 * array, at most `limit` (up to 100) items a page, page `p` counting from 0. A day without papers is an
 * empty array.
 */

export const HF_PAGE_SIZE = 100;
/** A guard against an API that ignores `p` and keeps answering the same full page. */
const MAX_PAGES = 20;

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
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, message: `not valid JSON (truncated or malformed?): ${(error as Error).message}` };
  }
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

/** Downloads one day's list, every page of it, as one download named `hf-YYYY-MM-DD.json`. */
export async function downloadHfDay(client: HttpClient, api: string, day: string): Promise<Download> {
  const name = `hf-${day}.json`;
  const bodies: string[] = [];
  const items: unknown[] = [];
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await client.get(hfDayUrl(api, day, page), 'application/json', name);
    if (!response.ok) {
      const said = response.body === undefined ? undefined : apiError(parseOrUndefined(response.body));
      const message = said ? `${response.message}: the API said "${said}"` : response.message;
      return { name, outcome: 'failed', message };
    }
    const checked = checkHfResponse(response.body, response.contentType);
    if (!checked.ok) return { name, outcome: 'refused', message: checked.message };
    const fresh = checked.items.filter((item) => !seen.has(itemKey(item)));
    for (const item of fresh) seen.add(itemKey(item));
    bodies.push(response.body);
    items.push(...fresh);
    if (checked.items.length < HF_PAGE_SIZE || fresh.length === 0) break;
  }
  if (items.length === 0) return { name, outcome: 'empty', format: 'hf' };
  // One page is kept byte for byte; several are joined into one array.
  const body = bodies.length === 1 ? (bodies[0] as string) : `${JSON.stringify(items, null, 2)}\n`;
  return { name, outcome: 'papers', format: 'hf', date: day, body, count: items.length };
}

/** Downloads each day's list in turn. */
export async function* downloadHfDays(
  client: HttpClient,
  api: string,
  days: readonly string[],
): AsyncGenerator<Download> {
  for (const day of days) yield await downloadHfDay(client, api, day);
}
