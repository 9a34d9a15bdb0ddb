import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Every setting Paperboy has, and the only module that reads environment variables: the Astro config,
 * the content config, the pages, the Playwright config and the scripts all import `settings` from
 * here. Each variable is checked when first used, so a typo in a deploy workflow stops the build with
 * a message instead of publishing an empty feed or localhost links. The README's configuration table
 * is checked against `ENVIRONMENT` by a test.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** One environment variable: its name, its default as the README shows it, and what it means. */
export interface EnvironmentVariable {
  name: string;
  default: string;
  meaning: string;
}

/** Every environment variable, in README order. */
export const ENVIRONMENT: readonly EnvironmentVariable[] = [
  {
    name: 'SITE_URL',
    default: 'http://localhost:4321',
    meaning: 'the site’s origin, for feeds and canonical links; required on GitHub Actions',
  },
  {
    name: 'BASE_PATH',
    default: '/',
    meaning: 'the path the site lives under, e.g. `/paperboy/` for `https://USER.github.io/paperboy/`',
  },
  {
    name: 'OUT_DIR',
    default: 'dist',
    meaning: 'where `astro build` writes the site (the e2e suite builds a second copy into `dist-root`)',
  },
  {
    name: 'PAPERBOY_CACHE_DIR',
    default: 'node_modules/.astro',
    meaning:
      "Astro's cache folder (the content store, the incremental build's pages) and the search index's unchanged shards; the deploy workflow keeps it between runs",
  },
  {
    name: 'FEED_LIMIT',
    default: '50',
    meaning: 'items in each feed: `/rss.xml`, `/atom.xml`, `/feed.json` and each topic’s',
  },
  { name: 'TOPIC_PAGE_SIZE', default: '20', meaning: 'papers per topic page' },
  { name: 'DAY_PAGE_SIZE', default: '50', meaning: 'papers per day page (the home page shows the first)' },
  {
    name: 'PAPERBOY_CONTENT',
    default: 'content/papers/**/*.md',
    meaning:
      'comma-separated globs of paper files, relative to the project root (the e2e suite adds `tests/fixtures/papers`, the benchmark its generated papers)',
  },
  {
    name: 'PAPERBOY_SEARCH_SHARD_SIZE',
    default: '2000',
    meaning:
      'most papers in one search index shard (runs of whole months, newest first; a larger month is split by day); the search page loads the newest shard first',
  },
  {
    name: 'PAPERBOY_HF_API',
    default: 'https://huggingface.co/api',
    meaning:
      'the Hugging Face API that `npm run fetch -- hf` asks; it appends `/daily_papers?date=YYYY-MM-DD`',
  },
  {
    name: 'PAPERBOY_ARXIV_API',
    default: 'https://export.arxiv.org/api/query',
    meaning: 'the arXiv query API that `npm run fetch -- arxiv` asks',
  },
  {
    name: 'PAPERBOY_FETCH_TIMEOUT_MS',
    default: '30000',
    meaning: 'milliseconds `npm run fetch` waits for a whole response before it gives up on that attempt',
  },
  {
    name: 'PAPERBOY_FETCH_BACKOFF_MS',
    default: '2000',
    meaning:
      'milliseconds `npm run fetch` waits before its first retry, doubled before each next one (at most a minute)',
  },
  {
    name: 'PAPERBOY_FETCH_MAX_BYTES',
    default: '4194304',
    meaning:
      "the most bytes `npm run fetch` reads of one response once decompressed (4 MiB), and of one Hugging Face day's pages together; a larger one is refused, not retried",
  },
  {
    name: 'PAPERBOY_FETCH_ALLOWED_HOSTS',
    default: '',
    meaning:
      'comma-separated hosts (`mirror.example`, `mirror.example:8080`) that a redirect from `PAPERBOY_HF_API` or `PAPERBOY_ARXIV_API` may lead to; a redirect to any other host is refused',
  },
  {
    name: 'PAPERBOY_ARXIV_DELAY_MS',
    default: '3000',
    meaning: 'milliseconds between two requests to arXiv, which asks for at least 3 seconds',
  },
  {
    name: 'PAPERBOY_PROPERTY_RUNS',
    default: '500',
    meaning:
      'generated inputs per property in the property-based tests (`npm run test:unit`); raise it for a longer hunt',
  },
  {
    name: 'PAPERBOY_PROPERTY_SEED',
    default: '20260728',
    meaning: 'the seed of those generated inputs; a failing run prints the seed and path that replay it',
  },
  {
    name: 'PLAYWRIGHT_CHROMIUM_PATH',
    default: '/usr/bin/chromium',
    meaning: 'the Chromium that tests and screenshots drive; empty for Playwright’s own browser',
  },
  {
    name: 'PAPERBOY_E2E_PORT',
    default: '4321',
    meaning: 'the port of the e2e suite’s base-path site; the root site takes the next one',
  },
  {
    name: 'CI',
    default: '',
    meaning:
      'set by CI services: Playwright then forbids `test.only`, uses 2 workers and starts its own servers',
  },
  {
    name: 'GITHUB_ACTIONS',
    default: '',
    meaning: 'set by GitHub Actions: `SITE_URL` must then be set',
  },
  {
    name: 'GITHUB_REPOSITORY',
    default: '',
    meaning: 'set by GitHub Actions (`OWNER/REPO`): `npm run fetch` names the repository in its User-Agent',
  },
];

/** A positive whole number, or the fallback when the variable is unset. */
export function readPositiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** The site's origin. Required on GitHub Actions, where a localhost default would end up in feeds. */
export function readSiteUrl(env: Env): string {
  if (!env.SITE_URL) {
    if (env.GITHUB_ACTIONS === 'true')
      throw new Error('SITE_URL must be set when building on GitHub Actions');
    return 'http://localhost:4321';
  }
  return new URL(readHttpUrl(env, 'SITE_URL', 'https://user.github.io')).origin;
}

/** The path the site lives under, always with leading and trailing slashes (`/`, `/paperboy/`). */
export function readBasePath(env: Env): string {
  const raw = (env.BASE_PATH ?? '').trim();
  if (raw.includes('://')) throw new Error(`BASE_PATH is a path like /paperboy/, not a URL: "${raw}"`);
  const trimmed = raw.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** An absolute http(s) URL, or the fallback when the variable is unset. */
export function readHttpUrl(env: Env, name: string, fallback: string): string {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL like ${fallback}, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  return raw;
}

/**
 * Hosts as `PAPERBOY_FETCH_ALLOWED_HOSTS` lists them: comma-separated, each a host name or address with
 * an optional port (`mirror.example`, `mirror.example:8080`, `[::1]`), lower-cased.
 */
export function readHostList(env: Env, name: string): string[] {
  const hosts: string[] = [];
  for (const raw of (env[name] ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (!/^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d{1,5})?$/.test(entry))
      throw new Error(`${name} lists hosts like mirror.example or mirror.example:8080, got "${raw.trim()}"`);
    hosts.push(entry);
  }
  return hosts;
}

/** Folders `astro build` must never write into: it empties its output folder first. */
const PROTECTED_FOLDERS = new Set([
  'src',
  'content',
  'public',
  'e2e',
  'tests',
  'scripts',
  'node_modules',
  '.git',
]);

/**
 * The build's output folder as an absolute path: anywhere but the project itself, a folder holding it,
 * or one of its source folders.
 */
export function readOutDir(env: Env, root: string): string {
  const raw = (env.OUT_DIR ?? '').trim() || 'dist';
  const outDir = resolve(root, raw);
  const holdsProject = !relative(outDir, root).startsWith('..');
  const inside = relative(root, outDir);
  const firstFolder = inside.split(/[\\/]/)[0] ?? '';
  if (holdsProject || (!inside.startsWith('..') && PROTECTED_FOLDERS.has(firstFolder)))
    throw new Error(`OUT_DIR must be a folder of its own, like dist, not "${raw}": astro build empties it`);
  return outDir;
}

/** Globs of paper files relative to the project root, as the content layer's glob loader reads them. */
export function readContentGlobs(env: Env): string[] {
  const raw = env.PAPERBOY_CONTENT ?? '';
  const globs = raw
    .split(',')
    .map((pattern) => pattern.trim())
    .filter(Boolean);
  if (globs.length === 0) return ['content/papers/**/*.md'];
  for (const glob of globs) {
    if (isAbsolute(glob) || glob.split('/').includes('..') || !glob.endsWith('.md'))
      throw new Error(
        `PAPERBOY_CONTENT globs must be relative to the project root and end in .md, got "${glob}"`,
      );
  }
  return globs;
}

/** Settings read from `env` on first use, each once. */
export function loadSettings(env: Env, root = process.cwd()) {
  const once = <T>(read: () => T): (() => T) => {
    let value: { read: T } | undefined;
    return () => {
      value ??= { read: read() };
      return value.read;
    };
  };
  const siteUrl = once(() => readSiteUrl(env));
  const basePath = once(() => readBasePath(env));
  const outDir = once(() => readOutDir(env, root));
  const cacheDir = once(() => resolve(root, (env.PAPERBOY_CACHE_DIR ?? '').trim() || 'node_modules/.astro'));
  const feedLimit = once(() => readPositiveInteger(env, 'FEED_LIMIT', 50));
  const e2ePort = once(() => readPositiveInteger(env, 'PAPERBOY_E2E_PORT', 4321));
  const topicPageSize = once(() => readPositiveInteger(env, 'TOPIC_PAGE_SIZE', 20));
  const dayPageSize = once(() => readPositiveInteger(env, 'DAY_PAGE_SIZE', 50));
  const searchShardSize = once(() => readPositiveInteger(env, 'PAPERBOY_SEARCH_SHARD_SIZE', 2000));
  const contentGlobs = once(() => readContentGlobs(env));
  const hfApi = once(() => readHttpUrl(env, 'PAPERBOY_HF_API', 'https://huggingface.co/api'));
  const arxivApi = once(() => readHttpUrl(env, 'PAPERBOY_ARXIV_API', 'https://export.arxiv.org/api/query'));
  const fetchTimeoutMs = once(() => readPositiveInteger(env, 'PAPERBOY_FETCH_TIMEOUT_MS', 30_000));
  const fetchBackoffMs = once(() => readPositiveInteger(env, 'PAPERBOY_FETCH_BACKOFF_MS', 2_000));
  const fetchMaxBytes = once(() => readPositiveInteger(env, 'PAPERBOY_FETCH_MAX_BYTES', 4 * 1024 * 1024));
  const fetchAllowedHosts = once(() => readHostList(env, 'PAPERBOY_FETCH_ALLOWED_HOSTS'));
  const arxivDelayMs = once(() => readPositiveInteger(env, 'PAPERBOY_ARXIV_DELAY_MS', 3_000));
  const propertyRuns = once(() => readPositiveInteger(env, 'PAPERBOY_PROPERTY_RUNS', 500));
  const propertySeed = once(() => readPositiveInteger(env, 'PAPERBOY_PROPERTY_SEED', 20_260_728));
  return {
    /** The project's folder, which globs and the output folder are relative to. */
    root,
    title: 'Paperboy',
    description:
      'A daily digest of research papers: abstracts, code links and topics, searchable without a server.',
    /** Days per archive page. */
    archivePageSize: 120,
    get siteUrl() {
      return siteUrl();
    },
    get basePath() {
      return basePath();
    },
    get outDir() {
      return outDir();
    },
    /**
     * Astro's cache folder (content store, incremental build) and the search index's kept shards: what
     * the deploy workflow keeps between runs so a daily rebuild only does the day's work.
     */
    get cacheDir() {
      return cacheDir();
    },
    /** Items in `/rss.xml` and in each topic feed. */
    get feedLimit() {
      return feedLimit();
    },
    /** Papers per topic page. */
    get topicPageSize() {
      return topicPageSize();
    },
    /** Papers per day page: a bulk backfill of 50,000 records on one day must not make one page. */
    get dayPageSize() {
      return dayPageSize();
    },
    get contentGlobs() {
      return contentGlobs();
    },
    /** Most papers in one search index shard: what a first search downloads grows with it, not with the collection. */
    get searchShardSize() {
      return searchShardSize();
    },
    /** The Hugging Face API base URL; the fetcher appends `/daily_papers?date=…`. */
    get hfApi() {
      return hfApi();
    },
    /** The arXiv query API URL. */
    get arxivApi() {
      return arxivApi();
    },
    /** How long one fetch attempt may take, body included. */
    get fetchTimeoutMs() {
      return fetchTimeoutMs();
    },
    /** The wait before the fetcher's first retry; doubled for each next one. */
    get fetchBackoffMs() {
      return fetchBackoffMs();
    },
    /** The most bytes of one response, decompressed: past it the fetcher stops reading and refuses it. */
    get fetchMaxBytes() {
      return fetchMaxBytes();
    },
    /** Hosts a redirect may lead to besides the configured API's own. */
    get fetchAllowedHosts() {
      return fetchAllowedHosts();
    },
    /** The pause between two requests to arXiv. */
    get arxivDelayMs() {
      return arxivDelayMs();
    },
    /** Generated inputs per property in the property-based tests. */
    get propertyRuns() {
      return propertyRuns();
    },
    /** The property-based tests' seed: fixed, so a run is reproducible. */
    get propertySeed() {
      return propertySeed();
    },
    /** `OWNER/REPO` on GitHub Actions, for the fetcher's User-Agent. */
    get githubRepository(): string | undefined {
      return env.GITHUB_REPOSITORY || undefined;
    },
    /** Debian's Chromium by default: Playwright's own browser download is not reachable everywhere. */
    get chromiumPath(): string | undefined {
      return (env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium') || undefined;
    },
    /** The e2e base-path site's port (the root site uses the next), so two checkouts can test at once. */
    get e2ePort() {
      return e2ePort();
    },
    get ci(): boolean {
      return Boolean(env.CI);
    },
  };
}

export type Settings = ReturnType<typeof loadSettings>;

export const settings: Settings = loadSettings(process.env);
