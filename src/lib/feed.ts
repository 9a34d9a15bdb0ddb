import type { RSSOptions } from '@astrojs/rss';
import type { Paper } from './digest.ts';
import { routes } from './paths.ts';
import { renderAbstract } from './render.ts';
import { dayToDate, excerpt } from './text.ts';

export interface FeedInput {
  title: string;
  description: string;
  /** Site URL including the base path, ending in `/`: @astrojs/rss resolves item links against it. */
  siteRoot: string;
  /** Relative route of this feed, for `atom:link rel="self"`. */
  selfRoute: string;
  /** Newest first; the feed takes the first `limit`. */
  papers: readonly Paper[];
  limit: number;
  topicName: (slug: string) => string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The item body: the sanitized abstract plus the paper's links. */
function itemContent(paper: Paper): string {
  const links = Object.entries(paper.data.links)
    .map(([kind, url]) => `<a href="${escapeXml(url)}">${kind}</a>`)
    .join(' · ');
  const summary = paper.data.summary ? `<p><strong>TL;DR:</strong> ${escapeXml(paper.data.summary)}</p>` : '';
  const authors = paper.data.authors.length ? `<p>${escapeXml(paper.data.authors.join(', '))}</p>` : '';
  return `${summary}${authors}${renderAbstract(paper.abstract, 'mathml')}${links ? `<p>${links}</p>` : ''}`;
}

/** Options for `rss()`; pure, so feeds are tested without a build. */
export function feedOptions(input: FeedInput): RSSOptions {
  const selfUrl = new URL(input.selfRoute, input.siteRoot).href;
  return {
    title: input.title,
    description: input.description,
    site: input.siteRoot,
    trailingSlash: true,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>en</language><atom:link href="${escapeXml(selfUrl)}" rel="self" type="application/rss+xml"/>`,
    items: input.papers.slice(0, input.limit).map((paper) => ({
      title: paper.data.title,
      link: routes.paper(paper.id),
      pubDate: dayToDate(paper.data.day),
      description: paper.data.summary ?? excerpt(paper.abstract),
      content: itemContent(paper),
      categories: paper.topics.map(input.topicName),
      // Not the permalink: moving the site to another host or base must not make every item new again.
      customData: `<guid isPermaLink="false">paperboy:${escapeXml(paper.id)}</guid>`,
    })),
  };
}
