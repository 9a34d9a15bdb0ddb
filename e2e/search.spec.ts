import { expect, type Page, test } from '@playwright/test';

/**
 * Pagefind answers asynchronously, in several steps (the WebAssembly, the index chunks, the results,
 * then the filter counts), each slower on a loaded machine: expectations on its UI wait for the state
 * they check, up to a bound that leaves room for a busy CPU, never for a fixed time.
 */
const pagefindExpect = expect.configure({ timeout: 20_000 });

/** What Pagefind's own API answers for a query: its result count and the topic filter's counts. */
async function apiCounts(page: Page, base: string, query: string, topic?: string) {
  return page.evaluate(
    async ({ base, query, topic }) => {
      const pagefind = await import(`${base}pagefind/pagefind.js`);
      await pagefind.options({ baseUrl: base });
      // Pagefind counts filter values only once their index is loaded; a search before that returns
      // no counts at all (the very race the UI has, see below).
      await pagefind.filters();
      const search = await pagefind.search(query, topic ? { filters: { topic: [topic] } } : {});
      return {
        total: search.results.length as number,
        topics: search.filters.topic as Record<string, number>,
      };
    },
    { base, query, topic },
  );
}

test('searching "protein" finds Prot2Token and a topic filter narrows the results', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const base = new URL(baseURL as string).pathname;
  // The expected numbers come from Pagefind's API in a page of their own, not from the UI under test.
  const apiPage = await context.newPage();
  await apiPage.goto('search/');
  const expected = await apiCounts(apiPage, base, 'protein');
  const [narrowest, narrowCount] = Object.entries(expected.topics)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => a - b)[0] as [string, number];
  expect(narrowCount).toBeLessThan(expected.total);
  expect((await apiCounts(apiPage, base, 'protein', narrowest)).total).toBe(narrowCount);
  await apiPage.close();

  await page.goto('search/');
  await page.locator('pagefind-input input').fill('protein');
  const results = page.locator('pagefind-results .pf-result');
  const summary = page.locator('pagefind-summary');
  await pagefindExpect(summary).toContainText(`${expected.total} results for protein`);
  await pagefindExpect(results).toHaveCount(expected.total);
  await expect(results.filter({ hasText: 'Prot2Token' })).toHaveCount(1);

  // Results link into the site under its base path.
  const href = await results.first().locator('a').first().getAttribute('href');
  expect(new URL(href ?? '', baseURL).href.startsWith(`${baseURL}papers/`)).toBe(true);

  // The counts the pane shows before a filter is chosen are not waited for: when the first results
  // arrive before Pagefind's filter index has loaded (a busy CPU), they carry no counts and the pane
  // keeps the empty query's totals until the next search — what made this test flaky when it read
  // them. The numbers come from the API above; choosing the filter is the next search.
  const topicFilter = page.locator('pagefind-filter-pane details[data-filter-name="topic"]');
  await topicFilter.locator('summary').click();
  const option = topicFilter.locator('label.pf-filter-checkbox', {
    has: page.locator(`input[value="${narrowest}"]`),
  });
  await option.locator('input').check();
  await pagefindExpect(summary).toContainText(
    `${narrowCount} ${narrowCount === 1 ? 'result' : 'results'} for protein`,
  );
  await pagefindExpect(results).toHaveCount(narrowCount);
  // After that search the pane shows the query's count for the chosen topic.
  await pagefindExpect(option.locator('.pf-filter-checkbox-count')).toHaveText(String(narrowCount));
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
