import { getRssString, type RSSOptions } from '@astrojs/rss';
import { Feed } from 'feed';
import type { TopicData } from '../model/topic.ts';
import { escapeHtml, xmlChars } from '../render/escape.ts';
import { isolate, isolatedHtml } from '../render/isolate.ts';
import { teaser } from './card.ts';
import type { Paper, Topic } from './digest.ts';
import { dayToDate } from './format.ts';
import { labelledLinks } from './paper-view.ts';
import { type FeedFormat, feedFormats, feedVariants, routes } from './paths.ts';
import type { PaperRenderer } from './render-paper.ts';

/**
 * Every feed is shaped once (`feedDocument`: plain text, safe HTML, absolute links, valid XML 1.0
 * characters) and then written as RSS 2.0, Atom 1.0 or JSON Feed 1.1 by one small writer each.
 */

export interface FeedInput {
  title: string;
  description: string;
  /** Who the feed names as its author: the site. */
  siteName: string;
  /** Site URL including the base path, ending in `/`. */
  siteRoot: string;
  /** Relative route of the page this feed follows (the channel's link). */
  pageRoute: string;
  /** Relative route of this feed in each format, for its self links. */
  feedRoute: (format: FeedFormat) => string;
  /** Newest first; the feed takes the first `limit`. */
  papers: readonly Paper[];
  limit: number;
  /**
   * What an item's content holds besides the authors: the whole abstract and the paper's links (the
   * site's feed), or the teaser alone (topic feeds: a paper is in two or three of them, and the item's
   * page has the rest).
   */
  body: 'abstract' | 'teaser';
  topicName: (slug: string) => string;
  /** Renders record text: the build's renderer, or the delivery's. */
  renderer: PaperRenderer;
}

/** The language of the site's own text (`<html lang>`), which the feeds declare. */
const FEED_LANGUAGE = 'en';

export interface FeedItem {
  /** `paperboy:<id>`, not the permalink: moving the site to another host or base must not make every item new again. */
  id: string;
  /** The paper page, absolute with the base path. */
  url: string;
  /** Plain text; a record's title isolated (`isolate`), since readers show it beside their own words. */
  title: string;
  /** Plain text: the record's TL;DR, or the first sentences of its abstract (the cards' teaser), isolated. */
  summary: string;
  /** Sanitized HTML: TL;DR, authors, the abstract as rendered by render/ and the paper's links; or the teaser and authors. */
  contentHtml: string;
  /** The digest day. */
  date: Date;
  /** In order, none blank, each isolated. */
  authors: string[];
  topics: { slug: string; name: string }[];
}

export interface FeedDocument {
  /** Plain text. */
  title: string;
  /** Plain text. */
  description: string;
  siteName: string;
  homeUrl: string;
  feedUrls: Record<FeedFormat, string>;
  /** The newest item's day; for a feed without items the Unix epoch, so that builds stay reproducible. */
  updated: Date;
  items: FeedItem[];
  /**
   * Whether each item's content opens with its summary (a teaser feed's). Atom and JSON Feed then leave
   * the summary out, which both allow beside content: a reader shows the content, and the teaser was
   * in each item twice. RSS keeps its description, which is what many readers list.
   */
  contentHoldsSummary: boolean;
}

/**
 * The item body: the TL;DR, the authors, the sanitized abstract and the paper's links; or, in a topic
 * feed, the teaser and the authors alone (the item's link leads to the page that has the rest).
 */
function itemContent(paper: Paper, renderer: PaperRenderer, body: FeedInput['body'], teaser: string): string {
  // Each name isolated, as on the pages: a right-to-left override in one must not reorder the rest.
  const names = paper.data.authors.map(isolatedHtml).join(', ');
  const authors = names ? `<p>${names}</p>` : '';
  if (body === 'teaser') return `<p>${isolatedHtml(teaser)}</p>${authors}`;
  const links = labelledLinks(paper.data.links)
    .map((link) => `<a href="${escapeHtml(link.url)}">${link.label}</a>`)
    .join(' · ');
  const summary = paper.data.summary
    ? `<p><strong>TL;DR:</strong> ${isolatedHtml(paper.data.summary)}</p>`
    : '';
  return `${summary}${authors}${renderer.abstractHtml(paper, 'mathml')}${links ? `<p>${links}</p>` : ''}`;
}

/**
 * A copy of a value with every string in it (at any depth) made valid XML 1.0 text. Dates and other
 * objects pass unchanged.
 */
function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return xmlChars(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafe) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, xmlSafe(field)])) as T;
  return value;
}

/**
 * A feed shaped for every format; pure, so feeds are tested without a build. The one place every
 * string of every feed passes through: records may carry U+FFFE, lone surrogates or control
 * characters, and one of them makes a strict parser reject a whole XML feed (and is no text a JSON
 * Feed reader could show either).
 */
export function feedDocument(input: FeedInput): FeedDocument {
  return safeFeedDocument(unsafeFeedDocument(input));
}

function safeFeedDocument(unsafe: FeedDocument): FeedDocument {
  const document = xmlSafe(unsafe);
  // A name made only of forbidden characters is empty now; Atom and JSON Feed want a name or nothing.
  const items = document.items.map((item) => ({
    ...item,
    authors: item.authors.filter((name) => name.trim()).map(isolate),
  }));
  return { ...document, items };
}

/** A feed's absolute URL in each format. */
function feedUrls(feedRoute: (format: FeedFormat) => string, siteRoot: string): Record<FeedFormat, string> {
  const url = (format: FeedFormat) => new URL(feedRoute(format), siteRoot).href;
  return { rss: url('rss'), atom: url('atom'), json: url('json') };
}

function unsafeFeedDocument(input: FeedInput): FeedDocument {
  const { renderer } = input;
  const url = (route: string) => new URL(route, input.siteRoot).href;
  const papers = input.papers.slice(0, input.limit);
  return {
    title: input.title,
    description: input.description,
    siteName: input.siteName,
    homeUrl: url(input.pageRoute),
    feedUrls: feedUrls(input.feedRoute, input.siteRoot),
    updated: dayToDate(papers[0]?.data.day ?? '1970-01-01'),
    contentHoldsSummary: input.body === 'teaser',
    items: papers.map((paper) => {
      const summary = teaser(paper.data, () => renderer.abstractOpening(paper));
      return {
        id: `paperboy:${paper.id}`,
        url: url(routes.paper(paper.id)),
        title: isolate(paper.data.title),
        summary: isolate(summary),
        contentHtml: itemContent(paper, renderer, input.body, summary),
        date: dayToDate(paper.data.day),
        authors: [...paper.data.authors],
        topics: paper.topics.map((slug) => ({ slug, name: input.topicName(slug) })),
      };
    }),
  };
}

/** What the feed at a former topic id tells its subscribers. */
export interface MovedFeedInput {
  /** The retired topic id whose feeds these are. */
  formerId: string;
  successor: Pick<TopicData, 'id' | 'name'>;
  siteName: string;
  /** Site URL including the base path, ending in `/`. */
  siteRoot: string;
  /**
   * The day the notice is dated, as the successor's own feed is: its newest paper's (the Unix epoch when
   * it has none), so that builds stay reproducible.
   */
  day: string;
}

/**
 * The feed at a former topic id: one item that links to the successor's page and names its feeds in
 * every format. Its id names both topics, so a reader shows it once, and again only if the id moves on.
 */
export function movedFeedDocument(input: MovedFeedInput): FeedDocument {
  const url = (route: string) => new URL(route, input.siteRoot).href;
  const { formerId, successor } = input;
  const successorUrl = url(routes.topic(successor.id));
  const successorFeeds = feedVariants((format) => routes.topicFeed(successor.id, format)).map((variant) => ({
    label: variant.label,
    url: url(variant.route),
  }));
  const feedList = successorFeeds
    .map((feed) => `<li>${feed.label}: <a href="${escapeHtml(feed.url)}">${escapeHtml(feed.url)}</a></li>`)
    .join('');
  const moved = `The topic “${formerId}” is now ${successor.name}; this feed gets no new papers.`;
  const date = dayToDate(input.day);
  return safeFeedDocument({
    title: `${input.siteName}: ${formerId}, now ${successor.name}`,
    description: `${moved} Subscribe to the feed of ${successor.name} instead.`,
    siteName: input.siteName,
    homeUrl: successorUrl,
    feedUrls: feedUrls((format) => routes.topicFeed(formerId, format), input.siteRoot),
    updated: date,
    contentHoldsSummary: false,
    items: [
      {
        id: `paperboy:topics/${formerId}/moved-to/${successor.id}`,
        url: successorUrl,
        title: `This feed has moved to ${successor.name}`,
        summary: `${moved} Subscribe to its feed instead: ${successorFeeds.map((feed) => `${feed.label} ${feed.url}`).join(', ')}.`,
        contentHtml:
          `<p>The topic “${escapeHtml(formerId)}” is now <a href="${escapeHtml(successorUrl)}">${escapeHtml(successor.name)}</a>; ` +
          `this feed gets no new papers. Subscribe to its feed instead, in any of these formats:</p><ul>${feedList}</ul>`,
        date,
        authors: [],
        topics: [{ slug: successor.id, name: successor.name }],
      },
    ],
  });
}

/** Options for `@astrojs/rss`: RSS 2.0 with an `atom:link rel="self"`. */
export function rssOptions(feed: FeedDocument): RSSOptions {
  return {
    title: feed.title,
    description: feed.description,
    // The channel's link; item links are absolute, so they do not depend on it.
    site: feed.homeUrl,
    trailingSlash: true,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${FEED_LANGUAGE}</language><atom:link href="${escapeHtml(feed.feedUrls.rss)}" rel="self" type="${feedFormats.rss.type}"/>`,
    items: feed.items.map((item) => ({
      title: item.title,
      link: item.url,
      pubDate: item.date,
      // @astrojs/rss escapes once and readers unescape once before treating a description as HTML, so
      // plain text must arrive escaped twice to stay text.
      description: escapeHtml(item.summary),
      content: item.contentHtml,
      categories: item.topics.map((topic) => topic.name),
      customData: `<guid isPermaLink="false">${escapeHtml(item.id)}</guid>`,
    })),
  };
}

/*
 * `feed` 6 hands its strings to xml-js, which writes some of them wrongly: text elements have `&amp;`
 * turned back into `&` before escaping (a name holding "&amp;" would lose it), CDATA sections have only
 * their first `]]>` split (a second one would end the section and let the rest be read as markup), and
 * attributes have only `"` (and, by `feed`, `&`) escaped, so a `<` would make the document ill-formed.
 * These three make each kind of string arrive as itself.
 */
const atomText = (text: string) => text.replaceAll('&amp;', '&amp;amp;');
/** For HTML only, where `&gt;` means `>` wherever `]]>` can occur (text and attribute values). */
const atomHtml = (html: string) => html.replaceAll(']]>', ']]&gt;');
/** `<` cannot be written in an attribute through `feed`; FULLWIDTH LESS-THAN SIGN looks the same. */
const atomAttribute = (text: string) => text.replaceAll('<', '\uFF1C');

/** The Atom 1.0 document, written by `feed`. */
export function atomXml(feed: FeedDocument): string {
  const atom = new Feed({
    id: atomText(feed.feedUrls.atom),
    title: atomText(feed.title),
    description: atomText(feed.description),
    link: feed.homeUrl,
    feedLinks: { atom: feed.feedUrls.atom },
    updated: feed.updated,
    // Atom wants an author for every entry; a record may list none, and then the site stands in.
    author: { name: atomText(feed.siteName) },
    generator: false,
  });
  for (const item of feed.items)
    atom.addItem({
      id: item.id,
      link: item.url,
      // `feed` declares these `type="html"`: text must be escaped once to stay text.
      title: escapeHtml(item.title),
      ...(feed.contentHoldsSummary ? {} : { description: escapeHtml(item.summary) }),
      content: atomHtml(item.contentHtml),
      date: item.date,
      published: item.date,
      ...(item.authors.length > 0 ? { author: item.authors.map((name) => ({ name: atomText(name) })) } : {}),
      category: item.topics.map((topic) => ({
        term: atomAttribute(topic.slug),
        // `feed` writes a category's `name` as Atom's `label`.
        name: atomAttribute(topic.name),
      })),
    });
  return withoutIndentation(atom.atom1());
}

/**
 * `feed` indents its XML, a fifth of an Atom feed's bytes. Whitespace between two tags is no text of
 * an Atom document, so it goes; CDATA sections (the HTML of titles and content) are left as they are.
 */
function withoutIndentation(xml: string): string {
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/>\s+</g, '><')))
    .join('');
}

/** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/). */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: { name: string }[];
  items: {
    id: string;
    url: string;
    title: string;
    content_html: string;
    summary?: string;
    date_published: string;
    authors?: { name: string }[];
    tags: string[];
  }[];
}

/** JSON Feed 1.1, written here: `feed` 6 writes only version 1.0. */
export function jsonFeed(feed: FeedDocument): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    language: FEED_LANGUAGE,
    // Items without authors of their own inherit the feed's.
    authors: [{ name: feed.siteName }],
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      ...(feed.contentHoldsSummary ? {} : { summary: item.summary }),
      date_published: item.date.toISOString(),
      ...(item.authors.length > 0 ? { authors: item.authors.map((name) => ({ name })) } : {}),
      tags: item.topics.map((topic) => topic.name),
    })),
  };
}

const writers: Record<FeedFormat, (feed: FeedDocument) => string | Promise<string>> = {
  rss: (feed) => getRssString(rssOptions(feed)),
  atom: atomXml,
  json: (feed) => JSON.stringify(jsonFeed(feed)),
};

/** A feed in one format, as an endpoint's response. */
export async function feedResponse(format: FeedFormat, document: FeedDocument): Promise<Response> {
  const body = await writers[format](document);
  return new Response(body, { headers: { 'Content-Type': `${feedFormats[format].type}; charset=utf-8` } });
}

/** A feed as the subscribe page lists it: what it follows, and its route in each format. */
export interface FeedListing {
  name: string;
  description: string;
  pageRoute: string;
  papers: number;
  variants: ReturnType<typeof feedVariants>;
}

/** The site's feed, each topic's in taxonomy order, and each custom feed's (by id) in file order. */
export function feedListings(
  site: Pick<FeedListing, 'name' | 'description' | 'papers'>,
  topics: readonly Topic[],
  custom: readonly (Pick<FeedListing, 'name' | 'description' | 'papers'> & { id: string })[],
): { site: FeedListing; topics: FeedListing[]; custom: FeedListing[] } {
  return {
    site: { ...site, pageRoute: routes.home(), variants: feedVariants(routes.feed) },
    topics: topics.map(({ topic, papers }) => ({
      name: topic.name,
      description: topic.description,
      pageRoute: routes.topic(topic.id),
      papers: papers.length,
      variants: feedVariants((format) => routes.topicFeed(topic.id, format)),
    })),
    custom: custom.map(({ id, ...listing }) => ({
      ...listing,
      pageRoute: routes.customFeed(id),
      variants: feedVariants((format) => routes.customFeedFile(id, format)),
    })),
  };
}
