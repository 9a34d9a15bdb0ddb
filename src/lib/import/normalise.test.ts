import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testSettings } from '../../../tests/test-settings.ts';
import { FIELD_LIMITS } from '../model/limits.ts';
import { normaliseRecord, unwrapLine, unwrapParagraphs } from './normalise.ts';

describe('unwrapping', () => {
  test.each([
    ['A title\n  that wraps', 'A title that wraps'],
    ['  padded  ', 'padded'],
    ['crlf\r\nline', 'crlf line'],
    ['keeps  inner  spaces', 'keeps  inner  spaces'],
    ['tab\tkept', 'tab\tkept'],
  ])('unwrapLine(%j) → %j', (text, expected) => {
    expect(unwrapLine(text)).toBe(expected);
  });

  test.each([
    ['  one\nparagraph\n', 'one paragraph'],
    ['one\n\ntwo\n  \n\nthree', 'one\n\ntwo\n\nthree'],
    ["\\( x'(t) = Ax(t) \\)\n+ Bu(t)", "\\( x'(t) = Ax(t) \\) + Bu(t)"],
  ])('unwrapParagraphs(%j) → %j', (text, expected) => {
    expect(unwrapParagraphs(text)).toBe(expected);
  });
});

describe('normaliseRecord', () => {
  const base = { title: 'A Title', day: '2026-07-30' };

  test('derives the id from the title slug when there is no arXiv id', () => {
    const result = normaliseRecord({ position: 'line 1', fields: base, abstract: 'A.' }, { source: 'text' });
    expect(result.ok && result.record.data.id).toBe('a-title');
  });

  test('--date overrides the source day', () => {
    const result = normaliseRecord(
      { position: 'line 1', fields: base, abstract: 'A.' },
      { source: 'text', date: '2026-08-01' },
    );
    expect(result.ok && result.record.data.day).toBe('2026-08-01');
  });

  test('removes control characters with a warning, keeps everything else', () => {
    const result = normaliseRecord(
      {
        position: 'item 1',
        fields: { ...base, title: 'Bell\u0007 <b>&amp;</b>' },
        abstract: 'Nul\u0000 here\ttab',
      },
      { source: 'hf' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.record.data.title).toBe('Bell <b>&amp;</b>');
    expect(result.record.abstract).toBe('Nul here\ttab');
    expect(result.warnings.map((warning) => warning.field)).toEqual(['title', 'abstract']);
  });

  test.each([
    [{ ...base, title: '   ' }, 'A.', 'title', 'must not be empty'],
    [base, '  ', 'abstract', 'must not be empty'],
    [base, undefined, 'abstract', 'missing'],
    [base, 42, 'abstract', 'expected a string'],
    [{ ...base, arxiv: 'nope' }, 'A.', 'arxiv', 'expected an arXiv id, got "nope"'],
    [{ ...base, day: '2026-13-01' }, 'A.', 'day', 'not a real calendar day'],
    [{ ...base, day: '30 Jul' }, 'A.', 'day', 'expected a day as YYYY-MM-DD'],
    [{ ...base, authors: ['ok', 3] }, 'A.', 'authors.1', 'expected string'],
    [{ title: 'No day' }, 'A.', 'day', ''],
  ])('rejects %j / %j with field %s', (fields, abstract, field, message) => {
    const result = normaliseRecord({ position: 'item 7', fields, abstract }, { source: 'jsonl' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContainEqual(
        expect.objectContaining({ position: 'item 7', field, message: expect.stringContaining(message) }),
      );
    }
  });
});

describe('characters no reader accepts', () => {
  const base = { title: 'A Title', day: '2026-07-30' };

  test('non-characters and controls are removed, lone surrogates replaced, in every text and URL field', () => {
    const result = normaliseRecord(
      {
        position: 'line 1',
        fields: {
          ...base,
          title: 'Bad \uFFFE title\uFFFF',
          authors: ['A \uFDD0B', 'Lone \uD800'],
          keywords: ['k\u{1FFFE}'],
          summary: 'S\u0085ummary',
          organization: 'O\u009Brg',
          links: { code: 'https://github.com/a/b\u0000', project: 'https://ok.example/\uFFFF' },
          thumbnail: 'https://img.example/\u0007x.png',
        },
        abstract: 'Body \uDC00 \u0001x',
      },
      { source: 'jsonl' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.record.data).toMatchObject({
      title: 'Bad  title',
      authors: ['A B', 'Lone \uFFFD'],
      keywords: ['k'],
      summary: 'S ummary',
      organization: 'Org',
      links: { code: 'https://github.com/a/b', project: 'https://ok.example/' },
      thumbnail: 'https://img.example/x.png',
    });
    expect(result.record.abstract).toBe('Body \uFFFD x');
    expect(result.warnings.map((warning) => `${warning.field}: ${warning.message}`)).toEqual([
      'title: removed Unicode non-characters (such as U+FFFE)',
      'organization: removed control characters',
      'authors.0: removed Unicode non-characters (such as U+FFFE)',
      'authors.1: replaced lone surrogates (broken UTF-16) with U+FFFD',
      'keywords.0: removed Unicode non-characters (such as U+FFFE)',
      'thumbnail: removed control characters',
      'links.code: removed control characters',
      'links.project: removed Unicode non-characters (such as U+FFFE)',
      'abstract: removed control characters; replaced lone surrogates (broken UTF-16) with U+FFFD',
    ]);
  });

  test('a record with lone surrogates normalises to the same record every time (idempotent)', () => {
    const raw = { position: 'line 1', fields: { ...base, title: 'T \uD83D' }, abstract: 'A \uDE00' };
    const first = normaliseRecord(raw, { source: 'jsonl' });
    if (!first.ok) throw new Error('rejected');
    const again = normaliseRecord(
      { ...raw, fields: { ...base, title: first.record.data.title }, abstract: first.record.abstract },
      { source: 'jsonl' },
    );
    expect(again.ok && again.record).toEqual(first.record);
    expect(again.ok && again.warnings).toEqual([]);
  });
});

describe('URLs', () => {
  test.each([
    ['https:evil.example/x'],
    ['https:/evil.example/x'],
    ['//evil.example/x'],
    ['javascript:alert(1)'],
    ['https://exa mple.org/'],
    [`https://example.org/${'a'.repeat(2_000)}`],
  ])('%j is dropped with a note; the paper is kept', (url) => {
    const result = normaliseRecord(
      {
        position: 'line 2',
        fields: { title: 'T', day: '2026-07-30', links: { code: url }, thumbnail: url },
        abstract: 'A.',
      },
      { source: 'jsonl' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.record.data.links).toEqual({});
    expect(result.record.data.thumbnail).toBeUndefined();
    expect(result.warnings.map((warning) => warning.field)).toEqual(['thumbnail', 'links.code']);
    expect(result.warnings[0]?.message).toMatch(/^dropped /);
  });
});

describe('field limits', () => {
  const base = { title: 'A Title', day: '2026-07-30' };
  const normalise = (fields: Record<string, unknown>, abstract: unknown = 'A.') =>
    normaliseRecord({ position: 'line 3', fields: { ...base, ...fields }, abstract }, { source: 'jsonl' });

  test.each([
    [
      { title: 'x'.repeat(FIELD_LIMITS.title + 1) },
      'A.',
      'title',
      "1,001 characters, more than the 1,000 a record's title may have",
    ],
    [{}, 'x'.repeat(FIELD_LIMITS.abstract + 1), 'abstract', '10,001 characters, more than the 10,000'],
    [
      { authors: ['ok', 'x'.repeat(301)] },
      'A.',
      'authors.1',
      "301 characters, more than the 300 a record's author name",
    ],
    [{ keywords: ['x'.repeat(201)] }, 'A.', 'keywords.0', 'more than the 200'],
    [{ summary: 'x'.repeat(2_001) }, 'A.', 'summary', 'more than the 2,000'],
    [{ organization: 'x'.repeat(301) }, 'A.', 'organization', 'more than the 300'],
    [{ categories: ['x'.repeat(65)] }, 'A.', 'categories.0', 'more than the 64'],
  ])('%# an over-long text rejects the record: %s', (fields, abstract, field, message) => {
    const result = normalise(fields, abstract);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toContainEqual(
        expect.objectContaining({ position: 'line 3', field, message: expect.stringContaining(message) }),
      );
  });

  test('exactly at the limits is fine', () => {
    const result = normalise(
      { title: 'x'.repeat(FIELD_LIMITS.title), authors: ['y'.repeat(FIELD_LIMITS.author)] },
      'z'.repeat(FIELD_LIMITS.abstract),
    );
    expect(result.ok).toBe(true);
  });

  test('a longer list is cut, with a note', () => {
    const authors = Array.from({ length: FIELD_LIMITS.authors + 7 }, (_, index) => `Author ${index}`);
    const keywords = Array.from({ length: 150 }, (_, index) => `k${index}`);
    const result = normalise({ authors, keywords });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.record.data.authors).toEqual(authors.slice(0, FIELD_LIMITS.authors));
    expect(result.record.data.keywords).toHaveLength(FIELD_LIMITS.keywords);
    expect(result.warnings.map((warning) => `${warning.field}: ${warning.message}`)).toEqual([
      'authors: kept the first 5,000 of 5,007 (a record holds at most 5,000 authors and 100,000 characters of names)',
      'keywords: kept the first 100 of 150 (a record holds at most 100 keywords)',
    ]);
  });

  test('authors are also cut, whole names, at 100,000 characters of names', () => {
    const authors = Array.from({ length: 500 }, () => 'n'.repeat(300));
    const result = normalise({ authors });
    expect(result.ok && result.record.data.authors).toHaveLength(333);
  });
});

describe('topics', () => {
  test('topics the taxonomy lacks are dropped with one note; the paper is kept', () => {
    const result = normaliseRecord(
      {
        position: 'line 4',
        fields: {
          title: 'T',
          day: '2026-07-30',
          topics: ['biology', 'not-a-topic', 'Biology', 'x'.repeat(100)],
        },
        abstract: 'A.',
      },
      { source: 'jsonl', topics: new Set(['biology', 'other']) },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.record.data.topics).toEqual(['biology']);
    expect(result.warnings).toEqual([
      {
        position: 'line 4',
        id: 't',
        field: 'topics',
        message: `dropped "not-a-topic", "Biology", "${'x'.repeat(60)}…": not a topic of content/topics.yaml`,
      },
    ]);
  });

  test('excluded topics are kept when the taxonomy has them and dropped with their own note when not', () => {
    const result = normaliseRecord(
      {
        position: 'line 2',
        fields: {
          title: 'T',
          day: '2026-07-30',
          topics: ['other'],
          excludedTopics: ['biology', 'astrology'],
        },
        abstract: 'A.',
      },
      { source: 'jsonl', topics: new Set(['biology', 'other']) },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.record.data.topics).toEqual(['other']);
    expect(result.record.data.excludedTopics).toEqual(['biology']);
    expect(result.warnings).toEqual([
      {
        position: 'line 2',
        id: 't',
        field: 'excludedTopics',
        message: 'dropped "astrology": not a topic of content/topics.yaml',
      },
    ]);
  });

  test('an excluded topic that is not a slug is rejected like a topic', () => {
    const result = normaliseRecord(
      {
        position: 'line 3',
        fields: { title: 'T', day: '2026-07-30', excludedTopics: ['Not A Slug'] },
        abstract: 'A.',
      },
      { source: 'jsonl' },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ field: 'excludedTopics.0' });
  });
});

describe('ids', () => {
  test.each(['CON', 'aux', 'Nul', 'LPT9', 'COM1', 'con.md'])(
    'the id %j is refused: a device name on Windows',
    (id) => {
      const result = normaliseRecord(
        { position: 'line 5', fields: { id, title: 'T', day: '2026-07-30' }, abstract: 'A.' },
        { source: 'jsonl' },
      );
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.problems[0]).toMatchObject({
          id,
          field: 'id',
          message: expect.stringContaining('device name on Windows'),
        });
    },
  );

  test('a hostile id is quoted and cut short in messages', () => {
    const result = normaliseRecord(
      {
        position: 'line 6',
        fields: { id: `bad\u0000${'x'.repeat(300)}`, title: 'T', day: '2026-07-30' },
        abstract: 'A.',
      },
      { source: 'jsonl' },
    );
    expect(!result.ok && result.problems[0]?.id).toBe(JSON.stringify(`bad\u0000${'x'.repeat(96)}…`));
  });
});

describe('linear time on hostile text', () => {
  const hostile: [string, string][] = [
    ['100 KB of spaces', `a${' '.repeat(100_000)}b`],
    ['100 KB of spaces and tabs before a line break', `a${' \t'.repeat(50_000)}\nb`],
    ['spaces between many line breaks', ' \n'.repeat(50_000)],
    ['blank-looking lines', '\n \t \n'.repeat(25_000)],
    ['CR runs', '\r'.repeat(100_000)],
    ['NBSP runs', `a\n${'\u00A0'.repeat(100_000)}`],
  ];

  test.each(hostile)('unwrapping %s takes well under a second', (_, text) => {
    const start = performance.now();
    unwrapLine(text);
    unwrapParagraphs(text);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  test('unwrapping means the same as the regular expressions it replaced', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', 'a', '\u00A0', '\uFEFF', '\u2028') }),
        (text) => {
          expect(unwrapLine(text)).toBe(text.replace(/[ \t]*(?:\r\n|\r|\n)\s*/g, ' ').trim());
        },
      ),
      { numRuns: testSettings.propertyRuns * 10, seed: testSettings.propertySeed },
    );
  });
});
