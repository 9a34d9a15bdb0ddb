import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fixture, snapshotDir, tempContentDir } from '../../../tests/helpers.ts';

/** The CLI as the maintainer runs it (`npm run import`): Node's own type stripping on cli.ts. */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('./cli.ts', import.meta.url)), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempContentDir());
});
afterEach(async () => {
  await cleanup();
});

describe('npm run import', () => {
  test('prints one line per file and a total; exit 0 when nothing is rejected', () => {
    const result = run('--out', dir, fixture('hf-old-shape.json'), fixture('arxiv-current.atom.xml'));
    expect(result.stdout).toBe(
      [
        'hf-old-shape.json (hf): 1 new, 0 updated, 0 unchanged, 0 rejected',
        'arxiv-current.atom.xml (arxiv): 1 new, 0 updated, 0 unchanged, 0 rejected',
        'total: 2 new, 0 updated, 0 unchanged, 0 rejected',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    expect(run('--out', dir, fixture('hf-old-shape.json')).stdout).toContain('0 new, 0 updated, 1 unchanged');
  });

  test('exit 1 and one message per rejected record', () => {
    const result = run('--out', dir, '--format', 'jsonl', fixture('papers.jsonl'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('papers.jsonl (jsonl): 2 new, 0 updated, 0 unchanged, 4 rejected');
    expect(result.stderr).toContain('papers.jsonl: line 4 (bad-day): day: not a real calendar day');
  });

  test('--dry-run writes nothing', async () => {
    const result = run('--dry-run', '--out', dir, fixture('hf-current.json'));
    expect(result.stdout).toContain('(dry run: nothing written)');
    expect(await snapshotDir(dir)).toEqual(new Map());
  });

  test('a refused file: one clear message, exit 1', () => {
    const result = run('--out', dir, fixture('hf-truncated.json'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^hf-truncated\.json: refused: not valid JSON \(truncated or malformed\?\): .* \(nothing written\)$/m,
    );
  });

  test.each([
    [['--date', '2026-13-01', 'x'], '--date must be a real day'],
    [['--format', 'csv', 'x'], '--format must be'],
    [[], 'no files given'],
    [['--bogus', 'x'], 'Unknown option'],
  ])('usage errors exit 2: %j', (args, message) => {
    const result = run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('a text digest without --date asks for it', () => {
    const result = run('--out', dir, fixture('text-digest-nasty.txt'));
    expect(result.stdout).toContain('has no year: pass --date YYYY-MM-DD');
    const dated = run('--out', dir, '--date', '2026-08-02', fixture('text-digest-nasty.txt'));
    expect(dated.stdout).toContain('text-digest-nasty.txt (text): 2 new, 0 updated, 0 unchanged, 1 rejected');
  });
});
