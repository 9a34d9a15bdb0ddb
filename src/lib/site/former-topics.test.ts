import { readFileSync } from 'node:fs';
import { type ConfigData, HtmlValidate, StaticConfigLoader } from 'html-validate';
import { describe, expect, test } from 'vitest';
import { type TopicData, topicSchema } from '../model/topic.ts';
import {
  type FormerTopicPage,
  formerTopicPageHtml,
  formerTopicPages,
  formerTopicRoutes,
  formerTopics,
  sitemapFilter,
} from './former-topics.ts';

function topic(id: string, name: string, formerIds: { id: string; pages: number }[] = []): TopicData {
  return topicSchema.parse({ id, name, description: 'D.', match: [{ phrases: [id] }], formerIds });
}

const language = topic('language', 'Language & speech', [
  { id: 'nlp', pages: 3 },
  { id: 'translation', pages: 1 },
]);
const vision = topic('vision', 'Vision', [{ id: 'cv', pages: 2 }]);
const taxonomy = [topic('biology', 'Biology'), language, vision];

describe('formerTopics', () => {
  test('lists every former id with its successor, in taxonomy order', () => {
    expect(formerTopics(taxonomy).map(({ id, pages, successor }) => [id, pages, successor.id])).toEqual([
      ['nlp', 3, 'language'],
      ['translation', 1, 'language'],
      ['cv', 2, 'vision'],
    ]);
  });

  test('is empty for a taxonomy without former ids', () => {
    expect(formerTopics([topic('biology', 'Biology')])).toEqual([]);
  });
});

describe('formerTopicPages', () => {
  test('gives every page number a former id had, each leading to the same page of its successor, or its last', () => {
    const lastPages: Record<string, number> = { language: 2, vision: 5 };
    const pages = formerTopicPages(formerTopics(taxonomy), (id) => lastPages[id] ?? 0);
    expect(pages.map((page) => [page.formerId, page.page, page.successor.id, page.successorPage])).toEqual([
      ['nlp', 1, 'language', 1],
      ['nlp', 2, 'language', 2],
      ['nlp', 3, 'language', 2],
      ['translation', 1, 'language', 1],
      ['cv', 1, 'vision', 1],
      ['cv', 2, 'vision', 2],
    ]);
  });
});

test('formerTopicRoutes are the old pages’ routes, page 1 without a number', () => {
  expect(formerTopicRoutes(formerTopics(taxonomy))).toEqual([
    'topics/nlp/',
    'topics/nlp/2/',
    'topics/nlp/3/',
    'topics/translation/',
    'topics/cv/',
    'topics/cv/2/',
  ]);
});

describe('sitemapFilter', () => {
  const keep = sitemapFilter(formerTopics(taxonomy), 'https://u.github.io/paperboy/');

  test.each([
    'https://u.github.io/paperboy/topics/nlp/',
    'https://u.github.io/paperboy/topics/nlp/3/',
    'https://u.github.io/paperboy/topics/translation/',
    'https://u.github.io/paperboy/topics/cv/2/',
  ])('leaves out %s', (page) => {
    expect(keep(page)).toBe(false);
  });

  test.each([
    'https://u.github.io/paperboy/',
    'https://u.github.io/paperboy/topics/',
    'https://u.github.io/paperboy/topics/language/',
    'https://u.github.io/paperboy/topics/language/2/',
    // Pages the former ids never had, and the same paths outside the base, are not theirs.
    'https://u.github.io/paperboy/topics/nlp/4/',
    'https://u.github.io/topics/nlp/',
    'https://u.github.io/paperboy/papers/nlp/',
  ])('keeps %s', (page) => {
    expect(keep(page)).toBe(true);
  });
});

describe('formerTopicPageHtml', () => {
  const page: FormerTopicPage = { formerId: 'nlp', page: 3, successor: language, successorPage: 2 };
  const target = 'https://u.github.io/paperboy/topics/language/2/';
  const html = formerTopicPageHtml(page, target);

  test('refreshes at once to the successor’s page, names it canonical, links to it, and is noindex', () => {
    expect(html).toContain(
      '<meta http-equiv="refresh" content="0; url=https://u.github.io/paperboy/topics/language/2/">',
    );
    expect(html).toContain('<link rel="canonical" href="https://u.github.io/paperboy/topics/language/2/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain(
      '<p>Page 3 of the topic “nlp” is now <a href="https://u.github.io/paperboy/topics/language/2/">Language &amp; speech, page 2</a>.</p>',
    );
    expect(html).toContain('<title>Moved to Language &amp; speech</title>');
  });

  test('names the topic, not a page, for page 1', () => {
    const first = formerTopicPageHtml(
      { ...page, page: 1, successorPage: 1 },
      'https://u.github.io/paperboy/topics/language/',
    );
    expect(first).toContain(
      '<p>The topic “nlp” is now <a href="https://u.github.io/paperboy/topics/language/">Language &amp; speech</a>.</p>',
    );
  });

  test('loads nothing: no stylesheet, script, image or frame', () => {
    expect(html).not.toMatch(/<(?:link rel="stylesheet"|script|img|iframe|style)/i);
  });

  test('is valid HTML under the site’s html-validate rules', async () => {
    const config = JSON.parse(
      readFileSync(new URL('../../../.htmlvalidate.json', import.meta.url), 'utf8'),
    ) as ConfigData;
    const report = await new HtmlValidate(new StaticConfigLoader(config)).validateString(html);
    expect(report.results.flatMap((result) => result.messages.map((message) => message.message))).toEqual([]);
  });

  test('escapes what a topic name or URL could break the markup with', () => {
    const hostile = formerTopicPageHtml(
      { ...page, successor: { ...language, name: '"><script>alert(1)</script>' } },
      'https://u.github.io/paperboy/topics/language/2/?a="b"&c=<d>',
    );
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain(
      'url=https://u.github.io/paperboy/topics/language/2/?a=&quot;b&quot;&amp;c=&lt;d&gt;"',
    );
  });

  test('stays within 1 KB with a name of any length, in four-byte characters, and a long site address', () => {
    const longTarget = `https://research-group-of-a-university.github.io/paperboy-daily-digest/topics/${'a'.repeat(50)}/9999/`;
    const big = formerTopicPageHtml(
      {
        formerId: 'b'.repeat(50),
        page: 9999,
        successor: { ...language, name: '𝔏'.repeat(500) },
        successorPage: 9999,
      },
      longTarget,
    );
    expect(longTarget.length).toBeGreaterThanOrEqual(130);
    expect(Buffer.byteLength(big, 'utf8')).toBeLessThanOrEqual(1024);
    // The name is shortened to 24 four-byte characters and an ellipsis (100 bytes), not dropped.
    expect(big).toContain(`>${'𝔏'.repeat(24)}…, page 9999</a>`);
  });

  test('shows a name of usual length whole', () => {
    const name = 'Reinforcement learning, reward models & post-training for reasoning';
    expect(formerTopicPageHtml({ ...page, successor: { ...language, name } }, target)).toContain(
      '>Reinforcement learning, reward models &amp; post-training for reasoning, page 2</a>',
    );
  });
});
