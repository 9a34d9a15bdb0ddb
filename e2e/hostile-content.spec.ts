import { expect, type Page, test } from '@playwright/test';
import { hostilePaper } from './site.ts';

/** Every way the fixture record tries to run code sets `window.__pwned`; none may succeed. */
async function expectNothingRan(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  // The search page's own scripts are files of the site; nothing inline, nothing from records.
  // A card's thumbnail is the one image a page may show: the record's https URL, as an attribute.
  expect(
    await page
      .locator('main script:not([src]), main iframe, main :not(.paper-card) > img, main [onerror]')
      .count(),
  ).toBe(0);
  const scriptSources = await page
    .locator('script[src]')
    .evaluateAll((scripts) => scripts.map((script) => new URL((script as HTMLScriptElement).src).origin));
  for (const origin of scriptSources) expect(origin).toBe(new URL(page.url()).origin);
  const hrefs = await page
    .locator('main a[href]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  for (const href of hrefs) expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
}

/** The fixture record's authors, in order. */
const authors = [
  'Zoë Ångström',
  '李 雷',
  '<img src=x onerror="window.__pwned=\'author\'">',
  'J. R. R. \u202eTolkien',
];

test('a record full of markup renders as text and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`papers/${hostilePaper.id}/`);

  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    "<script>window.__pwned = 'title'</script>Robust <i>Tokenizers</i>",
  );
  await expect(page.locator('main')).toContainText('<img src=x onerror="window.__pwned=\'summary\'">');
  await expect(page.locator('.abstract')).toContainText("<script>window.__pwned = 'abstract'</script>");
  // Unsafe links are unwrapped to their text; the real one stays a link.
  await expect(page.locator('.abstract')).toContainText('click me');
  await expect(page.locator('.abstract a[href="https://github.com/example/tokenizers"]')).toHaveCount(1);
  // Math renders at build time; the broken formula shows its source.
  expect(await page.locator('.abstract .katex').count()).toBeGreaterThanOrEqual(3);
  await expect(page.locator('.abstract .katex-error')).toContainText('\\frac{1');
  // The name with a right-to-left override is isolated, so the override stays inside it; names of
  // left-to-right text alone need no isolate.
  await expect(page.locator('.paper .authors')).toHaveText(authors.join(', '));
  await expect(page.locator('.paper .authors bdi', { hasText: 'Tolkien' })).toHaveText(
    'J. R. R. \u202eTolkien',
  );
  await expectNothingRan(page);

  await page.goto(`days/${hostilePaper.day}/`);
  await expect(page.locator('main')).toContainText('Robust <i>Tokenizers</i>');
  // A card names the first three, which need no isolate.
  const card = page.locator('main article').filter({ hasText: 'Robust' });
  await expect(card.locator('.meta')).toContainText(authors.slice(0, 3).join(', '));
  await expect(card.locator('.meta bdi')).toHaveCount(0);
  await expect(card.locator('.meta')).toContainText('et al.');
  await expectNothingRan(page);

  // The fixture's day is in the older search shard.
  await page.goto(`search/?q=Tokenizers&scope=all`);
  await expect(
    page.locator('pagefind-results .pf-result').filter({ hasText: 'Robust <i>Tokenizers</i>' }),
  ).toHaveCount(1);
  await expectNothingRan(page);
  expect(dialogs).toEqual([]);
});

test('oversized math cannot cover the page', async ({ page }) => {
  await page.goto(`papers/${hostilePaper.id}/`);
  const tallest = await page
    .locator('.abstract .katex')
    .evaluateAll((nodes) => Math.max(...nodes.map((node) => node.getBoundingClientRect().height)));
  expect(tallest).toBeLessThan(400);
});

test('the paper page lists every field of the record', async ({ page }) => {
  await page.goto(`papers/${hostilePaper.id}/`);
  const main = page.locator('main');
  for (const text of ['Zoë Ångström', '李 雷', 'arXiv:2607.99001v3', 'cs.CL, cs.LG', '42', 'GitHub stars']) {
    await expect(main).toContainText(text);
  }
  for (const label of ['arXiv', 'PDF', 'HTML', 'Code', 'Project page']) {
    await expect(main.getByRole('link', { name: label, exact: true })).toHaveCount(1);
  }
  await expect(page.locator('head meta[property="og:image"]')).toHaveAttribute(
    'content',
    'https://example.org/thumb.png',
  );
});

test('each author links to a search of every paper for the name, the line reading as before', async ({
  page,
}) => {
  await page.goto(`papers/${hostilePaper.id}/`);
  const links = page.locator('.paper .authors a');
  await expect(links).toHaveText(authors);
  await expect(page.locator('.paper .authors')).toHaveText(authors.join(', '));
  for (const [index, name] of authors.entries()) {
    const href = new URL((await links.nth(index).getAttribute('href')) as string, page.url());
    expect(href.pathname).toMatch(/\/search\/$/);
    expect(href.searchParams.get('q')).toBe(name);
    expect(href.searchParams.get('scope')).toBe('all');
    // Each name in an isolate of its own once it is a link.
    await expect(links.nth(index).locator('bdi')).toHaveText(name);
  }
  await expectNothingRan(page);
});
