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
/**
 * The most results one request asks for. arXiv allows 2,000; a page of 1,000 real entries is about
 * 2 MiB, within `PAPERBOY_FETCH_MAX_BYTES`.
 */
export const ARXIV_MAX_PAGE_SIZE = 1000;
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

/**
 * Why a query cannot be wrapped in parentheses and restricted to the days asked for, or `undefined`
 * when it can: its parentheses must balance (a `)` that closes the wrapper would let the rest escape
 * the date filter, as in `cat:cs.CL) OR (all:electron`) and its double quotes must pair up (a phrase
 * left open would swallow the filter). Parentheses inside quotes count too: what arXiv's parser does
 * with them is not ours to guess.
 */
export function queryProblem(query: string): string | undefined {
  let depth = 0;
  for (let index = 0; index < query.length; index += 1) {
    if (query[index] === '(') depth += 1;
    else if (query[index] === ')') depth -= 1;
    if (depth < 0) return `the ")" at character ${index + 1} closes a parenthesis the query never opened`;
  }
  if (depth > 0) return `${depth} parenthes${depth === 1 ? 'is is' : 'es are'} opened and never closed`;
  const quotes = query.split('"').length - 1;
  if (quotes % 2 === 1) return `a double quote (") is opened and never closed`;
  return undefined;
}

/**
 * The search query: the user's query, restricted to submissions from `from` through `to` (UTC). Throws
 * for a query `queryProblem` refuses, which could escape the restriction.
 */
export function arxivSearchQuery(query: string, from: string, to: string): string {
  const problem = queryProblem(query);
  if (problem !== undefined) throw new Error(`unbalanced arXiv query ${JSON.stringify(query)}: ${problem}`);
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
  | { ok: true; total: number; entries: number; ids: string[] }
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
  // Without the version: the same paper in a later version on the next page is still a repeat.
  const ids = entries.map((entry) => textOf(entry.id)?.trim().replace(/v\d+$/, '') ?? JSON.stringify(entry));
  return { ok: true, total, entries: entries.length, ids };
}

export interface ArxivEvents {
  /** A remark for stderr (an empty page asked for again). */
  onNote?: (message: string) => void;
}

/**
 * Downloads the results of a query page by page, one download per page, stopping at the first page
 * that fails; a query without results is one `empty` download. The page that reaches the end of the
 * results completes the days asked for; stopping early (at `max`, or at a page that repeats papers
 * already read) truncates them.
 */
export async function* downloadArxiv(
  client: HttpClient,
  request: ArxivRequest,
  events: ArxivEvents = {},
): AsyncGenerator<Download> {
  const base = arxivName(request);
  const window = { from: request.from, to: request.to };
  const seen = new Set<string>();
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
      yield { name, outcome: 'empty', format: 'arxiv', completes: request.to };
      return;
    }
    if (checked.entries === 0) {
      if (start >= checked.total) {
        yield { name, outcome: 'empty', format: 'arxiv', completes: request.to };
        return;
      }
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
    const repeat = checked.ids.every((id) => seen.has(id));
    for (const id of checked.ids) seen.add(id);
    const next = start + checked.entries;
    const done = next >= checked.total;
    const truncated = repeat
      ? `page ${page} (from result ${start + 1}) holds only papers of the pages before it (arXiv ignores start=${start}?), so the rest of the ${checked.total.toLocaleString('en')} results could not be read`
      : !done && next >= request.max
        ? `read ${next.toLocaleString('en')} of ${checked.total.toLocaleString('en')} results (--max ${request.max}, the oldest first); narrow the query or raise --max`
        : undefined;
    yield {
      name,
      outcome: 'papers',
      format: 'arxiv',
      window,
      body: response.body,
      count: checked.entries,
      ...(done || truncated !== undefined ? { completes: request.to } : {}),
      ...(truncated === undefined ? {} : { truncated }),
    };
    if (done || truncated !== undefined) return;
    start = next;
    page += 1;
  }
}
