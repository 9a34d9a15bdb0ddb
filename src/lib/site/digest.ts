import type { PaperData } from '../model/paper.ts';
import type { TopicData } from '../model/topic.ts';

/**
 * Shapes the whole collection once per build into the lists and look-ups every page needs,
 * so pages never filter or sort the collection themselves (O(n) once instead of O(n) per page).
 */

export interface PaperEntry {
  id: string;
  data: PaperData;
  body?: string | undefined;
  /** Where the record lives, for error messages. */
  file?: string | undefined;
}

export interface Paper {
  id: string;
  file?: string | undefined;
  data: PaperData;
  abstract: string;
  /** Topic slugs: the record's own plus those the taxonomy's rules add. */
  topics: string[];
}

export interface Day {
  day: string;
  papers: Paper[];
}

export interface Topic {
  topic: TopicData;
  /** Newest day first. */
  papers: Paper[];
}

export interface Neighbours<T> {
  previous?: T | undefined;
  next?: T | undefined;
}

export interface Digest {
  /** Newest day first; within a day, most upvoted first. */
  papers: Paper[];
  /** Newest first. */
  days: Day[];
  /** Taxonomy order. */
  topics: Topic[];
  paper(id: string): Paper | undefined;
  day(day: string): Day | undefined;
  topic(slug: string): Topic | undefined;
  /** Day-listing order: `previous` is the card above, `next` the card below. */
  paperNeighbours(id: string): Neighbours<Paper>;
  /** `previous` is the older day, `next` the newer one. */
  dayNeighbours(day: string): Neighbours<Day>;
}

/** Within a day: most upvoted first, then by title, so the order never depends on file order. */
function comparePapers(a: Paper, b: Paper): number {
  if (a.data.day !== b.data.day) return a.data.day < b.data.day ? 1 : -1;
  const votes = (b.data.upvotes ?? -1) - (a.data.upvotes ?? -1);
  if (votes !== 0) return votes;
  return a.data.title.localeCompare(b.data.title, 'en') || a.id.localeCompare(b.id, 'en');
}

export function buildDigest(
  entries: readonly PaperEntry[],
  taxonomy: readonly TopicData[],
  topicsOf: (paper: { data: PaperData; abstract: string; file?: string | undefined }) => string[],
): Digest {
  const papers = entries
    .map((entry): Paper => {
      const abstract = entry.body?.trim() ?? '';
      const topics = topicsOf({ data: entry.data, abstract, file: entry.file });
      return { id: entry.id, file: entry.file, data: entry.data, abstract, topics };
    })
    .sort(comparePapers);

  const byId = new Map<string, Paper>();
  const dayMap = new Map<string, Day>();
  const topicMap = new Map<string, Topic>(taxonomy.map((topic) => [topic.id, { topic, papers: [] }]));
  for (const paper of papers) {
    const twin = byId.get(paper.id);
    if (twin) {
      const files = [twin.file, paper.file].filter(Boolean).join(' and ');
      throw new Error(`Two paper records share the id "${paper.id}"${files ? `: ${files}` : ''}`);
    }
    byId.set(paper.id, paper);
    let day = dayMap.get(paper.data.day);
    if (!day) {
      day = { day: paper.data.day, papers: [] };
      dayMap.set(paper.data.day, day);
    }
    day.papers.push(paper);
    for (const slug of paper.topics) {
      const topic = topicMap.get(slug);
      if (!topic)
        throw new Error(`Paper "${paper.id}" has topic "${slug}", which content/topics.yaml does not define`);
      topic.papers.push(paper);
    }
  }

  const days = [...dayMap.values()];
  const dayPosition = new Map(days.map((day, index) => [day.day, index]));
  const paperPosition = new Map<string, number>();
  for (const day of days) {
    for (const [index, paper] of day.papers.entries()) paperPosition.set(paper.id, index);
  }

  return {
    papers,
    days,
    topics: [...topicMap.values()],
    paper: (id) => byId.get(id),
    day: (day) => dayMap.get(day),
    topic: (slug) => topicMap.get(slug),
    paperNeighbours(id) {
      const paper = byId.get(id);
      const index = paperPosition.get(id);
      if (!paper || index === undefined) return {};
      const siblings = dayMap.get(paper.data.day)?.papers ?? [];
      return { previous: siblings[index - 1], next: siblings[index + 1] };
    },
    dayNeighbours(day) {
      const index = dayPosition.get(day);
      if (index === undefined) return {};
      return { previous: days[index + 1], next: days[index - 1] };
    },
  };
}

/** Page `number` of a list, cut as Astro's `paginate()` cuts it, for a page that shows one page of another's list (home). */
export function listPage<T>(
  items: readonly T[],
  pageSize: number,
  number = 1,
): { data: T[]; currentPage: number; lastPage: number } {
  return {
    data: items.slice((number - 1) * pageSize, number * pageSize),
    currentPage: number,
    lastPage: Math.max(1, Math.ceil(items.length / pageSize)),
  };
}
