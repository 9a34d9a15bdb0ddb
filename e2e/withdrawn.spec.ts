import { expect, test } from '@playwright/test';
import { paperFiles, paperRecord, withdrawnPaper } from './site.ts';

/** A result of Pagefind's API, as far as these tests read it. */
interface PagefindResult {
  data(): Promise<{ url: string }>;
}

/**
 * A retracted paper (the fixture tombstone tests/fixtures/papers/retracted/2607.99301.yaml): its URL
 * keeps answering with a short withdrawn page that search engines leave out, and it is listed nowhere.
 */

const path = `papers/${withdrawnPaper.id}/`;

test('its URL answers with a withdrawn page: noindex, the title and the reason, no abstract', async ({
  page,
  baseURL,
}) => {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  // The record's title, of left-to-right text, beside the site's words (it would be isolated, U+2068 …
  // U+2069, if it held right-to-left text: e2e/bidi.spec.ts).
  await expect(page).toHaveTitle(/^Withdrawn: A Withdrawn Result on .*-Stable Retractions · Paperboy$/);
  const article = page.locator('main article');
  // The title as paper titles are shown: its TeX as math.
  await expect(article.locator('h1')).toContainText('-Stable Retractions');
  await expect(article.locator('h1 math')).toHaveCount(1);
  await expect(article).toContainText('This paper was withdrawn on Friday, 31 July 2026.');
  await expect(article).toContainText(`Reason: ${withdrawnPaper.reason}`);
  // Nothing of a paper page beyond that: no abstract, no citation data, no related papers.
  await expect(
    page.locator('.abstract, script[type="application/ld+json"], meta[name^="citation_"]'),
  ).toHaveCount(0);
  await expect(page.locator('main h2')).toHaveCount(0);
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute(
    'href',
    new URL(path, baseURL).href,
  );
  // The day it was on still has other papers: the page links to it, and the link works.
  await article.getByRole('link', { name: /29 July 2026/ }).click();
  await page.waitForURL(`**/days/${withdrawnPaper.day}/`);
  await expect(page.locator('main')).not.toContainText(withdrawnPaper.title.slice(0, 20));
});

test('it is in no listing, feed, .bib, sitemap or search index', async ({ page, request, baseURL }) => {
  test.setTimeout(60_000);
  const mentions = (text: string) => text.includes(withdrawnPaper.id);
  const day = withdrawnPaper.day;
  for (const file of [
    '',
    `days/${day}/`,
    'days/',
    'rss.xml',
    'atom.xml',
    'feed.json',
    `days/${day}/papers.bib`,
    `days/${day}/email.html`,
  ]) {
    const response = await request.get(file);
    expect(response.status(), file).toBe(200);
    expect(mentions(await response.text()), `${file || 'home'} mentions ${withdrawnPaper.id}`).toBe(false);
  }
  expect((await request.get(`${path}cite.bib`)).status()).toBe(404);
  // The sitemap lists the day's papers, not the withdrawn one.
  const sitemap = await (await request.get('sitemap-0.xml')).text();
  const dayPaper = paperRecord(
    paperFiles(day).find((file) => file.pathname.endsWith('/2607.99002.md')) as URL,
  );
  expect(sitemap).toContain(`<loc>${new URL(`papers/${dayPaper.id}/`, baseURL).href}</loc>`);
  expect(mentions(sitemap)).toBe(false);
  // Pagefind's own API, over every shard, finds the day's other paper by its title, and the withdrawn
  // one's finds no page of it. (Merged, a shard that lacks some of a query's words answers with its
  // pages that have the others, so the query can find other papers.)
  const base = new URL(baseURL as string).pathname;
  await page.goto('search/');
  const hits = await page.evaluate(
    async ({ base, queries }) => {
      const pagefind = await import(`${base}pagefind/pagefind.js`);
      await pagefind.options({ baseUrl: base });
      const { shards } = (await (await fetch(`${base}pagefind/shards.json`)).json()) as {
        shards: { path: string }[];
      };
      for (const shard of shards.slice(1))
        await pagefind.mergeIndex(`${base}${shard.path}`, { baseUrl: base });
      const urls: string[][] = [];
      for (const query of queries) {
        const { results } = await pagefind.search(query);
        urls.push(
          await Promise.all(results.map(async (result: PagefindResult) => (await result.data()).url)),
        );
      }
      return urls;
    },
    { base, queries: [withdrawnPaper.title, 'Withdrawn Result Stable Retractions', dayPaper.title] },
  );
  expect(hits[0]?.filter(mentions)).toEqual([]);
  expect(hits[1]?.filter(mentions)).toEqual([]);
  expect(hits[2]?.some((url) => url.includes(dayPaper.id))).toBe(true);
});
