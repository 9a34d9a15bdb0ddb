import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempContentDir } from '../../../tests/helpers.ts';
import { type PaperRecord, paperSchema } from '../model/paper.ts';
import { readRecord } from './record-file.ts';
import { applyRecord, loadStore, writeFileAtomic } from './store.ts';

let dir: string;
let cleanups: (() => Promise<void>)[] = [];
beforeEach(async () => {
  const content = await tempContentDir();
  dir = content.dir;
  cleanups = [content.cleanup];
});
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

function paper(data: Record<string, unknown>, abstract = 'An abstract.'): PaperRecord {
  return { data: paperSchema.parse({ day: '2026-07-30', source: 'hf', ...data }), abstract };
}

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
