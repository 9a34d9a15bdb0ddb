import {
  type FeedDefinition,
  type FeedQuery,
  QUERY_FIELDS,
  QUERY_SECTIONS,
  type QuerySection,
  type QueryTerms,
} from '../model/feed-query.ts';
import type { Paper } from './digest.ts';
import { type CompiledQuery, compileQuery, queryFacts } from './query.ts';

/**
 * The custom feeds of `content/feeds.yaml`, bound to the taxonomy and the papers: topic ids resolved
 * once (a former id with a warning, an unknown one stops the build), every query compiled once, and
 * all feeds filled in one pass over the papers.
 */

/**
 * What the resolver reads of a topic: its id and the ids it replaced. `formerIds` is what the topic
 * schema (model/topic.ts) gives a renamed or merged topic; a taxonomy without it resolves current ids
 * only.
 */
export interface TopicIds {
  id: string;
  formerIds?: readonly { id: string }[] | undefined;
}

/** The current id of a topic id, current or former; undefined for an id the taxonomy never had. */
export function topicIdResolver(topics: readonly TopicIds[]): (id: string) => string | undefined {
  const current = new Map<string, string>();
  for (const topic of topics) for (const former of topic.formerIds ?? []) current.set(former.id, topic.id);
  for (const topic of topics) current.set(topic.id, topic.id);
  return (id) => current.get(id);
}

/** A custom feed ready to select papers: its definition (topic ids current) and its compiled query. */
export interface CompiledFeed {
  feed: FeedDefinition;
  matches: CompiledQuery;
}

/** The feeds file, for messages. */
const FEEDS_FILE = 'content/feeds.yaml';

/** A query with every topic id current: former ids replaced (with a warning), unknown ids an error. */
function resolveTopics(
  feed: FeedDefinition,
  resolve: (id: string) => string | undefined,
  knownIds: readonly string[],
  warn: (message: string) => void,
): FeedQuery {
  const section = (name: QuerySection): QueryTerms => {
    const terms = feed.query[name];
    const topics = terms.topics.map((id) => {
      const current = resolve(id);
      if (current === undefined)
        throw new Error(
          `${FEEDS_FILE}: feed "${feed.id}": query.${name}.topics: unknown topic "${id}"; ` +
            `content/topics.yaml defines: ${knownIds.join(', ')}.`,
        );
      if (current !== id)
        warn(
          `[paperboy] ${FEEDS_FILE}: feed "${feed.id}": query.${name}.topics: "${id}" is a former id of ` +
            `the topic "${current}"; it still works, but write "${current}".`,
        );
      return current;
    });
    return { ...terms, topics: [...new Set(topics)] };
  };
  return { any: section('any'), all: section('all'), not: section('not') };
}

/** Resolves and compiles every feed; call once per build. */
export function compileCustomFeeds(
  feeds: readonly FeedDefinition[],
  topics: readonly TopicIds[],
  warn: (message: string) => void = console.warn,
): CompiledFeed[] {
  const resolve = topicIdResolver(topics);
  const knownIds = topics.map((topic) => topic.id);
  return feeds.map((definition) => {
    const feed = { ...definition, query: resolveTopics(definition, resolve, knownIds, warn) };
    return { feed, matches: compileQuery(feed.query) };
  });
}

/** A custom feed and the papers its query selects, in the order of the given papers. */
export interface CustomFeed {
  feed: FeedDefinition;
  papers: Paper[];
}

/** Fills every feed in one pass: each paper's facts are worked out once and tested by each query. */
export function selectCustomFeeds(feeds: readonly CompiledFeed[], papers: readonly Paper[]): CustomFeed[] {
  const selected = feeds.map(({ feed }): CustomFeed => ({ feed, papers: [] }));
  if (feeds.length === 0) return selected;
  for (const paper of papers) {
    const facts = queryFacts({ ...paper.data, abstract: paper.abstract, topics: paper.topics });
    feeds.forEach(({ matches }, index) => {
      if (matches(facts)) selected[index]?.papers.push(paper);
    });
  }
  return selected;
}

/** One section of a query, as a page describes it to readers. */
export interface QueryLine {
  section: QuerySection;
  /** "At least one of", "All of", "None of". */
  label: string;
  /** Each term as a reader reads it: `“beam search”`, `author Yann LeCun`, `topic Biology & proteins`, `arXiv cs.CL`. */
  terms: string[];
}

const SECTION_LABELS: Record<QuerySection, string> = {
  any: 'At least one of',
  all: 'All of',
  not: 'None of',
};

/** What a query selects, in words: one line per section that lists terms. */
export function describeQuery(query: FeedQuery, topicName: (id: string) => string): QueryLine[] {
  const describe: Record<(typeof QUERY_FIELDS)[number], (term: string) => string> = {
    keywords: (phrase) => `“${phrase}”`,
    authors: (name) => `author ${name}`,
    topics: (id) => `topic ${topicName(id)}`,
    categories: (category) => (category.includes('.') ? `arXiv ${category}` : `arXiv archive ${category}`),
  };
  return QUERY_SECTIONS.map((section) => ({
    section,
    label: SECTION_LABELS[section],
    terms: QUERY_FIELDS.flatMap((field) => query[section][field].map(describe[field])),
  })).filter((line) => line.terms.length > 0);
}

/** A query in one sentence, for a feed without a description of its own. */
export function querySentence(lines: readonly QueryLine[]): string {
  return `Papers with ${lines.map((line) => `${line.label.toLowerCase()}: ${line.terms.join(', ')}`).join('; ')}.`;
}
