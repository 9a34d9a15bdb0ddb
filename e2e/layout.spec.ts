import { expect, test } from '@playwright/test';
import { pageTypes } from './site.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('no page type scrolls sideways at 390 px', async ({ page, request }) => {
  // Every page type, each loaded until the network is idle: more than half a minute on a busy machine.
  test.setTimeout(120_000);
  for (const { name, path } of await pageTypes(request)) {
    await page.goto(path, { waitUntil: 'networkidle' });
    if (name === 'search') await page.locator('pagefind-results .pf-result').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, name).toBeLessThanOrEqual(0);
  }
});

test('day, paper and topic pages ship no JavaScript but the small reader.js', async ({
  page,
  request,
  baseURL,
}) => {
  for (const { name, path } of await pageTypes(request)) {
    if (!['home', 'day', 'paper', 'topic', 'archive', 'topics'].includes(name)) continue;
    await page.goto(path);
    // JSON-LD is data, not script: the browser never runs it.
    const sources = await page
      .locator('script:not([type="application/ld+json"])')
      .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).src));
    expect(sources, name).toEqual([new URL('reader.js', baseURL).href]);
  }
});
