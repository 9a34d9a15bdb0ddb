import { describe, expect, test } from 'vitest';
import { paperSchema } from '../model/paper.ts';
import { arxivTitleSearchUrl, labelledLinks, paperFacts } from './paper-view.ts';

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
