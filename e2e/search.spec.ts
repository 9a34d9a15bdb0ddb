import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { days, hostilePaper, latestDay, movingMathPaper, paperFiles } from './site.ts';

/** `2026-07-29` as the search page writes it: `29 Jul 2026`. */
function formatShort(day: string): string {
  const [year, month, date] = day.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(date)} ${months[Number(month) - 1]} ${year}`;
}

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
  // Pagefind fills a result in only once it scrolls into view: read them all (resultIds).
  expect(await resultIds(results)).toContain(
    'prot2token-a-unified-framework-for-protein-modeling-via-next-token-prediction',
  );

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

/**
 * The ids of the papers the results link to (`…/papers/<id>/`). Pagefind loads a result's data when
 * it scrolls into view, so each is brought into view and waited for. Pagefind may render the list
 * again while it is read (when a search settles); a read cut short by that starts over, until one
 * reads every result.
 */
async function resultIds(results: Locator): Promise<string[]> {
  let ids: string[] = [];
  await expect(async () => {
    ids = [];
    for (const result of await results.all()) {
      await result.scrollIntoViewIfNeeded({ timeout: 5_000 });
      const link = result.locator('a[href*="/papers/"]').first();
      await expect(link).toBeVisible({ timeout: 5_000 });
      const href = (await link.getAttribute('href', { timeout: 5_000 })) ?? '';
      ids.push(decodeURIComponent(href.match(/\/papers\/([^/]+)\/$/)?.[1] ?? href));
    }
  }).toPass({ timeout: 30_000 });
  return ids.sort();
}

/** Whether a paper's record links to code, read from its file. */
function recordHasCode(id: string): boolean {
  const file = days.flatMap(paperFiles).find((url) => url.pathname.endsWith(`/${id}.md`));
  if (!file) throw new Error(`no record file for ${id}`);
  return /^ {2}code: /m.test(readFileSync(file, 'utf8'));
}

test('the "has code" filter keeps exactly the results whose record links to code', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('search/?q=protein');
  const results = page.locator('pagefind-results .pf-result');
  const summary = page.locator('pagefind-summary');
  await pagefindExpect(summary).toContainText(/\d+ results for protein/);
  const total = Number((await summary.textContent())?.match(/(\d+) results/)?.[1]);
  await pagefindExpect(results).toHaveCount(total);
  const all = await resultIds(results);
  const withCode = all.filter(recordHasCode);
  // The query must be one the filter narrows, or the test proves nothing.
  expect(withCode.length).toBeGreaterThan(0);
  expect(withCode.length).toBeLessThan(all.length);

  const codeFilter = page.locator('pagefind-filter-pane details[data-filter-name="code"]');
  await codeFilter.locator('summary').click();
  await codeFilter.locator('input[value="has code"]').check();
  await pagefindExpect(summary).toContainText(
    `${withCode.length} ${withCode.length === 1 ? 'result' : 'results'} for protein`,
  );
  await pagefindExpect(results).toHaveCount(withCode.length);
  expect(await resultIds(results)).toEqual(withCode);
});

test("searching an author's name finds their paper, and the result opens it", async ({ page }) => {
  // "Ångström" is only in the author list of the hostile fixture paper, nowhere in any text. That paper
  // is in the older shard, and searched like an author's link on a paper page, over every paper. The
  // newest shard, which lacks the word, answers with loose matches of its own, ranked below.
  await page.goto('search/?scope=all');
  await page.locator('pagefind-input input').fill('Ångström');
  const first = page.locator('pagefind-results .pf-result').first();
  await pagefindExpect(first).toContainText('Robust <i>Tokenizers</i>');
  await first.locator('a').first().click();
  await expect(page).toHaveURL(new RegExp(`papers/${hostilePaper.id}/$`));
  await expect(page.locator('h1')).toContainText('Robust');
});

test('the page searches the newest shard, and older papers are one click away', async ({ page }) => {
  test.setTimeout(60_000);
  // Older shards live in dated folders beside the newest one (pagefind/2026-07-28_2026-07-28/…).
  const olderShard = /\/pagefind\/\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\//;
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const results = page.locator('pagefind-results .pf-result');
  const summary = page.locator('pagefind-summary');

  // "Mover" is the one author of a paper of the oldest fixture day, which the e2e shard size puts
  // in an older shard than the demo day's.
  await page.goto('search/');
  await page.locator('pagefind-input input').fill('Mover');
  await pagefindExpect(summary).toContainText(/no results/i);
  expect(requested.some((url) => url.includes('/pagefind/pagefind.js'))).toBe(true);
  expect(requested.filter((url) => olderShard.test(url))).toEqual([]);

  const scope = page.locator('.search-scope');
  await expect(scope).toContainText(`newest papers, from ${formatShort(latestDay)}`);
  await scope.getByRole('link', { name: /^Search all [\d,]+ papers$/ }).click();
  await expect(page).toHaveURL(/[?&]q=Mover(&|$)/);
  await expect(page).toHaveURL(/[?&]scope=all(&|$)/);
  await pagefindExpect(results).toHaveCount(1);
  await expect(results).toContainText('Boxes that Move');
  expect(requested.some((url) => olderShard.test(url))).toBe(true);
  await expect(scope).toContainText(
    new RegExp(`Searching all \\d+ papers, from ${formatShort(movingMathPaper.day)}`),
  );

  await results.locator('a').first().click();
  await expect(page).toHaveURL(new RegExp(`papers/${movingMathPaper.id}/$`));
});
