import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { STORE_OWNED } from '../store/owned-paths.ts';
import { changeProblems } from './handoff.ts';
import { FAST, type FakeApi, fetchFixture, json, startFakeApi } from './test-server.ts';

/**
 * The daily workflow's hand-off from the read-only fetch job to the commit job, on a scratch git
 * repository: what a fetch killed part-way leaves is handed on whole records only, the patch applies to
 * the commit the fetch started from, and a change with anything but the store's own valid files is
 * not handed on at all.
 */

const project = fileURLToPath(new URL('../../../', import.meta.url));
const handoff = join(project, 'src/lib/fetch/handoff.ts');
const record = readFileSync(join(project, 'tests/fixtures/papers/2026-07-29/2607.99001.md'), 'utf8');
let repo: string;
let out: string;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

function write(path: string, text: string): void {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
}

function runHandoff() {
  const result = spawnSync(process.execPath, [handoff, out], { cwd: repo, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The files under content/ of a checkout, path → bytes as text. */
function contentFiles(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(join(root, 'content'), { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      found.set(path.slice(root.length + 1), readFileSync(path, 'utf8'));
    }
  return found;
}

/** A fresh clone of the commit the fetch started from, with the handed-on patch applied as the commit job does. */
function applied(): Map<string, string> {
  const clone = join(repo, '..', 'clone');
  rmSync(clone, { recursive: true, force: true });
  git(join(repo, '..'), 'clone', '--quiet', repo, clone);
  git(clone, 'apply', '--index', join(out, 'change.patch'));
  return contentFiles(clone);
}

/** The fetch checkout's content/ without the files whose names start with a dot (leftovers, the lock). */
function withoutLeftovers(): Map<string, string> {
  return new Map([...contentFiles(repo)].filter(([path]) => !path.split('/').at(-1)?.startsWith('.')));
}

beforeEach(() => {
  const scratch = mkdtempSync(join(tmpdir(), 'paperboy-handoff-'));
  repo = join(scratch, 'repo');
  out = join(scratch, 'out');
  mkdirSync(repo);
  git(repo, 'init', '--quiet');
  cpSync(join(project, '.gitignore'), join(repo, '.gitignore'));
  write('content/papers/2026-07-29/2607.99001.md', record);
  write('content/topics.yaml', readFileSync(join(project, 'content/topics.yaml'), 'utf8'));
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', 'base');
});
afterEach(() => rmSync(join(repo, '..'), { recursive: true, force: true }));

describe('a fetch killed part-way', () => {
  let api: FakeApi;
  let fetch: ChildProcess | undefined;
  beforeEach(async () => {
    api = await startFakeApi();
  });
  afterEach(async () => {
    fetch?.kill('SIGKILL');
    await api.close();
  });

  test('hands on the days it finished, whole, and none of the writer’s or the lock’s leftovers', async () => {
    api.hf('2026-01-21', json(fetchFixture('hf-2026-01-21.json')));
    api.hf('2026-01-22', { hang: true });
    const child = spawn(
      process.execPath,
      [join(project, 'src/lib/fetch/cli.ts'), 'hf', '--since', '2026-01-21', '--until', '2026-01-22'].concat([
        '--out',
        join(repo, 'content/papers'),
      ]),
      {
        cwd: project,
        env: { ...process.env, GITHUB_REPOSITORY: '', PAPERBOY_HF_API: api.hfApi, ...FAST },
        stdio: 'ignore',
      },
    );
    fetch = child;
    // The fetcher imports a day before it asks for the next: once it asks for the 22nd, the 21st is in.
    await expect
      .poll(() => api.requests.some((request) => request.key === 'hf 2026-01-22 p0'), { timeout: 20_000 })
      .toBe(true);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // What a kill in the middle of an import leaves: a half-written record, the lock and its leftovers.
    write('content/papers/.paperboy-import.lock', '{"pid": 4242}');
    write('content/papers/2026-01-21/.2601.99999.md.4242.1.tmp', '---\nid: "2601.99999"\ntitle: half');
    write('content/papers/.paperboy-import.lock.stale.4242.1', '{}');
    write('content/papers/.paperboy-import.lock.4242.2.tmp', '{');

    const result = runHandoff();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const fetched = readdirSync(join(repo, 'content/papers/2026-01-21'));
    const records = fetched.filter((name) => !name.startsWith('.'));
    expect(records.length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'message'), 'utf8')).toBe(
      `Papers for 2026-01-21: ${records.length} new, 0 updated\n`,
    );
    const after = applied();
    expect(after).toEqual(withoutLeftovers());
    expect([...after.keys()].filter((path) => path.startsWith('content/papers/2026-01-21/')).sort()).toEqual(
      records.map((name) => `content/papers/2026-01-21/${name}`).sort(),
    );
    expect([...after.keys()].every((path) => STORE_OWNED.test(path) || path === 'content/topics.yaml')).toBe(
      true,
    );
  }, 60_000);
});

describe('handing on a change', () => {
  test('deletions, changes and additions, byte for byte', () => {
    rmSync(join(repo, 'content/papers/2026-07-29/2607.99001.md'));
    const moved = record.replace("day: '2026-07-29'", "day: '2026-07-28'");
    write('content/papers/2026-07-28/2607.99001.md', moved);
    write('content/fetch-state.json', '{"hf": "2026-07-28"}\n');
    expect(runHandoff().code).toBe(0);
    expect(applied()).toEqual(contentFiles(repo));
    expect(readFileSync(join(out, 'change.patch'), 'utf8')).toContain('deleted file mode 100644');
  });

  test('nothing changed: nothing handed on', () => {
    const result = runHandoff();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing under content/ changed');
    expect(existsSync(out)).toBe(false);
  });

  test('a change with a file the store does not own, or an invalid record, is not handed on at all', () => {
    write('content/papers/2026-07-30/2607.99003.md', record.replace('2607.99001', '2607.99003'));
    write('content/topics.yaml', '[]\n');
    write('content/papers/2026-07-30/notes.txt', 'hi');
    write('content/papers/2026-07-30/2607.99004.md', '---\ntitle: no id\n---\nText.\n');
    const result = runHandoff();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/topics.yaml: not a file the store owns');
    expect(result.stderr).toContain('content/papers/2026-07-30/notes.txt: not a file the store owns');
    expect(result.stderr).toContain('content/papers/2026-07-30/2607.99004.md: not a valid record');
    expect(result.stderr).toContain('content/papers/2026-07-30/2607.99003.md: holds the record');
    expect(existsSync(out)).toBe(false);
  });
});

describe('changeProblems', () => {
  const read = (texts: Record<string, string>) => (path: string) => texts[path] ?? '';

  test.each([
    ['content/papers/2026-07-29/2607.99001.md', 'A', record, []],
    ['content/papers/2026-07-29/2607.99001.md', 'D', '', []],
    ['content/fetch-state.json', 'M', '{}', []],
    ['content/fetch-state.json', 'M', '{', ['not valid JSON']],
    [
      'content/papers/retracted/2607.99001.yaml',
      'A',
      "id: '2607.99001'\ntitle: A\nday: '2026-07-29'\nretracted: '2026-07-30'\nreason: A duplicate.\n",
      [],
    ],
    ['content/papers/retracted/2607.99001.yaml', 'A', 'withdrawn: duplicate', ['not a valid tombstone']],
    [
      'content/papers/retracted/2607.99002.yaml',
      'A',
      "id: '2607.99001'\ntitle: A\nday: '2026-07-29'\nretracted: '2026-07-30'\nreason: A duplicate.\n",
      ['holds the tombstone of 2607.99001'],
    ],
    ['content/papers/2026-07-29/2607.99001.md', 'T', record, ['unexpected change "T"']],
    ['content/papers/2026-07-29/.2607.99001.md.1.1.tmp', 'A', record, ['not a file the store owns']],
    ['.github/workflows/daily.yml', 'M', '', ['not a file the store owns']],
    ['content/papers/2026-07-29/../../../x.md', 'A', record, ['not a file the store owns']],
  ])('%s (%s)', (path, status, text, expected) => {
    const problems = changeProblems([{ status, path }], read({ [path]: text }));
    expect(problems.map((problem, i) => problem.includes(expected[i] ?? '\0'))).toEqual(
      expected.map(() => true),
    );
  });
});
