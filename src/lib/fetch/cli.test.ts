import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { atom, fetchFixture, html, json, runFetch, useFetchRun } from '../../../tests/fake-api.ts';
import { HAS_SHARED, needsShared, SAMPLES, snapshotDir } from '../../../tests/helpers.ts';
import { addDays, todayUtc } from '../model/day.ts';

/**
 * `npm run fetch` end to end: the real CLI (`node src/lib/fetch/cli.ts`, as the npm script runs it)
 * against a real HTTP server on 127.0.0.1 that serves recorded responses and every kind of trouble,
 * writing into a temporary content directory.
 */

const { api, dir, papers, fetch, storedFiles, requests } = useFetchRun();

function serveHfFixtures(...days: string[]) {
  for (const day of days) api.hf(day, json(fetchFixture(`hf-${day}.json`)));
}

const hfRequests = () => requests('hf');
const requestedDays = () => hfRequests().map((request) => request.url.searchParams.get('date'));

describe('npm run fetch -- hf', { timeout: 60_000 }, () => {
  test('a three-day --since backfill imports each day and prints the importer summary', async () => {
    serveHfFixtures('2026-01-19', '2026-01-20', '2026-01-21');
    const result = await fetch('hf', '--since', '2026-01-19', '--until', '2026-01-21');
    expect(result.stdout).toBe(
      [
        'hf-2026-01-19.json (hf): 2 new, 0 updated, 0 unchanged, 0 rejected',
        // 2601.10002 was on the 19th already: it stays there, with the 20th's upvotes.
        'hf-2026-01-20.json (hf): 2 new, 1 updated, 0 unchanged, 0 rejected',
        'hf-2026-01-21.json (hf): 2 new, 0 updated, 0 unchanged, 0 rejected',
        'total: 6 new, 1 updated, 0 unchanged, 0 rejected',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    expect(await storedFiles()).toEqual([
      '2026-01-19/2601.10001.md',
      '2026-01-19/2601.10002.md',
      '2026-01-20/2601.10003.md',
      '2026-01-20/2601.10004.md',
      '2026-01-21/2601.10005.md',
      '2026-01-21/2601.10006.md',
    ]);
    expect(readFileSync(join(papers(), '2026-01-19/2601.10002.md'), 'utf8')).toMatch(/^upvotes: 9$/m);
    const request = hfRequests()[0];
    expect(request?.url.pathname).toBe('/hf/api/daily_papers');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      date: '2026-01-19',
      limit: '100',
      p: '0',
    });
    expect(request?.headers['user-agent']).toMatch(/^Paperboy\/\S+ \(static research-paper digest; .+\)$/);

    const again = await fetch('hf', '--since', '2026-01-19', '--until', '2026-01-21');
    expect(again.stdout).toContain('total: 0 new, 0 updated, 7 unchanged, 0 rejected');
    expect(await storedFiles()).toHaveLength(6);
  });

  test('--since fetches through today, inclusive', async () => {
    api.hfFallback(() => json('[]'));
    const before = todayUtc();
    const result = await fetch('hf', '--since', addDays(before, -2));
    const after = todayUtc();
    expect(result.code).toBe(0);
    const days = requestedDays();
    expect(days.slice(0, 3)).toEqual([addDays(before, -2), addDays(before, -1), before]);
    expect(days.at(-1)).toBe(after);
    expect(result.stdout).toContain(`hf-${before}.json (hf): 0 papers`);
  });

  test('with neither --date nor --since, it starts the day after the newest stored day', async () => {
    serveHfFixtures('2026-01-19', '2026-01-20', '2026-01-21');
    await fetch('hf', '--date', '2026-01-19');
    api.requests.length = 0;
    const result = await fetch('hf', '--until', '2026-01-21');
    expect(requestedDays()).toEqual(['2026-01-20', '2026-01-21']);
    expect(result.code).toBe(0);

    api.requests.length = 0;
    const upToDate = await fetch('hf', '--until', '2026-01-21');
    expect(upToDate.stdout).toContain('up to date: hf was fetched completely through 2026-01-21');
    expect(upToDate.code).toBe(0);
    expect(api.requests).toEqual([]);
  });

  test('a day without papers is "0 papers", not a failure', async () => {
    api.hf('2026-01-24', json('[]'));
    const result = await fetch('hf', '--date', '2026-01-24');
    expect(result.stdout).toBe(
      'hf-2026-01-24.json (hf): 0 papers\ntotal: 0 new, 0 updated, 0 unchanged, 0 rejected\n',
    );
    expect(result.code).toBe(0);
    expect(await storedFiles()).toEqual([]);
  });

  test('429: waits as long as Retry-After asks, then imports', async () => {
    api.hf(
      '2026-01-21',
      { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' },
      json(fetchFixture('hf-2026-01-21.json')),
    );
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stderr).toContain(
      'hf-2026-01-21.json: HTTP 429 Too Many Requests; retrying in 1 s (Retry-After) (attempt 2 of 5)',
    );
    expect(result.stdout).toContain('hf-2026-01-21.json (hf): 2 new, 0 updated, 0 unchanged, 0 rejected');
    expect(result.code).toBe(0);
    const [first, second] = hfRequests();
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  test('503 then 200: retried with backoff', async () => {
    api.hf('2026-01-21', { status: 503 }, json(fetchFixture('hf-2026-01-21.json')));
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stderr).toContain(
      'hf-2026-01-21.json: HTTP 503 Service Unavailable; retrying in 10 ms (attempt 2 of 5)',
    );
    expect(result.code).toBe(0);
    expect(await storedFiles()).toHaveLength(2);
  });

  test('5xx that does not go away: gives up after 5 attempts with one line, writes nothing', async () => {
    api.hf('2026-01-21', { status: 502 });
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stdout).toBe(
      [
        'hf-2026-01-21.json: failed: HTTP 502 Bad Gateway, after 5 attempts (nothing written)',
        'total: 0 new, 0 updated, 0 unchanged, 0 rejected, 1 download(s) failed',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('retrying in 80 ms (attempt 5 of 5)');
    expect(result.code).toBe(1);
    expect(hfRequests()).toHaveLength(5);
    expect(await storedFiles()).toEqual([]);
  });

  const withShortTimeout = (...args: string[]) =>
    runFetch(api, [...args, '--out', papers()], { PAPERBOY_FETCH_TIMEOUT_MS: '500' });

  test('a connection that hangs past the timeout is retried', async () => {
    api.hf('2026-01-21', { hang: true }, json(fetchFixture('hf-2026-01-21.json')));
    const result = await withShortTimeout('hf', '--date', '2026-01-21');
    expect(result.stderr).toContain(
      'hf-2026-01-21.json: no complete response within 500 ms (timed out); retrying in 10 ms (attempt 2 of 5)',
    );
    expect(result.code).toBe(0);
    expect(await storedFiles()).toHaveLength(2);
  });

  test('a connection that always hangs: one line, exit 1', async () => {
    api.hf('2026-01-21', { hang: true });
    const result = await withShortTimeout('hf', '--date', '2026-01-21');
    expect(result.stdout).toContain(
      'hf-2026-01-21.json: failed: no complete response within 500 ms (timed out), after 5 attempts (nothing written)',
    );
    expect(result.code).toBe(1);
  });

  test('a body cut off by a dropped connection is retried', async () => {
    api.hf(
      '2026-01-21',
      { cutOff: fetchFixture('hf-2026-01-21.json') },
      json(fetchFixture('hf-2026-01-21.json')),
    );
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stderr).toMatch(
      /^hf-2026-01-21\.json: the connection closed before the whole response arrived \(truncated: .+\); retrying in 10 ms \(attempt 2 of 5\)$/m,
    );
    expect(result.code).toBe(0);
    expect(await storedFiles()).toHaveLength(2);
  });

  test('a complete response with truncated JSON: refused, nothing written', async () => {
    api.hf('2026-01-21', json(fetchFixture('hf-truncated.json')));
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stdout).toMatch(
      /^hf-2026-01-21\.json: refused: not valid JSON \(truncated or malformed\?\): .+ \(nothing written\)$/m,
    );
    expect(result.stdout).toContain('total: 0 new, 0 updated, 0 unchanged, 0 rejected, 1 file(s) refused');
    expect(result.code).toBe(1);
    expect(await storedFiles()).toEqual([]);
  });

  test('an HTML error page served with 200: refused, nothing written', async () => {
    api.hf('2026-01-21', html(fetchFixture('hf-error-page.html')));
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stdout).toContain(
      'hf-2026-01-21.json: refused: got an HTML page instead of JSON ("503 Service Temporarily Unavailable"): an error page served with status 200? (nothing written)',
    );
    expect(result.code).toBe(1);
    expect(await storedFiles()).toEqual([]);
  });

  test('an API error (400 with a JSON message) is not retried', async () => {
    api.hf('2026-01-21', json('{"error":"Invalid date"}', 400));
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stdout).toContain(
      'hf-2026-01-21.json: failed: HTTP 400 Bad Request: the API said "Invalid date" (nothing written)',
    );
    expect(hfRequests()).toHaveLength(1);
    expect(result.code).toBe(1);
  });

  test('a run that fails part-way keeps what it imported; the next run finishes and duplicates nothing', async () => {
    serveHfFixtures('2026-01-19', '2026-01-21');
    api.hf('2026-01-20', { status: 503 });
    const first = await fetch('hf', '--since', '2026-01-19', '--until', '2026-01-21');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(
      'hf-2026-01-20.json: failed: HTTP 503 Service Unavailable, after 5 attempts',
    );
    expect(first.stderr).toContain('fetch: stopped at hf-2026-01-20.json;');
    // It stops at the failed day, so that the next catch-up run starts there.
    expect(requestedDays()).not.toContain('2026-01-21');
    expect(await storedFiles()).toEqual(['2026-01-19/2601.10001.md', '2026-01-19/2601.10002.md']);

    serveHfFixtures('2026-01-20');
    api.requests.length = 0;
    const second = await fetch('hf', '--until', '2026-01-21');
    expect(requestedDays()).toEqual(['2026-01-20', '2026-01-21']);
    expect(second.stdout).toContain('total: 4 new, 1 updated, 0 unchanged, 0 rejected');
    expect(second.code).toBe(0);
    const files = await storedFiles();
    expect(files).toHaveLength(6);
    const ids = files.map((file) => file.split('/')[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('--dry-run reports and writes nothing', async () => {
    serveHfFixtures('2026-01-21');
    const result = await fetch('hf', '--date', '2026-01-21', '--dry-run');
    expect(result.stdout).toContain(
      'total: 2 new, 0 updated, 0 unchanged, 0 rejected (dry run: nothing written)',
    );
    expect(await snapshotDir(dir())).toEqual(new Map());
  });

  test('GITHUB_REPOSITORY names the repository in the User-Agent', async () => {
    api.hf('2026-01-24', json('[]'));
    await runFetch(api, ['hf', '--date', '2026-01-24', '--out', papers()], {
      GITHUB_REPOSITORY: 'octo/papers',
    });
    expect(hfRequests()[0]?.headers['user-agent']).toMatch(
      /^Paperboy\/\S+ \(static research-paper digest; \+https:\/\/github\.com\/octo\/papers\)$/,
    );
  });
});

describe('npm run fetch -- arxiv', { timeout: 60_000 }, () => {
  const arxivRequests = () => requests('arxiv');

  test('pages through the results oldest first, pausing between requests', async () => {
    api.arxiv(0, atom(fetchFixture('arxiv-p1.atom.xml')));
    api.arxiv(2, atom(fetchFixture('arxiv-p2.atom.xml')));
    const result = await runFetch(
      api,
      [
        'arxiv',
        '--query',
        'cat:cs.CL',
        '--since',
        '2026-01-19',
        '--until',
        '2026-01-21',
        '--page-size',
        '2',
        '--out',
        papers(),
      ],
      { PAPERBOY_ARXIV_DELAY_MS: '250' },
    );
    expect(result.stdout).toBe(
      [
        'arxiv-cat_cs.CL-2026-01-19-2026-01-21-p1.atom.xml (arxiv): 2 new, 0 updated, 0 unchanged, 0 rejected',
        'arxiv-cat_cs.CL-2026-01-19-2026-01-21-p2.atom.xml (arxiv): 1 new, 0 updated, 0 unchanged, 0 rejected',
        'total: 3 new, 0 updated, 0 unchanged, 0 rejected',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    expect(await storedFiles()).toEqual([
      '2026-01-19/2601.20001.md',
      '2026-01-20/2601.20002.md',
      '2026-01-21/2601.20003.md',
    ]);
    const [first, second] = arxivRequests();
    expect(Object.fromEntries(first?.url.searchParams ?? [])).toEqual({
      search_query: '(cat:cs.CL) AND submittedDate:[202601190000 TO 202601212359]',
      start: '0',
      max_results: '2',
      sortBy: 'submittedDate',
      sortOrder: 'ascending',
    });
    expect(second?.url.searchParams.get('start')).toBe('2');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(240);
    expect(first?.headers['user-agent']).toMatch(/^Paperboy\//);
  });

  test('--max stops early: the truncation is reported, and fails the run unless accepted', async () => {
    api.arxiv(0, atom(fetchFixture('arxiv-p1.atom.xml')));
    const args = ['arxiv', '--query', 'cat:cs.CL', '--date', '2026-01-19', '--max', '2'];
    const result = await fetch(...args);
    expect(result.stdout).toContain('total: 2 new, 0 updated, 0 unchanged, 0 rejected');
    expect(result.stderr).toContain(
      'warning: arxiv-cat_cs.CL-2026-01-19-p1.atom.xml: truncated: read 2 of 3 results (--max 2, the oldest first); narrow the query or raise --max',
    );
    expect(result.stderr).toContain('fetch: 1 download(s) truncated');
    expect(arxivRequests()).toHaveLength(1);
    expect(result.code).toBe(1);

    const accepted = await fetch(...args, '--accept-truncated');
    expect(accepted.stderr).toContain('note: arxiv-cat_cs.CL-2026-01-19-p1.atom.xml: truncated: read 2 of 3');
    expect(accepted.code).toBe(0);
  });

  test('an empty page for a query with results (an arXiv hiccup) is asked for again', async () => {
    const feed = fetchFixture('arxiv-p1.atom.xml');
    const withoutEntries = feed.replace(/<entry>[\s\S]*<\/entry>\n/, '');
    api.arxiv(0, atom(withoutEntries), atom(feed));
    api.arxiv(2, atom(fetchFixture('arxiv-p2.atom.xml')));
    const result = await fetch('arxiv', '--query', 'cat:cs.CL', '--date', '2026-01-19', '--page-size', '2');
    expect(result.stderr).toContain(
      'note: arxiv-cat_cs.CL-2026-01-19-p1.atom.xml: arXiv answered an empty page at result 1 of 3; asking again',
    );
    expect(result.stdout).toContain('total: 3 new, 0 updated, 0 unchanged, 0 rejected');
    expect(arxivRequests().map((request) => request.key)).toEqual(['arxiv 0', 'arxiv 0', 'arxiv 2']);
    expect(result.code).toBe(0);
  });

  test("arXiv's error feed: one line, nothing written", async () => {
    api.arxiv(0, atom(fetchFixture('arxiv-error.atom.xml')));
    const result = await fetch('arxiv', '--query', 'cat:cs.CL AND', '--date', '2026-01-19');
    expect(result.stdout).toBe(
      [
        'arxiv-cat_cs.CL_AND-2026-01-19-p1.atom.xml: refused: arXiv answered with an error: malformed search query: (cat:cs.CL AND) (nothing written)',
        'total: 0 new, 0 updated, 0 unchanged, 0 rejected, 1 file(s) refused',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    expect(await storedFiles()).toEqual([]);
  });

  test("arXiv's error feed with HTTP 400: not retried, the error is shown", async () => {
    api.arxiv(0, atom(fetchFixture('arxiv-error.atom.xml'), 400));
    const result = await fetch('arxiv', '--query', 'cat:cs.CL AND', '--date', '2026-01-19');
    expect(result.stdout).toContain(
      ': failed: HTTP 400 Bad Request: arXiv answered with an error: malformed search query: (cat:cs.CL AND) (nothing written)',
    );
    expect(arxivRequests()).toHaveLength(1);
    expect(result.code).toBe(1);
  });

  test('an empty result is "0 papers"', async () => {
    api.arxiv(0, atom(fetchFixture('arxiv-empty.atom.xml')));
    const result = await fetch(
      'arxiv',
      '--query',
      'cat:cs.CL',
      '--since',
      '2026-01-24',
      '--until',
      '2026-01-25',
    );
    expect(result.stdout).toBe(
      [
        'arxiv-cat_cs.CL-2026-01-24-2026-01-25-p1.atom.xml (arxiv): 0 papers',
        'total: 0 new, 0 updated, 0 unchanged, 0 rejected',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  test('a truncated feed and an HTML page are refused', async () => {
    const feed = fetchFixture('arxiv-p1.atom.xml');
    api.arxiv(0, atom(feed.slice(0, feed.indexOf('</entry>'))));
    const truncated = await fetch('arxiv', '--query', 'cat:cs.CL', '--date', '2026-01-19');
    expect(truncated.stdout).toMatch(
      /^arxiv-cat_cs\.CL-2026-01-19-p1\.atom\.xml: refused: not well-formed XML \(truncated or malformed\?\): .+ \(nothing written\)$/m,
    );
    expect(truncated.code).toBe(1);

    api.arxiv(0, html(fetchFixture('hf-error-page.html')));
    const page = await fetch('arxiv', '--query', 'cat:cs.CL', '--date', '2026-01-19');
    expect(page.stdout).toContain(
      'refused: got an HTML page instead of an Atom feed ("503 Service Temporarily Unavailable")',
    );
    expect(page.code).toBe(1);
    expect(await storedFiles()).toEqual([]);
  });

  test('a page that fails keeps the pages before it; the re-run duplicates nothing', async () => {
    api.arxiv(0, atom(fetchFixture('arxiv-p1.atom.xml')));
    api.arxiv(2, { status: 500 });
    const args = [
      'arxiv',
      '--query',
      'cat:cs.CL',
      '--since',
      '2026-01-19',
      '--until',
      '2026-01-21',
      '--page-size',
      '2',
    ];
    const first = await fetch(...args);
    expect(first.stdout).toContain(
      'arxiv-cat_cs.CL-2026-01-19-2026-01-21-p2.atom.xml: failed: HTTP 500 Internal Server Error, after 5 attempts (nothing written)',
    );
    expect(first.code).toBe(1);
    expect(await storedFiles()).toHaveLength(2);

    api.arxiv(2, { status: 503 }, atom(fetchFixture('arxiv-p2.atom.xml')));
    const second = await fetch(...args);
    expect(second.stdout).toContain('total: 1 new, 0 updated, 2 unchanged, 0 rejected');
    expect(second.code).toBe(0);
    expect(await storedFiles()).toHaveLength(3);
  });

  test('with neither --date nor --since, it starts a week early: arXiv announces papers days late', async () => {
    api.hf('2026-01-21', json(fetchFixture('hf-2026-01-21.json')));
    await fetch('hf', '--date', '2026-01-21');
    api.arxiv(0, atom(fetchFixture('arxiv-empty.atom.xml')));
    const result = await fetch('arxiv', '--query', 'cat:cs.CL', '--until', '2026-01-22');
    expect(arxivRequests()[0]?.url.searchParams.get('search_query')).toBe(
      '(cat:cs.CL) AND submittedDate:[202601150000 TO 202601222359]',
    );
    expect(result.code).toBe(0);
  });
});

describe('npm run fetch: usage and settings', { timeout: 60_000 }, () => {
  test.each([
    [[], 'which source? hf or arxiv'],
    [['rss'], 'unknown source "rss"'],
    [['hf', '--date', '2026-02-30'], '--date must be a real day'],
    [['hf', '--date', '2026-01-19', '--since', '2026-01-18'], '--date is one day'],
    [
      ['hf', '--since', '2026-01-20', '--until', '2026-01-19'],
      '--since 2026-01-20 is after --until 2026-01-19',
    ],
    [['arxiv', '--date', '2026-01-19'], 'arxiv needs --query'],
    [['arxiv', '--query', 'cat:cs.CL', '--max', '0'], '--max must be a whole number'],
    [['hf', '--query', 'cat:cs.CL'], '--query, --max and --page-size are for arxiv'],
    [['hf', '--bogus'], "Unknown option '--bogus'"],
  ])('%j: exit 2', async (args, message) => {
    const result = await fetch(...args);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage: npm run fetch -- hf');
    expect(result.code).toBe(2);
    expect(api.requests).toEqual([]);
  });

  test('a bad API URL in the environment: exit 2 with its name', async () => {
    const result = await runFetch(api, ['hf', '--date', '2026-01-19', '--out', papers()], {
      PAPERBOY_HF_API: 'ftp://example.org/api',
    });
    expect(result.stderr).toContain('PAPERBOY_HF_API must be an http(s) URL, got "ftp://example.org/api"');
    expect(result.code).toBe(2);
  });
});

describe.skipIf(!HAS_SHARED)(
  needsShared('npm run fetch with the real responses in ../shared/data/samples'),
  { timeout: 60_000 },
  () => {
    const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

    test('a real Hugging Face day: 16 papers on that day', async () => {
      api.hf('2026-01-21', json(sample('hf-daily-papers-2026-01-21.json')));
      const result = await fetch('hf', '--date', '2026-01-21');
      expect(result.stdout).toBe(
        'hf-2026-01-21.json (hf): 16 new, 0 updated, 0 unchanged, 0 rejected\ntotal: 16 new, 0 updated, 0 unchanged, 0 rejected\n',
      );
      expect(result.code).toBe(0);
      const files = await storedFiles();
      expect(files).toHaveLength(16);
      expect(files.every((file) => file.startsWith('2026-01-21/'))).toBe(true);
    });

    test('a real dump written as Python reprs: read as such, with a note', async () => {
      api.hf('2024-12-11', json(sample('hf-daily-papers-2024-12-11-malformed.json')));
      const result = await fetch('hf', '--date', '2024-12-11');
      expect(result.stdout).toContain('hf-2024-12-11.json (hf): 26 new, 0 updated, 0 unchanged, 0 rejected');
      expect(result.stderr).toContain(
        'note: hf-2024-12-11.json: all 26 items are Python reprs (written with str() instead of JSON): read as Python literals',
      );
      expect(result.code).toBe(0);
      expect(await storedFiles()).toHaveLength(26);
    });

    test('real arXiv pages from both serializers, capped by --max', async () => {
      api.arxiv(0, atom(sample('arxiv-api-query-2025-08-legacy.atom.xml')));
      api.arxiv(10, atom(sample('arxiv-api-query-2025-11.atom.xml')));
      const result = await fetch(
        'arxiv',
        '--query',
        'all:electron AND all:proton',
        '--since',
        '2025-08-01',
        '--until',
        '2025-11-11',
        '--max',
        '20',
        '--page-size',
        '10',
        '--accept-truncated',
      );
      expect(result.stdout).toMatch(
        /^arxiv-all_electron_AND_all_proton-2025-08-01-2025-11-11-p1\.atom\.xml \(arxiv\): 10 new, 0 updated, 0 unchanged, 0 rejected$/m,
      );
      expect(result.stdout).toMatch(
        /-p2\.atom\.xml \(arxiv\): \d+ new, \d+ updated, \d+ unchanged, 0 rejected$/m,
      );
      expect(result.stderr).toContain('truncated: read 20 of 7,432 results (--max 20');
      expect(result.code).toBe(0);
      expect(api.requests).toHaveLength(2);
    });

    test('a real id_list answer with a missing id: imported, with a note', async () => {
      api.arxiv(0, atom(sample('arxiv-api-missing-id.atom.xml')));
      const result = await fetch('arxiv', '--query', 'cat:math.AP', '--date', '2022-01-31');
      expect(result.stdout).toContain('(arxiv): 1 new, 0 updated, 0 unchanged, 0 rejected');
      expect(result.stderr).toMatch(/^note: .*2201\.13455/m);
      expect(result.code).toBe(0);
    });
  },
);
