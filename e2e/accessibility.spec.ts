import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { latestDay, structurePageTypes } from './site.ts';

/** The colour schemes a reader can get: the system's, or the switch's choice against the system's. */
const schemes = [
  { name: 'light', colorScheme: 'light', theme: undefined },
  { name: 'dark', colorScheme: 'dark', theme: undefined },
  { name: 'dark chosen on a light system', colorScheme: 'light', theme: 'dark' },
  { name: 'light chosen on a dark system', colorScheme: 'dark', theme: 'light' },
] as const;
/** A chosen theme changes colours only, so its runs check contrast alone (axe is slow on this machine). */
const colourRules = ['color-contrast', 'link-in-text-block'];

type Scheme = (typeof schemes)[number];

/** A page in a scheme; a chosen theme is stored where public/reader.js looks for it. */
async function pageIn(browser: Browser, baseURL: string | undefined, scheme: Scheme): Promise<Page> {
  const origin = new URL(baseURL ?? '').origin;
  const context = await browser.newContext({
    baseURL,
    colorScheme: scheme.colorScheme,
    storageState: {
      cookies: [],
      origins: scheme.theme
        ? [{ origin, localStorage: [{ name: 'paperboy-theme', value: scheme.theme }] }]
        : [],
    },
  });
  return context.newPage();
}

/** axe's WCAG 2 A/AA violations, plus the serious best-practice ones and the structure rules. */
async function violations(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (rules
    ? builder.withRules(rules)
    : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
  ).analyze();
  return violations
    .filter(
      (violation) =>
        violation.tags.some((tag) => /^wcag2\d*a+$/.test(tag)) ||
        violation.impact === 'serious' ||
        violation.impact === 'critical' ||
        ['landmark-unique', 'heading-order', 'page-has-heading-one', 'region'].includes(violation.id),
    )
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

for (const scheme of schemes) {
  test(`axe finds no WCAG 2 A/AA violation on any page type (${scheme.name})`, async ({
    browser,
    baseURL,
    request,
  }, testInfo) => {
    test.setTimeout(600_000);
    const rules = scheme.theme ? colourRules : undefined;
    const page = await pageIn(browser, baseURL, scheme);
    for (const { name, path } of await structurePageTypes(request, testInfo)) {
      await page.goto(path, { waitUntil: 'networkidle' });
      if (name === 'search') await page.locator('pagefind-results .pf-result').first().waitFor();
      if (scheme.theme) await expect(page.locator('html'), name).toHaveAttribute('data-theme', scheme.theme);
      expect(await violations(page, rules), name).toEqual([]);
    }
    // The key list, open.
    await page.goto(`days/${latestDay}/`);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await violations(page, rules), 'key list').toEqual([]);
    await page.context().close();
  });
}

test('every page type starts with the skip link, which takes the focus into main', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  for (const { name, path } of await structurePageTypes(request, testInfo)) {
    await page.goto(path);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip, name).toBeFocused();
    await expect(skip, name).toBeInViewport();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null), name).toBe(true);
  }
});

test('every link and button shows a visible focus indicator', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  for (const { name, path } of await structurePageTypes(request, testInfo)) {
    // The header is the same everywhere; these hold every other kind of link and button.
    if (!['day', 'paper with every field', 'topic'].includes(name)) continue;
    await page.goto(path);
    // The skip link, the header with the theme switch, then the page's cards, chips, links and nav.
    for (let stop = 0; stop < 30; stop += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return {
          what: `${element.tagName} ${element.textContent?.trim().slice(0, 40)}`,
          outline: style.outlineStyle === 'none' ? 0 : Number.parseFloat(style.outlineWidth),
        };
      });
      if (focused.what.startsWith('BODY')) break;
      expect(focused.outline, `${name}: ${focused.what}`).toBeGreaterThanOrEqual(2);
    }
  }
});

test('headings go in order on every page type: one h1, no level skipped', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  for (const { name, path } of await structurePageTypes(request, testInfo)) {
    await page.goto(path, { waitUntil: 'networkidle' });
    const levels = await page
      .locator('h1, h2, h3, h4, h5, h6')
      .evaluateAll((headings) => headings.map((heading) => Number(heading.tagName.slice(1))));
    expect(levels[0], name).toBe(1);
    expect(
      levels.filter((level) => level === 1),
      name,
    ).toHaveLength(1);
    const skips = levels.filter((level, index) => index > 0 && level > (levels[index - 1] as number) + 1);
    expect(skips, `${name}: ${levels.join(' ')}`).toEqual([]);
  }
});
