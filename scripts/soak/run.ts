/**
 * A soak of the daily pipeline: simulated days of `daily.yml` and `deploy.yml`, each day's steps run as
 * the workflows run them, against a local server (127.0.0.1) that stands in for Hugging Face and arXiv
 * and injects one fault a day:
 *
 * - a future record (an arXiv entry dated 2099-12-31), a decompression bomb, a redirect to another
 *   host, a duplicate (a paper listed twice, an older one listed again, and a second copy of a record
 *   committed on another day), a retraction (`npm run retract`, while both sources keep serving the
 *   paper), a step killed part-way (as a timeout kills it), a forged importer index (as a poisoned cache
 *   would restore it), and a code change (a maintainer's commit, undone at its next turn);
 * - the last day has none, so that the run ends caught up.
 *
 * Each day: the maintainer's push, if the fault is one; the fetch job (a clean checkout, `npm run fetch`
 * for both sources with the simulated date, the hand-off); the commit job (the workflow's own bash:
 * the path check, then apply, commit and push); and the deploy job's build, with the build cache kept as
 * deploy.yml keeps it (restored only under the same code hash, saved after a build that succeeded).
 * The `run:` scripts are read from the workflow files, so the soak runs what GitHub runs.
 *
 * Afterwards:
 * - the store equals the store of a clean run (the same days, the same schedule, no fault), apart from
 *   the retracted papers;
 * - every paper of every day is published on its day and has its page;
 * - the last build equals a clean build of the same commit, file for file;
 * - no retracted paper is back, in the store or on any page, feed or `.bib`;
 * - no day folder lies outside the days served.
 *
 * Usage: `npm run soak` (60 days), `npm run soak -- --days 10` (in `npm test`), `--keep` keeps the work
 * folder (.test-content/soak/).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { CODE_PATHS } from '../../src/lib/cache/code-hash.ts';
import { addDays } from '../../src/lib/model/day.ts';
import { atom, compressionBomb, encoded, json, type Reply, startFakeApi } from '../../tests/fake-api.ts';
import { changedPaths, countRenderedPages, fileDigests } from '../bench/measure.ts';
import { arxivEntry, arxivFeed, arxivWindow, hfItems, type SoakPaper, soakPapers } from './papers.ts';

const FAULTS = [
  'future record',
  'bomb',
  'killed step',
  'redirect',
  'duplicate',
  // On the soak's first Saturday and Sunday: neither needs a paper of the day.
  'retraction',
  'code change',
  'forged index',
] as const;
type Fault = (typeof FAULTS)[number];

const { values } = parseArgs({
  options: { days: { type: 'string', default: '60' }, keep: { type: 'boolean', default: false } },
});
const DAY_COUNT = Number(values.days);
if (!Number.isInteger(DAY_COUNT) || DAY_COUNT < FAULTS.length + 1)
  throw new Error(
    `--days must be a whole number of at least ${FAULTS.length + 1}, for every fault and a quiet day`,
  );

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(root, '.test-content/soak');
/** The demo day is committed before the soak's first day. */
const FIRST_DAY = '2026-08-03';
const days = Array.from({ length: DAY_COUNT }, (_, index) => addDays(FIRST_DAY, index));
const papers = soakPapers(days);
const ARXIV_QUERY = 'cat:cs.CL';
const STEP_TIMEOUT_MS = 10 * 60_000;
const CLOCK = pathToFileURL(join(root, 'scripts/soak/clock.mjs')).href;

const faultOf = (index: number): Fault | undefined =>
  index < DAY_COUNT - 1 ? FAULTS[index % FAULTS.length] : undefined;

// ---- the workflows' own scripts ----

interface Step {
  id?: string;
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

function workflow(name: string): Workflow {
  return load(readFileSync(join(root, '.github/workflows', name), 'utf8')) as Workflow;
}

function script(flow: Workflow, job: string, find: (step: Step) => boolean): string {
  const run = flow.jobs[job]?.steps.find(find)?.run;
  if (run === undefined) throw new Error(`no such step in the ${job} job: the soak must follow the workflow`);
  return run;
}

const daily = workflow('daily.yml');
const deploy = workflow('deploy.yml');
const SCRIPTS = {
  hf: script(daily, 'fetch', (step) => step.id === 'hf'),
  arxiv: script(daily, 'fetch', (step) => step.id === 'arxiv'),
  handoff: script(daily, 'fetch', (step) => step.id === 'handoff'),
  checkPatch: script(daily, 'commit', (step) => step.name?.startsWith('Check that the change') === true),
  commit: script(daily, 'commit', (step) => step.id === 'commit'),
  cacheKey: script(deploy, 'build', (step) => step.id === 'code'),
  build: script(deploy, 'build', (step) => step.run?.trim() === 'npm run build'),
  checkSize: script(deploy, 'build', (step) => step.run?.trim() === 'npm run check:size'),
};
const STORE_OWNED = daily.jobs.commit?.env?.STORE_OWNED as string;

// ---- the simulated sources ----

const api = await startFakeApi();
const simulation = { today: days[0] as string, faults: true, fault: undefined as Fault | undefined };
/** Faults the server injects once: the reply for the first request whose key matches. */
const once = new Map<string, () => Reply>();
let hang: (() => void) | undefined;

const hfList = (day: string): SoakPaper[] => papers.filter((paper) => paper.hfDay === day);
const retracted = new Set<string>();

api.route(({ key, url }) => {
  const injected = once.get(key);
  if (injected !== undefined && simulation.faults) {
    once.delete(key);
    return injected();
  }
  if (key.startsWith('hf ')) {
    const day = url.searchParams.get('date') ?? '';
    if (url.searchParams.get('p') !== '0' || day > simulation.today) return json('[]');
    return json(JSON.stringify(hfItems(hfList(day))));
  }
  if (key.startsWith('arxiv ')) {
    const window = arxivWindow(url.searchParams.get('search_query') ?? '');
    if (window === undefined) return atom('<feed/>', 400);
    const found = papers.filter(
      (paper) =>
        paper.arxivDay !== undefined &&
        paper.arxivDay >= window.from &&
        paper.arxivDay <= window.to &&
        paper.arxivDay <= simulation.today,
    );
    const start = Number(url.searchParams.get('start') ?? 0);
    const max = Number(url.searchParams.get('max_results') ?? 100);
    const entries = found.slice(start, start + max).map((paper) => {
      const wrong = simulation.faults && simulation.fault === 'future record' && paper === newestArxiv();
      return arxivEntry(paper, wrong ? '2099-12-31T00:30:00Z' : undefined);
    });
    return atom(arxivFeed(entries, start, found.length));
  }
  return undefined;
});

/** The newest arXiv paper served through `through` (today), not retracted. */
function newestArxiv(through = simulation.today): SoakPaper | undefined {
  return papers.findLast(
    (paper) => paper.arxivDay !== undefined && paper.arxivDay <= through && !retracted.has(paper.arxiv),
  );
}

// ---- running steps ----

interface StepRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Runs a workflow script as GitHub does (`bash -e -o pipefail`), in its own process group, so that a
 * kill reaches npm and Node under it; `kill` kills the group when it resolves, as a timeout would.
 */
function runScript(
  cwd: string,
  text: string,
  env: Record<string, string>,
  kill?: Promise<void>,
): Promise<StepRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', text], {
      cwd,
      // npm finds the project's Node (the `node` devDependency) in the node_modules/.bin of the
      // folders above the soak's repositories.
      env: { ...process.env, NO_COLOR: '1', ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const stop = () => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      output += `\nsoak: killed after ${STEP_TIMEOUT_MS / 60_000} minutes\n`;
      stop();
    }, STEP_TIMEOUT_MS);
    void kill?.then(stop);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** A fresh checkout of the default branch's head, as each job starts from. */
function checkout(repo: string): void {
  git(repo, 'fetch', '--quiet', 'origin');
  git(repo, 'reset', '--quiet', '--hard', 'origin/main');
  git(repo, 'clean', '-ffdxq');
}

/** The step's outputs, from its `$GITHUB_OUTPUT` file. */
function outputs(file: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(file)) return found;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) found.set(line.slice(0, at), line.slice(at + 1));
  }
  return found;
}

function lastLine(output: string): string {
  return output.trim().split('\n').at(-1) ?? '';
}

const clockEnv = (day: string) => ({ NODE_OPTIONS: `--import=${CLOCK}?now=${day}T07:00:00Z` });

const sourceEnv = {
  PAPERBOY_HF_API: api.hfApi,
  PAPERBOY_ARXIV_API: api.arxivApi,
  PAPERBOY_FETCH_ALLOWED_HOSTS: '',
  PAPERBOY_FETCH_BACKOFF_MS: '10',
  PAPERBOY_ARXIV_DELAY_MS: '30',
  GITHUB_REPOSITORY: '',
};

const SITE_ENV = { SITE_URL: 'https://soak.example', BASE_PATH: '/paperboy/' };

// ---- one repository per run ----

interface Repo {
  name: string;
  dir: string;
}

function createRepo(name: string): Repo {
  const origin = join(work, `${name}.git`);
  const dir = join(work, name);
  git(work, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  git(work, 'init', '--quiet', '--initial-branch=main', dir);
  git(dir, 'remote', 'add', 'origin', origin);
  git(dir, 'config', 'user.name', 'Soak Maintainer');
  git(dir, 'config', 'user.email', 'maintainer@soak.invalid');
  for (const path of [...CODE_PATHS, 'content', '.gitignore', '.nvmrc'])
    cpSync(join(root, path), join(dir, path), { recursive: true });
  rmSync(join(dir, 'content/fetch-state.json'), { force: true });
  rmSync(join(dir, 'content/delivery-state.json'), { force: true });
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'The demo site');
  git(dir, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
  return { name, dir };
}

function push(repo: Repo, message: string): void {
  git(repo.dir, 'add', '--all');
  git(repo.dir, 'commit', '--quiet', '-m', message);
  git(repo.dir, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
}

/** The stored record files of a repository's head: path under content/ → blob. */
function storedFiles(repo: Repo): Map<string, string> {
  const files = new Map<string, string>();
  for (const line of git(repo.dir, 'ls-tree', '-r', 'origin/main', 'content').split('\n')) {
    const match = /^\d+ blob (\w+)\t(.*)$/.exec(line);
    if (match) files.set(match[2] as string, match[1] as string);
  }
  return files;
}

/** A stored record's path, by its arXiv id, in the checkout. */
function recordPath(repo: Repo, arxiv: string): string | undefined {
  const papersDir = join(repo.dir, 'content/papers');
  for (const day of readdirSync(papersDir))
    if (existsSync(join(papersDir, day, `${arxiv}.md`))) return join(papersDir, day, `${arxiv}.md`);
  return undefined;
}

// ---- a day ----

interface DayLog {
  day: string;
  fault: string;
  hf: string;
  arxiv: string;
  handoff: string;
  commit: string;
  build: string;
}

/** The maintainer's push on a fault day that is one. */
let codeChanged = false;
async function maintainerPush(repo: Repo, fault: Fault | undefined, day: string): Promise<string> {
  checkout(repo.dir);
  if (fault === 'retraction') {
    // A paper already stored, which both sources serve again in the days after (arXiv's look-back).
    const target = newestArxiv(addDays(day, -1));
    if (target === undefined) return 'nothing to retract yet';
    const run = await runScript(
      repo.dir,
      `npm run --silent retract -- ${target.arxiv} --why "Soak: withdrawn by its authors."`,
      clockEnv(day),
    );
    if (run.code !== 0) throw new Error(`npm run retract failed:\n${run.output}`);
    retracted.add(target.arxiv);
    push(repo, `Retract ${target.arxiv}`);
    return `retracted ${target.arxiv}`;
  }
  if (fault === 'duplicate') {
    // A second copy of a stored record on a later day, as an older version's interrupted move left.
    const copyDay = addDays(day, -1);
    const original = papers.findLast(
      (paper) => paper.arxivDay === undefined && paper.hfDay !== undefined && paper.hfDay < copyDay,
    );
    const from = original && recordPath(repo, original.arxiv);
    if (original === undefined || from === undefined) return 'nothing to duplicate yet';
    const text = readFileSync(from, 'utf8').replace(/\nday: '?[\d-]+'?\n/, `\nday: '${copyDay}'\n`);
    mkdirSync(join(repo.dir, 'content/papers', copyDay), { recursive: true });
    writeFileSync(join(repo.dir, 'content/papers', copyDay, `${original.arxiv}.md`), text);
    push(repo, `A second copy of ${original.arxiv} on ${copyDay}`);
    return `a copy of ${original.arxiv} committed on ${copyDay}`;
  }
  if (fault === 'code change') {
    const css = join(repo.dir, 'src/styles/global.css');
    const rule = '\n.soak-code-change {\n  outline-offset: 1px;\n}\n';
    const text = readFileSync(css, 'utf8');
    writeFileSync(css, codeChanged ? text.replace(rule, '') : `${text}${rule}`);
    codeChanged = !codeChanged;
    push(repo, codeChanged ? 'A style rule' : 'Without the style rule');
    return codeChanged ? 'a style rule added' : 'the style rule removed';
  }
  return '';
}

/** The fetch job and the commit job of one day, in `repo`. */
async function fetchAndCommit(
  repo: Repo,
  index: number,
  fault: Fault | undefined,
): Promise<Omit<DayLog, 'day' | 'fault' | 'build'>> {
  const day = days[index] as string;
  const runner = join(work, 'runner', `${repo.name}-${day}`);
  mkdirSync(runner, { recursive: true });
  const env = {
    ...sourceEnv,
    ...clockEnv(day),
    FETCH_HF: 'true',
    ARXIV_QUERY,
    SINCE: '',
    RUNNER_TEMP: runner,
    GITHUB_REF_NAME: 'main',
    GITHUB_STEP_SUMMARY: join(runner, 'summary'),
  };
  checkout(repo.dir);
  let kill: Promise<void> | undefined;
  const hfKey = `hf ${day} p0`;
  if (simulation.faults) {
    if (fault === 'bomb') {
      const bomb = await compressionBomb('gzip', 256 * 1024 * 1024);
      once.set(hfKey, () => encoded('gzip', bomb));
    } else if (fault === 'redirect') {
      once.set(hfKey, () => ({
        redirect: `http://127.0.0.2:${new URL(api.origin).port}/hf/api/daily_papers?date=${day}`,
      }));
    } else if (fault === 'killed step') {
      kill = new Promise((resolve) => {
        hang = resolve;
      });
      once.set(hfKey, () => {
        hang?.();
        return { hang: true };
      });
    } else if (fault === 'duplicate') {
      const earlier = papers.find((paper) => paper.hfDay !== undefined && paper.hfDay < day);
      const today = hfList(day);
      const listed = [...today, ...today.slice(0, 1), ...(earlier ? [earlier] : [])];
      once.set(hfKey, () => json(JSON.stringify(hfItems(listed))));
    } else if (fault === 'forged index') forgeIndex(repo, day);
  }
  const hf = await runScript(repo.dir, SCRIPTS.hf, env, kill);
  once.clear();
  const arxiv = await runScript(repo.dir, SCRIPTS.arxiv, env);
  const outputFile = join(runner, 'handoff-output');
  const handoff = await runScript(repo.dir, SCRIPTS.handoff, { ...env, GITHUB_OUTPUT: outputFile });
  const described = (run: StepRun) =>
    run.signal
      ? `killed (${run.signal})`
      : run.code === 0
        ? 'ok'
        : `failed (${run.code}): ${lastLine(run.output)}`;
  const log = { hf: described(hf), arxiv: described(arxiv), handoff: described(handoff), commit: '' };
  if (handoff.code !== 0) throw new Error(`day ${day}: the hand-off failed:\n${handoff.output}`);
  log.handoff = lastLine(handoff.output);
  if (outputs(outputFile).get('changed') !== 'true') {
    log.commit = 'nothing to commit';
    return log;
  }
  // The commit job: a fresh checkout that runs only git and bash.
  checkout(repo.dir);
  const commitEnv = { ...env, NODE_OPTIONS: '', STORE_OWNED, GITHUB_OUTPUT: join(runner, 'commit-output') };
  for (const text of [SCRIPTS.checkPatch, SCRIPTS.commit]) {
    const run = await runScript(repo.dir, text, commitEnv);
    if (run.code !== 0) throw new Error(`day ${day}: the commit job failed:\n${run.output}`);
  }
  log.commit = outputs(join(runner, 'commit-output')).get('commit')?.slice(0, 10) ?? '?';
  return log;
}

/**
 * An index cache such as a poisoned Actions cache would restore: a stored file's entry, with its real
 * hash and times, claims the paper that comes in today (its title and arXiv id).
 */
function forgeIndex(repo: Repo, day: string): void {
  const incoming = hfList(day)[0] ?? newestArxiv();
  const victim = papers.find(
    (paper) =>
      paper !== incoming && paper.hfDay !== undefined && paper.hfDay < day && !retracted.has(paper.arxiv),
  );
  const path = victim && recordPath(repo, victim.arxiv);
  if (incoming === undefined || victim === undefined || path === undefined) return;
  const key = path.slice(join(repo.dir, 'content/papers/').length);
  const hash = createHash('sha1').update(readFileSync(path)).digest('hex');
  const entry = {
    id: victim.arxiv,
    day: key.split('/')[0],
    title: incoming.title,
    arxiv: incoming.arxiv,
    hash,
  };
  writeFileSync(
    join(repo.dir, 'content/papers/.paperboy-index.json'),
    JSON.stringify({ version: 1, files: { [key]: entry } }),
  );
}

/** The build caches deploy.yml keeps: the newest saved folder per code hash. */
const caches = new Map<string, string>();

/** The deploy job's build, with the cache restored and saved as deploy.yml does. */
async function deployBuild(repo: Repo, index: number): Promise<string> {
  const day = days[index] as string;
  checkout(repo.dir);
  const runner = join(work, 'runner', `${repo.name}-${day}`);
  mkdirSync(runner, { recursive: true });
  const keyFile = join(runner, 'deploy-output');
  const key = await runScript(repo.dir, SCRIPTS.cacheKey, { ...SITE_ENV, GITHUB_OUTPUT: keyFile });
  const hash = outputs(keyFile).get('hash');
  if (key.code !== 0 || !hash) throw new Error(`day ${day}: no cache key:\n${key.output}`);
  const astroCache = join(repo.dir, 'node_modules/.astro');
  const kept = caches.get(hash);
  if (kept !== undefined) cpSync(kept, astroCache, { recursive: true });
  const started = performance.now();
  const build = await runScript(repo.dir, SCRIPTS.build, SITE_ENV);
  if (build.code !== 0) throw new Error(`day ${day}: the build failed:\n${build.output}`);
  const size = await runScript(repo.dir, SCRIPTS.checkSize, SITE_ENV);
  if (size.code !== 0) throw new Error(`day ${day}: check:size failed:\n${size.output}`);
  const seconds = (performance.now() - started) / 1000;
  // actions/cache saves the folder after a job that succeeded, under a new key.
  const saved = join(work, 'caches', `${hash}-${day}`);
  mkdirSync(join(work, 'caches'), { recursive: true });
  if (existsSync(astroCache)) renameSync(astroCache, saved);
  if (kept !== undefined) rmSync(kept, { recursive: true, force: true });
  caches.set(hash, saved);
  rmSync(join(work, 'published'), { recursive: true, force: true });
  renameSync(join(repo.dir, 'dist'), join(work, 'published'));
  const { rendered, restored } = countRenderedPages(build.output);
  return `${seconds.toFixed(1)} s, ${rendered} pages rendered, ${restored} copied${kept === undefined ? ' (no cache for this code)' : ''}`;
}

// ---- the checks ----

const problems: string[] = [];

function check(ok: boolean, what: string): void {
  console.log(`soak: ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) problems.push(what);
}

// ---- the run ----

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const started = performance.now();
try {
  const soak = createRepo('soak');
  const clean = createRepo('clean');
  console.log(`soak: ${DAY_COUNT} days from ${days[0]} to ${days.at(-1)}, one fault a day but the last`);
  for (const [index, day] of days.entries()) {
    const fault = faultOf(index);
    simulation.today = day;
    simulation.fault = fault;
    simulation.faults = true;
    const pushed = await maintainerPush(soak, fault, day);
    const fetched = await fetchAndCommit(soak, index, fault);
    const build = await deployBuild(soak, index);
    const log: DayLog = {
      day,
      fault: [fault ?? 'no fault', pushed].filter(Boolean).join(': '),
      ...fetched,
      build,
    };
    console.log(
      `soak: day ${index + 1} ${log.day} [${log.fault}]\n  hf ${log.hf}; arxiv ${log.arxiv}\n  ${log.handoff}; commit ${log.commit}\n  build ${log.build}`,
    );
    // The same day without faults, for the store to compare with.
    simulation.faults = false;
    await fetchAndCommit(clean, index, undefined);
  }
  checkout(soak.dir);
  checkout(clean.dir);

  // The store.
  const soakStore = storedFiles(soak);
  const cleanStore = storedFiles(clean);
  const isRetracted = (path: string) =>
    [...retracted].some((id) => path.endsWith(`/${id}.md`) || path.endsWith(`/${id}.yaml`));
  const storeDifferences = changedPaths(cleanStore, soakStore).filter((path) => !isRetracted(path));
  check(
    storeDifferences.length === 0,
    `the store equals a clean run's, but for ${retracted.size} retracted paper(s)${storeDifferences.length ? `: differ ${storeDifferences.slice(0, 8).join(', ')}` : ''}`,
  );
  const folders = readdirSync(join(soak.dir, 'content/papers')).filter((name) => /^\d{4}-/.test(name));
  const outside = folders.filter((folder) => folder !== '2026-07-30' && !days.includes(folder));
  check(
    outside.length === 0,
    `no day folder outside the days served${outside.length ? `: ${outside.join(', ')}` : ''}`,
  );

  // Every good paper published on its day.
  const site = join(work, 'published');
  const unpublished: string[] = [];
  for (const paper of papers) {
    if (retracted.has(paper.arxiv)) continue;
    const path = [...cleanStore.keys()].find((file) => file.endsWith(`/${paper.arxiv}.md`));
    const day = path?.split('/').at(-2);
    const dayPage = day && join(site, 'days', day, 'index.html');
    const listed =
      dayPage && existsSync(dayPage) && readFileSync(dayPage, 'utf8').includes(`papers/${paper.arxiv}/`);
    if (!listed || !existsSync(join(site, 'papers', paper.arxiv, 'index.html')))
      unpublished.push(`${paper.arxiv} (${day})`);
  }
  check(
    unpublished.length === 0,
    `every paper of every day is on its day page and has its page${unpublished.length ? `: missing ${unpublished.slice(0, 8).join(', ')}` : ''}`,
  );

  // Nothing retracted is back.
  for (const id of retracted) {
    const back = [...soakStore.keys()].filter((path) => path.endsWith(`/${id}.md`));
    const tombstone = soakStore.has(`content/papers/retracted/${id}.yaml`);
    const page = join(site, 'papers', id, 'index.html');
    const withdrawn = existsSync(page) && /noindex/.test(readFileSync(page, 'utf8'));
    const listedOn = [...fileDigests(site).keys()].filter(
      (path) =>
        /\.(html|xml|json|bib)$/.test(path) &&
        !path.startsWith(`papers/${id}/`) &&
        !path.startsWith('pagefind/') &&
        readFileSync(join(site, path), 'utf8').includes(id),
    );
    check(
      back.length === 0 && tombstone && withdrawn && listedOn.length === 0,
      `${id} stays retracted: no record, a tombstone, a withdrawn page, on no other page${listedOn.length ? ` (found on ${listedOn.slice(0, 5).join(', ')})` : ''}`,
    );
  }

  // The last build against a clean build of the same commit.
  const final = join(work, 'final');
  git(work, 'clone', '--quiet', join(work, 'soak.git'), final);
  const fresh = await runScript(final, SCRIPTS.build, SITE_ENV);
  if (fresh.code !== 0) throw new Error(`the clean build failed:\n${fresh.output}`);
  const different = changedPaths(fileDigests(site), fileDigests(join(final, 'dist')));
  check(
    different.length === 0,
    `the last build equals a clean build of the same commit${different.length ? `: ${different.length} files differ, ${different.slice(0, 8).join(', ')}` : ''}`,
  );
} finally {
  await api.close();
  if (!values.keep && problems.length === 0) rmSync(work, { recursive: true, force: true });
}

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
if (problems.length > 0) {
  console.error(`soak: ${problems.length} check(s) failed after ${DAY_COUNT} days (${minutes} min)`);
  process.exit(1);
}
console.log(`soak: ${DAY_COUNT} days, ${papers.length} papers, every check passed (${minutes} min)`);
