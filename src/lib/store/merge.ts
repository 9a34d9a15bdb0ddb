import type { PaperData, PaperRecord } from '../model/paper.ts';

/**
 * Merge rules for a paper seen again (same id, or same title without a conflicting arXiv id):
 * - identity stays: `id`, `source` and `day` of the existing record are kept (a paper stays on the day
 *   readers saw it on, whatever day a later source gives it; only `npm run move` moves it);
 * - fields the incoming record has replace the existing ones (title, abstract, authors, arXiv data,
 *   keywords, categories, topics, excluded topics, summary, thumbnail, organization, each link);
 * - fields it lacks are kept;
 * - counters never go down: `upvotes`, `githubStars` and `arxivVersion` take the larger value, so
 *   importing an older snapshot after a newer one changes nothing.
 */
export function mergeRecords(existing: PaperRecord, incoming: PaperRecord): PaperRecord {
  const old = existing.data;
  const next = incoming.data;
  const data: PaperData = {
    ...old,
    title: next.title,
    authors: pick(next.authors, old.authors),
    arxiv: next.arxiv ?? old.arxiv,
    arxivVersion: max(old.arxivVersion, next.arxivVersion),
    published: next.published ?? old.published,
    links: { ...old.links, ...definedOnly(next.links) },
    topics: pick(next.topics, old.topics),
    excludedTopics: pick(next.excludedTopics, old.excludedTopics),
    keywords: pick(next.keywords, old.keywords),
    categories: pick(next.categories, old.categories),
    upvotes: max(old.upvotes, next.upvotes),
    githubStars: max(old.githubStars, next.githubStars),
    summary: next.summary ?? old.summary,
    thumbnail: next.thumbnail ?? old.thumbnail,
    organization: next.organization ?? old.organization,
  };
  return { data, abstract: incoming.abstract === '' ? existing.abstract : incoming.abstract };
}

function pick<T>(next: T[], old: T[]): T[] {
  return next.length > 0 ? next : old;
}

function max(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
