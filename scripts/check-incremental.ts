/**
 * Checks that a rebuild with the kept caches publishes exactly what a clean build would, file for
 * file, whatever changed since the cache was written:
 *
 * - content, the way days change it (a title corrected, a new day imported, a record removed, a
 *   paper retracted);
 * - the code (a change to record normalisation in model/, to what the search step indexes, to the
 *   topic matcher): every cache is keyed by the code that wrote it (src/lib/cache/);
 * - a build interrupted by SIGINT or SIGKILL after the content sync, in the middle of rendering and
 *   during the search step, after which the change is reverted: a cache counts only once the build
 *   that wrote it completed.
 *
 * The builds are `npm run build`'s two steps (astro build, then the search index) in a copy of the
 * project's code (`CODE_PATHS`) under .test-content/incremental/project/, so that the code changes
 * never touch the working tree. The e2e papers are its content.
 * Usage: npm run test:incremental (part of npm test).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CODE_PATHS } from '../src/lib/cache/code-hash.ts';
import { countRenderedPages } from './bench/measure.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const work = join(root, '.test-content/incremental');
const project = join(work, 'project');
const papers = join(project, 'papers');
const astro = join(root, 'node_modules/astro/bin/astro.mjs');

const ENV = {
  PAPERBOY_CONTENT: 'papers/**/*.md',
  BASE_PATH: '/paperboy/',
  SITE_URL: 'https://check.example',
  DAY_PAGE_SIZE: '20',
  TOPIC_PAGE_SIZE: '10',
  // Two search shards, so that a day's change leaves one of them to keep.
  PAPERBOY_SEARCH_SHARD_SIZE: '60',
  // Plain output, so an interruption finds its line: with CI set, Astro's logger colours it even into
  // a pipe, and an escape code then sits inside "[content] Synced content".
  NO_COLOR: '1',
};

/**
 * Where to stop a build and how: the step; the point, either a line the step prints or a file write
 * where `check-incremental-stop.ts` holds the step (paths containing every string of `at`, after one
 * containing every string of `after`); the signal.
 */
interface Interruption {
  step: 'astro' | 'search';
  at: { line: string } | { write: { after?: string[]; at: string[] } };
  signal: 'SIGINT' | 'SIGKILL';
}

const STOP_HOOK = new URL('./check-incremental-stop.ts', import.meta.url).href;
const STOPPED = '[check-incremental] stopped before writing';

/**
 * Runs one step in the project copy and returns its output; with an interruption, sends the signal
 * to the step's process group (as Ctrl-C or a killed job does) at the first line that matches.
 */
function runStep(
  cwd: string,
  args: string[],
  env: Record<string, string>,
  interruption?: Interruption,
): Promise<string> {
  const point = interruption?.at;
  const hook =
    point && 'write' in point
      ? [`--import=${STOP_HOOK}?stop=${encodeURIComponent(JSON.stringify(point.write))}`]
      : [];
  const line = point && ('line' in point ? point.line : STOPPED);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...hook, ...args], {
      cwd,
      env: { ...process.env, ...ENV, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let interrupted = false;
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    createInterface({ input: child.stdout }).on('line', (text) => {
      output += `${text}\n`;
      if (interruption && !interrupted && line !== undefined && text.includes(line)) {
        interrupted = true;
        process.kill(-(child.pid as number), interruption.signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (interruption && signal !== interruption.signal)
        reject(
          new Error(`${args.join(' ')} ended (${code}) before ${interruption.signal} stopped it:\n${output}`),
        );
      else if (!interruption && code !== 0) reject(new Error(`${args.join(' ')} failed:\n${output}`));
      else resolve(output);
    });
  });
}

/**
 * `npm run build` in a project copy (the main one unless told; a cache is only of use in the copy it
 * was made in): astro build, then the search step, unless interrupted in between.
 */
async function build(
  outDir: string,
  cacheDir: string,
  options: { interruption?: Interruption; cwd?: string } = {},
): Promise<string> {
  const { interruption, cwd = project } = options;
  const env = { OUT_DIR: join(work, outDir), PAPERBOY_CACHE_DIR: join(work, cacheDir) };
  const stopAstro = interruption?.step === 'astro' ? interruption : undefined;
  const log = await runStep(cwd, [astro, 'build'], env, stopAstro);
  if (stopAstro) return log;
  return log + (await runStep(cwd, ['src/lib/search/cli.ts'], env, interruption));
}

function files(dir: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      found.set(path.slice(dir.length + 1), readFileSync(path));
    }
  return found;
}

/** The files that differ between two built sites (present in one only, or with other bytes). */
function differences(a: string, b: string): string[] {
  const left = files(join(work, a));
  const right = files(join(work, b));
  return [...new Set([...left.keys(), ...right.keys()])]
    .filter((path) => !right.has(path) || !left.get(path)?.equals(right.get(path) as Buffer))
    .sort();
}

/** A record file of the demo day, by the first words of its title. */
function recordFile(titleStart: string, cwd = project): string {
  const day = join(cwd, 'papers', '2026-07-30');
  for (const name of readdirSync(day)) {
    const text = readFileSync(join(day, name), 'utf8');
    if (text.includes(`\ntitle: ${titleStart}`)) return join(day, name);
  }
  throw new Error(`no record titled "${titleStart}…" on 2026-07-30`);
}

/** Replaces `from` with `to` in a file of the project copy; `from` must be there. */
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

const failures: string[] = [];

/** Records a failed case (the others still run, so one run shows every case's result). */
function expectSame(name: string, a: string, b: string): void {
  const different = differences(a, b);
  if (different.length === 0) return;
  failures.push(name);
  console.error(`check-incremental: ${name}: FAILED: ${a} and ${b} differ in ${different.length} files:`);
  for (const path of different.slice(0, 10)) console.error(`  ${path}`);
}

/** A copy of the reference state's cache (or project) for one case, so that each case starts from it. */
function copyFor(name: string, from = 'cache'): string {
  rmSync(join(work, name), { recursive: true, force: true });
  cpSync(join(work, from), join(work, name), { recursive: true });
  return name;
}

/** Rebuilds with the cache, builds the same papers from nothing, and compares the two. */
async function checkRebuild(name: string, cacheDir: string, expectCopies: boolean): Promise<void> {
  console.log(`check-incremental: ${name}: rebuild with the cache, and a clean build`);
  rmSync(join(work, 'fresh-cache'), { recursive: true, force: true });
  // At the same time, in two copies of the project (a build writes its bundle into the project's
  // .astro/): two Astro builds of 300 pages keep two cores busy.
  const clean = join(work, copyFor('project-clean', 'project'));
  const [log] = await Promise.all([build('rebuilt', cacheDir), build('full', 'fresh-cache', { cwd: clean })]);
  const { restored } = countRenderedPages(log);
  if (expectCopies && restored === 0)
    throw new Error(`${name}: the rebuild copied no page from the cache: nothing was checked`);
  expectSame(name, 'rebuilt', 'full');
  console.log(`check-incremental: ${name}: done (${restored} pages copied from the cache)`);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(project, { recursive: true });
for (const path of [...CODE_PATHS, 'content/topics.yaml', 'content/topic-model.json'])
  cpSync(join(root, path), join(project, path), { recursive: true });
cpSync(join(root, 'content/papers'), papers, { recursive: true });
cpSync(join(root, 'tests/fixtures/papers'), papers, { recursive: true });
// A title with a double space, for the normalisation case below.
edit(recordFile('A Global Context Mechanism'), 'A Global Context Mechanism', 'A Global Context  Mechanism');

try {
  console.log('check-incremental: a clean build of the e2e papers, filling the cache');
  await build('first', 'cache');

  // A corrected title alone, keeping its place in the day's order and adding no word another paper
  // has, so that only the pages that show it change: its own, its neighbours', and the lists it is on.
  const renamed = recordFile('A Benchmark Dataset');
  const title = /\ntitle: (.*)\n/.exec(readFileSync(renamed, 'utf8'))?.[1] ?? '';
  edit(renamed, `\ntitle: ${title}\n`, `\ntitle: ${title} (Revised)\n`);
  await checkRebuild('a corrected title', 'cache', true);

  // A day's worth of change: new papers (whose words make them related to older ones) and a withdrawn record.
  const newDay = join(work, 'new-day.jsonl');
  writeFileSync(
    newDay,
    [
      {
        title: 'Protein Language Models for Enzymatic Function Prediction',
        abstract:
          'We train protein language models on DNA sequences and natural language descriptions of enzymatic function.',
      },
      {
        title: 'A Benchmark for Multimodal Gene Function',
        abstract: 'A multimodal benchmark dataset of gene sequences, with baselines for supervised tasks.',
      },
    ]
      .map((paper) => JSON.stringify({ ...paper, day: '2026-07-31', authors: ['A. Author'] }))
      .join('\n'),
  );
  await runStep(project, ['src/lib/import/cli.ts', '--out', papers, newDay], {});
  rmSync(recordFile('A Critical Review'));
  await checkRebuild('a new day and a withdrawn record', 'cache', true);
  // A retraction: the paper leaves every listing, and its page becomes a withdrawn page.
  const retracted =
    /\nid: "?([^"\n]+)"?\n/.exec(readFileSync(recordFile('A Benchmark Dataset'), 'utf8'))?.[1] ?? '';
  await runStep(
    project,
    [
      'src/lib/store/cli.ts',
      'retract',
      retracted,
      '--why',
      'A check of the incremental build.',
      '--out',
      papers,
    ],
    {},
  );
  await checkRebuild('a retraction', 'cache', true);
  // A topic model trained again: papers change topics though no record and no code changed.
  cpSync(join(work, 'full'), join(work, 'before-model'), { recursive: true });
  edit(join(project, 'content/topic-model.json'), '"addAt": 0.6,', '"addAt": 0.4,');
  await checkRebuild('a topic model trained again (it adds topics more readily)', 'cache', true);
  if (!differences('full', 'before-model').some((path) => path.startsWith('topics/')))
    throw new Error('a topic model trained again: no topic page changed, so nothing was checked');
  // The clean build of these papers with the project's own code: what the cases below must give back.
  rmSync(join(work, 'reference'), { recursive: true, force: true });
  cpSync(join(work, 'full'), join(work, 'reference'), { recursive: true });

  // Code changes, each from the cache of the code before it, then reverted.
  const codeChanges: [string, string, string, string][] = [
    [
      'a change to record normalisation (model/paper.ts collapses double spaces in titles)',
      'src/lib/model/paper.ts',
      '    title: nonEmptyText,',
      "    title: nonEmptyText.transform((title) => title.replace(/ {2,}/g, ' ')),",
    ],
    [
      'a change to what the search step indexes (only the first 200 characters of an abstract)',
      'src/lib/search/pagefind-index.ts',
      "abstractText: abstract.replace(/\\s+/g, ' '),",
      "abstractText: abstract.replace(/\\s+/g, ' ').slice(0, 200),",
    ],
    [
      "a change to the topic matcher's code (the model adds only the topics it is all but sure of)",
      'src/lib/site/topics.ts',
      'if (probability >= model.addAt) kept.add(position);',
      'if (probability >= 0.99) kept.add(position);',
    ],
  ];
  for (const [name, file, from, to] of codeChanges) {
    edit(join(project, file), from, to);
    await checkRebuild(name, copyFor('case-cache'), false);
    // A change that shows nowhere would check nothing.
    if (differences('full', 'reference').length === 0)
      throw new Error(`${name}: the change shows in no file`);
    edit(join(project, file), to, from);
  }

  // Interrupted builds: a title changed, a build stopped at one point, the change reverted, a rebuild.
  // Each in the project the cache was made in: Astro's keys for a route's code name its modules by path.
  const retitled = recordFile('A Fine-tuning Dataset');
  const paperPage = `/papers/${retitled.split('/').at(-1)?.replace(/\.md$/, '')}/index.html`;
  const cache = join(work, 'case-cache');
  const points: { name: string; step: Interruption['step']; at: Interruption['at'] }[] = [
    { name: 'after the content sync', step: 'astro', at: { line: '[content] Synced content' } },
    // Astro keeps a copy of each page it renders in the cache folder, and writes its manifest last.
    {
      name: 'mid-render, after the changed paper page was kept',
      step: 'astro',
      at: { write: { after: [cache, paperPage], at: [cache] } },
    },
    {
      name: 'during the search step, every shard indexed and kept',
      step: 'search',
      at: { write: { at: ['pagefind/shards.json'] } },
    },
  ];
  for (const { name: point, step, at } of points)
    for (const signal of ['SIGINT', 'SIGKILL'] as const) {
      const name = `${signal} ${point}, then the change reverted`;
      console.log(`check-incremental: ${name}: rebuild with the cache`);
      const cacheDir = copyFor('case-cache');
      edit(retitled, '\ntitle: A Fine-tuning Dataset', '\ntitle: A Retitled Fine-tuning Dataset');
      await build('interrupted', cacheDir, { interruption: { step, at, signal } });
      edit(retitled, '\ntitle: A Retitled Fine-tuning Dataset', '\ntitle: A Fine-tuning Dataset');
      const { restored } = countRenderedPages(await build('rebuilt', cacheDir));
      expectSame(name, 'rebuilt', 'reference');
      console.log(`check-incremental: ${name}: done (${restored} pages copied from the cache)`);
    }
} finally {
  // The copies of the code are of no use after the run, failed or not.
  for (const name of ['project', 'project-clean']) rmSync(join(work, name), { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`check-incremental: ${failures.length} cases failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
console.log('check-incremental: every rebuild equals a clean build');
