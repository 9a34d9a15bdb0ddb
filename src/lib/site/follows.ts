import { ISO_DAY } from '../model/day.ts';
import { PAPER_ID, TOPIC_SLUG } from '../model/id-patterns.ts';
import { FIELD_LIMITS } from '../model/limits.ts';
import { anyTest, queryFacts } from './query.ts';
import type { RecentPaper } from './recent-papers.ts';

/**
 * A reader's own layer, kept in their browser's `localStorage` and in the files they export: what they
 * follow and the papers they saved. Pure and free of Node, like query.ts, so the reading pages' script
 * bundles it. Everything read back, from storage or from a file, is untrusted: `readPersonal` refuses
 * what is not an exported file and leaves out, counted, every entry that is not plain text of a sane
 * length or whose link would leave the site; the pages show the rest as text only.
 */

/** The `localStorage` key; the theme has its own (`paperboy-theme`, public/reader.js). */
export const PERSONAL_KEY = 'paperboy-personal';
/** A larger file is refused unread: a reading list of thousands of papers stays well under it. */
export const MAX_PERSONAL_BYTES = 2_000_000;
export const FOLLOW_KINDS = ['topics', 'keywords', 'authors', 'excluded'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

/** Topic ids, keyword phrases, author names, and keyword phrases that take a paper out again. */
export type Follows = Record<FollowKind, string[]>;

/** A saved paper, with what the list shows kept at save time: it stays readable once it leaves the latest days. */
export interface SavedPaper {
  id: string;
  title: string;
  authors: string[];
  day: string;
  /** The paper page's path on this site, as it was when saved. */
  url: string;
  read: boolean;
}

export interface Personal {
  follows: Follows;
  saved: SavedPaper[];
}

export const emptyPersonal = (): Personal => ({
  follows: { topics: [], keywords: [], authors: [], excluded: [] },
  saved: [],
});

/** A saved paper's path must stay on this site: no scheme, no other host, nothing but a path. */
const SITE_PATH = /^\/(?![/\\])[^\s\\]*$/;

/** One line of text with a letter or digit, no control characters, at most `limit` characters. */
const isLine = (value: unknown, limit: number): value is string =>
  typeof value === 'string' &&
  value.length <= limit &&
  /[\p{L}\p{N}]/u.test(value) &&
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  !/[\u0000-\u001f\u007f]/.test(value);

/** Whether a term can be followed: a topic id, or a phrase or name no longer than an author's name may be. */
export const isFollowTerm = (kind: FollowKind, term: unknown): term is string =>
  kind === 'topics' ? isLine(term, 100) && TOPIC_SLUG.test(term) : isLine(term, FIELD_LIMITS.author);

function isSavedPaper(value: unknown): value is SavedPaper {
  const paper = value as Partial<Record<keyof SavedPaper, unknown>> | null;
  return (
    isLine(paper?.id, 128) &&
    PAPER_ID.test(paper.id) &&
    isLine(paper.day, 10) &&
    ISO_DAY.test(paper.day) &&
    isLine(paper.url, FIELD_LIMITS.url) &&
    SITE_PATH.test(paper.url) &&
    isLine(paper.title, FIELD_LIMITS.title) &&
    Array.isArray(paper.authors) &&
    paper.authors.length <= FIELD_LIMITS.authors &&
    paper.authors.every((author) => isLine(author, FIELD_LIMITS.author)) &&
    typeof paper.read === 'boolean'
  );
}

/**
 * Reads an exported file, or what `localStorage` holds (the same text). Throws, saying why, when the
 * text is not such a file; keeps each entry that passes its checks, once, and counts the rest.
 */
export function readPersonal(text: string): { personal: Personal; left: number } {
  if (text.length > MAX_PERSONAL_BYTES) throw new Error('it is larger than 2 MB');
  let value: { paperboy?: unknown; follows?: Record<string, unknown>; saved?: unknown } | null;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('it is not JSON');
  }
  if (value?.paperboy !== 1) throw new Error('it is not a file this site exported');
  const personal = emptyPersonal();
  let left = 0;
  const keep = <T>(entries: unknown, accept: (entry: unknown) => entry is T, key: (entry: T) => string) => {
    const kept = new Map<string, T>();
    for (const entry of Array.isArray(entries) ? entries : []) {
      if (accept(entry)) kept.set(key(entry), kept.get(key(entry)) ?? entry);
      else left++;
    }
    return [...kept.values()];
  };
  for (const kind of FOLLOW_KINDS)
    personal.follows[kind] = keep(value.follows?.[kind], (term) => isFollowTerm(kind, term), String);
  personal.saved = keep(value.saved, isSavedPaper, (paper) => paper.id);
  return { personal, left };
}

/** The file a reader exports, and what `localStorage` holds. */
export function writePersonal(state: Personal): string {
  return JSON.stringify({ paperboy: 1, ...state }, null, 1);
}

/**
 * A test of `recent.json`'s papers against a reader's follows: a paper matches when it has a followed
 * topic, keyword or author and none of the excluded keywords (keywords in its title and keywords: the
 * file has no abstracts). Undefined when nothing is followed (excluding alone
 * selects nothing). Former topic ids resolve to their successors, so a renamed topic keeps its
 * followers.
 */
export function followMatcher(
  follows: Follows,
  formerTopics: Readonly<Record<string, string>>,
): ((paper: RecentPaper) => boolean) | undefined {
  const topics = follows.topics.map((id) =>
    Object.hasOwn(formerTopics, id) ? (formerTopics[id] as string) : id,
  );
  if (topics.length + follows.keywords.length + follows.authors.length === 0) return undefined;
  const any = anyTest({ keywords: follows.keywords, authors: follows.authors, topics, categories: [] });
  const not = anyTest({ keywords: follows.excluded, authors: [], topics: [], categories: [] });
  return ([, , title, authors, keywords, topics]) => {
    const facts = queryFacts({ title, abstract: '', keywords, authors, categories: [], topics });
    return (any?.(facts) ?? false) && !not?.(facts);
  };
}
