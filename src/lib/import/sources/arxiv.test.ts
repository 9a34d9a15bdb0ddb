import { describe, expect, test } from 'vitest';
import { readFixture } from '../../../../tests/helpers.ts';
import type { PaperRecord } from '../../model/paper.ts';
import { normaliseRecord } from '../normalise.ts';
import type { ParseResult } from '../raw-record.ts';
import { parseArxivAtom } from './arxiv.ts';

function normalised(result: ParseResult, date?: string): PaperRecord[] {
  if (!result.ok) throw new Error(result.message);
  return result.records.map((raw) => {
    const entry = normaliseRecord(raw, { source: 'arxiv', date });
    if (!entry.ok) throw new Error(JSON.stringify(entry.problems));
    return entry.record;
  });
}

describe('parseArxivAtom', () => {
  test('legacy serializer: old-style ids, hard-wrapped text, rel/title links, categories', async () => {
    const result = parseArxivAtom(await readFixture('arxiv-legacy.atom.xml'));
    const [first, second] = normalised(result);
    expect(first?.data).toEqual({
      id: 'hep-th_9901001',
      title: 'An Old-Style Paper With a Title That Is Hard-Wrapped',
      day: '1999-01-04',
      authors: ['A. Author', 'B. Author'],
      arxiv: 'hep-th/9901001',
      arxivVersion: 2,
      published: '1999-01-04',
      links: {
        abs: 'https://arxiv.org/abs/hep-th/9901001',
        pdf: 'https://arxiv.org/pdf/hep-th/9901001',
        code: 'https://github.com/example/old',
      },
      topics: [],
      excludedTopics: [],
      keywords: [],
      categories: ['hep-th', 'gr-qc'],
      source: 'arxiv',
    });
    expect(first?.abstract).toBe('We study <b>things</b> and show that $x & y$ hold.');
    expect(second?.data).toMatchObject({
      id: 'math.GT_0309136',
      arxiv: 'math.GT/0309136',
      categories: ['math.GT'],
    });
    // The query asked for three ids; arXiv answered two.
    expect(result.ok && result.notes).toEqual([
      { position: '', message: 'arXiv did not answer for 1 requested id(s): 2401.01234' },
    ]);
  });

  test('current serializer: primary category first, duplicates dropped, --date sets the day', async () => {
    const [only] = normalised(parseArxivAtom(await readFixture('arxiv-current.atom.xml')), '2026-07-30');
    expect(only?.data).toMatchObject({
      id: '2401.01234',
      arxivVersion: 3,
      day: '2026-07-30',
      published: '2024-01-03',
      categories: ['q-bio.BM', 'cs.LG'],
      links: {
        abs: 'https://arxiv.org/abs/2401.01234',
        pdf: 'https://arxiv.org/pdf/2401.01234',
        project: 'https://example.org/data',
      },
    });
  });

  test('a feed of only an Error entry is refused with arXiv’s message', async () => {
    expect(parseArxivAtom(await readFixture('arxiv-error.atom.xml'))).toEqual({
      ok: false,
      message: 'arXiv answered with an error: incorrect id format for 1234.5678x',
    });
  });

  test('an Error entry among papers is rejected, the papers kept', async () => {
    const result = parseArxivAtom(await readFixture('arxiv-mixed.atom.xml'));
    expect(result.ok && result.records).toHaveLength(1);
    expect(result.ok && result.errors).toEqual([
      { position: 'entry 2', message: 'arXiv answered with an error: something went wrong for one id' },
    ]);
  });

  test.each([
    ['', 'the file is empty'],
    ['<html><body>Service unavailable</body></html>', 'the root element is <html>'],
    ['{"not": "xml"}', 'not well-formed XML'],
  ])('refuses %j', (text, message) => {
    const result = parseArxivAtom(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  test('a truncated feed is refused, naming where it ends', async () => {
    expect(parseArxivAtom(await readFixture('arxiv-truncated.atom.xml'))).toEqual({
      ok: false,
      message: 'not well-formed XML (truncated or malformed?): the file ends inside <feed> <entry> <summary>',
    });
  });

  test('a feed without entries is an empty answer', () => {
    const result = parseArxivAtom('<feed xmlns="http://www.w3.org/2005/Atom"><title>q</title></feed>');
    expect(result).toEqual({ ok: true, records: [], errors: [], notes: [] });
  });
});

describe('text inside arXiv elements', () => {
  const feed = (entry: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry><id>http://arxiv.org/abs/2401.01234v1</id><published>2024-01-03T00:00:00Z</published>${entry}</entry></feed>`;

  test('numeric character references and the predefined entities are decoded', () => {
    const [record] = normalised(
      parseArxivAtom(
        feed(
          '<title>Caf&#233; &amp; Cr&#xE8;me &lt;3</title><summary>&#x1F600; &#8212; na&#239;ve &amp;amp; &unknown; &#0; &#xD800;</summary><author><name>Ren&#xe9;e</name></author>',
        ),
      ),
    );
    expect(record?.data.title).toBe('Café & Crème <3');
    expect(record?.data.authors).toEqual(['Renée']);
    expect(record?.abstract).toBe('😀 — naïve &amp; &unknown; \uFFFD \uFFFD');
  });

  test('XHTML inside <name> and <title> is kept as text, without double spaces', () => {
    const [record] = normalised(
      parseArxivAtom(
        feed(
          '<title>A <i xmlns="http://www.w3.org/1999/xhtml">bold</i> claim</title><summary>Text <![CDATA[<kept> & raw]]> <!-- dropped -->end.</summary>' +
            '<author><name>Jos&#233; <span xmlns="http://www.w3.org/1999/xhtml" class="x>y">van</span>  Dam</name></author>' +
            '<author><name><b>Only</b> <i>Markup</i></name></author>',
        ),
      ),
    );
    expect(record?.data.title).toBe('A bold claim');
    expect(record?.data.authors).toEqual(['José van Dam', 'Only Markup']);
    expect(record?.abstract).toBe('Text <kept> & raw end.');
  });

  test('a document type declaration is refused (entities that expand without bound)', () => {
    const result = parseArxivAtom(
      `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>${feed('<title>&b;</title><summary>x</summary>').replace(/^<\?xml[^>]*>\n/, '')}`,
    );
    expect(result).toEqual({
      ok: false,
      message:
        'not an arXiv Atom feed: it has a <!DOCTYPE> or <!ENTITY> declaration, which arXiv never sends',
    });
  });
});
