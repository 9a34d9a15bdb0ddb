import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { parse } from 'yaml';
import { xmlProblems } from '../tests/strict-xml.ts';
import { elementsWith } from './html.ts';
import { linksIn, nextPageOf } from './site.ts';

/**
 * The URLs of former topic ids (`formerIds` in content/topics.yaml) keep answering and lead to the topic
 * that holds each id now. Driven by the taxonomy file itself, read here as plain YAML: every former id
 * and every page number it declares is checked. A taxonomy without former ids passes vacuously; the
 * committed one declares some.
 */

interface TaxonomyEntry {
  id: string;
  name: string;
  formerIds?: { id: string; pages: number }[];
}

const taxonomy = parse(
  readFileSync(new URL('../content/topics.yaml', import.meta.url), 'utf8'),
) as TaxonomyEntry[];
const formers = taxonomy.flatMap((topic) =>
  (topic.formerIds ?? []).map((former) => ({ ...former, successor: topic })),
);

const topicPage = (id: string, page = 1) => (page > 1 ? `topics/${id}/${page}/` : `topics/${id}/`);
const FEEDS = [
  { format: 'rss', file: 'rss.xml' },
  { format: 'atom', file: 'atom.xml' },
  { format: 'json', file: 'feed.json' },
] as const;

/** How many pages a current topic has, counted by following its pages' "next" links. */
async function pageCount(request: APIRequestContext, first: string): Promise<number> {
  let count = 0;
  let url: string | undefined = first;
  while (url) {
    const html = await (await request.get(url)).text();
    count++;
    url = nextPageOf(html, url);
  }
  return count;
}

test('every page a former topic id had answers 200 with a small noindex page that leads to its successor', async ({
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  test
    .info()
    .annotations.push({ type: 'former ids', description: formers.map((former) => former.id).join(', ') });
  for (const { id, pages, successor } of formers) {
    const successorPages = await pageCount(request, new URL(topicPage(successor.id), base).href);
    for (let page = 1; page <= pages; page++) {
      const url = new URL(topicPage(id, page), base).href;
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      expect(response.headers()['content-type'], url).toMatch(/^text\/html/);
      const body = await response.body();
      expect(body.length, `${url}: bytes`).toBeLessThanOrEqual(1024);
      const html = body.toString('utf8');
      expect(elementsWith(html, 'meta', { name: 'robots', content: 'noindex' }), url).toHaveLength(1);
      // The successor's page of the same number, or its last page when it has fewer.
      const target = new URL(topicPage(successor.id, Math.min(page, successorPages)), base).href;
      const refresh = elementsWith(html, 'meta', { 'http-equiv': 'refresh' }).map(
        ({ attributes }) => attributes.content,
      );
      expect(refresh, `${url}: refresh`).toEqual([`0; url=${target}`]);
      const canonical = elementsWith(html, 'link', { rel: 'canonical' }).map(
        ({ attributes }) => attributes.href,
      );
      expect(canonical, `${url}: canonical`).toEqual([target]);
      expect(elementsWith(html, 'a')[0]?.attributes.href, `${url}: link`).toBe(target);
      expect(
        linksIn(html, url).every((link) => link === target),
        `${url}: links only to ${target}`,
      ).toBe(true);
      const landing = await request.get(target);
      expect(landing.status(), target).toBe(200);
      const robots = elementsWith(await landing.text(), 'meta', { name: 'robots' });
      expect(
        robots.filter(({ attributes }) => attributes.content?.includes('noindex')),
        target,
      ).toEqual([]);
    }
  }
});

test('a browser that opens a former topic page lands on its successor’s page', async ({ page, baseURL }) => {
  const base = baseURL as string;
  for (const { id, successor } of formers) {
    await page.goto(topicPage(id));
    await page.waitForURL(new URL(topicPage(successor.id), base).href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(successor.name);
  }
});

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['channel', 'item', 'entry', 'link', 'atom:link'].includes(name),
});

test('every feed of a former topic id is a valid feed with one item that points to its successor’s feeds', async ({
  request,
  baseURL,
}) => {
  const base = baseURL as string;
  for (const { id, successor } of formers) {
    const successorPage = new URL(topicPage(successor.id), base).href;
    const successorFeeds = FEEDS.map(({ file }) => `${successorPage}${file}`);
    for (const feed of successorFeeds) expect((await request.get(feed)).status(), feed).toBe(200);
    for (const { format, file } of FEEDS) {
      const url = new URL(`${topicPage(id)}${file}`, base).href;
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      // A static host names the type by the file's extension.
      expect(response.headers()['content-type'], url).toMatch(format === 'json' ? /json/ : /xml/);
      const text = await response.text();
      let itemText: string;
      if (format === 'json') {
        const json = JSON.parse(text);
        expect(json.version, url).toBe('https://jsonfeed.org/version/1.1');
        expect(json.feed_url, url).toBe(url);
        expect(json.items, url).toHaveLength(1);
        expect(json.items[0].url, url).toBe(successorPage);
        itemText = `${json.items[0].content_html} ${json.items[0].summary}`;
      } else {
        // A strict parser: a structural error or a character XML 1.0 forbids fails the feed.
        expect(xmlProblems(text), url).toEqual([]);
        const document = xmlParser.parse(text);
        if (format === 'rss') {
          expect(document.rss['@_version'], url).toBe('2.0');
          const [channel] = document.rss.channel;
          expect(
            channel['atom:link'].find((link: Record<string, string>) => link['@_rel'] === 'self')?.['@_href'],
            url,
          ).toBe(url);
          expect(channel.item, url).toHaveLength(1);
          expect(channel.item[0].link, url).toEqual([successorPage]);
          itemText = `${channel.item[0].description} ${channel.item[0]['content:encoded']}`;
        } else {
          const atom = document.feed;
          expect(atom['@_xmlns'], url).toBe('http://www.w3.org/2005/Atom');
          expect(
            atom.link.find((link: Record<string, string>) => link['@_rel'] === 'self')?.['@_href'],
            url,
          ).toBe(url);
          expect(atom.entry, url).toHaveLength(1);
          const [entry] = atom.entry;
          expect(
            entry.link.map((link: Record<string, string>) => link['@_href']),
            url,
          ).toEqual([successorPage]);
          itemText = `${entry.summary['#text']} ${entry.content['#text']}`;
        }
      }
      for (const successorFeed of successorFeeds)
        expect(itemText, `${url} names ${successorFeed}`).toContain(successorFeed);
    }
  }
});

test('no sitemap, topics index, subscribe page or topic page lists a former topic id', async ({
  request,
  baseURL,
}) => {
  const base = baseURL as string;
  const isFormer = (url: string) =>
    formers.some(({ id }) => url.startsWith(new URL(topicPage(id), base).href));

  const locations = (xml: string) =>
    [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
  const sitemapPages: string[] = [];
  for (const sitemap of locations(await (await request.get(new URL('sitemap-index.xml', base).href)).text()))
    sitemapPages.push(...locations(await (await request.get(sitemap)).text()));
  expect(sitemapPages.filter(isFormer)).toEqual([]);
  for (const { successor } of formers)
    expect(sitemapPages).toContain(new URL(topicPage(successor.id), base).href);

  for (const path of ['topics/', 'subscribe/']) {
    const url = new URL(path, base).href;
    expect(linksIn(await (await request.get(url)).text(), url).filter(isFormer), url).toEqual([]);
  }
  // A successor's page advertises the site's feed and its own, as every topic page does: as RSS, which
  // every reader takes (the home and subscribe pages list all three formats), by root-relative links.
  const rss = FEEDS.find(({ file }) => file === 'rss.xml')?.file as string;
  for (const { successor } of formers) {
    const url = new URL(topicPage(successor.id), base).href;
    const html = await (await request.get(url)).text();
    const alternates = elementsWith(html, 'link', { rel: 'alternate' }).map(
      ({ attributes }) => new URL(attributes.href as string, url).href,
    );
    expect(alternates, url).toEqual([new URL(rss, base).href, `${url}${rss}`]);
  }
});
