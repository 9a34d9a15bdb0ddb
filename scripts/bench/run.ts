/**
 * The build benchmark (issue 7): generates N papers as Hugging Face daily-papers files (or takes real
 * ones, `--real DIR`), imports them with `npm run import`, builds Paperboy, and builds the same papers
 * as a bare Astro site and a minimal Hugo site (each indexed by the Pagefind CLI) in the same run, so
 * the ratios are fair; then prints where Paperboy's bytes go (scripts/bench/bytes.ts).
 * Usage: npm run bench -- --papers 1000,10000 [--per-day 50] [--real DIR] [--keep] [--no-floors] [--no-hugo]
 * Progress goes to stderr, the Markdown tables to stdout. Never touches content/: the importer writes
 * into .bench/papers (gitignored; the content layer reads globs relative to the project), and every
 * built site goes to a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { testSettings } from '../../tests/test-settings.ts';
import { parseBenchArgs, USAGE } from './args.ts';
import { measureFirstSearch, measurePage, serveSite } from './browser.ts';
import { bytesTables, measureBytes } from './bytes.ts';
import { writeAstroFloor, writeHugoFloor } from './floors.ts';
import { dayOfIndex, makeCorpus, writeDayFiles } from './generate.ts';
import { dayOfFile } from './import-days.ts';
import {
  assertSucceeded,
  changedPaths,
  countRenderedPages,
  fileBytes,
  fileDigests,
  listFiles,
  median,
  parseAstroPhases,
  parsePagefindLog,
  parseShardLog,
  type TimedRun,
  timed,
} from './measure.ts';
import {
  type DailyResult,
  dailyTable,
  type ImportResult,
  importTable,
  phasesTable,
  ratioTable,
  resultsTable,
  type SiteName,
  type SiteResult,
} from './table.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BASE = '/paperboy/';
const SITE = 'https://bench.example';
const PAPERS = '.bench/papers';
const CACHE = '.bench/cache/';
const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');
const pagefindBin = join(root, 'node_modules/.bin/pagefind');
const indexCli = join(root, 'src/lib/search/cli.ts');
const importDays = join(root, 'scripts/bench/import-days.ts');
const GiB = 1024 * 1024; // KiB in a GiB

const parsed = parseBenchArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`${parsed.message ? `bench: ${parsed.message}\n` : ''}${USAGE}\n`);
  process.exit(parsed.message ? 2 : 0);
}
const options = parsed.options;
const benchStarted = performance.now();

function log(message: string): void {
  const seconds = ((performance.now() - benchStarted) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

function hugoAvailable(): boolean {
  return spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0;
}

/** Keeps a command's output for --keep, and sums up its run on stderr. */
function record(run: TimedRun, logDir: string, name: string): TimedRun {
  mkdirSync(logDir, { recursive: true });
  writeFileSync(
    join(logDir, `${name}.log`),
    `$ ${run.command}\n${run.stdout}\n--- stderr ---\n${run.stderr}`,
  );
  const peaks = [...run.peaks.byName]
    .map(([process, kib]) => `${process} ${(kib / GiB).toFixed(2)}`)
    .join(', ');
  log(
    `  ${name}: ${(run.wallMs / 1000).toFixed(1)} s, exit ${run.exitCode}, max RSS ${(run.maxRssKiB / GiB).toFixed(2)} GiB (per process GiB: ${peaks})`,
  );
  return run;
}

/** `total: N new, M updated, K unchanged, E rejected` from the importer's output. */
function importCounts(output: string): { new: number; rejected: number } {
  const match = /total: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) rejected/.exec(output);
  if (!match) throw new Error(`the importer printed no total line:\n${output.slice(-2000)}`);
  return { new: Number(match[1]), rejected: Number(match[4]) };
}

/** Sizes and pages of a built site. */
function measureDist(out: string) {
  const pages = listFiles(out, (name) => name.endsWith('.html')).length;
  const paperPages = listFiles(join(out, 'papers'), (name) => name === 'index.html').map((path) => ({
    path,
    bytes: statSync(path).size,
  }));
  const middle = median(paperPages.map((page) => page.bytes));
  const medianPage = paperPages.find((page) => page.bytes === middle);
  return {
    pages,
    distBytes: fileBytes(out),
    // The index proper (metadata, word index, fragments, filters), without Pagefind's fixed UI and WASM files.
    indexBytes: fileBytes(join(out, 'pagefind'), (name) => /\.pf_(?:meta|index|fragment|filter)$/.test(name)),
    medianPaperPageBytes: middle,
    medianPaperUrl: medianPage ? relative(out, medianPage.path).replace(/index\.html$/, '') : undefined,
  };
}

interface Built {
  site: SiteName;
  out: string;
  result: SiteResult;
  medianPaperUrl: string | undefined;
}

/** The files of a built site that `astro build` writes (not the search index, written after it). */
const astroOutput = (path: string) => !path.startsWith('pagefind/');

function emptyResult(site: SiteName, papers: number): SiteResult {
  return {
    site,
    papers,
    pages: Number.NaN,
    buildS: Number.NaN,
    pagefindS: Number.NaN,
    totalS: Number.NaN,
    buildGiB: Number.NaN,
    pagefindGiB: Number.NaN,
    peakGiB: Number.NaN,
    distBytes: Number.NaN,
    indexBytes: Number.NaN,
    firstSearchBytes: Number.NaN,
    medianPaperPageBytes: Number.NaN,
    paperPageJsBytes: Number.NaN,
  };
}

/** A day file to import: generated ones carry their day, real ones are named for it. */
interface DayFile {
  file: string;
  day: string;
}

/** The `npm run import` arguments for one day file: a real one is given its day (older ones lack it). */
function importArgs(extra: DayFile): string[] {
  return ['run', 'import', '--', '--out', PAPERS, ...(options.real ? ['--date', extra.day] : []), extra.file];
}

/**
 * Imports the collection from scratch, then times one extra new day, then removes that day again.
 * Generated files go through one `npm run import`; real ones through scripts/bench/import-days.ts,
 * which gives each its day. `papers` is the count expected, unknown for real files (a paper can
 * appear on two days).
 */
async function importPapers(
  files: readonly DayFile[],
  extra: DayFile,
  papers: number | undefined,
  logDir: string,
): Promise<ImportResult> {
  rmSync(join(root, PAPERS), { recursive: true, force: true });
  log(`importing ${files.length} day files${papers ? ` (${papers} papers)` : ''}`);
  const all = record(
    assertSucceeded(
      options.real
        ? await timed(process.execPath, [importDays, PAPERS, ...files.map((day) => day.file)], { cwd: root })
        : await timed('npm', ['run', 'import', '--', '--out', PAPERS, ...files.map((day) => day.file)], {
            cwd: root,
          }),
    ),
    logDir,
    'import',
  );
  const counts = importCounts(all.stdout);
  if ((papers !== undefined && counts.new !== papers) || counts.rejected !== 0)
    throw new Error(
      `expected ${papers ?? 'the'} new and 0 rejected papers, the importer said ${JSON.stringify(counts)}`,
    );
  log(`importing one new day into the ${counts.new}-paper collection`);
  const day = record(
    assertSucceeded(await timed('npm', importArgs(extra), { cwd: root })),
    logDir,
    'import-one-day',
  );
  const dayCounts = importCounts(day.stdout);
  if ((!options.real && dayCounts.new !== options.perDay) || dayCounts.rejected !== 0)
    throw new Error(
      `expected ${options.perDay} new papers from ${extra.file}, got ${JSON.stringify(dayCounts)}`,
    );
  // The build measures exactly the collection, the same the floors get.
  rmSync(join(root, PAPERS, extra.day), { recursive: true, force: true });
  return {
    papers: counts.new,
    importS: all.wallMs / 1000,
    importGiB: all.maxRssKiB / GiB,
    oneDayS: day.wallMs / 1000,
  };
}

/** Paperboy's environment: the benchmark's papers, output folder and a cache folder of its own. */
function paperboyEnv(out: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PAPERBOY_CONTENT: `${PAPERS}/**/*.md`,
    PAPERBOY_CACHE_DIR: CACHE,
    OUT_DIR: out,
    BASE_PATH: BASE,
    SITE_URL: SITE,
  };
}

/** `npm run build` for the benchmark's papers into `out`: `astro build`, then the search index step. */
async function runPaperboy(
  out: string,
  logDir: string,
  label: string,
): Promise<{ build: TimedRun; index: TimedRun }> {
  const env = paperboyEnv(out);
  const build = record(
    assertSucceeded(await timed(process.execPath, [astroBin, 'build'], { cwd: root, env })),
    logDir,
    `${label}-build`,
  );
  const index = record(
    assertSucceeded(await timed(process.execPath, [indexCli], { cwd: root, env })),
    logDir,
    `${label}-index`,
  );
  return { build, index };
}

/**
 * Paperboy's full build. The cache folder is the benchmark's own, emptied first: a cold full build
 * that never touches the caches of other builds.
 */
async function buildPaperboy(papers: number, runDir: string, logDir: string): Promise<Built> {
  rmSync(join(root, CACHE), { recursive: true, force: true });
  const out = join(runDir, 'paperboy');
  log('building Paperboy (npm run build: astro build, then the search index)');
  const { build: run, index } = await runPaperboy(out, logDir, 'paperboy');
  const pagefind = parsePagefindLog(index.stdout + index.stderr);
  if (!pagefind) throw new Error('no "indexed N pages in M ms" line in the index output');
  log(`  search index: ${pagefind.pages} pages in ${pagefind.ms} ms`);
  const dist = measureDist(out);
  const buildGiB = run.peaks.treeKiB / GiB;
  const pagefindGiB = index.peaks.treeKiB / GiB;
  return {
    site: 'Paperboy',
    out,
    medianPaperUrl: dist.medianPaperUrl,
    result: {
      ...emptyResult('Paperboy', papers),
      ...dist,
      buildS: run.wallMs / 1000,
      pagefindS: index.wallMs / 1000,
      totalS: (run.wallMs + index.wallMs) / 1000,
      buildGiB,
      pagefindGiB,
      peakGiB: Math.max(buildGiB, pagefindGiB),
      phases: parseAstroPhases(run.stdout),
    },
  };
}

/**
 * The daily rebuild of a site already built: one new day imported into its N papers, then the site
 * built again with the caches its full build left, into an empty output folder (the deploy workflow
 * keeps the caches but starts from a fresh checkout, without the last `dist/`). The day is removed
 * again afterwards, so every site builds the same N papers.
 */
async function rebuildDaily(
  built: Built,
  papers: number,
  extra: DayFile,
  logDir: string,
): Promise<DailyResult> {
  assertSucceeded(await timed('npm', importArgs(extra), { cwd: root }));
  try {
    log(`rebuilding ${built.site} with one new day, with the caches of its full build`);
    const before = fileDigests(built.out, astroOutput);
    rmSync(built.out, { recursive: true, force: true });
    const { build, index } =
      built.site === 'Paperboy'
        ? await runPaperboy(built.out, logDir, 'paperboy-daily')
        : await runFloor(built.site, join(built.out, '..'), logDir, 'daily');
    const result: DailyResult = {
      site: built.site,
      papers,
      buildS: build.wallMs / 1000,
      indexS: index.wallMs / 1000,
      ...countRenderedPages(build.stdout),
      changed: changedPaths(before, fileDigests(built.out, astroOutput)).length,
    };
    if (built.site !== 'Paperboy') return result;
    const shards = parseShardLog(index.stdout + index.stderr);
    if (!shards) throw new Error('no "N shards (M unchanged" line in the index output');
    return { ...result, shards: shards.shards, shardsReused: shards.reused };
  } finally {
    rmSync(join(root, PAPERS, extra.day), { recursive: true, force: true });
  }
}

/** Builds a floor site written in `dir` into `dir/dist`, then indexes it with the Pagefind CLI, each timed on its own. */
async function runFloor(
  site: SiteName,
  dir: string,
  logDir: string,
  label: string,
): Promise<{ build: TimedRun; index: TimedRun }> {
  const out = join(dir, 'dist');
  const name = `${dir.split('/').pop()}${label ? `-${label}` : ''}`;
  const build = record(
    assertSucceeded(
      site === 'Hugo'
        ? await timed('hugo', ['--source', dir, '--destination', out, '--quiet'], { cwd: dir })
        : await timed(process.execPath, [astroBin, 'build'], { cwd: dir }),
    ),
    logDir,
    `${name}-build`,
  );
  log(`  indexing it with the Pagefind CLI`);
  const index = record(
    assertSucceeded(await timed(process.execPath, [pagefindBin, '--site', out], { cwd: dir })),
    logDir,
    `${name}-pagefind`,
  );
  return { build, index };
}

/** A floor site: written, built and indexed. */
async function buildFloor(site: SiteName, papers: number, runDir: string, logDir: string): Promise<Built> {
  const dir = join(runDir, site === 'Hugo' ? 'hugo-floor' : 'astro-floor');
  const out = join(dir, 'dist');
  mkdirSync(dir, { recursive: true });
  const floorOptions = { papersDir: join(root, PAPERS), base: BASE, site: SITE, outDir: out };
  if (site === 'Hugo') writeHugoFloor(dir, floorOptions);
  else writeAstroFloor(dir, join(root, 'node_modules'), floorOptions);
  log(`building the ${site} floor`);
  const { build, index } = await runFloor(site, dir, logDir, '');
  const dist = measureDist(out);
  const buildGiB = build.maxRssKiB / GiB;
  const pagefindGiB = index.maxRssKiB / GiB;
  return {
    site,
    out,
    medianPaperUrl: dist.medianPaperUrl,
    result: {
      ...emptyResult(site, papers),
      ...dist,
      buildS: build.wallMs / 1000,
      pagefindS: index.wallMs / 1000,
      totalS: (build.wallMs + index.wallMs) / 1000,
      buildGiB,
      pagefindGiB,
      peakGiB: Math.max(buildGiB, pagefindGiB),
      ...(site === 'Hugo' ? {} : { phases: parseAstroPhases(build.stdout) }),
    },
  };
}

/** First-search bytes and paper-page JS, in Chromium, for every built site. */
async function measureInBrowser(sites: Built[]): Promise<void> {
  const browser = await chromium.launch(
    testSettings.chromiumPath ? { executablePath: testSettings.chromiumPath } : {},
  );
  try {
    for (const built of sites) {
      const server = await serveSite(built.out, BASE);
      try {
        const search = await measureFirstSearch(browser, server, options.query);
        log(
          `  ${built.site}: first search for "${options.query}": ${search.results} results shown, ${search.requests} requests, ` +
            `${search.browserBytes} bytes seen by Chromium, ${search.serverBytes} bytes sent by the server`,
        );
        // The server's count: Chromium reports no body size for the worker script Pagefind loads.
        built.result.firstSearchBytes = search.serverBytes;
        if (built.medianPaperUrl !== undefined) {
          const page = await measurePage(browser, `${server.url}${built.medianPaperUrl}`);
          log(
            `  ${built.site}: median paper page /${built.medianPaperUrl}: ${page.scripts} scripts, ${page.scriptBytes} JS bytes, ${page.totalBytes} bytes in all`,
          );
          built.result.paperPageJsBytes = page.scriptBytes;
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
}

const work = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
const withHugo = options.hugo && hugoAvailable();
if (options.hugo && !withHugo) log('hugo is not installed (apt-get install -y hugo): no Hugo floor');
log(
  `work folder ${work}; ${options.real ? `real day files from ${options.real}` : `papers ${options.papers.join(', ')}, ${options.perDay} a day, seed ${options.seed}`}`,
);

const corpus = makeCorpus(options.seed);
/** The collections to build, each with its day files, and the new day its daily rebuild imports. */
function daySources(): { runs: { papers: number | undefined; files: DayFile[] }[]; extra: DayFile } {
  if (options.real) {
    const dir = resolve(options.real);
    const days = readdirSync(dir)
      .filter((name) => dayOfFile(name) !== undefined)
      .sort()
      .map((name) => ({ file: join(dir, name), day: dayOfFile(name) as string }));
    const extra = days.pop();
    if (!extra || days.length === 0)
      throw new Error(`${dir}: fewer than two day files named YYYY-MM-DD.json`);
    log(`${days.length} real day files from ${dir}, then ${extra.day} as the new day`);
    return { runs: [{ papers: undefined, files: days }], extra };
  }
  const largest = Math.max(...options.papers);
  log(
    `generating ${largest / options.perDay} Hugging Face day files (${corpus.vocabulary.length} words by Zipf rank)`,
  );
  const dataDir = join(work, 'data');
  const count = largest / options.perDay;
  const generated = writeDayFiles(dataDir, corpus, 0, count, options.perDay);
  const [extraFile] = writeDayFiles(dataDir, corpus, -1, 0, options.perDay);
  if (extraFile === undefined) throw new Error('no extra day file');
  // Oldest first, day index `count - 1` down to 0 (the newest).
  const files = generated.map((file, position) => ({ file, day: dayOfIndex(count - 1 - position) }));
  return {
    // The newest N / perDay days, oldest first: the smaller collections are subsets of the larger.
    runs: options.papers.map((papers) => ({ papers, files: files.slice(-papers / options.perDay) })),
    extra: { file: extraFile, day: dayOfIndex(-1) },
  };
}
const { runs, extra } = daySources();
const newDay = options.real ? `the new day ${extra.day}` : `one new ${options.perDay}-paper day`;

const results: SiteResult[] = [];
const imports: ImportResult[] = [];
const dailies: DailyResult[] = [];
const bytes: string[] = [];
try {
  for (const run of runs) {
    const started = performance.now();
    log(`=== ${run.papers ?? 'real'} papers ===`);
    const runDir = join(work, `n${run.papers ?? 'real'}`);
    const logDir = join(runDir, 'logs');
    const imported = await importPapers(run.files, extra, run.papers, logDir);
    imports.push(imported);
    const papers = imported.papers;
    const paperboy = await buildPaperboy(papers, runDir, logDir);
    bytes.push(`### ${papers.toLocaleString('en')} papers\n\n${bytesTables(measureBytes(paperboy.out))}`);
    const sites = [paperboy];
    if (options.floors) sites.push(await buildFloor('bare Astro', papers, runDir, logDir));
    if (withHugo) sites.push(await buildFloor('Hugo', papers, runDir, logDir));
    if (options.browser) await measureInBrowser(sites);
    // After the browser figures: a rebuild replaces the site's folder. Hugo has no cache to keep.
    if (options.daily)
      for (const built of sites.filter((site) => site.site !== 'Hugo'))
        dailies.push(await rebuildDaily(built, papers, extra, logDir));
    results.push(...sites.map((built) => built.result));
    process.stderr.write(`\n${resultsTable(sites.map((built) => built.result))}\n\n`);
    if (!options.keep) {
      log('removing the built sites');
      rmSync(runDir, { recursive: true, force: true });
    }
    log(`${papers} papers measured in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
} finally {
  if (!options.keep) {
    for (const path of [PAPERS, CACHE]) rmSync(join(root, path), { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  } else {
    log(`kept: ${work} (day files, built sites, logs) and ${join(root, PAPERS)} (the last import)`);
  }
}

const memoryNote = `Peak memory from the OS: for Paperboy, build = the astro build's process tree, Pagefind = the index step's (its node process and the pagefind process it starts), each the largest sampled sum over its process tree (from /proc every 200 ms); they run one after the other, so at once = the larger; for floors, /usr/bin/time -v of each step, run one after the other.`;
process.stdout.write(
  [
    options.real
      ? `## Build benchmark: the real day files of ${options.real} (each imported with its name as its day; the last one is the daily rebuild's new day), base ${BASE}`
      : `## Build benchmark: ${options.perDay} papers a day, seed ${options.seed}, ${corpus.vocabulary.length}-word Zipf vocabulary, base ${BASE}`,
    '',
    resultsTable(results),
    '',
    ...(options.floors ? ['Ratios from this run (Paperboy ÷ floor):', '', ratioTable(results), ''] : []),
    "Where `astro build`'s time goes, from its own log (content sync includes type generation; the Pagefind step runs after each build: Paperboy's own index step, the floors' Pagefind CLI):",
    '',
    phasesTable(results),
    '',
    options.real
      ? 'Import of the real day files (scripts/bench/import-days.ts: one process, each file with its day), then the new day through `npm run import`:'
      : 'Import through `npm run import` (one process, all day files at once; then one new day into the collection):',
    '',
    importTable(imports, newDay),
    '',
    ...(options.daily
      ? [
          'Daily rebuild: one new day imported into the N papers just built, then each site built again into an empty folder with the caches its full build left (as the deploy workflow keeps them; the bare Astro floor has the incremental build on, with a cache key per page from its papers, and is indexed in full by the Pagefind CLI):',
          '',
          dailyTable(dailies, newDay),
          '',
          "Files truly changed: files of `astro build`'s output (the search index aside) whose bytes differ from the full build's, or that are new or gone; rendered ÷ changed is the pages the rebuild rendered for each of them.",
          '',
        ]
      : []),
    "Where Paperboy's bytes go (scripts/bench/bytes.ts), by page type and by part of each HTML page, per paper:",
    '',
    ...bytes.flatMap((table) => [table, '']),
    memoryNote,
    `KB and MB are 1000 and 10^6 file bytes (what GitHub Pages counts); index = Pagefind's .pf_meta, .pf_index, .pf_fragment and .pf_filter files (its UI scripts and WASM, about 0.6 MB whatever N, count in dist only); first search = response bodies Chromium received for \`search/?q=${options.query}\` until the results in view rendered (1280×720), served with gzip for text types as Pages does.`,
    `Total time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`,
    '',
  ].join('\n'),
);
