import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { storedFiles, useTempContentDir } from '../../../tests/helpers.ts';
import { type PaperRecord, paperSchema } from '../model/paper.ts';
import { applyRecord } from './apply-record.ts';
import { loadStore } from './read-store.ts';
import { serialiseRecord } from './record-file.ts';
import { retractPaper, undoRetraction } from './retract-paper.ts';
import { readRetraction, retractionGlobs, retractionPath } from './retractions.ts';
import { StoreRefusal } from './store-index.ts';

const dir = useTempContentDir();

function paper(data: Record<string, unknown>): PaperRecord {
  return {
    data: paperSchema.parse({ day: '2026-07-30', source: 'hf', ...data }),
    abstract: 'An abstract that no withdrawn page shows.',
  };
}

const pointer = paper({
  id: 'pointer-networks',
  title: 'Pointer Networks',
  arxiv: '1506.03134',
  source: 'text',
});

describe('retractPaper', () => {
  test('writes the tombstone, removes the record, and is idempotent', async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, pointer);
    await applyRecord(store, paper({ id: 'other', title: 'Another Paper' }));
    const result = await retractPaper(store, '1506.03134', 'Withdrawn by its authors.', '2026-08-01');
    expect(result).toEqual({
      outcome: 'retracted',
      id: 'pointer-networks',
      day: '2026-07-30',
      path: retractionPath(dir(), 'pointer-networks'),
    });
    expect(await readFile(result.path, 'utf8')).toBe(
      [
        'id: pointer-networks',
        'title: Pointer Networks',
        "day: '2026-07-30'",
        'arxiv: "1506.03134"',
        "retracted: '2026-08-01'",
        'reason: Withdrawn by its authors.',
        '',
      ].join('\n'),
    );
    expect(await storedFiles(dir())).toEqual([{ day: '2026-07-30', id: 'other' }]);
    expect(store.byId.has('pointer-networks')).toBe(false);
    // Again, from a fresh read of the store: nothing to do; with another reason, only the reason changes.
    const { store: fresh } = await loadStore(dir());
    expect(
      (await retractPaper(fresh, 'pointer-networks', 'Withdrawn by its authors.', '2026-08-02')).outcome,
    ).toBe('unchanged');
    expect((await retractPaper(fresh, 'pointer-networks', 'A duplicate.', '2026-08-02')).outcome).toBe(
      'updated',
    );
    const tombstone = readRetraction(await readFile(result.path, 'utf8'));
    expect(tombstone.ok && tombstone.retraction).toMatchObject({
      retracted: '2026-08-01',
      reason: 'A duplicate.',
    });
    await expect(retractPaper(fresh, 'nope', 'x', '2026-08-02')).rejects.toThrow(StoreRefusal);
  });

  test('later imports skip the paper however they name it; its id is not given to another paper', async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, pointer);
    await retractPaper(store, 'pointer-networks', 'Withdrawn.', '2026-08-01');
    const { store: fresh } = await loadStore(dir());
    // By arXiv id (Hugging Face), by title (a text digest), by id: the write path refuses each.
    for (const again of [
      paper({ id: '1506.03134', title: 'Pointer networks', arxiv: '1506.03134', day: '2026-08-02' }),
      paper({ id: 'pointer-networks-x', title: 'POINTER  NETWORKS.', source: 'text' }),
      paper({ id: 'pointer-networks', title: 'Pointer Networks' }),
    ])
      await expect(applyRecord(fresh, again)).rejects.toThrow(
        '"pointer-networks" is retracted (retracted/pointer-networks.yaml): not written',
      );
    // A different paper that happens to bring the same id gets another one.
    const other = await applyRecord(
      fresh,
      paper({ id: 'pointer-networks', title: 'Pointer Sentinel Mixtures' }),
    );
    expect(other).toMatchObject({ outcome: 'new', id: 'pointer-networks-2' });
    expect(await storedFiles(dir())).toEqual([{ day: '2026-07-30', id: 'pointer-networks-2' }]);
  });

  test('a record that is back beside its tombstone (a retraction killed half-way) is removed by the next run', async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, pointer);
    await retractPaper(store, 'pointer-networks', 'Withdrawn.', '2026-08-01');
    await writeFile(join(dir(), '2026-07-30', 'pointer-networks.md'), serialiseRecord(pointer));
    expect((await loadStore(dir(), { dryRun: true })).repairs).toEqual([
      'would remove 2026-07-30/pointer-networks.md: "pointer-networks" is retracted (retracted/pointer-networks.yaml)',
    ]);
    const { repairs, store: repaired } = await loadStore(dir());
    expect(repairs).toEqual([
      'removed 2026-07-30/pointer-networks.md: "pointer-networks" is retracted (retracted/pointer-networks.yaml)',
    ]);
    expect(await storedFiles(dir())).toEqual([]);
    expect(repaired.byId.size).toBe(0);
  });

  test('--undo removes the tombstone: the paper can be imported again', async () => {
    const { store } = await loadStore(dir());
    await applyRecord(store, pointer);
    await retractPaper(store, 'pointer-networks', 'Withdrawn.', '2026-08-01');
    expect(await undoRetraction(store, '1506.03134')).toEqual({
      outcome: 'undone',
      id: 'pointer-networks',
      day: '2026-07-30',
    });
    expect(existsSync(retractionPath(dir(), 'pointer-networks'))).toBe(false);
    expect(await undoRetraction(store, 'pointer-networks')).toEqual({
      outcome: 'unchanged',
      id: 'pointer-networks',
    });
    const { store: fresh } = await loadStore(dir());
    expect(await applyRecord(fresh, pointer)).toMatchObject({ outcome: 'new', id: 'pointer-networks' });
  });

  test('an unreadable tombstone is reported, and imports still skip the id its file name gives', async () => {
    await mkdir(join(dir(), 'retracted'), { recursive: true });
    await writeFile(retractionPath(dir(), 'pointer-networks'), 'id: [');
    const { store, problems } = await loadStore(dir());
    expect(problems).toEqual([
      expect.stringMatching(
        /retracted\/pointer-networks\.yaml: not valid YAML: .*\(imports still skip "pointer-networks"\)$/,
      ),
    ]);
    await expect(applyRecord(store, pointer)).rejects.toThrow('"pointer-networks" is retracted');
  });
});

describe('retractionGlobs', () => {
  test('a retracted/ folder beside the day folders of each store the paper globs read', () => {
    expect(
      retractionGlobs([
        'content/papers/**/*.md',
        'tests/fixtures/papers/**/*.md',
        'content/papers/2026-*/*.md',
        'papers/2026-07-30/x.md',
      ]),
    ).toEqual([
      'content/papers/retracted/*.yaml',
      'tests/fixtures/papers/retracted/*.yaml',
      'papers/2026-07-30/retracted/*.yaml',
    ]);
  });
});
