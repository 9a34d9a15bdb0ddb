import type { RSSOptions } from '@astrojs/rss';
import { renderAbstract } from '../render/abstract.ts';
import { escapeHtml } from '../render/escape.ts';
import { plainText } from '../render/plain-text.ts';
import type { Paper } from './digest.ts';
import { dayToDate, excerpt } from './format.ts';
import { labelledLinks } from './paper-view.ts';
import { routes } from './paths.ts';

export interface FeedInput {
  title: string;
  description: string;
  /** Site URL including the base path, ending in `/`. */
  siteRoot: string;
  /** Relative route of the page this feed follows (the channel's link). */
  pageRoute: string;
  /** Relative route of this feed, for `atom:link rel="self"`. */
  selfRoute: string;
  /** Newest first; the feed takes the first `limit`. */
  papers: readonly Paper[];
  limit: number;
  topicName: (slug: string) => string;
}

/** The item body: the sanitized abstract plus the paper's links. */
function itemContent(paper: Paper): string {
  const links = labelledLinks(paper.data.links)
    .map((link) => `<a href="${escapeHtml(link.url)}">${link.label}</a>`)
    .join(' · ');
  const summary = paper.data.summary
    ? `<p><strong>TL;DR:</strong> <bdi>${escapeHtml(paper.data.summary)}</bdi></p>`
    : '';
  // Each name isolated, as on the pages: a right-to-left override in one must not reorder the rest.
  const names = paper.data.authors.map((author) => `<bdi>${escapeHtml(author)}</bdi>`).join(', ');
  const authors = names ? `<p>${names}</p>` : '';
  return `${summary}${authors}${renderAbstract(paper.abstract, 'mathml')}${links ? `<p>${links}</p>` : ''}`;
}

/** Options for `rss()`; pure, so feeds are tested without a build. */
export function feedOptions(input: FeedInput): RSSOptions {
  const url = (route: string) => new URL(route, input.siteRoot).href;
  return {
    title: input.title,
    description: input.description,
    // The channel's link; item links are absolute, so they do not depend on it.
    site: url(input.pageRoute),
    trailingSlash: true,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>en</language><atom:link href="${escapeHtml(url(input.selfRoute))}" rel="self" type="application/rss+xml"/>`,
    items: input.papers.slice(0, input.limit).map((paper) => ({
      title: paper.data.title,
      link: url(routes.paper(paper.id)),
      pubDate: dayToDate(paper.data.day),
      // @astrojs/rss escapes once and readers unescape once before treating a description as HTML, so
      // plain text must arrive escaped twice to stay text.
      description: escapeHtml(paper.data.summary ?? excerpt(plainText(paper.abstract))),
      content: itemContent(paper),
      categories: paper.topics.map(input.topicName),
      // Not the permalink: moving the site to another host or base must not make every item new again.
      customData: `<guid isPermaLink="false">paperboy:${escapeHtml(paper.id)}</guid>`,
    })),
  };
}
