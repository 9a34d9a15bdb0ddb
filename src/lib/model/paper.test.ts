import { describe, expect, test } from 'vitest';
import { paperSchema, webUrlSchema } from './paper.ts';

describe('paperSchema days', () => {
  test.each(['2026-13-01', '2026-02-30', '2026-7-30', 'yesterday'])(
    '%s is reported as an issue, not thrown',
    (day) => {
      const result = paperSchema.safeParse({ id: 'x', title: 'T', day, source: 'jsonl' });
      expect(result.success).toBe(false);
    },
  );

  test('an unquoted YAML date (a Date) is read as its calendar day', () => {
    expect(
      paperSchema.parse({ id: 'x', title: 'T', day: new Date('2026-07-30T00:00:00Z'), source: 'jsonl' }).day,
    ).toBe('2026-07-30');
  });
});

describe('webUrlSchema', () => {
  test.each([
    'https://example.org',
    'http://example.org/a?b=c#d',
    'HTTPS://EXAMPLE.ORG/X',
    'https://user@example.org/',
    'https://例え.jp/パス',
    'https://example.org/😀',
    '  https://example.org/trimmed  ',
  ])('accepts %j', (url) => {
    expect(webUrlSchema.safeParse(url).success).toBe(true);
  });

  test.each([
    'https:evil.example/x',
    'https:/evil.example/x',
    'https:///evil.example/x',
    'https:\\\\evil.example/x',
    'https://\\evil.example/x',
    'https://@evil.example',
    '//evil.example/x',
    '/relative',
    'javascript:alert(1)',
    'data:text/html,x',
    'ftp://example.org/x',
    'https://exa mple.org/',
    'https://example.org/a b',
    'https://example.org/\u0000',
    'https://example.org/\nx',
    'https://example.org/\u0085',
    'https://example.org/\uFFFE',
    'https://example.org/\uD800',
    'https://example.org\\@good.example/',
    'https://',
  ])('refuses %j', (url) => {
    expect(webUrlSchema.safeParse(url).success).toBe(false);
  });
});

describe('paper ids', () => {
  test.each([
    'CON',
    'con',
    'Aux',
    'nul',
    'PRN',
    'COM1',
    'com9',
    'LPT9',
    'lpt0',
    'con.md',
    'NUL.tar.gz',
    'aux.x',
  ])('%j is a Windows device name and refused', (id) => {
    const result = paperSchema.safeParse({ id, title: 'T', day: '2026-07-30', source: 'jsonl' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('device name on Windows');
  });

  test.each(['console', 'auxiliary', 'com10', 'null', 'lpt', 'con-paper', 'a.con', '2401.01234'])(
    '%j is fine',
    (id) => {
      expect(paperSchema.safeParse({ id, title: 'T', day: '2026-07-30', source: 'jsonl' }).success).toBe(
        true,
      );
    },
  );
});

describe('paperSchema text', () => {
  test.each([
    ['title', { title: '\u200B\u200B' }, 'title'],
    ['an author', { authors: ['A. Author', '\u202E\u2069'] }, 'authors.1'],
    ['a keyword', { keywords: ['\uFEFF\u034F'] }, 'keywords.0'],
  ])('%s of only invisible characters is refused, as an empty one is, by field', (_, fields, field) => {
    const result = paperSchema.safeParse({
      id: 'x',
      title: 'T',
      day: '2026-07-30',
      source: 'jsonl',
      ...fields,
    });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [field, expect.stringMatching(/^must not be empty: it holds only invisible characters \(U\+/)],
    ]);
  });
});
