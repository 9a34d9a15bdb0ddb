import { expect, test } from '@playwright/test';
import { e2eSettings } from './builds.ts';
import { days, hostilePaper, paperFiles, paperRecord } from './site.ts';

/**
 * The e-mail-ready day (`days/DAY/email.html`) is sent as it is by a maintainer's mailer: a mail client
 * loads no stylesheet, runs no script and cannot resolve a link relative to a page it never had.
 */

/** Every URL an element attribute of the page names (href, src, action, background…). */
function attributeUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|srcset|action|background|poster)\s*=\s*"([^"]*)"/gi)].map(
    (match) => match[1] as string,
  );
}

test('the latest days’ e-mails are self-contained: inline styles, no script, no external CSS, only absolute links', async ({
  request,
  baseURL,
}) => {
  const latest = days.slice(0, e2eSettings.emailDays);
  expect(latest.length).toBeGreaterThan(1);
  for (const day of latest) {
    const response = await request.get(`days/${day}/email.html`);
    expect(response.status(), day).toBe(200);
    const html = await response.text();
    expect(html, day).not.toMatch(/<script\b/i);
    expect(html, day).not.toMatch(/<link\b/i);
    expect(html, day).not.toMatch(/@import|url\(/i);
    expect(html, day).toMatch(/style="/);
    const urls = attributeUrls(html);
    expect(urls.length, day).toBeGreaterThan(0);
    for (const url of urls) expect(url, day).toMatch(/^https?:\/\/[^/]/);

    // It lists every paper of the day, linking to each paper's page on this site.
    const paperLinks = urls.filter((url) => url.startsWith(new URL('papers/', baseURL).href));
    for (const file of paperFiles(day)) {
      const { id } = paperRecord(file);
      expect(paperLinks, `${day}: ${id}`).toContain(new URL(`papers/${id}/`, baseURL).href);
    }
  }
});

test('older days have no e-mail page: e-mail pages are for mailing a day, not an archive', async ({
  request,
}) => {
  const older = days.slice(e2eSettings.emailDays);
  expect(older.length).toBeGreaterThan(0);
  for (const day of older) {
    expect((await request.get(`days/${day}/`)).status(), day).toBe(200);
    expect((await request.get(`days/${day}/email.html`)).status(), day).toBe(404);
  }
});

test('the links of an e-mail answer 200 on this site', async ({ request, baseURL }) => {
  const html = await (await request.get(`days/${hostilePaper.day}/email.html`)).text();
  const ours = attributeUrls(html).filter((url) => url.startsWith(baseURL as string));
  expect(ours.length).toBeGreaterThan(0);
  for (const url of new Set(ours)) expect((await request.get(url)).status(), url).toBe(200);
});
