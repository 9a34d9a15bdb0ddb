import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  ENVIRONMENT,
  loadSettings,
  readBasePath,
  readContentGlobs,
  readOutDir,
  readPositiveInteger,
  readSiteUrl,
} from './settings.ts';

describe('readPositiveInteger', () => {
  test.each([
    [undefined, 50],
    ['', 50],
    ['10', 10],
  ])('%j gives %j', (raw, expected) => {
    expect(readPositiveInteger({ FEED_LIMIT: raw }, 'FEED_LIMIT', 50)).toBe(expected);
  });

  test.each(['0', '-3', '2.5', 'x', '1e9x'])('%j is refused with the variable name', (raw) => {
    expect(() => readPositiveInteger({ FEED_LIMIT: raw }, 'FEED_LIMIT', 50)).toThrow(/FEED_LIMIT/);
  });
});

describe('readSiteUrl', () => {
  test('defaults to localhost outside GitHub Actions, and is required inside', () => {
    expect(readSiteUrl({})).toBe('http://localhost:4321');
    expect(() => readSiteUrl({ GITHUB_ACTIONS: 'true' })).toThrow(/SITE_URL/);
  });

  test('keeps only the origin: the base path has its own variable', () => {
    expect(readSiteUrl({ SITE_URL: 'https://user.github.io/' })).toBe('https://user.github.io');
    expect(readSiteUrl({ SITE_URL: 'https://user.github.io/repo' })).toBe('https://user.github.io');
  });

  test.each(['user.github.io', 'ftp://x.org'])('%j is refused', (raw) => {
    expect(() => readSiteUrl({ SITE_URL: raw })).toThrow(/SITE_URL/);
  });
});

describe('readBasePath', () => {
  test.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['paperboy', '/paperboy/'],
    ['/paperboy', '/paperboy/'],
    ['/paperboy/', '/paperboy/'],
    ['//a/b//', '/a/b/'],
  ])('%j gives %j', (raw, expected) => {
    expect(readBasePath({ BASE_PATH: raw })).toBe(expected);
  });

  test('a URL is refused', () => {
    expect(() => readBasePath({ BASE_PATH: 'https://x.org/p/' })).toThrow(/BASE_PATH/);
  });
});

describe('the README', () => {
  test('its configuration table lists every environment variable with its default and meaning', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'));
    const rows = section
      .slice(0, section.indexOf('\n## ', 1))
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const expected = ENVIRONMENT.map(
      (variable) =>
        `| \`${variable.name}\` | ${variable.default === '' ? '(unset)' : `\`${variable.default}\``} | ${variable.meaning} |`,
    );
    expect(rows).toEqual(expected);
  });
});

describe('readOutDir', () => {
  const root = '/work/project';
  test.each([
    [undefined, '/work/project/dist'],
    ['dist-root', '/work/project/dist-root'],
    ['/tmp/bench/dist', '/tmp/bench/dist'],
  ])('%j gives %j', (raw, expected) => {
    expect(readOutDir({ OUT_DIR: raw }, root)).toBe(expected);
  });

  test.each(['.', '..', '/work', 'src', 'content', './public', 'src/out'])(
    '%j is refused: astro build would empty it',
    (raw) => {
      expect(() => readOutDir({ OUT_DIR: raw }, root)).toThrow(/OUT_DIR/);
    },
  );
});

describe('readContentGlobs', () => {
  test('splits and trims a comma-separated list, defaulting to the committed papers', () => {
    expect(readContentGlobs({})).toEqual(['content/papers/**/*.md']);
    expect(readContentGlobs({ PAPERBOY_CONTENT: ' a/**/*.md , b/*.md,' })).toEqual(['a/**/*.md', 'b/*.md']);
  });

  test.each(['/abs/**/*.md', '../outside/*.md', 'content/papers/**'])('%j is refused', (raw) => {
    expect(() => readContentGlobs({ PAPERBOY_CONTENT: raw })).toThrow(/PAPERBOY_CONTENT/);
  });
});

test('settings are read on first use, so a bad value fails only what needs it', () => {
  const settings = loadSettings({ FEED_LIMIT: 'x' });
  expect(settings.topicPageSize).toBe(50);
  expect(() => settings.feedLimit).toThrow(/FEED_LIMIT/);
});

test('day pages hold 50 papers unless DAY_PAGE_SIZE says otherwise', () => {
  expect(loadSettings({}).dayPageSize).toBe(50);
  expect(loadSettings({ DAY_PAGE_SIZE: '7' }).dayPageSize).toBe(7);
  expect(() => loadSettings({ DAY_PAGE_SIZE: '0' }).dayPageSize).toThrow(/DAY_PAGE_SIZE/);
});
