import { describe, expect, test } from 'vitest';
import { linksFromAbstract } from './abstract-links.ts';
import { detectFormat } from './detect.ts';
import { normaliseRecord } from './normalise.ts';
import { parseSource } from './parse.ts';

/**
 * Every parser and helper of the importer on hostile input (a megabyte of one character, nested
 * brackets, unclosed constructs): each must take time linear in its input. A quadratic step on a
 * megabyte costs minutes; the bound here is seconds, with room for a loaded machine.
 */

const MB = 1_000_000;
const BOUND_MS = 3_000;

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const texts: [string, string][] = [
  ['spaces', ' '.repeat(MB)],
  ['dots', '.'.repeat(MB)],
  ['opening brackets', '['.repeat(MB)],
  ['brackets', '[]('.repeat(MB / 3)],
  ['angle brackets', '<'.repeat(MB)],
  ['ampersands', '&'.repeat(MB)],
  ['line breaks and spaces', ' \n'.repeat(MB / 2)],
  ['CRs', '\r'.repeat(MB)],
  ['a month name and spaces', `Jul${' '.repeat(MB)}x`],
  ['digits', '1'.repeat(MB)],
  ['dashes', 'a-'.repeat(MB / 2)],
  ['braces', '{'.repeat(MB)],
  ['quotes', '"'.repeat(MB)],
  ['a URL and dots', `https://example.org/${'.'.repeat(MB)}x`],
  ['a URL and closing parentheses', `https://example.org/(${')'.repeat(MB)}`],
  ['URLs without a sentence end', 'see code https://example.org/x '.repeat(MB / 32)],
  ['code words', 'code repository '.repeat(MB / 16)],
  ['non-characters', '\uFFFE'.repeat(MB)],
  ['lone surrogates', '\uD800'.repeat(MB)],
];

describe('the importer is linear on hostile input', () => {
  test.each(texts)('format detection and every parser on a megabyte of %s', (_, text) => {
    expect(timed(() => detectFormat(text))).toBeLessThan(BOUND_MS);
    for (const format of ['text', 'jsonl', 'hf', 'arxiv'] as const) {
      expect(timed(() => parseSource(format, text, { date: '2026-07-30' }))).toBeLessThan(BOUND_MS);
    }
    expect(timed(() => parseSource('text', `Jul 30, 2026\n\nTitle\n\n${text}\n`))).toBeLessThan(BOUND_MS);
  });

  test.each(texts)('links in an abstract of a megabyte of %s', (_, text) => {
    expect(timed(() => linksFromAbstract(text))).toBeLessThan(BOUND_MS);
  });

  test.each(texts)('normalising a record whose every field is a megabyte of %s', (_, text) => {
    const fields = {
      title: text,
      day: '2026-07-30',
      authors: [text, text],
      keywords: [text],
      summary: text,
      organization: text,
      arxiv: text,
      id: text,
      topics: [text],
      links: { code: text, project: `https://example.org/${text}` },
      thumbnail: text,
    };
    expect(
      timed(() => normaliseRecord({ position: 'line 1', fields, abstract: text }, { source: 'jsonl' })),
    ).toBeLessThan(BOUND_MS);
  });

  test.each([
    ['nested elements', `<feed>${'<a>'.repeat(MB / 3)}`],
    ['an element with many attributes', `<feed ${'a="1" '.repeat(MB / 6)}/>`],
    ['an unclosed CDATA section', `<feed><entry><title><![CDATA[${'x'.repeat(MB)}`],
    [
      'a title of entities',
      `<feed><entry><id>http://arxiv.org/abs/2401.01234</id><title>${'&amp;&#233;&'.repeat(MB / 12)}</title><summary>s</summary></entry></feed>`,
    ],
    [
      'a name of tags',
      `<feed><entry><id>http://arxiv.org/abs/2401.01234</id><title>t</title><summary>s</summary><author><name>${'<i>a</i> '.repeat(MB / 9)}</name></author></entry></feed>`,
    ],
  ])('the arXiv parser on %s', (_, xml) => {
    expect(timed(() => parseSource('arxiv', xml))).toBeLessThan(BOUND_MS);
  });

  test('a Hugging Face file nested a hundred thousand levels deep is refused, not a crash', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    let result: ReturnType<typeof parseSource> | undefined;
    expect(timed(() => (result = parseSource('hf', deep)))).toBeLessThan(BOUND_MS);
    expect(result?.ok).toBe(false);
  });
});
