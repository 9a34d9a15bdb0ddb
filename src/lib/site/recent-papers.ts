import type { TopicData } from '../model/topic.ts';
import type { Day } from './digest.ts';
import { compilePhraseTest, phraseWords } from './phrase.ts';

/**
 * `recent.json`: what a reader's browser needs to match follows (site/follows.ts) against the latest
 * days' papers and to list them on `/for-you/`. Each paper is a tuple, not an object, and carries no
 * abstract: the abstract would make the file about five times larger, so follows match a paper's title,
 * keywords, authors and topics (README, "For you"). Pure and free of Node, like query.ts.
 */

/** `[id, day, title, authors, keywords, topics]`: the title as the record has it, topics by current id. */
export type RecentPaper = [string, string, string, string[], string[], string[]];

export interface RecentPapers {
  /** Every topic as `[id, name]`, in taxonomy order. */
  topics: [string, string][];
  /** A former topic id → the current one (`formerIds` in content/topics.yaml). */
  formerTopics: Record<string, string>;
  /** The papers of the latest days, newest day first, in each day's order. */
  papers: RecentPaper[];
}

/**
 * A paper's keywords as follows need them: lower-cased (phrases match without case) and once each,
 * without those its title already holds by the phrase rule (the title is matched too). A paper's
 * matches stay the same, and the file, a third keywords, is smaller.
 */
function keywordsBeyond(title: string, keywords: readonly string[]): string[] {
  const lowerTitle = title.normalize('NFC').toLowerCase();
  const kept = new Set<string>();
  for (const keyword of keywords) {
    const lower = keyword.toLowerCase();
    if (!kept.has(lower) && !(mayHold(lowerTitle, lower) && compilePhraseTest([keyword])?.test(title)))
      kept.add(lower);
  }
  return [...kept];
}

/**
 * Whether a lower-cased title can hold a lower-cased keyword by the phrase rule: only if it holds each
 * of its words. Compiling the rule's RegExp for every keyword of a month of papers took six seconds of
 * each build; most keywords are not in their title, and this finds that first. A character whose case
 * folding `toLowerCase` does not follow (`ſ`, the Kelvin sign) only keeps a keyword the title holds.
 */
function mayHold(lowerTitle: string, lowerKeyword: string): boolean {
  return phraseWords(lowerKeyword).every((word) => lowerTitle.includes(word));
}

/** The file for the latest `dayCount` days of `days` (newest first). */
export function recentPapers(
  days: readonly Day[],
  dayCount: number,
  taxonomy: readonly Pick<TopicData, 'id' | 'name' | 'formerIds'>[],
): RecentPapers {
  const formerTopics: Record<string, string> = {};
  for (const topic of taxonomy) for (const former of topic.formerIds) formerTopics[former.id] = topic.id;
  return {
    topics: taxonomy.map((topic) => [topic.id, topic.name]),
    formerTopics,
    papers: days
      .slice(0, dayCount)
      .flatMap((day) =>
        day.papers.map(
          ({ id, data, topics }): RecentPaper => [
            id,
            data.day,
            data.title,
            data.authors,
            keywordsBeyond(data.title, data.keywords),
            topics,
          ],
        ),
      ),
  };
}
