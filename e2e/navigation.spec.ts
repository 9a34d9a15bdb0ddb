import { expect, test } from '@playwright/test';
import { e2eSettings } from './builds.ts';
import { days, latestDay, paperFiles } from './site.ts';

test('home shows the first page of the latest day and links on to its second', async ({ page }) => {
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest papers');
  const total = paperFiles(latestDay).length;
  const firstPage = Math.min(total, e2eSettings.dayPageSize);
  await expect(page.locator('main article')).toHaveCount(firstPage);
  const onHome = await page
    .locator('main article h2 a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  await page.goto(`days/${latestDay}/`);
  expect(
    await page
      .locator('main article h2 a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
  ).toEqual(onHome);
  await page.goto('');
  await page.getByRole('link', { name: 'Next papers →' }).first().click();
  await page.waitForURL(new RegExp(`/days/${latestDay}/2/$`));
});

test('day → paper → topic → back, by clicking', async ({ page }) => {
  await page.goto('');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Days' }).click();
  await page.waitForURL(/\/days\/$/);

  await page.locator(`main a[href$="/days/${latestDay}/"]`).first().click();
  await page.waitForURL(new RegExp(`/days/${latestDay}/$`));

  const firstCard = page.locator('main article').first();
  const title = (await firstCard.getByRole('heading').textContent())?.trim() ?? '';
  await firstCard.getByRole('heading').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const paperUrl = page.url();

  const topicLink = page.getByRole('list', { name: 'Topics' }).getByRole('link').first();
  const topicName = (await topicLink.textContent())?.trim() ?? '';
  await topicLink.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(topicName);
  await expect(page.locator('main article h2', { hasText: title }).first()).toBeVisible();

  await page.goBack();
  expect(page.url()).toBe(paperUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});

test('previous and next paper follow the order of the day page', async ({ page }) => {
  await page.goto(`days/${latestDay}/`);
  const titles = await page.locator('main article h2').allTextContents();
  const links = await page
    .locator('main article h2 a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  await page.locator('main article h2 a').nth(1).click();
  const nav = page.getByRole('navigation', { name: /Other papers of/ });
  await expect(nav.getByRole('link', { name: '← Previous paper' })).toHaveAttribute('href', links[0] ?? '');
  await expect(nav.getByRole('link', { name: 'Next paper →' })).toHaveAttribute('href', links[2] ?? '');
  await nav.locator('a[rel="next"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(titles[2]?.trim() ?? '');
  // The first paper of a day has no previous one.
  await page.goto(links[0] ?? '');
  await expect(nav.locator('a[rel="prev"]')).toHaveCount(0);
  await expect(nav.locator('a[rel="next"]')).toHaveAttribute('href', links[1] ?? '');
});

test('a topic with more papers than one page is paginated, each paper on exactly one page', async ({
  page,
}) => {
  // The e2e builds use a small page size so that the demo content paginates.
  const pageSize = e2eSettings.topicPageSize;
  await page.goto('topics/');
  const topics = await page.locator('main li').evaluateAll((items) =>
    items.map((item) => ({
      href: item.querySelector('a')?.getAttribute('href') ?? '',
      count: Number(item.textContent?.match(/([\d,]+) papers?/)?.[1]?.replace(/,/g, '') ?? 0),
    })),
  );
  const biggest = topics.reduce((a, b) => (b.count > a.count ? b : a));
  expect(biggest.count).toBeGreaterThan(pageSize);

  await page.goto(biggest.href);
  const seen: string[] = [];
  const lastPage = Math.ceil(biggest.count / pageSize);
  for (let number = 1; number <= lastPage; number++) {
    await expect(page.getByText(`Page ${number} of ${lastPage}`).first()).toBeVisible();
    const titles = await page.locator('main article h2').allTextContents();
    expect(titles).toHaveLength(number < lastPage ? pageSize : biggest.count - pageSize * (lastPage - 1));
    seen.push(...titles);
    if (number < lastPage) {
      await page.getByRole('link', { name: 'Older papers →' }).first().click();
      await page.waitForURL(new RegExp(`/${number + 1}/$`));
    }
  }
  expect(new Set(seen).size).toBe(biggest.count);

  await page.getByRole('link', { name: '← Newer papers' }).first().click();
  expect(new URL(page.url()).pathname).toBe(
    lastPage === 2 ? biggest.href : `${biggest.href}${lastPage - 1}/`,
  );
});

test('the home page links to the older day, and that day back to the newest', async ({ page }) => {
  await page.goto('');
  await page
    .getByRole('navigation', { name: 'Other days', exact: true })
    .getByRole('link', { name: /Previous day/ })
    .click();
  await page.waitForURL(new RegExp(`/days/${days[1]}/$`));
  await expect(page.locator('main article')).toHaveCount(paperFiles(days[1] as string).length);
  await page
    .getByRole('navigation', { name: 'Other days', exact: true })
    .getByRole('link', { name: /Next day/ })
    .click();
  await page.waitForURL(new RegExp(`/days/${latestDay}/$`));
});
