import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { xmlProblems } from '../../../tests/strict-xml.ts';
import { paperSchema } from '../model/paper.ts';
import { buildDigest, type PaperEntry } from './digest.ts';
import { feedOptions } from './feed.ts';

function entry(id: string, day: string, extra: Record<string, unknown> = {}): PaperEntry {
  return {
    id,
    data: paperSchema.parse({ id, title: `Paper <${id}>`, day, source: 'jsonl', ...extra }),
    body: `Abstract of ${id} with $x^2$, [a link](https://x.org/p) and <img src=x onerror=alert(1)> <script>alert(1)</script>.`,
  };
}

const digest = buildDigest(
  [
    entry('2601.00001', '2026-01-21', {
      links: { code: 'https://github.com/a/b', abs: 'https://arxiv.org/abs/2601.00001' },
      topics: ['vision'],
      authors: ['A <b>Author</b>', 'B & C'],
      summary: 'TL;DR with <img src=x onerror=alert(1)> in it',
    }),
    entry('2601.00002', '2026-01-20'),
    entry('2601.00003', '2026-01-19'),
  ],
  [
    {
      id: 'vision',
      name: 'Vision',
      description: 'Images.',
      match: { phrases: ['image'], categories: [] },
      fallback: false,
    },
  ],
  ({ data }) => data.topics,
);

async function parseFeed(siteRoot: string, limit = 10) {
  const xml = await getRssString(
    feedOptions({
      title: 'T',
      description: 'D',
      siteRoot,
      pageRoute: 'topics/vision/',
      selfRoute: 'rss.xml',
      papers: digest.papers,
      limit,
      topicName: (slug) => `Topic ${slug}`,
    }),
  );
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'item' || name === 'category',
  });
  return { xml, channel: parser.parse(xml).rss.channel };
}

describe('feedOptions', () => {
  test('item links are absolute and keep the base path', async () => {
    const { channel } = await parseFeed('https://u.github.io/paperboy/');
    expect(channel.item.map((item: { link: string }) => item.link)).toEqual([
      'https://u.github.io/paperboy/papers/2601.00001/',
      'https://u.github.io/paperboy/papers/2601.00002/',
      'https://u.github.io/paperboy/papers/2601.00003/',
    ]);
    expect(channel['atom:link']['@_href']).toBe('https://u.github.io/paperboy/rss.xml');
    expect(channel['atom:link']['@_rel']).toBe('self');
    expect(channel.link).toBe('https://u.github.io/paperboy/topics/vision/');
  });

  test('guid is stable across hosts and not a permalink', async () => {
    const a = (await parseFeed('https://u.github.io/paperboy/')).channel.item[0].guid;
    const b = (await parseFeed('https://example.org/')).channel.item[0].guid;
    expect(a).toEqual(b);
    expect(a['#text']).toBe('paperboy:2601.00001');
    expect(a['@_isPermaLink']).toBe('false');
  });

  test('pubDate is the digest day, categories are topic names, the limit caps items', async () => {
    const { channel } = await parseFeed('https://example.org/', 2);
    expect(channel.item).toHaveLength(2);
    expect(new Date(channel.item[0].pubDate).toISOString()).toBe('2026-01-21T00:00:00.000Z');
    expect(channel.item[0].category).toEqual(['Topic vision']);
  });

  test('content is sanitized HTML with the labelled links, titles are escaped text', async () => {
    const { xml, channel } = await parseFeed('https://example.org/');
    const content: string = channel.item[0]['content:encoded'];
    expect(content).not.toMatch(/<script|<img/i);
    expect(content).toContain('<math');
    expect(content).toContain('<a href="https://github.com/a/b">Code</a>');
    expect(content).toContain('<a href="https://arxiv.org/abs/2601.00001">arXiv</a>');
    expect(content).toContain('<bdi>A &lt;b&gt;Author&lt;/b&gt;</bdi>, <bdi>B &amp; C</bdi>');
    expect(content).toContain('TL;DR with &lt;img');
    expect(channel.item[0].title).toBe('Paper <2601.00001>');
    expect(xml).not.toContain('<2601.00001>');
  });
});

test('descriptions stay text in a reader that treats them as HTML', async () => {
  const { channel } = await parseFeed('https://example.org/');
  // What a reader renders: the parsed (unescaped once) description, read as HTML.
  const [first, second] = channel.item.map((item: { description: string }) => item.description);
  expect(first).toBe('TL;DR with &lt;img src=x onerror=alert(1)&gt; in it');
  expect(second).not.toMatch(/<(img|script)/i);
  expect(second).toContain('a link');
  expect(second).not.toContain('](');
});

test('characters XML 1.0 forbids never reach a feed, wherever a record puts them', async () => {
  const bad = 'A\uFFFE B\uFFFF C\u0000 D\u0008 E\u001B F\uD800 G\uDFFF H';
  const record = buildDigest(
    [
      {
        id: 'x',
        // Past the schema, which now refuses such links: the feed must not depend on it.
        data: {
          ...paperSchema.parse({
            id: 'x',
            title: `Title ${bad}`,
            day: '2026-01-21',
            source: 'jsonl',
            authors: [`Author ${bad}`],
            summary: `Summary ${bad}`,
          }),
          links: { code: `https://github.com/a/b?q=${bad}` },
        },
        body: `Abstract ${bad} with $x^2$ and 😀.`,
      },
    ],
    [],
    () => [],
  );
  const xml = await getRssString(
    feedOptions({
      title: `Feed ${bad}`,
      description: `About ${bad}`,
      siteRoot: 'https://example.org/',
      pageRoute: '',
      selfRoute: 'rss.xml',
      papers: record.papers,
      limit: 10,
      topicName: (slug) => slug,
    }),
  );
  expect(xmlProblems(xml)).toEqual([]);
  expect(xml).toContain('A B C D E F G H');
  expect(xml).toContain('😀');
});
