/**
 * Screenshots of every page type at desktop and phone width, for looking at what the site shows.
 * Usage: build, start `npm run preview`, then `npm run screenshots -- [BASE_URL] [OUT_DIR]`.
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:4321/';
const outDir = process.argv[3] ?? 'screenshots';
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

const pages = process.env.SCREENSHOT_PAGES?.split(',') ?? [
  '',
  'days/',
  'topics/',
  'search/?q=protein',
  'no-such-page/',
];
const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch(executablePath ? { executablePath } : {});
try {
  for (const viewport of viewports) {
    const page = await browser.newPage({
      viewport,
      colorScheme: process.env.COLOR_SCHEME === 'dark' ? 'dark' : 'light',
    });
    for (const path of pages) {
      await page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
      if (path.startsWith('search')) await page.waitForTimeout(1500);
      const name = `${viewport.name}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.png`;
      await page.screenshot({ path: `${outDir}/${name}`, fullPage: process.env.FULL_PAGE === '1' });
      console.log(`${outDir}/${name}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
