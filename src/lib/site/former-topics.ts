import type { TopicData } from '../model/topic.ts';
import { escapeHtml } from '../render/escape.ts';
import { routes } from './paths.ts';

/**
 * The URLs of topic ids that a taxonomy change retired (`formerIds` in `content/topics.yaml`). Readers
 * bookmarked those pages and subscribed to those feeds, so each keeps answering: a page becomes a small
 * redirect page to the topic that holds the id now, and a feed one item pointing at that topic's feeds
 * (`movedFeedDocument` in feed.ts). None of them is listed in the sitemap or indexed.
 */

/** A retired topic id and the current topic it leads to. */
export interface FormerTopic {
  id: string;
  /** How many pages the topic had at this id. */
  pages: number;
  successor: TopicData;
}

/** One page a former id had, and the page of its successor it leads to now. */
export interface FormerTopicPage {
  formerId: string;
  /** 1 to the former id's `pages`. */
  page: number;
  successor: TopicData;
  /** The successor's page of the same number, or its last page when it has fewer. */
  successorPage: number;
}

/** Every former id of a taxonomy, in taxonomy order. */
export function formerTopics(taxonomy: readonly TopicData[]): FormerTopic[] {
  return taxonomy.flatMap((successor) =>
    successor.formerIds.map((former) => ({ id: former.id, pages: former.pages, successor })),
  );
}

/** Every page each former id had, given how many pages each current topic has now. */
export function formerTopicPages(
  formers: readonly FormerTopic[],
  lastPageOf: (topicId: string) => number,
): FormerTopicPage[] {
  return formers.flatMap(({ id, pages, successor }) => {
    const lastPage = lastPageOf(successor.id);
    return Array.from({ length: pages }, (_, index) => ({
      formerId: id,
      page: index + 1,
      successor,
      successorPage: Math.min(index + 1, lastPage),
    }));
  });
}

/** The routes of every former page, which the sitemap leaves out. */
export function formerTopicRoutes(formers: readonly FormerTopic[]): string[] {
  return formers.flatMap(({ id, pages }) =>
    Array.from({ length: pages }, (_, index) => routes.topic(id, index + 1)),
  );
}

/**
 * The sitemap's `filter`: true for every page but the former topic pages. `siteRoot` is the site's URL
 * with the base path, ending in `/`, as the sitemap's page URLs start.
 */
export function sitemapFilter(formers: readonly FormerTopic[], siteRoot: string): (page: string) => boolean {
  const left = new Set(formerTopicRoutes(formers).map((route) => new URL(route, siteRoot).href));
  return (page) => !left.has(new URL(page).href);
}

/**
 * Topic names are the maintainer's and short; a cap on the bytes of the name the page shows (twice)
 * keeps it within 1 KB whatever the name, for any site address up to about 150 characters.
 */
const MAX_NAME_BYTES = 100;

function shortName(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES) return name;
  const ellipsis = '…';
  let short = '';
  let bytes = Buffer.byteLength(ellipsis, 'utf8');
  for (const character of name) {
    bytes += Buffer.byteLength(character, 'utf8');
    if (bytes > MAX_NAME_BYTES) break;
    short += character;
  }
  return short + ellipsis;
}

/**
 * The page at a former topic URL: a redirect the reader barely sees (an immediate refresh, and a link
 * for browsers that do not follow it), its canonical link the successor's page, kept out of search
 * engines by `noindex`. No stylesheet or script; `targetUrl` is absolute with the base path.
 */
export function formerTopicPageHtml(page: FormerTopicPage, targetUrl: string): string {
  const name = escapeHtml(shortName(page.successor.name));
  const target = escapeHtml(targetUrl);
  const label = page.successorPage > 1 ? `${name}, page ${page.successorPage}` : name;
  const what = page.page > 1 ? `Page ${page.page} of the topic` : 'The topic';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${target}">
<link rel="canonical" href="${target}">
<title>Moved to ${name}</title>
</head>
<body>
<p>${what} “${escapeHtml(page.formerId)}” is now <a href="${target}">${label}</a>.</p>
</body>
</html>
`;
}
