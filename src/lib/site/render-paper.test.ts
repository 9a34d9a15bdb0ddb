import { expect, test } from 'vitest';
import { paperSchema } from '../model/paper.ts';
import { plainText } from '../render/plain-text.ts';
import { TEASER_LENGTH } from './card.ts';
import type { Paper } from './digest.ts';
import { excerpt } from './format.ts';
import { createPaperRenderer } from './render-paper.ts';

function paper(id: string, title: string, abstract: string): Paper {
  const data = paperSchema.parse({ id, title, day: '2026-07-28', source: 'jsonl' });
  return { id, file: `content/papers/2026-07-28/${id}.md`, data, abstract, topics: [] };
}

test('a record that cannot be formatted is escaped text, with one warning naming its file', () => {
  const warnings: string[] = [];
  const renderer = createPaperRenderer((message) => warnings.push(message));
  const bad = paper('bad', `Deep ${'x'.repeat(1200)}`, `${'> '.repeat(3000)}<script>x</script>`);
  const title = renderer.titleHtml(bad);
  const page = renderer.abstractHtml(bad);
  const feed = renderer.abstractHtml(bad, 'mathml');
  renderer.titleHtml(bad);
  expect(title.startsWith('Deep xxx')).toBe(true);
  expect(page).toContain('&lt;script&gt;');
  expect(feed).toBe(page);
  expect(renderer.abstractOpening(bad).startsWith('> > >')).toBe(true);
  expect(warnings).toEqual([
    expect.stringMatching(
      /^\[paperboy\] content\/papers\/2026-07-28\/bad\.md: shown as plain text \(title: .*1,205 characters.*; abstract: .*3000 block quotes/,
    ),
  ]);
});

test('records within budget render in full and warn nothing', () => {
  const warnings: string[] = [];
  const renderer = createPaperRenderer((message) => warnings.push(message));
  const good = paper('good', 'A $\\alpha$ title', 'With $x^2$.');
  expect(renderer.titleHtml(good)).toContain('<math');
  expect(renderer.abstractHtml(good)).toContain('katex-html');
  expect(renderer.abstractHtml(good, 'mathml')).not.toContain('katex-html');
  expect(warnings).toEqual([]);
});

test("a paper page's abstract is its page HTML and its text, and a bad record still warns once", () => {
  const warnings: string[] = [];
  const renderer = createPaperRenderer((message) => warnings.push(message));
  const good = paper('good', 'Title', 'See [the code](https://x.org) and $x^2$.');
  const bad = paper('bad', 'Title', `${'> '.repeat(3000)}x`);
  for (const record of [good, bad]) {
    const fresh = createPaperRenderer(() => {});
    expect(renderer.pageAbstract(record)).toEqual({
      html: fresh.abstractHtml(record),
      text: plainText(record.abstract),
    });
    // After the page's parse, the teaser reads its opening from that parse's text.
    const opening = renderer.abstractOpening(record);
    expect(plainText(record.abstract).startsWith(opening)).toBe(true);
    expect(excerpt(opening, TEASER_LENGTH)).toBe(excerpt(fresh.abstractOpening(record), TEASER_LENGTH));
  }
  renderer.pageAbstract(bad);
  expect(warnings).toHaveLength(1);
});
