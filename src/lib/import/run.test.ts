import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fixture, snapshotDir, tempContentDir } from '../../../tests/helpers.ts';
import { importFiles } from './run.ts';

let dir: string;
let inputs: string;
let cleanups: (() => Promise<void>)[] = [];
beforeEach(async () => {
  const content = await tempContentDir();
  const sources = await tempContentDir();
  dir = content.dir;
  inputs = sources.dir;
  cleanups = [content.cleanup, sources.cleanup];
});
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

async function writeJson(name: string, value: unknown): Promise<string> {
  const path = join(inputs, name);
  await writeFile(path, JSON.stringify(value));
  return path;
}

function hfItem(id: string, day: string, upvotes: number, extra: Record<string, unknown> = {}) {
  return {
    paper: {
      id,
      title: `Paper ${id}`,
      summary: `Abstract of ${id}.`,
      authors: [{ name: 'A' }, { name: 'B', hidden: true }],
      publishedAt: '2026-01-20T17:00:00.000Z',
      submittedOnDailyAt: `${day}T08:00:00.000Z`,
      upvotes,
      ...extra,
    },
  };
}

describe('importFiles', () => {
  test('a second run of the same files changes nothing: 0 new, 0 updated, every file byte-identical', async () => {
    const files = [
      fixture('hf-current.json'),
      fixture('hf-old-shape.json'),
      fixture('arxiv-legacy.atom.xml'),
      fixture('arxiv-current.atom.xml'),
      fixture('papers.jsonl'),
    ];
    const first = await importFiles(files, { format: 'auto', outDir: dir });
    expect(first.total).toEqual({ new: 8, updated: 0, unchanged: 0, rejected: 8 });
    const before = await snapshotDir(dir);
    const second = await importFiles(files, { format: 'auto', outDir: dir });
    expect(second.total).toEqual({ new: 0, updated: 0, unchanged: 8, rejected: 8 });
    expect(await snapshotDir(dir)).toEqual(before);
  });

  test('--dry-run reports the same counts and writes nothing', async () => {
    const files = [fixture('hf-current.json'), fixture('papers.jsonl')];
    const dry = await importFiles(files, { format: 'auto', outDir: dir, dryRun: true });
    expect(await snapshotDir(dir)).toEqual(new Map());
    const real = await importFiles(files, { format: 'auto', outDir: dir });
    expect(dry.files.map((file) => file.counts)).toEqual(real.files.map((file) => file.counts));
  });

  test('a refused file writes nothing', async () => {
    const report = await importFiles([fixture('hf-truncated.json')], { format: 'hf', outDir: dir });
    expect(report.refusedFiles).toBe(1);
    expect(report.files[0]?.refused).toContain('not valid JSON');
    expect(existsSync(dir) ? await readdir(dir) : []).toEqual([]);
  });

  test('a later snapshot with higher upvotes updates; a smaller one removes nothing', async () => {
    const morning = await writeJson('morning.json', [
      hfItem('2601.00010', '2026-01-21', 3),
      hfItem('2601.00011', '2026-01-21', 1),
    ]);
    const evening = await writeJson('evening.json', [
      hfItem('2601.00010', '2026-01-21', 40, { githubRepo: 'https://github.com/x/y', githubStars: 5 }),
      hfItem('2601.00011', '2026-01-21', 1),
    ]);
    const smaller = await writeJson('smaller.json', [hfItem('2601.00011', '2026-01-21', 0)]);
    expect((await importFiles([morning], { format: 'hf', outDir: dir })).total.new).toBe(2);
    expect((await importFiles([evening], { format: 'hf', outDir: dir })).total).toEqual({
      new: 0,
      updated: 1,
      unchanged: 1,
      rejected: 0,
    });
    const updated = await readFile(join(dir, '2026-01-21', '2601.00010.md'), 'utf8');
    expect(updated).toContain('upvotes: 40\n');
    expect(updated).toContain('code: https://github.com/x/y\n');
    expect((await importFiles([smaller], { format: 'hf', outDir: dir })).total).toEqual({
      new: 0,
      updated: 0,
      unchanged: 1,
      rejected: 0,
    });
    expect((await readdir(join(dir, '2026-01-21'))).sort()).toEqual(['2601.00010.md', '2601.00011.md']);
    // Fields the smaller snapshot lacks (the repo) and counts it has lower are kept.
    expect(await readFile(join(dir, '2026-01-21', '2601.00010.md'), 'utf8')).toBe(updated);
  });

  test('the same paper on two days stays on the first day it was seen, in either import order', async () => {
    const later = await writeJson('later.json', [hfItem('2601.00020', '2026-01-22', 9)]);
    const earlier = await writeJson('earlier.json', [hfItem('2601.00020', '2026-01-21', 2)]);
    await importFiles([later], { format: 'hf', outDir: dir });
    const report = await importFiles([earlier], { format: 'hf', outDir: dir });
    expect(report.files[0]?.errors).toEqual([]);
    expect(report.total.updated).toBe(1);
    expect(report.files[0]?.notes).toContainEqual(
      expect.stringContaining('moved from 2026-01-22 to the earlier day 2026-01-21'),
    );
    expect(existsSync(join(dir, '2026-01-22', '2601.00020.md'))).toBe(false);
    const text = await readFile(join(dir, '2026-01-21', '2601.00020.md'), 'utf8');
    expect(text).toContain('upvotes: 9\n');
    const again = await importFiles([later], { format: 'hf', outDir: dir });
    expect(again.total.unchanged).toBe(1);
  });

  test('leave no temporary file behind', async () => {
    await importFiles([fixture('hf-current.json')], { format: 'hf', outDir: dir });
    const names = [...(await snapshotDir(dir)).keys()];
    expect(names.filter((name) => !name.endsWith('.md'))).toEqual([]);
  });
});
