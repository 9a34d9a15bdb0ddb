import { expect, test } from '@playwright/test';
import { linksIn, pageTypes, serveThumbnailsLocally } from './site.ts';

test('every internal link and asset of the whole site resolves', async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const root = new URL(baseURL as string);
  const queue = [root.href];
  const seen = new Set(queue);
  const broken: string[] = [];
  let pages = 0;
  while (queue.length > 0) {
    const url = queue.shift() as string;
    const response = await request.get(url);
    if (response.status() !== 200) {
      broken.push(`${response.status()} ${url}`);
      continue;
    }
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    pages++;
    for (const link of linksIn(await response.text(), url)) {
      const target = new URL(link);
      target.hash = '';
      if (target.origin !== root.origin) continue;
      // Everything the site links to must live under its base path.
      expect(target.pathname.startsWith(root.pathname), `${url} links outside the base: ${link}`).toBe(true);
      if (!seen.has(target.href)) {
        seen.add(target.href);
        queue.push(target.href);
      }
    }
  }
  expect(broken).toEqual([]);
  expect(pages).toBeGreaterThan(60);
});

test('the 404 page answers any missing URL and its links work from there', async ({ page, request }) => {
  const response = await page.goto('deep/missing/page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  const hrefs = await page
    .locator('a[href]:not([href^="#"]), link[href]')
    .evaluateAll((elements) => elements.map((element) => (element as HTMLAnchorElement).href));
  for (const href of hrefs) expect((await request.get(href)).status(), href).toBe(200);
});

test('no page type loads a missing asset or logs a console error', async ({ page, request }) => {
  // Every page type, each loaded until the network is idle: more than half a minute on a busy machine.
  test.setTimeout(120_000);
  await serveThumbnailsLocally(page);
  for (const { name, path } of await pageTypes(request)) {
    const errors: string[] = [];
    const onConsole = (message: { type(): string; text(): string }) => {
      if (message.type() === 'error' && !(name === '404' && message.text().includes('404')))
        errors.push(message.text());
    };
    page.on('console', onConsole);
    page.on('pageerror', (error) => errors.push(error.message));
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && response.request().resourceType() !== 'document')
        failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    expect(errors, `${name}: console errors`).toEqual([]);
    expect(failed, `${name}: failed requests`).toEqual([]);
    page.removeAllListeners();
  }
});
