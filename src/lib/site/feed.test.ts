import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { xmlProblems } from '../../../tests/strict-xml.ts';
import { paperSchema } from '../model/paper.ts';
import { buildDigest, type Paper, type PaperEntry } from './digest.ts';
import {
  atomXml,
  type FeedInput,
  feedDocument,
  feedListings,
  feedResponse,
  jsonFeed,
  type MovedFeedInput,
  movedFeedDocument,
  rssOptions,
} from './feed.ts';
import { createPaperRenderer } from './render-paper.ts';

function entry(id: string, day: string, extra: Record<string, unknown> = {}): PaperEntry {
  return {
    id,
    data: paperSchema.parse({ id, title: `Paper <${id}>`, day, source: 'jsonl', ...extra }),
    body: `Abstract of ${id} with $x^2$, [a link](https://x.org/p) and <img src=x onerror=alert(1)> <script>alert(1)</script>.`,
  };
}

const vision = {
  id: 'vision',
  name: 'Vision',
  description: 'Images.',
  match: [{ phrases: ['image'], unless: [], matchCase: false, categories: [], weak: false }],
  fallback: false,
  formerIds: [],
};

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
  [vision],
  ({ data }) => data.topics,
);

function input(overrides: Partial<FeedInput> = {}): FeedInput {
  return {
    title: 'T',
    description: 'D',
    siteName: 'Site',
    siteRoot: 'https://u.github.io/paperboy/',
    pageRoute: 'topics/vision/',
    feedRoute: (format) => `topics/vision/feed-${format}`,
    papers: digest.papers,
    limit: 10,
    body: 'abstract',
    topicName: (slug) => `Topic ${slug}`,
    renderer: createPaperRenderer(),
    ...overrides,
  };
}

/** A digest of one record built past the schema, so the feeds cannot lean on what it refuses. */
function oneRecord(id: string, data: Record<string, unknown>, body: string, topics: string[] = []): Paper[] {
  const parsed = paperSchema.parse({ id, title: 'X', day: '2026-01-21', source: 'jsonl' });
  const taxonomy = topics.map((slug) => ({ ...vision, id: slug }));
  return buildDigest([{ id, data: { ...parsed, ...data }, body }], taxonomy, () => topics).papers;
}

describe('record text with a right-to-left override', () => {
  // FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE in plain text, a <bdi> in the HTML: a reader shows
  // the site's words and the other names beside it in their own order.
  const papers = oneRecord(
    '2601.00009',
    { title: 'Evil \u202eTitle', authors: ['Plain Name', 'Over \u202eRide'], summary: 'Short \u202eTL;DR' },
    'Abstract.',
  );
  const document = feedDocument(input({ papers }));

  test('is isolated in the titles, names and summary of every format; other text is left as it is', async () => {
    const [item] = document.items;
    expect(item?.title).toBe('\u2068Evil \u202eTitle\u2069');
    expect(item?.authors).toEqual(['Plain Name', '\u2068Over \u202eRide\u2069']);
    expect(item?.summary).toBe('\u2068Short \u202eTL;DR\u2069');
    expect(item?.contentHtml).toContain('Plain Name, <bdi>Over \u202eRide</bdi>');
    expect(item?.contentHtml).toContain('<strong>TL;DR:</strong> <bdi>Short \u202eTL;DR</bdi>');
    expect(jsonFeed(document).items[0]?.title).toBe('\u2068Evil \u202eTitle\u2069');
    const atom = atomParser.parse(atomXml(document)).feed.entry[0];
    expect(atom.title['#text']).toBe('\u2068Evil \u202eTitle\u2069');
    const rss = new XMLParser().parse(await getRssString(rssOptions(document))).rss.channel.item;
    expect(rss.title).toBe('\u2068Evil \u202eTitle\u2069');
  });

  test('a teaser feed isolates the teaser', () => {
    const [item] = feedDocument(input({ papers, body: 'teaser' })).items;
    expect(item?.contentHtml).toBe(
      '<p><bdi>Short \u202eTL;DR</bdi></p><p>Plain Name, <bdi>Over \u202eRide</bdi></p>',
    );
  });
});

async function parseRss(overrides: Partial<FeedInput> = {}) {
  const xml = await getRssString(rssOptions(feedDocument(input(overrides))));
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'item' || name === 'category',
  });
  return { xml, channel: parser.parse(xml).rss.channel };
}

const atomParser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['entry', 'link', 'author', 'category'].includes(name),
});

function parseAtom(overrides: Partial<FeedInput> = {}) {
  const xml = atomXml(feedDocument(input(overrides)));
  return { xml, feed: atomParser.parse(xml).feed };
}

describe('feedDocument', () => {
  test('item and feed links are absolute and keep the base path', () => {
    const document = feedDocument(input());
    expect(document.items.map((item) => item.url)).toEqual([
      'https://u.github.io/paperboy/papers/2601.00001/',
      'https://u.github.io/paperboy/papers/2601.00002/',
      'https://u.github.io/paperboy/papers/2601.00003/',
    ]);
    expect(document.homeUrl).toBe('https://u.github.io/paperboy/topics/vision/');
    expect(document.feedUrls).toEqual({
      rss: 'https://u.github.io/paperboy/topics/vision/feed-rss',
      atom: 'https://u.github.io/paperboy/topics/vision/feed-atom',
      json: 'https://u.github.io/paperboy/topics/vision/feed-json',
    });
  });

  test('ids are stable across hosts, dates are digest days, the limit caps items', () => {
    const a = feedDocument(input({ limit: 2 }));
    const b = feedDocument(input({ siteRoot: 'https://example.org/' }));
    expect(a.items.map((item) => item.id)).toEqual(['paperboy:2601.00001', 'paperboy:2601.00002']);
    expect(b.items[0]?.id).toBe('paperboy:2601.00001');
    expect(a.items[0]?.date.toISOString()).toBe('2026-01-21T00:00:00.000Z');
    expect(a.updated.toISOString()).toBe('2026-01-21T00:00:00.000Z');
    expect(a.items[0]?.topics).toEqual([{ slug: 'vision', name: 'Topic vision' }]);
    expect(a.items[0]?.authors).toEqual(['A <b>Author</b>', 'B & C']);
  });

  test('a feed without papers is dated at the epoch, not at build time', () => {
    expect(feedDocument(input({ papers: [] })).updated.toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });

  test('the summary is plain text: the TL;DR, else the abstract without its markup', () => {
    const [first, second] = feedDocument(input()).items;
    expect(first?.summary).toBe('TL;DR with <img src=x onerror=alert(1)> in it');
    expect(second?.summary).toContain('a link');
    expect(second?.summary).not.toContain('](');
    // Raw HTML in a record is text on the pages, and text here.
    expect(second?.summary).toContain('and <img src=x onerror=alert(1)> <script>');
  });

  test('content is sanitized HTML with the labelled links and escaped names', () => {
    const content = feedDocument(input()).items[0]?.contentHtml ?? '';
    expect(content).not.toMatch(/<script|<img/i);
    expect(content).toContain('<math');
    expect(content).toContain('<a href="https://github.com/a/b">Code</a>');
    expect(content).toContain('<a href="https://arxiv.org/abs/2601.00001">arXiv</a>');
    expect(content).toContain('A &lt;b&gt;Author&lt;/b&gt;, B &amp; C');
    expect(content).toContain('TL;DR with &lt;img');
  });

  test('a teaser feed gives the teaser and the authors, not the abstract or the links', () => {
    const [withSummary, without] = feedDocument(input({ body: 'teaser' })).items;
    expect(withSummary?.contentHtml).toBe(
      '<p>TL;DR with &lt;img src=x onerror=alert(1)&gt; in it</p><p>A &lt;b&gt;Author&lt;/b&gt;, B &amp; C</p>',
    );
    // Without a TL;DR, the abstract's opening as text: no formula rendering, no link.
    expect(without?.contentHtml).toMatch(/^<p>Abstract of 2601\.00002 with x\^2, a link and &lt;img/);
    expect(without?.contentHtml).not.toMatch(/<math|<a /);
  });
});

describe('RSS', () => {
  test('item links, channel link and self link', async () => {
    const { channel } = await parseRss({ feedRoute: (format) => `${format}.xml` });
    expect(channel.item.map((item: { link: string }) => item.link)).toEqual([
      'https://u.github.io/paperboy/papers/2601.00001/',
      'https://u.github.io/paperboy/papers/2601.00002/',
      'https://u.github.io/paperboy/papers/2601.00003/',
    ]);
    expect(channel['atom:link']['@_href']).toBe('https://u.github.io/paperboy/rss.xml');
    expect(channel['atom:link']['@_rel']).toBe('self');
    expect(channel['atom:link']['@_type']).toBe('application/rss+xml');
    expect(channel.link).toBe('https://u.github.io/paperboy/topics/vision/');
    expect(channel.language).toBe('en');
  });

  test('guid is the stable id, not a permalink', async () => {
    const guid = (await parseRss()).channel.item[0].guid;
    expect(guid['#text']).toBe('paperboy:2601.00001');
    expect(guid['@_isPermaLink']).toBe('false');
  });

  test('pubDate is the digest day, categories are topic names, the limit caps items', async () => {
    const { channel } = await parseRss({ limit: 2 });
    expect(channel.item).toHaveLength(2);
    expect(new Date(channel.item[0].pubDate).toISOString()).toBe('2026-01-21T00:00:00.000Z');
    expect(channel.item[0].category).toEqual(['Topic vision']);
  });

  test('titles are escaped text; content is the sanitized HTML', async () => {
    const { xml, channel } = await parseRss();
    expect(channel.item[0].title).toBe('Paper <2601.00001>');
    expect(xml).not.toContain('<2601.00001>');
    expect(channel.item[0]['content:encoded']).toContain('<p>A &lt;b&gt;Author&lt;/b&gt;, B &amp; C</p>');
    expect(channel.item[0]['content:encoded']).not.toMatch(/<script|<img/i);
  });

  test('descriptions stay text in a reader that treats them as HTML', async () => {
    const { channel } = await parseRss();
    // What a reader renders: the parsed (unescaped once) description, read as HTML.
    const [first, second] = channel.item.map((item: { description: string }) => item.description);
    expect(first).toBe('TL;DR with &lt;img src=x onerror=alert(1)&gt; in it');
    expect(second).not.toMatch(/<(img|script)/i);
  });
});

describe('Atom', () => {
  test('the feed has its id, title, updated, author, self and alternate links, in the Atom namespace', () => {
    const { xml, feed } = parseAtom();
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://u.github.io/paperboy/topics/vision/feed-atom');
    expect(feed.title).toBe('T');
    expect(feed.subtitle).toBe('D');
    expect(feed.updated).toBe('2026-01-21T00:00:00.000Z');
    expect(feed.author).toEqual([{ name: 'Site' }]);
    expect(feed.link).toEqual([
      { '@_rel': 'alternate', '@_href': 'https://u.github.io/paperboy/topics/vision/' },
      { '@_rel': 'self', '@_href': 'https://u.github.io/paperboy/topics/vision/feed-atom' },
    ]);
    expect(feed.generator).toBeUndefined();
  });

  test('each entry has its id, link, dates, authors in order, topics, and HTML title, summary and content', () => {
    const [first, second] = parseAtom().feed.entry;
    expect(first.id).toBe('paperboy:2601.00001');
    expect(first.link).toEqual([{ '@_href': 'https://u.github.io/paperboy/papers/2601.00001/' }]);
    expect(first.updated).toBe('2026-01-21T00:00:00.000Z');
    expect(first.published).toBe('2026-01-21T00:00:00.000Z');
    expect(first.author).toEqual([{ name: 'A <b>Author</b>' }, { name: 'B & C' }]);
    expect(first.category).toEqual([{ '@_term': 'vision', '@_label': 'Topic vision' }]);
    // `type="html"`: a reader decodes the text once more, so markup in a title stays text.
    expect(first.title).toEqual({ '#text': 'Paper &lt;2601.00001&gt;', '@_type': 'html' });
    expect(first.summary).toEqual({
      '#text': 'TL;DR with &lt;img src=x onerror=alert(1)&gt; in it',
      '@_type': 'html',
    });
    expect(first.content['@_type']).toBe('html');
    expect(first.content['#text']).toContain('<a href="https://github.com/a/b">Code</a>');
    expect(first.content['#text']).not.toMatch(/<script|<img/i);
    // No authors of its own: the feed's author stands in.
    expect(second.author).toBeUndefined();
  });

  test('strings that the XML writer under `feed` would mangle arrive as themselves', () => {
    const papers = oneRecord(
      'cdata',
      { title: 'Ends ]]> twice ]]>', authors: ['Q &amp; A', 'R & D'] },
      'A CDATA end ]]> and ]]> again, then <b>bold</b>.',
      ['qa'],
    );
    const { xml, feed } = parseAtom({
      title: 'Feed &amp; <feed>',
      papers,
      topicName: () => 'Q&A <beta> &amp;',
    });
    expect(xmlProblems(xml)).toEqual([]);
    expect(feed.title).toBe('Feed &amp; <feed>');
    const [item] = feed.entry;
    expect(item.author).toEqual([{ name: 'Q &amp; A' }, { name: 'R & D' }]);
    expect(item.title['#text']).toBe('Ends ]]&gt; twice ]]&gt;');
    // `]]&gt;` is `]]>` to an HTML reader.
    expect(item.content['#text']).toContain(
      'A CDATA end ]]&gt; and ]]&gt; again, then &#x3C;b>bold&#x3C;/b>.',
    );
    // `<` cannot be written in an attribute through `feed`: its look-alike stands in.
    expect(item.category).toEqual([{ '@_term': 'qa', '@_label': 'Q&A \uFF1Cbeta> &amp;' }]);
  });
});

describe('a teaser feed (a topic feed)', () => {
  test('Atom and JSON Feed give the teaser once, in the content; RSS keeps it as the description', async () => {
    const document = feedDocument(input({ body: 'teaser' }));
    for (const entry of atomParser.parse(atomXml(document)).feed.entry) {
      expect(entry).not.toHaveProperty('summary');
      expect(entry.content['#text']).toMatch(/^<p>/);
    }
    for (const item of jsonFeed(document).items) expect(item).not.toHaveProperty('summary');
    const rss = await getRssString(rssOptions(document));
    expect(new XMLParser().parse(rss).rss.channel.item[0].description).toBe(
      'TL;DR with &lt;img src=x onerror=alert(1)&gt; in it',
    );
  });

  test('a feed of abstracts keeps the summary beside the content in every format', () => {
    const document = feedDocument(input());
    expect(atomParser.parse(atomXml(document)).feed.entry[0].summary['#text']).toBe(
      'TL;DR with &lt;img src=x onerror=alert(1)&gt; in it',
    );
    expect(jsonFeed(document).items[0]?.summary).toBe('TL;DR with <img src=x onerror=alert(1)> in it');
  });
});

test('Atom carries no indentation between its tags, and the HTML in its CDATA sections as it is', () => {
  const papers = oneRecord('2601.00008', { title: 'T', summary: 'A  >\n   <b> spaced' }, 'Abstract.');
  const xml = atomXml(feedDocument(input({ papers })));
  expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(/>\s+</);
  expect(xml).toContain('A  &gt;\n   &lt;b&gt; spaced');
  expect(xmlProblems(xml)).toEqual([]);
});

describe('JSON Feed 1.1', () => {
  test('the feed carries version, title, URLs, language and authors', () => {
    const { items, ...feed } = jsonFeed(feedDocument(input()));
    expect(feed).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'T',
      home_page_url: 'https://u.github.io/paperboy/topics/vision/',
      feed_url: 'https://u.github.io/paperboy/topics/vision/feed-json',
      description: 'D',
      language: 'en',
      authors: [{ name: 'Site' }],
    });
    expect(items).toHaveLength(3);
  });

  test('items carry id, url, plain title and summary, HTML content, date, authors and tags', () => {
    const [first, second] = jsonFeed(feedDocument(input())).items;
    expect(first).toMatchObject({
      id: 'paperboy:2601.00001',
      url: 'https://u.github.io/paperboy/papers/2601.00001/',
      title: 'Paper <2601.00001>',
      summary: 'TL;DR with <img src=x onerror=alert(1)> in it',
      date_published: '2026-01-21T00:00:00.000Z',
      authors: [{ name: 'A <b>Author</b>' }, { name: 'B & C' }],
      tags: ['Topic vision'],
    });
    expect(first?.content_html).toContain('<a href="https://github.com/a/b">Code</a>');
    expect(first?.content_html).not.toMatch(/<script|<img/i);
    expect(second).not.toHaveProperty('authors');
    expect(second?.tags).toEqual([]);
  });
});

test('each format answers with its media type and its own document', async () => {
  const rss = await feedResponse('rss', feedDocument(input()));
  expect(rss.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8');
  expect(await rss.text()).toMatch(/^<\?xml[^>]*\?><rss /);
  const atom = await feedResponse('atom', feedDocument(input()));
  expect(atom.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
  expect(await atom.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  const json = await feedResponse('json', feedDocument(input()));
  expect(json.headers.get('Content-Type')).toBe('application/feed+json; charset=utf-8');
  expect(JSON.parse(await json.text()).version).toBe('https://jsonfeed.org/version/1.1');
});

test('characters XML 1.0 forbids never reach a feed of any format, wherever a record puts them', async () => {
  const bad = 'A\uFFFE B\uFFFF C\u0000 D\u0008 E\u001B F\uD800 G\uDFFF H';
  const papers = oneRecord(
    'forbidden',
    {
      title: `Title ${bad}`,
      authors: [`Author ${bad}`, '\uFFFE\u0000'],
      summary: `Summary ${bad}`,
      // Past the schema, which now refuses such links: the feed must not depend on it.
      links: { code: `https://github.com/a/b?q=${bad}` },
    },
    `Abstract ${bad} with $x^2$ and 😀.`,
    ['qa'],
  );
  const hostile = input({
    title: `Feed ${bad}`,
    description: `About ${bad}`,
    papers,
    topicName: () => `Topic ${bad}`,
  });
  const rss = await (await feedResponse('rss', feedDocument(hostile))).text();
  const atom = await (await feedResponse('atom', feedDocument(hostile))).text();
  for (const xml of [rss, atom]) {
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('A B C D E F G H');
    expect(xml).toContain('😀');
  }
  const json = await (await feedResponse('json', feedDocument(hostile))).text();
  expect(json).not.toMatch(/\\u0000|\\u0008|\\u001b|\\ud800|\\udfff|\uFFFE|\uFFFF/i);
  const [item] = JSON.parse(json).items;
  expect(item.title).toBe('Title A B C D E F G H');
  // The name made only of forbidden characters is gone, not left empty.
  expect(item.authors).toEqual([{ name: 'Author A B C D E F G H' }]);
});

test('the subscribe listing has the site feed, then each topic feed, then each custom feed, in every format', () => {
  const { site, topics, custom } = feedListings(
    { name: 'All', description: 'Every paper', papers: 3 },
    digest.topics,
    [{ id: 'reading-group', name: 'Reading group', description: 'Our papers', papers: 2 }],
  );
  expect(site.pageRoute).toBe('');
  expect(site.papers).toBe(3);
  expect(site.variants.map((variant) => [variant.label, variant.type, variant.route])).toEqual([
    ['RSS', 'application/rss+xml', 'rss.xml'],
    ['Atom', 'application/atom+xml', 'atom.xml'],
    ['JSON Feed', 'application/feed+json', 'feed.json'],
  ]);
  expect(topics.map(({ name, pageRoute, papers }) => ({ name, pageRoute, papers }))).toEqual([
    { name: 'Vision', pageRoute: 'topics/vision/', papers: 1 },
  ]);
  expect(topics[0]?.variants.map((variant) => variant.route)).toEqual([
    'topics/vision/rss.xml',
    'topics/vision/atom.xml',
    'topics/vision/feed.json',
  ]);
  expect(custom).toEqual([
    {
      name: 'Reading group',
      description: 'Our papers',
      papers: 2,
      pageRoute: 'feeds/reading-group/',
      variants: [
        {
          format: 'rss',
          file: 'rss.xml',
          type: 'application/rss+xml',
          label: 'RSS',
          route: 'feeds/reading-group/rss.xml',
        },
        {
          format: 'atom',
          file: 'atom.xml',
          type: 'application/atom+xml',
          label: 'Atom',
          route: 'feeds/reading-group/atom.xml',
        },
        {
          format: 'json',
          file: 'feed.json',
          type: 'application/feed+json',
          label: 'JSON Feed',
          route: 'feeds/reading-group/feed.json',
        },
      ],
    },
  ]);
});

describe('the feed at a former topic id', () => {
  const moved = (overrides: Partial<MovedFeedInput> = {}) =>
    movedFeedDocument({
      formerId: 'nlp',
      successor: { id: 'language', name: 'Language & speech' },
      siteName: 'Site',
      siteRoot: 'https://u.github.io/paperboy/',
      day: '2026-07-30',
      ...overrides,
    });
  const successorFeeds = [
    'https://u.github.io/paperboy/topics/language/rss.xml',
    'https://u.github.io/paperboy/topics/language/atom.xml',
    'https://u.github.io/paperboy/topics/language/feed.json',
  ];

  test('lives at the old feed URLs and follows the successor’s page', () => {
    const document = moved();
    expect(document.feedUrls).toEqual({
      rss: 'https://u.github.io/paperboy/topics/nlp/rss.xml',
      atom: 'https://u.github.io/paperboy/topics/nlp/atom.xml',
      json: 'https://u.github.io/paperboy/topics/nlp/feed.json',
    });
    expect(document.homeUrl).toBe('https://u.github.io/paperboy/topics/language/');
    expect(document.title).toBe('Site: nlp, now Language & speech');
    expect(document.updated.toISOString()).toBe('2026-07-30T00:00:00.000Z');
  });

  test('has one item: it links to the successor’s page and names its feed in every format', () => {
    const { items } = moved();
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item?.id).toBe('paperboy:topics/nlp/moved-to/language');
    expect(item?.url).toBe('https://u.github.io/paperboy/topics/language/');
    expect(item?.title).toBe('This feed has moved to Language & speech');
    expect(item?.summary).toBe(
      'The topic “nlp” is now Language & speech; this feed gets no new papers. Subscribe to its feed instead: ' +
        'RSS https://u.github.io/paperboy/topics/language/rss.xml, Atom https://u.github.io/paperboy/topics/language/atom.xml, ' +
        'JSON Feed https://u.github.io/paperboy/topics/language/feed.json.',
    );
    for (const url of successorFeeds) expect(item?.contentHtml).toContain(`<a href="${url}">${url}</a>`);
    expect(item?.contentHtml).toContain(
      '<a href="https://u.github.io/paperboy/topics/language/">Language &amp; speech</a>',
    );
    expect(item?.topics).toEqual([{ slug: 'language', name: 'Language & speech' }]);
  });

  test('is well-formed RSS 2.0 and Atom 1.0 and a JSON Feed 1.1, even with characters XML forbids in a name', async () => {
    const hostile = moved({ successor: { id: 'language', name: 'Lang\uFFFE & <speech>\u0000' } });
    const rss = await (await feedResponse('rss', hostile)).text();
    const atom = await (await feedResponse('atom', hostile)).text();
    for (const xml of [rss, atom]) {
      expect(xmlProblems(xml)).toEqual([]);
      for (const url of successorFeeds) expect(xml).toContain(url);
    }
    const channel = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' }).parse(rss)
      .rss.channel;
    expect(channel.item).toHaveLength(1);
    expect(channel.item[0].link).toBe('https://u.github.io/paperboy/topics/language/');
    expect(channel.item[0].title).toBe('This feed has moved to Lang & <speech>');
    expect(channel['atom:link']['@_href']).toBe('https://u.github.io/paperboy/topics/nlp/rss.xml');
    const entries = atomParser.parse(atom).feed.entry;
    expect(entries).toHaveLength(1);
    expect(entries[0].link).toEqual([{ '@_href': 'https://u.github.io/paperboy/topics/language/' }]);
    const json = JSON.parse(await (await feedResponse('json', hostile)).text());
    expect(json.feed_url).toBe('https://u.github.io/paperboy/topics/nlp/feed.json');
    expect(json.items.map((item: { url: string }) => item.url)).toEqual([
      'https://u.github.io/paperboy/topics/language/',
    ]);
    expect(json.items[0].title).toBe('This feed has moved to Lang & <speech>');
  });
});
