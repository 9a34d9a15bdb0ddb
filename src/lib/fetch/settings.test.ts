import { describe, expect, test } from 'vitest';
import { httpUrl, loadSettings } from '../../settings.ts';

/** The fetcher's settings (the module itself is shared: these cover only what the fetcher reads). */

const url = (name: string, fallback: string) => ({ name, fallback, env: {}, root: '/' });

describe('httpUrl', () => {
  test('the fallback when unset or empty, the value otherwise', () => {
    expect(httpUrl(undefined, url('PAPERBOY_HF_API', 'https://huggingface.co/api'))).toBe(
      'https://huggingface.co/api',
    );
    expect(httpUrl(' ', url('PAPERBOY_HF_API', 'https://x.org'))).toBe('https://x.org');
    expect(httpUrl('http://127.0.0.1:8080/api', url('PAPERBOY_HF_API', 'https://x.org'))).toBe(
      'http://127.0.0.1:8080/api',
    );
  });

  test.each(['huggingface.co/api', '/api', 'ftp://example.org/api', 'file:///etc/passwd'])(
    '%j is refused, naming the variable',
    (raw) => {
      expect(() => httpUrl(raw, url('PAPERBOY_ARXIV_API', 'https://x.org'))).toThrow(
        /^PAPERBOY_ARXIV_API must be an/,
      );
    },
  );
});

describe('loadSettings: the fetcher', () => {
  test('defaults: the public APIs, 30 s timeout, 2 s first backoff, 3 s between arXiv requests', () => {
    const settings = loadSettings({});
    expect(settings.hfApi).toBe('https://huggingface.co/api');
    expect(settings.arxivApi).toBe('https://export.arxiv.org/api/query');
    expect(settings.fetchTimeoutMs).toBe(30_000);
    expect(settings.fetchBackoffMs).toBe(2_000);
    expect(settings.arxivDelayMs).toBe(3_000);
    expect(settings.githubRepository).toBeUndefined();
  });

  test('each is read from its variable and checked when first used', () => {
    const settings = loadSettings({
      PAPERBOY_ARXIV_DELAY_MS: '50',
      PAPERBOY_FETCH_TIMEOUT_MS: 'soon',
      GITHUB_REPOSITORY: 'octo/papers',
    });
    expect(settings.arxivDelayMs).toBe(50);
    expect(settings.githubRepository).toBe('octo/papers');
    expect(() => settings.fetchTimeoutMs).toThrow(
      /PAPERBOY_FETCH_TIMEOUT_MS must be a positive whole number/,
    );
  });
});
