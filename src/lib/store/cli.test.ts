import { spawnSync } from 'node:child_process';
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
