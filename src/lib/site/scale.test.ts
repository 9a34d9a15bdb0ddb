import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseFeedsFile } from '../model/feed-query.ts';
import type { PaperData } from '../model/paper.ts';
import { groupDaysByMonth } from './archive.ts';
import { compileCustomFeeds, selectCustomFeeds } from './custom-feeds.ts';
import { buildDigest, type PaperEntry } from './digest.ts';
import { feedDocument } from './feed.ts';
import { groupByMonth, groupByWeek, RANKING_SIZE } from './rankings.ts';
import { readFiling } from './read-taxonomy.ts';
import { createPaperRenderer } from './render-paper.ts';
import { topicsFor } from './topics.ts';

/**
 * Every per-paper computation of the build, on 100,000 papers: none may be quadratic in the number of
 * papers (issue 7). Not a timed test: a quadratic step would take hours here and time the test out.
 * Related papers have their own 100,000-paper test (related.test.ts).
 */

const COUNT = 100_000;
const PER_DAY = 50;
// The taxonomy and the learned model, as the build files papers.
const { taxonomy, compiled } = readFiling(new URL('../../../', import.meta.url).pathname);

/** The day `index` days before 2026-11-27. */
function dayBefore(index: number): string {
  return new Date(Date.UTC(2026, 10, 27) - index * 86_400_000).toISOString().slice(0, 10);
}

const WORDS = [
  'model',
  'protein',
  'language',
  'vision',
  'agent',
  'robot',
  'graph',
  'speech',
  'diffusion',
  'data',
];

function syntheticEntries(count: number): PaperEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const words = Array.from({ length: 40 }, (_, word) => WORDS[(index * 7 + word * 3) % WORDS.length]);
    const data = {
      id: `p${index}`,
      title: `Paper ${index} on ${words.slice(0, 4).join(' ')}`,
      day: dayBefore(Math.floor(index / PER_DAY)),
      authors: ['A. Author'],
      links: {},
      topics: [],
      excludedTopics: [],
      keywords: [words[1]],
      categories: [index % 3 === 0 ? 'cs.CL' : 'cs.CV'],
      upvotes: index % 97,
      source: 'hf',
    } as unknown as PaperData;
    return { id: data.id, data, body: words.join(' '), file: `content/papers/${data.day}/${data.id}.md` };
  });
}

describe(`the build's per-paper computations on ${COUNT.toLocaleString('en')} papers`, () => {
  test('digest with topic matching, neighbours, archive, rankings, feeds and custom feeds all finish', () => {
    expect(compiled.model).toBeDefined();
    const digest = buildDigest(syntheticEntries(COUNT), taxonomy, ({ data, abstract, file }) =>
      topicsFor({ ...data, abstract, file }, compiled),
    );
    expect(digest.papers).toHaveLength(COUNT);
    expect(digest.days).toHaveLength(COUNT / PER_DAY);
    expect(digest.topics.reduce((sum, topic) => sum + topic.papers.length, 0)).toBeGreaterThanOrEqual(COUNT);

    // Prev/next on every paper page and every day page.
    let linked = 0;
    for (const paper of digest.papers) {
      const { previous, next } = digest.paperNeighbours(paper.id);
      if (previous) linked += 1;
      if (next) linked += 1;
    }
    expect(linked).toBe(2 * (COUNT - COUNT / PER_DAY));
    const dayLinks = digest.days.map((day) => digest.dayNeighbours(day.day));
    expect(dayLinks.filter((links) => links.previous && links.next)).toHaveLength(COUNT / PER_DAY - 2);

    const months = groupDaysByMonth(digest.days);
    expect(months.reduce((sum, month) => sum + month.days.length, 0)).toBe(COUNT / PER_DAY);

    for (const periods of [groupByWeek(digest.papers), groupByMonth(digest.papers)]) {
      expect(periods.reduce((sum, period) => sum + period.total, 0)).toBe(COUNT);
      for (const period of periods) expect(period.papers.length).toBeLessThanOrEqual(RANKING_SIZE);
    }

    const renderer = createPaperRenderer();
    const feed = (papers: typeof digest.papers) =>
      feedDocument({
        title: 'Feed',
        description: 'Feed',
        siteName: 'Paperboy',
        siteRoot: 'https://example.org/',
        pageRoute: '',
        feedRoute: (format) => `feed.${format}`,
        papers,
        limit: 50,
        body: 'teaser',
        topicName: (slug: string) => slug,
        renderer,
      });
    expect(feed(digest.papers).items).toHaveLength(50);
    for (const { papers } of digest.topics)
      expect(feed(papers).items.length).toBe(Math.min(50, papers.length));

    // The committed custom feeds, and one of every kind of term, over every paper in one pass.
    const definitions = parseFeedsFile(
      `${readFileSync(new URL('../../../content/feeds.yaml', import.meta.url), 'utf8')}
- id: every-kind
  title: Every kind of term
  query:
    any: { keywords: [protein, graph], authors: [A. Author], categories: [cs] }
    all: { topics: [biology] }
    not: { categories: [cs.CV] }
`,
      'content/feeds.yaml',
    );
    const custom = selectCustomFeeds(compileCustomFeeds(definitions, taxonomy), digest.papers);
    expect(custom).toHaveLength(definitions.length);
    expect(custom.at(-1)?.papers.length).toBeGreaterThan(0);
  }, 120_000);
});
