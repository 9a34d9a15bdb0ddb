import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import YAML from 'yaml';
import { elementsWith } from './html.ts';
import { aPaper, days, hostilePaper, paperFiles } from './site.ts';

/**
 * What reference managers, search engines and link previews read from a paper page, checked against
 * the record as its content file states it (parsed here with `yaml`, not by the site's code).
 */

interface PaperRecord {
  id: string;
  title: string;
  day: string;
  published?: string;
  authors?: string[];
  arxiv?: string;
  categories?: string[];
  thumbnail?: string;
  links: { abs?: string; pdf?: string };
}

function record(id: string): PaperRecord {
  const file = days.flatMap(paperFiles).find((url) => url.pathname.endsWith(`/${id}.md`));
  if (!file) throw new Error(`No content file for ${id}`);
  const frontmatter = readFileSync(file, 'utf8').match(/^---\n([\s\S]*?)\n---\n/)?.[1];
  if (frontmatter === undefined) throw new Error(`${file.pathname}: no frontmatter`);
  return YAML.parse(frontmatter) as PaperRecord;
}

/** The hostile record (every field, markup everywhere), an ordinary arXiv record, and a demo record without authors or arXiv id. */
const papers = [
  { name: 'every field, hostile', ...record(hostilePaper.id) },
  { name: 'arXiv, two authors', ...record('2607.99002') },
  { name: 'no arXiv id, no authors', ...record(aPaper.id) },
];

/** The date citations give: the paper's own, else its digest day. */
const citedDay = (paper: PaperRecord) => paper.published ?? paper.day;

/**
 * The citation tags the way Zotero's Embedded Metadata translator reads them: every
 * `meta[name^="citation_"]` in document order, repeated names collected in order.
 */
async function citationMeta(page: Page): Promise<Record<string, string[]>> {
  return page.locator('meta[name^="citation_"]').evaluateAll((metas) => {
    const tags: Record<string, string[]> = {};
    for (const meta of metas) {
      const name = meta.getAttribute('name') as string;
      tags[name] = [...(tags[name] ?? []), meta.getAttribute('content') ?? ''];
    }
    return tags;
  });
}

async function jsonLd(page: Page) {
  const scripts = page.locator('script[type="application/ld+json"]');
  await expect(scripts).toHaveCount(1);
  return JSON.parse((await scripts.textContent()) ?? '');
}

/** Reads a `.bib` text the way Zotero's Better BibTeX does, without its English sentence-casing. */
function readBibtex(text: string) {
  const library = parseBibtex(text, { sentenceCase: false });
  expect(library.errors).toEqual([]);
  return library.entries;
}

/** A creator as one display name: `First von Last`, or the braced name as it was. */
const displayName = (creator: { name?: string; firstName?: string; prefix?: string; lastName?: string }) =>
  creator.name ?? [creator.firstName, creator.prefix, creator.lastName].filter(Boolean).join(' ');

type BibEntry = ReturnType<typeof readBibtex>[number];

/** The entry says what the record says: title, authors in order, year, and the arXiv fields. */
function expectEntryOf(entry: BibEntry, paper: PaperRecord) {
  expect(entry.fields.title).toBe(paper.title);
  expect((entry.fields.author ?? []).map(displayName)).toEqual(paper.authors ?? []);
  expect(entry.fields.year).toBe(citedDay(paper).slice(0, 4));
  if (paper.arxiv) {
    expect(entry.fields.eprint).toBe(paper.arxiv);
    expect(entry.fields.archiveprefix).toBe('arXiv');
    expect(entry.fields.primaryclass).toBe(paper.categories?.[0]);
  } else {
    expect(entry.fields.eprint).toBeUndefined();
  }
}

for (const paper of papers) {
  test.describe(`paper page (${paper.name})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto(`papers/${paper.id}/`);
    });

    test('canonical URL, JSON-LD and the card tags match the record', async ({ page, baseURL }) => {
      const pageUrl = new URL(`papers/${paper.id}/`, baseURL).href;
      await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', pageUrl);
      await expect(page.locator('head meta[property="og:url"]')).toHaveAttribute('content', pageUrl);

      const article = await jsonLd(page);
      expect(article['@context']).toBe('https://schema.org');
      expect(article['@type']).toBe('ScholarlyArticle');
      expect(article.headline).toBe(paper.title);
      expect(article.author).toEqual((paper.authors ?? []).map((name) => ({ '@type': 'Person', name })));
      expect(article.datePublished).toBe(citedDay(paper));
      expect(article.sameAs).toBe(paper.links.abs);
      // A sentence or two of plain text, the page's own description: the TL;DR or the abstract's
      // opening, never the whole abstract again.
      const description = await page.locator('head meta[name="description"]').getAttribute('content');
      expect(article.description).toBe(description);
      expect(article.description.length).toBeGreaterThan(10);
      expect(article.description.length).toBeLessThanOrEqual(300);
      expect(article.description).not.toMatch(/<(p|a|span|math)\b/);
      expect(article).not.toHaveProperty('abstract');
      const shown = (
        await page.locator('.tldr, .abstract').evaluateAll((parts) => parts.map((part) => part.textContent))
      ).join(' ');
      const words = (text: string) => text.match(/[\p{L}\p{N}]{4,}/gu) ?? [];
      expect(words(article.description).length).toBeGreaterThan(1);
      for (const word of words(article.description)) expect(shown).toContain(word);

      const image = paper.thumbnail;
      await expect(page.locator('head meta[name="twitter:card"]')).toHaveAttribute(
        'content',
        image ? 'summary_large_image' : 'summary',
      );
      await expect(page.locator('head meta[property="og:image"]')).toHaveCount(image ? 1 : 0);
      if (image)
        await expect(page.locator('head meta[property="og:image"]')).toHaveAttribute('content', image);
    });

    test('citation tags read as Zotero reads them', async ({ page }) => {
      const tags = await citationMeta(page);
      expect(tags.citation_title).toEqual([paper.title]);
      expect(tags.citation_author ?? []).toEqual(paper.authors ?? []);
      const slashed = citedDay(paper).replaceAll('-', '/');
      expect(tags.citation_publication_date).toEqual([slashed]);
      expect(tags.citation_arxiv_id).toEqual(paper.arxiv ? [paper.arxiv] : undefined);
      expect(tags.citation_pdf_url).toEqual(paper.links.pdf ? [paper.links.pdf] : undefined);
      for (const url of tags.citation_pdf_url ?? []) expect(new URL(url).href).toBe(url);
      // Nothing but these: the page's own URL is its canonical link.
      expect(Object.keys(tags).sort()).toEqual(
        [
          'citation_title',
          ...(paper.authors?.length ? ['citation_author'] : []),
          'citation_publication_date',
          ...(paper.arxiv ? ['citation_arxiv_id'] : []),
          ...(paper.links.pdf ? ['citation_pdf_url'] : []),
        ].sort(),
      );
    });

    test('the BibTeX on the page and the day’s papers.bib round-trip, and agree', async ({
      page,
      request,
    }) => {
      const shown = await page.locator('.cite pre[data-copy] code').textContent();
      const [onPage, ...more] = readBibtex(shown ?? '');
      expect(more).toEqual([]);
      expectEntryOf(onPage as BibEntry, paper);
      // No file per paper: the entry on the page is the one to copy, and the day's file has them all.
      await expect(page.locator('a[href$=".bib"]')).toHaveCount(1);

      const dayLink = page.getByRole('link', { name: /^BibTeX of all papers of/ });
      const dayFile = await request.get(new URL((await dayLink.getAttribute('href')) ?? '', page.url()).href);
      expect(dayFile.status()).toBe(200);
      const entries = readBibtex(await dayFile.text());
      expect(entries).toHaveLength(paperFiles(paper.day).length);
      expect(new Set(entries.map((entry) => entry.key)).size).toBe(entries.length);
      const same = entries.filter((entry) => entry.fields.title === paper.title);
      expect(same).toHaveLength(1);
      expectEntryOf(same[0] as BibEntry, paper);
      // The page's entry, but for its key, which the day's file keeps unique.
      expect({ ...same[0], key: '' }).toEqual({ ...onPage, key: '' });
    });
  });
}

async function expectOk(request: APIRequestContext, url: string) {
  expect((await request.get(url)).status(), url).toBe(200);
}

test('related papers: at most five, never the paper itself, each link works', async ({ page, request }) => {
  for (const paper of [aPaper, hostilePaper]) {
    await page.goto(`papers/${paper.id}/`);
    const links = page.locator('.related li a');
    const count = await links.count();
    expect(count, paper.id).toBeGreaterThan(0);
    expect(count, paper.id).toBeLessThanOrEqual(5);
    const own = new URL(page.url()).pathname;
    for (const href of await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
      expect(new URL(href).pathname).not.toBe(own);
      await expectOk(request, href);
    }
  }
});

test('the hostile record puts nothing executable in <head>', async ({ page, request }) => {
  const path = `papers/${hostilePaper.id}/`;
  const html = await (await request.get(path)).text();
  const head = html.slice(0, html.indexOf('</head>'));
  // The data block ends where the page ends it: up to the first `</script>`, it is the whole record.
  const block = elementsWith(head, 'script', { type: 'application/ld+json' })[0]?.text ?? '';
  expect(JSON.parse(block).headline).toBe(record(hostilePaper.id).title);
  expect(block).not.toMatch(/<!--|<\/?script/i);

  await page.goto(path);
  const elements = await page
    .locator('head *')
    .evaluateAll((nodes) =>
      nodes.map((node) => [
        node.tagName.toLowerCase(),
        node.getAttributeNames().filter((name) => /^on/i.test(name)),
      ]),
    );
  for (const [tag, handlers] of elements) {
    expect(['meta', 'title', 'link', 'script', 'style']).toContain(tag);
    expect(handlers).toEqual([]);
  }
  // Scripts in <head> are files of the site or data; the JSON-LD is the only inline one.
  const scripts = await page
    .locator('head script')
    .evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('type'), node.getAttribute('src')]));
  expect(scripts.filter(([, src]) => src === null)).toEqual([['application/ld+json', null]]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('printed, a paper page is the paper: no navigation, no related list, black on white', async ({
  page,
}) => {
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await page.goto(`papers/${hostilePaper.id}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.cite pre')).toBeVisible();
  for (const hidden of ['.site-header nav', '.related', '.site-footer', '.paper-nav', '.skip-link']) {
    await expect(page.locator(hidden)).toBeHidden();
  }
  const colours = await page.evaluate(() => ({
    text: getComputedStyle(document.querySelector('h1') as Element).color,
    page: getComputedStyle(document.body).backgroundColor,
  }));
  expect(colours).toEqual({ text: 'rgb(0, 0, 0)', page: 'rgb(255, 255, 255)' });
  // An external link shows where it goes.
  const pdf = page.locator('.paper-links a', { hasText: 'PDF' });
  const after = await pdf.evaluate((link) => getComputedStyle(link, '::after').content);
  expect(after).toContain(record(hostilePaper.id).links.pdf);

  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.site-header nav')).toBeVisible();
  await expect(page.locator('.related')).toBeVisible();
});
