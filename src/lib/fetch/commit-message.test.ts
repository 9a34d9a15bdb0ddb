import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { useTempContentDir } from '../../../tests/helpers.ts';
import { commitMessage } from './commit-message.ts';

describe('commitMessage', () => {
  test('one day: the subject alone', () => {
    const diff = [
      'A\tcontent/papers/2026-11-27/2611.00001.md',
      'A\tcontent/papers/2026-11-27/2611.00002.md',
      'M\tcontent/papers/2026-11-27/2611.00003.md',
    ].join('\n');
    expect(commitMessage(diff)).toBe('Papers for 2026-11-27: 2 new, 1 updated');
  });

  test('several days: the range, then a line per day; a paper moved to another day counts on its new day', () => {
    const diff = [
      'A\tcontent/papers/2026-11-27/2611.00001.md',
      'R091\tcontent/papers/2026-11-27/2611.00002.md\tcontent/papers/2026-11-25/2611.00002.md',
      'M\tcontent/papers/2026-11-26/2611.00003.md',
      'A\tcontent/topics.yaml',
      '',
    ].join('\n');
    expect(commitMessage(diff)).toBe(
      [
        'Papers for 2026-11-25 to 2026-11-27: 1 new, 1 updated, 1 moved',
        '',
        '2026-11-25: 0 new, 0 updated, 1 moved',
        '2026-11-26: 0 new, 1 updated',
        '2026-11-27: 1 new, 0 updated',
      ].join('\n'),
    );
  });

  test('nothing about papers: no message', () => {
    expect(commitMessage('')).toBeUndefined();
    expect(commitMessage('M\tcontent/topics.yaml\nD\tcontent/papers/2026-11-27/notes.txt')).toBeUndefined();
  });

  test('a change of the fetch state alone (a day without papers) makes a message', () => {
    expect(commitMessage('M\tcontent/fetch-state.json')).toBe('No new papers; fetch-state.json updated');
    expect(commitMessage('A\tcontent/fetch-state.json\nM\tcontent/delivery-state.json\n')).toBe(
      'No new papers; delivery-state.json and fetch-state.json updated',
    );
  });

  test('a change that only deletes (a store repair) makes a message', () => {
    expect(commitMessage('D\tcontent/papers/2026-11-27/2611.00001.md\n')).toBe(
      'Papers for 2026-11-27: 0 new, 0 updated, 1 removed',
    );
  });

  test('a retraction, its undoing and a move each make a message', () => {
    const retraction = [
      'D\tcontent/papers/2026-11-27/2611.00001.md',
      'A\tcontent/papers/retracted/2611.00001.yaml',
    ].join('\n');
    expect(commitMessage(retraction)).toBe('Papers for 2026-11-27: 0 new, 0 updated, 1 removed; 1 retracted');
    expect(commitMessage('D\tcontent/papers/retracted/2611.00001.yaml')).toBe(
      'Papers: 1 retraction(s) undone',
    );
    expect(commitMessage('M\tcontent/papers/retracted/2611.00001.yaml')).toBe(
      'Papers: 1 retraction(s) updated',
    );
    expect(
      commitMessage('R098\tcontent/papers/2026-11-27/2611.00001.md\tcontent/papers/2026-11-26/2611.00001.md'),
    ).toBe('Papers for 2026-11-26: 0 new, 0 updated, 1 moved');
  });
});

describe('node src/lib/fetch/commit-message.ts in a real repository', () => {
  const dir = useTempContentDir();

  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
      cwd: dir(),
      encoding: 'utf8',
    });

  test('reads `git diff --cached --name-status -M` as the workflow runs it', async () => {
    const papers = join(dir(), 'content/papers');
    const body = (id: string) =>
      `---\nid: "${id}"\ntitle: "A paper with a title long enough"\n---\nAbstract.\n`;
    await mkdir(join(papers, '2026-11-26'), { recursive: true });
    await writeFile(join(papers, '2026-11-26/2611.00001.md'), body('2611.00001'));
    await writeFile(join(papers, '2026-11-26/2611.00002.md'), body('2611.00002'));
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    await mkdir(join(papers, '2026-11-27'));
    await writeFile(join(papers, '2026-11-27/2611.00003.md'), body('2611.00003'));
    await writeFile(join(papers, '2026-11-26/2611.00001.md'), `${body('2611.00001')}More.\n`);
    await mkdir(join(papers, '2026-11-25'));
    await rename(join(papers, '2026-11-26/2611.00002.md'), join(papers, '2026-11-25/2611.00002.md'));
    git('add', '-A', 'content/');
    const diff = git('diff', '--cached', '--name-status', '-M', '--', 'content/papers');
    const cli = fileURLToPath(new URL('./commit-message.ts', import.meta.url));
    const result = spawnSync(process.execPath, [cli], { input: diff, encoding: 'utf8' });
    expect(result.stdout.split('\n')[0]).toBe(
      'Papers for 2026-11-25 to 2026-11-27: 1 new, 1 updated, 1 moved',
    );
    expect(result.status).toBe(0);
    git('commit', '-q', '-m', 'papers');
    // The next run only removes a file (a store repair, a retraction's record): still a message, exit 0.
    await rm(join(papers, '2026-11-27/2611.00003.md'));
    git('add', '-A', 'content/');
    const deletion = spawnSync(process.execPath, [cli], {
      input: git('diff', '--cached', '--name-status', '-M', '--', 'content/papers'),
      encoding: 'utf8',
    });
    expect([deletion.stdout, deletion.status]).toEqual([
      'Papers for 2026-11-27: 0 new, 0 updated, 1 removed\n',
      0,
    ]);
  });
});
