import { expect, type Page, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { xmlProblems } from '../tests/strict-xml.ts';
import { e2eSettings } from './builds.ts';
import { exampleFeeds } from './site.ts';

/**
 * The custom feeds of content/feeds.yaml: each page and each of its three feeds holds exactly the
 * papers its query selects (hand-written in e2e/site.ts), the feeds parse strictly, and the pages work
 * without JavaScript. The checks every feed gets (valid RSS, Atom and JSON Feed, links that answer)
 * run over these feeds too, in feeds.spec.ts.
 */

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['item', 'entry', 'link'].includes(name),
});

/** The paper ids a listing page links to from its cards, in order. */
async function cardIds(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('main article h2 a')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  return hrefs.map((href) => decodeURIComponent(href.match(/\/papers\/([^/]+)\/$/)?.[1] ?? href));
}

/** The ids a feed's page links (absolute URLs) stand for. */
const idsOf = (urls: readonly string[]) =>
  urls.map((url) => decodeURIComponent(url.match(/\/papers\/([^/]+)\/$/)?.[1] ?? url));

for (const feed of exampleFeeds) {
  test(`“${feed.title}” lists exactly its papers across its pages, without JavaScript`, async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const page = await context.newPage();
    await page.goto(`feeds/${feed.id}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(feed.title);
    await expect(page.locator('main')).toContainText(`${feed.papers.length} papers, newest first`);
    const lastPage = Math.ceil(feed.papers.length / e2eSettings.topicPageSize);
    const seen: string[] = [];
    for (let number = 1; number <= lastPage; number++) {
      seen.push(...(await cardIds(page)));
      if (number < lastPage) {
        await page.getByRole('link', { name: 'Older papers →' }).first().click();
        await page.waitForURL(new URL(`feeds/${feed.id}/${number + 1}/`, baseURL).href);
      }
    }
    expect(seen).toEqual(feed.papers);
    // A card leads to its paper.
    await page.locator('main article h2 a').first().click();
    await page.waitForURL(/\/papers\/[^/]+\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await context.close();
  });

  test(`“${feed.title}” feeds parse strictly and hold exactly its papers, in every format`, async ({
    request,
    baseURL,
  }) => {
    const scope = new URL(`feeds/${feed.id}/`, baseURL).href;
    const expected = feed.papers.slice(0, e2eSettings.feedLimit);

    const rss = await (await request.get(`${scope}rss.xml`)).text();
    expect(xmlProblems(rss)).toEqual([]);
    const channel = parser.parse(rss).rss.channel;
    expect(channel.title).toBe(`Paperboy: ${feed.title}`);
    expect(channel.link).toEqual([scope]);
    expect(idsOf(channel.item.map((item: { link: string[] }) => item.link[0]))).toEqual(expected);

    const atom = await (await request.get(`${scope}atom.xml`)).text();
    expect(xmlProblems(atom)).toEqual([]);
    const entries = parser.parse(atom).feed.entry as { link: Record<string, string>[] }[];
    expect(idsOf(entries.map((entry) => entry.link[0]?.['@_href'] ?? ''))).toEqual(expected);

    const json = JSON.parse(await (await request.get(`${scope}feed.json`)).text());
    expect(json.home_page_url).toBe(scope);
    expect(idsOf(json.items.map((item: { url: string }) => item.url))).toEqual(expected);
  });
}

test('the subscribe page lists each custom feed, in file order, with its page and its three formats', async ({
  page,
  baseURL,
}) => {
  await page.goto('subscribe/');
  const section = page.getByRole('region', { name: 'Custom feeds' });
  await expect(section.getByRole('heading', { level: 3 })).toHaveText(exampleFeeds.map((feed) => feed.title));
  for (const feed of exampleFeeds) {
    const scope = new URL(`feeds/${feed.id}/`, baseURL);
    await expect(section.getByRole('link', { name: feed.title, exact: true })).toHaveAttribute(
      'href',
      scope.pathname,
    );
    for (const [label, file] of [
      ['RSS', 'rss.xml'],
      ['Atom', 'atom.xml'],
      ['JSON Feed', 'feed.json'],
    ])
      await expect(section.getByRole('link', { name: `${label} for ${feed.title}` })).toHaveAttribute(
        'href',
        `${scope.pathname}${file}`,
      );
  }
});
