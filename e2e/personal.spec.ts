import { readFileSync, writeFileSync } from 'node:fs';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import YAML from 'yaml';
import { elementsIn, elementsWith } from './html.ts';
import { days, extrasPaper, hostilePaper, latestDay, pageTypes, paperFiles } from './site.ts';

/**
 * The reader's own layer (src/scripts/): follows and their marks, /for-you/, the reading list, and
 * export, import and clear. What should match is worked out here from the content files (parsed with
 * `yaml`) and the site's topic pages, by a matcher of this file's own, never by the site's.
 */

interface PaperRecord {
  id: string;
  title: string;
  day: string;
  authors?: string[];
  keywords?: string[];
}

const records: PaperRecord[] = days.flatMap(paperFiles).map((file) => {
  const frontmatter = readFileSync(file, 'utf8').match(/^---\n([\s\S]*?)\n---\n/)?.[1] ?? '';
  return YAML.parse(frontmatter) as PaperRecord;
});

/** A word (or its plural) in a paper's title or one of its keywords, without case: the follow rule for a one-word keyword. */
function hasWord(paper: PaperRecord, word: string): boolean {
  const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}_])${word}(?:e?s)?(?![\\p{L}\\p{N}_])`, 'iu');
  return [paper.title, ...(paper.keywords ?? [])].some((text) => pattern.test(text));
}

const idOf = (href: string) => decodeURIComponent(href.replace(/\/$/, '').split('/').at(-1) as string);

/** Every paper of a topic, from its pages as the site lists them. */
async function topicPapers(request: APIRequestContext, slug: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const response = await request.get(page === 1 ? `topics/${slug}/` : `topics/${slug}/${page}/`);
    if (response.status() !== 200) return ids;
    const html = await response.text();
    for (const link of elementsIn(html)) {
      const href = link.attributes.href;
      if (link.name === 'a' && link.ancestors[0] === 'h2' && href && /\/papers\/[^/]+\/$/.test(href))
        ids.push(idOf(href));
    }
  }
}

const stored = (page: Page) => page.evaluate(() => localStorage.getItem('paperboy-personal'));

/** The ids a list of papers links to, in its order. */
const listed = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));

const TOPIC = 'speech-audio';
const KEYWORD = 'protein';
const AUTHOR = 'zoe angstrom';
const EXCLUDED = 'benchmark';

test('follows of a topic, a keyword and an author, with an exclusion, mark exactly their papers, after a reload too', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const inTopic = new Set(await topicPapers(request, TOPIC));
  expect(inTopic.size).toBeGreaterThan(0);
  const expected = records
    .filter(
      (paper) =>
        (inTopic.has(paper.id) ||
          hasWord(paper, KEYWORD) ||
          (paper.authors ?? []).some(
            (name) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase() === AUTHOR,
          )) &&
        !hasWord(paper, EXCLUDED),
    )
    .map((paper) => paper.id)
    .sort();
  // Each follow must count: the expected set has papers of the topic, of the keyword and of the author.
  expect(expected.filter((id) => inTopic.has(id)).length).toBeGreaterThan(0);
  expect(expected).toContain(hostilePaper.id);
  expect(records.some((paper) => hasWord(paper, KEYWORD) && hasWord(paper, EXCLUDED))).toBe(true);

  await page.goto(`topics/${TOPIC}/`);
  const follow = page.getByRole('button', { name: 'Follow topic' });
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');

  await page.goto('for-you/');
  for (const [label, term] of [
    ['Keywords', KEYWORD],
    ['Authors', AUTHOR],
    ['Leave out keywords', EXCLUDED],
  ] as const) {
    const box = page.getByRole('textbox', { name: label, exact: true });
    await box.fill(term);
    await box.press('Enter');
    await expect(page.getByRole('list', { name: label, exact: true }).getByRole('listitem')).toHaveText([
      `${term} Remove`,
    ]);
  }
  await expect(page.getByRole('checkbox', { name: 'Speech & audio' })).toBeChecked();

  for (const reload of [false, true]) {
    if (reload) await page.reload();
    await expect(page.locator('.for-you-summary')).toContainText(`${expected.length} of the`);
    const forYou = (await listed(page, '.personal .paper-rows h2 a')).map(idOf);
    expect(forYou.slice().sort()).toEqual(expected);
    // Newest day first.
    const dayOf = new Map(records.map((paper) => [paper.id, paper.day]));
    const listedDays = forYou.map((id) => dayOf.get(id) as string);
    expect(listedDays).toEqual(listedDays.slice().sort().reverse());
  }

  // The day pages mark the same papers, and only those.
  for (const path of [`days/${latestDay}/`, `days/${latestDay}/2/`, `days/${days[1]}/`]) {
    await page.goto(path);
    const shown = (await listed(page, '.paper-card h2 a')).map(idOf);
    const wanted = shown.filter((id) => expected.includes(id));
    await expect(page.locator('.paper-card.followed')).toHaveCount(wanted.length);
    const marked = (await listed(page, '.paper-card.followed h2 a')).map(idOf);
    expect(marked, path).toEqual(wanted);
    await expect(page.locator('.paper-card.followed .followed-mark').first()).toHaveText('For you');
  }
  // So do a topic's rows and a paper page.
  await page.goto(`topics/${TOPIC}/`);
  await expect(page.locator('.paper-rows .followed').first()).toBeVisible();
  await page.goto(`papers/${hostilePaper.id}/`);
  await expect(page.locator('article.paper.followed h1 .followed-mark')).toHaveText('For you');
});

test('a renamed topic keeps its followers: a former id in the follows marks the topic’s papers', async ({
  page,
}) => {
  const formerIds = YAML.parse(readFileSync(new URL('../content/topics.yaml', import.meta.url), 'utf8')) as {
    id: string;
    formerIds?: { id: string }[];
  }[];
  const renamed = formerIds.find((topic) => topic.formerIds?.length) as {
    id: string;
    formerIds: { id: string }[];
  };
  await page.goto('for-you/');
  await page.evaluate(
    (former) =>
      localStorage.setItem(
        'paperboy-personal',
        JSON.stringify({ paperboy: 1, follows: { topics: [former] }, saved: [] }),
      ),
    renamed.formerIds[0]?.id as string,
  );
  await page.reload();
  await expect(page.locator('.for-you-summary')).toContainText(' of the ');
  const forYou = (await listed(page, '.personal .paper-rows h2 a')).map(idOf);
  const request = page.request;
  const inTopic = await topicPapers(request, renamed.id);
  expect(inTopic.length).toBeGreaterThan(0);
  expect(forYou.slice().sort()).toEqual(inTopic.slice().sort());
});

test('export, clear and import give back the same state', async ({ page }, testInfo) => {
  await page.goto('for-you/');
  await page.getByRole('checkbox', { name: 'Speech & audio' }).check();
  await page.getByRole('textbox', { name: 'Authors', exact: true }).fill('Ada Lovelace');
  await page.getByRole('textbox', { name: 'Authors', exact: true }).press('Enter');
  await expect(page.getByRole('list', { name: 'Authors' }).getByRole('listitem')).toHaveCount(1);
  await page.goto(`papers/${extrasPaper.id}/`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('saved/');
  await expect(page.locator('.saved-summary')).toHaveText('1 saved, 1 unread.');
  const before = JSON.parse((await stored(page)) as string);
  expect(before.follows).toMatchObject({ topics: ['speech-audio'], authors: ['Ada Lovelace'] });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as JSON' }).click();
  const file = testInfo.outputPath('paperboy.json');
  await (await download).saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(before);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Clear everything' }).click();
  await expect(page.locator('.personal-status')).toHaveText('Cleared.');
  expect(await stored(page)).toBeNull();
  await expect(page.locator('.saved-summary')).toHaveText('0 saved, 0 unread.');
  await expect(page.getByText('Nothing saved yet')).toBeVisible();

  await page.getByLabel('Import a JSON file').setInputFiles(file);
  await expect(page.locator('.personal-status')).toHaveText('Imported paperboy.json.');
  expect(JSON.parse((await stored(page)) as string)).toEqual(before);
  await expect(page.locator('.saved-summary')).toHaveText('1 saved, 1 unread.');
  await page.goto('for-you/');
  await expect(page.getByRole('checkbox', { name: 'Speech & audio' })).toBeChecked();
  await expect(page.getByRole('list', { name: 'Authors' }).getByRole('listitem')).toHaveText([
    'Ada Lovelace Remove',
  ]);
});

test('a hostile file is refused or shown inert', async ({ page }, testInfo) => {
  const markup = `<img src=x onerror="window.__pwned='import'">`;
  const good = {
    id: '2607.99002',
    title: markup,
    authors: [`<script>window.__pwned='author'</script>`],
    day: '2026-07-29',
    url: '/papers/2607.99002/',
    read: false,
  };
  const hostile = testInfo.outputPath('hostile.json');
  writeFileSync(
    hostile,
    JSON.stringify({
      paperboy: 1,
      follows: { keywords: [markup, 'x\u0000y'] },
      saved: [
        good,
        { ...good, id: 'evil', url: 'javascript:window.__pwned="link"' },
        { ...good, id: 'far', url: '//127.0.0.2/' },
      ],
    }),
  );
  const huge = testInfo.outputPath('huge.json');
  writeFileSync(huge, JSON.stringify({ paperboy: 1, follows: { keywords: ['x'.repeat(10_000_000)] } }));
  const notOurs = testInfo.outputPath('other.json');
  writeFileSync(notOurs, JSON.stringify({ follows: { keywords: ['protein'] } }));

  await page.goto('saved/');
  const input = page.getByLabel('Import a JSON file');
  await input.setInputFiles(huge);
  await expect(page.locator('.personal-status')).toHaveText(
    'huge.json was not imported: it is larger than 2 MB.',
  );
  await input.setInputFiles(notOurs);
  await expect(page.locator('.personal-status')).toHaveText(
    'other.json was not imported: it is not a file this site exported.',
  );
  expect(await stored(page)).toBeNull();

  await input.setInputFiles(hostile);
  await expect(page.locator('.personal-status')).toHaveText(
    'Imported hostile.json, without 3 invalid entries.',
  );
  // The markup shows as text, as a link to a path of the site; nothing of it ran.
  const link = page.getByRole('link', { name: markup });
  await expect(link).toBeVisible();
  expect(await link.getAttribute('href')).toBe('/papers/2607.99002/');
  await expect(page.locator('.saved-list li')).toHaveCount(1);
  await expect(page.locator('.saved-list')).toContainText(`<script>window.__pwned='author'</script>`);
  await page.goto('for-you/');
  await expect(page.getByRole('list', { name: 'Keywords' }).getByRole('listitem')).toHaveText([
    `${markup} Remove`,
  ]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
});

test('three saved papers stay readable from the browser alone, and export as BibTeX that parses', async ({
  page,
}) => {
  await page.goto(`days/${latestDay}/`);
  const cards = page.locator('.paper-card');
  const chosen: string[] = [];
  for (const index of [0, 1, 2]) {
    const card = cards.nth(index);
    chosen.push(idOf((await card.locator('h2 a').getAttribute('href')) as string));
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-pressed', 'true');
  }
  const byId = new Map(records.map((paper) => [paper.id, paper]));

  // The list needs nothing but the browser's storage: with every paper page and recent.json out of
  // reach (as once they leave the latest days, or the site), it still shows what was kept.
  await page.route(/\/papers\/|recent\.json/, (route) => route.abort());
  await page.goto('saved/');
  await expect(page.locator('.saved-summary')).toHaveText('3 saved, 3 unread.');
  const titles = await page.locator('.saved-list h2').allTextContents();
  // Newest saved first.
  expect(titles).toEqual(chosen.map((id) => byId.get(id)?.title).reverse());
  for (const id of chosen) {
    const paper = byId.get(id) as PaperRecord;
    const item = page.locator('.saved-list li').filter({ hasText: paper.title });
    await expect(item).toContainText(paper.day);
    for (const author of (paper.authors ?? []).slice(0, 3)) await expect(item).toContainText(author);
  }
  await page.getByRole('button', { name: 'Read' }).first().click();
  await expect(page.locator('.saved-summary')).toHaveText('3 saved, 2 unread.');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Read' }).first()).toHaveAttribute('aria-pressed', 'true');

  await page.unroute(/\/papers\/|recent\.json/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as BibTeX' }).click();
  const bibtex = readFileSync(await (await download).path(), 'utf8');
  const parsed = parseBibtex(bibtex);
  expect(parsed.errors).toEqual([]);
  expect(parsed.entries).toHaveLength(3);
  await expect(page.locator('.personal-status')).toHaveText('Exported 3 of 3 BibTeX entries.');
});

/** Bytes of the scripts a page loads (each `<script src>` and the modules it imports), as served. */
async function scriptBytes(request: APIRequestContext, pageUrl: string): Promise<number> {
  const html = await (await request.get(pageUrl)).text();
  const seen = new Set<string>();
  let bytes = 0;
  const pending = elementsWith(html, 'script').flatMap(({ attributes }) =>
    attributes.src ? [new URL(attributes.src, pageUrl).href] : [],
  );
  while (pending.length > 0) {
    const url = pending.pop() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const body = await (await request.get(url)).text();
    bytes += Buffer.byteLength(body);
    for (const match of body.matchAll(/(?:^|[;}])\s*import\s*(?:[^'"`;]*?from\s*)?["'`]([^"'`]+)["'`]/g))
      pending.push(new URL(match[1] as string, url).href);
  }
  return bytes;
}

test('script bytes per page type: 3 KB where the reader’s layer is not used, 6 KB where it is', async ({
  request,
  baseURL,
}) => {
  const budgets = { readerOnly: 3 * 1024, reading: 6 * 1024 };
  const readerOnly = ['archive', 'topics', 'subscribe', '404'];
  const rows: string[] = [];
  for (const { name, path } of await pageTypes(request)) {
    if (name === 'search') continue;
    const bytes = await scriptBytes(request, new URL(path, baseURL).href);
    rows.push(`${name}: ${bytes}`);
    if (readerOnly.includes(name)) expect(bytes, name).toBeLessThanOrEqual(budgets.readerOnly);
    else expect(bytes, name).toBeLessThanOrEqual(budgets.reading);
  }
  console.log(`script bytes per page type:\n  ${rows.join('\n  ')}`);
});

test('/for-you/ and /saved/ are noindex, out of the sitemap, and say they need JavaScript', async ({
  page,
  request,
  baseURL,
}) => {
  const base = baseURL as string;
  const locations = (xml: string) =>
    [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
  const inSitemap: string[] = [];
  for (const sitemap of locations(await (await request.get(new URL('sitemap-index.xml', base).href)).text()))
    inSitemap.push(...locations(await (await request.get(sitemap)).text()));
  expect(inSitemap).toContain(new URL(`days/${latestDay}/`, base).href);
  for (const path of ['for-you/', 'saved/']) {
    expect(inSitemap, path).not.toContain(new URL(path, base).href);
    await page.goto(path);
    await expect(page.locator('meta[name="robots"]'), path).toHaveAttribute('content', 'noindex');
    // Playwright's switch turns scripts off but leaves <noscript> unrendered, as the parser still
    // counts scripting on: the served page is read instead.
    const html = await (await request.get(new URL(path, base).href)).text();
    expect(html.match(/<noscript>([\s\S]*?)<\/noscript>/)?.[1], path).toContain('This page needs JavaScript');
  }
});
