import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Every setting of the site and its tools, and the only module of `src/` that reads environment
 * variables: the Astro config, the content config, the pages and the scripts import `settings` from
 * here (the tests' own settings are in `tests/test-settings.ts`, declared the same way). Each setting
 * is declared once, in `SETTINGS`: its variable, its default, its parser and what it means. The typed
 * `settings`, the list `ENVIRONMENT` and the README's configuration table all come from that entry
 * (a test compares the table with it). Each variable is checked when first used, so a typo in a
 * deploy workflow stops the build with a message instead of publishing an empty feed or localhost links.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** What a parser is given besides the variable's value. */
export interface ParseContext {
  /** The variable's name, for messages. */
  name: string;
  /** The declared default, as the README shows it. */
  fallback: string;
  /** The whole environment, for settings that depend on another variable. */
  env: Env;
  /** The project folder, which relative paths are resolved against. */
  root: string;
}

/** One setting: an environment variable, its default as the README shows it, its parser and its meaning. */
export interface SettingDeclaration<T = unknown> {
  name: string;
  /** The default as the README shows it; empty for a variable that is unset unless a service sets it. */
  default: string;
  meaning: string;
  /** The value from the variable's text (`undefined` when unset); throws a message naming the variable. */
  parse: (raw: string | undefined, context: ParseContext) => T;
}

export type SettingDeclarations = Readonly<Record<string, SettingDeclaration>>;

/** The typed values of some declarations, one per key. */
export type SettingValues<D extends SettingDeclarations> = {
  readonly [K in keyof D]: ReturnType<D[K]['parse']>;
};

/** A positive whole number; the default when unset or empty. */
export function positiveInteger(raw: string | undefined, { name, fallback }: ParseContext): number {
  const text = raw === undefined || raw === '' ? fallback : raw;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, got "${text}"`);
  return value;
}

/** An absolute http(s) URL; the default when unset or blank. */
export function httpUrl(raw: string | undefined, { name, fallback }: ParseContext): string {
  const text = (raw ?? '').trim();
  if (text === '') return fallback;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL like ${fallback}, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${name} must be an http(s) URL, got "${text}"`);
  return text;
}

/** The site's origin. Required on GitHub Actions, where a localhost default would end up in feeds. */
export function siteUrl(raw: string | undefined, context: ParseContext): string {
  if (!raw) {
    if (context.env.GITHUB_ACTIONS === 'true')
      throw new Error(`${context.name} must be set when building on GitHub Actions`);
    return context.fallback;
  }
  return new URL(httpUrl(raw, { ...context, fallback: 'https://user.github.io' })).origin;
}

/** The path the site lives under, always with leading and trailing slashes (`/`, `/paperboy/`). */
export function basePath(raw: string | undefined, { name }: ParseContext): string {
  const text = (raw ?? '').trim();
  if (text.includes('://')) throw new Error(`${name} is a path like /paperboy/, not a URL: "${text}"`);
  const trimmed = text.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
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
export function outDir(raw: string | undefined, { name, fallback, root }: ParseContext): string {
  const text = (raw ?? '').trim() || fallback;
  const folder = resolve(root, text);
  const holdsProject = !relative(folder, root).startsWith('..');
  const inside = relative(root, folder);
  const firstFolder = inside.split(/[\\/]/)[0] ?? '';
  if (holdsProject || (!inside.startsWith('..') && PROTECTED_FOLDERS.has(firstFolder)))
    throw new Error(
      `${name} must be a folder of its own, like ${fallback}, not "${text}": astro build empties it`,
    );
  return folder;
}

/** A folder as an absolute path, relative to the project; the default when unset or blank. */
export function folder(raw: string | undefined, { fallback, root }: ParseContext): string {
  return resolve(root, (raw ?? '').trim() || fallback);
}

/** Globs of paper files relative to the project root, as the content layer's loader reads them. */
export function contentGlobs(raw: string | undefined, { name, fallback }: ParseContext): string[] {
  const globs = (raw ?? '')
    .split(',')
    .map((pattern) => pattern.trim())
    .filter(Boolean);
  if (globs.length === 0) return [fallback];
  for (const glob of globs) {
    if (isAbsolute(glob) || glob.split('/').includes('..') || !glob.endsWith('.md'))
      throw new Error(`${name} globs must be relative to the project root and end in .md, got "${glob}"`);
  }
  return globs;
}

/** Text a service sets, or `undefined`. */
export function optionalText(raw: string | undefined): string | undefined {
  return raw || undefined;
}

/** Whether a service set the variable to anything but the empty string. */
export function flag(raw: string | undefined): boolean {
  return Boolean(raw);
}

/** Every setting of the site and its tools, in README order. */
export const SETTINGS = {
  siteUrl: {
    name: 'SITE_URL',
    default: 'http://localhost:4321',
    meaning: 'the site’s origin, for feeds and canonical links; required on GitHub Actions',
    parse: siteUrl,
  },
  basePath: {
    name: 'BASE_PATH',
    default: '/',
    meaning: 'the path the site lives under, e.g. `/paperboy/` for `https://USER.github.io/paperboy/`',
    parse: basePath,
  },
  outDir: {
    name: 'OUT_DIR',
    default: 'dist',
    meaning: 'where `astro build` writes the site (the e2e suite builds a second copy into `dist-root`)',
    parse: outDir,
  },
  cacheDir: {
    name: 'PAPERBOY_CACHE_DIR',
    default: 'node_modules/.astro',
    meaning:
      'the build caches’ folder: Astro’s content store and incremental build’s pages, and the search step’s kept shards, each under the hash of the code and settings that made them, counted only once a build completed; the deploy workflow keeps it between runs',
    parse: folder,
  },
  feedLimit: {
    name: 'FEED_LIMIT',
    default: '50',
    meaning: 'items in each feed: `/rss.xml`, `/atom.xml`, `/feed.json` and each topic’s',
    parse: positiveInteger,
  },
  topicPageSize: {
    name: 'TOPIC_PAGE_SIZE',
    default: '20',
    meaning: 'papers per topic page, and per page of a week’s or a month’s ranking',
    parse: positiveInteger,
  },
  dayPageSize: {
    name: 'DAY_PAGE_SIZE',
    default: '50',
    meaning: 'papers per day page (the home page shows the first)',
    parse: positiveInteger,
  },
  contentGlobs: {
    name: 'PAPERBOY_CONTENT',
    default: 'content/papers/**/*.md',
    meaning:
      'comma-separated globs of paper files, relative to the project root (the e2e suite adds `tests/fixtures/papers`, the benchmark its generated papers)',
    parse: contentGlobs,
  },
  searchShardSize: {
    name: 'PAPERBOY_SEARCH_SHARD_SIZE',
    default: '2000',
    meaning:
      'most papers in one search index shard (runs of whole months, newest first; a larger month is split by day); the search page loads the newest shard first',
    parse: positiveInteger,
  },
  hfApi: {
    name: 'PAPERBOY_HF_API',
    default: 'https://huggingface.co/api',
    meaning:
      'the Hugging Face API that `npm run fetch -- hf` asks; it appends `/daily_papers?date=YYYY-MM-DD`',
    parse: httpUrl,
  },
  arxivApi: {
    name: 'PAPERBOY_ARXIV_API',
    default: 'https://export.arxiv.org/api/query',
    meaning: 'the arXiv query API that `npm run fetch -- arxiv` asks',
    parse: httpUrl,
  },
  fetchTimeoutMs: {
    name: 'PAPERBOY_FETCH_TIMEOUT_MS',
    default: '30000',
    meaning: 'milliseconds `npm run fetch` waits for a whole response before it gives up on that attempt',
    parse: positiveInteger,
  },
  fetchBackoffMs: {
    name: 'PAPERBOY_FETCH_BACKOFF_MS',
    default: '2000',
    meaning:
      'milliseconds `npm run fetch` waits before its first retry, doubled before each next one (at most a minute)',
    parse: positiveInteger,
  },
  arxivDelayMs: {
    name: 'PAPERBOY_ARXIV_DELAY_MS',
    default: '3000',
    meaning: 'milliseconds between two requests to arXiv, which asks for at least 3 seconds',
    parse: positiveInteger,
  },
  githubActions: {
    name: 'GITHUB_ACTIONS',
    default: '',
    meaning: 'set by GitHub Actions: `SITE_URL` must then be set',
    parse: flag,
  },
  githubRepository: {
    name: 'GITHUB_REPOSITORY',
    default: '',
    meaning: 'set by GitHub Actions (`OWNER/REPO`): `npm run fetch` names the repository in its User-Agent',
    parse: optionalText,
  },
} as const satisfies SettingDeclarations;

/** One environment variable as the README's tables list it. */
export interface EnvironmentVariable {
  name: string;
  default: string;
  meaning: string;
}

/** The variables of some declarations, in their order. */
export function environmentOf(declarations: SettingDeclarations): EnvironmentVariable[] {
  return Object.values(declarations).map(({ name, default: fallback, meaning }) => ({
    name,
    default: fallback,
    meaning,
  }));
}

/** Every environment variable of the site and its tools, in README order. */
export const ENVIRONMENT: readonly EnvironmentVariable[] = environmentOf(SETTINGS);

/** The README's table rows for some variables: name, default (or "(unset)") and meaning. */
export function environmentTable(variables: readonly EnvironmentVariable[]): string[] {
  return variables.map(
    (variable) =>
      `| \`${variable.name}\` | ${variable.default === '' ? '(unset)' : `\`${variable.default}\``} | ${variable.meaning} |`,
  );
}

/**
 * The declared settings read from `env`, each on first use and once: a bad value fails only what
 * needs it, with a message naming its variable.
 */
export function readSettings<D extends SettingDeclarations>(
  declarations: D,
  env: Env,
  root = process.cwd(),
): SettingValues<D> {
  const values = {};
  for (const [key, declaration] of Object.entries(declarations)) {
    let read: { value: unknown } | undefined;
    Object.defineProperty(values, key, {
      enumerable: true,
      get() {
        read ??= {
          value: declaration.parse(env[declaration.name], {
            name: declaration.name,
            fallback: declaration.default,
            env,
            root,
          }),
        };
        return read.value;
      },
    });
  }
  return values as SettingValues<D>;
}

/** Settings that say where a build writes, not what it writes: left out of the build caches' key. */
const WHERE_NOT_WHAT: readonly string[] = [SETTINGS.outDir.name, SETTINGS.cacheDir.name];

/**
 * The declared settings' values in `env` as `NAME=value` lines, but for the output and cache folders:
 * with the code, what the build caches are keyed on (`src/lib/cache/`).
 */
export function cacheKeySettings(env: Env): string {
  return Object.values(SETTINGS)
    .filter((declaration) => !WHERE_NOT_WHAT.includes(declaration.name))
    .map((declaration) => `${declaration.name}=${env[declaration.name] ?? ''}`)
    .join('\n');
}

/** The site's constants, and its settings read from `env`. */
export function loadSettings(env: Env, root = process.cwd()) {
  const constants = {
    /** The project's folder, which globs and the output folder are relative to. */
    root,
    title: 'Paperboy',
    description:
      'A daily digest of research papers: abstracts, code links and topics, searchable without a server.',
    /** Days per archive page. */
    archivePageSize: 120,
    /** What the build caches are keyed on besides the code (`cacheKeySettings`). */
    cacheKeySettings: cacheKeySettings(env),
  };
  return Object.defineProperties(
    constants,
    Object.getOwnPropertyDescriptors(readSettings(SETTINGS, env, root)),
  ) as typeof constants & SettingValues<typeof SETTINGS>;
}

export type Settings = ReturnType<typeof loadSettings>;

export const settings: Settings = loadSettings(process.env);
