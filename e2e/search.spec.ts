import { expect, test } from '@playwright/test';

test('searching "protein" finds Prot2Token and a topic filter narrows the results', async ({
  page,
  baseURL,
}) => {
  await page.goto('search/');
  await page.locator('pagefind-input input').fill('protein');
  const results = page.locator('pagefind-results .pf-result');
  await expect(results.filter({ hasText: 'Prot2Token' })).toHaveCount(1);
  const total = await results.count();
  expect(total).toBeGreaterThan(1);

  // Results link into the site under its base path.
  const href = await results.first().locator('a').first().getAttribute('href');
  expect(new URL(href ?? '', baseURL).href.startsWith(`${baseURL}papers/`)).toBe(true);

  // The pane first shows counts for an empty query; read them once they are the query's.
  await expect(page.locator('pagefind-summary')).toContainText(`${total} results for protein`);
  const topicFilter = page.locator('pagefind-filter-pane details[data-filter-name="topic"]');
  await topicFilter.locator('summary').click();
  const options = topicFilter.locator('label.pf-filter-checkbox');
  const counts = (await options.locator('.pf-filter-checkbox-count').allTextContents()).map(Number);
  const narrowest = counts.indexOf(Math.min(...counts.filter((count) => count > 0)));
  expect(counts[narrowest]).toBeLessThan(total);
  await options.nth(narrowest).locator('input').check();
  await expect(results).toHaveCount(counts[narrowest] as number);
});

test('a ?q= link starts the search', async ({ page }) => {
  await page.goto('search/?q=Prot2Token');
  await expect(page.locator('pagefind-results .pf-result').first()).toContainText('Prot2Token');
});

test('only paper content is indexed, not the site chrome', async ({ page, baseURL }) => {
  await page.goto('search/');
  const base = new URL(baseURL as string).pathname;
  const contents = await page.evaluate(async (base) => {
    const pagefind = await import(`${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base });
    const search = await pagefind.search('protein');
    const results = await Promise.all(
      search.results.map((result: { data(): Promise<{ content: string }> }) => result.data()),
    );
    return results.map((result) => result.content);
  }, base);
  expect(contents.length).toBeGreaterThan(0);
  for (const content of contents) {
    expect(content).not.toContain('Skip to content');
    expect(content).not.toContain('Abstracts belong to their authors');
    expect(content).not.toMatch(/Previous paper|Next paper/);
  }
});
