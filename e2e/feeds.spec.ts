import { type APIRequestContext, expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { xmlProblems } from '../tests/strict-xml.ts';
import { e2eSettings } from './builds.ts';
import { days, latestDay, linksIn, nextPageOf, pageTypes, paperFiles, xmlHostilePaper } from './site.ts';

/** The three formats every feed comes in, as the site promises them (README, the subscribe page). */
const FORMATS = [
  { format: 'rss', file: 'rss.xml', type: 'application/rss+xml' },
  { format: 'atom', file: 'atom.xml', type: 'application/atom+xml' },
  { format: 'json', file: 'feed.json', type: 'application/feed+json' },
] as const;
type Format = (typeof FORMATS)[number]['format'];

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => name === 'item' || name === 'category',
});

const atomParser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['entry', 'link', 'author', 'category', 'id', 'title', 'updated'].includes(name),
});

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const JSON_FEED_1_1 = 'https://jsonfeed.org/version/1.1';
/** RFC 3339 date-times, as Atom and JSON Feed want them. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

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

/** The URL a feed says it lives at, read the way its format says. */
function selfUrl(type: string, body: string): string | undefined {
  if (type === 'application/rss+xml') return parser.parse(body).rss.channel['atom:link']['@_href'];
  if (type === 'application/atom+xml')
    return atomParser
      .parse(body)
      .feed.link.find((link: Record<string, string>) => link['@_rel'] === 'self')?.['@_href'];
  return JSON.parse(body).feed_url;
}

test('every page advertises the site feed, the home and subscribe pages in all three formats, and every advertised feed answers as itself', async ({
  page,
  request,
  baseURL,
}) => {
  // Every page type, each loaded in the browser: on a busy machine, more than the default half minute.
  test.setTimeout(120_000);
  const checked = new Set<string>();
  for (const { name, path } of await pageTypes(request)) {
    await page.goto(path);
    // Resolved as a reader resolves them: the links are root-relative, with the base path.
    const alternates = await page.locator('head link[rel="alternate"]').evaluateAll((links) =>
      links.map((link) => ({
        type: link.getAttribute('type') ?? '',
        href: (link as HTMLLinkElement).href,
      })),
    );
    const everyFormat = name === 'home' || name === 'subscribe';
    for (const { file, type } of everyFormat ? FORMATS : FORMATS.slice(0, 1))
      expect(alternates, `${name}: the site feed as ${type}`).toContainEqual({
        type,
        href: new URL(file, baseURL).href,
      });
    if (!everyFormat)
      expect(
        alternates.map((link) => link.type),
        name,
      ).not.toContain(FORMATS[1].type);
    // A topic's page and a custom feed's page advertise their own feed, whose files sit beside them.
    if (name === 'topic' || name === 'custom feed') {
      const topic = new URL(path, baseURL).href;
      expect(alternates, 'the topic feed as RSS').toContainEqual({
        type: FORMATS[0].type,
        href: `${topic}${FORMATS[0].file}`,
      });
    }
    for (const { type, href } of alternates) {
      if (checked.has(href)) continue;
      checked.add(href);
      const response = await request.get(href);
      expect(response.status(), `${name}: ${href}`).toBe(200);
      expect(selfUrl(type, await response.text()), `${name}: ${href}`).toBe(href);
    }
  }
});

/** The pages under `folder` (`topics`, `feeds`) that the page at `listedOn` links to: at least `least`. */
async function listedPages(
  request: APIRequestContext,
  baseURL: string,
  listedOn: string,
  folder: string,
  least: number,
): Promise<string[]> {
  const listUrl = new URL(listedOn, baseURL).href;
  const pages = linksIn(await (await request.get(listUrl)).text(), listUrl).filter((url) =>
    new RegExp(`/${folder}/[a-z0-9-]+/$`).test(url),
  );
  expect(pages.length).toBeGreaterThanOrEqual(least);
  return [...new Set(pages)];
}

/** The topic pages the topics page lists. */
const topicPages = (request: APIRequestContext, baseURL: string) =>
  listedPages(request, baseURL, 'topics/', 'topics', 4);

/** The custom feeds' pages the subscribe page lists. */
const customFeedPages = (request: APIRequestContext, baseURL: string) =>
  listedPages(request, baseURL, 'subscribe/', 'feeds', 1);

/** The site's feed, the feed of every topic the topics page lists and of every custom feed, in one format. */
async function allFeeds(request: APIRequestContext, baseURL: string, format: Format): Promise<string[]> {
  const { file } = FORMATS.find((entry) => entry.format === format) as (typeof FORMATS)[number];
  return [baseURL, ...(await topicPages(request, baseURL)), ...(await customFeedPages(request, baseURL))].map(
    (scope) => `${scope}${file}`,
  );
}

/** RFC 822 dates as RSS 2.0 wants them (with a four-digit year, as RFC 1123 and every reader expect). */
const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/;

const strictParser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) =>
    ['channel', 'item', 'category', 'guid', 'atom:link', 'title', 'link', 'pubDate'].includes(name),
});

test('every feed is well-formed XML 1.0 and valid RSS 2.0', async ({ request, baseURL }) => {
  const base = baseURL as string;
  for (const feed of await allFeeds(request, base, 'rss')) {
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

/** The text of an Atom text construct or plain element, as fast-xml-parser gives it. */
const textOf = (element: unknown): string =>
  typeof element === 'object' && element !== null
    ? String((element as Record<string, unknown>)['#text'] ?? '')
    : String(element ?? '');

test('every Atom feed is well-formed XML 1.0 and valid Atom 1.0', async ({ request, baseURL }) => {
  const base = baseURL as string;
  for (const feed of await allFeeds(request, base, 'atom')) {
    const response = await request.get(feed);
    expect(response.status(), feed).toBe(200);
    const xml = await response.text();
    expect(xml, feed).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>/i);
    expect(xmlProblems(xml), feed).toEqual([]);

    const document = atomParser.parse(xml);
    expect(
      Object.keys(document).filter((key) => key !== '?xml'),
      feed,
    ).toEqual(['feed']);
    const atom = document.feed;
    expect(atom['@_xmlns'], feed).toBe(ATOM_NS);
    // Exactly one id, title and updated, each non-empty (RFC 4287 §4.1.1).
    for (const field of ['id', 'title', 'updated']) {
      expect(atom[field], `${feed}: ${field}`).toHaveLength(1);
      expect(textOf(atom[field][0]).trim(), `${feed}: ${field}`).not.toBe('');
    }
    expect(() => new URL(textOf(atom.id[0])), feed).not.toThrow();
    expect(textOf(atom.updated[0]), feed).toMatch(RFC_3339);
    const links = atom.link as Record<string, string>[];
    expect(
      links.filter((link) => link['@_rel'] === 'self').map((link) => link['@_href']),
      feed,
    ).toEqual([feed]);
    const alternate = links.filter((link) => (link['@_rel'] ?? 'alternate') === 'alternate');
    expect(alternate, feed).toHaveLength(1);
    expect(alternate[0]?.['@_href']?.startsWith(base), feed).toBe(true);
    const feedHasAuthor = (atom.author ?? []).some((author: { name?: unknown }) =>
      textOf(author.name).trim(),
    );

    // The topics page lists only topics with papers, and every example custom feed holds some: none is empty.
    expect(atom.entry?.length, feed).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (const entry of atom.entry ?? []) {
      for (const field of ['id', 'title', 'updated'])
        expect(entry[field], `${feed}: entry ${field}`).toHaveLength(1);
      const id = textOf(entry.id[0]);
      expect(id.trim(), feed).not.toBe('');
      expect(() => new URL(id), `${feed}: entry id ${id} is an IRI`).not.toThrow();
      expect(ids.has(id), `${feed}: duplicate id ${id}`).toBe(false);
      ids.add(id);
      expect(textOf(entry.updated[0]), feed).toMatch(RFC_3339);
      const entryLinks = (entry.link ?? []) as Record<string, string>[];
      const pageLinks = entryLinks.filter((link) => (link['@_rel'] ?? 'alternate') === 'alternate');
      expect(pageLinks, `${feed}: ${id}`).toHaveLength(1);
      expect(pageLinks[0]?.['@_href']?.startsWith(`${base}papers/`), `${feed}: ${id}`).toBe(true);
      // Atom needs an author on the feed or on every entry.
      const entryHasAuthor = (entry.author ?? []).some((author: { name?: unknown }) =>
        textOf(author.name).trim(),
      );
      expect(feedHasAuthor || entryHasAuthor, `${feed}: ${id} has no author`).toBe(true);
      expect(entry.content?.['@_type'], `${feed}: ${id}`).toBe('html');
      expect(textOf(entry.content), `${feed}: ${id}`).not.toMatch(/<script/i);
    }
  }
});

const ISOLATE_MARKS = /[\u2066-\u2069]/g;

/** The text of an item's opening paragraph: its tags left out, its character references read, no isolate marks. */
const openingText = (html: string) =>
  (html.match(/^<p>(.*?)<\/p>/)?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(lt|gt|quot|#39|#x27|amp);/g,
      (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[name] ?? '',
    )
    .replace(ISOLATE_MARKS, '');

const isAbsoluteUnder = (url: unknown, prefix: string) =>
  typeof url === 'string' && URL.canParse(url) && new URL(url).href === url && url.startsWith(prefix);

test('every JSON Feed is valid JSON Feed 1.1', async ({ request, baseURL }) => {
  const base = baseURL as string;
  for (const feed of await allFeeds(request, base, 'json')) {
    const response = await request.get(feed);
    expect(response.status(), feed).toBe(200);
    const json = JSON.parse(await response.text());
    expect(json.version, feed).toBe(JSON_FEED_1_1);
    expect(typeof json.title, feed).toBe('string');
    expect(json.title.trim(), feed).not.toBe('');
    expect(json.feed_url, feed).toBe(feed);
    expect(isAbsoluteUnder(json.home_page_url, base), `${feed}: home_page_url`).toBe(true);
    expect(json.language, feed).toBe('en');
    expect(Array.isArray(json.authors) && json.authors.length > 0, `${feed}: authors`).toBe(true);
    for (const author of json.authors) expect(typeof author.name, feed).toBe('string');
    expect(Array.isArray(json.items), `${feed}: items`).toBe(true);
    expect(json.items.length, feed).toBeGreaterThan(0);

    const ids = new Set<string>();
    for (const item of json.items) {
      expect(typeof item.id, `${feed}: item id`).toBe('string');
      expect(item.id.trim(), feed).not.toBe('');
      expect(ids.has(item.id), `${feed}: duplicate id ${item.id}`).toBe(false);
      ids.add(item.id);
      expect(
        typeof item.content_html === 'string' || typeof item.content_text === 'string',
        `${feed}: ${item.id} has content_html or content_text`,
      ).toBe(true);
      expect(item.content_html, `${feed}: ${item.id}`).not.toMatch(/<script/i);
      expect(isAbsoluteUnder(item.url, `${base}papers/`), `${feed}: ${item.id} url ${item.url}`).toBe(true);
      expect(typeof item.title, `${feed}: ${item.id} title`).toBe('string');
      // A topic feed's items have none: their content opens with it.
      if ('summary' in item) expect(typeof item.summary, `${feed}: ${item.id} summary`).toBe('string');
      expect(item.date_published, `${feed}: ${item.id}`).toMatch(RFC_3339);
      expect(
        Array.isArray(item.tags) && item.tags.every((tag: unknown) => typeof tag === 'string'),
        feed,
      ).toBe(true);
      for (const author of item.authors ?? [])
        expect(typeof author.name, `${feed}: ${item.id}`).toBe('string');
    }
  }
});

/** The links each format gives: its own addresses and its items' pages. */
async function feedLinks(request: APIRequestContext, feed: string, format: Format): Promise<string[]> {
  const body = await (await request.get(feed)).text();
  if (format === 'rss') {
    const { channel } = parser.parse(body).rss;
    return [
      channel.link,
      channel['atom:link']['@_href'],
      ...(channel.item ?? []).map((item: { link: string }) => item.link),
    ];
  }
  if (format === 'atom') {
    const atom = atomParser.parse(body).feed;
    return [atom, ...(atom.entry ?? [])].flatMap((element) =>
      element.link.map((link: Record<string, string>) => link['@_href']),
    );
  }
  const json = JSON.parse(body);
  return [json.home_page_url, json.feed_url, ...json.items.map((item: { url: string }) => item.url)];
}

test('every link a feed gives is absolute, under the base URL, and answers 200', async ({
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const links = new Set<string>();
  for (const { format } of FORMATS)
    for (const feed of await allFeeds(request, base, format))
      for (const link of await feedLinks(request, feed, format)) {
        expect(isAbsoluteUnder(link, base), `${feed}: ${link}`).toBe(true);
        links.add(link);
      }
  expect(links.size).toBeGreaterThan(60);
  for (const link of links) expect((await request.get(link)).status(), link).toBe(200);
});

/** The item ids of a feed in each format, and the JSON Feed's item pages, in feed order. */
async function feedItems(request: APIRequestContext, scope: string) {
  const text = async (file: string) => (await request.get(`${scope}${file}`)).text();
  const rss = parser.parse(await text('rss.xml')).rss.channel.item ?? [];
  const atom = atomParser.parse(await text('atom.xml')).feed.entry ?? [];
  const json: { id: string; url: string }[] = JSON.parse(await text('feed.json')).items;
  return {
    ids: {
      rss: rss.map((item: { guid: Record<string, string> }) => item.guid['#text']),
      atom: atom.map((entry: { id: unknown[] }) => textOf(entry.id[0])),
      json: json.map((item) => item.id),
    },
    pages: json.map((item) => item.url),
  };
}

/** The papers a topic's or custom feed's pages list, following their "older" links, in page order. */
async function listedPapers(request: APIRequestContext, topicPage: string): Promise<string[]> {
  const papers: string[] = [];
  let url: string | undefined = topicPage;
  while (url) {
    const html = await (await request.get(url)).text();
    papers.push(...linksIn(html, url).filter((link) => /\/papers\/[^/]+\/$/.test(link)));
    url = nextPageOf(html, url);
  }
  return [...new Set(papers)];
}

test('a topic’s or custom feed’s feeds hold its page’s newest papers and nothing else, the same in every format', async ({
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  for (const scope of [
    base,
    ...(await topicPages(request, base)),
    ...(await customFeedPages(request, base)),
  ]) {
    const { ids, pages } = await feedItems(request, scope);
    expect(ids.atom, scope).toEqual(ids.rss);
    expect(ids.json, scope).toEqual(ids.rss);
    expect(ids.rss.length, scope).toBeGreaterThan(0);
    if (scope === base) continue;
    // Newest first on the topic's pages and in its feeds: a feed is the head of that list.
    const limit = (await customFeedPages(request, base)).includes(scope)
      ? e2eSettings.feedLimit
      : e2eSettings.topicFeedLimit;
    expect(pages, scope).toEqual((await listedPapers(request, scope)).slice(0, limit));
  }
});

test('the site feed gives each paper’s abstract, a topic feed its teaser and authors', async ({
  request,
  baseURL,
}) => {
  const base = baseURL as string;
  type Item = { url: string; summary?: string; content_html: string };
  const items = async (scope: string): Promise<Item[]> =>
    JSON.parse(await (await request.get(`${scope}feed.json`)).text()).items;
  const site = new Map((await items(base)).map((item) => [item.url, item]));
  let compared = 0;
  let endings = 0;
  for (const scope of await topicPages(request, base))
    for (const item of await items(scope)) {
      const full = site.get(item.url);
      if (!full) continue;
      compared++;
      // The teaser once, as the content's opening paragraph: the site feed's summary.
      expect(item.summary, item.url).toBeUndefined();
      expect(openingText(item.content_html), item.url).toBe((full.summary ?? '').replace(ISOLATE_MARKS, ''));
      expect(item.content_html.length, item.url).toBeLessThan(full.content_html.length);
      // The site feed's item ends its abstract as the page does; the topic feed's stops at the teaser.
      const page = await (await request.get(item.url)).text();
      // The abstract's last 40 characters, as written: its last paragraph's end tag may be left out.
      const abstract = page.search(/<div class="?abstract\b/);
      const ending =
        abstract < 0 ? undefined : page.slice(abstract).match(/([^<>]{40})(?:<\/p>)?<\/div>/)?.[1];
      if (ending === undefined || (full.summary ?? '').includes(ending)) continue;
      endings++;
      expect(full.content_html, item.url).toContain(ending);
      expect(item.content_html, item.url).not.toContain(ending);
    }
  expect(compared).toBeGreaterThan(5);
  expect(endings).toBeGreaterThan(3);
});

test('a record full of characters XML forbids still gives well-formed feeds in every format', async ({
  request,
  baseURL,
}) => {
  const base = baseURL as string;
  // Every forbidden character was dropped, everything around it kept.
  const kept = 'a non-character , another , a NUL-like control , an escape  and a backspace  in an abstract';
  const paper = new URL(`papers/${xmlHostilePaper.id}/`, base).href;
  for (const { format } of FORMATS) {
    const holding: string[] = [];
    for (const feed of await allFeeds(request, base, format)) {
      const body = await (await request.get(feed)).text();
      if (format === 'json') {
        const item = JSON.parse(body).items.find((entry: { url: string }) => entry.url === paper);
        if (!item) continue;
        expect(item.content_html, feed).toContain(kept);
      } else {
        if (!body.includes(paper)) continue;
        expect(xmlProblems(body), feed).toEqual([]);
        expect(body, feed).toContain(kept);
      }
      holding.push(feed);
    }
    expect(holding.length, `${format} feeds that carry the record`).toBeGreaterThan(0);
  }
});

test('the subscribe page lists every feed in every format and the latest e-mail-ready day', async ({
  page,
  request,
  baseURL,
}) => {
  const base = baseURL as string;
  await page.goto('');
  await page
    .locator('footer')
    .getByRole('link', { name: /subscribe/i })
    .click();
  await page.waitForURL(new URL('subscribe/', base).href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Subscribe');

  const listed = await page
    .locator('main a[type]')
    .evaluateAll((links) =>
      links.map((link) => `${link.getAttribute('type')} ${(link as HTMLAnchorElement).href}`),
    );
  const expected = [];
  for (const { format, type } of FORMATS)
    for (const feed of await allFeeds(request, base, format)) expected.push(`${type} ${feed}`);
  // Every feed the site has (topics without papers have feeds too, so the page may list more).
  for (const feed of expected) expect(listed, feed).toContain(feed);
  expect(new Set(listed).size).toBe(listed.length);

  await expect(page.getByText(new URL('rss.xml', base).href, { exact: true })).toBeVisible();
  const email = page.locator('main a[href$="/email.html"]');
  await expect(email).toHaveAttribute('href', new URL(`days/${latestDay}/email.html`, base).pathname);
  expect((await request.get(new URL(`days/${latestDay}/email.html`, base).href)).status()).toBe(200);
});

test('the sitemaps are well-formed, keep the base path in every URL and list the subscribe page', async ({
  request,
  baseURL,
}) => {
  const base = baseURL as string;
  const index = new URL('sitemap-index.xml', base).href;
  const xml = await (await request.get(index)).text();
  expect(xmlProblems(xml), index).toEqual([]);
  const locations = (text: string) =>
    [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
  const sitemaps = locations(xml);
  expect(sitemaps.length).toBeGreaterThan(0);
  const pages: string[] = [];
  for (const sitemap of sitemaps) {
    expect(sitemap.startsWith(base), sitemap).toBe(true);
    const part = await (await request.get(sitemap)).text();
    expect(xmlProblems(part), sitemap).toEqual([]);
    pages.push(...locations(part));
  }
  expect(pages.filter((url) => !url.startsWith(base))).toEqual([]);
  expect(pages).toContain(new URL('subscribe/', base).href);
  expect(pages).toContain(new URL(`days/${latestDay}/`, base).href);
});
