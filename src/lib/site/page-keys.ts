import { createHash } from 'node:crypto';
import type { Day, Digest, Neighbours, Paper } from './digest.ts';

/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and
 * code are the same as in the previous build is copied from that build instead of rendered. A key is a
 * digest of everything the page shows that does not come from code: the records on it, the records it
 * links to by title, and the settings that shape it. Astro itself invalidates every page when the
 * Astro config (site, base path) or the lockfile changes, and a route when its code changes; content
 * modules are not code, which is why each record's content is in the keys.
 *
 * Every key is computed from the records, never from a rendering, so computing them costs far less
 * than the pages they let the build skip.
 */

/** A digest of JSON-serialisable parts. */
export function digestOf(...parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url');
}

export interface PageKeyInputs {
  digest: Digest;
  /** The settings pages depend on beyond Astro's config (page sizes, feed length). */
  settings: unknown;
  /** A topic slug's display name. */
  topicName: (slug: string) => string;
  /** The ids of the papers shown as related to a paper. */
  relatedIds: (id: string) => readonly string[];
}

/** Where a page of a paginated listing is, and what it lists: the part of Astro's `Page` its key needs. */
export interface ListingPosition {
  data: readonly Paper[];
  currentPage: number;
  lastPage: number;
  /** The size of the whole listing, which every page of it shows. */
  total: number;
}

export interface PageKeys {
  /** A paper's page: the record, its neighbours of the day (by id) and its related papers (by title and day). */
  paper(id: string): string;
  /** One page of a day's listing: its papers, its position, the day's size, and the days before and after it. */
  dayPage(day: Day, page: ListingPosition): string;
  /** A file made from all of a day's records (its e-mail and BibTeX). */
  dayFile(day: Day): string;
  /**
   * One page of a paginated listing other than a day's (a topic, a week's or month's ranking): its
   * papers, its position, the listing's size, and the other facts about the whole listing it shows
   * (name, span, order). A topic no new paper joined, and a past week or month, keep their keys.
   */
  listingPage(listing: string, facts: unknown, page: ListingPosition): string;
  /**
   * A page made from one view alone, everything it shows: a retracted paper's withdrawn page, a former
   * topic id's redirect page, the feed at a former topic id that says where it moved.
   */
  view(kind: string, view: unknown): string;
  /** A feed: the facts it states (title, description, its page) and the records of the papers it carries. */
  feed(name: string, facts: unknown, papers: readonly Paper[]): string;
}

export function createPageKeys({ digest, settings, topicName, relatedIds }: PageKeyInputs): PageKeys {
  const recordKeys = new Map<string, string>();
  const record = (paper: Paper): string => {
    let key = recordKeys.get(paper.id);
    if (key === undefined) {
      const topics = paper.topics.map((slug) => [slug, topicName(slug)]);
      key = digestOf(settings, paper.data, paper.abstract, topics);
      recordKeys.set(paper.id, key);
    }
    return key;
  };
  const linked = (paper: Paper | undefined) => paper && [paper.id, paper.data.title, paper.data.day];
  const position = ({ data, currentPage, lastPage, total }: ListingPosition) => [
    currentPage,
    lastPage,
    total,
    data.map(record),
  ];
  const days = (neighbours: Neighbours<Day>) =>
    [neighbours.previous, neighbours.next].map((day) => day && [day.day, day.papers.length]);
  return {
    paper(id) {
      const paper = digest.paper(id);
      if (!paper) throw new Error(`No paper ${id}`);
      const { previous, next } = digest.paperNeighbours(id);
      const related = relatedIds(id).map((relatedId) => linked(digest.paper(relatedId)));
      return digestOf(record(paper), previous?.id, next?.id, related);
    },
    dayPage(day, page) {
      return digestOf(settings, day.day, days(digest.dayNeighbours(day.day)), position(page));
    },
    dayFile(day) {
      return digestOf(settings, day.day, day.papers.map(record));
    },
    listingPage(listing, facts, page) {
      return digestOf(settings, listing, facts, position(page));
    },
    view(kind, view) {
      return digestOf(settings, kind, view);
    },
    feed(name, facts, papers) {
      return digestOf(settings, 'feed', name, facts, papers.map(record));
    },
  };
}

/** Astro's paginated paths, each given its page's cache key. */
export function withCacheKeys<Path extends { props: { page: ListingPosition } }>(
  paths: readonly Path[],
  keyOf: (page: ListingPosition) => string,
): (Path & { cacheKey: string })[] {
  return paths.map((path) => ({ ...path, cacheKey: keyOf(path.props.page) }));
}
