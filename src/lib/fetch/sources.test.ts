import { describe, expect, test } from 'vitest';
import { fetchFixture } from '../../../tests/fake-api.ts';
import {
  arxivName,
  arxivPageUrl,
  arxivSearchQuery,
  checkArxivResponse,
  queryProblem,
  querySlug,
} from './arxiv.ts';
import { htmlPageMessage } from './check.ts';
import { checkHfResponse, hfDayUrl } from './hf.ts';

describe('Hugging Face requests and responses', () => {
  test('the day URL appends /daily_papers to the base, with or without a trailing slash', () => {
    expect(hfDayUrl('https://huggingface.co/api', '2026-11-27')).toBe(
      'https://huggingface.co/api/daily_papers?date=2026-11-27&limit=100&p=0',
    );
    expect(hfDayUrl('http://127.0.0.1:9/hf/api/', '2026-11-27', 2)).toBe(
      'http://127.0.0.1:9/hf/api/daily_papers?date=2026-11-27&limit=100&p=2',
    );
  });

  test('an array is accepted, items unchecked (the importer checks them)', () => {
    expect(checkHfResponse('[]', 'application/json')).toEqual({ ok: true, items: [] });
    expect(checkHfResponse(fetchFixture('hf-2026-01-20.json'), 'application/json')).toMatchObject({
      ok: true,
      items: { length: 3 },
    });
  });

  test.each([
    ['', 'application/json', 'the response is empty'],
    [fetchFixture('hf-truncated.json'), 'application/json', 'not valid JSON (truncated or malformed?): '],
    [
      '{"error":"Invalid date"}',
      'application/json',
      'expected a JSON array of papers, got an object: the API said "Invalid date"',
    ],
    ['null', 'application/json', 'expected a JSON array of papers, got null'],
    [
      fetchFixture('hf-error-page.html'),
      'text/html',
      'got an HTML page instead of JSON ("503 Service Temporarily Unavailable")',
    ],
    [
      '<html><body>Gateway</body></html>',
      'application/json',
      'got an HTML page instead of JSON: an error page',
    ],
  ])('refused: %j (%s)', (body, type, message) => {
    const result = checkHfResponse(body, type);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});

describe('arXiv requests and responses', () => {
  const request = {
    api: 'https://export.arxiv.org/api/query',
    query: 'cat:cs.CL',
    from: '2026-11-25',
    to: '2026-11-27',
    max: 2000,
    pageSize: 100,
  };

  test('the query is restricted to the submission days, sorted oldest first', () => {
    expect(arxivSearchQuery('cat:cs.CL OR cat:cs.IR', '2026-11-25', '2026-11-27')).toBe(
      '(cat:cs.CL OR cat:cs.IR) AND submittedDate:[202611250000 TO 202611272359]',
    );
    const url = new URL(arxivPageUrl(request, 200, 100));
    expect(url.origin + url.pathname).toBe('https://export.arxiv.org/api/query');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search_query: '(cat:cs.CL) AND submittedDate:[202611250000 TO 202611272359]',
      start: '200',
      max_results: '100',
      sortBy: 'submittedDate',
      sortOrder: 'ascending',
    });
  });

  test('names are file-safe and say the query and the days', () => {
    expect(querySlug('cat:cs.CL')).toBe('cat_cs.CL');
    expect(querySlug('ti:"large language" AND cat:cs.*')).toBe('ti_large_language_AND_cat_cs.');
    expect(querySlug('::')).toBe('query');
    expect(arxivName(request)).toBe('arxiv-cat_cs.CL-2026-11-25-2026-11-27');
    expect(arxivName({ ...request, from: '2026-11-27' })).toBe('arxiv-cat_cs.CL-2026-11-27');
  });

  test('feeds: results counted and their ids listed without versions, from both serializers', () => {
    expect(checkArxivResponse(fetchFixture('arxiv-p1.atom.xml'), 'application/atom+xml')).toEqual({
      ok: true,
      total: 3,
      entries: 2,
      ids: ['http://arxiv.org/abs/2601.20001', 'http://arxiv.org/abs/2601.20002'],
    });
    expect(checkArxivResponse(fetchFixture('arxiv-empty.atom.xml'), 'application/atom+xml')).toEqual({
      ok: true,
      total: 0,
      entries: 0,
      ids: [],
    });
  });

  test.each([
    ['arxiv-error.atom.xml', 'arXiv answered with an error: malformed search query: (cat:cs.CL AND)'],
    ['hf-error-page.html', 'got an HTML page instead of an Atom feed'],
    ['hf-2026-01-21.json', 'not well-formed XML (truncated or malformed?)'],
  ])('refused: %s', (name, message) => {
    const result = checkArxivResponse(fetchFixture(name), '');
    expect(result.ok ? '' : result.message).toContain(message);
  });

  test('a feed cut off, another root, a feed without a result count', () => {
    const feed = fetchFixture('arxiv-p1.atom.xml');
    const cut = checkArxivResponse(feed.slice(0, feed.indexOf('</entry>')), '');
    expect(cut.ok ? '' : cut.message).toBe(
      'not well-formed XML (truncated or malformed?): it ends inside <feed> <entry>',
    );
    const broken = checkArxivResponse('<feed><entry></feed>', '');
    expect(broken.ok ? '' : broken.message).toMatch(
      /^not well-formed XML \(truncated or malformed\?\): line 1: /,
    );
    const rss = checkArxivResponse('<?xml version="1.0"?><rss><channel/></rss>', '');
    expect(rss.ok ? '' : rss.message).toBe('not an Atom feed: the root element is <rss>');
    const bare = checkArxivResponse('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', '');
    expect(bare.ok ? '' : bare.message).toContain('no <opensearch:totalResults>');
  });
});

test('htmlPageMessage ignores JSON and XML, and shortens long titles', () => {
  expect(htmlPageMessage('[]', 'application/json', 'JSON')).toBeUndefined();
  expect(
    htmlPageMessage('<?xml version="1.0"?><feed/>', 'application/atom+xml', 'an Atom feed'),
  ).toBeUndefined();
  const message = htmlPageMessage(`<title>${'x'.repeat(200)}</title>`, 'text/html', 'JSON') ?? '';
  expect(message).toContain(`("${'x'.repeat(79)}…")`);
});

describe('arXiv queries that could escape the date filter', () => {
  test.each([
    ['cat:cs.CL', undefined],
    ['(cat:cs.CL OR cat:cs.AI) AND abs:"retrieval (dense)"', undefined],
    ['cat:cs.CL) OR (all:electron', 'the ")" at character 10 closes a parenthesis the query never opened'],
    [')(', 'the ")" at character 1 closes a parenthesis the query never opened'],
    ['((cat:cs.CL)', '1 parenthesis is opened and never closed'],
    ['((a', '2 parentheses are opened and never closed'],
    // Inside quotes too: what arXiv's parser makes of them is not ours to guess.
    ['ti:"a) OR (b"', 'the ")" at character 6 closes a parenthesis the query never opened'],
    ['ti:"open', 'a double quote (") is opened and never closed'],
  ])('%j: %s', (query, problem) => {
    expect(queryProblem(query)).toBe(problem);
  });

  test('arxivSearchQuery refuses what queryProblem refuses, so no caller can build an escaping query', () => {
    expect(() => arxivSearchQuery('cat:cs.CL) OR (all:x', '2026-01-01', '2026-01-02')).toThrow(
      /^unbalanced arXiv query "cat:cs.CL\) OR \(all:x": /,
    );
  });
});
