/**
 * Builds the site from N synthetic papers and prints wall time, peak memory, page count and output
 * size: how the build grows towards 100,000 papers within GitHub Pages' 1 GB limit.
 * Usage: npm run bench -- [N=10000] [PAPERS_PER_DAY=50]   (KEEP_OUTPUT=1 keeps the built site to look at)
 * The papers reuse the demo day's titles and abstracts (with numbered ids), so text and math are real.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecord, serialiseRecord } from '../src/lib/import/record-file.ts';
import type { PaperRecord } from '../src/lib/import/types.ts';

const count = Number(process.argv[2] ?? 10_000);
const perDay = Number(process.argv[3] ?? 50);
const demoDir = 'content/papers/2026-07-30';
const demo = readdirSync(demoDir).map((file) => {
  const read = readRecord(readFileSync(join(demoDir, file), 'utf8'));
  if (!read.ok) throw new Error(`${file}: ${read.message}`);
  return read.record;
});

// Inside the project: the content layer reads globs relative to it (src/content.config.ts).
const contentDir = '.bench/papers';
rmSync('.bench', { recursive: true, force: true });
const work = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
const start = Date.UTC(2026, 6, 30);
for (let index = 0; index < count; index++) {
  const day = new Date(start - Math.floor(index / perDay) * 86_400_000).toISOString().slice(0, 10);
  const template = demo[index % demo.length] as PaperRecord;
  const id = `bench-${String(index).padStart(6, '0')}`;
  const data = { ...template.data, id, day, title: `${template.data.title} (${index})`, upvotes: index % 97 };
  mkdirSync(join(contentDir, day), { recursive: true });
  writeFileSync(join(contentDir, day, `${id}.md`), serialiseRecord({ data, abstract: template.abstract }));
}

const outDir = join(work, 'dist');
const build = spawnSync('/usr/bin/time', ['-v', 'npx', 'astro', 'build'], {
  env: {
    ...process.env,
    PAPERBOY_CONTENT: `${contentDir}/**/*.md`,
    OUT_DIR: outDir,
    BASE_PATH: '/paperboy/',
  },
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
if (build.status !== 0) {
  console.error(build.stdout.slice(-4000), build.stderr.slice(-4000));
  process.exit(1);
}
const stat = (label: string) => build.stderr.match(new RegExp(`${label}: (.*)`))?.[1] ?? '?';
// File bytes, as GitHub Pages counts the uploaded site (du would add 4 KiB per page directory).
const du = (path: string) =>
  spawnSync('find', [path, '-type', 'f', '-printf', '%s\n'], { encoding: 'utf8' })
    .stdout.split('\n')
    .reduce((sum, size) => sum + Number(size || 0), 0);
const find = spawnSync('find', [outDir, '-name', '*.html'], { encoding: 'utf8' }).stdout.trim().split('\n');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

console.log(`papers: ${count} (${Math.ceil(count / perDay)} days)`);
console.log(`build wall time: ${stat('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')}`);
console.log(`peak memory: ${mib(Number(stat('Maximum resident set size \\(kbytes\\)')) * 1024)}`);
console.log(`html pages: ${find.length}`);
const parts = ['papers', 'days', 'topics', 'pagefind', '_astro'].map(
  (part) => `${part} ${mib(du(join(outDir, part)))}`,
);
console.log(`dist: ${mib(du(outDir))} (${parts.join(', ')})`);
console.log(build.stdout.match(/indexed \d+ pages in \d+ ms/)?.[0] ?? '');
rmSync('.bench', { recursive: true, force: true });
if (process.env.KEEP_OUTPUT) console.log(`output kept in ${outDir}`);
else rmSync(work, { recursive: true, force: true });
