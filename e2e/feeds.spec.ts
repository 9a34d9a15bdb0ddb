import { type APIRequestContext, expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { xmlProblems } from '../tests/strict-xml.ts';
import { e2eSettings } from './builds.ts';
import { days, linksIn, pageTypes, paperFiles, xmlHostilePaper } from './site.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => name === 'item' || name === 'category',
});

test('rss.xml parses, is capped, and every item link returns 200', async ({ request, baseURL }) => {
  const response = await request.get('rss.xml');
  expect(response.status()).toBe(200);
  const channel = parser.parse(await response.text()).rss.channel;
  const totalPapers = days.reduce((sum, day) => sum + paperFiles(day).length, 0);
  expect(channel.item).toHaveLength(Math.min(e2eSettings.feedLimit, totalPapers));
  expect(channel['atom:link']['@_href']).toBe(new URL('rss.xml', baseURL).href);
  expect(channel['atom:link']['@_rel']).toBe('self');

  const guids = new Set<string>();
  for (const item of channel.item) {
    expect(item.link.startsWith(baseURL as string), item.link).toBe(true);
    expect((await request.get(item.link)).status(), item.link).toBe(200);
    expect(item.category.length).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
    expect(item['content:encoded']).not.toMatch(/<script/i);
    guids.add(item.guid['#text']);
  }
  expect(guids.size).toBe(channel.item.length);
});

test('every page advertises its feeds, and every advertised feed parses', async ({
  page,
  request,
  baseURL,
}) => {
  for (const { name, path } of await pageTypes(request)) {
    await page.goto(path);
    const feeds = await page
      .locator('head link[rel="alternate"][type="application/rss+xml"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(feeds, name).toContain(new URL('rss.xml', baseURL).href);
    for (const feed of feeds) {
      const response = await request.get(feed);
      expect(response.status(), `${name}: ${feed}`).toBe(200);
      const channel = parser.parse(await response.text()).rss.channel;
      expect(channel['atom:link']['@_href']).toBe(feed);
      for (const item of channel.item ?? []) expect(item.link.startsWith(baseURL as string)).toBe(true);
    }
    if (name === 'topic')
      expect(feeds.some((feed) => /\/topics\/[a-z0-9-]+\/rss\.xml$/.test(feed))).toBe(true);
  }
});

/** RFC 822 dates as RSS 2.0 wants them (with a four-digit year, as RFC 1123 and every reader expect). */
const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/;

const strictParser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) =>
    ['channel', 'item', 'category', 'guid', 'atom:link', 'title', 'link', 'pubDate'].includes(name),
});

/** The site feed and the feed of every topic the topics page lists. */
async function allFeeds(request: APIRequestContext, baseURL: string): Promise<string[]> {
  const topicsUrl = new URL('topics/', baseURL).href;
  const topicPages = linksIn(await (await request.get(topicsUrl)).text(), topicsUrl).filter((url) =>
    /\/topics\/[a-z0-9-]+\/$/.test(url),
  );
  expect(topicPages.length).toBeGreaterThan(3);
  return [new URL('rss.xml', baseURL).href, ...new Set(topicPages.map((url) => `${url}rss.xml`))];
}

test('every feed is well-formed XML 1.0 and valid RSS 2.0', async ({ request, baseURL }) => {
  const base = baseURL as string;
  for (const feed of await allFeeds(request, base)) {
    const response = await request.get(feed);
    expect(response.status(), feed).toBe(200);
    expect(response.headers()['content-type'], feed).toMatch(/xml/);
    const xml = await response.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), feed).toBe(true);
    // A strict parser: a structural error, a forbidden character or a lone surrogate fails the feed.
    expect(xmlProblems(xml), feed).toEqual([]);

    const { rss } = strictParser.parse(xml);
    expect(rss['@_version'], feed).toBe('2.0');
    expect(rss['@_xmlns:atom'], feed).toBe('http://www.w3.org/2005/Atom');
    expect(rss.channel, feed).toHaveLength(1);
    const [channel] = rss.channel;
    for (const field of ['title', 'link', 'description'])
      expect(String(channel[field] ?? '').trim(), `${feed}: ${field}`).not.toBe('');
    expect(channel.link[0].startsWith(base), feed).toBe(true);
    const self = channel['atom:link'].filter((link: Record<string, string>) => link['@_rel'] === 'self');
    expect(self, feed).toEqual([{ '@_href': feed, '@_rel': 'self', '@_type': 'application/rss+xml' }]);

    const guids = new Set<string>();
    for (const item of channel.item ?? []) {
      expect(item.title, feed).toHaveLength(1);
      expect(item.link, feed).toHaveLength(1);
      expect(item.link[0].startsWith(`${base}papers/`), feed).toBe(true);
      expect(item.pubDate, feed).toHaveLength(1);
      expect(item.pubDate[0], feed).toMatch(RFC_822);
      expect(new Date(item.pubDate[0]).toUTCString(), feed).toBe(item.pubDate[0]);
      expect(item.guid, feed).toHaveLength(1);
      const guid = item.guid[0];
      expect(guid['@_isPermaLink'], feed).toBe('false');
      expect(guids.has(guid['#text']), `${feed}: duplicate guid ${guid['#text']}`).toBe(false);
      guids.add(guid['#text']);
    }
  }
});

test('a record full of characters XML forbids still gives well-formed feeds', async ({
  request,
  baseURL,
}) => {
  const feeds = await allFeeds(request, baseURL as string);
  const holding: string[] = [];
  for (const feed of feeds) {
    const xml = await (await request.get(feed)).text();
    if (!xml.includes(`papers/${xmlHostilePaper.id}/`)) continue;
    holding.push(feed);
    // Every forbidden character was dropped, everything around it kept.
    expect(xml, feed).toContain(
      'a non-character , another , a NUL-like control , an escape  and a backspace  in an abstract',
    );
  }
  expect(holding.length, 'feeds that carry the record').toBeGreaterThan(0);
});

test('the sitemaps, the site’s other XML, are well-formed XML 1.0 too', async ({ request, baseURL }) => {
  const index = new URL('sitemap-index.xml', baseURL).href;
  const xml = await (await request.get(index)).text();
  expect(xmlProblems(xml), index).toEqual([]);
  const sitemaps = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
  expect(sitemaps.length).toBeGreaterThan(0);
  for (const sitemap of sitemaps) {
    expect(sitemap.startsWith(baseURL as string), sitemap).toBe(true);
    expect(xmlProblems(await (await request.get(sitemap)).text()), sitemap).toEqual([]);
  }
});
