/**
 * Checks that a daily rebuild publishes exactly what a full build would: the e2e papers are built once
 * (filling a cache folder), then changed the way days change them (a new day imported, a title
 * corrected, a record removed, a paper retracted), built again with that cache, and built once more from nothing. The
 * two builds of the changed papers must be the same files, byte for byte, and the rebuild must have
 * copied pages from the first build (or it checked nothing). A page whose cache key misses something
 * it shows would be a stale copy here.
 * Usage: npm run test:incremental (part of npm test). Works in .test-content/incremental/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countRenderedPages } from './bench/measure.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const work = '.test-content/incremental';
const papers = `${work}/papers`;
const astro = join(root, 'node_modules/astro/bin/astro.mjs');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function build(outDir: string, cacheDir: string): string {
  return run(process.execPath, [astro, 'build'], {
    PAPERBOY_CONTENT: `${papers}/**/*.md`,
    PAPERBOY_CACHE_DIR: `${work}/${cacheDir}`,
    OUT_DIR: `${work}/${outDir}`,
    BASE_PATH: '/paperboy/',
    SITE_URL: 'https://check.example',
    DAY_PAGE_SIZE: '20',
    TOPIC_PAGE_SIZE: '10',
  });
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

/** A record file of the demo day, by the first words of its title. */
function recordFile(titleStart: string): string {
  const day = join(root, papers, '2026-07-30');
  for (const name of readdirSync(day)) {
    const text = readFileSync(join(day, name), 'utf8');
    if (text.includes(`\ntitle: ${titleStart}`)) return join(day, name);
  }
  throw new Error(`no record titled "${titleStart}…" on 2026-07-30`);
}

/** Rebuilds with the cache, builds the same papers from nothing, and fails unless the two are the same. */
function checkRebuild(step: string, cacheDir: string): void {
  console.log(`check-incremental: ${step}: rebuild with the cache, then a full build of the same papers`);
  const log = build('rebuilt', cacheDir);
  build('full', `${cacheDir}-fresh`);
  rmSync(join(root, work, `${cacheDir}-fresh`), { recursive: true, force: true });
  const { restored } = countRenderedPages(log);
  const rebuilt = files(join(root, work, 'rebuilt'));
  const full = files(join(root, work, 'full'));
  const differences = [...new Set([...rebuilt.keys(), ...full.keys()])]
    .filter((path) => !full.has(path) || !rebuilt.get(path)?.equals(full.get(path) as Buffer))
    .sort();
  if (restored === 0)
    throw new Error(`${step}: the rebuild copied no page from the cache: nothing was checked`);
  if (differences.length > 0) {
    console.error(
      `check-incremental: ${step}: the rebuild differs from the full build in ${differences.length} files:`,
    );
    for (const path of differences.slice(0, 20)) console.error(`  ${path}`);
    process.exit(1);
  }
  console.log(`check-incremental: ${step}: equal (${restored} of ${full.size} files copied from the cache)`);
}

rmSync(join(root, work), { recursive: true, force: true });
mkdirSync(join(root, papers), { recursive: true });
cpSync(join(root, 'content/papers'), join(root, papers), { recursive: true });
cpSync(join(root, 'tests/fixtures/papers'), join(root, papers), { recursive: true });
console.log('check-incremental: full build of the e2e papers, filling the cache');
build('first', 'cache');

// A corrected title alone, keeping its place in the day's order and adding no word another paper has,
// so that only the pages that show it change: its own, its neighbours', and the lists it is on.
const renamed = recordFile('A Benchmark Dataset');
const text = readFileSync(renamed, 'utf8');
const title = /\ntitle: (.*)\n/.exec(text)?.[1] ?? '';
writeFileSync(renamed, text.replace(`\ntitle: ${title}\n`, `\ntitle: ${title} (Revised)\n`));
checkRebuild('a corrected title', 'cache');

// A day's worth of change: new papers (whose words make them related to older ones) and a withdrawn record.
const newDay = join(root, work, 'new-day.jsonl');
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
run('npm', ['run', 'import', '--', '--out', papers, newDay]);
rmSync(recordFile('A Critical Review'));
checkRebuild('a new day and a withdrawn record', 'cache');

// A retraction: the paper leaves every listing, and its page becomes a withdrawn page.
const retracted =
  /\nid: "?([^"\n]+)"?\n/.exec(readFileSync(recordFile('A Benchmark Dataset'), 'utf8'))?.[1] ?? '';
run('npm', [
  'run',
  'retract',
  '--',
  retracted,
  '--why',
  'A check of the incremental build.',
  '--out',
  papers,
]);
checkRebuild('a retraction', 'cache');
rmSync(join(root, work), { recursive: true, force: true });
