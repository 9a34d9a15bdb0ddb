/**
 * Screenshots of pages at desktop and phone width, for looking at what the site shows.
 * Usage: build, start `npm run preview`, then
 *   npm run screenshots -- [--dark] [--full] [--pages 'days/,papers/x/'] [BASE_URL] [OUT_DIR]
 */
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { testSettings } from '../tests/test-settings.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dark: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    pages: { type: 'string', default: ',days/,topics/,search/?q=protein,no-such-page/' },
  },
});
const baseUrl = positionals[0] ?? 'http://127.0.0.1:4321/';
const outDir = positionals[1] ?? 'screenshots';
const pages = values.pages.split(',');
const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

await mkdir(outDir, { recursive: true });
const executablePath = testSettings.chromiumPath;
const browser = await chromium.launch(executablePath ? { executablePath } : {});
try {
  for (const viewport of viewports) {
    const page = await browser.newPage({ viewport, colorScheme: values.dark ? 'dark' : 'light' });
    for (const path of pages) {
      await page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
      // Search results arrive after the page is idle: wait for them, not for a fixed time.
      if (path.startsWith('search')) await page.locator('pagefind-results .pf-result').first().waitFor();
      const name = `${viewport.name}${values.dark ? '-dark' : ''}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.png`;
      await page.screenshot({ path: `${outDir}/${name}`, fullPage: values.full });
      console.log(`${outDir}/${name}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
