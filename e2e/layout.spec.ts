import { expect, test } from '@playwright/test';
import { structurePageTypes } from './site.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('no page type scrolls sideways at 390 px', async ({ page, request }, testInfo) => {
  // Every page type, each loaded until the network is idle: more than half a minute on a busy machine.
  test.setTimeout(120_000);
  for (const { name, path } of await structurePageTypes(request, testInfo)) {
    await page.goto(path, { waitUntil: 'networkidle' });
    if (name === 'search') await page.locator('pagefind-results .pf-result').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, name).toBeLessThanOrEqual(0);
  }
});
