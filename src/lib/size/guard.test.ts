import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatBytes, PAGES_LIMIT_BYTES, sizeVerdict } from './guard.ts';
import { pageTypeOf, siteFiles, sizeByType } from './page-types.ts';

/** A small built site: paper pages, a day page, a topic feed, the search index and an asset. */
const site = mkdtempSync(join(tmpdir(), 'paperboy-size-'));
const files: Record<string, number> = {
  'papers/2601.00001/index.html': 400,
  'papers/2601.00002/index.html': 300,
  'days/2026-01-21/index.html': 250,
  'days/2026-01-21/2/index.html': 50,
  'topics/vision/rss.xml': 120,
  'pagefind/fragment/en_1.pf_fragment': 90,
  'pagefind/2025-01-01_2025-06-30/index/en_2.pf_index': 60,
  '_astro/style.css': 30,
  'sitemap-0.xml': 10,
};
for (const [path, bytes] of Object.entries(files)) {
  mkdirSync(dirname(join(site, path)), { recursive: true });
  writeFileSync(join(site, path), 'x'.repeat(bytes));
}
afterAll(() => rmSync(site, { recursive: true, force: true }));
const types = sizeByType(siteFiles(site));
const total = Object.values(files).reduce((sum, bytes) => sum + bytes, 0);

describe('page types', () => {
  test.each([
    ['papers/2601.00001/index.html', 'paper pages'],
    ['papers/2601.00001/cite.bib', 'paper .bib files'],
    ['days/2026-01-21/3/index.html', 'day pages'],
    ['days/2026-01-21/email.html', 'e-mail pages'],
    ['days/2026-01-21/papers.bib', 'day .bib files'],
    ['days/2/index.html', 'archive pages'],
    ['topics/vision/2/index.html', 'topic pages'],
    ['topics/vision/feed.json', 'topic feeds'],
    ['weeks/2026-W04/index.html', 'week pages'],
    ['months/2026-01/index.html', 'month pages'],
    ['atom.xml', 'site feeds'],
    ['pagefind/shards.json', 'search index'],
    ['pagefind/pagefind.js', 'search UI (Pagefind)'],
    ['index.html', 'home'],
    ['search/index.html', 'other'],
  ])('%s is one of the %s', (path, type) => {
    expect(pageTypeOf(path)).toBe(type);
  });

  test('a built site is summed by page type, every file counted once', () => {
    expect(types.find((type) => type.type === 'paper pages')).toEqual({
      type: 'paper pages',
      files: 2,
      bytes: 700,
    });
    expect(types.find((type) => type.type === 'day pages')).toEqual({
      type: 'day pages',
      files: 2,
      bytes: 300,
    });
    expect(types.find((type) => type.type === 'search index')?.bytes).toBe(150);
    expect(types.reduce((sum, type) => sum + type.bytes, 0)).toBe(total);
  });
});

describe('sizeVerdict, with a fake limit', () => {
  test('well under the limit: the size and its share, nothing more', () => {
    const verdict = sizeVerdict(types, 2 * total);
    expect(verdict.level).toBe('ok');
    expect(verdict.message).toContain('50 %');
    expect(verdict.message).not.toContain('paper pages');
  });

  test('within 10 % of the limit: a warning naming the total and the three largest page types', () => {
    const verdict = sizeVerdict(types, Math.ceil(total / 0.95));
    expect(verdict.level).toBe('near');
    expect(verdict.totalBytes).toBe(total);
    expect(verdict.message).toMatch(/within 10 % of the limit/);
    expect(verdict.message).toContain(
      'Largest: paper pages 0.0 MB (2 files), day pages 0.0 MB (2 files), search index 0.0 MB (2 files)',
    );
  });

  test('over the limit: says so, with the same three page types', () => {
    const verdict = sizeVerdict(types, total - 1);
    expect(verdict.level).toBe('over');
    expect(verdict.message).toMatch(/over the limit/);
    expect(verdict.message).toMatch(/Largest: paper pages .*, day pages .*, search index /);
    // Exactly at the limit is still publishable, and warned about.
    expect(sizeVerdict(types, total).level).toBe('near');
  });

  test("GitHub Pages' limit is 1 GB, and sizes read in GB or MB", () => {
    expect(PAGES_LIMIT_BYTES).toBe(1e9);
    expect(formatBytes(1_234_000_000)).toBe('1.23 GB');
    expect(formatBytes(PAGES_LIMIT_BYTES)).toBe('1 GB');
    expect(formatBytes(52_700_000)).toBe('52.7 MB');
  });
});

describe('npm run check:size (the CLI) on the site above', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(import.meta.dirname, 'cli.ts'), ...args], {
      env: { ...process.env, OUT_DIR: site },
      encoding: 'utf8',
    });

  test('over a limit, --strict fails with the message; without it, the build only warns', () => {
    const strict = run('--strict', '--limit', String(total - 1));
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/error: the site is 0\.0 MB .* over the limit.*Largest: paper pages/);
    expect(run('--limit', String(total - 1)).status).toBe(0);
  });

  test('under the limit, --strict passes and says the size', () => {
    const ok = run('--strict');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("of GitHub Pages' 1 GB limit");
  });
});
