/**
 * Matches a reader's follows against `recent.json` off the page's thread, and only for a reader who
 * follows something: the matcher (site/follows.ts, by query.ts's rules) is loaded with this worker, so
 * the reading pages' own script does not carry it.
 */
import { type Follows, followMatcher } from '../lib/site/follows.ts';
import type { RecentPaper, RecentPapers } from '../lib/site/recent-papers.ts';

/** What the worker answers: the matching papers (none when nothing is followed) and what it looked at. */
export interface Matched {
  papers: RecentPaper[];
  /** Papers and days in `recent.json`. */
  total: number;
  days: number;
}

addEventListener('message', async ({ data }: MessageEvent<{ follows: Follows; url: string }>) => {
  const recent: RecentPapers = await (await fetch(data.url)).json();
  const matches = followMatcher(data.follows, recent.formerTopics);
  const answer: Matched = {
    papers: matches ? recent.papers.filter(matches) : [],
    total: recent.papers.length,
    days: new Set(recent.papers.map((paper) => paper[1])).size,
  };
  postMessage(answer);
});
