import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseBenchArgs } from './args.ts';
import { resolveSitePath } from './browser.ts';
import { dayOfFile } from './import-days.ts';
import {
  changedPaths,
  countRenderedPages,
  fileBytes,
  fileDigests,
  median,
  parseAstroPhases,
  parseDuration,
  parsePagefindLog,
  parseShardLog,
  parseTimeReport,
} from './measure.ts';
import { dailyTable, ratio } from './table.ts';

describe('measure', () => {
  test('reads /usr/bin/time -v and the Pagefind integration log', () => {
    const report = '\tMaximum resident set size (kbytes): 3178496\n\tExit status: 0\n';
    expect(parseTimeReport(report)).toEqual({ maxRssKiB: 3_178_496, exitStatus: 0 });
    expect(parsePagefindLog('12:00:01 [paperboy:pagefind] indexed 10098 pages in 41234 ms')).toEqual({
      pages: 10_098,
      ms: 41_234,
    });
    expect(parsePagefindLog('no such line')).toBeUndefined();
    expect(
      parseShardLog('[paperboy:pagefind] 7 shards (6 unchanged since the last build, copied): 2026-11-01…'),
    ).toEqual({ shards: 7, reused: 6 });
    expect(parseShardLog('[paperboy:pagefind] indexed 5 pages in 3 ms')).toBeUndefined();
  });

  test('counts the pages an incremental build rendered and copied', () => {
    const log = [
      ' generating static routes ',
      '20:21:50   ├─ /404.html (+42ms) ',
      '20:21:51   ├─ /days/2026-11-27/email.html (restored)',
      '20:21:51   └─ /papers/2608.00950/cite.bib (restored)',
      '20:21:52   ├─ /papers/2608.00951/index.html (+5ms) ',
      '20:22:28 ✓ Completed in 43.88s.',
    ].join('\n');
    expect(countRenderedPages(log)).toEqual({ rendered: 2, restored: 2 });
    const coloured = [
      '\u001b[2m20:21:51\u001b[22m   \u001b[32m├─\u001b[39m \u001b[2m/papers/2608.00950/cite.bib\u001b[22m \u001b[32m(restored)\u001b[39m',
      '\u001b[2m20:21:52\u001b[22m   \u001b[34m└─\u001b[39m \u001b[2m/papers/2608.00951/index.html\u001b[22m \u001b[2m(+5ms)\u001b[22m',
    ].join('\n');
    expect(countRenderedPages(coloured)).toEqual({ rendered: 1, restored: 1 });
  });

  test.each([
    ['312ms', 0.312],
    ['14.57s', 14.57],
    ['1m 39s', 99],
    ['soon', Number.NaN],
  ])('reads the duration %s as %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  test('reads the phases of an astro build log', () => {
    const log = [
      '14:33:46 [types] Generated 14.57s',
      '14:33:46 [build] ✓ Completed in 14.79s.',
      '\u001b[2m14:35:25\u001b[22m \u001b[34m[vite]\u001b[39m \u001b[32m✓ built in 1m 39s\u001b[39m',
      '14:35:26 [vite] ✓ built in 61ms',
      '14:37:06 ✓ Completed in 1m 35s.',
      '14:37:09 [build] ✓ Completed in 3m 23s.',
    ].join('\n');
    expect(parseAstroPhases(log)).toEqual({ syncS: 14.57, bundleS: 99, renderS: 95 });
  });

  test.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2],
  ])('median of %j is %i', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  test('counts file bytes, not blocks, and serves dir/ as dir/index.html under the base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-measure-test-'));
    try {
      mkdirSync(join(dir, 'papers/x'), { recursive: true });
      writeFileSync(join(dir, 'papers/x/index.html'), 'abc');
      writeFileSync(join(dir, 'a.pf_meta'), '12345');
      expect(fileBytes(dir)).toBe(8);
      expect(fileBytes(dir, (name) => name.endsWith('.pf_meta'))).toBe(5);
      expect(resolveSitePath(dir, '/paperboy/', '/paperboy/papers/x/')).toBe(
        join(dir, 'papers/x/index.html'),
      );
      expect(resolveSitePath(dir, '/paperboy/', '/papers/x/')).toBeUndefined();
      expect(resolveSitePath(dir, '/paperboy/', '/paperboy/../../etc/passwd')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('files that truly changed between two builds: different bytes, added or gone, not touched alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-digests-'));
  try {
    const write = (files: Record<string, string>) => {
      rmSync(dir, { recursive: true, force: true });
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      return fileDigests(dir, (path) => !path.startsWith('pagefind/'));
    };
    const before = write({ 'a/index.html': 'A', 'b/index.html': 'B', 'gone.xml': 'G', 'pagefind/x': '1' });
    expect([...before.keys()].sort()).toEqual(['a/index.html', 'b/index.html', 'gone.xml']);
    // Rewritten with the same bytes: not a change.
    const after = write({ 'a/index.html': 'A', 'b/index.html': 'B2', 'new.xml': 'N', 'pagefind/x': '2' });
    expect(changedPaths(before, after)).toEqual(['b/index.html', 'gone.xml', 'new.xml']);
    expect(changedPaths(before, before)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('arguments and ratios', () => {
  test('sizes are sorted multiples of the papers a day', () => {
    const parsed = parseBenchArgs(['--papers', '10000,1000', '--no-hugo']);
    expect(parsed.ok && parsed.options).toMatchObject({
      papers: [1000, 10_000],
      perDay: 50,
      hugo: false,
      daily: true,
    });
    const noDaily = parseBenchArgs(['--no-daily']);
    expect(noDaily.ok && noDaily.options.daily).toBe(false);
    expect(parseBenchArgs(['--papers', '1010']).ok).toBe(false);
    expect(parseBenchArgs(['--per-day', '0']).ok).toBe(false);
  });

  test('generated days may not reach back before Hugging Face daily papers began', () => {
    // 100,000 papers at 50 a day are 2,000 days back from 2026-11-27, to 2021.
    const tooFew = parseBenchArgs(['--papers', '100000', '--per-day', '50']);
    expect(tooFew.ok).toBe(false);
    expect(!tooFew.ok && tooFew.message).toMatch(/before 2023-05-04 .*use --per-day 77 or more/);
    expect(parseBenchArgs(['--papers', '100000', '--per-day', '125']).ok).toBe(true);
    // The first day itself is allowed: 1,304 days from 2023-05-04 through 2026-11-27.
    expect(parseBenchArgs(['--papers', '1304', '--per-day', '1']).ok).toBe(true);
    expect(parseBenchArgs(['--papers', '1305', '--per-day', '1']).ok).toBe(false);
  });

  test('--real names a folder of day files, and then no sizes', () => {
    const real = parseBenchArgs(['--real', '../shared/data/hf-days', '--no-hugo']);
    expect(real.ok && real.options.real).toBe('../shared/data/hf-days');
    expect(parseBenchArgs([]).ok && (parseBenchArgs([]) as { options: { real?: string } }).options.real).toBe(
      undefined,
    );
    expect(parseBenchArgs(['--real', 'days', '--papers', '1000']).ok).toBe(false);
    expect(parseBenchArgs(['--real', 'days', '--papers=1000']).ok).toBe(false);
  });

  test('day files are named for their day', () => {
    expect(dayOfFile('/data/hf-days/2024-06-03.json')).toBe('2024-06-03');
    expect(dayOfFile('2024-06-03.jsonl')).toBeUndefined();
    expect(dayOfFile('notes.json')).toBeUndefined();
  });

  test.each([
    [214, 49.6, '4.3×'],
    [214, 12.8, '17×'],
    [0.77, 1, '0.77×'],
    [1, 0, '—'],
    [Number.NaN, 1, '—'],
  ])('%d ÷ %d is %s', (a, b, expected) => {
    expect(ratio(a, b)).toBe(expected);
  });
});

test("the daily table puts Paperboy's rebuild beside the floor's, and its pages rendered beside those that changed", () => {
  const common = { papers: 10_000, restored: 0 };
  const rows = dailyTable(
    [
      {
        ...common,
        site: 'Paperboy',
        buildS: 30,
        indexS: 6,
        rendered: 120,
        changed: 100,
        shards: 5,
        shardsReused: 4,
      },
      { ...common, site: 'bare Astro', buildS: 20, indexS: 10, rendered: 53, changed: 53 },
    ],
    'one new 50-paper day',
  ).split('\n');
  expect(rows[0]).toContain('rebuild with one new 50-paper day');
  expect(rows[2]).toBe('| 10000 | Paperboy | 30.0 | 6.0 | 36.0 | 1.2× | 120 / 0 | 100 | 1.2× | 1 / 4 |');
  expect(rows[3]).toBe(
    '| 10000 | bare Astro | 20.0 | 10.0 | 30.0 | — | 53 / 0 | 53 | 1.0× | all (one index) |',
  );
});
