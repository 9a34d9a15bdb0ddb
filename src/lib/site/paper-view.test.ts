import { describe, expect, test } from 'vitest';
import { paperSchema } from '../model/paper.ts';
import type { Paper } from './digest.ts';
import {
  arxivTitleSearchUrl,
  labelledLinks,
  paperCard,
  paperFacts,
  paperPage,
  paperRow,
} from './paper-view.ts';
import { createPaperRenderer } from './render-paper.ts';

const paper = (extra: Record<string, unknown>) =>
  paperSchema.parse({ id: 'x', title: 'T', day: '2026-07-30', source: 'hf', ...extra });

describe('labelledLinks', () => {
  test('fixed order and labels, whatever the record order', () => {
    const { links } = paper({ links: { code: 'https://github.com/a/b', abs: 'https://arxiv.org/abs/1' } });
    expect(labelledLinks(links)).toEqual([
      { kind: 'abs', label: 'arXiv', url: 'https://arxiv.org/abs/1' },
      { kind: 'code', label: 'Code', url: 'https://github.com/a/b' },
    ]);
  });

  test('no links, no entries', () => {
    expect(labelledLinks(paper({}).links)).toEqual([]);
  });
});

test('arxivTitleSearchUrl encodes the title as one query parameter', () => {
  const url = new URL(arxivTitleSearchUrl('A & B: "C" #1?'));
  expect(url.origin).toBe('https://arxiv.org');
  expect(url.searchParams.get('query')).toBe('A & B: "C" #1?');
  expect(url.searchParams.get('searchtype')).toBe('title');
});

describe('paperFacts', () => {
  test('lists only what the record has, zero counts included', () => {
    expect(
      paperFacts(paper({ upvotes: 0, categories: ['cs.CL', 'cs.LG'], published: '2026-07-01' })),
    ).toEqual([
      ['Published', '1 Jul 2026'],
      ['Upvotes', '0'],
      ['arXiv categories', 'cs.CL, cs.LG'],
    ]);
    expect(paperFacts(paper({}))).toEqual([]);
  });
});

describe('the views of a paper, shaped without the build', () => {
  const record = (id: string, extra: Record<string, unknown> = {}, topics: string[] = []): Paper => ({
    id,
    data: paper({ id, ...extra }),
    abstract: 'First sentence with $x^2$. Second sentence.',
    topics,
  });
  const context = () => ({ renderer: createPaperRenderer(), topicName: (slug: string) => `Topic ${slug}` });

  test('a card: its title rendered, its topics named, the abstract’s opening as teaser without a TL;DR', () => {
    const card = paperCard(record('a', { title: 'On $\\alpha$' }, ['vision']), context());
    expect(card.titleHtml).toContain('<math');
    expect(card.topics).toEqual([{ slug: 'vision', name: 'Topic vision' }]);
    expect(card.teaser).toMatch(/^First sentence with x/);
    expect(card.isSummary).toBe(false);
    expect(paperCard(record('b', { summary: 'Short.' }), context())).toMatchObject({
      teaser: 'Short.',
      isSummary: true,
    });
  });

  test('a row: its title and counts, no teaser', () => {
    const row = paperRow(
      record('a', { upvotes: 3, links: { code: 'https://github.com/a/b' } }),
      createPaperRenderer(),
    );
    expect(row).toMatchObject({ titleHtml: 'T', counts: ['3 upvotes'], code: 'https://github.com/a/b' });
    expect(row).not.toHaveProperty('teaser');
  });

  test('a page: its title (isolated when it holds an override), a teaser for description, the title search without an arXiv link, related papers in order', () => {
    const page = paperPage(record('a', { title: 'A title' }, ['vision']), {
      ...context(),
      neighbours: {},
      related: [record('r2', { title: 'Second', day: '2026-07-29' }), record('r1', { title: 'First' })],
    });
    expect(page.pageTitle).toBe('A title');
    const overridden = paperPage(record('o', { title: 'A \u202etitle' }), {
      ...context(),
      neighbours: {},
      related: [],
    });
    expect(overridden.pageTitle).toBe('\u2068A \u202etitle\u2069');
    expect(page.description).toMatch(/^First sentence with x/);
    expect(page.abstractHtml).toContain('katex');
    expect(page.arxivSearchUrl).toBe(arxivTitleSearchUrl('A title'));
    expect(page.topics).toEqual([{ slug: 'vision', name: 'Topic vision' }]);
    expect(page.related).toEqual([
      { id: 'r2', titleHtml: 'Second' },
      { id: 'r1', titleHtml: 'First' },
    ]);
    const withAbs = paperPage(record('b', { links: { abs: 'https://arxiv.org/abs/1' } }), {
      ...context(),
      neighbours: {},
      related: [],
    });
    expect(withAbs.arxivSearchUrl).toBeUndefined();
  });
});
