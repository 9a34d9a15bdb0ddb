import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { fixture, snapshotDir, useTempContentDir } from '../../../tests/helpers.ts';
import { acquireStoreLock } from '../store/lock.ts';

/** The CLI as the maintainer runs it (`npm run import`): Node's own type stripping on cli.ts. */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the CLI; one still running after `timeout` milliseconds is killed (its `code` is then null). */
function runWithin(timeout: number, ...args: string[]) {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('./cli.ts', import.meta.url)), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const run = (...args: string[]) => runWithin(60_000, ...args);

const dir = useTempContentDir();

// Each test starts Node once or twice; on a loaded two-core machine that alone can take seconds.
describe('npm run import', { timeout: 60_000 }, () => {
  test('prints one line per file and a total; exit 0 when nothing is rejected', () => {
    const result = run('--out', dir(), fixture('hf-old-shape.json'), fixture('arxiv-current.atom.xml'));
    expect(result.stdout).toBe(
      [
        'hf-old-shape.json (hf): 1 new, 0 updated, 0 unchanged, 0 rejected',
        'arxiv-current.atom.xml (arxiv): 1 new, 0 updated, 0 unchanged, 0 rejected',
        'total: 2 new, 0 updated, 0 unchanged, 0 rejected',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    expect(run('--out', dir(), fixture('hf-old-shape.json')).stdout).toContain(
      '0 new, 0 updated, 1 unchanged',
    );
  });

  test('exit 1 and one message per rejected record', () => {
    const result = run('--out', dir(), '--format', 'jsonl', fixture('papers.jsonl'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('papers.jsonl (jsonl): 2 new, 0 updated, 0 unchanged, 4 rejected');
    expect(result.stderr).toContain('papers.jsonl: line 4 (bad-day): day: not a real calendar day');
  });

  test('--dry-run writes nothing', async () => {
    const result = run('--dry-run', '--out', dir(), fixture('hf-current.json'));
    expect(result.stdout).toContain('(dry run: nothing written)');
    expect(await snapshotDir(dir())).toEqual(new Map());
  });

  test('a refused file: one clear message, exit 1', () => {
    const result = run('--out', dir(), fixture('hf-truncated.json'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^hf-truncated\.json: refused: not valid JSON \(truncated or malformed\?\): .* \(nothing written\)$/m,
    );
  });

  test.each([
    [['--date', '2026-13-01', 'x'], '--date must be a real day'],
    [['--date', '2099-12-31', 'x'], '--date 2099-12-31 is after tomorrow'],
    [['--format', 'csv', 'x'], '--format must be'],
    [[], 'no files given'],
    [['--bogus', 'x'], 'Unknown option'],
    [['--wait', 'soon', 'x'], '--wait must be a number of seconds'],
  ])('usage errors exit 2: %j', (args, message) => {
    const result = run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('a text digest without --date asks for it', () => {
    const result = run('--out', dir(), fixture('text-digest-nasty.txt'));
    expect(result.stdout).toContain('has no year: pass --date YYYY-MM-DD');
    const dated = run('--out', dir(), '--date', '2026-08-02', fixture('text-digest-nasty.txt'));
    expect(dated.stdout).toContain('text-digest-nasty.txt (text): 2 new, 0 updated, 0 unchanged, 1 rejected');
  });

  test('a store another import holds: the holder named, exit 3, nothing written', async () => {
    const lock = await acquireStoreLock(dir(), { command: 'node src/lib/import/cli.ts hf-2026-07-30.json' });
    try {
      const result = run('--wait', '0', '--out', dir(), fixture('hf-old-shape.json'));
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^import: the store .+ is locked by another import: pid \d+ on host .+, running since \d{4}-\d\d-\d\dT[\d:.]+Z \(node src\/lib\/import\/cli\.ts hf-2026-07-30\.json\)\. Run again when it has finished; if no import is running, delete .+\/\.paperboy-import\.lock\n$/,
      );
      expect([...(await snapshotDir(dir())).keys()]).toEqual(['.paperboy-import.lock']);
    } finally {
      await lock.release();
    }
  });
});

describe.skipIf(process.platform === 'win32')(
  'npm run import: a lock path that is not a lock file',
  { timeout: 60_000 },
  () => {
    test.each([
      ['a directory', ['mkdir'], 'is a directory'],
      ['a named pipe', ['mkfifo'], 'is a named pipe (FIFO)'],
      ['a link to /dev/zero', ['ln', '-s', '/dev/zero'], 'is a symbolic link (to /dev/zero)'],
    ])('%s: a message and exit 3 within --wait, no stack trace, nothing written', (_, command, kind) => {
      const lock = join(dir(), '.paperboy-import.lock');
      const [program = '', ...args] = command;
      expect(spawnSync(program, [...args, lock]).status).toBe(0);
      const started = Date.now();
      const result = runWithin(20_000, '--wait', '2', '--out', dir(), fixture('hf-old-shape.json'));
      expect(result.code).toBe(3);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(result.stderr).toBe(
        `import: the store ${dir()} cannot be locked: ${lock} ${kind}, not the lock file an import writes. Nothing was read or written; remove it and run again\n`,
      );
      expect(readdirSync(dir())).toEqual(['.paperboy-import.lock']);
    });
  },
);
