import { expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { e2eSettings } from './builds.ts';
import { days, pageTypes, paperFiles } from './site.ts';

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
