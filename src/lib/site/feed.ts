import type { RSSOptions } from '@astrojs/rss';
import { escapeHtml, xmlChars } from '../render/escape.ts';
import type { Paper } from './digest.ts';
import { dayToDate, excerpt } from './format.ts';
import { labelledLinks } from './paper-view.ts';
import { routes } from './paths.ts';
import { type PaperRenderer, paperRenderer } from './render-paper.ts';

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
  /** Renders record text; the build's shared renderer unless a test passes its own. */
  renderer?: PaperRenderer;
}

/** The item body: the sanitized abstract plus the paper's links. */
function itemContent(paper: Paper, renderer: PaperRenderer): string {
  const links = labelledLinks(paper.data.links)
    .map((link) => `<a href="${escapeHtml(link.url)}">${link.label}</a>`)
    .join(' · ');
  const summary = paper.data.summary
    ? `<p><strong>TL;DR:</strong> <bdi>${escapeHtml(paper.data.summary)}</bdi></p>`
    : '';
  // Each name isolated, as on the pages: a right-to-left override in one must not reorder the rest.
  const names = paper.data.authors.map((author) => `<bdi>${escapeHtml(author)}</bdi>`).join(', ');
  const authors = names ? `<p>${names}</p>` : '';
  return `${summary}${authors}${renderer.abstractHtml(paper, 'mathml')}${links ? `<p>${links}</p>` : ''}`;
}

/**
 * A copy of a value with every string in it (at any depth: titles, links, descriptions, content,
 * categories, custom data) made valid XML 1.0 text. Dates and other objects pass unchanged.
 */
function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return xmlChars(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafe) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, xmlSafe(field)])) as T;
  return value;
}

/**
 * Options for `rss()`; pure, so feeds are tested without a build. The one place every string of every
 * feed passes through on its way into XML: records may carry U+FFFE, lone surrogates or control
 * characters, and one of them makes a strict parser reject the whole feed.
 */
export function feedOptions(input: FeedInput): RSSOptions {
  return xmlSafe(unsafeFeedOptions(input));
}

function unsafeFeedOptions(input: FeedInput): RSSOptions {
  const renderer = input.renderer ?? paperRenderer;
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
      description: escapeHtml(paper.data.summary ?? excerpt(renderer.abstractText(paper))),
      content: itemContent(paper, renderer),
      categories: paper.topics.map(input.topicName),
      // Not the permalink: moving the site to another host or base must not make every item new again.
      customData: `<guid isPermaLink="false">paperboy:${escapeHtml(paper.id)}</guid>`,
    })),
  };
}
