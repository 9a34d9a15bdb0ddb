import type { PaperData } from '../model/paper.ts';
import { countLabel, excerpt } from './format.ts';

/**
 * What a paper card (on its day page) and a paper row (on its topic pages and the week and month
 * rankings) show of a record besides its title. Both carry only what helps a reader pick the paper;
 * everything else is on the paper page, one click away.
 */

/** Characters of a card's teaser (the record's TL;DR, else the first sentences of the abstract). */
export const TEASER_LENGTH = 200;

/** The box a thumbnail is shown in, set on the <img> so the card never moves when it loads. */
export const THUMBNAIL_SIZE = { width: 160, height: 90 } as const;

export interface CardLink {
  label: string;
  url: string;
}

/** What a row of a topic listing or a ranking shows of a record besides its title, authors and day. */
export interface RowFacts {
  /** `321 upvotes`, `1,234 GitHub stars`: only those the record has. */
  counts: string[];
  /** The record's code link: the "has code" marker. */
  code?: string | undefined;
}

export interface CardFacts extends RowFacts {
  /** Shortened to `TEASER_LENGTH`. */
  teaser: string;
  /** Whether the teaser is the record's own TL;DR rather than the abstract's opening. */
  isSummary: boolean;
  /** Only https: the pages' Content-Security-Policy allows images from https origins only. */
  thumbnail?: string | undefined;
  organization?: string | undefined;
  /** The paper itself: its PDF, else its arXiv page. */
  read?: CardLink | undefined;
}

/**
 * A paper in a sentence or two: its TL;DR, else the opening of its abstract, at most `TEASER_LENGTH`
 * characters. Cards show it, and a paper page gives it as its description (meta tags and JSON-LD).
 * `abstractOpening` (the opening of the abstract as text) is asked only when the record has no TL;DR.
 */
export function teaser(data: PaperData, abstractOpening: () => string): string {
  return excerpt(data.summary ?? abstractOpening(), TEASER_LENGTH);
}

/**
 * A row's facts of a record. A paper is a row on two or three topic pages and on its week's and
 * month's rankings, so a row holds one line: no teaser, thumbnail or topics (its day's card has them).
 */
export function rowFacts(data: PaperData): RowFacts {
  return {
    counts: [
      ...(data.upvotes === undefined ? [] : [countLabel(data.upvotes, 'upvote')]),
      ...(data.githubStars === undefined ? [] : [countLabel(data.githubStars, 'GitHub star')]),
    ],
    code: data.links.code,
  };
}

/**
 * The card's facts of a record. `abstractOpening` is asked only when the record has no summary: it may
 * parse Markdown, the costliest step of a card.
 */
export function cardFacts(data: PaperData, abstractOpening: () => string): CardFacts {
  const { links } = data;
  const read = links.pdf
    ? { label: 'PDF', url: links.pdf }
    : links.abs
      ? { label: 'arXiv', url: links.abs }
      : undefined;
  return {
    teaser: teaser(data, abstractOpening),
    isSummary: data.summary !== undefined,
    thumbnail: data.thumbnail?.startsWith('https://') ? data.thumbnail : undefined,
    ...rowFacts(data),
    organization: data.organization,
    read,
  };
}
