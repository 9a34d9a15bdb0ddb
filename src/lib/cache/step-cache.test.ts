import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeStepCache, openStepCache, pruneCodeHashes, stepCache } from './step-cache.ts';

let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'paperboy-step-cache-'));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

const HASH = 'a'.repeat(20);

describe('a step’s cache counts only once the step completed', () => {
  test('a completed run’s cache is what the next run starts from', () => {
    const cache = stepCache(cacheDir, HASH, 'astro');
    openStepCache(cache);
    writeFileSync(join(cache.work, 'manifest.json'), 'first');
    closeStepCache(cache);
    expect(existsSync(cache.work)).toBe(false);

    openStepCache(cache);
    expect(readFileSync(join(cache.work, 'manifest.json'), 'utf8')).toBe('first');
  });

  test('an interrupted run leaves nothing the next run reads: neither its writes nor the cache it started from', () => {
    const cache = stepCache(cacheDir, HASH, 'search');
    openStepCache(cache);
    writeFileSync(join(cache.work, 'records.json'), 'complete');
    closeStepCache(cache);

    openStepCache(cache);
    // Killed half-way: a page copy of changed code written, the manifest not yet.
    writeFileSync(join(cache.work, 'records.json'), 'half-written');
    openStepCache(cache);
    expect(readdirSync(cache.work)).toEqual([]);
  });

  test('a step that wrote nothing still completes', () => {
    const cache = stepCache(cacheDir, HASH, 'search');
    openStepCache(cache);
    rmSync(cache.work, { recursive: true });
    closeStepCache(cache);
    expect(readdirSync(cache.complete)).toEqual([]);
  });

  test('each code hash has caches of its own', () => {
    const one = stepCache(cacheDir, HASH, 'astro');
    const other = stepCache(cacheDir, 'b'.repeat(20), 'astro');
    openStepCache(one);
    writeFileSync(join(one.work, 'data-store.json'), 'old code');
    closeStepCache(one);
    openStepCache(other);
    expect(readdirSync(other.work)).toEqual([]);
  });
});

describe('pruneCodeHashes', () => {
  test('keeps the current hash and the three most recently used others', () => {
    const hashes = ['1', '2', '3', '4', '5', '6'].map((digit) => digit.repeat(20));
    hashes.forEach((hash, age) => {
      mkdirSync(join(cacheDir, hash, 'astro.complete'), { recursive: true });
      const used = new Date(Date.UTC(2026, 0, 1 + age));
      utimesSync(join(cacheDir, hash), used, used);
    });
    mkdirSync(join(cacheDir, 'not-a-hash'));
    pruneCodeHashes(cacheDir, hashes[0] as string);
    expect(readdirSync(cacheDir).sort()).toEqual(
      [hashes[0], hashes[3], hashes[4], hashes[5], 'not-a-hash'].sort(),
    );
  });
});
