import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, expect, test } from 'vitest';
import { anyChar, hostileText } from '../../../tests/arbitraries.ts';
import { unsafeMarkup } from '../../../tests/safe-html.ts';
import { xmlProblems } from '../../../tests/strict-xml.ts';
import { testSettings } from '../../../tests/test-settings.ts';
import type { PaperData } from '../model/paper.ts';
import type { Paper } from './digest.ts';
import { type FeedInput, feedDocument, feedResponse } from './feed.ts';
import { createPaperRenderer } from './render-paper.ts';

/**
 * Feeds built from generated hostile records (any Unicode in every text and link field, deep Markdown,
 * random TeX) are well-formed XML 1.0 to a strict parser (RSS and Atom) or JSON without a character
 * XML forbids (JSON Feed), and their HTML carries nothing executable.
 * Seed and run count as in src/lib/render/render.property.test.ts.
 */

const runs = { numRuns: testSettings.propertyRuns, seed: testSettings.propertySeed };
const timeout = 30_000 + testSettings.propertyRuns * 100;
const tally = { feeds: 0, items: 0, fallbacks: 0 };
afterAll(() => {
  console.info(
    `feed properties (seed ${testSettings.propertySeed}): ${tally.feeds} feeds of ${tally.items} items, all well-formed; ${tally.fallbacks} records warned and shown as plain text`,
  );
});

const shortText = fc.string({ unit: anyChar, minLength: 1, maxLength: 40 });
const url = shortText.map((path) => `https://example.org/${path}`);

const record: fc.Arbitrary<Paper> = fc
  .record({
    id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
    title: hostileText,
    abstract: hostileText,
    authors: fc.array(shortText, { maxLength: 4 }),
    summary: fc.option(shortText, { nil: undefined }),
    code: fc.option(url, { nil: undefined }),
    project: fc.option(url, { nil: undefined }),
    topics: fc.array(shortText, { maxLength: 3 }),
  })
  .map(({ id, title, abstract, authors, summary, code, project, topics }) => {
    const data = {
      id,
      title,
      day: '2026-07-28',
      authors,
      links: { abs: `https://arxiv.org/abs/${id}`, code, project },
      topics: [],
      excludedTopics: [],
      keywords: [],
      categories: [],
      source: 'jsonl',
      ...(summary === undefined ? {} : { summary }),
    } as unknown as PaperData;
    return { id, file: `content/papers/2026-07-28/${id}.md`, data, abstract, topics };
  });

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => name === 'item' || name === 'entry',
});

/** Characters outside XML 1.0's `Char` production; with the `u` flag only lone surrogate halves match. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Every string in a parsed JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

test(
  'feeds of hostile records are well-formed in every format, with safe HTML',
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(record, { selector: (paper) => paper.id, minLength: 1, maxLength: 3 }),
        async (papers) => {
          const renderer = createPaperRenderer(() => tally.fallbacks++);
          const input: FeedInput = {
            title: papers[0]?.data.title ?? 'Feed',
            description: papers[0]?.abstract ?? 'About',
            siteName: papers[0]?.data.authors[0] ?? 'Site',
            siteRoot: 'https://example.org/paperboy/',
            pageRoute: '',
            feedRoute: (format: string) => `feed.${format}`,
            papers,
            limit: 10,
            // Both bodies: the site feed's abstracts and the topic feeds' teasers.
            body: papers.length % 2 === 0 ? 'abstract' : 'teaser',
            topicName: (slug: string) => slug,
            renderer,
          };
          const [rss, atom, json] = await Promise.all(
            (['rss', 'atom', 'json'] as const).map(async (format) =>
              (await feedResponse(format, feedDocument(input))).text(),
            ),
          );
          tally.feeds += 3;
          expect(xmlProblems(rss as string)).toEqual([]);
          expect(xmlProblems(atom as string)).toEqual([]);
          const jsonFeed = JSON.parse(json as string);
          expect(strings(jsonFeed).filter((text) => NOT_XML_CHAR.test(text))).toEqual([]);

          const items = parser.parse(rss as string).rss.channel.item ?? [];
          const entries = parser.parse(atom as string).feed.entry ?? [];
          const jsonItems = jsonFeed.items;
          for (const list of [items, entries, jsonItems]) expect(list).toHaveLength(papers.length);
          for (const [index, item] of items.entries()) {
            tally.items += 3;
            const entry = entries[index];
            for (const html of [
              item['content:encoded'],
              entry.content?.['#text'],
              jsonItems[index].content_html,
            ])
              expect(unsafeMarkup(String(html ?? ''))).toEqual([]);
            // Text that readers decode once more as HTML: read as HTML it has no element at all.
            for (const text of [item.description, entry.title?.['#text'], entry.summary?.['#text']])
              expect(String(text ?? '')).not.toMatch(/<[a-z!/?]/i);
          }
        },
      ),
      runs,
    );
  },
  timeout,
);
