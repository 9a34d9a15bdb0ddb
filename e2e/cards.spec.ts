import { expect, type Page, test } from '@playwright/test';
import { e2eSettings } from './builds.ts';
import { days, extrasPaper, latestDay, paperFiles, paperRecord, THUMBNAIL_SVG } from './site.ts';

/** The paper ids a listing page links to, in order, read from the card titles' links. */
async function cardIds(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('main article h2 a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => decodeURIComponent(href.match(/\/papers\/([^/]+)\/$/)?.[1] ?? href));
}

test('a day with more papers than a page is paginated, each of its papers on exactly one page', async ({
  page,
}) => {
  // The e2e builds use a small day page size, so that the demo day spans several pages.
  const pageSize = e2eSettings.dayPageSize;
  const ids = paperFiles(latestDay).map((file) => paperRecord(file).id);
  const lastPage = Math.ceil(ids.length / pageSize);
  expect(lastPage).toBeGreaterThan(2);

  await page.goto(`days/${latestDay}/`);
  const seen: string[] = [];
  for (let number = 1; number <= lastPage; number++) {
    await expect(page.getByText(`Page ${number} of ${lastPage}`)).toHaveCount(2);
    // Every page names the whole day's count, not its own.
    await expect(page.locator('main header')).toContainText(`${ids.length} papers`);
    const onPage = await cardIds(page);
    expect(onPage).toHaveLength(number < lastPage ? pageSize : ids.length - pageSize * (lastPage - 1));
    seen.push(...onPage);
    if (number < lastPage) {
      await page.getByRole('link', { name: 'Next papers →' }).last().click();
      await page.waitForURL(new RegExp(`/days/${latestDay}/${number + 1}/$`));
    }
  }
  expect(seen.toSorted()).toEqual(ids.toSorted());

  await page.getByRole('link', { name: '← Previous papers' }).first().click();
  await page.waitForURL(new RegExp(`/days/${latestDay}/${lastPage - 1}/$`));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    'href',
    new RegExp(`/days/${latestDay}/${lastPage - 1}/$`),
  );
  // The day navigation works from any page of the day, and leads to the first page of the other day.
  await page
    .getByRole('navigation', { name: 'Other days', exact: true })
    .getByRole('link', { name: /Previous day/ })
    .click();
  await page.waitForURL(new RegExp(`/days/${days[1]}/$`));
});

test('a day of one page shows no page links', async ({ page }) => {
  const older = days[1] as string;
  expect(paperFiles(older).length).toBeLessThanOrEqual(e2eSettings.dayPageSize);
  await page.goto(`days/${older}/`);
  await expect(page.getByRole('navigation', { name: /^Pages of/ })).toHaveCount(0);
  expect((await page.request.get(`days/${older}/2/`)).status()).toBe(404);
});

test('the paper pages of a day keep their previous and next links across its pages', async ({ page }) => {
  await page.goto(`days/${latestDay}/`);
  const lastOfFirst = (await cardIds(page)).at(-1) as string;
  await page.goto(`days/${latestDay}/2/`);
  const firstOfSecond = (await cardIds(page))[0] as string;
  await page.goto(`papers/${firstOfSecond}/`);
  const nav = page.getByRole('navigation', { name: /Other papers of/ });
  await expect(nav.locator('a[rel="prev"]')).toHaveAttribute('href', new RegExp(`/papers/${lastOfFirst}/$`));
  await nav.locator('a[rel="prev"]').click();
  await expect(nav.locator('a[rel="next"]')).toHaveAttribute(
    'href',
    new RegExp(`/papers/${firstOfSecond}/$`),
  );
});

test.describe('the card of a record with every extra', () => {
  test('shows its upvotes, GitHub stars, organisation, a PDF link and a "Code" marker', async ({ page }) => {
    await page.goto(`days/${extrasPaper.day}/`);
    const card = page.locator('main article').filter({ hasText: extrasPaper.title });
    await expect(card).toContainText('128 upvotes');
    await expect(card).toContainText('2,048 GitHub stars');
    await expect(card).toContainText('Analytical Engines Lab');
    await expect(card.getByRole('link', { name: 'Code', exact: true })).toHaveAttribute(
      'href',
      'https://github.com/example/card-extras',
    );
    await expect(card.getByRole('link', { name: 'PDF', exact: true })).toHaveAttribute(
      'href',
      'https://arxiv.org/pdf/2607.99201',
    );
    // A record without a code link has no marker.
    await page.goto(`days/${days[1]}/`);
    const plain = page.locator('main article').filter({ hasText: 'A Second Paper on Protein Folding' });
    await expect(plain.getByRole('link', { name: 'PDF', exact: true })).toHaveCount(1);
    await expect(plain.getByText('Code', { exact: true })).toHaveCount(0);
  });

  test('topic pages and rankings list it as a row: title, first author, day, counts and the Code marker', async ({
    page,
  }) => {
    await page.goto(`days/${extrasPaper.day}/`);
    const card = page.locator('main article').filter({ hasText: extrasPaper.title });
    await expect(card.getByRole('list', { name: 'Topics' }).getByRole('link')).toHaveText([
      'Language & multilingual NLP',
    ]);
    // The week's ranking, as the day page links it (an absolute path, with the base path).
    const week = (await page.locator('.rankings a').first().getAttribute('href')) as string;
    for (const path of ['topics/nlp/', week]) {
      await page.goto(path);
      const row = page.locator('main article').filter({ hasText: extrasPaper.title });
      await expect(row, path).toHaveCount(1);
      await expect(row.getByRole('heading', { level: 2 })).toHaveText(extrasPaper.title);
      await expect(row).toContainText('128 upvotes · 2,048 GitHub stars');
      await expect(row).toContainText('30 Jul 2026');
      await expect(row.getByRole('link', { name: 'Code', exact: true })).toHaveAttribute(
        'href',
        'https://github.com/example/card-extras',
      );
      // One line: no thumbnail, teaser, PDF link or topic chips; the day's card has them.
      await expect(row.locator('img, .topic-chips')).toHaveCount(0);
      await expect(row.getByRole('link')).toHaveCount(2);
      await expect(row.locator('p')).toHaveCount(1);
    }
  });

  test('a record’s excludedTopics keep it off a topic its rules give it', async ({ page }) => {
    // "Protein" in the title files the paper under Science & medicine; its record takes that away.
    const title = 'A Second Paper on Protein Folding';
    await page.goto(`days/${days[1]}/`);
    const card = page.locator('main article').filter({ hasText: title });
    await expect(card.getByRole('list', { name: 'Topics' }).getByRole('link')).toHaveText(['Other']);
    await page.goto('topics/science/');
    await expect(page.locator('main article').filter({ hasText: title })).toHaveCount(0);
    await page.goto('topics/other/');
    await expect(page.locator('main article').filter({ hasText: title })).toHaveCount(1);
  });

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`its thumbnail is lazy, sized, and moves nothing when it loads (${viewport.width} px)`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      // Hold the image back until the page has been measured without it.
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(/^https:\/\/thumbnails\.paperboy\.test\//, async (route) => {
        await released;
        await route.fulfill({ contentType: 'image/svg+xml', body: THUMBNAIL_SVG });
      });
      await page.goto(`days/${extrasPaper.day}/`, { waitUntil: 'domcontentloaded' });
      const card = page.locator('main article').filter({ hasText: extrasPaper.title });
      const image = card.locator('img');
      await expect(image).toHaveAttribute('loading', 'lazy');
      await expect(image).toHaveAttribute('decoding', 'async');
      await expect(image).toHaveAttribute('width', '160');
      await expect(image).toHaveAttribute('height', '90');
      await expect(image).toHaveAttribute('alt', '');
      await expect(image).toHaveAttribute('src', 'https://thumbnails.paperboy.test/2607.99201.png');

      const boxes = () =>
        Promise.all(
          [image, card, card.getByRole('heading'), page.locator('main article').nth(1)].map((l) =>
            l.boundingBox(),
          ),
        );
      const before = await boxes();
      expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(0);
      const [imageBox] = before;
      // A 16:9 box, whatever the image's own shape.
      expect(Math.abs((imageBox?.width ?? 0) / (imageBox?.height ?? 1) - 16 / 9)).toBeLessThan(0.02);
      release();
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBe(400);
      expect(await boxes()).toEqual(before);
    });
  }
});

test('no listing page holds more than a page size of cards', async ({ request }) => {
  const sitemap = await (await request.get('sitemap-0.xml')).text();
  const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
  const limits: [RegExp, number][] = [
    [/\/days\/\d{4}-\d{2}-\d{2}\//, e2eSettings.dayPageSize],
    [/\/(topics|feeds|weeks|months)\/[^/]+\//, e2eSettings.topicPageSize],
  ];
  let listings = 0;
  for (const url of urls) {
    const limit = limits.find(([pattern]) => pattern.test(url))?.[1];
    if (limit === undefined) continue;
    listings++;
    // A card (day pages) or a row (topics and rankings): an article in a list item.
    const cards = (await (await request.get(url)).text()).match(/<li><article[ >]/g)?.length ?? 0;
    expect(cards, url).toBeLessThanOrEqual(limit);
  }
  expect(listings).toBeGreaterThan(10);
});
