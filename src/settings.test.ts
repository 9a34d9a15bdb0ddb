import { describe, expect, test } from 'vitest';
import { readBasePath, readPositiveInteger, readSiteUrl } from './settings.ts';

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
