import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { E2E_SITES } from './builds.ts';
import { aPaper, latestDay, pageTypes, serveThumbnailsLocally, wideFormulaPaper } from './site.ts';

/**
 * public/reader.js, the reading pages' one script: its size and policy, the theme switch, the keys and
 * the copy buttons, and the pages without it.
 */

const readingPageTypes = async (request: Parameters<typeof pageTypes>[0]) =>
  (await pageTypes(request)).filter(({ name }) => name !== 'search');

/** Relative luminance (WCAG) of a computed `rgb(…)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const pageLuminance = async (page: Page) =>
  luminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));

const themeToggle = (page: Page) => page.getByRole('button', { name: 'Dark theme' });

test('every page loads one classic script in <head>, reader.js, and it runs under the policy', async ({
  page,
  request,
  baseURL,
}) => {
  const problems: string[] = [];
  test.setTimeout(120_000);
  await serveThumbnailsLocally(page);
  let current = '';
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${current}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${current}: ${error.message}`));
  const readerUrl = new URL('reader.js', baseURL).href;
  for (const { name, path } of await pageTypes(request)) {
    current = name;
    await page.goto(path);
    const scripts = await page.locator('head script').evaluateAll((nodes) =>
      nodes.map((node) => {
        const script = node as HTMLScriptElement;
        return { src: script.src, type: script.type, async: script.async, defer: script.defer };
      }),
    );
    // Classic and blocking, so a saved theme applies before the first paint.
    expect(scripts[0], name).toEqual({ src: readerUrl, type: '', async: false, defer: false });
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const directives = policy?.split('; ') ?? [];
    // What the browser applies to scripts: script-src, or default-src where the policy leaves it out.
    const scriptSrc = (
      directives.find((directive) => directive.startsWith('script-src ')) ??
      directives.find((directive) => directive.startsWith('default-src '))
    )?.replace(/^\S+/, 'script-src');
    if (name === 'search') {
      expect(scriptSrc, name).toBe("script-src 'self' 'wasm-unsafe-eval'");
      await page.locator('pagefind-results .pf-result').first().waitFor();
    } else {
      // JSON-LD is data, not script: the browser never runs it. Besides reader.js, only the site's own
      // bundled modules (the reader's layer, src/scripts/), never an inline one.
      const others = await page.locator('script:not([type="application/ld+json"])').evaluateAll((nodes) =>
        nodes.slice(1).map((node) => ({
          type: (node as HTMLScriptElement).type,
          src: (node as HTMLScriptElement).src,
        })),
      );
      for (const { type, src } of others) {
        expect(type, name).toBe('module');
        expect(src.startsWith(`${baseURL}_astro/`) && src.endsWith('.js'), `${name}: ${src}`).toBe(true);
      }
      expect(scriptSrc, name).toBe("script-src 'self'");
    }
    // The switch exists only once the script has run.
    await expect(themeToggle(page), name).toBeVisible();
  }
  // The 404 page is served with its status, which Chromium reports as an error.
  expect(problems.filter((problem) => !problem.startsWith('404: Failed to load resource'))).toEqual([]);
});

test('reader.js is at most 3 KB as served', async ({ request }) => {
  const response = await request.get('reader.js');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/javascript/);
  expect((await response.body()).length).toBeLessThanOrEqual(3 * 1024);
});

test('no built page holds an inline script, only JSON-LD data blocks', async ({ page }, testInfo) => {
  const site = E2E_SITES.find((candidate) => candidate.name === testInfo.project.name);
  if (!site) throw new Error(`no e2e site named ${testInfo.project.name}`);
  const pages = readdirSync(site.outDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.html'),
  );
  expect(pages.length).toBeGreaterThan(50);
  // Parsed by the browser, not matched as text: record text may spell `<script>` inside an attribute.
  await page.goto('reader.js');
  for (const file of pages) {
    const html = readFileSync(join(site.outDir, file), 'utf8');
    const inline = await page.evaluate(
      (source) =>
        [...new DOMParser().parseFromString(source, 'text/html').querySelectorAll('script:not([src])')]
          .map((script) => script.getAttribute('type') ?? '')
          .filter((type) => type !== 'application/ld+json'),
      html,
    );
    expect(inline, file).toEqual([]);
  }
});

test('every reading page works without JavaScript', async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, colorScheme: 'dark' });
  const page = await context.newPage();
  for (const { name, path } of await readingPageTypes(request)) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }), name).toBeVisible();
    expect((await page.locator('main').textContent())?.trim().length, name).toBeGreaterThan(20);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Latest', 'Days', 'Topics', 'Search', 'Subscribe'])
      await expect(nav.getByRole('link', { name: label, exact: true }), name).toBeVisible();
    // Buttons of the reader's layer are in the HTML only where the script shows them (hidden without it).
    await expect(page.getByRole('button'), name).toHaveCount(0);
    // The system's scheme applies without the switch.
    expect(await pageLuminance(page), name).toBeLessThan(0.1);
  }
  await page.goto(`days/${latestDay}/`);
  const titles = page.locator('main article h2 a');
  const [first, second] = await titles.evaluateAll((links) =>
    links.slice(0, 2).map((link) => (link as HTMLAnchorElement).href),
  );
  // A click returns once the navigation has started: wait for each page before acting on it.
  await titles.first().click();
  await page.waitForURL(first as string);
  await page.getByRole('link', { name: /Next paper/ }).click();
  await page.waitForURL(second as string);
  await context.close();
});

test.describe('theme', () => {
  for (const system of ['light', 'dark'] as const) {
    test(`follows a ${system} system until switched, and the choice survives a reload`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({ colorScheme: system, baseURL });
      const page = await context.newPage();
      const isDark = async () => (await pageLuminance(page)) < 0.1;
      await page.goto(`days/${latestDay}/`);
      expect(await isDark()).toBe(system === 'dark');
      await expect(themeToggle(page)).toHaveAttribute('aria-pressed', String(system === 'dark'));

      await themeToggle(page).click();
      const chosen = system === 'dark' ? 'light' : 'dark';
      await expect(page.locator('html')).toHaveAttribute('data-theme', chosen);
      expect(await isDark()).toBe(chosen === 'dark');
      await expect(themeToggle(page)).toHaveAttribute('aria-pressed', String(chosen === 'dark'));

      // Applied before the body exists (no flash of the other scheme), on this page and the next.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          (window as unknown as { themeAtBody: string | undefined }).themeAtBody =
            document.documentElement.dataset.theme;
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      for (const path of [`days/${latestDay}/`, `papers/${aPaper.id}/`]) {
        await page.goto(path);
        expect(await page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody)).toBe(
          chosen,
        );
        expect(await isDark(), path).toBe(chosen === 'dark');
      }
      await context.close();
    });
  }
});

test.describe('keys', () => {
  test('j/→ and k/← go to the next and previous paper of the day, in the day page’s order', async ({
    page,
  }) => {
    await page.goto(`days/${latestDay}/`);
    const order = await page
      .locator('main article h2 a')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    expect(order.length).toBeGreaterThan(2);
    await page.goto(order[0] as string);
    // The keys are a page script: waitForURL waits for the new page's load event, after its scripts
    // ran; the URL alone changes before the next key can be heard.
    await page.keyboard.press('j');
    await page.waitForURL(order[1] as string);
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(order[2] as string);
    await page.keyboard.press('k');
    await page.waitForURL(order[1] as string);
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(order[0] as string);
  });

  test('on a day page j and k move the focus between the papers’ titles', async ({ page }) => {
    await page.goto(`days/${latestDay}/`);
    const titles = page.locator('main article h2 a');
    await page.keyboard.press('j');
    await expect(titles.nth(0)).toBeFocused();
    await page.keyboard.press('j');
    await expect(titles.nth(1)).toBeFocused();
    await page.keyboard.press('k');
    await expect(titles.nth(0)).toBeFocused();
    expect(page.url()).toMatch(new RegExp(`/days/${latestDay}/$`));
  });

  test('keys are ignored with a modifier and while typing', async ({ page }) => {
    await page.goto(`days/${latestDay}/`);
    await page.keyboard.press('Alt+j');
    await page.keyboard.press('Control+k');
    await expect(page.locator('main article h2 a').first()).not.toBeFocused();
    await expect(page.locator(':focus')).toHaveCount(0);

    await page.goto('search/');
    const input = page.locator('pagefind-input input');
    await input.click();
    await page.keyboard.type('j k/?');
    await expect(input).toHaveValue('j k/?');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(new URL(page.url()).pathname).toMatch(/\/search\/$/);
  });

  test('→ and ← scroll a wide formula that has the focus instead of changing the paper', async ({ page }) => {
    await page.goto(`papers/${wideFormulaPaper.id}/`);
    const url = page.url();
    const next = (await page.locator('.paper-nav a[rel="next"]').getAttribute('href')) as string;
    expect(next).toBeTruthy();
    const formula = page.locator('.abstract .katex-display');
    // A box the keyboard reaches, and one that scrolls: wider inside than its box.
    await expect(formula).toHaveAttribute('tabindex', '0');
    expect(await formula.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
    await formula.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => formula.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => formula.evaluate((box) => box.scrollLeft)).toBe(0);
    expect(page.url()).toBe(url);
    // Elsewhere on the same page, → is the shortcut again.
    await formula.evaluate((box) => (box as HTMLElement).blur());
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(new URL(next, url).href);
  });

  test('/ goes to search, and on the search page focuses its field', async ({ page }) => {
    await page.goto(`papers/${aPaper.id}/`);
    await page.keyboard.press('/');
    await page.waitForURL(/\/search\/$/);
    const input = page.locator('pagefind-input input');
    await input.waitFor();
    await expect(input).not.toBeFocused();
    await page.keyboard.press('/');
    await expect(input).toBeFocused();
    await expect(input).toHaveValue('');
  });

  test('? lists the keys in a dialog that Escape closes, returning the focus', async ({ page }) => {
    await page.goto(`days/${latestDay}/`);
    await page.keyboard.press('j');
    const title = page.locator('main article h2 a').first();
    await expect(title).toBeFocused();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('next paper');
    // Keys other than ? do nothing behind the open list.
    await page.keyboard.press('j');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(title).toBeFocused();

    await page.keyboard.press('?');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });
});

test('a Copy button copies a pre[data-copy] block', async ({ browser, baseURL, request }) => {
  const paperPage = await (await request.get(`papers/${aPaper.id}/`)).text();
  test.skip(
    !paperPage.includes('data-copy'),
    'no page of this build carries a pre[data-copy] block yet (the BibTeX entry brings one)',
  );
  const context = await browser.newContext({ baseURL, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`papers/${aPaper.id}/`);
  const block = page.locator('pre[data-copy]').first();
  // Exact names: the button reads "Copy", then "Copied".
  const button = page.getByRole('button', { name: /^(Copy|Copied)$/ }).first();
  await button.click();
  await expect(button).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await block.textContent());
  await context.close();
});
