import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { storedFiles, useTempContentDir } from '../../../tests/helpers.ts';
import { type PaperRecord, paperSchema } from '../model/paper.ts';
import { applyRecord } from './apply-record.ts';
import { writeFileAtomic, writeFileNew } from './atomic-write.ts';
import {
  hashBytes,
  INDEX_CACHE_FILE,
  parseIndexCache,
  saveStoreIndex,
  serialiseIndexCache,
} from './index-cache.ts';
import { loadStore } from './read-store.ts';
import { readRecord, serialiseRecord } from './record-file.ts';
import { StoreRefusal } from './store-index.ts';

const dir = useTempContentDir();

function paper(data: Record<string, unknown>, abstract = 'An abstract.'): PaperRecord {
  return { data: paperSchema.parse({ day: '2026-07-30', source: 'hf', ...data }), abstract };
}

describe('applyRecord', () => {
  test('a text-digest paper is found again by title when a source brings its arXiv id', async () => {
    const { store } = await loadStore(dir());
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
    expect(result.notes).toEqual([
      'merged into "pointer-networks" (same title)',
      'stays on 2026-07-30, the day it was published on (this source has 2026-08-02; `npm run move` moves a paper)',
    ]);
    const stored = readRecord(await readFile(join(dir(), '2026-07-30', 'pointer-networks.md'), 'utf8'));
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
    const { store: fresh } = await loadStore(dir());
    expect(await applyRecord(fresh, hf)).toMatchObject({ outcome: 'unchanged', id: 'pointer-networks' });
    // The text digest again: still the same paper (its title and abstract win again: last import wins).
    expect(await applyRecord(fresh, text)).toMatchObject({ outcome: 'updated', id: 'pointer-networks' });
    expect(fresh.byId.size).toBe(1);
  });

  test('a slug taken by a different paper gets a deterministic suffix, and is reported', async () => {
    const long = 'a'.repeat(39);
    const first = paper({ id: `${long}-b`, title: `${long} b one`, source: 'text' });
    const second = paper({ id: `${long}-b`, title: `${long} b two`, source: 'text' });
    const { store } = await loadStore(dir());
    await applyRecord(store, first);
    const result = await applyRecord(store, second);
    expect(result).toMatchObject({ outcome: 'new', id: `${long}-b-2` });
    expect(result.notes).toEqual([`id "${long}-b" is taken by a different paper: stored as "${long}-b-2"`]);
    // Found again by title on the next run.
    const { store: fresh } = await loadStore(dir());
    expect(await applyRecord(fresh, second)).toMatchObject({ outcome: 'unchanged', id: `${long}-b-2` });
  });

  test('two papers with the same title but different arXiv ids stay two papers', async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, paper({ id: '2401.00001', title: 'Same', arxiv: '2401.00001' }));
    const result = await applyRecord(store, paper({ id: '2401.00002', title: 'Same', arxiv: '2401.00002' }));
    expect(result).toMatchObject({ outcome: 'new', id: '2401.00002' });
  });

  test('an unreadable existing file is reported, kept, and its id not overwritten', async () => {
    await mkdir(join(dir(), '2026-07-30'), { recursive: true });
    await writeFile(join(dir(), '2026-07-30', 'broken.md'), 'not a record');
    const { store, problems } = await loadStore(dir());
    expect(problems).toEqual([expect.stringContaining('broken.md: no frontmatter')]);
    // A case-insensitive file system would put "Broken" into broken.md too.
    const upper = await applyRecord(store, paper({ id: 'Broken', title: 'Upper', source: 'text' }));
    expect(upper.id).toBe('Broken-2');
    const result = await applyRecord(store, paper({ id: 'broken', title: 'Broken', source: 'text' }));
    // "broken-2" is "Broken-2" on a case-insensitive file system.
    expect(result.id).toBe('broken-3');
    expect(await readFile(join(dir(), '2026-07-30', 'broken.md'), 'utf8')).toBe('not a record');
  });
});

describe('atomic writes', () => {
  test('a failed write leaves the old file intact and no temporary file', async () => {
    const target = join(dir(), 'target.md');
    await writeFile(target, 'old');
    // Renaming over a directory fails after the temporary file is fully written.
    const blocked = join(dir(), 'blocked.md');
    await mkdir(join(blocked, 'inside'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir())).sort()).toEqual(['blocked.md', 'target.md']);
    await writeFileAtomic(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  test('a temporary file left by a killed run is not a record', async () => {
    await mkdir(join(dir(), '2026-07-30'), { recursive: true });
    await writeFile(join(dir(), '2026-07-30', '.x.md.123.1.tmp'), '---\nid: x\ntitle: half');
    const { store, problems, repairs } = await loadStore(dir(), { dryRun: true });
    expect(store.byId.size).toBe(0);
    expect(problems).toEqual([]);
    expect(repairs).toEqual([]);
    // A real run holds the lock, so the leftover is no other run's: it is removed.
    expect((await loadStore(dir())).repairs).toEqual([
      'removed 1 temporary file(s) an interrupted import left in 2026-07-30/',
    ]);
    expect(await readdir(join(dir(), '2026-07-30'))).toEqual([]);
  });
});

describe('ids that differ only in case', () => {
  test('are one file on macOS and Windows: the second paper gets a suffix and a note', async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, paper({ id: 'Mixed-Case', title: 'First', source: 'jsonl' }));
    const second = await applyRecord(store, paper({ id: 'mixed-case', title: 'Second', source: 'jsonl' }));
    expect(second).toMatchObject({ outcome: 'new', id: 'mixed-case-2' });
    expect(second.notes).toEqual([
      'id "mixed-case" differs only in case from the stored "Mixed-Case" (one file on macOS and Windows): stored as "mixed-case-2"',
    ]);
    // The same again on the next run: found by title, nothing new.
    const { store: fresh } = await loadStore(dir());
    expect(
      await applyRecord(fresh, paper({ id: 'mixed-case', title: 'Second', source: 'jsonl' })),
    ).toMatchObject({ outcome: 'unchanged', id: 'mixed-case-2' });
  });

  test('two such files already stored are reported', async () => {
    await mkdir(join(dir(), '2026-07-30'), { recursive: true });
    for (const id of ['Abc', 'abc'])
      await writeFile(join(dir(), '2026-07-30', `${id}.md`), serialiseRecord(paper({ id, title: id })));
    const { problems } = await loadStore(dir());
    expect(problems).toEqual([expect.stringContaining('id "abc" differs only in case from "Abc"')]);
  });
});

describe('symbolic links', () => {
  test('a symlinked day folder is neither read nor written through', async () => {
    const outside = join(dir(), '..', `${dir().split('/').pop()}-outside`);
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'planted.md'), serialiseRecord(paper({ id: 'planted', title: 'Planted' })));
    await mkdir(dir(), { recursive: true });
    await symlink(outside, join(dir(), '2026-07-30'));
    const { store, problems } = await loadStore(dir());
    expect(problems).toEqual([
      expect.stringContaining('2026-07-30 is a symbolic link, not a folder of the store'),
    ]);
    expect(store.byId.size).toBe(0);
    await expect(applyRecord(store, paper({ id: 'x', title: 'X' }))).rejects.toThrow(StoreRefusal);
    await expect(applyRecord(store, paper({ id: 'x', title: 'X' }), { dryRun: true })).rejects.toThrow(
      'is a symbolic link',
    );
    expect((await readdir(outside)).sort()).toEqual(['planted.md']);
  });

  test('a day folder that a symbolic link replaces during the run is not written through either', async () => {
    const outside = join(dir(), '..', `${dir().split('/').pop()}-elsewhere`);
    await mkdir(outside, { recursive: true });
    const { store } = await loadStore(dir());
    await mkdir(dir(), { recursive: true });
    await symlink(outside, join(dir(), '2026-07-31'));
    await expect(applyRecord(store, paper({ id: 'y', title: 'Y', day: '2026-07-31' }))).rejects.toThrow(
      'is a symbolic link',
    );
    expect(await readdir(outside)).toEqual([]);
  });

  test('a symlinked record file is not read, and its id is taken', async () => {
    const outside = join(dir(), '..', `${dir().split('/').pop()}-file.md`);
    await writeFile(outside, serialiseRecord(paper({ id: 'linked', title: 'Linked' })));
    await mkdir(join(dir(), '2026-07-30'), { recursive: true });
    await symlink(outside, join(dir(), '2026-07-30', 'linked.md'));
    const { store, problems } = await loadStore(dir());
    expect(problems).toEqual([expect.stringContaining('linked.md: not a regular file')]);
    const result = await applyRecord(store, paper({ id: 'linked', title: 'Linked' }));
    expect(result.id).toBe('linked-2');
    expect(await readFile(outside, 'utf8')).toContain('title: Linked');
  });
});

describe('a paper stored on two days (an interrupted move)', () => {
  async function store(day: string, data: Record<string, unknown>, abstract = 'An abstract.') {
    const record = paper({ id: '2601.00001', title: 'Moved', arxiv: '2601.00001', day, ...data }, abstract);
    await mkdir(join(dir(), day), { recursive: true });
    await writeFile(join(dir(), day, '2601.00001.md'), serialiseRecord(record));
  }

  test('is repaired on loading: the earlier day kept, the records merged, the later file removed', async () => {
    await store('2026-01-22', { upvotes: 40, links: { code: 'https://github.com/a/b' } }, 'Later abstract.');
    await store('2026-01-21', { upvotes: 3, authors: ['A'] }, 'Earlier abstract.');
    const dry = await loadStore(dir(), { dryRun: true });
    expect(dry.repairs).toEqual([
      'would repair "2601.00001": it was stored on 2026-01-21 and 2026-01-22; kept 2026-01-21/2601.00001.md (the records merged) and would remove 2026-01-22/2601.00001.md',
    ]);
    expect(existsSync(join(dir(), '2026-01-22', '2601.00001.md'))).toBe(true);
    const { store: repaired, repairs, problems } = await loadStore(dir());
    expect(problems).toEqual([]);
    expect(repairs).toEqual([
      'repaired "2601.00001": it was stored on 2026-01-21 and 2026-01-22; kept 2026-01-21/2601.00001.md (the records merged) and removed 2026-01-22/2601.00001.md',
    ]);
    expect(existsSync(join(dir(), '2026-01-22', '2601.00001.md'))).toBe(false);
    const kept = readRecord(await readFile(join(dir(), '2026-01-21', '2601.00001.md'), 'utf8'));
    expect(kept.ok && kept.record.data).toMatchObject({
      day: '2026-01-21',
      upvotes: 40,
      authors: ['A'],
      links: { code: 'https://github.com/a/b' },
    });
    expect(kept.ok && kept.record.abstract).toBe('Earlier abstract.');
    expect(repaired.byId.get('2601.00001')?.path).toBe(join(dir(), '2026-01-21', '2601.00001.md'));
    // Nothing left to repair.
    expect((await loadStore(dir())).repairs).toEqual([]);
  });
});

describe('writing', () => {
  test('a new file never replaces one that exists', async () => {
    const target = join(dir(), 'x.md');
    await mkdir(dir(), { recursive: true });
    await writeFileNew(target, 'first');
    await expect(writeFileNew(target, 'second')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readdir(dir())).toEqual(['x.md']);
  });

  test('a file that appeared since the store was read is not overwritten, and not counted', async () => {
    const { store } = await loadStore(dir());
    await mkdir(join(dir(), '2026-07-30'), { recursive: true });
    await writeFile(join(dir(), '2026-07-30', 'late.md'), 'written by someone else');
    await expect(applyRecord(store, paper({ id: 'late', title: 'Late' }))).rejects.toThrow(
      '2026-07-30/late.md exists but is not the file this import read',
    );
    expect(await readFile(join(dir(), '2026-07-30', 'late.md'), 'utf8')).toBe('written by someone else');
  });

  test('a record that would not read back as written is refused', async () => {
    const { store } = await loadStore(dir());
    const record = paper({ id: 'odd', title: 'Odd \uFFFE' });
    await expect(applyRecord(store, record)).rejects.toThrow('a character the build cannot read (U+FFFE');
    const padded = { ...paper({ id: 'pad', title: 'Pad' }), abstract: '  padded  ' };
    await expect(applyRecord(store, padded)).rejects.toThrow('would not read back as written');
    expect(existsSync(join(dir(), '2026-07-30'))).toBe(false);
  });
});

describe('the index cache', () => {
  async function storeTwo() {
    const { store } = await loadStore(dir());
    await applyRecord(store, paper({ id: '2601.00001', title: 'First', arxiv: '2601.00001' }));
    await applyRecord(store, paper({ id: 'second', title: 'Second', source: 'text' }));
    // A run that read them saves their times (as if long after they were written): later runs trust
    // an entry whose file still has those times without reading the file.
    const { store: read } = await loadStore(dir());
    await saveStoreIndex(read, Date.now() + 60_000);
  }

  test('a later run finds papers by title and arXiv id without reading their files', async () => {
    await storeTwo();
    const { store } = await loadStore(dir());
    expect(store.byId.get('second')?.file).toBeUndefined();
    expect(store.byArxiv.get('2601.00001')).toBe('2601.00001');
    const result = await applyRecord(store, paper({ id: 'x', title: 'second.', upvotes: 2, source: 'text' }));
    expect(result).toMatchObject({ outcome: 'updated', id: 'second' });
    const stored = readRecord(await readFile(join(dir(), '2026-07-30', 'second.md'), 'utf8'));
    expect(stored.ok && stored.record.data).toMatchObject({ title: 'second.', upvotes: 2 });
  });

  test('a file edited by hand between runs is read again, even with its size and times put back', async () => {
    await storeTwo();
    const path = join(dir(), '2026-07-30', 'second.md');
    // A whole second, so `touch -r` below restores the modification time exactly.
    await utimes(path, 1_700_000_000, 1_700_000_000);
    await saveStoreIndex((await loadStore(dir())).store, Date.now() + 60_000);
    const size = (await stat(path)).size;
    // Same length, another title, the modification time put back.
    await writeFile(path, (await readFile(path, 'utf8')).replace('title: Second', 'title: Sacond'));
    await utimes(path, 1_700_000_000, 1_700_000_000);
    expect(await stat(path)).toMatchObject({ size, mtimeMs: 1_700_000_000_000 });
    const { store, problems } = await loadStore(dir());
    expect(problems).toEqual([]);
    expect(store.byId.get('second')?.title).toBe('Sacond');
    expect(store.byTitle.has('second')).toBe(false);
    expect(store.byTitle.get('sacond')).toEqual(['second']);
  });

  test('a deleted file is gone from the index, and its id is free again', async () => {
    await storeTwo();
    await unlink(join(dir(), '2026-07-30', 'second.md'));
    const { store } = await loadStore(dir());
    expect([...store.byId.keys()]).toEqual(['2601.00001']);
    const result = await applyRecord(store, paper({ id: 'second', title: 'Another', source: 'text' }));
    expect(result).toMatchObject({ outcome: 'new', id: 'second' });
  });

  test('a file that became unreadable is reported, and a damaged cache is not used', async () => {
    await storeTwo();
    await writeFile(join(dir(), '2026-07-30', 'second.md'), 'not a record');
    const { problems } = await loadStore(dir());
    expect(problems).toEqual([expect.stringContaining('second.md: no frontmatter')]);
    await writeFile(join(dir(), INDEX_CACHE_FILE), '{"version":1,"files":{"2026-07-30/second.md":{"id":1}}');
    expect((await loadStore(dir())).problems).toEqual([expect.stringContaining('second.md: no frontmatter')]);
  });

  test('a file changed during a run after the index was read is neither merged into nor overwritten', async () => {
    await storeTwo();
    const { store } = await loadStore(dir());
    const path = join(dir(), '2026-07-30', 'second.md');
    await writeFile(path, (await readFile(path, 'utf8')).replace('title: Second', 'title: Edited'));
    await expect(
      applyRecord(store, paper({ id: 'second', title: 'Second', source: 'text' })),
    ).rejects.toThrow('changed since this import read the store');
    expect(await readFile(path, 'utf8')).toContain('title: Edited');
  });

  test('a file changed just before the cache was written keeps only its hash there', async () => {
    const entry = { id: 'a', day: '2026-07-30', title: 'A', hash: 'h' };
    const stamp = { size: 1, mtimeMs: 10_000, ctimeMs: 10_000, ino: 1 };
    const settled = parseIndexCache(serialiseIndexCache([['2026-07-30/a.md', { ...entry, stamp }]], 20_000));
    expect(settled.get('2026-07-30/a.md')).toEqual({ ...entry, stamp });
    const racy = parseIndexCache(serialiseIndexCache([['2026-07-30/a.md', { ...entry, stamp }]], 11_000));
    expect(racy.get('2026-07-30/a.md')).toEqual(entry);
  });
});

describe('a forged or damaged index cache costs time, never a paper', () => {
  const pointer = paper({ id: 'pointer-networks', title: 'Pointer Networks', source: 'text' });
  const attention = paper({ id: '1706.03762', title: 'Attention Is All You Need', arxiv: '1706.03762' });

  /** The cache file, with the entry of `file` replaced: its real hash and times, the summary given. */
  async function forge(file: string, summary: Record<string, unknown>): Promise<void> {
    const { store } = await loadStore(dir());
    await saveStoreIndex(store, Date.now() + 60_000);
    const cache = JSON.parse(await readFile(join(dir(), INDEX_CACHE_FILE), 'utf8'));
    const path = join(dir(), file);
    const stats = await stat(path);
    cache.files[file] = {
      ...summary,
      hash: hashBytes(await readFile(path)),
      stamp: { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino },
    };
    await writeFile(join(dir(), INDEX_CACHE_FILE), JSON.stringify(cache));
  }

  test("an entry with a real file's hash and another paper's title and arXiv id: no merge into that file", async () => {
    await applyRecord((await loadStore(dir())).store, pointer);
    const file = '2026-07-30/pointer-networks.md';
    const bytes = await readFile(join(dir(), file), 'utf8');
    await forge(file, {
      id: 'pointer-networks',
      day: '2026-07-30',
      title: 'Attention Is All You Need',
      arxiv: '1706.03762',
    });
    const { store } = await loadStore(dir());
    const result = await applyRecord(store, attention);
    expect(result).toMatchObject({ outcome: 'new', id: '1706.03762' });
    expect(result.notes).toEqual([
      `the store's index cache was wrong about ${file}: it holds "pointer-networks" ("Pointer Networks"), not "Attention Is All You Need"; corrected from the file`,
    ]);
    expect(await readFile(join(dir(), file), 'utf8')).toBe(bytes);
    expect((await storedFiles(dir())).map((stored) => stored.id).sort()).toEqual([
      '1706.03762',
      'pointer-networks',
    ]);
    // The next run's cache says the truth.
    await saveStoreIndex(store, Date.now() + 60_000);
    const { store: next } = await loadStore(dir());
    expect(next.byId.get('pointer-networks')?.title).toBe('Pointer Networks');
    expect(await applyRecord(next, pointer)).toMatchObject({ outcome: 'unchanged', id: 'pointer-networks' });
  });

  test("an entry that names another stored paper's id does not make the two one paper", async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, pointer);
    await applyRecord(store, attention);
    await forge('2026-07-30/pointer-networks.md', {
      id: '1706.03762',
      day: '2026-07-30',
      title: 'Attention Is All You Need',
      arxiv: '1706.03762',
    });
    const { store: next, repairs, problems } = await loadStore(dir());
    expect([repairs, problems]).toEqual([[], []]);
    expect([...next.byId.keys()].sort()).toEqual(['1706.03762', 'pointer-networks']);
    expect((await storedFiles(dir())).map((stored) => stored.id).sort()).toEqual([
      '1706.03762',
      'pointer-networks',
    ]);
  });

  test('an entry that hides a paper does not make its next record a second copy under another id', async () => {
    await applyRecord((await loadStore(dir())).store, attention);
    await forge('2026-07-30/1706.03762.md', { id: '1706.03762', day: '2026-07-30', title: 'Something Else' });
    const { store } = await loadStore(dir());
    const result = await applyRecord(store, { ...attention, data: { ...attention.data, upvotes: 5 } });
    expect(result).toMatchObject({ outcome: 'updated', id: '1706.03762' });
    expect(result.notes).toEqual([
      expect.stringContaining('index cache was wrong about 2026-07-30/1706.03762.md'),
    ]);
    expect(await storedFiles(dir())).toEqual([{ day: '2026-07-30', id: '1706.03762' }]);
  });
});
