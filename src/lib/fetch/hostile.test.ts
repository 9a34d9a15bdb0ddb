import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  atom,
  compressionBomb,
  type Encoding,
  encoded,
  fetchFixture,
  json,
  runFetch,
  startFakeApi,
  useFetchRun,
} from '../../../tests/fake-api.ts';
import { generatedPapers } from '../../../tests/helpers.ts';
import { mebibytes } from '../../../tests/peak-memory.ts';
import { addDays, todayUtc } from '../model/day.ts';

/**
 * `npm run fetch` against a hostile server on 127.0.0.1: the real CLI, as the daily workflow runs it,
 * fed what a broken or malicious API could send. Every fetch must stay bounded (memory, requests,
 * pages) and nothing it is sent may stop the next day's fetch.
 */

/** No test here waits on a timeout: a long one keeps a loaded machine from turning a slow answer into a retry. */
const PATIENT = { PAPERBOY_FETCH_TIMEOUT_MS: '60000' };
const { api, dir, papers, fetch, storedFiles, requests } = useFetchRun(PATIENT);
const statePath = () => join(dir(), 'fetch-state.json');
const hfRequests = () => requests('hf');
const requestedDays = () => hfRequests().map((request) => request.url.searchParams.get('date'));
const arxivRequests = () => requests('arxiv');

/** The peak memory the fetch may reach, whatever the server sends. */
const PEAK_LIMIT = 512 * 1024 * 1024;
/** Past this the child is killed: far over the limit, and far under what the machine has. */
const GUARD = 1536 * 1024 * 1024;

describe('days: nothing after tomorrow, nothing before the source began', { timeout: 120_000 }, () => {
  const today = todayUtc();
  test.each([
    [['hf', '--date', '2099-01-01'], '--date 2099-01-01 is after tomorrow'],
    [['hf', '--since', '2099-01-01'], '--since 2099-01-01 is after tomorrow'],
    [['hf', '--since', '2026-01-01', '--until', '2099-01-03'], '--until 2099-01-03 is after tomorrow'],
    [['hf', '--date', addDays(today, 2)], `--date ${addDays(today, 2)} is after tomorrow`],
    [['hf', '--since', '0000-01-01', '--until', '0000-01-03'], '--since 0000-01-01 is before 2023-05-04'],
    [
      ['hf', '--date', '2023-05-03'],
      '--date 2023-05-03 is before 2023-05-04, when Hugging Face daily papers began',
    ],
    [['arxiv', '--query', 'cat:cs.CL', '--date', '1991-08-13'], '--date 1991-08-13 is before 1991-08-14'],
  ])('%j is a usage error', async (args, message) => {
    const result = await fetch(...args);
    expect(result.stderr).toContain(`fetch: ${message}`);
    expect(result.stderr).toContain('usage: npm run fetch');
    expect(result.code).toBe(2);
    expect(api.requests).toEqual([]);
  });

  test('tomorrow is fine (a day that has begun east of UTC)', async () => {
    api.hfFallback(() => json('[]'));
    const result = await fetch('hf', '--date', addDays(today, 1));
    expect(result.code).toBe(0);
    expect(requestedDays()).toEqual([addDays(today, 1)]);
  });

  test('an arXiv entry dated 2099 is filed inside the days asked for, with a note; no 2099 folder', async () => {
    const feed = fetchFixture('arxiv-p1.atom.xml')
      .replace('<opensearch:totalResults>3<', '<opensearch:totalResults>2<')
      .replace('<published>2026-01-20T16:30:00Z</published>', '<published>2099-12-31T00:00:00Z</published>');
    api.arxiv(0, atom(feed));
    const days = ['--since', '2026-01-19', '--until', '2026-01-20'];
    const result = await fetch('arxiv', '--query', 'cat:cs.CL', ...days);
    expect(result.stderr).toContain(
      'note: arxiv-cat_cs.CL-2026-01-19-2026-01-20-p1.atom.xml: entry 2 (2601.20002): day: 2099-12-31 is outside the days asked for (2026-01-19 to 2026-01-20): filed on 2026-01-20',
    );
    expect(result.code).toBe(0);
    expect(await storedFiles()).toEqual(['2026-01-19/2601.20001.md', '2026-01-20/2601.20002.md']);
  });
});

describe('the catch-up starts from what was fetched completely', { timeout: 120_000 }, () => {
  /** A paper stored on a day from the future, as an older version could have filed it. */
  async function storeFuturePaper(): Promise<void> {
    await mkdir(join(papers(), '2099-12-31'), { recursive: true });
    await writeFile(
      join(papers(), '2099-12-31', 'from-the-future.md'),
      "---\nid: from-the-future\ntitle: From the Future\nday: '2099-12-31'\nsource: jsonl\n---\nAn abstract.\n",
    );
  }
  const serve = (...days: string[]) => {
    for (const day of days) api.hf(day, json(fetchFixture(`hf-${day}.json`)));
  };

  test('a stored day in the future does not stop it: it starts after the fetch state', async () => {
    serve('2026-01-19', '2026-01-20', '2026-01-21');
    await storeFuturePaper();
    await writeFile(statePath(), '{ "hf": "2026-01-19", "arxiv": {} }\n');
    const result = await fetch('hf', '--until', '2026-01-21');
    expect(requestedDays()).toEqual(['2026-01-20', '2026-01-21']);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(statePath(), 'utf8'))).toEqual({ hf: '2026-01-21', arxiv: {} });
  });

  test('without a fetch state, it starts after the newest stored day up to today, not a future one', async () => {
    serve('2026-01-19', '2026-01-20', '2026-01-21');
    await fetch('hf', '--date', '2026-01-19');
    await storeFuturePaper();
    await writeFile(statePath(), '{}\n');
    api.requests.length = 0;
    const result = await fetch('hf', '--until', '2026-01-21');
    expect(requestedDays()).toEqual(['2026-01-20', '2026-01-21']);
    expect(result.code).toBe(0);
  });

  test('a fetch state in the future is ignored, with a warning', async () => {
    serve('2026-01-20', '2026-01-21');
    await writeFile(statePath(), '{ "hf": "2099-12-31", "arxiv": { "cat:cs.CL": "2026-13-01" } }\n');
    await mkdir(join(papers(), '2026-01-19'), { recursive: true });
    await writeFile(join(papers(), '2026-01-19', 'x.md'), '');
    const result = await fetch('hf', '--until', '2026-01-21');
    expect(result.stderr).toContain(`warning: ${statePath()}: hf: "2099-12-31" is not a day up to today`);
    expect(requestedDays()).toEqual(['2026-01-20', '2026-01-21']);
    expect(JSON.parse(readFileSync(statePath(), 'utf8'))).toEqual({ hf: '2026-01-21', arxiv: {} });
  });

  test('the state says the last day fetched completely: up to a failure', async () => {
    serve('2026-01-19', '2026-01-21');
    api.hf('2026-01-20', { status: 404 });
    const failed = await fetch('hf', '--since', '2026-01-19', '--until', '2026-01-21');
    expect(failed.code).toBe(1);
    expect(JSON.parse(readFileSync(statePath(), 'utf8'))).toEqual({ hf: '2026-01-19', arxiv: {} });
  });

  test('never today, whose list may still grow; never past a gap of days not fetched', async () => {
    api.hfFallback(() => json('[]'));
    const yesterday = addDays(todayUtc(), -1);
    const result = await fetch('hf', '--since', yesterday);
    expect(result.stderr).toContain(`fetch: hf fetched completely through ${yesterday} (${statePath()})`);
    expect(JSON.parse(readFileSync(statePath(), 'utf8'))).toEqual({ hf: yesterday, arxiv: {} });

    await writeFile(statePath(), '{ "hf": "2026-01-19", "arxiv": {} }\n');
    await fetch('hf', '--since', yesterday);
    expect(JSON.parse(readFileSync(statePath(), 'utf8'))).toEqual({ hf: '2026-01-19', arxiv: {} });
  });

  test('arXiv: each query has its own day; a truncated window is not complete', async () => {
    api.arxiv(0, atom(fetchFixture('arxiv-p1.atom.xml')));
    const args = ['arxiv', '--query', 'cat:cs.CL', '--since', '2026-01-19', '--until', '2026-01-21'];
    const truncated = await fetch(...args, '--max', '2');
    expect(truncated.code).toBe(1);
    expect(existsSync(statePath())).toBe(false);
    api.arxiv(2, atom(fetchFixture('arxiv-p2.atom.xml')));
    await fetch(...args, '--page-size', '2');
    expect(JSON.parse(readFileSync(statePath(), 'utf8'))).toEqual({ arxiv: { 'cat:cs.CL': '2026-01-21' } });
  });
});

describe('the response size is bounded', { timeout: 300_000 }, () => {
  const FOUR_GIB = 4 * 1024 * 1024 * 1024;
  const env = { PAPERBOY_FETCH_TIMEOUT_MS: '120000' };

  test.each(['gzip', 'deflate', 'br'] as Encoding[])(
    'a %s bomb (4 GiB decompressed) is refused at PAPERBOY_FETCH_MAX_BYTES, once, within 512 MiB',
    async (encoding) => {
      const bomb = await compressionBomb(encoding, FOUR_GIB);
      api.hf('2026-01-21', encoded(encoding, bomb));
      const result = await runFetch(api, ['hf', '--date', '2026-01-21', '--out', papers()], env, {
        killAboveBytes: GUARD,
      });
      console.info(
        `peak memory of the fetch, ${encoding} bomb of ${bomb.length.toLocaleString('en')} bytes (4 GiB decompressed): ${mebibytes(result.peakRssBytes)}`,
      );
      expect(result.killedForMemory).toBe(false);
      expect(result.stdout).toContain(
        'hf-2026-01-21.json: failed: the response is larger than 4 MiB once decompressed (PAPERBOY_FETCH_MAX_BYTES): stopped reading it',
      );
      expect(result.code).toBe(1);
      expect(hfRequests()).toHaveLength(1);
      expect(result.peakRssBytes ?? 0).toBeLessThanOrEqual(PEAK_LIMIT);
      expect(await storedFiles()).toEqual([]);
    },
  );

  test('an endless body is refused at the limit the setting names, once, within 512 MiB', async () => {
    api.hf('2026-01-21', { endless: true });
    const result = await runFetch(
      api,
      ['hf', '--date', '2026-01-21', '--out', papers()],
      { ...env, PAPERBOY_FETCH_MAX_BYTES: String(200 * 1024 * 1024) },
      { killAboveBytes: GUARD },
    );
    console.info(`peak memory of the fetch, endless body, 200 MiB limit: ${mebibytes(result.peakRssBytes)}`);
    expect(result.killedForMemory).toBe(false);
    expect(result.stdout).toContain('failed: the response is larger than 200 MiB once decompressed');
    expect(result.code).toBe(1);
    expect(hfRequests()).toHaveLength(1);
    expect(result.peakRssBytes ?? 0).toBeLessThanOrEqual(PEAK_LIMIT);
  });
});

describe('the densest answer under the limit', { timeout: 600_000 }, () => {
  const LIMIT = 4 * 1024 * 1024;
  /** As many records as fit in `LIMIT` bytes with `wrap` around them. */
  function fill(record: (index: number) => string, wrap: (records: string, count: number) => string): string {
    const records: string[] = [];
    let size = wrap('', 0).length + 1024;
    for (let index = 0; ; index += 1) {
      const next = record(index);
      if (size + next.length + 1 > LIMIT) break;
      records.push(next);
      size += next.length + 1;
    }
    return wrap(records.join(','), records.length);
  }

  test('Hugging Face: papers of 5,000 authors each, 4 MiB in all, imported within 512 MiB', async () => {
    const authors = JSON.stringify(Array.from({ length: 5000 }, (_, index) => ({ name: `A${index % 10}` })));
    const body = fill(
      (index) =>
        `{"paper":{"id":"2601.${String(index).padStart(5, '0')}","title":"P ${index}","summary":"An abstract.","authors":${authors}}}`,
      (records) => `[${records}]`,
    );
    api.hf('2026-01-21', json(body));
    const result = await runFetch(api, ['hf', '--date', '2026-01-21', '--out', papers()], PATIENT);
    console.info(
      `peak memory of the fetch, ${mebibytes(body.length)} of 5,000-author papers: ${mebibytes(result.peakRssBytes)}`,
    );
    expect(result.stdout).toMatch(
      /^hf-2026-01-21\.json \(hf\): \d+ new, 0 updated, 0 unchanged, 0 rejected$/m,
    );
    expect(result.code).toBe(0);
    expect(result.peakRssBytes ?? 0).toBeLessThanOrEqual(PEAK_LIMIT);
  });

  test('arXiv: a page of 1,000 entries (the most one asks for), 4 MiB in all, imported within 512 MiB', async () => {
    const abstract = 'We study attention, data and learning in models. '.repeat(38);
    const authors = Array.from(
      { length: 40 },
      (_, index) => `<author><name>Author ${index}</name></author>`,
    ).join('');
    const body = fill(
      (index) =>
        `<entry><id>http://arxiv.org/abs/2601.${String(index).padStart(5, '0')}v1</id><title>Paper ${index}</title><summary>${abstract}</summary><published>2026-01-20T10:00:00Z</published>${authors}<category term="cs.CL"/></entry>`,
      (records, count) =>
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"><opensearch:totalResults>${count}</opensearch:totalResults>${records.replaceAll('</entry>,<entry>', '</entry>\n<entry>')}</feed>`,
    );
    api.arxiv(0, atom(body));
    const result = await runFetch(
      api,
      ['arxiv', '--query', 'cat:cs.CL', '--date', '2026-01-20', '--page-size', '1000', '--out', papers()],
      PATIENT,
    );
    console.info(
      `peak memory of the fetch, ${mebibytes(body.length)} arXiv page: ${mebibytes(result.peakRssBytes)}`,
    );
    expect(result.stdout).toMatch(/-p1\.atom\.xml \(arxiv\): \d+ new, 0 updated, 0 unchanged, 0 rejected$/m);
    expect(result.code).toBe(0);
    expect(result.peakRssBytes ?? 0).toBeLessThanOrEqual(PEAK_LIMIT);
  });
});

describe('a huge day', { timeout: 300_000 }, () => {
  test('130,000 papers in one answer: refused with a message, no stack overflow', async () => {
    const body = generatedPapers({ count: 130_000, format: 'hf', day: '2026-01-21' });
    api.hf('2026-01-21', json(body));
    // Over the default size limit already (a 4 MiB answer holds about 20,000 such papers): raised here
    // so that the count is what refuses it.
    const result = await runFetch(api, ['hf', '--date', '2026-01-21', '--out', papers()], {
      PAPERBOY_FETCH_TIMEOUT_MS: '120000',
      PAPERBOY_FETCH_MAX_BYTES: String(64 * 1024 * 1024),
    });
    expect(result.stderr).not.toContain('RangeError');
    expect(result.stdout).toContain(
      'hf-2026-01-21.json: refused: page 1 holds 130,000 papers, more than the 2,000 a day is read to (100 were asked for): not the daily list (nothing written)',
    );
    expect(result.code).toBe(1);
    expect(await storedFiles()).toEqual([]);
  });
});

describe('redirects', { timeout: 120_000 }, () => {
  test.each([
    ['another address', 'http://127.0.0.2:{port}/hf/api/daily_papers?date=2026-01-21', '127.0.0.2:{port}'],
    ['another port', 'http://127.0.0.1:9/x', '127.0.0.1:9'],
    ['a cloud metadata address', 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
  ])('to %s: refused, naming both hosts, not retried', async (_, location, host) => {
    const port = new URL(api.origin).port;
    api.hf('2026-01-21', { redirect: location.replace('{port}', port) });
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stdout).toContain(
      `hf-2026-01-21.json: failed: refused a redirect from 127.0.0.1:${port} to ${host.replace('{port}', port)}: a fetch stays on 127.0.0.1:${port} and the hosts of PAPERBOY_FETCH_ALLOWED_HOSTS`,
    );
    expect(result.code).toBe(1);
    expect(api.requests).toHaveLength(1);
    expect(await storedFiles()).toEqual([]);
  });

  test('on the same host, and to a host PAPERBOY_FETCH_ALLOWED_HOSTS lists, a redirect is followed', async () => {
    const mirror = await startFakeApi();
    try {
      mirror.hf('2026-01-21', json(fetchFixture('hf-2026-01-21.json')));
      api.route(({ url }) =>
        url.pathname === '/hf/api/daily_papers'
          ? { redirect: `/moved${url.pathname}${url.search}` }
          : undefined,
      );
      api.route(({ url }) =>
        url.pathname.startsWith('/moved/')
          ? { redirect: `${mirror.origin}${url.pathname.slice(6)}${url.search}` }
          : undefined,
      );
      const refused = await fetch('hf', '--date', '2026-01-21');
      expect(refused.stdout).toContain(`to ${new URL(mirror.origin).host}: a fetch stays on`);
      const followed = await runFetch(api, ['hf', '--date', '2026-01-21', '--out', papers()], {
        ...PATIENT,
        PAPERBOY_FETCH_ALLOWED_HOSTS: `localhost, ${new URL(mirror.origin).host}`,
      });
      expect(followed.stdout).toContain('hf-2026-01-21.json (hf): 2 new, 0 updated, 0 unchanged, 0 rejected');
      expect(followed.code).toBe(0);
    } finally {
      await mirror.close();
    }
  });

  test('a redirect loop is refused at once, not retried', async () => {
    api.route(({ url }) =>
      url.pathname === '/hf/api/daily_papers' ? { redirect: `/loop${url.search}` } : undefined,
    );
    api.route(({ url }) =>
      url.pathname === '/loop' ? { redirect: `/hf/api/daily_papers${url.search}` } : undefined,
    );
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stdout).toMatch(
      /hf-2026-01-21\.json: failed: a redirect loop: http:\/\/127\.0\.0\.1:\d+\/hf\/api\/daily_papers\?.* → .*\/loop\?.* → .*\/hf\/api\/daily_papers\?/,
    );
    expect(result.code).toBe(1);
    expect(api.requests).toHaveLength(2);
  });

  test('a 4xx other than 429 is permanent: 408 is not retried', async () => {
    api.hf('2026-01-21', json('{"error":"slow"}', 408));
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(result.stdout).toContain(
      'hf-2026-01-21.json: failed: HTTP 408 Request Timeout: the API said "slow"',
    );
    expect(hfRequests()).toHaveLength(1);
  });
});

describe('pages without end', { timeout: 120_000 }, () => {
  /** A full page of papers no other page has, for page `page` of a day. */
  const freshPage = (page: number) =>
    json(generatedPapers({ count: 100, format: 'hf', day: '2026-01-21', firstArxiv: page * 100 }));

  test('Hugging Face: pages of new papers without end are truncated at 20 pages, reported, exit 1', async () => {
    api.route(({ key, url }) =>
      key.startsWith('hf ') ? freshPage(Number(url.searchParams.get('p'))) : undefined,
    );
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(hfRequests()).toHaveLength(20);
    expect(result.stdout).toContain('hf-2026-01-21.json (hf): 2000 new, 0 updated, 0 unchanged, 0 rejected');
    expect(result.stderr).toContain(
      'warning: hf-2026-01-21.json: truncated: 20 pages and 2,000 papers read, and the list goes on: a day is read up to 20 pages or 2,000 papers',
    );
    expect(result.stderr).toContain('fetch: 1 download(s) truncated');
    expect(result.code).toBe(1);
    expect(existsSync(statePath())).toBe(false);

    api.requests.length = 0;
    const accepted = await fetch('hf', '--date', '2026-01-21', '--accept-truncated');
    expect(accepted.code).toBe(0);
    expect(JSON.parse(readFileSync(statePath(), 'utf8'))).toEqual({ hf: '2026-01-21', arxiv: {} });
  });

  test('Hugging Face: a page that repeats the one before ends the day as truncated', async () => {
    api.route(({ key }) => (key.startsWith('hf ') ? freshPage(0) : undefined));
    const result = await fetch('hf', '--date', '2026-01-21');
    expect(hfRequests()).toHaveLength(2);
    expect(result.stderr).toContain(
      'warning: hf-2026-01-21.json: truncated: page 2 repeats the papers of the pages before it (the API ignores p=1?)',
    );
    expect(result.code).toBe(1);
  });

  test('arXiv: a page that repeats the papers before it ends the query as truncated', async () => {
    const feed = fetchFixture('arxiv-p1.atom.xml').replace(
      '<opensearch:totalResults>3<',
      '<opensearch:totalResults>60000<',
    );
    api.route(({ key }) => (key.startsWith('arxiv ') ? atom(feed) : undefined));
    const days = ['--since', '2026-01-19', '--until', '2026-01-21'];
    const result = await fetch('arxiv', '--query', 'cat:cs.CL', ...days, '--page-size', '2');
    expect(arxivRequests()).toHaveLength(2);
    expect(result.stderr).toContain(
      'truncated: page 2 (from result 3) holds only papers of the pages before it (arXiv ignores start=2?), so the rest of the 60,000 results could not be read',
    );
    expect(result.code).toBe(1);
  });
});

describe('the arXiv query', { timeout: 120_000 }, () => {
  test.each([
    ['cat:cs.CL) OR (all:electron', 'the ")" at character 10 closes a parenthesis the query never opened'],
    ['(cat:cs.CL', '1 parenthesis is opened and never closed'],
    ['ti:"large language', 'a double quote (") is opened and never closed'],
  ])('%j is refused: it could escape the date filter', async (query, message) => {
    const result = await fetch('arxiv', '--query', query, '--date', '2026-01-19');
    expect(result.stderr).toContain(
      `--query ${JSON.stringify(query)} cannot be restricted to the days asked for: ${message}`,
    );
    expect(result.code).toBe(2);
    expect(api.requests).toEqual([]);
  });

  test('a balanced query is wrapped whole, so the date filter applies to all of it', async () => {
    api.arxiv(0, atom(fetchFixture('arxiv-empty.atom.xml')));
    await fetch('arxiv', '--query', '(cat:cs.CL) OR (all:electron)', '--date', '2026-01-19');
    expect(arxivRequests()[0]?.url.searchParams.get('search_query')).toBe(
      '((cat:cs.CL) OR (all:electron)) AND submittedDate:[202601190000 TO 202601192359]',
    );
  });
});
