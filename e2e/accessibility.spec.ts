import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { pageTypes } from './site.ts';

test('axe finds no serious or critical violations on any page type', async ({ page, request }) => {
  test.setTimeout(120_000);
  for (const { name, path } of await pageTypes(request)) {
    await page.goto(path, { waitUntil: 'networkidle' });
    if (name === 'search') await page.locator('pagefind-results .pf-result').first().waitFor();
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    // Serious and critical ones, plus the structure rules that are only "moderate" for axe.
    const severe = violations
      .filter(
        (violation) =>
          violation.impact === 'serious' ||
          violation.impact === 'critical' ||
          ['landmark-unique', 'heading-order', 'page-has-heading-one', 'region'].includes(violation.id),
      )
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
    expect(severe, name).toEqual([]);
  }
});

test('dark mode keeps contrast too', async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ colorScheme: 'dark', baseURL });
  const page = await context.newPage();
  for (const { name, path } of await pageTypes(request)) {
    await page.goto(path, { waitUntil: 'networkidle' });
    const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
    expect(
      violations.map((violation) => violation.nodes.length),
      name,
    ).toEqual([]);
  }
  await context.close();
});
