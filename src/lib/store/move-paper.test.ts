import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { storedFiles, useTempContentDir } from '../../../tests/helpers.ts';
import { type PaperRecord, paperSchema } from '../model/paper.ts';
import { applyRecord } from './apply-record.ts';
import { movePaper } from './move-paper.ts';
import { loadStore } from './read-store.ts';
import { readRecord, serialiseRecord } from './record-file.ts';
import { StoreRefusal } from './store-index.ts';

const dir = useTempContentDir();

function paper(data: Record<string, unknown>): PaperRecord {
  return {
    data: paperSchema.parse({ day: '2026-07-30', source: 'hf', title: `Paper ${data.id}`, ...data }),
    abstract: 'An abstract.',
  };
}

async function stored(day: string, id: string) {
  const read = readRecord(await readFile(join(dir(), day, `${id}.md`), 'utf8'));
  if (!read.ok) throw new Error(read.message);
  return read.record;
}

describe('movePaper', () => {
  test('moves a paper to another day, by id or arXiv id; moving it there again changes nothing', async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, paper({ id: '2607.00001', arxiv: '2607.00001', upvotes: 3 }));
    await applyRecord(store, paper({ id: 'a-text-paper', title: 'A text paper', source: 'text' }));
    expect(await movePaper(store, '2607.00001', '2026-07-27')).toMatchObject({
      outcome: 'moved',
      id: '2607.00001',
      from: '2026-07-30',
      to: '2026-07-27',
    });
    expect(await storedFiles(dir())).toEqual(
      expect.arrayContaining([
        { day: '2026-07-27', id: '2607.00001' },
        { day: '2026-07-30', id: 'a-text-paper' },
      ]),
    );
    expect((await storedFiles(dir())).length).toBe(2);
    const moved = await stored('2026-07-27', '2607.00001');
    expect(moved.data).toMatchObject({ day: '2026-07-27', upvotes: 3 });
    // A later day works too, and the run's index follows the file.
    expect((await movePaper(store, '2607.00001', '2026-08-02')).outcome).toBe('moved');
    expect(store.byId.get('2607.00001')).toMatchObject({ day: '2026-08-02' });
    const { store: fresh } = await loadStore(dir());
    expect(await movePaper(fresh, '2607.00001', '2026-08-02')).toMatchObject({ outcome: 'unchanged' });
    expect((await stored('2026-08-02', '2607.00001')).data.day).toBe('2026-08-02');
  });

  test('refuses, changing nothing: an unknown id, a taken file name, a day folder that is a symbolic link', async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, paper({ id: 'x' }));
    await expect(movePaper(store, 'nope', '2026-07-27')).rejects.toThrow(
      new StoreRefusal(`no paper "nope" in ${dir()} (neither an id nor an arXiv id of a stored paper)`),
    );
    await mkdir(join(dir(), '2026-07-27'));
    await writeFile(join(dir(), '2026-07-27', 'x.md'), 'not this paper');
    await expect(movePaper(store, 'x', '2026-07-27')).rejects.toThrow(
      '2026-07-27/x.md exists already (another paper, or a file whose name differs only in case): nothing was moved',
    );
    const outside = `${dir()}-outside`;
    await mkdir(outside, { recursive: true });
    await symlink(outside, join(dir(), '2026-07-26'));
    await expect(movePaper(store, 'x', '2026-07-26')).rejects.toThrow('is a symbolic link');
    expect((await stored('2026-07-30', 'x')).data.day).toBe('2026-07-30');
    expect(await readFile(join(dir(), '2026-07-27', 'x.md'), 'utf8')).toBe('not this paper');
  });

  test('killed between its two steps, the next run files the paper under its new day', async () => {
    const { store } = await loadStore(dir());
    const record = paper({ id: 'x' });
    await applyRecord(store, record);
    // Step one done: the record says its new day, and still sits in its old day's folder.
    const rewritten = { ...record, data: { ...record.data, day: '2026-07-27' } };
    await writeFile(join(dir(), '2026-07-30', 'x.md'), serialiseRecord(rewritten));
    const dry = await loadStore(dir(), { dryRun: true });
    expect(dry.repairs).toEqual([
      'would file "x" under its day: would move 2026-07-30/x.md to 2026-07-27/x.md',
    ]);
    expect(existsSync(join(dir(), '2026-07-27'))).toBe(false);
    const { repairs, problems, store: repaired } = await loadStore(dir());
    expect(problems).toEqual([]);
    expect(repairs).toEqual(['filed "x" under its day: moved 2026-07-30/x.md to 2026-07-27/x.md']);
    expect(await storedFiles(dir())).toEqual([{ day: '2026-07-27', id: 'x' }]);
    expect(repaired.byId.get('x')?.path).toBe(join(dir(), '2026-07-27', 'x.md'));
    expect(await movePaper(repaired, 'x', '2026-07-27')).toMatchObject({ outcome: 'unchanged' });
  });
});
