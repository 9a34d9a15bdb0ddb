import { expect, test } from 'vitest';
import { HAS_CODE, type SearchPaper, searchDocument, searchExtras } from './document.ts';

const paper = (overrides: Partial<SearchPaper['data']> = {}): SearchPaper => ({
  data: {
    id: '2607.00001',
    title: 'Protein <b>folding</b> & "friends"',
    authors: ['Zoë Ångström', 'Li Lei'],
    summary: undefined,
    keywords: ['proteins'],
    links: {},
    ...overrides,
  } as SearchPaper['data'],
  abstractText: 'We fold <script>alert(1)</script> proteins.',
  topicNames: ['Biology & proteins'],
});

test('the document links to the paper route without the base path', () => {
  expect(searchDocument(paper()).url).toBe('/papers/2607.00001/');
});

test('record text is escaped, with the title as the heading and the authors weighted above the abstract', () => {
  const { content } = searchDocument(paper());
  expect(content).toContain(
    '<h1 data-pagefind-meta="title">Protein &lt;b&gt;folding&lt;/b&gt; &amp; &quot;friends&quot;</h1>',
  );
  expect(content).toContain('<p data-pagefind-weight="3">Zoë Ångström, Li Lei</p>');
  expect(content).toContain('<p>We fold &lt;script&gt;alert(1)&lt;/script&gt; proteins.</p>');
  expect(content).not.toContain('<script>');
});

test('topics are filters, and "has code" only when the record links to code', () => {
  const without = searchDocument(paper()).content;
  expect(without).toContain('<span data-pagefind-filter="topic">Biology &amp; proteins</span>');
  expect(without).not.toContain('data-pagefind-filter="code"');
  const withCode = searchDocument(paper({ links: { code: 'https://github.com/x/y' } })).content;
  expect(withCode).toContain(`<span data-pagefind-filter="code">${HAS_CODE}</span>`);
  // No per-day filter, sort or metadata: their values grow with the collection.
  expect(withCode).not.toMatch(/data-pagefind-(sort|filter="day)/);
});

test('keywords and the TL;DR are indexed only for words the title and abstract lack', () => {
  const record = paper({
    keywords: ['protein folding', 'Proteins', 'AlphaFold', 'fold-switching'],
    summary: 'A model folds proteins.',
  });
  // "protein folding" and "Proteins" are words of the title and abstract; AlphaFold and "switching" are not.
  expect(searchExtras(record)).toEqual({ keywords: ['AlphaFold', 'fold-switching'] });
  const { content } = searchDocument(record);
  expect(content).toContain('<p>AlphaFold, fold-switching</p>');
  expect(content).not.toContain('A model folds proteins.');
  // Without an abstract, the TL;DR is the record's text.
  const noAbstract = { ...record, abstractText: '' };
  expect(searchExtras(noAbstract).summary).toBe('A model folds proteins.');
  expect(searchDocument(noAbstract).content).toContain('<p>A model folds proteins.</p>');
});
