import { describe, expect, test } from 'vitest';
import { feedQuerySchema } from '../model/feed-query.ts';
import { authorKey, compileQuery, type QueryPaper, queryFacts } from './query.ts';

/** A paper with nothing but the given fields set. */
function paper(fields: Partial<QueryPaper>): QueryPaper {
  return { title: '', abstract: '', keywords: [], authors: [], categories: [], topics: [], ...fields };
}

/** Whether a query, written as in content/feeds.yaml, selects a paper. */
function selects(query: unknown, fields: Partial<QueryPaper>): boolean {
  return compileQuery(feedQuerySchema.parse(query))(queryFacts(paper(fields)));
}

describe('keywords match as the topics’ phrases do, in title, abstract and keywords', () => {
  test.each([
    ['diffusion', { title: 'Latent Diffusion for Video' }, true],
    ['diffusion', { abstract: 'We study DIFFUSION models.' }, true],
    ['diffusion', { keywords: ['score-based diffusion'] }, true],
    ['diffusion', { title: 'Diffusions everywhere' }, true],
    ['diffusion', { title: 'Diffusional kurtosis imaging' }, false],
    ['state space model', { title: 'State-Space Models' }, true],
    ['in-context learning', { keywords: ['in context learning'] }, true],
    ['RNA', { abstract: 'mRNA vaccines' }, false],
    ['C++', { title: 'Compilers for C++' }, true],
    // No phrase spans two fields.
    ['protein folding', { title: 'Protein', abstract: 'folding' }, false],
    ['protein folding', { keywords: ['protein', 'folding'] }, false],
  ])('%j in %j: %s', (keyword, fields, expected) => {
    expect(selects({ any: { keywords: [keyword] } }, fields)).toBe(expected);
  });
});

describe('authors match by full name, without case, accents or invisible characters', () => {
  test.each([
    ['Yann LeCun', ['Yann LeCun'], true],
    ['yann lecun', ['Yann LeCun'], true],
    ['Yann LeCun', ['Yann  LeCun '], true],
    ['Zoe Angstrom', ['Zoë Ångström'], true],
    ['Zoë Ångström', ['ZOE ANGSTROM'], true],
    ['José García', ['Jose\u0301 Garci\u0301a'], true],
    ['J. R. R. Tolkien', ['J. R. R. \u202ETolkien'], true],
    ['Yann', ['Yann LeCun'], false],
    ['LeCun', ['Yann LeCun'], false],
    ['Y. LeCun', ['Yann LeCun'], false],
    ['Yann LeCun', ['Yann LeCun Jr.'], false],
  ])('%j among %j: %s', (author, authors, expected) => {
    expect(selects({ any: { authors: [author] } }, { authors })).toBe(expected);
  });

  test('authorKey', () => {
    expect(authorKey('  Zoë\tÅngström ')).toBe('zoe angstrom');
    expect(authorKey('İlker')).toBe('ilker');
  });
});

describe('categories match exactly, or a whole archive without a dot, without case', () => {
  test.each([
    ['cs.CL', ['cs.CL'], true],
    ['cs.cl', ['cs.CL'], true],
    ['cs.CL', ['cs.LG', 'cs.CL'], true],
    ['cs.CL', ['cs.CV'], false],
    ['cs', ['cs.CV'], true],
    ['q-bio', ['q-bio.BM'], true],
    ['hep-th', ['hep-th'], true],
    ['q-bio.BM', ['q-bio'], false],
    ['q', ['q-bio.BM'], false],
    ['physics.bio-ph', ['physics.bio-ph'], true],
  ])('%j among %j: %s', (category, categories, expected) => {
    expect(selects({ any: { categories: [category] } }, { categories })).toBe(expected);
  });
});

test('topics match the paper’s topic ids', () => {
  expect(selects({ any: { topics: ['biology'] } }, { topics: ['vision', 'biology'] })).toBe(true);
  expect(selects({ any: { topics: ['biology'] } }, { topics: ['vision'] })).toBe(false);
});

describe('any, all and not', () => {
  const query = {
    any: { keywords: ['protein'], authors: ['Ada Lovelace'] },
    all: { categories: ['q-bio'], topics: ['biology'] },
    not: { keywords: ['survey'], authors: ['Charles Babbage'] },
  };
  const base = { categories: ['q-bio.BM'], topics: ['biology'] };
  test.each([
    ['one term of any and all of all', { ...base, title: 'Protein design' }, true],
    ['the other term of any', { ...base, authors: ['Ada Lovelace'] }, true],
    ['no term of any', { ...base, title: 'Gene design' }, false],
    ['all but one of all', { title: 'Protein design', categories: ['q-bio.BM'], topics: ['vision'] }, false],
    ['a keyword of not', { ...base, title: 'A survey of protein design' }, false],
    ['an author of not', { ...base, title: 'Protein design', authors: ['Charles Babbage'] }, false],
  ])('%s', (_, fields, expected) => {
    expect(selects(query, fields)).toBe(expected);
  });

  test('without any, all alone decides; every keyword of all must occur', () => {
    const both = { all: { keywords: ['language model', 'speculative decoding'] } };
    expect(selects(both, { title: 'Speculative decoding for large language models' })).toBe(true);
    expect(selects(both, { title: 'Large language models' })).toBe(false);
    expect(selects(both, { title: 'Speculative decoding' })).toBe(false);
  });
});
