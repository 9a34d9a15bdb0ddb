/**
 * The reader's layer's checks and matching, off the page's thread and out of the pages' own scripts:
 * a page starts this worker only when it must check what storage or a file holds (the reader's own
 * pages, an import) or match follows (a reader who follows something). It reads by site/follows.ts's
 * rules and matches by query.ts's.
 */
import { followMatcher, type Personal, readPersonal } from '../lib/site/follows.ts';
import type { RecentPaper, RecentPapers } from '../lib/site/recent-papers.ts';

export type Request =
  /** Check the text of storage or of an imported file. */
  | { read: string }
  /** Match unchecked follows against `recent.json` at `url`. */
  | { follows: unknown; url: string };

/** The checked state, and how many entries it left out. */
export type Read = { personal: Personal; left: number };

export interface Matched {
  /** The matching papers (none when nothing is followed). */
  papers: RecentPaper[];
  /** Papers and days in `recent.json`. */
  total: number;
  days: number;
}

export type Answer = Read | Matched | { error: string };

async function answer(request: Request): Promise<Answer> {
  if ('read' in request) return readPersonal(request.read);
  // Follows straight from storage: checked as an imported file's are before they are compiled.
  const { follows } = readPersonal(JSON.stringify({ paperboy: 1, follows: request.follows })).personal;
  const recent: RecentPapers = await (await fetch(request.url)).json();
  const matches = followMatcher(follows, recent.formerTopics);
  return {
    papers: matches ? recent.papers.filter(matches) : [],
    total: recent.papers.length,
    days: new Set(recent.papers.map((paper) => paper[1])).size,
  };
}

addEventListener('message', async ({ data }: MessageEvent<Request>) => {
  try {
    postMessage(await answer(data));
  } catch (error) {
    postMessage({ error: (error as Error).message });
  }
});
