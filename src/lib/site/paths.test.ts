import { describe, expect, test } from 'vitest';
import {
  absoluteUrl,
  ensureTrailingSlash,
  FEED_FORMATS,
  feedVariants,
  pathWithBase,
  routes,
  siteRoot,
} from './paths.ts';

describe('pathWithBase', () => {
  test.each([
    ['', '/', '/'],
    ['', '/paperboy/', '/paperboy/'],
    ['', '/paperboy', '/paperboy/'],
    ['days/', '/', '/days/'],
    ['days/', '/paperboy/', '/paperboy/days/'],
    ['/days/', '/paperboy/', '/paperboy/days/'],
    ['rss.xml', '/paperboy', '/paperboy/rss.xml'],
    ['pagefind/', 'paperboy/', '/paperboy/pagefind/'],
  ])('%j under %j is %j', (route, base, expected) => {
    expect(pathWithBase(route, base)).toBe(expected);
  });
});

describe('absoluteUrl and siteRoot', () => {
  test.each([
    [
      'papers/2601.11655/',
      'https://u.github.io',
      '/paperboy/',
      'https://u.github.io/paperboy/papers/2601.11655/',
    ],
    ['papers/x/', 'https://u.github.io/', '/', 'https://u.github.io/papers/x/'],
    // A site URL with a path of its own must not swallow the base (the @astrojs/rss trap).
    ['rss.xml', 'https://example.org/ignored', '/paperboy/', 'https://example.org/paperboy/rss.xml'],
  ])('%j on %j with base %j', (route, site, base, expected) => {
    expect(absoluteUrl(route, site, base)).toBe(expected);
  });

  test('site root keeps the base and a trailing slash', () => {
    expect(siteRoot('https://u.github.io', '/paperboy')).toBe('https://u.github.io/paperboy/');
  });
});

describe('routes', () => {
  test('first pages have no page number, later pages do', () => {
    expect(routes.topic('language-models')).toBe('topics/language-models/');
    expect(routes.topic('language-models', 1)).toBe('topics/language-models/');
    expect(routes.topic('language-models', 3)).toBe('topics/language-models/3/');
    expect(routes.days(2)).toBe('days/2/');
    expect(routes.day('2026-07-30', 1)).toBe('days/2026-07-30/');
    expect(routes.day('2026-07-30', 2)).toBe('days/2026-07-30/2/');
    expect(routes.customFeed('reading-group')).toBe('feeds/reading-group/');
    expect(routes.customFeed('reading-group', 2)).toBe('feeds/reading-group/2/');
  });

  test('a custom feed’s files sit beside its page', () => {
    expect(FEED_FORMATS.map((format) => routes.customFeedFile('reading-group', format))).toEqual([
      'feeds/reading-group/rss.xml',
      'feeds/reading-group/atom.xml',
      'feeds/reading-group/feed.json',
    ]);
  });

  test('every route is relative and ends in a slash or a file name', () => {
    for (const route of [
      routes.home(),
      routes.days(),
      routes.day('2026-07-30'),
      routes.paper('a.b'),
      routes.feed(),
      routes.customFeed('reading-group', 2),
    ]) {
      expect(route.startsWith('/')).toBe(false);
      expect(route === '' || route.endsWith('/') || route.endsWith('.xml')).toBe(true);
    }
  });

  test('paper ids are URL-encoded', () => {
    expect(routes.paper('hep-th_9901001')).toBe('papers/hep-th_9901001/');
    expect(routes.paper('a b')).toBe('papers/a%20b/');
  });

  test('ensureTrailingSlash', () => {
    expect(ensureTrailingSlash('/a')).toBe('/a/');
    expect(ensureTrailingSlash('/a/')).toBe('/a/');
  });
});

test('each feed has a file per format, beside the site root or in its topic folder', () => {
  expect([routes.feed(), routes.feed('rss'), routes.feed('atom'), routes.feed('json')]).toEqual([
    'rss.xml',
    'rss.xml',
    'atom.xml',
    'feed.json',
  ]);
  expect(FEED_FORMATS.map((format) => routes.topicFeed('vision', format))).toEqual([
    'topics/vision/rss.xml',
    'topics/vision/atom.xml',
    'topics/vision/feed.json',
  ]);
  expect(routes.topicFeed('vision')).toBe('topics/vision/rss.xml');
});

test('feed variants give each format its media type, label and route', () => {
  expect(feedVariants((format) => routes.topicFeed('vision', format))).toEqual([
    {
      format: 'rss',
      file: 'rss.xml',
      type: 'application/rss+xml',
      label: 'RSS',
      route: 'topics/vision/rss.xml',
    },
    {
      format: 'atom',
      file: 'atom.xml',
      type: 'application/atom+xml',
      label: 'Atom',
      route: 'topics/vision/atom.xml',
    },
    {
      format: 'json',
      file: 'feed.json',
      type: 'application/feed+json',
      label: 'JSON Feed',
      route: 'topics/vision/feed.json',
    },
  ]);
});
