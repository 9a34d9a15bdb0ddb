import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { storedFiles, useTempContentDir } from '../../../tests/helpers.ts';
import { paperSchema } from '../model/paper.ts';
import { applyRecord } from './apply-record.ts';
import { acquireStoreLock } from './lock.ts';
import { loadStore } from './read-store.ts';

/** The store's hand tools as the maintainer runs them (`npm run move`, `npm run retract`). */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = useTempContentDir();

async function storePapers(...ids: string[]) {
  const { store } = await loadStore(dir());
  for (const id of ids)
    await applyRecord(store, {
      data: paperSchema.parse({ id, title: `Paper ${id}`, day: '2026-07-30', source: 'hf' }),
      abstract: 'An abstract.',
    });
}

describe('npm run move', { timeout: 60_000 }, () => {
  test('moves a paper, says so, and is idempotent', async () => {
    await storePapers('2607.00001');
    const moved = run('move', '2607.00001', '2026-07-27', '--out', dir());
    expect(moved).toMatchObject({ code: 0, stderr: '' });
    expect(moved.stdout).toBe(
      `move: moved "2607.00001" from 2026-07-30 to 2026-07-27 (${dir()}/2026-07-27/2607.00001.md)\n`,
    );
    expect(await storedFiles(dir())).toEqual([{ day: '2026-07-27', id: '2607.00001' }]);
    expect(run('move', '2607.00001', '2026-07-27', '--out', dir())).toMatchObject({
      code: 0,
      stdout: 'move: "2607.00001" is on 2026-07-27 already: nothing to do\n',
    });
  });

  test('exit 1 for a paper it cannot move, 2 for a usage error, 3 while another run holds the store', async () => {
    await storePapers('2607.00001');
    expect(run('move', 'nope', '2026-07-27', '--out', dir())).toMatchObject({
      code: 1,
      stderr: `move: no paper "nope" in ${dir()} (neither an id nor an arXiv id of a stored paper)\n`,
    });
    for (const args of [['2607.00001'], ['2607.00001', '2026-02-30'], ['2607.00001', '2999-01-01']])
      expect(run('move', ...args, '--out', dir()).code).toBe(2);
    expect(run('move', '2607.00001', '2999-01-01', '--out', dir()).stderr).toContain(
      'move: DAY 2999-01-01 is in the future',
    );
    const lock = await acquireStoreLock(dir());
    try {
      const locked = run('move', '2607.00001', '2026-07-27', '--out', dir(), '--wait', '0');
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain('is locked by another import');
    } finally {
      await lock.release();
    }
    expect(await storedFiles(dir())).toEqual([{ day: '2026-07-30', id: '2607.00001' }]);
  });
});

describe('npm run retract', { timeout: 60_000 }, () => {
  test('retracts with a reason, says what follows; --undo takes it back; both are idempotent', async () => {
    await storePapers('2607.00001', '2607.00002');
    const tombstone = `${dir()}/retracted/2607.00001.yaml`;
    const retracted = run('retract', '2607.00001', '--why', '  Withdrawn:\n a  duplicate. ', '--out', dir());
    expect(retracted).toMatchObject({ code: 0, stderr: '' });
    expect(retracted.stdout).toBe(
      `retract: retracted "2607.00001" of 2026-07-30: wrote ${tombstone} and removed its record. Later imports and fetches skip it; its page /papers/2607.00001/ says it was withdrawn\n`,
    );
    expect(await readFile(tombstone, 'utf8')).toContain('reason: "Withdrawn: a duplicate."\n');
    expect(await storedFiles(dir())).toEqual([{ day: '2026-07-30', id: '2607.00002' }]);
    expect(run('retract', '2607.00001', '--why', 'Withdrawn: a duplicate.', '--out', dir()).stdout).toBe(
      `retract: "2607.00001" is retracted already, for that reason (${tombstone})\n`,
    );
    expect(run('move', '2607.00001', '2026-07-27', '--out', dir())).toMatchObject({
      code: 1,
      stderr: 'move: "2607.00001" is retracted (retracted/2607.00001.yaml)\n',
    });
    expect(run('retract', '--undo', '2607.00001', '--out', dir())).toMatchObject({
      code: 0,
      stdout:
        'retract: "2607.00001" is no longer retracted. Its record was removed when it was retracted: it comes back with the next import or fetch that brings it (for its day: npm run fetch -- hf --date 2026-07-30)\n',
    });
    expect(existsSync(tombstone)).toBe(false);
    expect(run('retract', '--undo', '2607.00001', '--out', dir()).stdout).toBe(
      'retract: "2607.00001" is not retracted: nothing to undo\n',
    );
  });

  test('usage errors exit 2: no reason, an empty one, two ids, --why with --undo', async () => {
    await storePapers('2607.00001');
    for (const args of [
      ['2607.00001'],
      ['2607.00001', '--why', '   '],
      ['2607.00001', '--why', ' \u200b\u202e '],
      ['2607.00001', '2607.00002', '--why', 'x'],
      ['--undo', '2607.00001', '--why', 'x'],
    ])
      expect(run('retract', ...args, '--out', dir()).code, args.join(' ')).toBe(2);
    expect(run('retract', 'nope', '--why', 'x', '--out', dir())).toMatchObject({ code: 1 });
    expect(await storedFiles(dir())).toEqual([{ day: '2026-07-30', id: '2607.00001' }]);
  });
});
