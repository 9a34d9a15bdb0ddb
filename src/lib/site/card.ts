import type { PaperData } from '../model/paper.ts';
import { countLabel, excerpt } from './format.ts';

/**
 * What a paper card shows of a record besides its title and topics. A card is repeated on its day
 * page, each of its topic pages and the week and month rankings, so it carries only what helps a
 * reader pick the paper; everything else is on the paper page, one click away.
 */

/** Characters of a card's teaser (the record's TL;DR, else the first sentences of the abstract). */
export const TEASER_LENGTH = 200;

/** The box a thumbnail is shown in, set on the <img> so the card never moves when it loads. */
export const THUMBNAIL_SIZE = { width: 160, height: 90 } as const;

export interface CardLink {
  label: string;
  url: string;
}

export interface CardFacts {
  /** Shortened to `TEASER_LENGTH`. */
  teaser: string;
  /** Whether the teaser is the record's own TL;DR rather than the abstract's opening. */
  isSummary: boolean;
  /** Only https: the pages' Content-Security-Policy allows images from https origins only. */
  thumbnail?: string | undefined;
  /** `321 upvotes`, `1,234 GitHub stars`: only those the record has. */
  counts: string[];
  organization?: string | undefined;
  /** The paper itself: its PDF, else its arXiv page. */
  read?: CardLink | undefined;
  /** The record's code link: the card's "has code" marker. */
  code?: string | undefined;
}

/**
 * The card's facts of a record. `abstractText` is asked only when the record has no summary: it
 * parses Markdown, the costliest step of a card.
 */
export function cardFacts(data: PaperData, abstractText: () => string): CardFacts {
  const { links } = data;
  const read = links.pdf
    ? { label: 'PDF', url: links.pdf }
    : links.abs
      ? { label: 'arXiv', url: links.abs }
      : undefined;
  return {
    teaser: excerpt(data.summary ?? abstractText(), TEASER_LENGTH),
    isSummary: data.summary !== undefined,
    thumbnail: data.thumbnail?.startsWith('https://') ? data.thumbnail : undefined,
    counts: [
      ...(data.upvotes === undefined ? [] : [countLabel(data.upvotes, 'upvote')]),
      ...(data.githubStars === undefined ? [] : [countLabel(data.githubStars, 'GitHub star')]),
    ],
    organization: data.organization,
    read,
    code: links.code,
  };
}
