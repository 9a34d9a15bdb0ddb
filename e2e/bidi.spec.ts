import { expect, type Page, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { bidiPaper, recordStringsWith } from './site.ts';

/**
 * A right-to-left override (U+202E) in a record reverses everything after it up to the end of its
 * paragraph, unless the record text is isolated: in HTML inside a `<bdi>` (or an element with `dir`),
 * in plain text between FIRST STRONG ISOLATE (U+2068) and POP DIRECTIONAL ISOLATE (U+2069). Each page
 * type and feed that shows the fixture paper with overrides is checked: every override must sit in an
 * isolate that holds one record string and nothing else (not the site's own words beside it).
 *
 * Left out, as data rather than text shown beside other text: attributes holding one record string
 * alone (the description, og:title, citation_* tags), the JSON-LD, and the BibTeX entry (`.cite pre`),
 * exchange text a reader copies into a reference manager.
 */

const RLO = '\u202e';
const FSI = '\u2068';
const PDI = '\u2069';
const ISOLATES = new Set(['\u2066', '\u2067', FSI]);

/** Every string of a record field that holds an override: what an isolate may hold. */
const recordStrings = recordStringsWith(RLO);

test.beforeAll(() => {
  // The fixture is what makes this suite mean something.
  expect(recordStrings.length).toBeGreaterThanOrEqual(4);
});

/**
 * The overrides of a plain text that are not alone in an isolate of one record string: each is
 * looked up in the innermost FSI … PDI around it.
 */
function plainProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  const open: number[] = [];
  const spans: { from: number; to: number }[] = [];
  for (const [index, char] of [...text].entries()) {
    if (ISOLATES.has(char)) open.push(index);
    else if (char === PDI && open.length > 0) spans.push({ from: open.pop() as number, to: index });
  }
  const chars = [...text];
  for (const [index, char] of chars.entries()) {
    if (char !== RLO) continue;
    const around = spans
      .filter((span) => span.from < index && index < span.to)
      .sort((a, b) => b.from - a.from)[0];
    if (around === undefined) {
      problems.push(`${where}: an override outside any isolate in ${JSON.stringify(text)}`);
      continue;
    }
    const inside = chars.slice(around.from + 1, around.to).join('');
    if (chars[around.from] !== FSI || !recordStrings.includes(inside))
      problems.push(`${where}: an isolate holds more than one record string: ${JSON.stringify(inside)}`);
  }
  return problems;
}

/** The overrides of the page's text that are not alone in a `<bdi>` or `[dir]` element of one record string. */
async function domProblems(page: Page, where: string): Promise<string[]> {
  const problems = await page.evaluate(
    ({ strings, rlo }) => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement as Element;
        if (!node.textContent?.includes(rlo) || parent.closest('script, style, .cite pre')) continue;
        const isolate = parent.closest('bdi, [dir]');
        if (isolate === null || isolate === document.documentElement)
          found.push(`an override outside any isolate: ${parent.outerHTML.slice(0, 200)}`);
        else if (!strings.includes(isolate.textContent ?? ''))
          found.push(`an isolate holds more than one record string: ${isolate.outerHTML.slice(0, 200)}`);
      }
      return found;
    },
    { strings: recordStrings, rlo: RLO },
  );
  return [
    ...problems.map((problem) => `${where}: ${problem}`),
    ...plainProblems(await page.title(), `${where} <title>`),
  ];
}

/** The page's text and title, after checking that the page shows the paper at all. */
async function pageProblems(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await expect(page.locator(`a[href$="/papers/${bidiPaper.id}/"]`).first(), path).toBeAttached();
  return domProblems(page, path);
}

/** An HTML fragment of a feed, checked as a document of its own. */
async function htmlProblems(page: Page, html: string, where: string): Promise<string[]> {
  await page.setContent(`<!doctype html><title>feed</title><body>${html}</body>`);
  return domProblems(page, where);
}

test('the paper page: its title, authors, organisation, TL;DR and the document’s <title>', async ({
  page,
}) => {
  await page.goto(`papers/${bidiPaper.id}/`);
  expect(await page.title()).toContain(RLO);
  expect(await domProblems(page, 'paper page')).toEqual([]);
});

test('the day page, its topic page and the week’s and month’s rankings', async ({ page }) => {
  await page.goto(`days/${bidiPaper.day}/`);
  const rankings = await page
    .locator('.rankings a')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  expect(rankings).toHaveLength(2);
  const problems: string[] = [];
  for (const path of [`days/${bidiPaper.day}/`, `topics/${bidiPaper.topic}/`, ...rankings])
    problems.push(...(await pageProblems(page, path)));
  expect(problems).toEqual([]);
});

test('another paper’s related list', async ({ page }) => {
  // The papers it lists are those whose own lists most likely hold it.
  await page.goto(`papers/${bidiPaper.id}/`);
  const candidates = await page
    .locator('.related a')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  let listing: string | undefined;
  for (const url of candidates) {
    await page.goto(url);
    if ((await page.locator(`.related a[href$="/papers/${bidiPaper.id}/"]`).count()) > 0) {
      listing = url;
      break;
    }
  }
  expect(listing, 'a paper whose related list holds the fixture').toBeDefined();
  expect(await domProblems(page, listing as string)).toEqual([]);
});

test('the day’s e-mail page', async ({ page }) => {
  expect(await pageProblems(page, `days/${bidiPaper.day}/email.html`)).toEqual([]);
});

const xml = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['item', 'entry', 'author'].includes(name),
});

/** A feed's text fields and HTML fields, per item, in one shape for the three formats. */
type FeedItems = { id: string; text: string[]; html: string[] }[];

const textOf = (value: unknown): string =>
  typeof value === 'object' && value !== null
    ? String((value as Record<string, unknown>)['#text'] ?? '')
    : String(value ?? '');

const readers: Record<string, (body: string) => FeedItems> = {
  'rss.xml': (body) =>
    xml.parse(body).rss.channel.item.map((item: Record<string, unknown>) => ({
      id: textOf(item.guid),
      text: [textOf(item.title), textOf(item.description)],
      html: [textOf(item['content:encoded'])],
    })),
  'atom.xml': (body) =>
    xml.parse(body).feed.entry.map((entry: Record<string, unknown>) => ({
      id: textOf(entry.id),
      text: [
        textOf(entry.title),
        textOf(entry.summary),
        ...((entry.author as { name: string }[] | undefined) ?? []).map((author) => author.name),
      ],
      html: [textOf(entry.content)],
    })),
  'feed.json': (body) =>
    (
      JSON.parse(body) as {
        items: {
          id: string;
          title: string;
          summary?: string;
          content_html: string;
          authors?: { name: string }[];
        }[];
      }
    ).items.map((item) => ({
      id: item.id,
      text: [item.title, item.summary ?? '', ...(item.authors ?? []).map((author) => author.name)],
      html: [item.content_html],
    })),
};

test('the site’s and the topic’s feeds, in every format', async ({ page, request }) => {
  // Every item's HTML of six feeds goes through the browser: about 20 s alone, over the default 30 s on
  // a machine that is busy with other work.
  test.setTimeout(120_000);
  const problems: string[] = [];
  for (const folder of ['', `topics/${bidiPaper.topic}/`])
    for (const [file, read] of Object.entries(readers)) {
      const where = `${folder}${file}`;
      const items = read(await (await request.get(where)).text());
      expect(
        items.some((item) => item.id === `paperboy:${bidiPaper.id}`),
        `${where} lists the paper`,
      ).toBe(true);
      for (const item of items) {
        for (const text of item.text) problems.push(...plainProblems(text, `${where} ${item.id}`));
        for (const html of item.html)
          problems.push(...(await htmlProblems(page, html, `${where} ${item.id}`)));
      }
    }
  expect(problems).toEqual([]);
});
