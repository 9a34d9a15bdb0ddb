import { describe, expect, test } from 'vitest';
import { paperEntry, testTaxonomy } from '../../../tests/digest-fixtures.ts';
import { buildDigest, type Paper, type PaperEntry } from './digest.ts';
import { createPageKeys, type ListingPosition, type PageKeys, withCacheKeys } from './page-keys.ts';
import { groupByMonth, groupByWeek } from './rankings.ts';

/**
 * A page's key must change whenever anything the page shows changes, and stay put otherwise: a key
 * that misses an input publishes a stale page, one that changes needlessly re-renders it every day.
 * Each case edits one thing of a small collection and compares every page's key before and after.
 */

const entry = paperEntry;
const taxonomy = testTaxonomy;

const base = [
  entry('z', '2026-06-30', { upvotes: 7 }),
  entry('a', '2026-07-28', { upvotes: 3 }),
  entry('b', '2026-07-29', { upvotes: 5, topics: ['vision'] }),
  entry('c', '2026-07-29', { upvotes: 4 }),
  entry('d', '2026-07-29', { upvotes: 1 }),
  entry('e', '2026-07-30', { upvotes: 2 }),
];
/** Related papers as a fixed table, so a case can change them alone. */
const baseRelated: Record<string, string[]> = {
  z: ['a'],
  a: ['b'],
  b: ['a', 'c'],
  c: ['d'],
  d: ['e'],
  e: ['a'],
};

interface Collection {
  entries: PaperEntry[];
  related?: Record<string, string[]>;
  names?: Record<string, string>;
  settings?: unknown;
}

/** The position of a listing shown on one page. */
const onePage = (papers: readonly Paper[]): ListingPosition => ({
  data: papers,
  currentPage: 1,
  lastPage: 1,
  total: papers.length,
});

/** A collection's digest and its page keys. */
function pageKeysOf({ entries, related = baseRelated, names = {}, settings = [20, 50] }: Collection) {
  const digest = buildDigest(entries, taxonomy, ({ data }) => (data.topics.length ? data.topics : ['other']));
  const keys: PageKeys = createPageKeys({
    digest,
    settings,
    topicName: (slug) => names[slug] ?? slug,
    relatedIds: (id) => related[id] ?? [],
  });
  return { digest, keys };
}

/** Every page key of a collection, by page. */
function keysOf(collection: Collection) {
  const { digest, keys } = pageKeysOf(collection);
  const all = new Map<string, string>();
  for (const paper of digest.papers) {
    all.set(`paper ${paper.id}`, keys.paper(paper.id));
  }
  for (const day of digest.days) {
    all.set(`day ${day.day}`, keys.dayPage(day, onePage(day.papers)));
    all.set(`day files ${day.day}`, keys.dayFile(day));
  }
  for (const [kind, periods] of [
    ['week', groupByWeek(digest.papers)],
    ['month', groupByMonth(digest.papers)],
  ] as const)
    for (const { papers, ...period } of periods)
      all.set(`${kind} ${period.key}`, keys.listingPage(`${kind} ${period.key}`, period, onePage(papers)));
  for (const { topic, papers } of digest.topics)
    all.set(`topic ${topic.id}`, keys.listingPage(`topic ${topic.id}`, topic, onePage(papers)));
  return all;
}

/** The pages whose keys differ between two collections (pages only one has count as changed). */
function changedPages(before: Collection, after: Collection): string[] {
  const a = keysOf(before);
  const b = keysOf(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((page) => a.get(page) !== b.get(page)).sort();
}

const edit = (id: string, extra: Record<string, unknown>, body?: string) =>
  base.map((paper) =>
    paper.id === id
      ? {
          ...entry(id, paper.data.day, { upvotes: paper.data.upvotes, topics: paper.data.topics, ...extra }),
          ...(body && { body }),
        }
      : paper,
  );

describe('page keys', () => {
  test('are the same for the same collection, and differ between pages', () => {
    const keys = keysOf({ entries: base });
    expect(keysOf({ entries: [...base].reverse() })).toEqual(keys);
    expect(new Set(keys.values()).size).toBe(keys.size);
  });

  test("a changed abstract changes its paper's page, day, week, month and topic, nothing else", () => {
    expect(changedPages({ entries: base }, { entries: edit('c', {}, 'A new abstract.') })).toEqual([
      'day 2026-07-29',
      'day files 2026-07-29',
      'month 2026-07',
      'paper c',
      'topic other', // c's topic, not the vision topic
      'week 2026-W31',
    ]);
  });

  test('a changed title also changes the pages that link to the paper by title: the papers it is related to, not its neighbours', () => {
    expect(changedPages({ entries: base }, { entries: edit('c', { title: 'Renamed' }) })).toEqual([
      'day 2026-07-29',
      'day files 2026-07-29',
      'month 2026-07',
      'paper b', // related to c (and c's neighbour, which links it by place)
      'paper c',
      'topic other',
      'week 2026-W31',
    ]);
  });

  test('a paper page links its neighbours by place: a new neighbour changes it', () => {
    const added = [...base, entry('c2', '2026-07-29', { upvotes: 4 })];
    expect(changedPages({ entries: base }, { entries: added })).toContain('paper d');
  });

  test('a new day changes only its own pages, the day page before it (its "next day" link), and its week, month and topic', () => {
    const added = [...base, entry('f', '2026-07-31')];
    // Not the rankings of June or of the week of 30 June: a past period's pages are copied.
    expect(changedPages({ entries: base }, { entries: added })).toEqual([
      'day 2026-07-30',
      'day 2026-07-31',
      'day files 2026-07-31',
      'month 2026-07',
      'paper f',
      'topic other',
      'week 2026-W31',
    ]);
  });

  test("a listing page's key holds what it shows of the whole listing, not only its own papers", () => {
    const digest = buildDigest(base, taxonomy, () => ['other']);
    const keys = createPageKeys({ digest, settings: [], topicName: (slug) => slug, relatedIds: () => [] });
    const firstPage = digest.papers.slice(0, 2);
    const key = (total: number, lastPage = 2) =>
      keys.listingPage('topic other', 'Other', { data: firstPage, currentPage: 1, lastPage, total });
    // A paper withdrawn from page 2 leaves page 1's papers as they were, but not its count.
    expect(key(4)).not.toBe(key(3));
    expect(key(3, 2)).not.toBe(key(3, 3));
    expect(
      keys.listingPage('topic vision', 'Other', { data: firstPage, currentPage: 1, lastPage: 2, total: 4 }),
    ).not.toBe(key(4));
  });

  test('a changed related list changes that paper page alone', () => {
    expect(changedPages({ entries: base }, { entries: base, related: { ...baseRelated, e: ['d'] } })).toEqual(
      ['paper e'],
    );
  });

  test("a topic's new name changes the pages of its papers; a setting changes every page", () => {
    expect(changedPages({ entries: base }, { entries: base, names: { vision: 'Computer vision' } })).toEqual([
      'day 2026-07-29',
      'day files 2026-07-29',
      'month 2026-07',
      'paper b',
      'topic vision',
      'week 2026-W31',
    ]);
    expect(changedPages({ entries: base }, { entries: base, settings: [20, 51] })).toHaveLength(
      keysOf({ entries: base }).size,
    );
  });
});

test("a feed's key follows the records it carries and the facts it states, and nothing else", () => {
  // The feed of `other`, newest first, carrying its two newest papers (e, then d or c) as a feed limit would.
  const feedKey = (collection: Collection, facts: unknown = { title: 'Other', limit: 2 }) => {
    const { digest, keys } = pageKeysOf(collection);
    return keys.feed('topic other', facts, digest.topic('other')?.papers.slice(0, 2) ?? []);
  };
  const before = feedKey({ entries: base });
  expect(feedKey({ entries: [...base].reverse() })).toBe(before);
  expect(feedKey({ entries: edit('e', {}, 'A new abstract.') })).not.toBe(before);
  expect(feedKey({ entries: [...base, entry('f', '2026-07-31', {})] })).not.toBe(before);
  expect(feedKey({ entries: base }, { title: 'Other papers', limit: 2 })).not.toBe(before);
  expect(feedKey({ entries: base, settings: [20, 60] })).not.toBe(before);
  // A paper the feed does not carry (z, the oldest) changes nothing of it.
  expect(feedKey({ entries: edit('z', {}, 'A new abstract.') })).toBe(before);
});

test("a view's key is its kind's and its view's", () => {
  const { keys } = pageKeysOf({ entries: base });
  const page = { formerId: 'vision-old', page: 2, successor: 'vision' };
  expect(keys.view('former topic page', page)).toBe(keys.view('former topic page', { ...page }));
  expect(keys.view('former topic page', { ...page, page: 3 })).not.toBe(keys.view('former topic page', page));
  expect(keys.view('moved feed', page)).not.toBe(keys.view('former topic page', page));
});

test("withCacheKeys gives each paginated path its own page's key and keeps the rest of the path", () => {
  const digest = buildDigest(base, taxonomy, () => ['other']);
  const keys = createPageKeys({ digest, settings: [], topicName: (slug) => slug, relatedIds: () => [] });
  const total = digest.papers.length;
  const pathOf = (data: readonly Paper[], currentPage: number) => ({
    params: { page: currentPage > 1 ? String(currentPage) : undefined },
    props: { page: { data, currentPage, lastPage: 2, total }, topic: 'other' },
  });
  const paths = [pathOf(digest.papers.slice(0, 3), 1), pathOf(digest.papers.slice(3), 2)];
  const keyOf = (page: ListingPosition) => keys.listingPage('topic other', 'Other', page);
  const keyed = withCacheKeys(paths, keyOf);
  expect(keyed.map(({ cacheKey, ...path }) => path)).toEqual(paths);
  expect(keyed.map(({ cacheKey }) => cacheKey)).toEqual(paths.map((path) => keyOf(path.props.page)));
  expect(new Set(keyed.map(({ cacheKey }) => cacheKey)).size).toBe(2);
});
