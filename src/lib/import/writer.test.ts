import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { paperSchema } from '../paper-schema.ts';
import { readRecord } from './record-file.ts';
import { importFiles } from './run.ts';
import { fixture, snapshotDir, tempContentDir } from './test-helpers.ts';
import type { PaperRecord } from './types.ts';
import { applyRecord, loadStore, writeFileAtomic } from './writer.ts';

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

function paper(data: Record<string, unknown>, abstract = 'An abstract.'): PaperRecord {
  return { data: paperSchema.parse({ day: '2026-07-30', source: 'hf', ...data }), abstract };
}

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
});

describe('applyRecord', () => {
  test('a text-digest paper is found again by title when a source brings its arXiv id', async () => {
    const { store } = await loadStore(dir);
    const text = paper({
      id: 'pointer-networks',
      title: 'Pointer Networks',
      source: 'text',
      links: { code: 'https://github.com/a/b' },
    });
    await applyRecord(store, text);
    const hf = paper(
      { id: '1506.03134', title: 'Pointer  networks.', arxiv: '1506.03134', upvotes: 7, day: '2026-08-02' },
      'Updated abstract.',
    );
    const result = await applyRecord(store, hf);
    expect(result).toMatchObject({ outcome: 'updated', id: 'pointer-networks' });
    expect(result.notes).toEqual(['merged into "pointer-networks" (same title)']);
    const stored = readRecord(await readFile(join(dir, '2026-07-30', 'pointer-networks.md'), 'utf8'));
    expect(stored.ok && stored.record.data).toMatchObject({
      id: 'pointer-networks',
      day: '2026-07-30',
      arxiv: '1506.03134',
      upvotes: 7,
      source: 'text',
      links: { code: 'https://github.com/a/b' },
    });
    expect(stored.ok && stored.record.abstract).toBe('Updated abstract.');
    // Re-importing changes nothing; a fresh index finds the same file by its arXiv id.
    const { store: fresh } = await loadStore(dir);
    expect(await applyRecord(fresh, hf)).toMatchObject({ outcome: 'unchanged', id: 'pointer-networks' });
    // The text digest again: still the same paper (its title and abstract win again: last import wins).
    expect(await applyRecord(fresh, text)).toMatchObject({ outcome: 'updated', id: 'pointer-networks' });
    expect(fresh.byId.size).toBe(1);
  });

  test('a slug taken by a different paper gets a deterministic suffix, and is reported', async () => {
    const long = 'a'.repeat(39);
    const first = paper({ id: `${long}-b`, title: `${long} b one`, source: 'text' });
    const second = paper({ id: `${long}-b`, title: `${long} b two`, source: 'text' });
    const { store } = await loadStore(dir);
    await applyRecord(store, first);
    const result = await applyRecord(store, second);
    expect(result).toMatchObject({ outcome: 'new', id: `${long}-b-2` });
    expect(result.notes).toEqual([`id "${long}-b" is taken by a different paper: stored as "${long}-b-2"`]);
    // Found again by title on the next run.
    const { store: fresh } = await loadStore(dir);
    expect(await applyRecord(fresh, second)).toMatchObject({ outcome: 'unchanged', id: `${long}-b-2` });
  });

  test('two papers with the same title but different arXiv ids stay two papers', async () => {
    const { store } = await loadStore(dir);
    await applyRecord(store, paper({ id: '2401.00001', title: 'Same', arxiv: '2401.00001' }));
    const result = await applyRecord(store, paper({ id: '2401.00002', title: 'Same', arxiv: '2401.00002' }));
    expect(result).toMatchObject({ outcome: 'new', id: '2401.00002' });
  });

  test('an unreadable existing file is reported, kept, and its id not overwritten', async () => {
    await mkdir(join(dir, '2026-07-30'), { recursive: true });
    await writeFile(join(dir, '2026-07-30', 'broken.md'), 'not a record');
    const { store, problems } = await loadStore(dir);
    expect(problems).toEqual([expect.stringContaining('broken.md: no frontmatter')]);
    const result = await applyRecord(store, paper({ id: 'broken', title: 'Broken', source: 'text' }));
    expect(result.id).toBe('broken-2');
    expect(await readFile(join(dir, '2026-07-30', 'broken.md'), 'utf8')).toBe('not a record');
  });
});

describe('atomic writes', () => {
  test('leave no temporary file behind', async () => {
    await importFiles([fixture('hf-current.json')], { format: 'hf', outDir: dir });
    const names = [...(await snapshotDir(dir)).keys()];
    expect(names.filter((name) => !name.endsWith('.md'))).toEqual([]);
  });

  test('a failed write leaves the old file intact and no temporary file', async () => {
    const target = join(dir, 'target.md');
    await writeFile(target, 'old');
    // Renaming over a directory fails after the temporary file is fully written.
    const blocked = join(dir, 'blocked.md');
    await mkdir(join(blocked, 'inside'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['blocked.md', 'target.md']);
    await writeFileAtomic(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  test('a temporary file left by a killed run is not a record', async () => {
    await mkdir(join(dir, '2026-07-30'), { recursive: true });
    await writeFile(join(dir, '2026-07-30', '.x.md.123.1.tmp'), '---\nid: x\ntitle: half');
    const { store, problems } = await loadStore(dir);
    expect(store.byId.size).toBe(0);
    expect(problems).toEqual([]);
  });
});
