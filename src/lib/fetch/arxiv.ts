import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { htmlPageMessage } from './check.ts';
import type { HttpClient } from './http.ts';
import type { Download } from './run.ts';

/**
 * arXiv's query API: `GET <api>?search_query=…&start=…&max_results=…&sortBy=submittedDate&sortOrder=ascending`
 * answers an Atom feed with `opensearch:totalResults`. A bad query is answered with a feed whose only
 * entry is titled "Error". Pages are asked for oldest first, so papers announced during a run are added
 * at the end instead of shifting the pages already read.
 */

/** arXiv announces a submission one to four days after it (longer over holidays). */
export const ARXIV_LOOKBACK_DAYS = 7;
export const ARXIV_DEFAULT_MAX = 2000;
export const ARXIV_DEFAULT_PAGE_SIZE = 100;
/** arXiv's own limit for `max_results`. */
export const ARXIV_MAX_PAGE_SIZE = 2000;
/** arXiv now and then answers an empty page for a query with results: ask again this many times. */
const EMPTY_PAGE_RETRIES = 3;

export interface ArxivRequest {
  api: string;
  /** An arXiv search query such as `cat:cs.CL` or `cat:cs.CL AND abs:retrieval`. */
  query: string;
  from: string;
  to: string;
  /** The most entries to fetch. */
  max: number;
  pageSize: number;
}

const compact = (day: string) => day.replaceAll('-', '');

/** The search query: the user's query, restricted to submissions from `from` through `to` (UTC). */
export function arxivSearchQuery(query: string, from: string, to: string): string {
  return `(${query}) AND submittedDate:[${compact(from)}0000 TO ${compact(to)}2359]`;
}

/** The URL of the page of results that starts at `start`. */
export function arxivPageUrl(request: ArxivRequest, start: number, size: number): string {
  const url = new URL(request.api);
  url.searchParams.set('search_query', arxivSearchQuery(request.query, request.from, request.to));
  url.searchParams.set('start', String(start));
  url.searchParams.set('max_results', String(size));
  url.searchParams.set('sortBy', 'submittedDate');
  url.searchParams.set('sortOrder', 'ascending');
  return url.href;
}

/** A file-name-safe form of a query: `cat:cs.CL` → `cat_cs.CL`. */
export function querySlug(query: string): string {
  const slug = query
    .replace(/[^A-Za-z0-9.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return slug || 'query';
}

/** The base of the names of a query's pages, e.g. `arxiv-cat_cs.CL-2026-11-25-2026-11-27`. */
export function arxivName(request: Pick<ArxivRequest, 'query' | 'from' | 'to'>): string {
  const days = request.from === request.to ? request.from : `${request.from}-${request.to}`;
  return `arxiv-${querySlug(request.query)}-${days}`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'entry',
});

export type ArxivCheck =
  | { ok: true; total: number; entries: number }
  | { ok: false; message: string; arxivError?: boolean };

function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null) {
    const text = (node as Record<string, unknown>)['#text'];
    if (typeof text === 'string') return text;
  }
  return undefined;
}

/** Whether a response is a well-formed arXiv Atom feed, and how many results it has and holds. */
export function checkArxivResponse(body: string, contentType: string): ArxivCheck {
  const html = htmlPageMessage(body, contentType, 'an Atom feed');
  if (html) return { ok: false, message: html };
  if (body.trim() === '') return { ok: false, message: 'the response is empty' };
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    // fast-xml-parser reports a document that stops early as `Invalid '["feed","entry"]' found.`
    const unclosed = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg)?.[1];
    const detail = unclosed
      ? `it ends inside ${unclosed
          .split(',')
          .map((name) => `<${name.trim().replace(/"/g, '')}>`)
          .join(' ')}`
      : `line ${valid.err.line}: ${valid.err.msg}`;
    return { ok: false, message: `not well-formed XML (truncated or malformed?): ${detail}` };
  }
  const document = parser.parse(body) as Record<string, unknown>;
  if (!('feed' in document)) {
    const root = Object.keys(document).find((key) => !key.startsWith('?'));
    return { ok: false, message: `not an Atom feed: the root element is <${root ?? 'nothing'}>` };
  }
  // An element without children parses as a string.
  const feed = typeof document.feed === 'object' && document.feed !== null ? document.feed : {};
  const entries = ((feed as { entry?: unknown[] }).entry ?? []).filter(
    (entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
  );
  const error = entries.find(
    (entry) => textOf(entry.title)?.trim() === 'Error' || /\/api\/errors/.test(textOf(entry.id) ?? ''),
  );
  if (error) {
    const summary = textOf(error.summary)?.replace(/\s+/g, ' ').trim() || 'no message';
    return { ok: false, message: `arXiv answered with an error: ${summary}`, arxivError: true };
  }
  const totalText = textOf((feed as Record<string, unknown>).totalResults)?.trim() ?? '';
  const total = /^\d+$/.test(totalText) ? Number(totalText) : undefined;
  if (total === undefined) {
    return { ok: false, message: 'not an arXiv API response: the feed has no <opensearch:totalResults>' };
  }
  return { ok: true, total, entries: entries.length };
}

export interface ArxivEvents {
  /** A remark for stderr (the `--max` cap, an empty page asked for again). */
  onNote?: (message: string) => void;
}

/**
 * Downloads the results of a query page by page, one download per page, stopping at the first page
 * that fails; a query without results is one `empty` download.
 */
export async function* downloadArxiv(
  client: HttpClient,
  request: ArxivRequest,
  events: ArxivEvents = {},
): AsyncGenerator<Download> {
  const base = arxivName(request);
  let start = 0;
  let page = 1;
  let emptyRetries = 0;
  while (start < request.max) {
    const name = `${base}-p${page}.atom.xml`;
    const size = Math.min(request.pageSize, request.max - start);
    const response = await client.get(arxivPageUrl(request, start, size), 'application/atom+xml', name);
    if (!response.ok) {
      // arXiv answers some bad queries with HTTP 400 and an error feed that says what is wrong.
      const said = response.body === undefined ? undefined : checkArxivResponse(response.body, '');
      const detail = said && !said.ok && said.arxivError ? `: ${said.message}` : '';
      yield { name, outcome: 'failed', message: `${response.message}${detail}` };
      return;
    }
    const checked = checkArxivResponse(response.body, response.contentType);
    if (!checked.ok) {
      yield { name, outcome: 'refused', message: checked.message };
      return;
    }
    if (checked.total === 0) {
      yield { name, outcome: 'empty', format: 'arxiv' };
      return;
    }
    if (checked.entries === 0) {
      if (start >= checked.total) return;
      if (emptyRetries >= EMPTY_PAGE_RETRIES) {
        yield {
          name,
          outcome: 'failed',
          message: `arXiv kept answering an empty page at result ${start + 1} of ${checked.total}`,
        };
        return;
      }
      emptyRetries += 1;
      events.onNote?.(
        `${name}: arXiv answered an empty page at result ${start + 1} of ${checked.total}; asking again`,
      );
      continue;
    }
    emptyRetries = 0;
    yield { name, outcome: 'papers', format: 'arxiv', body: response.body, count: checked.entries };
    start += checked.entries;
    page += 1;
    if (start >= checked.total) return;
    if (start >= request.max) {
      events.onNote?.(
        `${base}: stopped at --max ${request.max} of ${checked.total} results (the oldest first); narrow the query or raise --max`,
      );
    }
  }
}
