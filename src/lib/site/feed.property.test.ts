import { getRssString } from '@astrojs/rss';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, expect, test } from 'vitest';
import { anyChar, hostileText } from '../../../tests/arbitraries.ts';
import { unsafeMarkup } from '../../../tests/safe-html.ts';
import { xmlProblems } from '../../../tests/strict-xml.ts';
import { settings } from '../../settings.ts';
import type { PaperData } from '../model/paper.ts';
import type { Paper } from './digest.ts';
import { feedOptions } from './feed.ts';
import { createPaperRenderer } from './render-paper.ts';

/**
 * Feeds built from generated hostile records (any Unicode in every text and link field, deep Markdown,
 * random TeX) are well-formed XML 1.0 to a strict parser, and their HTML carries nothing executable.
 * Seed and run count as in src/lib/render/render.property.test.ts.
 */

const runs = { numRuns: settings.propertyRuns, seed: settings.propertySeed };
const timeout = 30_000 + settings.propertyRuns * 100;
const tally = { feeds: 0, items: 0, fallbacks: 0 };
afterAll(() => {
  console.info(
    `feed properties (seed ${settings.propertySeed}): ${tally.feeds} feeds of ${tally.items} items, all well-formed; ${tally.fallbacks} records warned and shown as plain text`,
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
      keywords: [],
      categories: [],
      source: 'jsonl',
      ...(summary === undefined ? {} : { summary }),
    } as unknown as PaperData;
    return { id, file: `content/papers/2026-07-28/${id}.md`, data, abstract, topics };
  });

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' });

test(
  'feeds of hostile records are well-formed XML 1.0 with safe HTML',
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(record, { selector: (paper) => paper.id, minLength: 1, maxLength: 3 }),
        async (papers) => {
          const renderer = createPaperRenderer(() => tally.fallbacks++);
          const xml = await getRssString(
            feedOptions({
              title: papers[0]?.data.title ?? 'Feed',
              description: papers[0]?.abstract ?? 'About',
              siteRoot: 'https://example.org/paperboy/',
              pageRoute: '',
              selfRoute: 'rss.xml',
              papers,
              limit: 10,
              topicName: (slug) => slug,
              renderer,
            }),
          );
          tally.feeds++;
          expect(xmlProblems(xml)).toEqual([]);
          const items = parser.parse(xml).rss.channel.item ?? [];
          expect(items).toHaveLength(papers.length);
          for (const item of items) {
            tally.items++;
            expect(unsafeMarkup(String(item['content:encoded'] ?? ''))).toEqual([]);
            // The description is text, escaped once more: read as HTML it has no element at all.
            expect(String(item.description ?? '')).not.toMatch(/<[a-z!/?]/i);
          }
        },
      ),
      runs,
    );
  },
  timeout,
);
