import { describe, expect, test } from 'vitest';
import { readFixture } from '../../../../tests/helpers.ts';
import { normaliseRecord } from '../normalise.ts';
import { formatProblem } from '../raw-record.ts';
import { parseHfDailyPapers } from './hf.ts';

describe('parseHfDailyPapers', () => {
  test('reads the current shape; bad items are reported, the rest kept', async () => {
    const result = parseHfDailyPapers(await readFixture('hf-current.json'));
    if (!result.ok) throw new Error(result.message);
    expect(result.records.map((record) => record.position)).toEqual(['item 1', 'item 2', 'item 6']);
    expect(result.errors.map((problem) => formatProblem('hf-current.json', problem))).toEqual([
      // Item 3 is a string, but a Python repr of an item: read as such, it has no day.
      'hf-current.json: item 3 (2601.00003): paper.submittedOnDailyAt: expected a timestamp (the digest day), got nothing; pass --date to set the day',
      'hf-current.json: item 4 (2601.00004): paper.submittedOnDailyAt: expected a timestamp (the digest day), got nothing; pass --date to set the day',
      'hf-current.json: item 5: paper: expected an object, got nothing',
    ]);
    const first = normaliseRecord(result.records[0] as never, { source: 'hf' });
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    expect(first.record).toEqual({
      data: {
        id: '2601.00001',
        title: 'A Title With Hard Line Breaks',
        // The digest day is the day it was submitted to the daily list, not any publishedAt.
        day: '2026-01-21',
        authors: ['Ada Lovelace', 'Hidden Person', 'Émile Zola'],
        arxiv: '2601.00001',
        published: '2026-01-15',
        links: {
          abs: 'https://arxiv.org/abs/2601.00001',
          pdf: 'https://arxiv.org/pdf/2601.00001',
          hf: 'https://huggingface.co/papers/2601.00001',
          code: 'https://github.com/example/one',
          project: 'https://example.github.io/one/',
        },
        topics: [],
        excludedTopics: [],
        keywords: ['large language models', 'agents'],
        categories: [],
        upvotes: 24,
        githubStars: 8,
        summary: 'A one-line summary.',
        thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2601.00001.png',
        organization: 'Example Lab',
        source: 'hf',
      },
      abstract: 'First line of the abstract wraps here.\n\nSecond paragraph.',
    });
  });

  test('date-only timestamps, versioned ids, nulls and unsafe links', async () => {
    const result = parseHfDailyPapers(await readFixture('hf-current.json'));
    if (!result.ok) throw new Error(result.message);
    const second = normaliseRecord(result.records[1] as never, { source: 'hf' });
    if (!second.ok) throw new Error(JSON.stringify(second.problems));
    expect(second.record.data).toMatchObject({
      id: '2601.00002',
      arxiv: '2601.00002',
      arxivVersion: 3,
      day: '2026-01-21',
      published: '2026-01-19',
      title: 'yes',
      upvotes: 0,
    });
    expect(second.record.data.links.project).toBeUndefined();
    expect(second.record.data.links.code).toBeUndefined();
    expect(second.record.abstract).toBe('null');
    expect(second.warnings).toEqual([
      {
        position: 'item 2',
        id: '2601.00002',
        field: 'links.project',
        message: 'dropped "javascript:alert(1)": expected an absolute http(s) URL with a host',
      },
    ]);
  });

  test('an invalid value rejects the item with its field', async () => {
    const result = parseHfDailyPapers(await readFixture('hf-current.json'));
    if (!result.ok) throw new Error(result.message);
    const sixth = normaliseRecord(result.records[2] as never, { source: 'hf' });
    expect(sixth.ok).toBe(false);
    if (!sixth.ok) {
      expect(sixth.problems.map((problem) => formatProblem('f.json', problem))).toEqual([
        'f.json: item 6 (2601.00005): upvotes: Too small: expected number to be >=0',
      ]);
    }
  });

  test('--date sets the day of items without submittedOnDailyAt', async () => {
    const result = parseHfDailyPapers(await readFixture('hf-current.json'), { date: '2026-01-22' });
    expect(result.ok && result.records.map((record) => record.position)).toEqual([
      'item 1',
      'item 2',
      'item 3',
      'item 4',
      'item 6',
    ]);
    expect(result.ok && result.notes).toEqual([
      {
        position: '',
        message: '1 item is a Python repr (written with str() instead of JSON): read as a Python literal',
      },
    ]);
  });

  test('reads the older shape (mediaUrl, no AI fields), hidden authors kept in order', async () => {
    const result = parseHfDailyPapers(await readFixture('hf-old-shape.json'));
    if (!result.ok) throw new Error(result.message);
    const only = normaliseRecord(result.records[0] as never, { source: 'hf' });
    if (!only.ok) throw new Error(JSON.stringify(only.problems));
    expect(only.record.data).toMatchObject({
      id: '2312.00001',
      day: '2023-12-04',
      authors: ['Alan Turing', 'Second Author'],
      thumbnail: 'https://cdn-uploads.huggingface.co/production/uploads/older.png',
      keywords: [],
    });
    expect(only.record.data.summary).toBeUndefined();
  });

  test.each([
    ['', 'the file is empty'],
    ['{"error": "Invalid date"}', 'expected a JSON array, got an object (the API said: Invalid date)'],
    ['[1, 2]', 'none of its 2 items is an object with a "paper"; they are numbers'],
    [
      '["{\'paper\': datetime.date(2024, 1, 1)}"]',
      'none of its 1 items is an object with a "paper"; they are strings',
    ],
    ['[{"paper": {"id": "1"', 'not valid JSON (truncated or malformed?)'],
  ])('refuses %j', (text, message) => {
    const result = parseHfDailyPapers(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  test('a byte order mark before the JSON is fine', async () => {
    const text = await readFixture('hf-old-shape.json');
    const plain = parseHfDailyPapers(text);
    expect(parseHfDailyPapers(`\uFEFF${text}`)).toEqual(plain);
    expect(plain.ok && plain.records.length).toBe(1);
  });

  test('an image is found by its extension before any query, case aside', () => {
    const result = parseHfDailyPapers(
      JSON.stringify([
        {
          paper: { id: '2601.00001', title: 'T', summary: 'S', submittedOnDailyAt: '2026-01-21T00:00:00Z' },
          mediaUrls: [
            'https://x.example/video.mp4',
            'https://x.example/a.png.mp4?x=.png',
            'https://x.example/B.JPEG?w=1#f',
          ],
        },
      ]),
    );
    expect(result.ok && result.records[0]?.fields.thumbnail).toBe('https://x.example/B.JPEG?w=1#f');
  });

  test('a truncated file is refused', async () => {
    const result = parseHfDailyPapers(await readFixture('hf-truncated.json'));
    expect(result.ok).toBe(false);
  });

  test('an empty list is a day without papers', () => {
    expect(parseHfDailyPapers('[]')).toEqual({ ok: true, records: [], errors: [] });
  });
});

describe('archived dumps: repaired, with a note', () => {
  /** Python's repr of what json.loads returns, written here independently of the reader under test. */
  function pythonRepr(value: unknown): string {
    if (value === null) return 'None';
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') {
      const escaped = value
        .replaceAll('\\', '\\\\')
        .replaceAll("'", "\\'")
        .replaceAll('\n', '\\n')
        .replaceAll('\r', '\\r')
        .replaceAll('\t', '\\t');
      return `'${escaped}'`;
    }
    if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
  }

  test('items written as Python reprs read as the same records as the JSON they were made from', async () => {
    // The items that carry their day: the envelope's date is for those that do not (the next test).
    const items = (JSON.parse(await readFixture('hf-current.json')) as unknown[]).filter(
      (item) =>
        typeof item === 'object' &&
        (item as { paper?: { submittedOnDailyAt?: string } }).paper?.submittedOnDailyAt,
    );
    const plain = parseHfDailyPapers(JSON.stringify(items));
    const reprs = parseHfDailyPapers(JSON.stringify(items.map(pythonRepr)));
    if (!plain.ok || !reprs.ok) throw new Error('refused');
    expect(reprs.records).toEqual(plain.records);
    expect(reprs.errors).toEqual(plain.errors);
    expect(reprs.notes).toEqual([
      {
        position: '',
        message: `all ${items.length} items are Python reprs (written with str() instead of JSON): read as Python literals`,
      },
    ]);
  });

  test('a list inside an envelope object is read from its "data"', async () => {
    // The items that carry their day: the envelope's date is for those that do not (the next test).
    const items = (JSON.parse(await readFixture('hf-current.json')) as unknown[]).filter(
      (item) =>
        typeof item === 'object' &&
        (item as { paper?: { submittedOnDailyAt?: string } }).paper?.submittedOnDailyAt,
    );
    const plain = parseHfDailyPapers(JSON.stringify(items));
    const wrapped = parseHfDailyPapers(
      JSON.stringify({ status: 'success', date: '2026-01-21', count: items.length, data: items }),
    );
    if (!plain.ok || !wrapped.ok) throw new Error('refused');
    expect(wrapped.records).toEqual(plain.records);
    expect(wrapped.notes).toEqual([
      {
        position: '',
        message: `the list is the "data" of an object with status, date, count, data (an archive's envelope): read from there`,
      },
    ]);
  });

  test("an envelope's date is the day of items without submittedOnDailyAt, and only of those", () => {
    const item = (id: string, daily?: string) => ({
      paper: { id, title: `Paper ${id}`, summary: 'A.', ...(daily ? { submittedOnDailyAt: daily } : {}) },
    });
    const envelope = (date: unknown) =>
      JSON.stringify({
        status: 'success',
        date,
        count: 2,
        data: [item('2501.00001'), item('2501.00002', '2025-01-09T12:00:00.000Z')],
      });
    const result = parseHfDailyPapers(envelope('2025-01-10'));
    if (!result.ok) throw new Error(result.message);
    expect(result.records.map((record) => record.fields.day)).toEqual(['2025-01-10', '2025-01-09']);
    expect(result.notes?.at(-1)?.message).toBe(
      "1 item(s) without submittedOnDailyAt: filed on the envelope's date, 2025-01-10",
    );
    // Without a date it can read, the item still needs --date.
    const undated = parseHfDailyPapers(envelope('last Friday'));
    if (!undated.ok) throw new Error(undated.message);
    expect(undated.records).toHaveLength(1);
    expect(undated.errors[0]?.field).toBe('paper.submittedOnDailyAt');
  });

  test('a string item that is not a repr of an object stays an error of that item, saying why', () => {
    const result = parseHfDailyPapers(
      JSON.stringify([{ paper: { id: '2601.00001', title: 'T', summary: 'A.' } }, "{'paper': open('x')}"]),
      { date: '2026-01-21' },
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.records).toHaveLength(1);
    expect(result.errors).toEqual([
      {
        position: 'item 2',
        message:
          'expected an object, got a string (not a Python repr of one either: not a Python literal at character 11)',
      },
    ]);
  });
});
