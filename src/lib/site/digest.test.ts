import { describe, expect, test } from 'vitest';
import { paperEntry, testTaxonomy } from '../../../tests/digest-fixtures.ts';
import { buildDigest, listPage } from './digest.ts';

const entry = paperEntry;
const taxonomy = testTaxonomy;
const byOwnTopics = ({ data }: { data: { topics: string[] } }) =>
  data.topics.length ? data.topics : ['other'];

const entries = [
  entry('a', '2026-07-29', { upvotes: 3 }),
  entry('b', '2026-07-30', { upvotes: 1, topics: ['vision'] }),
  entry('c', '2026-07-30', { upvotes: 9, topics: ['vision'] }),
  entry('d', '2026-07-30'),
  entry('e', '2026-07-28', { topics: ['vision'] }),
];
const digest = buildDigest(entries, taxonomy, byOwnTopics);

describe('buildDigest', () => {
  test('days are newest first, papers within a day most upvoted first', () => {
    expect(digest.days.map((day) => day.day)).toEqual(['2026-07-30', '2026-07-29', '2026-07-28']);
    expect(digest.day('2026-07-30')?.papers.map((paper) => paper.id)).toEqual(['c', 'b', 'd']);
    expect(digest.papers.map((paper) => paper.id)).toEqual(['c', 'b', 'd', 'a', 'e']);
  });

  test('previous day is the older one, next day the newer one', () => {
    const middle = digest.dayNeighbours('2026-07-29');
    expect(middle.previous?.day).toBe('2026-07-28');
    expect(middle.next?.day).toBe('2026-07-30');
    expect(digest.dayNeighbours('2026-07-30').next).toBeUndefined();
    expect(digest.dayNeighbours('2026-07-28').previous).toBeUndefined();
  });

  test('paper neighbours follow the day listing and stay within the day', () => {
    expect(digest.paperNeighbours('b')).toEqual({ previous: digest.paper('c'), next: digest.paper('d') });
    expect(digest.paperNeighbours('c').previous).toBeUndefined();
    expect(digest.paperNeighbours('d').next).toBeUndefined();
    expect(digest.paperNeighbours('a')).toEqual({ previous: undefined, next: undefined });
  });

  test('topics keep taxonomy order and list papers newest first', () => {
    expect(digest.topics.map((topic) => topic.topic.id)).toEqual(['vision', 'other']);
    expect(digest.topic('vision')?.papers.map((paper) => paper.id)).toEqual(['c', 'b', 'e']);
    expect(digest.topic('other')?.papers.map((paper) => paper.id)).toEqual(['d', 'a']);
  });

  test('the abstract is the trimmed body', () => {
    expect(digest.paper('a')?.abstract).toBe('About a.');
  });

  test('an unknown topic or a duplicate id fails loudly', () => {
    expect(() =>
      buildDigest([entry('x', '2026-07-30', { topics: ['nope'] })], taxonomy, byOwnTopics),
    ).toThrow(/"x" has topic "nope"/);
    expect(() =>
      buildDigest([entry('x', '2026-07-30'), entry('x', '2026-07-29')], taxonomy, byOwnTopics),
    ).toThrow(/share the id "x"/);
  });
});

describe('listPage', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  test('cuts pages of the given size, the last one shorter', () => {
    expect(listPage(items, 2)).toEqual({ data: ['a', 'b'], currentPage: 1, lastPage: 3 });
    expect(listPage(items, 2, 3)).toEqual({ data: ['e'], currentPage: 3, lastPage: 3 });
    expect(listPage(items, 5)).toEqual({ data: items, currentPage: 1, lastPage: 1 });
  });

  test('an empty list still has one page', () => {
    expect(listPage([], 50)).toEqual({ data: [], currentPage: 1, lastPage: 1 });
  });
});
